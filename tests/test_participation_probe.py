"""Participation probes: invented passages in the styles of press releases, readouts, embassy
statements, translated Mexican communiqués and news stories, each with the who-met-whom pairs a
careful analyst would annotate (positives), or persons named in them who took part in no
meeting (negatives). Names and wording are invented; none come from the corpora."""

from __future__ import annotations

import pytest

from diplokg.corpus import Document, PartialDate
from diplokg.extract.document import extract_records

PUBLISHED = PartialDate(2024, 6, 12)


def read(nlp, ontology, text):
    document = Document(doc_id="p", file_name="p.txt", text=text, published=PUBLISHED)
    return extract_records(nlp(text), document, ontology)


def met_pairs(records):
    by_pid = {p.pid: p.names[0] for p in records.persons}
    return {frozenset(by_pid[p] for p in pair) for m in records.meetings for pair in m.pairs}


def present(records):
    """Persons of the document's main meeting (the one with most persons) or of any met pair: a
    person named alone in another event of their own ("is expected to travel to ...") may stay."""
    by_pid = {p.pid: p.names[0] for p in records.persons}
    main = max(records.meetings, key=lambda m: len(m.persons), default=None)
    found = {by_pid[p] for p in main.persons} if main else set()
    return found | {by_pid[p] for m in records.meetings for pair in m.pairs for p in pair}


def pairs(*items):
    return {frozenset(item.split(" | ")) for item in items}


