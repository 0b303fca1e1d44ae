"""Build the independent development set (tests/data/devset) once and hold its quality floor.

The eight documents were written for this test (a State readout of a call, a DHS trip release,
a translated SRE/SSPC communiqué, an AP-style story with background visits and a related-articles
list, a joint statement with numbered, conditional and aspirational clauses, a White House call
readout, a "next week" travel announcement and a working-group readout). ``../devset.gold.json`` is their
hand annotation in the ``diplokg-gold/1`` format. The rules were fixed against these documents,
so they measure regressions, not generalisation (``test_heldout.py`` does that). The floors sit slightly below what the build reached when they
were set, so a regression fails; raise them when extraction improves.
"""

from __future__ import annotations

import csv

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.term import Node

from diplokg.evaluate import load_gold, normalize_name
from diplokg.namespace import DK
from goldsets import DATA, build_and_evaluate, floor_failures

DEVSET = DATA / "devset"
GOLD = DATA / "devset.gold.json"

#: (measure, attribute) -> floor. First measured (2026-11-23, before the dev-set fixes): met P 0.95
#: R 0.40 F1 0.56, persons 0.82, meetings F1 0.72, dates 0.57 (4/7), topics F1 0.82, commits F1
#: 0.86, commitments 0.50. The comments give what the fixes reached.
FLOOR = {
    ("met", "precision"): 0.95,  # meeting rules; 1.0 (50/50) measured
    ("met", "recall"): 0.95,  # 1.0 measured
    ("met", "f1"): 0.95,
    ("persons", "recall"): 0.97,  # appositive / long titles, title fragments; 1.0 (51/51)
    ("meetings", "f1"): 0.95,  # attendance, unnamed bodies, planned follow-ups; 1.0 (23/23)
    ("meeting_dates", "value"): 0.95,  # same-weekday dates; 1.0 (10/10) measured
    ("topics", "f1"): 0.96,  # names, footers, mission, closing paragraphs; 0.98 measured
    ("commits", "f1"): 0.97,  # titles, letter of intent, signers, one declaration; 1.0
    ("commitments", "recall"): 0.95,  # "under which …", readout undertakings; 1.0 (10/10)
}
#: Mean person nodes per gold person may not grow above this (1.0 is ideal; 1.0 measured after
#: the headline and place rules, 1.03 before).
MAX_NODES_PER_PERSON = 1.01


@pytest.fixture(scope="module")
def devset():
    """The dev set built once with the full pipeline (no cache), its graph and its evaluation."""
    return build_and_evaluate(DEVSET, GOLD)


# --------------------------------------------------------------------------- graph helpers


def _label(graph: Graph, node: Node) -> str:
    return str(graph.value(node, RDFS.label) or node)


def _person(graph: Graph, name: str) -> Node:
    """The one dk:Person whose label is ``name`` (titles and accents ignored)."""
    want = normalize_name(name)
    hits = [p for p in graph.subjects(RDF.type, DK.Person) if normalize_name(_label(graph, p)) == want]
    assert len(hits) == 1, f"expected one person node for {name!r}, got {len(hits)}"
    return hits[0]


def _met(graph: Graph, a: str, b: str) -> bool:
    return (_person(graph, a), DK.met, _person(graph, b)) in graph


def _meetings(graph: Graph, file_name: str) -> list[Node]:
    docs = [d for d, f in graph.subject_objects(DK.fileName) if str(f) == file_name]
    assert len(docs) == 1, f"{file_name} not in the graph"
    return [m for m in graph.subjects(DK.source, docs[0]) if (m, RDF.type, DK.Meeting) in graph]


def _participants(graph: Graph, meeting: Node) -> set[str]:
    return {normalize_name(_label(graph, p)) for p in graph.objects(meeting, DK.participant)}


def _meeting_with(graph: Graph, file_name: str, *names: str, dated: str | None = None) -> Node:
    """The meeting of ``file_name`` whose participants include all ``names`` (and, when
    ``dated`` is given, with that date)."""
    want = {normalize_name(n) for n in names}
    hits = [m for m in _meetings(graph, file_name) if want <= _participants(graph, m)
            and (dated is None or dated in _dates(graph, m))]
    assert hits, f"no meeting of {file_name} with {names}"
    return hits[0]


def _dates(graph: Graph, meeting: Node) -> list[str]:
    return sorted(str(d) for d in graph.objects(meeting, DK.date))


def _place(graph: Graph, meeting: Node) -> list[str]:
    return sorted(_label(graph, p) for p in graph.objects(meeting, DK.location))


