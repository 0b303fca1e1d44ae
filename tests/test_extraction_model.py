"""Extraction with the trained pipeline on invented readouts (checks that rules generalise).

These assert robust properties (who met whom, held/planned, resolved dates), not exact output.
"""

from __future__ import annotations

from diplokg.corpus import Document, PartialDate
from diplokg.extract.document import extract_records


def read(nlp, ontology, text, published=None, title=None):
    document = Document(doc_id="t", file_name="t.txt", text=text, published=published, title=title)
    return extract_records(nlp(text), document, ontology)


def names(records, pids):
    by_pid = {p.pid: p.names[0] for p in records.persons}
    return {by_pid[p] for p in pids}


def met_pairs(records):
    by_pid = {p.pid: p.names[0] for p in records.persons}
    return {frozenset(by_pid[p] for p in pair) for m in records.meetings for pair in m.pairs}


def test_planned_visit_and_meetings_merge(nlp, ontology):
    text = (
        "Secretary of the Navy Daniel Okafor will travel to Monterrey, Mexico on Monday, March 4th.\n\n"
        "While in Mexico, Secretary Okafor will meet with Foreign Secretary Lucía Ferreira Alba "
        "and Governor Samuel Ibarra Cantú.\n\n"
        "During these meetings, he will discuss illicit fentanyl and arms trafficking."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 3, 1))
    assert len(records.meetings) == 1
    meeting = records.meetings[0]
    assert meeting.status == "planned"
    assert meeting.date == PartialDate(2024, 3, 4)
    assert meeting.place is not None and meeting.place.label == "Monterrey"
    assert {"Daniel Okafor", "Lucía Ferreira Alba", "Samuel Ibarra Cantú"} <= names(records, meeting.persons)
    assert frozenset({"Daniel Okafor", "Lucía Ferreira Alba"}) in met_pairs(records)
    assert frozenset({"Lucía Ferreira Alba", "Samuel Ibarra Cantú"}) not in met_pairs(records)
    assert {t.rsplit("/", 1)[-1] for t in meeting.topics} >= {"fentanyl", "arms-trafficking"}


def test_hosted_delegation_meets_hosts_not_each_other(nlp, ontology):
    text = (
        "On May 9, a U.S. delegation led by Deputy Secretary of State Carla Whitfield and "
        "Attorney General Peter Vance were hosted by President Elena Morales Durán in Mexico City."
    )
    records = read(nlp, ontology, text, PartialDate(2022, 5))
    assert len(records.meetings) == 1
    meeting = records.meetings[0]
    assert meeting.status == "held" and meeting.date == PartialDate(2022, 5, 9)
    pairs = met_pairs(records)
    assert frozenset({"Carla Whitfield", "Elena Morales Durán"}) in pairs
    assert frozenset({"Peter Vance", "Elena Morales Durán"}) in pairs
    assert frozenset({"Carla Whitfield", "Peter Vance"}) not in pairs


def test_related_articles_give_no_participants(nlp, ontology):
    text = (
        "The two ministers met in Tijuana to discuss border security.\n\n"
        "Related Articles\n\nAssistant Secretary Gloria Penn Travels to Lima, Peru\n\nREAD MORE"
    )
    records = read(nlp, ontology, text, PartialDate(2021, 2, 2))
    assert not any("Gloria Penn" in p.names for p in records.persons)


def test_background_quote_is_not_a_meeting(nlp, ontology):
    text = (
        "Foreign Minister Irene Salas met with Secretary of State Mark Doyle in Washington on Tuesday.\n\n"
        "On a visit to Mexico City in August 2016, then-presidential candidate Victor Hale said "
        "human smugglers must be stopped."
    )
    records = read(nlp, ontology, text, PartialDate(2021, 6, 10))
    participants = set().union(*(names(records, m.persons) for m in records.meetings))
    assert "Victor Hale" not in participants
    assert frozenset({"Irene Salas", "Mark Doyle"}) in met_pairs(records)
    assert all("human-smuggling" not in t for m in records.meetings for t in m.topics)


def test_joint_statement_commitments(nlp, ontology):
    text = (
        "The United States and Mexico met this week to discuss migration.\n\n"
        "Mexico will deploy additional officers to its southern border.\n\n"
        "The United States will expand legal pathways within 60 days."
    )
    records = read(nlp, ontology, text, PartialDate(2020, 1, 10), title="Joint Statement on Migration")
    own = [a for a in records.agreements if a.own_statement]
    assert len(own) == 1 and {c.rsplit("/", 1)[-1] for c in own[0].countries} == {"mexico", "united-states"}
    parties = [{p.rsplit("/", 1)[-1] for p in c.parties} for c in records.commitments]
    assert {"mexico"} in parties and {"united-states"} in parties
    deadline = [c.deadline for c in records.commitments if c.deadline]
    assert deadline == [PartialDate(2020, 3, 10)]


