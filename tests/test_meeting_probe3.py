"""Meeting probes, round 3 (blind): invented passages in readout, communiqué, press-release and
news style for six categories of meeting extraction —

1. delegation lists and cross-side pairs ("The U.S. delegation included …", "Participating for
   Mexico were …", "Joining the Secretary were …"): each side meets the other side, members of
   one delegation do not meet each other;
2. co-chaired, trilateral and multilateral meetings ("co-chaired by A, B and C", "brought
   together A (United States), B (Mexico) and C (Canada)", "A hosted B and C for …");
3. translated Mexican communiqués (titles "Mtro.", "Lic.", "Dra.", "Gral.", appositive offices
   such as "the head of the Security and Citizen Protection Secretariat (SSPC), Mtro. X",
   names with two surnames);
4. multi-sentence visits with pronouns and titles ("There she met …", "the Secretary",
   "the Ambassador"), each meeting dated separately;
5. dates relative to publication ("last Thursday", "yesterday", "earlier this week", "next
   week", "later this month", "in the first half of next year", "on March 3", "on the 20th");
6. negatives: history ("The two first met in 2019 …"), quoted persons who did not attend, a
   "Related:" list, a byline, a person who could not attend or sent a video message, a
   committee's meeting with no named participant.

All person names are invented. Published Wednesday 2025-03-12 (Monday 03-10, Tuesday 03-11,
last Thursday 03-06, last Friday 03-07, next Monday 03-17)."""

from __future__ import annotations

import pytest

from diplokg.corpus import PartialDate
from meeting_probes import ANY, check, meeting, pairs
from meeting_probes import read as read_published

PUBLISHED = PartialDate(2025, 3, 12)


#: Probes the extractors miss today (found when the probes were first run, 2026-12-04), each a
#: strict xfail with what goes wrong: the suite fails the day one starts passing (drop it then).
#: communique3/4/5/8 passed once "Mtro.", "Lic.", "Dra.", "Gral." became one token and a
#: courtesy title (segment.TITLE_ABBREVIATIONS, actors.HONORIFICS); communique7 then failed: it
#: had passed only because "Mtra." hid the principal's name.
KNOWN_MISSES = {
    "deleg2": "the date of the sentence that tells the meeting is not given to the delegation meeting",
    "deleg6": "a second-day delegation meeting is merged into the first day's private meeting",
    "cochair2": "'The trilateral meeting brought together A (country), B and C' makes no meeting",
    "cochair3": "'North American Drug Dialogue' gives a person 'Dialogue'; a Canadian minister is missed",
    "cochair4": "'Leaders' Summit' gives a person 'Leaders'; a prime minister is missed",
    "cochair5": "'..., held in P on Monday, brought together Foreign Ministers ...' makes no meeting",
    "cochair6": "'co-chaired by the Secretary of ..., X, and the ..., Y' makes no meeting",
    "cochair7": "a committee 'launched in 2021' dates the meeting 2021 and adds its founders",
    "cochair8": "'The trilateral meeting in P on Monday brought together ...' makes no meeting",
    "communique7": "'On behalf of the Secretary ..., Mtra. X, the Undersecretary met ...' makes X a participant",
    "visit2": "'The Ambassador met with ...' and 'He later met ...' are not linked to the ambassador",
    "date3": "an invented ambassador named after his title resolves to the gazetteer's holder",
    "date6": "a dialogue planned 'in the first half of next year' is not read as a meeting",
    "neg1": "'The two first met in 2019, when ...' (history) becomes a held meeting",
}


def _cases(cases: list, prefix: str) -> list:
    """The probes of one category as pytest params, known misses marked strict xfail."""
    params = []
    for i, case in enumerate(cases):
        name = f"{prefix}{i + 1}"
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[name])] if name in KNOWN_MISSES else []
        params.append(pytest.param(*case, id=name, marks=marks))
    return params


def read(nlp, ontology, text, title=None):
    return read_published(nlp, ontology, text, PUBLISHED, title)


