"""Person rules on invented sentences (rule-only pipeline, NER spans set by hand): appositive and
long titles, title fragments, place names the NER takes for persons, headlines, the country of
a person from the title, the side and the place, and clean titles."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from diplokg.corpus import Document, PartialDate
from diplokg.extract.document import extract_records

US = "https://w3id.org/diplokg/id/country/united-states"
MX = "https://w3id.org/diplokg/id/country/mexico"


def run(nlp, text: str, ner: tuple[str, ...] = ()) -> Doc:
    """``text`` through the rule pipeline, with ``ner`` marked PERSON as a trained NER would."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "diplokg_actors":
            spans, seen = [], 0
            for person in ner:
                start = text.index(person, seen)
                spans.append(doc.char_span(start, start + len(person), label="PERSON"))
                seen = start + len(person)
            doc.ents = spans
        doc = proc(doc)
    return doc


def persons(doc: Doc) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (m.title, m.country) for m in doc._.actors if m.kind == "person"}


def test_names_with_appositive_titles_in_a_list(rule_nlp):
    text = ("The session was chaired by Rebecca Lindqvist, Senior Advisor for Cargo Screening at the U.S. "
            "Department of State, and Arturo Benítez Solano, Chief of the Division for Customs Intelligence "
            "of Mexico's Secretariat of the Navy.")
    found = persons(run(rule_nlp, text, ("Rebecca Lindqvist", "Arturo Benítez Solano")))
    assert set(found) == {"Rebecca Lindqvist", "Arturo Benítez Solano"}  # no "Cargo Screening"
    assert found["Rebecca Lindqvist"] == ("Senior Advisor for Cargo Screening", US)
    assert found["Arturo Benítez Solano"][1] == MX


def test_title_portfolio_words_are_not_a_name(rule_nlp):
    # no NER: the words after the title's "for" / "of" never make a person on their own
    found = persons(run(rule_nlp, "Yesterday the Coordinator for Harbor Logistics Reform spoke to reporters."))
    assert found == {}


def test_long_title_before_a_name_and_its_portfolio_country(rule_nlp):
    text = ("The visitors included the Principal Deputy Assistant Secretary of State for Mexico and Canada, "
            "Howard P. Ellison, and three advisers.")
    found = persons(run(rule_nlp, text, ("Howard P. Ellison",)))
    title, country = found["Howard P. Ellison"]
    assert title.startswith("Principal Deputy Assistant Secretary of State")
    assert country == US  # "for Mexico" is the portfolio, "Secretary of State" a U.S. post


def test_name_after_a_place_in_a_long_title(rule_nlp):
    text = "He was received by Director General for Central America Lucía Paredes Ocampo at the ministry."
    assert "Lucía Paredes Ocampo" in persons(run(rule_nlp, text))


def test_places_tagged_person_are_not_persons(rule_nlp):
    text = ("Cargo checks will grow at the ports of Ensenada and Puerto Peñasco. The minister then flew to "
            "Tapachula, Chiapas, where Governor Eduardo Ramírez Aguilar received him.")
    found = persons(run(rule_nlp, text, ("Puerto Peñasco", "Chiapas", "Eduardo Ramírez Aguilar")))
    assert set(found) == {"Eduardo Ramírez Aguilar"}
    assert found["Eduardo Ramírez Aguilar"] == ("Governor", MX)  # the governor of a Mexican place


def test_delegation_side_gives_the_country(rule_nlp):
    text = ("The Mexican delegation was headed by Undersecretary Rocío Aldama Pérez and Commissioner "
            "Luis Ortega Brito, while the U.S. delegation included Director Karen W. Holt.")
    found = persons(run(rule_nlp, text))
    assert found["Rocío Aldama Pérez"][1] == MX and found["Luis Ortega Brito"][1] == MX
    assert found["Karen W. Holt"][1] == US


