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


# --------------------------------------------------------------------------- lists, agencies, parties
# Invented sentences (none from any evaluation document): enumerated lists after a lead-in,
# agencies as subjects, "the Participants"/"each Party", deadlines counted from a future event.

GT = "guatemala"


def test_lettered_shall_list_inherits_the_lead_in(rule_nlp, ontology):
    text = (
        "The United States and Mexico held the third session of their border council.\n\n"
        "The Parties shall:\n\n"
        "(a) establish a joint task force on arms trafficking;\n\n"
        "(b) exchange ballistic data by June 30, 2027;\n\n"
        "(c) if either Party so requests, meet within ten days of the request.\n\n"
        "The session closed with a working lunch."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2026, 3, 2), title="Joint Communique of the Border Council")
    got = [(short(c.parties), c.modality, c.deadline) for c in records.commitments]
    assert got == [
        ({US, MX}, "firm", None),
        ({US, MX}, "firm", PartialDate(2027, 6, 30)),
        ({US, MX}, "conditional", None),  # ten days from a request nobody has made yet: no date
    ]
    assert records.commitments[0].text == "The Parties shall: establish a joint task force on arms trafficking"
    assert "working lunch" not in " ".join(c.text for c in records.commitments)


def test_numbered_list_under_a_memorandum_outside_a_statement(rule_nlp, ontology):
    text = (
        "Officials of Mexico and the United States signed the U.S.-Mexico Memorandum of Understanding "
        "on Port Security in Laredo.\n\n"
        "Under the memorandum, the Participants intend to:\n\n"
        "1. share passenger manifests on a weekly basis;\n\n"
        "2. hold joint drills at ports of entry; and\n\n"
        "3. train inspectors within three months of signature.\n\n"
        "Each Participant intends to name a liaison officer within twenty days.\n\n"
        "The memorandum builds on years of cooperation."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2024, 4, 10), title="Officials sign port security memorandum")
    memo = next(a for a in records.agreements if "Port Security" in a.label)
    assert short(memo.countries) == {US, MX}
    got = [(c.agreement, short(c.parties), c.modality, c.deadline) for c in records.commitments]
    assert got == [
        (memo.aid, {US, MX}, "aspirational", None),
        (memo.aid, {US, MX}, "aspirational", None),
        (memo.aid, {US, MX}, "aspirational", PartialDate(2024, 7, 10)),  # counted from signature
        (memo.aid, {US, MX}, "aspirational", PartialDate(2024, 4, 30)),
    ]
    assert "share passenger manifests" in records.commitments[0].text
    assert records.commitments[0].text.startswith("the Participants intend to:")


def test_inline_numbered_list(rule_nlp, ontology):
    text = ("Mexico and the United States met in Washington.\n\n"
            "Both governments commit to: 1. dismantle clandestine laboratories; 2. trace seized firearms; "
            "and 3. publish a joint report.")
    records = read(rule_nlp, ontology, text, PartialDate(2025, 5, 5), title="Joint Statement on Fentanyl")
    assert [c.action for c in records.commitments] == [
        "dismantle clandestine laboratories", "trace seized firearms", "publish a joint report"]
    assert all(short(c.parties) == {US, MX} for c in records.commitments)


def test_list_without_a_commitment_cue_gives_nothing(rule_nlp, ontology):
    text = ("Mexico and the United States met in Washington.\n\n"
            "The ministers discussed the following:\n\n"
            "1. the flow of precursor chemicals;\n\n"
            "2. arms seizures at the border.")
    records = read(rule_nlp, ontology, text, PartialDate(2025, 5, 5), title="Joint Statement on Security")
    assert records.commitments == []


def test_list_item_with_its_own_subject_keeps_it(rule_nlp, ontology):
    text = ("The United States and Mexico met in Monterrey.\n\n"
            "The Parties agree as follows, and shall:\n\n"
            "(a) exchange liaison officers;\n\n"
            "(b) Mexico shall deploy inspectors to the Pacific ports;\n\n"
            "(c) the United States shall fund scanning equipment.")
    records = read(rule_nlp, ontology, text, PartialDate(2025, 5, 5), title="Joint Declaration on Ports")
    assert [short(c.parties) for c in records.commitments] == [{US, MX}, {MX}, {US}]


@pytest.mark.parametrize(
    "sentence, parties",
    [
        ("The Participants will exchange data on firearms seizures.", {US, MX}),
        ("Each Party shall designate a contact point for extraditions.", {US, MX}),
        ("Either Party shall notify the other of any new precursor chemical.", {US, MX}),
        ("The two Governments will publish a joint annual report.", {US, MX}),
        ("The DEA will train forensic chemists by the end of the year.", {US}),
        ("SEDENA will deploy additional units to the northern border.", {MX}),
        ("The Department of the Treasury and the Financial Intelligence Unit will freeze cartel assets.", {US, MX}),
        ("CBP and ANAM will run joint inspections of southbound cargo.", {US, MX}),  # ANAM: not in the gazetteer
        ("The Mexican Navy will patrol the Gulf ports.", {MX}),
    ],
)
def test_agency_and_party_subjects(rule_nlp, ontology, sentence, parties):
    text = "The United States and Mexico held their security dialogue.\n\n" + sentence
    records = read(rule_nlp, ontology, text, PartialDate(2024, 4, 10),
                   title="Joint Statement of the United States and Mexico")
    assert [short(c.parties) for c in records.commitments] == [parties]