# --- 1. delegation lists and cross-side pairs ----------------------------------------------------
# (text, meetings, number of meetings, pairs that must not be found)
DELEGATIONS = [
    # 1 "The U.S. delegation included … The Mexican delegation included …"
    ("Secretary of State Harriet Vandermolen and Mexican Foreign Secretary Aurelio Quintanar Vidaurri met in Mexico "
     "City on Monday for the fourth High-Level Security Dialogue. The U.S. delegation included Homeland Security "
     "Secretary Desmond Achterberg and Attorney General Lorraine Petrakis. The Mexican delegation included Security "
     "Secretary Josefina Arredondo Zubieta and Attorney General Teodoro Villaseñor Arizpe. The delegations reviewed "
     "progress on arms trafficking and synthetic drugs.",
     [meeting("Harriet Vandermolen | Aurelio Quintanar Vidaurri | Desmond Achterberg | Lorraine Petrakis | "
              "Josefina Arredondo Zubieta | Teodoro Villaseñor Arizpe", "2025-03-10", "Mexico City", "held")], 1,
     pairs("Harriet Vandermolen | Desmond Achterberg", "Harriet Vandermolen | Lorraine Petrakis",
           "Desmond Achterberg | Lorraine Petrakis", "Aurelio Quintanar Vidaurri | Josefina Arredondo Zubieta",
           "Aurelio Quintanar Vidaurri | Teodoro Villaseñor Arizpe",
           "Josefina Arredondo Zubieta | Teodoro Villaseñor Arizpe")),
    # 2 "was led by … and included …" on both sides, no named subject of the meeting verb
    ("Officials from the United States and Mexico met in Washington on Tuesday for the inaugural session of the "
     "Bilateral Security Implementation Group. The U.S. delegation was led by Deputy Secretary of State Cornelius "
     "Brandvold and included Deputy Homeland Security Adviser Rosalind Quackenbush and Treasury Under Secretary "
     "Lucius Haverkamp. The Mexican delegation was led by Undersecretary for North America Leopoldo Garza Anzures and "
     "included National Guard Commander Ismael Tejeda Bracamontes.",
     [meeting("Cornelius Brandvold | Rosalind Quackenbush | Lucius Haverkamp | Leopoldo Garza Anzures | "
              "Ismael Tejeda Bracamontes", "2025-03-11", "Washington", "held")], 1,
     pairs("Cornelius Brandvold | Rosalind Quackenbush", "Cornelius Brandvold | Lucius Haverkamp",
           "Rosalind Quackenbush | Lucius Haverkamp", "Leopoldo Garza Anzures | Ismael Tejeda Bracamontes")),
    # 3 "Participating for Mexico were …"
    ("Homeland Security Secretary Desmond Achterberg hosted a delegation of senior Mexican officials at DHS "
     "headquarters in Washington last Thursday. Participating for Mexico were Security Secretary Josefina Arredondo "
     "Zubieta, Navy Secretary Admiral Baltasar Ugalde Sepúlveda and National Migration Institute Commissioner "
     "Clemencia Robledo Tirado. The officials discussed maritime interdiction and migrant smuggling networks.",
     [meeting("Desmond Achterberg | Josefina Arredondo Zubieta | Baltasar Ugalde Sepúlveda | Clemencia Robledo Tirado",
              "2025-03-06", "Washington", "held")], 1,
     pairs("Josefina Arredondo Zubieta | Baltasar Ugalde Sepúlveda", "Josefina Arredondo Zubieta | Clemencia Robledo Tirado",
           "Baltasar Ugalde Sepúlveda | Clemencia Robledo Tirado")),
    # 4 "Joining the Secretary were …" and "was accompanied by …"
    ("Secretary of State Harriet Vandermolen met with Mexican President Marisol Echeverría Lizárraga at the National "
     "Palace in Mexico City on Monday. Joining the Secretary were U.S. Ambassador to Mexico Prescott Lindqvist and "
     "Assistant Secretary for Western Hemisphere Affairs Gwendolyn Okafor. President Echeverría Lizárraga was "
     "accompanied by Foreign Secretary Aurelio Quintanar Vidaurri.",
     [meeting("Harriet Vandermolen | Marisol Echeverría Lizárraga | Prescott Lindqvist | Gwendolyn Okafor | "
              "Aurelio Quintanar Vidaurri", "2025-03-10", "Mexico City", "held")], 1,
     pairs("Harriet Vandermolen | Prescott Lindqvist", "Harriet Vandermolen | Gwendolyn Okafor",
           "Prescott Lindqvist | Gwendolyn Okafor", "Marisol Echeverría Lizárraga | Aurelio Quintanar Vidaurri")),
    # 5 "On the Mexican side, the meeting was attended by …; on the U.S. side, by …"
    ("Mexican and U.S. officials held the second meeting of the Bilateral Working Group on Firearms in Monterrey on "
     "Friday. On the Mexican side, the meeting was attended by Attorney General Teodoro Villaseñor Arizpe and "
     "Customs Agency head Rigoberto Alcázar Menchaca; on the U.S. side, by ATF Director Winifred Stallworth and "
     "Ambassador Prescott Lindqvist.",
     [meeting("Teodoro Villaseñor Arizpe | Rigoberto Alcázar Menchaca | Winifred Stallworth | Prescott Lindqvist",
              "2025-03-07", "Monterrey", "held")], 1,
     pairs("Teodoro Villaseñor Arizpe | Rigoberto Alcázar Menchaca", "Winifred Stallworth | Prescott Lindqvist")),
    # 6 negative: a private meeting first, the delegations' meeting the next day; no pair across the two
    ("Secretary of State Harriet Vandermolen met privately with President Marisol Echeverría Lizárraga on Monday. "
     "On Tuesday, the Secretary led the U.S. delegation to the Security Dialogue at the Foreign Ministry in Mexico "
     "City, alongside Homeland Security Secretary Desmond Achterberg. The Mexican delegation was led by Foreign "
     "Secretary Aurelio Quintanar Vidaurri and included Security Secretary Josefina Arredondo Zubieta.",
     [meeting("Harriet Vandermolen | Marisol Echeverría Lizárraga", "2025-03-10", status="held"),
      meeting("Harriet Vandermolen | Desmond Achterberg | Aurelio Quintanar Vidaurri | Josefina Arredondo Zubieta",
              "2025-03-11", "Mexico City", "held")], 2,
     pairs("Marisol Echeverría Lizárraga | Aurelio Quintanar Vidaurri",
           "Marisol Echeverría Lizárraga | Josefina Arredondo Zubieta",
           "Marisol Echeverría Lizárraga | Desmond Achterberg", "Harriet Vandermolen | Desmond Achterberg",
           "Aurelio Quintanar Vidaurri | Josefina Arredondo Zubieta")),
    # 7 negative: "accompanied by" a colleague is no meeting with him
    ("Attorney General Lorraine Petrakis, accompanied by FBI Director Bartram Ellingwood, met with Mexico's Attorney "
     "General Teodoro Villaseñor Arizpe in Mexico City on Tuesday. The officials discussed the extradition of cartel "
     "leaders and the tracing of firearms.",
     [meeting("Lorraine Petrakis | Bartram Ellingwood | Teodoro Villaseñor Arizpe", "2025-03-11", "Mexico City",
              "held")], 1,
     pairs("Lorraine Petrakis | Bartram Ellingwood")),
    # 8 both lists after a readout lead dated "today"
    ("Homeland Security Secretary Desmond Achterberg met today in Washington with Mexican Security Secretary "
     "Josefina Arredondo Zubieta. Joining the Secretary were CBP Commissioner Horace Blakemore and ICE Director Sybil "
     "Drummond. Participating for Mexico were Ambassador Eulalio Peralta Sotomayor and SSPC Undersecretary Natalia "
     "Ochoa Revueltas.",
     [meeting("Desmond Achterberg | Josefina Arredondo Zubieta | Horace Blakemore | Sybil Drummond | "
              "Eulalio Peralta Sotomayor | Natalia Ochoa Revueltas", "2025-03-12", "Washington", "held")], 1,
     pairs("Desmond Achterberg | Horace Blakemore", "Desmond Achterberg | Sybil Drummond",
           "Horace Blakemore | Sybil Drummond", "Josefina Arredondo Zubieta | Eulalio Peralta Sotomayor",
           "Josefina Arredondo Zubieta | Natalia Ochoa Revueltas", "Eulalio Peralta Sotomayor | Natalia Ochoa Revueltas")),
]