def test_headline_verb_ends_the_name_and_prose_is_no_headline(rule_nlp, ontology):
    text = ("Minister Valeria Sotomayor Heads Delegation to Ottawa\n\n"
            "Minister Valeria Sotomayor met Deputy Minister Graham Whitfield of Canada on Monday.")
    doc = run(rule_nlp, text, ("Sotomayor Heads Delegation", "Valeria Sotomayor", "Graham Whitfield"))
    names = [m.text for m in doc._.actors if m.kind == "person"]
    assert "Sotomayor Heads Delegation" not in " ".join(names)
    document = Document(doc_id="h", file_name="h.txt", text=text, published=PartialDate(2023, 5, 2))
    records = extract_records(doc, document, ontology)
    assert sorted(p.names[0] for p in records.persons) == ["Graham Whitfield", "Valeria Sotomayor"]


def test_titles_without_dateline_headline_or_particles(rule_nlp):
    text = ("OTTAWA – Deputy Minister Laura Quintero met Ambassador Tomás de la Vega. "
            "Later, Foreign Minister de la Vega thanked Senior Advisor Dr. Nadia Koenig.")
    found = persons(run(rule_nlp, text))
    assert found["Laura Quintero"][0] == "Deputy Minister"
    assert found["Tomás de la Vega"][0] == "Ambassador"
    assert found["Nadia Koenig"][0] == "Senior Advisor"
    assert all(not (t or "").endswith((" de la", " Dr.")) for t, _ in found.values())


def test_place_or_body_after_of_is_cut_from_the_name_and_gives_the_country(rule_nlp):
    text = ("Mayor Lorena Quiroga Beltrán of Mexicali opened the session, and Commissioner Dale P. Ferris "
            "of CBP replied.")
    found = persons(run(rule_nlp, text))
    assert found["Lorena Quiroga Beltrán"] == ("Mayor", MX)
    assert found["Dale P. Ferris"] == ("Commissioner", US)


def test_on_behalf_of_and_from_the_side(rule_nlp):
    text = ("On behalf of the United States, the talks were attended by Counselor Irene Vasquez-Holm. "
            "Also present from the Mexican side was Minister Counselor Arturo Peña Lozada.")
    found = persons(run(rule_nlp, text))
    assert found["Irene Vasquez-Holm"][1] == US and found["Arturo Peña Lozada"][1] == MX


def test_institution_title_keeps_its_and(rule_nlp):
    text = "Officials welcomed U.S. Customs and Border Protection Commissioner Gerald T. Ostrowski and Dr. Mina Park."
    found = persons(run(rule_nlp, text))
    assert found["Gerald T. Ostrowski"][0] == "U.S. Customs and Border Protection Commissioner"


def test_companions_take_the_travellers_country(rule_nlp, ontology):
    text = ("Secretary of State Mike Pompeo arrived in Mexico City on Monday.\n\n"
            "The Secretary traveled with a delegation that included Senior Advisor Nora Ellingsen.")
    document = Document(doc_id="c", file_name="c.txt", text=text, published=PartialDate(2019, 6, 3))
    records = extract_records(run(rule_nlp, text), document, ontology)
    ellingsen = [p for p in records.persons if "Nora Ellingsen" in p.names]
    assert len(ellingsen) == 1 and ellingsen[0].country == US


def test_persons_met_by_a_side_do_not_take_its_country(rule_nlp, ontology):
    text = ("Secretary of State Mike Pompeo met with a delegation that included Director Pedro Salas Ureña. "
            "The U.S. delegation later met Commissioner Berta Lomelí Cruz.")
    document = Document(doc_id="n", file_name="n.txt", text=text, published=PartialDate(2019, 6, 3))
    records = extract_records(run(rule_nlp, text), document, ontology)
    country = {p.names[0]: p.country for p in records.persons}
    assert country["Pedro Salas Ureña"] is None and country["Berta Lomelí Cruz"] is None