def _topic_ids(meeting):
    return {t.rsplit("/", 1)[-1] for t in meeting.topics}


def test_agreement_names_mission_sentences_and_closing_paragraphs_give_no_topics(nlp, ontology):
    text = (
        "On Monday, Secretary of Homeland Security Daniel Okafor met with Mexican Foreign Secretary "
        "Lucía Ferreira Alba in Tijuana to review the Northern Border Accord for Tourism, Human Rights, "
        "and Clean Water. They discussed illicit fentanyl and human smuggling.\n\n"
        "In 2019, Secretary Okafor met with Governor Samuel Ibarra Cantú in Mexicali.\n\n"
        "Customs officers seized 900 kilograms of methamphetamine last year along the southwest border.\n\n"
        "The Department of Homeland Security continues to work with Mexico to facilitate tourism and "
        "protect human rights."
    )
    records = read(nlp, ontology, text, PartialDate(2024, 4, 9))
    topics = set().union(*(_topic_ids(m) for m in records.meetings))
    assert {"fentanyl", "human-smuggling"} <= topics
    assert not topics & {"travel-facilitation", "human-rights", "drug-trafficking"}


def test_readout_undertakings_of_two_parties_are_an_understanding(nlp, ontology):
    text = (
        "Prime Minister Ana Robles Vela spoke by phone with President Walter Greene.\n\n"
        "Mexico agreed to deploy 5,000 customs agents to its northern border. "
        "The United States committed to expand inspections of southbound rail cargo.\n\n"
        "The two leaders agreed to speak again next month."
    )
    records = read(nlp, ontology, text, PartialDate(2025, 5, 6), title="Readout of a call")
    understandings = [a for a in records.agreements if a.aid.endswith("understanding")]
    assert len(understandings) == 1
    parties = {c.text.split()[0]: {p.rsplit("/", 1)[-1] for p in c.parties} for c in records.commitments}
    assert parties["Mexico"] == {"mexico"} and parties["The"] == {"united-states"}
    assert all("speak again" not in c.text for c in records.commitments)


def test_collective_process_is_no_understanding(nlp, ontology):
    text = ("Secretary Walter Greene met with Foreign Secretary Ana Robles Vela in Oaxaca. "
            "The two delegations agreed to meet again in April.")
    records = read(nlp, ontology, text, PartialDate(2025, 5, 6))
    assert not records.commitments and not any(a.aid.endswith("understanding") for a in records.agreements)


def test_dated_declaration_is_one_agreement_and_under_clauses_are_commitments(nlp, ontology):
    text = (
        "Officials reviewed the U.S.-Mexico Joint Communiqué of March 3, 2021, on customs cooperation.\n\n"
        "In May, the United States and Mexico adopted the Border Customs Compact, under which both countries will "
        "share cargo manifests within 15 days. Under the compact, Mexico will train 200 inspectors."
    )
    records = read(nlp, ontology, text, PartialDate(2021, 9, 1))
    labels = sorted(a.label for a in records.agreements)
    assert sum("Communiqu" in label for label in labels) == 1
    compact = next(a for a in records.agreements if a.label == "Border Customs Compact")
    clauses = {c.text: {p.rsplit("/", 1)[-1] for p in c.parties} for c in records.commitments
               if c.agreement == compact.aid}
    manifest = next(p for t, p in clauses.items() if "cargo manifests" in t)
    assert manifest == {"mexico", "united-states"}
    assert next(p for t, p in clauses.items() if "inspectors" in t) == {"mexico"}


def test_subjects_of_a_reaffirmed_earlier_statement_are_not_the_meetings_topics(nlp, ontology):
    text = (
        "On May 4, Secretary Walter Greene met with Foreign Secretary Ana Robles Vela in Oaxaca to "
        "discuss illicit fentanyl.\n\n"
        "Both governments reaffirmed their joint statement of October 2, 2020, on tourism and deportations."
    )
    records = read(nlp, ontology, text, PartialDate(2025, 5, 6))
    topics = set().union(*(_topic_ids(m) for m in records.meetings))
    assert "fentanyl" in topics and not topics & {"travel-facilitation", "migration"}