def test_three_governments(rule_nlp, ontology):
    text = ("The United States, Mexico and Guatemala held a trilateral meeting.\n\n"
            "The three Governments will share data on smuggling routes every quarter.")
    records = read(rule_nlp, ontology, text, PartialDate(2024, 4, 10),
                   title="Joint Statement of the United States, Mexico and Guatemala")
    assert [short(c.parties) for c in records.commitments] == [{US, MX, GT}]


@pytest.mark.parametrize(
    "text, expected, phrase",
    [
        ("meet within fifteen days of a written request", None, "within fifteen days"),
        ("respond within ten days after the notification", None, "within ten days"),
        ("report within 30 days following the incident", None, "within 30 days"),
        ("review the plan within six months of the date of this Communique", PartialDate(2026, 1, 17), "within six months"),
        ("train officers within three months of signature", PartialDate(2025, 10, 17), "within three months"),
        ("open the office within 90 days", PartialDate(2025, 10, 15), "within 90 days"),
        ("hold a review five days after the ceremony", None, None),
        ("sign the annex before the ceremony", None, None),
    ],
)
def test_deadlines_counted_from_an_event(text, expected, phrase):
    assert agr.deadline_from(text, PartialDate(2025, 7, 17)) == (expected, phrase)


def test_lead_in_and_list_item_shapes():
    assert agr.lead_in("Under the arrangement, the Participants intend to: 1.").cue.kind == "aspirational"
    assert agr.lead_in("The Parties shall:").cue.kind == "firm"
    assert agr.lead_in("The ministers discussed the following:") is None
    assert agr.lead_in("Mexico will deploy troops, the ministers said:") is None
    items = {t: agr.list_item(t) for t in ["share data weekly; 2.", "(b) exchange data by June 30, 2027;\n\n",
                                           "- The DEA will train chemists.", "The meeting ended.", "1."]}
    assert [t[s[0]:s[1]] if s else None for t, s in items.items()] == [
        "share data weekly", "exchange data by June 30, 2027", "The DEA will train chemists", None, None]


# --------------------------------------------------------------------------- headlines, witnesses, reaffirmations


def test_reported_signing_headline_is_not_the_documents_own_statement():
    assert agr.own_statement_title("CBP and Mexico Sign Memorandum on Port Security", None) is None
    assert agr.own_statement_title("Mexico, U.S. ink security pact", None) is None
    assert agr.own_statement_title("Joint Statement on Security Cooperation", None) == "Joint Statement on Security Cooperation"


def test_headline_agreement_is_the_one_the_body_names(rule_nlp, ontology):
    text = (
        "Customs Agencies Sign Memorandum on Cargo Screening\n\n"
        "Officials of Mexico and the United States signed the U.S.-Mexico Memorandum of Understanding "
        "on Customs Cooperation on Tuesday.\n\n"
        "Under the memorandum, the two countries will exchange cargo manifests."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2024, 4, 10))
    assert [a.label for a in records.agreements] == ["U.S.-Mexico Memorandum of Understanding on Customs Cooperation"]
    memo = records.agreements[0]
    assert short(memo.countries) == {US, MX}
    assert [c.agreement for c in records.commitments] == [memo.aid]
    assert any("Customs Agencies Sign" in e.text for e in memo.evidence)


def test_headline_agreement_kept_when_the_body_names_no_other(rule_nlp, ontology):
    text = "Governments Adopt Border Water Plan\n\nThe ministers met in El Paso to discuss water."
    records = read(rule_nlp, ontology, text, PartialDate(2024, 4, 10))
    assert len(records.agreements) == 1 and records.agreements[0].label.endswith("Border Water Plan")


def test_witness_is_no_signatory(rule_nlp, ontology):
    text = (
        "In the presence of Ambassador Luis Prado, Secretary Ana Ruiz and Minister Carlos Vega signed "
        "the Border Infrastructure Memorandum.\n\n"
        "The Water Sharing Protocol was signed by Secretary Ruiz and Minister Vega, witnessed by Governor Jaime Soto."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2021, 3, 4))
    by_pid = {p.pid: p.names[0] for p in records.persons}
    signers = {a.label: {by_pid[p] for p in a.signatories} for a in records.agreements}
    assert signers["Border Infrastructure Memorandum"] == {"Ana Ruiz", "Carlos Vega"}
    assert signers["Water Sharing Protocol"] == {"Ana Ruiz", "Carlos Vega"}


