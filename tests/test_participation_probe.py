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


# --- Issue 3: trailing participation clauses, clause-level dates, separate and duplicate events ---
# New invented passages (new cast: Whitfield, Montaño Ruiz, Kessler, Salcedo Ibáñez, Strand, …),
# written for the error categories reported on a held-out set, never from its text.

# (text, pairs that must be found, pairs that must not be found)
CLAUSES = [
    # 1 "X was joined by A, B and C" in the next sentence
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nWhitfield was joined by CBP Commissioner Marcus Delaney, ICE Director Nathan Greer "
     "and U.S. Ambassador Judith Carrow.",
     pairs("Marcus Delaney | Valeria Montaño Ruiz", "Nathan Greer | Valeria Montaño Ruiz",
           "Judith Carrow | Valeria Montaño Ruiz"), set()),
    # 2 ", and was joined by" in the meeting's own sentence
    ("Homeland Security Secretary Dolores Whitfield met on Monday with Mexican Security Secretary Valeria Montaño "
     "Ruiz in Mexico City, and was joined by CBP Commissioner Marcus Delaney and U.S. Ambassador Judith Carrow.",
     pairs("Dolores Whitfield | Valeria Montaño Ruiz", "Marcus Delaney | Valeria Montaño Ruiz",
           "Judith Carrow | Valeria Montaño Ruiz"), set()),
    # 3 the counterpart was joined by members of their own side
    ("Secretary of State Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan of Mexico in Washington on "
     "Monday. Cabrera Lujan was joined by Ambassador Elena Robles Tapia, Undersecretary Lucía Pardo Vela and "
     "Consul General Tomás Iturbe.",
     pairs("Gavin Rooke | Elena Robles Tapia", "Gavin Rooke | Lucía Pardo Vela", "Gavin Rooke | Tomás Iturbe"),
     pairs("Inés Cabrera Lujan | Lucía Pardo Vela")),
    # 4 translated communiqué: the host "accompanied by A and by B" (companions, not counterparts)
    ("Mexican Foreign Secretary Rodrigo Salcedo Ibáñez received U.S. Deputy Secretary of State Aaron Kessler at "
     "the Foreign Ministry on Tuesday, accompanied by the Undersecretary for North America, Lucía Pardo Vela, and "
     "by the Head of the Unit for North America, Gerardo Molina Ortega.",
     pairs("Rodrigo Salcedo Ibáñez | Aaron Kessler", "Lucía Pardo Vela | Aaron Kessler",
           "Gerardo Molina Ortega | Aaron Kessler"),
     pairs("Rodrigo Salcedo Ibáñez | Lucía Pardo Vela", "Rodrigo Salcedo Ibáñez | Gerardo Molina Ortega")),
    # 5 "in a meeting in which A and B also participated"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday, in a meeting in which CBP Commissioner Marcus Delaney and Mexican Navy Secretary "
     "Fernando Ochoa Ríos also participated.",
     pairs("Marcus Delaney | Valeria Montaño Ruiz", "Dolores Whitfield | Fernando Ochoa Ríos",
           "Marcus Delaney | Fernando Ochoa Ríos"), set()),
    # 6 "The meeting, in which A, B and C also took part, focused on …"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nThe meeting, in which CBP Commissioner Marcus Delaney, ICE Director Nathan Greer "
     "and Mexican Navy Secretary Fernando Ochoa Ríos also took part, focused on port security.",
     pairs("Marcus Delaney | Valeria Montaño Ruiz", "Nathan Greer | Fernando Ochoa Ríos",
           "Dolores Whitfield | Fernando Ochoa Ríos"), set()),
    # 7 a name in apposition after a long title with an acronym
    ("Homeland Security Secretary Dolores Whitfield visited the port of entry in Nogales on Tuesday, where she met "
     "with the regional administrator of the Federal Border Coordination Agency (FBCA), Ismael Robles Guerra.",
     pairs("Dolores Whitfield | Ismael Robles Guerra"), set()),
    # 8 the same after "the general administrator of Mexico's …"
    ("CBP Commissioner Marcus Delaney met in Tijuana on Friday with the general administrator of Mexico's Tax "
     "Administration Service, Héctor Villalpando Cruz.",
     pairs("Marcus Delaney | Héctor Villalpando Cruz"), set()),
    # 9 "Also joining Secretary X were A and B"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nAlso joining Secretary Whitfield were CBP Commissioner Marcus Delaney and ICE "
     "Director Nathan Greer.",
     pairs("Marcus Delaney | Valeria Montaño Ruiz", "Nathan Greer | Valeria Montaño Ruiz"), set()),
    # 10 "A and B also joined Secretary X" (no place: joining the participant, not a trip)
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nCBP Commissioner Marcus Delaney and ICE Director Nathan Greer also joined "
     "Secretary Whitfield.",
     pairs("Marcus Delaney | Valeria Montaño Ruiz", "Nathan Greer | Valeria Montaño Ruiz"), set()),
    # 11 the counterpart "who was accompanied by" a member of their side
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz, who "
     "was accompanied by the commander of the National Guard, General Fernando Ochoa Ríos, in Mexico City on "
     "Monday.",
     pairs("Dolores Whitfield | Valeria Montaño Ruiz", "Dolores Whitfield | Fernando Ochoa Ríos"),
     pairs("Valeria Montaño Ruiz | Fernando Ochoa Ríos")),
    # 12 "talks, in which the heads …, A and B, also took part"
    ("Secretary of State Gavin Rooke held talks with Mexican Foreign Secretary Inés Cabrera Lujan in Mexico City "
     "on Monday. CBP Commissioner Marcus Delaney and Héctor Villalpando Cruz, the head of Mexico's Tax "
     "Administration Service, also took part in the talks.",
     pairs("Marcus Delaney | Héctor Villalpando Cruz", "Gavin Rooke | Héctor Villalpando Cruz",
           "Marcus Delaney | Inés Cabrera Lujan"), set()),
    # 13 "accompanied by A and by B" in the next sentence, lower-case titles (news style)
    ("Gavin Rooke, the U.S. secretary of state, met with Inés Cabrera Lujan, Mexico's foreign secretary, in "
     "Mexico City on Monday. Rooke was accompanied by his deputy, Aaron Kessler, and by Brenda Voigt, the "
     "assistant secretary for Western Hemisphere affairs.",
     pairs("Aaron Kessler | Inés Cabrera Lujan", "Brenda Voigt | Inés Cabrera Lujan"), set()),
    # 14 "The Secretary was accompanied by …": the Secretary is the subject just told, not the counterpart
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. The Secretary was accompanied by U.S. Ambassador Judith Carrow and by the Director of "
     "the Office of International Affairs, Leonard Maitland.",
     pairs("Judith Carrow | Valeria Montaño Ruiz", "Leonard Maitland | Valeria Montaño Ruiz"),
     pairs("Dolores Whitfield | Judith Carrow", "Dolores Whitfield | Leonard Maitland")),
    # 15 translated communiqué: "Joining the Foreign Secretary were …"
    ("Foreign Secretary Rodrigo Salcedo Ibáñez received U.S. Deputy Secretary of State Aaron Kessler at the Foreign "
     "Ministry on Tuesday.\n\nJoining the Foreign Secretary were the Undersecretary for North America, Lucía Pardo "
     "Vela, and the Head of the Consular Affairs Unit, Gerardo Molina Ortega.",
     pairs("Aaron Kessler | Lucía Pardo Vela", "Aaron Kessler | Gerardo Molina Ortega"),
     pairs("Rodrigo Salcedo Ibáñez | Lucía Pardo Vela")),
    # 16 White House readout of a virtual meeting: "President X was joined by …"
    ("President Alberta Shaw held a virtual meeting with Mexican President Joaquín Arreola Montes on Tuesday. "
     "President Shaw was joined by Secretary of State Gavin Rooke, Homeland Security Secretary Dolores Whitfield "
     "and National Security Advisor Philip Andrade.",
     pairs("Gavin Rooke | Joaquín Arreola Montes", "Dolores Whitfield | Joaquín Arreola Montes",
           "Philip Andrade | Joaquín Arreola Montes"),
     pairs("Alberta Shaw | Gavin Rooke", "Alberta Shaw | Philip Andrade")),
    # 17 "in which <title>, <Name>, and <title>, <Name>, also participated"
    ("Secretary of State Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan of Mexico in Mexico City on "
     "Monday, in a meeting in which Mexico's Secretary of the Navy, Admiral Fernando Ochoa Ríos, and the Attorney "
     "General of Mexico, Damián Quiroz Beltrán, also participated.",
     pairs("Gavin Rooke | Fernando Ochoa Ríos", "Gavin Rooke | Damián Quiroz Beltrán"),
     pairs("Inés Cabrera Lujan | Fernando Ochoa Ríos")),
    # 18 "X, who was accompanied by A, met with Y"
    ("Homeland Security Secretary Dolores Whitfield, who was accompanied by CBP Commissioner Marcus Delaney, met "
     "with Mexican Security Secretary Valeria Montaño Ruiz in Tijuana on Monday.",
     pairs("Dolores Whitfield | Valeria Montaño Ruiz", "Marcus Delaney | Valeria Montaño Ruiz"),
     pairs("Dolores Whitfield | Marcus Delaney")),
    # 19 "She was joined by A and B"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. She was joined by CBP Commissioner Marcus Delaney and ICE Director Nathan Greer.",
     pairs("Marcus Delaney | Valeria Montaño Ruiz", "Nathan Greer | Valeria Montaño Ruiz"),
     pairs("Dolores Whitfield | Marcus Delaney")),
    # 20 the host: "He was accompanied by <title>, <Name>"
    ("Mexican Foreign Secretary Rodrigo Salcedo Ibáñez received U.S. Deputy Secretary of State Aaron Kessler at "
     "the Foreign Ministry on Tuesday. He was accompanied by the Undersecretary for North America, Lucía Pardo Vela.",
     pairs("Aaron Kessler | Lucía Pardo Vela"), pairs("Rodrigo Salcedo Ibáñez | Lucía Pardo Vela")),
]

