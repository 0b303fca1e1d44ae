"""Agreements and commitments on hand-built sentences and invented statements: one commitment
per clause, modality, deadlines, signatories and links to the agreements a document returns to.

Rule-only (no trained model) where the rules do not need a parse.
"""

from __future__ import annotations

import pytest
from rdflib import RDFS, SKOS, URIRef

from diplokg.corpus import Document, PartialDate
from diplokg.extract import agreements as agr
from diplokg.extract.document import extract_records
from diplokg.graph import build_graph, document_iri
from diplokg.namespace import DK, DKR
from diplokg.resolve import resolve

US = "united-states"
MX = "mexico"


def read(nlp, ontology, text, published=None, title=None, doc_id="t"):
    document = Document(doc_id=doc_id, file_name=f"{doc_id}.txt", text=text, published=published, title=title)
    return extract_records(nlp(text), document, ontology)


def short(iris):
    return {i.rsplit("/", 1)[-1] for i in iris}


def modality(text: str) -> str:
    clauses = agr.split_clauses(text, lambda lo, hi: True)
    assert clauses, text
    clause = clauses[0]
    return agr.commitment_modality(text[clause.start:clause.end], clause.kind, agr.clause_action(text, clause))


# --------------------------------------------------------------------------- modality


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mexico will deploy its National Guard to the southern border.", "firm"),
        ("The United States commits to expanding legal pathways.", "firm"),
        ("Both governments agree to exchange information on arms seizures.", "firm"),
        ("The Parties shall designate a liaison officer.", "firm"),
        ("Mexico is taking decisive action to dismantle smuggling networks.", "firm"),
        ("Both parties agree that, in the event the measures fail, they will take further actions.", "conditional"),
        ("If the flows do not decrease, then the two countries will review the plan.", "conditional"),
        ("Should the measures not produce results, Mexico will adopt additional steps.", "conditional"),
        ("The two governments will work to reduce the demand for illicit drugs.", "aspirational"),
        ("The United States will seek to increase investment in the region.", "aspirational"),
        ("Both countries strive to protect the human rights of migrants.", "aspirational"),
        ("Mexico intends to open three new border crossings.", "aspirational"),
        ("The United States and Mexico welcome the new development plan.", "welcome"),
        ("The delegations applaud the progress of the working group.", "welcome"),
        ("The two countries reaffirm their commitment to the framework.", "reaffirmation"),
    ],
)
def test_modality_of_hand_built_sentences(text, expected):
    assert modality(text) == expected


def test_work_later_in_the_clause_does_not_make_it_aspirational():
    assert modality("The two countries committed to furthering ongoing work to modernize ports.") == "firm"


def test_no_cue_no_clause():
    assert agr.split_clauses("The ministers discussed migration in Mexico City.", lambda lo, hi: True) == []


# --------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    "text, expected, phrase",
    [
        ("to be completed and announced within 90 days", PartialDate(2019, 9, 5), "within 90 days"),
        ("a report in the next 45 days", PartialDate(2019, 7, 22), "in the next 45 days"),
        ("within six months", PartialDate(2019, 12, 7), "within six months"),
        ("by the end of the year", PartialDate(2019, 12, 31), "by the end of the year"),
        ("by December 2019", PartialDate(2019, 12), "by December 2019"),
        ("no later than March 1, 2020", PartialDate(2020, 3, 1), "no later than March 1, 2020"),
        ("by the end of 2020", PartialDate(2020, 12, 31), "by the end of 2020"),
        ("by March 1", PartialDate(2020, 3, 1), "by March 1"),
        ("by 2025", PartialDate(2025), "by 2025"),
    ],
)
def test_deadlines_resolved_against_publication(text, expected, phrase):
    assert agr.deadline_from(text, PartialDate(2019, 6, 7)) == (expected, phrase)


def test_deadline_needs_what_it_counts_from():
    assert agr.deadline_from("within 90 days", PartialDate(2019, 6)) == (None, "within 90 days")
    assert agr.deadline_from("by the end of the year", None) == (None, "by the end of the year")
    assert agr.deadline_from("the plan launched by the Government of Mexico", PartialDate(2019, 6, 7)) == (None, None)


# --------------------------------------------------------------------------- clauses