# (text, pairs that must be found)
POSITIVE = [
    # 1 plain readout
    ("Secretary of State Gavin Rooke met today with Mexican Foreign Secretary Inés Cabrera Lujan in Washington.",
     pairs("Gavin Rooke | Inés Cabrera Lujan")),
    # 2 received
    ("Mexico's Secretary of Security, Octavio Brambila Nava, received U.S. Homeland Security Secretary Wendy "
     "Gallardo at the Security Cabinet offices on Monday.",
     pairs("Octavio Brambila Nava | Wendy Gallardo")),
    # 3 hosted
    ("Attorney General Russell Thorne hosted Mexico's Attorney General Damián Quiroz Beltrán at the Department "
     "of Justice on Tuesday.",
     pairs("Russell Thorne | Damián Quiroz Beltrán")),
    # 4 welcomed
    ("President Alberta Shaw welcomed Mexican President Joaquín Arreola Montes to the White House on Thursday.",
     pairs("Alberta Shaw | Joaquín Arreola Montes")),
    # 5 call
    ("Secretary Gavin Rooke spoke by phone with Foreign Secretary Inés Cabrera Lujan of Mexico on Wednesday.",
     pairs("Gavin Rooke | Inés Cabrera Lujan")),
    # 6 videoconference noun
    ("On Friday, Homeland Security Secretary Wendy Gallardo held a videoconference with Mexican Security "
     "Secretary Octavio Brambila Nava.",
     pairs("Wendy Gallardo | Octavio Brambila Nava")),
    # 7 ambassador and minister
    ("U.S. Ambassador to Mexico Colin Hartwell met with Mexico's Secretary of the Interior, Lorena Bautista "
     "Crespo, at the Interior Ministry.",
     pairs("Colin Hartwell | Lorena Bautista Crespo")),
    # 8 opened the session
    ("The Security Dialogue was held in Mexico City on Tuesday.\n\n"
     "Foreign Secretary Inés Cabrera Lujan and Secretary of State Gavin Rooke opened the session.",
     pairs("Gavin Rooke | Inés Cabrera Lujan")),
    # 9 co-chaired active
    ("Deputy Secretary of State Miriam Holt and Undersecretary for North America Arturo Villegas Paz "
     "co-chaired the fourth meeting of the Bilateral Firearms Group in El Paso on Tuesday.",
     pairs("Miriam Holt | Arturo Villegas Paz")),
    # 10 chaired with counterpart
    ("The meeting of the Migration Working Group was held in Tapachula on Monday.\n\n"
     "It was chaired by Assistant Secretary Brenda Voigt and by Undersecretary Rafael Solano Ibarra.",
     pairs("Brenda Voigt | Rafael Solano Ibarra")),
    # 11 accompanied
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Rooke was accompanied by U.S. Ambassador Colin Hartwell.",
     pairs("Gavin Rooke | Inés Cabrera Lujan", "Colin Hartwell | Inés Cabrera Lujan")),
    # 12 accompanied in the same sentence
    ("Secretary Gavin Rooke, accompanied by Ambassador Colin Hartwell, met with Mexican Foreign Secretary Inés "
     "Cabrera Lujan in Mexico City on Monday.",
     pairs("Gavin Rooke | Inés Cabrera Lujan", "Colin Hartwell | Inés Cabrera Lujan")),
    # 13 joined
    ("Attorney General Russell Thorne met with Mexican Attorney General Damián Quiroz Beltrán in Mexico City on "
     "Monday.\n\nFBI Director Nolan Prager joined the meeting.",
     pairs("Russell Thorne | Damián Quiroz Beltrán", "Nolan Prager | Damián Quiroz Beltrán")),
    # 14 was present
    ("Attorney General Russell Thorne met with Mexican Attorney General Damián Quiroz Beltrán in Mexico City on "
     "Monday.\n\nAlso present was DEA Administrator Sheila Markham.",
     pairs("Sheila Markham | Damián Quiroz Beltrán")),
    # 15 attended by list with semicolons
    ("The High-Level Security Dialogue took place in Washington on Tuesday.\n\n"
     "The dialogue was attended by Secretary of State Gavin Rooke; Homeland Security Secretary Wendy Gallardo; "
     "Foreign Secretary Inés Cabrera Lujan; and Security Secretary Octavio Brambila Nava.",
     pairs("Gavin Rooke | Inés Cabrera Lujan", "Wendy Gallardo | Octavio Brambila Nava")),
    # 16 delegation led by
    ("Officials of the United States and Mexico met in Nogales on Monday.\n\n"
     "The U.S. delegation was led by Commissioner Troy Baxter. The Mexican delegation was led by the Head of the "
     "National Customs Agency, Aurelio Fuentes Rosas.",
     pairs("Troy Baxter | Aurelio Fuentes Rosas")),
    # 17 translated communiqué: "sostuvo una reunión"
    ("The Secretary of Foreign Affairs, Inés Cabrera Lujan, held a working meeting with the United States "
     "Ambassador to Mexico, Colin Hartwell, at the Foreign Ministry.",
     pairs("Inés Cabrera Lujan | Colin Hartwell")),
    # 18 translated communiqué with participation list
    ("The Secretary of Foreign Affairs, Inés Cabrera Lujan, held a meeting with a U.S. congressional delegation "
     "headed by Senator Howard Pike.\n\n"
     "Participating in the meeting were the Undersecretary for North America, Arturo Villegas Paz, and the "
     "Ambassador of Mexico to the United States, Elena Robles Tapia.",
     pairs("Inés Cabrera Lujan | Howard Pike", "Arturo Villegas Paz | Howard Pike",
           "Elena Robles Tapia | Howard Pike")),
    # 19 trilateral
    ("Foreign Minister Claire Dubois of Canada, Secretary of State Gavin Rooke and Foreign Secretary Inés "
     "Cabrera Lujan met in Ottawa on Monday for trilateral talks.",
     pairs("Claire Dubois | Gavin Rooke", "Gavin Rooke | Inés Cabrera Lujan", "Claire Dubois | Inés Cabrera Lujan")),
    # 20 talks with
    ("Homeland Security Secretary Wendy Gallardo held talks with Mexican Security Secretary Octavio Brambila "
     "Nava in Monterrey on Thursday.",
     pairs("Wendy Gallardo | Octavio Brambila Nava")),
    # 21 paid a visit to
    ("Ambassador Colin Hartwell paid a visit to Governor Maribel Olvera Cruz of Sonora in Hermosillo on Monday.",
     pairs("Colin Hartwell | Maribel Olvera Cruz")),
    # 22 passive met
    ("Mexican Foreign Secretary Inés Cabrera Lujan was received by Secretary of State Gavin Rooke at the "
     "Department of State on Monday.",
     pairs("Gavin Rooke | Inés Cabrera Lujan")),
    # 23 news story, relative clause
    ("Gavin Rooke, the U.S. secretary of state, met on Monday with Inés Cabrera Lujan, Mexico's foreign "
     "secretary, in Mexico City.",
     pairs("Gavin Rooke | Inés Cabrera Lujan")),
    # 24 "the two met"
    ("Secretary of State Gavin Rooke arrived in Mexico City on Monday. Rooke and Foreign Secretary Inés Cabrera "
     "Lujan met at the Foreign Ministry for three hours.",
     pairs("Gavin Rooke | Inés Cabrera Lujan")),
    # 25 "sat down with"
    ("Secretary Wendy Gallardo sat down with Mexican Security Secretary Octavio Brambila Nava in Tijuana on "
     "Tuesday.",
     pairs("Wendy Gallardo | Octavio Brambila Nava")),
    # 26 "along with" companions then met
    ("Secretary of State Gavin Rooke, along with Homeland Security Secretary Wendy Gallardo, met with President "
     "Joaquín Arreola Montes at the National Palace on Tuesday.",
     pairs("Gavin Rooke | Joaquín Arreola Montes", "Wendy Gallardo | Joaquín Arreola Montes")),
    # 27 delegation included list with commas
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "The U.S. delegation included Homeland Security Secretary Wendy Gallardo, Attorney General Russell Thorne "
     "and Ambassador Colin Hartwell.",
     pairs("Wendy Gallardo | Inés Cabrera Lujan", "Russell Thorne | Inés Cabrera Lujan",
           "Colin Hartwell | Inés Cabrera Lujan")),
    # 28 met with a minister and the other side's ambassador
    ("Undersecretary Arturo Villegas Paz met with the U.S. Chargé d'Affaires, Dana Whitcomb, at the Foreign "
     "Ministry on Monday.",
     pairs("Arturo Villegas Paz | Dana Whitcomb")),
    # 29 meeting between
    ("A meeting between Secretary Wendy Gallardo and Secretary Octavio Brambila Nava took place in Mexico City "
     "on Monday.",
     pairs("Wendy Gallardo | Octavio Brambila Nava")),
    # 30 closing session
    ("The Bilateral Security Committee met in San Diego on Thursday.\n\n"
     "Undersecretary Rafael Solano Ibarra of Mexico and Assistant Secretary Brenda Voigt closed the meeting.",
     pairs("Rafael Solano Ibarra | Brenda Voigt")),
    # 31 took part in
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Mexico's Secretary of Security, Octavio Brambila Nava, also took part in the talks.",
     pairs("Gavin Rooke | Octavio Brambila Nava")),
    # 32 participated in
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Homeland Security Secretary Wendy Gallardo participated in the meeting.",
     pairs("Wendy Gallardo | Inés Cabrera Lujan")),
    # 33 "with the participation of" (translated)
    ("The Foreign Ministry hosted the Bilateral Security Dialogue in Mexico City on Monday, with the "
     "participation of Foreign Secretary Inés Cabrera Lujan and Secretary of State Gavin Rooke.",
     pairs("Gavin Rooke | Inés Cabrera Lujan")),
    # 34 "in the presence of"
    ("The agreement was signed at the National Palace on Monday by Foreign Secretary Inés Cabrera Lujan and "
     "Ambassador Colin Hartwell, in the presence of President Joaquín Arreola Montes.",
     pairs("Inés Cabrera Lujan | Colin Hartwell")),
    # 35 "the two officials discussed", preceded by met
    ("Secretary Wendy Gallardo met with Secretary Octavio Brambila Nava in Mexico City on Monday. The two "
     "officials discussed fentanyl trafficking.",
     pairs("Wendy Gallardo | Octavio Brambila Nava")),
    # 36 "led the U.S. delegation"
    ("The Bilateral Customs Group met in Laredo on Tuesday.\n\n"
     "Commissioner Troy Baxter led the U.S. delegation, and Aurelio Fuentes Rosas, head of Mexico's customs "
     "agency, led the Mexican delegation.",
     pairs("Troy Baxter | Aurelio Fuentes Rosas")),
    # 37 "joined by"
    ("Secretary Gavin Rooke, joined by Attorney General Russell Thorne, met with President Joaquín Arreola "
     "Montes in Mexico City on Tuesday.",
     pairs("Gavin Rooke | Joaquín Arreola Montes", "Russell Thorne | Joaquín Arreola Montes")),
    # 38 "On the Mexican side" attendance
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "On the Mexican side, the talks were also attended by Security Secretary Octavio Brambila Nava.",
     pairs("Gavin Rooke | Octavio Brambila Nava")),
    # 39 courtesy call
    ("Ambassador Colin Hartwell paid a courtesy call on Defense Secretary General Ernesto Zavala Ríos in "
     "Mexico City on Monday.",
     pairs("Colin Hartwell | Ernesto Zavala Ríos")),
    # 40 met separately
    ("During his visit to Mexico City on Monday, Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera "
     "Lujan and with Security Secretary Octavio Brambila Nava.",
     pairs("Gavin Rooke | Inés Cabrera Lujan", "Gavin Rooke | Octavio Brambila Nava")),
    # 41 joined in the same sentence after the main clause
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday, where they "
     "were joined by Security Secretary Octavio Brambila Nava.",
     pairs("Gavin Rooke | Inés Cabrera Lujan", "Gavin Rooke | Octavio Brambila Nava")),
    # 42 virtual meeting noun
    ("Attorney General Russell Thorne held a virtual meeting with Mexico's Attorney General Damián Quiroz "
     "Beltrán on Monday.",
     pairs("Russell Thorne | Damián Quiroz Beltrán")),
    # 43 "attended the meeting" list
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "U.S. Ambassador Colin Hartwell and Mexican Undersecretary Arturo Villegas Paz also attended the meeting.",
     pairs("Colin Hartwell | Arturo Villegas Paz", "Colin Hartwell | Inés Cabrera Lujan",
           "Gavin Rooke | Arturo Villegas Paz")),
    # 44 a name between its title and "of the <institution>"
    ("Homeland Security Secretary Wendy Gallardo met in Tapachula on Monday with Commissioner Rosendo Aguirre "
     "Lima of the National Migration Institute.",
     pairs("Wendy Gallardo | Rosendo Aguirre Lima")),
]