# (text, persons who must not take part in any meeting)
CLAUSE_NEGATIVES = [
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nSenator Paul Strand, who was joined by Representative Leah Osborne, criticized the "
     "plan in a statement.",
     {"Paul Strand", "Leah Osborne"}),
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nThe announcement was accompanied by a letter from President Ana Lucía Cortés.",
     {"Ana Lucía Cortés"}),
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nWhitfield was accompanied on her 2021 trip by then-Commissioner Harold Dunne.",
     {"Harold Dunne"}),
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nThe border forum, in which Governor Maribel Olvera Cruz participated last year, "
     "will meet again in 2025.",
     {"Maribel Olvera Cruz"}),
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday.\n\nCommissioner Marcus Delaney, who joined the agency in 2019, did not travel.",
     {"Marcus Delaney"}),
]


#: Known limit (persons, not participation): a rank between an appositive title and the name
#: ("Mexico's Secretary of the Navy, Admiral X") leaves X with the title "Admiral" and no country,
#: so no side; strict, the mark must go when the person rules read the longer title.
_RANK_TITLE = pytest.mark.xfail(strict=True, reason="a rank after an appositive title hides the title's country")


@pytest.mark.parametrize("text,expected,wrong", [
    pytest.param(text, expected, wrong, id=f"clause{i + 1}", marks=[_RANK_TITLE] if i + 1 == 17 else [])
    for i, (text, expected, wrong) in enumerate(CLAUSES)
])
def test_trailing_participation_clauses(nlp, ontology, text, expected, wrong):
    found = met_pairs(read(nlp, ontology, text))
    assert not expected - found, sorted(tuple(sorted(p)) for p in expected - found)
    assert not wrong & found, sorted(tuple(sorted(p)) for p in wrong & found)