def test_byline_word_and_lower_case_appositive(rule_nlp):
    text = ("By Hannah Wexler\n\nPort inspections will double, said Tomás Iriarte Luna, head of Mexico's "
            "tax administration, on Friday.")
    found = persons(run(rule_nlp, text, ("Hannah Wexler", "Tomás Iriarte Luna")))
    assert "By Hannah Wexler" not in found and "Hannah Wexler" in found
    assert found["Tomás Iriarte Luna"] == ("head of Mexico's tax administration", MX)


def test_appositive_of_a_non_name_makes_no_person(rule_nlp):
    # without the NER no appositive makes a person, and a titled name after the comma is not a title
    text = ("The Border Compact, Director of Operations at the agency, is new. The Harbor Accord, "
            "Secretary Kessler said, will last.")
    found = persons(run(rule_nlp, text))
    assert set(found) == {"Kessler"} and found["Kessler"][0] == "Secretary"


# --------------------------------------------------------------------------- long and abbreviated titles

def _nodes(nlp, ontology, text: str, ner: tuple[str, ...] = ()) -> list[list[str]]:
    document = Document(doc_id="t", file_name="t.txt", text=text, published=PartialDate(2024, 6, 20))
    return sorted(sorted(p.names) for p in extract_records(run(nlp, text, ner), document, ontology).persons)



@pytest.mark.parametrize(
    "text, ner, name, title",
    [
        ("Special Agent in Charge Victor Lindqvist met Mexican officials in Juárez on Monday.", (),
         "Victor Lindqvist", "Special Agent in Charge"),
        ("The visit was led by Assistant Special Agent in Charge Nora Pettersen of the FBI.", ("Nora Pettersen",),
         "Nora Pettersen", "Assistant Special Agent in Charge"),
        ("Officer in Charge Raymond Okafor explained the inspection process.", ("Charge Raymond Okafor",),
         "Raymond Okafor", "Officer in Charge"),
        ("Deputy Special Agent in Charge Teresa Lindholm of the ATF Houston Field Division attended.", (),
         "Teresa Lindholm", "Deputy Special Agent in Charge"),
        ("Assistant Special Agent in Charge Nora Pettersen of the FBI San Antonio office attended.", (),
         "Nora Pettersen", "Assistant Special Agent in Charge"),
        ("Chargé d'Affaires Mark Johnston attended the ceremony.", ("Mark Johnston",),
         "Mark Johnston", "Chargé d'Affaires"),
        ("Vice Admiral Jorge Ibarra Soto met the delegation in Veracruz.", ("Admiral Jorge Ibarra Soto",),
         "Jorge Ibarra Soto", "Vice Admiral"),
        ("Brigadier General Alma Reyes Toledo received the visitors.", (), "Alma Reyes Toledo", "Brigadier General"),
        ("Lt. Gen. Marcus Hale met the officers in Tampa.", ("Gen. Marcus Hale",), "Marcus Hale", "Lt. Gen."),
        ("Amb. Lucia Ortiz received the delegation on Monday.", ("Amb. Lucia Ortiz",), "Lucia Ortiz", "Amb."),
        ("The talks were chaired by Asst. Sec. Ana Whitcombe and Col. Rubén Olvera.", (),
         "Ana Whitcombe", "Asst. Sec."),
        ("Deputy Assistant Secretary Paula Brackett spoke first, then PDAS Omar Faulkner replied.", ("PDAS Omar Faulkner",),
         "Omar Faulkner", "PDAS"),
    ],
)
def test_long_and_abbreviated_titles_leave_the_name(rule_nlp, text, ner, name, title):
    found = persons(run(rule_nlp, text, ner))
    assert name in found, found
    assert found[name][0] == title
    assert not [n for n in found if n != name and name.split()[-1] in n.split()], found  # no second form