def test_reaffirmed_declaration_commits_the_statements_parties(rule_nlp, ontology):
    text = (
        "The United States and Mexico will expand their joint patrols.\n\n"
        "The Parties reaffirm the commitments undertaken in the Joint Declaration signed in Geneva on March 2, 2020."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2025, 7, 17), title="Joint Communique on Border Security")
    earlier = next(a for a in records.agreements if not a.own_statement)
    assert earlier.label == "Joint Declaration of March 2, 2020"
    assert earlier.reaffirmed and short(earlier.countries) == {US, MX}


def test_mentioned_agreement_without_reaffirmation_commits_nobody(rule_nlp, ontology):
    text = (
        "The United States and Mexico will expand their joint patrols.\n\n"
        "The Parties discussed the Joint Declaration signed in Geneva on March 2, 2020."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2025, 7, 17), title="Joint Communique on Border Security")
    earlier = next(a for a in records.agreements if not a.own_statement)
    assert earlier.countries == set()


# --------------------------------------------------------------------------- readouts and news


def test_readout_undertakings_of_governments_and_agencies(rule_nlp, ontology):
    text = (
        "Officials of the United States, Mexico and Guatemala met virtually on Tuesday.\n\n"
        "The United States will provide technical assistance to asylum offices. "
        "The three Governments will share data on smuggling routes every quarter.\n\n"
        "Outcomes:\n\n"
        "- The Department of the Treasury and the Mexican Financial Intelligence Unit will trace cartel funds."
    )
    records = read(rule_nlp, ontology, text, PartialDate(2026, 5, 13), title="Readout of the trilateral meeting")
    assert [a.label for a in records.agreements] == ["Understanding: Readout of the trilateral meeting"]
    assert [short(c.parties) for c in records.commitments] == [{US}, {US, MX, GT}, {US, MX}]


@pytest.mark.parametrize(
    "text",
    [
        # one country's plan in running text founds no understanding
        "The United States will impose new tariffs on steel.\n\nMexico will respond next week, officials said.",
        # a person's travel plan, a subordinate clause, a forecast
        "Secretary Ana Ruiz will travel to Mexico City next week.",
        "If Mexico will not act, the tariffs stay.",
        "Mexico and the United States will likely meet again in June.",
    ],
)
def test_readout_sentences_that_are_no_undertakings(rule_nlp, ontology, text):
    records = read(rule_nlp, ontology, text, PartialDate(2026, 5, 13), title="Officials discuss trade")
    assert records.commitments == [] and records.agreements == []


def test_two_named_countries_agreeing_commit_both(rule_nlp, ontology):
    text = ("Mexico and the United States agreed on Thursday to set up a working group on illicit arms, "
            "officials said.")
    records = read(rule_nlp, ontology, text, PartialDate(2019, 12, 6), title="Talks on arms")
    assert [short(c.parties) for c in records.commitments] == [{US, MX}]
    assert short(records.agreements[0].countries) == {US, MX}


# --------------------------------------------------------------------------- the model's parse


def test_agency_signers_commit_their_countries(nlp, ontology):
    text = ("U.S. Customs and Border Protection and Mexico's Tax Administration Service signed a Memorandum "
            "of Understanding on Port Security on Tuesday.\n\n"
            "Under the memorandum, the Participants intend to: 1. share passenger data; 2. train inspectors.")
    records = read(nlp, ontology, text, PartialDate(2024, 4, 10))
    memo = next(a for a in records.agreements)
    assert memo.label == "Memorandum of Understanding on Port Security"
    assert short(memo.countries) == {US, MX}
    assert [short(c.parties) for c in records.commitments] == [{US, MX}, {US, MX}]


def test_invented_communique_with_the_model(nlp, ontology):
    text = (
        "The delegations of the United States and Mexico held the fourth Border Security Council in "
        "Nogales on Monday.\n\n"
        "The Parties shall:\n\n"
        "(a) set up a binational registry of seized firearms within six months of the date of this Communique;\n\n"
        "(b) convene an extraordinary session within fifteen days of a written request by either Party;\n\n"
        "(c) exchange forensic data by March 31, 2027.\n\n"
        "SEDENA will share ballistic records with the ATF, and CBP will expand southbound inspections.\n\n"
        "The Parties reaffirm the commitments undertaken in the Joint Declaration signed in Geneva on March 2, 2020."
    )
    records = read(nlp, ontology, text, PartialDate(2025, 7, 17), title="Joint Communique of the Border Security Council")
    got = [(short(c.parties), c.deadline) for c in records.commitments if c.modality != "reaffirmation"]
    assert got == [
        ({US, MX}, PartialDate(2026, 1, 17)),
        ({US, MX}, None),
        ({US, MX}, PartialDate(2027, 3, 31)),
        ({MX}, None),
        ({US}, None),
    ]
    earlier = next(a for a in records.agreements if a.label == "Joint Declaration of March 2, 2020")
    assert short(earlier.countries) == {US, MX}