@pytest.mark.parametrize("text,absent", [
    pytest.param(text, absent, id=f"clauseneg{i + 1}") for i, (text, absent) in enumerate(CLAUSE_NEGATIVES)
])
def test_trailing_clauses_add_no_outsiders(nlp, ontology, text, absent):
    records = read(nlp, ontology, text)
    assert not absent & present(records), absent & present(records)
    assert frozenset({"Dolores Whitfield", "Valeria Montaño Ruiz"}) in met_pairs(records)


ANY = object()


def meeting(persons, date=ANY, place=ANY, status=ANY):
    return (frozenset(persons.split(" | ")), date, place, status)


# (text, meetings that must be read — persons exactly, and date / place label / status where
# given —, number of meetings, pairs that must not be found). Published Wednesday 2024-06-12.
EVENTS = [
    # 1 "Separately, Y will meet …": its own meeting, on the day of the visit just told
    ("Homeland Security Secretary Dolores Whitfield will travel to Mexico City on Monday to meet with Mexican "
     "Security Secretary Valeria Montaño Ruiz. Separately, Deputy Secretary of State Aaron Kessler will meet with "
     "Foreign Secretary Rodrigo Salcedo Ibáñez.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-17", "Mexico City", "planned"),
      meeting("Aaron Kessler | Rodrigo Salcedo Ibáñez", "2024-06-17", status="planned")], 2,
     pairs("Aaron Kessler | Valeria Montaño Ruiz")),
    # 2 "Separately, X met …" (same subject, another counterpart): a second meeting that day
    ("Secretary of State Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan of Mexico in Mexico City on "
     "Monday. Separately, Rooke and U.S. Ambassador Judith Carrow met with Mexican Security Secretary Valeria "
     "Montaño Ruiz.",
     [meeting("Gavin Rooke | Inés Cabrera Lujan", "2024-06-10", "Mexico City", "held"),
      meeting("Gavin Rooke | Judith Carrow | Valeria Montaño Ruiz", "2024-06-10", status="held")], 2,
     pairs("Judith Carrow | Inés Cabrera Lujan")),
    # 3 "Later that day, X met …"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. Later that day, Whitfield met with Foreign Secretary Rodrigo Salcedo Ibáñez at the "
     "Foreign Ministry.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-10", "Mexico City", "held"),
      meeting("Dolores Whitfield | Rodrigo Salcedo Ibáñez", "2024-06-10", status="held")], 2, set()),
    # 4 "X also met with …"
    ("On Tuesday, Deputy Secretary of State Aaron Kessler met with Mexican Foreign Secretary Rodrigo Salcedo "
     "Ibáñez at the Foreign Ministry. Kessler also met with Security Secretary Valeria Montaño Ruiz.",
     [meeting("Aaron Kessler | Rodrigo Salcedo Ibáñez", "2024-06-11", status="held"),
      meeting("Aaron Kessler | Valeria Montaño Ruiz", "2024-06-11", status="held")], 2, set()),
    # 5 a reception at one venue, a meeting later that day at another
    ("President Ana Lucía Cortés received Secretary of State Gavin Rooke at the National Palace on Monday. Later on "
     "Monday, Rooke met with Security Secretary Valeria Montaño Ruiz at the headquarters of the Security Cabinet.",
     [meeting("Ana Lucía Cortés | Gavin Rooke", "2024-06-10", status="held"),
      meeting("Gavin Rooke | Valeria Montaño Ruiz", "2024-06-10", status="held")], 2, set()),
    # 6 a call, then an agreement to meet in person later this month
    ("Attorney General Russell Thorne held a virtual meeting with Mexico's Attorney General Damián Quiroz Beltrán "
     "on Tuesday. The two agreed to meet in person in Washington later this month.",
     [meeting("Russell Thorne | Damián Quiroz Beltrán", "2024-06-11", None, "held"),
      meeting("Russell Thorne | Damián Quiroz Beltrán", "2024-06", "Washington", "planned")], 2, set()),
    # 7 the same with "They agreed to meet again"
    ("Attorney General Russell Thorne spoke by phone with Mexico's Attorney General Damián Quiroz Beltrán on "
     "Tuesday. They agreed to meet again in person in Mexico City in July.",
     [meeting("Russell Thorne | Damián Quiroz Beltrán", "2024-06-11", None, "held"),
      meeting("Russell Thorne | Damián Quiroz Beltrán", "2024-07", "Mexico City", "planned")], 2, set()),
    # 8 a title-case headline and the body tell one meeting
    ("Secretaries Whitfield and Montaño Ruiz Meet at Arizona Border\n\n"
     "NOGALES, Arizona — U.S. Homeland Security Secretary Dolores Whitfield and Mexican Security Secretary "
     "Valeria Montaño Ruiz met on Tuesday at the Mariposa port of entry to discuss fentanyl seizures.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-11", "Nogales", "held")], 1, set()),
    # 9 a back-reference ("Tuesday's meeting was the first visit … since 2019") is the same meeting
    ("U.S., Mexican Security Chiefs Meet at Texas Border Crossing\n\n"
     "EL PASO, Texas (AP) — U.S. Homeland Security Secretary Dolores Whitfield met Tuesday with Mexico's security "
     "secretary, Valeria Montaño Ruiz, at the Bridge of the Americas.\n\n"
     "Tuesday's meeting was the first visit by a U.S. cabinet secretary to the crossing since 2019.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-11", "El Paso", "held")], 1, set()),
    # 10 the same with "The meeting was the third between …"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Ciudad Juárez on Tuesday.\n\nThe meeting was the third visit by Whitfield to the border this year.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-11", "Ciudad Juárez", "held")], 1, set()),
    # 11 a trip to two cities and its two meetings: two meetings, not four
    ("Secretary Whitfield to Visit Mexico City and Monterrey\n\n"
     "WASHINGTON — Homeland Security Secretary Dolores Whitfield will travel to Mexico City and Monterrey next "
     "week. In Mexico City, Whitfield will meet with Mexican Security Secretary Valeria Montaño Ruiz on June 18. "
     "In Monterrey, she will meet with Governor Esteban Lozoya Treviño of Nuevo León on June 19.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-18", "Mexico City", "planned"),
      meeting("Dolores Whitfield | Esteban Lozoya Treviño", "2024-06-19", "Monterrey", "planned")], 2, set()),
    # 12 a trip to a country, then its meetings in two cities
    ("Homeland Security Secretary Dolores Whitfield will travel to Mexico on June 18 and 19. On June 18, she will "
     "meet with Security Secretary Valeria Montaño Ruiz in Mexico City. On June 19, Whitfield will meet with "
     "Governor Esteban Lozoya Treviño of Nuevo León in Monterrey.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-18", "Mexico City", "planned"),
      meeting("Dolores Whitfield | Esteban Lozoya Treviño", "2024-06-19", "Monterrey", "planned")], 2, set()),
    # 13 delegation members meet different hosts
    ("U.S. Consulate General Announces Visit of Congressional Delegation\n\n"
     "MONTERREY — A U.S. congressional delegation led by Senator Paul Strand will visit Monterrey on June 20. "
     "During the visit, Senator Strand will meet with Governor Esteban Lozoya Treviño, and Representative Leah "
     "Osborne will meet with the Mayor of Monterrey, Carmen Ybarra Soto.",
     [meeting("Paul Strand | Esteban Lozoya Treviño", "2024-06-20", "Monterrey", "planned"),
      meeting("Leah Osborne | Carmen Ybarra Soto", "2024-06-20", "Monterrey", "planned")], 2,
     pairs("Paul Strand | Carmen Ybarra Soto", "Leah Osborne | Esteban Lozoya Treviño", "Paul Strand | Leah Osborne")),
    # 14 the same in separate sentences, one member touring with nobody named
    ("A U.S. congressional delegation led by Senator Paul Strand will visit Monterrey on June 20. Senator Strand "
     "will meet with Governor Esteban Lozoya Treviño. Representative Leah Osborne will meet with Mayor Carmen "
     "Ybarra Soto, and Representative Doug Kimball will tour a water treatment plant with state officials.",
     [meeting("Paul Strand | Esteban Lozoya Treviño", "2024-06-20", "Monterrey", "planned"),
      meeting("Leah Osborne | Carmen Ybarra Soto", status="planned")], 2,
     pairs("Paul Strand | Carmen Ybarra Soto", "Leah Osborne | Esteban Lozoya Treviño",
           "Doug Kimball | Carmen Ybarra Soto", "Doug Kimball | Leah Osborne")),
    # 15 "the delegation" after a sentence that only tells its arrival
    ("A U.S. congressional delegation led by Senator Paul Strand arrived in Monterrey on Monday. On Tuesday, the "
     "delegation met with Governor Esteban Lozoya Treviño of Nuevo León.",
     [meeting("Paul Strand | Esteban Lozoya Treviño", "2024-06-11", status="held")], ANY, set()),
    # 16 a later "On Thursday, X will …" keeps its subject and its day
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Tuesday. On Thursday, she will be received by President Ana Lucía Cortés at the National "
     "Palace.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-11", "Mexico City", "held"),
      meeting("Ana Lucía Cortés | Dolores Whitfield", "2024-06-13", status="planned")], 2, set()),
    # 17 guard: a visit then "while there, will also meet" is one event
    ("Secretary of State Gavin Rooke will travel to Mexico City on Monday. While there, he will also meet with "
     "Foreign Secretary Inés Cabrera Lujan and Security Secretary Valeria Montaño Ruiz.",
     [meeting("Gavin Rooke | Inés Cabrera Lujan | Valeria Montaño Ruiz", "2024-06-17", "Mexico City", "planned")],
     1, set()),
    # 18 guard: "Separately" with no counterpart of its own adds no meeting
    ("Secretary of State Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan of Mexico in Mexico City on "
     "Monday. Separately, Rooke spoke with reporters about the talks.",
     [meeting("Gavin Rooke | Inés Cabrera Lujan", "2024-06-10", "Mexico City", "held")], 1, set()),
    # 19 guard: "the two also discussed" is no second meeting
    ("Secretary of State Gavin Rooke met with Foreign Secretary Inés Cabrera Lujan of Mexico in Mexico City on "
     "Monday. The two also discussed migration and the next meeting of their teams.",
     [meeting("Gavin Rooke | Inés Cabrera Lujan", "2024-06-10", "Mexico City", "held")], 1, set()),
    # 20 "That afternoon, X held talks with …"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. That afternoon, Whitfield held talks with Foreign Secretary Rodrigo Salcedo Ibáñez.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-10", "Mexico City", "held"),
      meeting("Dolores Whitfield | Rodrigo Salcedo Ibáñez", "2024-06-10", "Mexico City", "held")], 2, set()),
    # 21 "In a separate meeting, X discussed … with Y"
    ("Deputy Secretary of State Aaron Kessler met with Foreign Secretary Rodrigo Salcedo Ibáñez in Mexico City on "
     "Tuesday. In a separate meeting, Kessler discussed migration with Security Secretary Valeria Montaño Ruiz.",
     [meeting("Aaron Kessler | Rodrigo Salcedo Ibáñez", "2024-06-11", "Mexico City", "held"),
      meeting("Aaron Kessler | Valeria Montaño Ruiz", "2024-06-11", status="held")], 2, set()),
    # 22 a planned visit and "X will also hold a meeting with …"
    ("Deputy Secretary of State Aaron Kessler will travel to Mexico City on June 18 to meet with Foreign Secretary "
     "Rodrigo Salcedo Ibáñez. Kessler will also hold a meeting with Security Secretary Valeria Montaño Ruiz.",
     [meeting("Aaron Kessler | Rodrigo Salcedo Ibáñez", "2024-06-18", "Mexico City", "planned"),
      meeting("Aaron Kessler | Valeria Montaño Ruiz", "2024-06-18", status="planned")], 2, set()),
    # 23 translated communiqué: a palace reception, then a ministry meeting
    ("President Ana Lucía Cortés received U.S. Secretary of State Gavin Rooke at the National Palace on Monday. "
     "Subsequently, at the Ministry of Foreign Affairs, Foreign Secretary Inés Cabrera Lujan held a working meeting "
     "with Secretary Rooke and the U.S. delegation.",
     [meeting("Ana Lucía Cortés | Gavin Rooke", "2024-06-10", status="held"),
      meeting("Gavin Rooke | Inés Cabrera Lujan", "2024-06-10", status="held")], 2, set()),
    # 24 a videoconference, then "They agreed to hold an in-person meeting …"
    ("Attorney General Russell Thorne held a videoconference with Mexico's Attorney General Damián Quiroz Beltrán "
     "on Tuesday. They agreed to hold an in-person meeting in Mexico City in July.",
     [meeting("Russell Thorne | Damián Quiroz Beltrán", "2024-06-11", None, "held"),
      meeting("Russell Thorne | Damián Quiroz Beltrán", "2024-07", "Mexico City", "planned")], 2, set()),
    # 25 wire story: headline, body, "It was the first visit … since …"
    ("Rooke, Cabrera Lujan Hold Talks on Fentanyl in Washington\n\n"
     "WASHINGTON (AP) — Secretary of State Gavin Rooke and Mexican Foreign Secretary Inés Cabrera Lujan held talks "
     "on fentanyl trafficking on Tuesday at the State Department.\n\n"
     "It was the first visit by Cabrera Lujan to Washington since she took office in 2023.",
     [meeting("Gavin Rooke | Inés Cabrera Lujan", "2024-06-11", "Washington", "held")], 1, set()),
    # 26 "On Thursday, the Secretary will meet …": the Secretary is the subject told, not the counterpart
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. On Thursday, the Secretary will meet with Governor Esteban Lozoya Treviño in Monterrey.",
     [meeting("Dolores Whitfield | Esteban Lozoya Treviño", "2024-06-13", "Monterrey", "planned")], 2,
     pairs("Valeria Montaño Ruiz | Esteban Lozoya Treviño")),
    # 27 "On the previous day, X paid a courtesy call on …": another meeting, the day before
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. On the previous day, Whitfield paid a courtesy call on Foreign Secretary Rodrigo "
     "Salcedo Ibáñez.",
     [meeting("Dolores Whitfield | Valeria Montaño Ruiz", "2024-06-10", "Mexico City", "held"),
      meeting("Dolores Whitfield | Rodrigo Salcedo Ibáñez", "2024-06-09", status="held")], 2, set()),
    # 28 "The following day, she traveled to X to meet with …"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. The following day, she traveled to Monterrey to meet with Governor Esteban Lozoya "
     "Treviño.",
     [meeting("Dolores Whitfield | Esteban Lozoya Treviño", "2024-06-11", "Monterrey", "held")], 2, set()),
    # 29 "The day before, X met with …"
    ("Homeland Security Secretary Dolores Whitfield met with Mexican Security Secretary Valeria Montaño Ruiz in "
     "Mexico City on Monday. The day before, Whitfield met with Foreign Secretary Rodrigo Salcedo Ibáñez.",
     [meeting("Dolores Whitfield | Rodrigo Salcedo Ibáñez", "2024-06-09", status="held")], 2, set()),
    # 30 "Separately, the Deputy Secretary will meet …": the Deputy Secretary named before
    ("Secretary of State Gavin Rooke and Deputy Secretary of State Aaron Kessler will travel to Mexico City on "
     "Monday. Rooke will meet with Foreign Secretary Inés Cabrera Lujan. Separately, the Deputy Secretary will meet "
     "with Security Secretary Valeria Montaño Ruiz.",
     [meeting("Aaron Kessler | Valeria Montaño Ruiz", "2024-06-17", status="planned")], 2,
     pairs("Gavin Rooke | Valeria Montaño Ruiz")),
    # 31 "On Thursday, the Attorney General will travel to X to meet with …": subject, day and place kept
    ("Attorney General Russell Thorne met with Mexico's Attorney General Damián Quiroz Beltrán in Washington on "
     "Monday. On Thursday, the Attorney General will travel to El Paso to meet with Governor Maribel Olvera Cruz of "
     "Chihuahua.",
     [meeting("Russell Thorne | Maribel Olvera Cruz", "2024-06-13", "El Paso", "planned")], 2,
     pairs("Damián Quiroz Beltrán | Maribel Olvera Cruz")),
    # 32 the same when the subject is a description no rule resolves: the day and place stay
    ("Attorney General Russell Thorne met with Mexico's Attorney General Damián Quiroz Beltrán in Washington on "
     "Monday. On Thursday, the department's top lawyer will travel to El Paso to meet with Governor Maribel Olvera "
     "Cruz of Chihuahua.",
     [meeting("Maribel Olvera Cruz", "2024-06-13", "El Paso", "planned")], 2, set()),
]


def _matches(record, names, expected) -> bool:
    persons, date, place, status = expected
    return ({names[p] for p in record.persons} == persons
            and (date is ANY or (record.date.isoformat() if record.date else None) == date)
            and (place is ANY or (record.place.label if record.place else None) == place)
            and (status is ANY or record.status == status))


def _describe(records, names):
    return [(sorted(names[p] for p in m.persons), m.date.isoformat() if m.date else None,
             m.place.label if m.place else None, m.status) for m in records.meetings]


@pytest.mark.parametrize("text,expected,count,wrong", [
    pytest.param(*case, id=f"event{i + 1}") for i, case in enumerate(EVENTS)
])
def test_separate_events_and_references(nlp, ontology, text, expected, count, wrong):
    records = read(nlp, ontology, text)
    names = {p.pid: p.names[0] for p in records.persons}
    for item in expected:
        assert any(_matches(m, names, item) for m in records.meetings), (item, _describe(records, names))
    if count is not ANY:
        assert len(records.meetings) == count, _describe(records, names)
    assert not wrong & met_pairs(records), sorted(tuple(sorted(p)) for p in wrong & met_pairs(records))