@pytest.mark.parametrize("text,expected,count,wrong", _cases(DELEGATIONS, "deleg"))
def test_delegation_lists(nlp, ontology, text, expected, count, wrong):
    check(read(nlp, ontology, text), expected, count, wrong)


# --- 2. co-chaired, trilateral and multilateral meetings ------------------------------------------
COCHAIRED = [
    # 1 "co-chaired by A, B and C"
    ("The U.S.-Mexico Security Implementation Group met in Washington on Tuesday. The meeting was co-chaired by "
     "Deputy National Security Advisor Rosalind Quackenbush, Deputy Secretary of State Cornelius Brandvold and "
     "Mexican Undersecretary for North America Leopoldo Garza Anzures. Participants reviewed progress on port "
     "security and financial investigations.",
     [meeting("Rosalind Quackenbush | Cornelius Brandvold | Leopoldo Garza Anzures", "2025-03-11", "Washington",
              "held")], 1, set()),
    # 2 "brought together A (United States), B (Mexico) and C (Canada)"
    ("The trilateral meeting brought together Homeland Security Secretary Desmond Achterberg (United States), "
     "Security Secretary Josefina Arredondo Zubieta (Mexico) and Public Safety Minister Corwin MacIsaac (Canada) in "
     "Ottawa on Monday. The three officials agreed to share more intelligence on precursor chemicals.",
     [meeting("Desmond Achterberg | Josefina Arredondo Zubieta | Corwin MacIsaac", "2025-03-10", "Ottawa", "held")],
     1, set()),
    # 3 "A hosted B and C for the North American Drug Dialogue"
    ("Attorney General Lorraine Petrakis hosted Mexican Attorney General Teodoro Villaseñor Arizpe and Canadian "
     "Justice Minister Solange Beauchesne for the North American Drug Dialogue in Washington last Thursday. The "
     "three discussed synthetic opioids and money laundering.",
     [meeting("Lorraine Petrakis | Teodoro Villaseñor Arizpe | Solange Beauchesne", "2025-03-06", "Washington",
              "held")], 1, set()),
    # 4 a planned leaders' summit hosted by one of three
    ("Mexican President Marisol Echeverría Lizárraga will host U.S. President Winston Calloway and Canadian Prime "
     "Minister Archibald Fennimore for the North American Leaders' Summit in Mexico City in April, the Foreign "
     "Ministry announced. Security cooperation and fentanyl trafficking will top the agenda.",
     [meeting("Marisol Echeverría Lizárraga | Winston Calloway | Archibald Fennimore", "2025-04", "Mexico City",
              "planned")], 1, set()),
    # 5 a regional ministerial: "brought together Foreign Ministers A of X, B of Y and C of Z, as well as D"
    ("The Regional Ministerial Conference on Migration, held in Guatemala City on Monday, brought together Foreign "
     "Ministers Evaristo Chajón Cuxil of Guatemala, Maricruz Oyuela Paz of Honduras and Aurelio Quintanar Vidaurri "
     "of Mexico, as well as U.S. Deputy Secretary of State Cornelius Brandvold. The ministers adopted a joint "
     "declaration on migrant smuggling.",
     [meeting("Evaristo Chajón Cuxil | Maricruz Oyuela Paz | Aurelio Quintanar Vidaurri | Cornelius Brandvold",
              "2025-03-10", "Guatemala City", "held")], 1, set()),
    # 6 communiqué style: "co-chaired by the Secretary of …, X, and the …, Y"
    ("On Friday, the meeting of the Bilateral Security Group was co-chaired by the Secretary of Security and Citizen "
     "Protection, Efraín Balderrama Uribe, and the U.S. Homeland Security Advisor, Beatrix Holmgren, at the Foreign "
     "Ministry in Mexico City. Both delegations agreed to meet every three months.",
     [meeting("Efraín Balderrama Uribe | Beatrix Holmgren", "2025-03-07", "Mexico City", "held")], ANY, set()),
    # 7 negative: those who launched the committee years ago are not at this meeting
    ("The Bilateral Steering Committee, which Ambassadors Eulalio Peralta Sotomayor and Prescott Lindqvist launched "
     "in 2021, met in Mexico City on Monday under the co-chairmanship of Undersecretary Leopoldo Garza Anzures and "
     "Assistant Secretary Gwendolyn Okafor.",
     [meeting("Leopoldo Garza Anzures | Gwendolyn Okafor", "2025-03-10", "Mexico City", "held")], 1,
     pairs("Eulalio Peralta Sotomayor | Leopoldo Garza Anzures", "Eulalio Peralta Sotomayor | Gwendolyn Okafor",
           "Prescott Lindqvist | Leopoldo Garza Anzures", "Prescott Lindqvist | Gwendolyn Okafor")),
    # 8 negative: an invited observer who did not attend
    ("The trilateral meeting in Ottawa on Monday brought together Foreign Secretary Aurelio Quintanar Vidaurri, "
     "Secretary of State Harriet Vandermolen and Canadian Foreign Minister Solange Beauchesne. Guatemala's Foreign "
     "Minister, Evaristo Chajón Cuxil, who had been invited as an observer, did not attend.",
     [meeting("Aurelio Quintanar Vidaurri | Harriet Vandermolen | Solange Beauchesne", "2025-03-10", "Ottawa",
              "held")], 1,
     pairs("Evaristo Chajón Cuxil | Aurelio Quintanar Vidaurri", "Evaristo Chajón Cuxil | Harriet Vandermolen",
           "Evaristo Chajón Cuxil | Solange Beauchesne")),
]