# --------------------------------------------------------------------------- the set itself


def test_devset_files_metadata_and_gold_agree():
    texts = sorted(p.name for p in DEVSET.glob("*.txt"))
    with (DEVSET / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["file"] for r in rows] == texts and len(texts) == 8
    gold = load_gold(GOLD)
    assert sorted(d["file"] for d in gold["documents"]) == texts
    for path in DEVSET.glob("*.txt"):
        words = len(path.read_text(encoding="utf-8").split())
        assert 200 <= words <= 700, (path.name, words)


def test_devset_builds_every_document(devset):
    result, graph, _ = devset
    assert result.documents == 8
    assert result.skipped == []
    assert len(set(graph.subjects(RDF.type, DK.Document))) == 8


def test_devset_quality_floor(devset):
    _, _, ev = devset
    failures = floor_failures(ev, FLOOR, MAX_NODES_PER_PERSON)
    assert not failures, failures
    assert ev.measure("not_participants").value == 0, ev.details["documents"]


# --------------------------------------------------------------------------- key facts


def test_readout_call_and_recalled_visit_are_dated(devset):
    _, graph, _ = devset
    f = "100_state_readout_blinken_barcena.txt"
    assert _met(graph, "Antony Blinken", "Alicia Bárcena")
    # "spoke today" in a readout published 2024-01-22; the call has no place and only its two
    # parties (the recalled visit's delegation was not on it)
    call = _meeting_with(graph, f, "Antony Blinken", "Alicia Bárcena", dated="2024-01-22")
    assert _participants(graph, call) == {normalize_name("Antony Blinken"), normalize_name("Alicia Bárcena")}
    assert _place(graph, call) == []
    # "his December 27 visit" recalled in January 2024 is the previous year's December
    assert any(_dates(graph, m) == ["2023-12-27"] for m in _meetings(graph, f))
    assert _met(graph, "Alejandro Mayorkas", "Andrés Manuel López Obrador")


def test_dhs_trip_relative_weekday_and_second_city(devset):
    _, graph, _ = devset
    f = "101_dhs_mayorkas_mexico_city.txt"
    talks = _meeting_with(graph, f, "Alejandro Mayorkas", "Marcelo Ebrard", "Rosa Icela Rodríguez")
    assert _dates(graph, talks) == ["2022-06-15"]  # "On Wednesday" before a Thursday release
    monterrey = _meeting_with(graph, f, "Alejandro Mayorkas", "Samuel García")
    assert _dates(graph, monterrey) == ["2022-06-16"] and _place(graph, monterrey) == ["Monterrey"]
    assert _met(graph, "Alejandro Mayorkas", "Samuel García")


def test_translated_communique_host_and_guest(devset):
    _, graph, _ = devset
    f = "102_sre_sspc_communique_landau.txt"
    meeting = _meeting_with(graph, f, "Christopher Landau", "Juan Ramón de la Fuente", "Omar García Harfuch")
    assert _dates(graph, meeting) == ["2025-04-14"]
    assert _met(graph, "Christopher Landau", "Omar García Harfuch")
    country = {normalize_name(n): str(graph.value(graph.value(_person(graph, n), DK.country), RDFS.label))
               for n in ("Christopher Landau", "Omar García Harfuch", "Juan Ramón de la Fuente")}
    assert country == {"christopher landau": "United States", "omar garcia harfuch": "Mexico",
                       "juan ramon de la fuente": "Mexico"}


def test_news_story_keeps_related_articles_out(devset):
    _, graph, ev = devset
    f = "103_news_high_level_security_dialogue.txt"
    dialogue = _meeting_with(graph, f, "Antony Blinken", "Marcelo Ebrard", "Merrick Garland")
    assert normalize_name("Andrés Manuel López Obrador") in _participants(graph, dialogue)
    assert _met(graph, "Kamala Harris", "Andrés Manuel López Obrador")  # background visit
    present = set().union(*(_participants(graph, m) for m in _meetings(graph, f)))
    for name in ("Greg Abbott", "Samuel García", "Daniela Ortega Vance", "Elena Bustos"):
        assert normalize_name(name) not in present, name
    assert ev.details["documents"][f]["wrong_participants"] == []


