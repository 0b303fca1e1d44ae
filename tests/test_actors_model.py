"""Unknown actors, stand-alone titles and references with the trained pipeline, on invented texts."""

from __future__ import annotations

from rdflib import RDF, RDFS, URIRef

from diplokg.corpus import Document, PartialDate
from diplokg.extract.document import extract_records
from diplokg.graph import build_graph
from diplokg.namespace import DK
from diplokg.resolve import resolve


def read(nlp, ontology, text, published, doc_id="t"):
    document = Document(doc_id=doc_id, file_name=f"{doc_id}.txt", text=text, published=published)
    return extract_records(nlp(text), document, ontology)


def met_labels(resolved):
    label = {p.iri: p.label for p in resolved.persons.values()}
    return {frozenset(label[i] for i in pair) for m in resolved.meetings for pair in m.pairs}


def test_unknown_person_resolves_across_documents_by_surname(nlp, ontology):
    first = read(nlp, ontology, "Deputy Minister Laura Quintero met with Secretary of State Mark Doyle in Tijuana on Monday.",
                 PartialDate(2022, 3, 9), "a")
    second = read(nlp, ontology, "In Mexico City, Quintero told reporters that the talks had been productive.",
                  PartialDate(2022, 3, 10), "b")
    third = read(nlp, ontology, "Deputy Minister Quintero will travel to Ottawa next week.", PartialDate(2022, 3, 11), "c")
    resolved = resolve([first, second, third], ontology)
    quintero = [p for p in resolved.persons.values() if "Quintero" in p.label]
    assert len(quintero) == 1 and quintero[0].label == "Laura Quintero"
    assert quintero[0].documents == {"a", "b", "c"}


def test_lone_surname_that_matches_nobody_is_no_person(nlp, ontology):
    records = read(nlp, ontology, "Deputy Minister Quintero will travel to Ottawa next week.", PartialDate(2022, 3, 11))
    assert resolve([records], ontology).persons == {}


def test_unknown_agency_becomes_an_organization(nlp, ontology):
    text = ("Officials of the Federal Border Coordination Agency (FBCA) met with Secretary of State Mark Doyle "
            "in Tijuana on Monday.\n\nThe FBCA will publish its report in June.")
    records = read(nlp, ontology, text, PartialDate(2022, 3, 9))
    orgs = {records.org_labels.get(o) for o in records.organizations}
    assert "Federal Border Coordination Agency" in orgs
    graph = build_graph(resolve([records], ontology), ontology)
    labels = {str(graph.value(o, RDFS.label)) for o in graph.subjects(RDF.type, DK.Organization)}
    assert "Federal Border Coordination Agency" in labels


def test_bare_titles_resolve_by_date_and_meet(nlp, ontology):
    text = "The Secretary of Homeland Security met with Mexico's Foreign Secretary in Mexico City on Tuesday."
    early = resolve([read(nlp, ontology, text, PartialDate(2019, 3, 21))], ontology)
    assert met_labels(early) == {frozenset({"Kirstjen Nielsen", "Marcelo Ebrard"})}
    late = resolve([read(nlp, ontology, text, PartialDate(2023, 10, 6))], ontology)
    assert met_labels(late) == {frozenset({"Alejandro Mayorkas", "Alicia Bárcena"})}
    person = late.persons[str(URIRef("https://w3id.org/diplokg/id/person/alicia-barcena"))]
    assert "Mexico's Foreign Secretary" in person.titles


def test_pronoun_subject_of_a_meeting_sentence(nlp, ontology):
    text = ("Secretary of State Mark Doyle arrived in Mexico City on Monday.\n\n"
            "She met with Foreign Secretary Lucía Ferreira Alba on Tuesday to discuss arms trafficking.")
    resolved = resolve([read(nlp, ontology, text, PartialDate(2022, 3, 10))], ontology)
    assert met_labels(resolved) == {frozenset({"Mark Doyle", "Lucía Ferreira Alba"})}


def test_both_secretaries_and_the_delegation(nlp, ontology):
    text = ("A U.S. delegation led by Deputy Secretary of State Carla Whitfield and Attorney General Peter Vance "
            "traveled to Mexico City on May 9.\n\n"
            "The delegation met with President Elena Morales Durán at the National Palace.")
    resolved = resolve([read(nlp, ontology, text, PartialDate(2022, 5, 12))], ontology)
    met = met_labels(resolved)
    assert frozenset({"Carla Whitfield", "Elena Morales Durán"}) in met
    assert frozenset({"Peter Vance", "Elena Morales Durán"}) in met
    assert frozenset({"Carla Whitfield", "Peter Vance"}) not in met


def test_headline_verb_is_not_part_of_a_name_and_spoke_today_with_is_a_call(nlp, ontology):
    text = ("Secretary Okafor Meets with Foreign Secretary Ferreira\n\n"
            "Today, Secretary of the Navy Daniel Okafor met with Foreign Secretary Lucía Ferreira Alba in Monterrey.")
    records = read(nlp, ontology, text, PartialDate(2024, 3, 4))
    assert not any("Meets" in n for p in records.persons for n in p.names)
    text = "President Carla Whitfield spoke today with President Elena Morales Durán of Mexico."
    resolved = resolve([read(nlp, ontology, text, PartialDate(2024, 3, 4))], ontology)
    assert [m.kind for m in resolved.meetings] == ["call"]
    assert met_labels(resolved) == {frozenset({"Carla Whitfield", "Elena Morales Durán"})}