@pytest.mark.parametrize("text,expected,count,wrong", _cases(COCHAIRED, "cochair"))
def test_cochaired_and_multilateral(nlp, ontology, text, expected, count, wrong):
    check(read(nlp, ontology, text), expected, count, wrong)


# --- 3. translated Mexican communiqués --------------------------------------------------------------
COMMUNIQUES = [
    # 1 "The Secretary of Foreign Affairs, Mtra. X, received the U.S. Ambassador, Y, at the Foreign Ministry"
    ("The Secretary of Foreign Affairs, Mtra. Rosaura Itzel Covarrubias Olmedo, received the U.S. Ambassador, "
     "Prescott Lindqvist, at the Foreign Ministry on Monday. During the meeting, the Chancellor and the Ambassador "
     "reviewed the bilateral security agenda and agreed to strengthen coordination against arms trafficking.",
     [meeting("Rosaura Itzel Covarrubias Olmedo | Prescott Lindqvist", "2025-03-10", status="held")], 1, set()),
    # 2 "The head of the Security and Citizen Protection Secretariat (SSPC), Mtro. X, met this morning with …"
    ("The head of the Security and Citizen Protection Secretariat (SSPC), Mtro. Efraín Balderrama Uribe, met this "
     "morning with the U.S. Deputy Secretary of Homeland Security, Clarissa Ravenscroft, at the Secretariat's "
     "headquarters in Mexico City. Both officials agreed to reinforce the exchange of information on criminal "
     "organizations.",
     [meeting("Efraín Balderrama Uribe | Clarissa Ravenscroft", "2025-03-12", "Mexico City", "held")], 1, set()),
    # 3 "Gral." and "Almirante": a working meeting also attended by another Mexican official
    ("The Secretary of National Defense, Gral. Hilario Montemayor Cisneros, held a working meeting on Tuesday with "
     "the Commander of U.S. Northern Command, General Thaddeus Oberholtzer, at the facilities of the Secretariat in "
     "Mexico City. The meeting was also attended by the Secretary of the Navy, Almirante Baltasar Ugalde Sepúlveda.",
     [meeting("Hilario Montemayor Cisneros | Thaddeus Oberholtzer | Baltasar Ugalde Sepúlveda", "2025-03-11",
              "Mexico City", "held")], 1,
     pairs("Hilario Montemayor Cisneros | Baltasar Ugalde Sepúlveda")),
    # 4 "Chancellor Dra. X … held a virtual meeting yesterday": no place
    ("Chancellor Dra. Yolanda Ibarrola Centeno and U.S. Secretary of State Harriet Vandermolen held a virtual meeting "
     "yesterday, in which they reviewed the progress of the Security Implementation Group. The Secretary of Foreign "
     "Affairs thanked Secretary Vandermolen for the cooperation of U.S. agencies.",
     [meeting("Yolanda Ibarrola Centeno | Harriet Vandermolen", "2025-03-11", None, "held")], 1, set()),
    # 5 "Lic." and "Mtro." in a two-person Mexican subject
    ("The Undersecretary for North America, Lic. Leopoldo Garza Anzures, and the head of the Financial Intelligence "
     "Unit, Mtro. Raúl Esquivel Santibáñez, met on Tuesday in Washington with U.S. Treasury Under Secretary Lucius "
     "Haverkamp. The Mexican officials presented the results of recent operations against money laundering.",
     [meeting("Leopoldo Garza Anzures | Raúl Esquivel Santibáñez | Lucius Haverkamp", "2025-03-11", "Washington",
              "held")], 1,
     pairs("Leopoldo Garza Anzures | Raúl Esquivel Santibáñez")),
    # 6 "Dr." and the date between verb and object: "received at the FGR headquarters on March 3 the Administrator …"
    ("The Attorney General of the Republic, Dr. Teodoro Villaseñor Arizpe, received at the FGR headquarters on March "
     "3 the Administrator of the U.S. Drug Enforcement Administration, Odessa Fairweather, with whom he discussed "
     "the extradition of fugitives and joint investigations.",
     [meeting("Teodoro Villaseñor Arizpe | Odessa Fairweather", "2025-03-03", status="held")], 1, set()),
    # 7 negative: "On behalf of the Secretary …, the Undersecretary met …": the Secretary was not there
    ("On behalf of the Secretary of Foreign Affairs, Mtra. Rosaura Itzel Covarrubias Olmedo, the Undersecretary for "
     "North America, Lic. Leopoldo Garza Anzures, met with U.S. Deputy Secretary of State Cornelius Brandvold in "
     "Washington on Monday. They discussed the implementation of the bilateral security framework.",
     [meeting("Leopoldo Garza Anzures | Cornelius Brandvold", "2025-03-10", "Washington", "held")], 1,
     pairs("Rosaura Itzel Covarrubias Olmedo | Cornelius Brandvold",
           "Rosaura Itzel Covarrubias Olmedo | Leopoldo Garza Anzures")),
    # 8 two Mexican hosts receive a congressional delegation; "on Thursday" told in the past
    ("In Mexico City, the Secretary of Foreign Affairs, Mtro. Aurelio Quintanar Vidaurri, and the Secretary of "
     "Security and Citizen Protection, Lic. Josefina Arredondo Zubieta, received on Thursday a bipartisan delegation "
     "of the U.S. Congress headed by Senator Wendell Harrowgate.",
     [meeting("Aurelio Quintanar Vidaurri | Josefina Arredondo Zubieta | Wendell Harrowgate", "2025-03-06",
              "Mexico City", "held")], 1,
     pairs("Aurelio Quintanar Vidaurri | Josefina Arredondo Zubieta")),
]