# (text, persons who took part in no meeting)
NEGATIVE = [
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "\u201cWe are grateful to President Alberta Shaw for her leadership,\u201d Cabrera Lujan said.",
     {"Alberta Shaw"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Rooke conveyed the greetings of President Alberta Shaw.",
     {"Alberta Shaw"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Cabrera Lujan thanked Senator Howard Pike for his support of the initiative.",
     {"Howard Pike"}),
    ("Ambassador Colin Hartwell met with Governor Maribel Olvera Cruz in Hermosillo on Monday on behalf of "
     "President Alberta Shaw.",
     {"Alberta Shaw"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "In 2016, then-Secretary Harold Mims signed a similar agreement with Mexico.",
     {"Harold Mims"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Press inquiries: Megan Ortiz, Office of the Spokesperson.",
     {"Megan Ortiz"}),
    ("By Tomás Herrera and Julia Becker\n\n"
     "MEXICO CITY (Reuters) - Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan on Monday.",
     {"Tomás Herrera", "Julia Becker"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Spokesperson Nadia Fernández told reporters the talks were productive.",
     {"Nadia Fernández"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "The talks follow the arrest last month of cartel leader Ramón Ochoa Salas.",
     {"Ramón Ochoa Salas"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Former Ambassador Victor Lang, who negotiated the 2008 initiative, has criticized the plan.",
     {"Victor Lang"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Both officials paid tribute to journalist Amalia Duarte, who was killed in Culiacán.",
     {"Amalia Duarte"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Rooke has known Foreign Minister Claire Dubois of Canada since they studied together in Geneva.",
     {"Claire Dubois"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "President Alberta Shaw is expected to travel to Mexico in the autumn.",
     {"Alberta Shaw"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Rooke said President Alberta Shaw had asked him to convey her support.",
     {"Alberta Shaw"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "The meeting was organized by the embassy's political counselor, Peter Lowry, who did not attend.",
     {"Peter Lowry"}),
    ("Secretary Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan in Mexico City on Monday.\n\n"
     "Cabrera Lujan later spoke to reporter Luis Campos of El Universal about the results.",
     set()),  # an interview is no diplomatic meeting; only checked that he meets nobody below
]


#: Known limits: the side of a participant named only with an informal title the gazetteer does
#: not list ("Security Secretary", "Undersecretary for North America") stays unknown, so their
#: pairs are not drawn. Strict: a fix makes these pass and the mark must then go.
_UNKNOWN_SIDE = pytest.mark.xfail(strict=True, reason="side of an informal title is unknown")
_KNOWN_LIMITS = {15, 18, 41}


@pytest.mark.parametrize("text,expected", [
    pytest.param(text, expected, id=f"pos{i + 1}", marks=[_UNKNOWN_SIDE] if i + 1 in _KNOWN_LIMITS else [])
    for i, (text, expected) in enumerate(POSITIVE)
])
def test_participants_are_found(nlp, ontology, text, expected):
    found = met_pairs(read(nlp, ontology, text))
    missing = expected - found
    assert not missing, sorted(tuple(sorted(p)) for p in missing)


@pytest.mark.parametrize("text,absent", NEGATIVE, ids=[f"neg{i + 1}" for i in range(len(NEGATIVE))])
def test_persons_named_but_absent_are_no_participants(nlp, ontology, text, absent):
    records = read(nlp, ontology, text)
    assert not absent & present(records), absent & present(records)
    # the main meeting is still read
    assert frozenset({"Gavin Rooke", "Inés Cabrera Lujan"}) in met_pairs(records) or "Rooke" not in text
    assert not any("Luis Campos" in pair for pair in met_pairs(records))