def test_two_subjects_two_commitments(rule_nlp, ontology):
    text = (
        "Mexico will deploy its National Guard to the southern border, and the United States will "
        "immediately expand legal pathways within 60 days.\n\n"
        "Mexico will open new shelters; the United States will fund them by the end of the year."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2020, 1, 10), title="Joint Statement on Migration")
    got = [(short(c.parties), c.action, c.deadline) for c in records.commitments]
    assert got == [
        ({MX}, "deploy its National Guard to the southern border", None),
        ({US}, "expand legal pathways within 60 days", PartialDate(2020, 3, 10)),
        ({MX}, "open new shelters", None),
        ({US}, "fund them by the end of the year", PartialDate(2020, 12, 31)),
    ]
    assert records.commitments[0].text.startswith("Mexico will deploy")
    assert records.commitments[1].text.startswith("the United States will")
    # each clause keeps the whole sentence as evidence
    assert records.commitments[0].evidence[0].text == records.commitments[1].evidence[0].text


def test_joint_subject_is_one_commitment_of_both(rule_nlp, ontology):
    text = (
        "The United States and Mexico met to discuss security.\n\n"
        "The United States and Mexico will lead efforts with regional partners and will share information.\n\n"
        "Both parties agree that, in the event the measures do not work, they will take further actions."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2019, 6, 7), title="U.S.-Mexico Joint Declaration")
    assert [short(c.parties) for c in records.commitments] == [{US, MX}, {US, MX}]
    assert [c.modality for c in records.commitments] == ["firm", "conditional"]
    assert records.commitments[1].action == "take further actions"


def test_clause_topics_and_sections(rule_nlp, ontology):
    text = (
        "The United States and Mexico held their security dialogue this week in Mexico City.\n\n"
        "Arms Trafficking\n\n"
        "Mexico will inspect southbound cargo to stop arms trafficking, and the United States will "
        "expand treatment services to fight fentanyl."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2022, 5, 2), title="Joint Statement on Security")
    assert [c.section for c in records.commitments] == ["Arms Trafficking", "Arms Trafficking"]
    first, second = (short(c.topics) for c in records.commitments)
    assert "arms-trafficking" in first and "fentanyl" not in first
    assert "fentanyl" in second and "arms-trafficking" not in second


# --------------------------------------------------------------------------- references


def test_dated_statement_references():
    refs = agr.find_statement_references(
        "They reiterate their previous statement of December 18, 2018 and the June 7 Joint Declaration.",
        PartialDate(2019, 9, 1),
    )
    assert [(r.label, r.family, r.date) for r in refs] == [
        ("Statement of December 18, 2018", "statement", PartialDate(2018, 12, 18)),
        ("Joint Declaration of June 7, 2019", "statement", PartialDate(2019, 6, 7)),
    ]
    assert agr.returns_to("They reiterate their previous statement", len("They reiterate their "))
    assert agr.returns_to("joint efforts under the Bicentennial Framework", len("joint efforts under the "))
    assert not agr.returns_to("Both countries welcome the Development Plan", len("Both countries welcome the "))
    ended = "The United States ended the previous administration's Migrant Protection Protocols"
    assert not agr.returns_to(ended, ended.index("Migrant"))


def corpus_graph(nlp, ontology, docs):
    records = [read(nlp, ontology, text, published, title, doc_id) for doc_id, text, published, title in docs]
    return build_graph(resolve(records, ontology), ontology)