@pytest.mark.parametrize("text,expected,count,wrong", _cases(COMMUNIQUES, "communique"))
def test_mexican_communiques(nlp, ontology, text, expected, count, wrong):
    check(read(nlp, ontology, text), expected, count, wrong)


# --- 4. multi-sentence visits with pronouns and titles ---------------------------------------------
VISITS = [
    # 1 the brief's shape: traveled … There she met … On Tuesday, the Secretary visited …, where she met …
    ("Homeland Security Secretary Philippa Grunewald traveled to Mexico City on Monday. There she met with President "
     "Marisol Echeverría Lizárraga at the National Palace. On Tuesday, the Secretary visited Monterrey, where she met "
     "Nuevo León Governor Anselmo Treviño Lozano.",
     [meeting("Philippa Grunewald | Marisol Echeverría Lizárraga", "2025-03-10", "Mexico City", "held"),
      meeting("Philippa Grunewald | Anselmo Treviño Lozano", "2025-03-11", "Monterrey", "held")], 2,
     pairs("Marisol Echeverría Lizárraga | Anselmo Treviño Lozano")),
    # 2 "The Ambassador met …" and "He later met …" on the same visit
    ("U.S. Ambassador to Mexico Prescott Lindqvist visited Tijuana last Thursday. The Ambassador met with Baja "
     "California Governor Leonor Castañeda Fuentes to discuss border security. He later met with Mayor Cristóbal "
     "Ibáñez Urquidi at City Hall.",
     [meeting("Prescott Lindqvist | Leonor Castañeda Fuentes", "2025-03-06", "Tijuana", "held"),
      meeting("Prescott Lindqvist | Cristóbal Ibáñez Urquidi", "2025-03-06", "Tijuana", "held")], 2,
     pairs("Leonor Castañeda Fuentes | Cristóbal Ibáñez Urquidi")),
    # 3 "arrived in …, where he met …" then "Today, the Deputy Secretary traveled to … and met …"
    ("Deputy Secretary of State Cornelius Brandvold arrived in Mexico City on Monday, where he met with Foreign "
     "Secretary Aurelio Quintanar Vidaurri. Today, the Deputy Secretary traveled to Guadalajara and met with Jalisco "
     "Governor Fulgencio Arreola Mondragón.",
     [meeting("Cornelius Brandvold | Aurelio Quintanar Vidaurri", "2025-03-10", "Mexico City", "held"),
      meeting("Cornelius Brandvold | Fulgencio Arreola Mondragón", "2025-03-12", "Guadalajara", "held")], 2,
     pairs("Aurelio Quintanar Vidaurri | Fulgencio Arreola Mondragón")),
    # 4 "Later that day, the Ambassador met …"
    ("President Marisol Echeverría Lizárraga received U.S. Ambassador Prescott Lindqvist at the National Palace on "
     "Tuesday. Later that day, the Ambassador met with Security Secretary Efraín Balderrama Uribe at SSPC "
     "headquarters.",
     [meeting("Marisol Echeverría Lizárraga | Prescott Lindqvist", "2025-03-11", status="held"),
      meeting("Prescott Lindqvist | Efraín Balderrama Uribe", "2025-03-11", status="held")], 2,
     pairs("Marisol Echeverría Lizárraga | Efraín Balderrama Uribe")),
    # 5 "The following day, she flew to …, where she met …"
    ("Homeland Security Secretary Philippa Grunewald met with Security Secretary Efraín Balderrama Uribe in Mexico "
     "City on Monday. The following day, she flew to Ciudad Juárez, where she met with Mayor Cipriano Leyva Ontiveros "
     "and toured a migrant shelter.",
     [meeting("Philippa Grunewald | Efraín Balderrama Uribe", "2025-03-10", "Mexico City", "held"),
      meeting("Philippa Grunewald | Cipriano Leyva Ontiveros", "2025-03-11", "Ciudad Juárez", "held")], 2,
     pairs("Efraín Balderrama Uribe | Cipriano Leyva Ontiveros")),
    # 6 "On Thursday, … On Friday, he traveled to … to meet …" (both past)
    ("On Thursday, Ambassador Prescott Lindqvist met with Sonora Governor Leonor Castañeda Fuentes in Hermosillo. "
     "On Friday, he traveled to Mexicali to meet Baja California Governor Amadeo Zamarripa Quiñones.",
     [meeting("Prescott Lindqvist | Leonor Castañeda Fuentes", "2025-03-06", "Hermosillo", "held"),
      meeting("Prescott Lindqvist | Amadeo Zamarripa Quiñones", "2025-03-07", "Mexicali", "held")], 2,
     pairs("Leonor Castañeda Fuentes | Amadeo Zamarripa Quiñones")),
    # 7 negative: "the Foreign Secretary" is the Mexican counterpart, not the Secretary of State
    ("Secretary of State Harriet Vandermolen met with Foreign Secretary Aurelio Quintanar Vidaurri in Mexico City on "
     "Monday. On Tuesday, the Foreign Secretary met with Guatemalan Foreign Minister Evaristo Chajón Cuxil in "
     "Tapachula.",
     [meeting("Harriet Vandermolen | Aurelio Quintanar Vidaurri", "2025-03-10", "Mexico City", "held"),
      meeting("Aurelio Quintanar Vidaurri | Evaristo Chajón Cuxil", "2025-03-11", "Tapachula", "held")], 2,
     pairs("Harriet Vandermolen | Evaristo Chajón Cuxil")),
]