def test_joint_statement_clauses_keep_party_modality_and_deadline(devset):
    _, graph, _ = devset
    docs = [d for d, f in graph.subject_objects(DK.fileName)
            if str(f) == "104_joint_statement_security_group_2026.txt"]
    clauses = {}
    for c in graph.subjects(DK.source, docs[0]):
        if (c, RDF.type, DK.Commitment) in graph:
            parties = frozenset(str(graph.value(p, RDFS.label)) for p in graph.objects(c, DK.party))
            clauses[str(graph.value(c, DK.text))] = (parties, str(graph.value(c, DK.modality)),
                                                     graph.value(c, DK.deadline))

    def clause(word: str):
        hits = [v for t, v in clauses.items() if word in t]
        assert len(hits) == 1, (word, list(clauses))
        return hits[0]

    assert clause("Manzanillo")[0] == {"Mexico"}
    assert clause("southbound trafficking of firearms")[0] == {"United States"}
    parties, modality, deadline = clause("within 60 days")
    assert parties == {"United States", "Mexico"} and modality == "firm"
    assert str(deadline) == "2026-05-11"  # 60 days after the 2026-03-12 statement
    assert clause("Should the flow")[1] == "conditional"
    assert clause("Should the flow")[2] is None  # "by the end of 2026" is the condition's horizon
    assert clause("aspire to")[1] == "aspirational"


def test_planned_visit_next_week(devset):
    _, graph, _ = devset
    f = "106_dhs_mcaleenan_travel_next_week.txt"
    visit = _meeting_with(graph, f, "Kevin McAleenan", "Marcelo Ebrard", "Alfonso Durazo")
    assert str(graph.value(visit, DK.status)) == "planned"
    assert _place(graph, visit) == ["Mexico City"]
    assert all(not d.endswith("-08-30") for d in _dates(graph, visit))  # not the release date
    assert _met(graph, "Kevin McAleenan", "Alfonso Durazo")


def test_datelines_attendance_and_planned_follow_ups(devset):
    _, graph, _ = devset
    # "MEXICO CITY – On Wednesday, ... met with ...": the dateline places the meeting;
    # "... joined the meetings" adds to it rather than making a meeting of its own
    f = "101_dhs_mayorkas_mexico_city.txt"
    talks = _meeting_with(graph, f, "Alejandro Mayorkas", "Marcelo Ebrard", "Ken Salazar")
    assert _place(graph, talks) == ["Mexico City"]
    assert len(_meetings(graph, f)) == 3
    # a numbered meeting of a body, its delegations named in the next sentences
    f = "104_joint_statement_security_group_2026.txt"
    third = _meeting_with(graph, f, "Daniel R. Whitmore", "Angela Moreno-Keyes", "Eduardo Villaseñor Prieto",
                          "Marta Elena Cárdenas Ruiz", dated="2026-03-11")
    assert _place(graph, third)
    assert _met(graph, "Angela Moreno-Keyes", "Marta Elena Cárdenas Ruiz")
    # "their teams would meet in Washington": a planned meeting apart from the call, between
    # the call's two countries (no person of theirs is named)
    f = "100_state_readout_blinken_barcena.txt"
    planned = [m for m in _meetings(graph, f) if str(graph.value(m, DK.status)) == "planned"]
    assert planned and all(_participants(graph, m) == {"mexico", "united states"} for m in planned)


def test_persons_are_not_places_or_headline_fragments_and_have_countries(devset):
    _, graph, _ = devset
    labels = {normalize_name(_label(graph, p)) for p in graph.subjects(RDF.type, DK.Person)}
    for wrong in ("Nuevo León", "Lázaro Cárdenas", "Counternarcotics Policy", "Mayorkas Leads Delegation"):
        assert normalize_name(wrong) not in labels, wrong

    def country(name: str) -> str:
        return str(graph.value(graph.value(_person(graph, name), DK.country), RDFS.label))

    assert country("Samuel García") == "Mexico"  # a governor in Monterrey, Nuevo León
    assert country("Caroline Ashford") == "United States"  # "... of State for Mexico": the portfolio
    assert country("Daniel R. Whitmore") == "United States"
    assert country("Marta Elena Cárdenas Ruiz") == "Mexico"  # "The Mexican delegation was led by"
    assert country("Jorge Armando Villalobos Ortiz") == "Mexico"  # "... of Mexico's Secretariat"
    assert country("Thomas R. Brandt") == "United States"
    titles = {str(t) for t in graph.objects(_person(graph, "Kevin McAleenan"), DK.title)}
    titles |= {str(t) for t in graph.objects(_person(graph, "Donald Trump"), DK.title)}
    assert not any("WASHINGTON" in t or "Readout" in t for t in titles), titles