@pytest.mark.parametrize(
    "text, ner, name",
    [
        ("Deputy Assistant Secretary Paula Brackett arrived in Monterrey. Later, DAS Brackett met the governor.",
         ("Paula Brackett", "DAS Brackett"), "Paula Brackett"),
        ("Assistant Secretary Elena Ruiz Cortés spoke first. A/S Ruiz Cortés then met the customs chief.",
         ("Elena Ruiz Cortés", "Ruiz Cortés"), "Elena Ruiz Cortés"),
        ("Special Agent in Charge Daniel Moreno attended. SAC Moreno said the talks went well.",
         ("Daniel Moreno", "SAC Moreno"), "Daniel Moreno"),
        ("Ambassador Lucia Ortiz received the delegation. Amb. Ortiz thanked the visitors.",
         ("Lucia Ortiz", "Amb. Ortiz"), "Lucia Ortiz"),
        ("Secretary Helena Ruiz arrived in Puebla. Sec. Ruiz met the governor.", ("Helena Ruiz", "Sec. Ruiz"),
         "Helena Ruiz"),
        ("Lieutenant General Marcus Hale met the officers. Lt. Gen. Hale praised them.",
         ("Marcus Hale", "Gen. Hale"), "Marcus Hale"),
        ("Under Secretary Irene Castellanos opened the session. U/S Castellanos closed it.",
         ("Irene Castellanos", "U/S Castellanos"), "Irene Castellanos"),
        ("Admiral Rafael Ojeda Durán hosted the talks. Adm. Ojeda thanked the guests.",
         ("Rafael Ojeda Durán", "Adm. Ojeda"), "Rafael Ojeda Durán"),
    ],
)
def test_abbreviated_title_and_surname_is_the_person_named_before(rule_nlp, ontology, text, ner, name):
    nodes = _nodes(rule_nlp, ontology, text, ner)
    assert len(nodes) == 1 and name in nodes[0], nodes
    assert all(not n.split()[0].isupper() and "." not in n for n in nodes[0]), nodes  # no title in a name


@pytest.mark.parametrize(
    "text, ner, name",
    [
        ("Minister Anita Das met the delegation in Ottawa.", ("Anita Das",), "Anita Das"),  # a surname, not "DAS"
        ("Professor Amartya Sen spoke at the forum.", ("Amartya Sen",), "Amartya Sen"),
        ("Foreign Secretary Marcelo EBRARD Casaubón received them.", ("Marcelo EBRARD Casaubón",),
         "Marcelo EBRARD Casaubón"),
        ("Commissioner Dale Major of CBP replied.", ("Dale Major",), "Dale Major"),
    ],
)
def test_surnames_that_look_like_titles_stay_names(rule_nlp, text, ner, name):
    assert name in persons(run(rule_nlp, text, ner))


def test_a_title_abbreviation_ends_no_sentence(rule_nlp):
    doc = run(rule_nlp, "The talks were chaired by Amb. Lucia Ortiz and Sec. Tomás Ruiz. They ended at noon.")
    assert [s.text for s in doc.sents] == ["The talks were chaired by Amb. Lucia Ortiz and Sec. Tomás Ruiz.",
                                           "They ended at noon."]


@pytest.mark.parametrize(
    "text, name",
    [
        (("The meeting included Deputy Assistant Secretary of State for Western Hemisphere Affairs Paula Brackett. "
          "Later, DAS Brackett toured the port."), "Paula Brackett"),
        (("Special Agent in Charge Daniel Moreno of the DEA El Paso Division attended. SAC Moreno said the talks "
          "went well."), "Daniel Moreno"),
        ("Assistant Secretary for Border Policy Elena Ruiz Cortés spoke first. A/S Ruiz Cortés then thanked the hosts.",
         "Elena Ruiz Cortés"),
        ("Lt. Gen. Marcus Hale met Mexican officials in Tampa. General Hale praised them.", "Marcus Hale"),
        ("Ambassador Lucia Ortiz received the delegation. Amb. Ortiz thanked them.", "Lucia Ortiz"),
    ],
)
def test_abbreviated_titles_with_the_trained_model(nlp, ontology, text, name):
    document = Document(doc_id="m", file_name="m.txt", text=text, published=PartialDate(2024, 6, 20))
    nodes = [p.names for p in extract_records(nlp(text), document, ontology).persons]
    assert len(nodes) == 1 and name in nodes[0], nodes