def test_reaffirmation_links_merge_across_documents(rule_nlp, ontology):
    first = (
        "The United States and Mexico met this week.\n\n"
        "Mexico will deploy its National Guard to the southern border."
    )
    second = (
        "The United States and Mexico will continue the commitments made in the June 7 Joint Declaration.\n\n"
        "The two countries reiterate their previous statement of December 18, 2018 on development."
    )
    third = (
        "The foreign ministers met in Mexico City on Tuesday, building on the Bicentennial Framework "
        "for Security, Public Health, and Safe Communities."
    )
    fourth = "Officials met in Washington under the Bicentennial Framework for Security to review progress."
    graph = corpus_graph(rule_nlp, ontology, [
        ("a", first, PartialDate(2019, 6, 7), "U.S.-Mexico Joint Declaration"),
        ("b", second, PartialDate(2019, 9, 10), "Joint Statement on Migration"),
        ("c", third, PartialDate(2021, 10, 8), "Ministers meet"),
        ("d", fourth, PartialDate(2022, 1, 5), "Officials meet"),
    ])
    june = DKR["agreement/a-statement"]
    later = DKR["agreement/b-statement"]
    december = DKR["agreement/statement-2018-12-18"]
    # the June 7 declaration named by its date is document a's own statement: one node
    assert (later, DK.reaffirms, june) in graph
    assert str(graph.value(june, RDFS.label)) == "U.S.-Mexico Joint Declaration"
    assert "Joint Declaration of June 7, 2019" in {str(x) for x in graph.objects(june, SKOS.altLabel)}
    # an earlier statement that no document of the corpus is: a node of its own, dated
    assert (later, DK.reaffirms, december) in graph
    assert str(graph.value(december, RDFS.label)) == "Statement of December 18, 2018"
    assert str(graph.value(december, DK.date)) == "2018-12-18"
    assert any("reiterate" in str(e) for e in graph.objects(december, DK.evidence))
    assert short(map(str, graph.objects(december, DK.commits))) == {US, MX}
    # a document without a statement of its own links from the document; both framework names merge
    framework = [a for a in graph.subjects(DK.reaffirms, None) for a in graph.objects(a, DK.reaffirms)
                 if "Bicentennial" in str(graph.value(a, RDFS.label))]
    assert len(set(framework)) == 1
    assert (document_iri("c"), DK.reaffirms, framework[0]) in graph
    assert (document_iri("d"), DK.reaffirms, framework[0]) in graph
    # the declaration of document a reaffirms nothing
    assert (june, DK.reaffirms, None) not in graph


def test_statement_of_its_own_date_is_not_a_reference(rule_nlp, ontology):
    text = "The United States and Mexico issued this Joint Statement of June 7, 2019 after talks."
    records = read(rule_nlp, ontology, text, PartialDate(2019, 6, 7), title="Joint Statement")
    assert [a.label for a in records.agreements] == ["Joint Statement"]


# --------------------------------------------------------------------------- signatories


def test_signatories_and_signing_date(rule_nlp, ontology):
    text = (
        "Secretary Ana Ruiz and Minister Carlos Vega signed the Border Infrastructure Memorandum "
        "on March 3, 2021.\n\n"
        "Governor Luis Prado met with Secretary Ruiz, where he will sign the Water Sharing Protocol."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2021, 3, 4))
    by_pid = {p.pid: p.names[0] for p in records.persons}
    signers = {a.label: {by_pid[p] for p in a.signatories} for a in records.agreements}
    assert signers["Border Infrastructure Memorandum"] == {"Ana Ruiz", "Carlos Vega"}
    assert signers["Water Sharing Protocol"] == {"Luis Prado"}
    dates = {a.label: a.date for a in records.agreements}
    assert dates["Border Infrastructure Memorandum"] == PartialDate(2021, 3, 3)


def test_statement_signed_by(rule_nlp, ontology):
    text = "The United States and Mexico met.\n\nThe declaration was signed by Secretary Ana Ruiz and Minister Carlos Vega."
    records = read(rule_nlp, ontology, text, PartialDate(2021, 3, 4), title="Joint Declaration on Water")
    own = next(a for a in records.agreements if a.own_statement)
    by_pid = {p.pid: p.names[0] for p in records.persons}
    assert {by_pid[p] for p in own.signatories} == {"Ana Ruiz", "Carlos Vega"}


def test_signatories_in_graph(rule_nlp, ontology):
    text = "Secretary Ana Ruiz and Minister Carlos Vega signed the Border Infrastructure Memorandum on March 3, 2021."
    graph = corpus_graph(rule_nlp, ontology, [("s", text, PartialDate(2021, 3, 4), None)])
    memo = next(graph.subjects(RDFS.label, None, unique=True) and
                (a for a in graph.subjects(DK.signatory, None)), None)
    assert memo is not None
    labels = {str(graph.value(p, RDFS.label)) for p in graph.objects(memo, DK.signatory)}
    assert labels == {"Ana Ruiz", "Carlos Vega"}
    assert str(graph.value(memo, DK.date)) == "2021-03-03"
    assert isinstance(memo, URIRef)


def test_both_parties_before_the_parties_are_named(rule_nlp, ontology):
    text = (
        "Both countries will share information on smuggling networks.\n\n"
        "Mexico will open new shelters while the United States will fund legal pathways."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2020, 1, 10), title="Joint Statement on Migration")
    assert [short(c.parties) for c in records.commitments] == [{US, MX}, {MX}, {US}]
    assert [c.cid for c in records.commitments] == ["t-c1", "t-c2", "t-c3"]