@pytest.mark.parametrize("text,expected,count,wrong", _cases(VISITS, "visit"))
def test_multi_sentence_visits(nlp, ontology, text, expected, count, wrong):
    check(read(nlp, ontology, text), expected, count, wrong)


# --- 5. dates relative to publication (Wednesday 2025-03-12) -----------------------------------------
RELATIVE_DATES = [
    # 1 "last Thursday"
    ("Secretary of State Harriet Vandermolen met with Mexican Foreign Secretary Aurelio Quintanar Vidaurri at the "
     "State Department in Washington last Thursday. The two discussed migration and the flow of fentanyl.",
     [meeting("Harriet Vandermolen | Aurelio Quintanar Vidaurri", "2025-03-06", "Washington", "held")], 1, set()),
    # 2 "yesterday"
    ("MEXICO CITY — Mexico's Security Secretary, Efraín Balderrama Uribe, met yesterday with FBI Director Bartram "
     "Ellingwood, the Security Secretariat said in a statement. The officials agreed to expand the exchange of "
     "information on fugitives.",
     [meeting("Efraín Balderrama Uribe | Bartram Ellingwood", "2025-03-11", status="held")], 1, set()),
    # 3 "earlier this week": held, no exact day
    ("Homeland Security Secretary Desmond Achterberg met with Mexico's ambassador to the United States, Eulalio "
     "Peralta Sotomayor, earlier this week in Washington. They discussed the new joint action plan on port security.",
     [meeting("Desmond Achterberg | Eulalio Peralta Sotomayor", ANY, "Washington", "held")], 1, set()),
    # 4 "next week": planned
    ("Secretary of State Harriet Vandermolen will travel to Mexico City next week to meet with President Marisol "
     "Echeverría Lizárraga, the State Department announced. The visit will be her first to Mexico as Secretary.",
     [meeting("Harriet Vandermolen | Marisol Echeverría Lizárraga", ANY, "Mexico City", "planned")], 1, set()),
    # 5 "later this month": planned, the month
    ("Attorney General Lorraine Petrakis is expected to meet with her Mexican counterpart, Teodoro Villaseñor "
     "Arizpe, in El Paso later this month. The meeting will focus on extraditions and firearms trafficking.",
     [meeting("Lorraine Petrakis | Teodoro Villaseñor Arizpe", "2025-03", "El Paso", "planned")], 1, set()),
    # 6 "in the first half of next year": planned, no day
    ("Secretary of State Harriet Vandermolen and Foreign Secretary Aurelio Quintanar Vidaurri met in Mexico City on "
     "Monday. They agreed to hold the next High-Level Security Dialogue in Washington in the first half of next year.",
     [meeting("Harriet Vandermolen | Aurelio Quintanar Vidaurri", "2025-03-10", "Mexico City", "held"),
      meeting("Harriet Vandermolen | Aurelio Quintanar Vidaurri", ANY, "Washington", "planned")], 2, set()),
    # 7 "on March 3": held
    ("Attorney General Lorraine Petrakis met with Mexican Attorney General Teodoro Villaseñor Arizpe in Washington on "
     "March 3, the Justice Department said on Wednesday. The two signed a memorandum on evidence sharing.",
     [meeting("Lorraine Petrakis | Teodoro Villaseñor Arizpe", "2025-03-03", "Washington", "held")], 1, set()),
    # 8 "on the 20th": planned, this month
    ("Homeland Security Secretary Desmond Achterberg will host Mexican Security Secretary Josefina Arredondo Zubieta "
     "at DHS headquarters in Washington on the 20th, a department spokesperson said. The two are expected to sign a "
     "border security agreement.",
     [meeting("Desmond Achterberg | Josefina Arredondo Zubieta", "2025-03-20", "Washington", "planned")], 1, set()),
    # 9 "on Monday" in the future tense: next Monday
    ("U.S. Ambassador Prescott Lindqvist will meet with Nuevo León Governor Anselmo Treviño Lozano in Monterrey on "
     "Monday to discuss security at the state's industrial parks.",
     [meeting("Prescott Lindqvist | Anselmo Treviño Lozano", "2025-03-17", "Monterrey", "planned")], 1, set()),
]


@pytest.mark.parametrize("text,expected,count,wrong", _cases(RELATIVE_DATES, "date"))
def test_relative_dates(nlp, ontology, text, expected, count, wrong):
    check(read(nlp, ontology, text), expected, count, wrong)


# --- 6. negatives ----------------------------------------------------------------------------------
NEGATIVES = [
    # 1 history: "The two first met in 2019 …" is no meeting of this story
    ("Secretary of State Harriet Vandermolen met with Foreign Secretary Aurelio Quintanar Vidaurri in Mexico City on "
     "Monday. The two first met in 2019, when both were posted as ambassadors in Ottawa.",
     [meeting("Harriet Vandermolen | Aurelio Quintanar Vidaurri", "2025-03-10", "Mexico City", "held")], 1, set()),
    # 2 quoted lawmakers who did not attend
    ("Homeland Security Secretary Desmond Achterberg met with Security Secretary Josefina Arredondo Zubieta in "
     "Washington on Tuesday to sign a joint action plan on fentanyl. “This is historic,” said Senator Wendell "
     "Harrowgate in a statement. Representative Imogen Castellanos-Burke called the agreement long overdue.",
     [meeting("Desmond Achterberg | Josefina Arredondo Zubieta", "2025-03-11", "Washington", "held")], 1,
     pairs("Wendell Harrowgate | Desmond Achterberg", "Wendell Harrowgate | Josefina Arredondo Zubieta",
           "Imogen Castellanos-Burke | Desmond Achterberg", "Imogen Castellanos-Burke | Josefina Arredondo Zubieta")),
    # 3 a "Related:" list of article titles
    ("Deputy Secretary of State Cornelius Brandvold met with Undersecretary Leopoldo Garza Anzures in Washington on "
     "Monday to review border security cooperation.\n\n"
     "Related:\n"
     "Secretary Harriet Vandermolen's Meeting With Mexican Foreign Secretary Rosaura Itzel Covarrubias Olmedo\n"
     "Deputy Secretary Cornelius Brandvold's Meeting With Guatemalan Foreign Minister Evaristo Chajón Cuxil\n",
     [meeting("Cornelius Brandvold | Leopoldo Garza Anzures", "2025-03-10", "Washington", "held")], 1,
     pairs("Harriet Vandermolen | Rosaura Itzel Covarrubias Olmedo", "Cornelius Brandvold | Evaristo Chajón Cuxil")),
    # 4 a byline and a reporting credit
    ("By Marguerite Ellsworth\n\n"
     "MEXICO CITY (Reuters) - U.S. Attorney General Lorraine Petrakis met Mexican Attorney General Teodoro Villaseñor "
     "Arizpe in Mexico City on Tuesday to discuss extraditions of cartel leaders.\n\n"
     "Reporting by Marguerite Ellsworth; Additional reporting by Julián Barrientos Olea; Editing by Howard Pennycook",
     [meeting("Lorraine Petrakis | Teodoro Villaseñor Arizpe", "2025-03-11", "Mexico City", "held")], 1,
     pairs("Marguerite Ellsworth | Lorraine Petrakis", "Marguerite Ellsworth | Teodoro Villaseñor Arizpe",
           "Julián Barrientos Olea | Lorraine Petrakis", "Julián Barrientos Olea | Teodoro Villaseñor Arizpe",
           "Howard Pennycook | Lorraine Petrakis", "Howard Pennycook | Teodoro Villaseñor Arizpe")),
    # 5 a minister who could not attend
    ("Foreign Secretary Aurelio Quintanar Vidaurri hosted U.S. Deputy Secretary of State Cornelius Brandvold and "
     "Guatemalan Foreign Minister Evaristo Chajón Cuxil in Tapachula on Monday. Honduran Foreign Minister Maricruz "
     "Oyuela Paz could not attend because of a cabinet session in Tegucigalpa.",
     [meeting("Aurelio Quintanar Vidaurri | Cornelius Brandvold | Evaristo Chajón Cuxil", "2025-03-10", "Tapachula",
              "held")], 1,
     pairs("Maricruz Oyuela Paz | Aurelio Quintanar Vidaurri", "Maricruz Oyuela Paz | Cornelius Brandvold",
           "Maricruz Oyuela Paz | Evaristo Chajón Cuxil")),
    # 6 a committee's meeting with no named participant; officials who commented from afar
    ("The Bilateral Committee on Arms Trafficking met in Mexico City on Tuesday to review progress on the tracing of "
     "seized firearms, the Foreign Ministry said. U.S. Ambassador Prescott Lindqvist and Foreign Secretary Rosaura "
     "Itzel Covarrubias Olmedo welcomed the committee's work in separate statements.",
     [meeting("", "2025-03-11", "Mexico City", "held")], 1,
     pairs("Prescott Lindqvist | Rosaura Itzel Covarrubias Olmedo")),
    # 7 a president who sent a video message
    ("Homeland Security Secretary Desmond Achterberg hosted Mexican Security Secretary Josefina Arredondo Zubieta in "
     "Washington on Monday for the launch of a joint task force on fentanyl. President Marisol Echeverría Lizárraga, "
     "who sent a video message to the opening session, praised the agreement.",
     [meeting("Desmond Achterberg | Josefina Arredondo Zubieta", "2025-03-10", "Washington", "held")], 1,
     pairs("Marisol Echeverría Lizárraga | Desmond Achterberg", "Marisol Echeverría Lizárraga | Josefina Arredondo Zubieta")),
    # 8 a spokesperson who briefed on the meeting
    ("Secretary of State Harriet Vandermolen met with Mexican Foreign Secretary Aurelio Quintanar Vidaurri in "
     "Washington on Tuesday. State Department spokesperson Annika Thorsby told reporters that the two discussed "
     "migration and the fentanyl crisis.",
     [meeting("Harriet Vandermolen | Aurelio Quintanar Vidaurri", "2025-03-11", "Washington", "held")], 1,
     pairs("Annika Thorsby | Harriet Vandermolen", "Annika Thorsby | Aurelio Quintanar Vidaurri")),
]


@pytest.mark.parametrize("text,expected,count,wrong", _cases(NEGATIVES, "neg"))
def test_negatives(nlp, ontology, text, expected, count, wrong):
    check(read(nlp, ontology, text), expected, count, wrong)
