"""Tests of diplokg.evaluate on small hand-built graphs and hand-written gold dicts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from diplokg.errors import GoldFormatError
from diplokg.evaluate import (
    MEASURE_NAMES,
    Evaluation,
    evaluate,
    load_gold,
    normalize_name,
    normalize_text,
)
from diplokg.namespace import DK, DKR

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

US, MX = "United States", "Mexico"

GOLD: dict[str, Any] = {
    "format": "diplokg-gold/1",
    "countries": {US: ["United States", "US", "U.S."], MX: ["Mexico", "México"]},
    "topics": {
        "migration": ["Migration", "irregular migration"],
        "trade": ["Trade"],
        "fentanyl": ["Fentanyl"],
    },
    "persons": {
        "lopez": {"name": "Andrés López", "aliases": [], "key": ["lopez"], "country": MX},
        "smith": {"name": "John Smith", "aliases": [], "key": ["smith"], "country": US},
        "ruiz": {"name": "Ana Ruiz", "aliases": [], "key": ["ruiz"], "country": MX},
        "brown": {"name": "Bob Brown", "aliases": [], "key": ["bob", "brown"], "country": US},
    },
    "documents": [
        {
            "file": "a.txt",
            "published": "2020-01-03",
            "persons_required": ["lopez", "smith", "ruiz"],
            "meetings": [
                {
                    "id": "a-talks",
                    "participants": ["lopez", "smith"],
                    "optional_participants": ["ruiz"],
                    "date": "2020-01-02",
                    "place": "Mexico City",
                    "status": "held",
                    "topics": ["migration"],
                    "optional_topics": ["trade"],
                },
                {
                    "id": "a-call",
                    "participants": [],
                    "optional_participants": [],
                    "date": None,
                    "place": None,
                    "status": "held",
                    "topics": [],
                    "optional_topics": [],
                },
            ],
            "met": {"required": [["lopez", "smith"]], "acceptable": [["smith", "ruiz"]]},
            "agreements": [
                {
                    "id": "a-framework",
                    "name": "Bicentennial Framework",
                    "aliases": ["bicentennial framework"],
                    "unnamed": False,
                    "optional": False,
                    "commits": [US, MX],
                    "optional_commits": [],
                },
                {
                    "id": "a-statement",
                    "name": None,
                    "aliases": ["joint statement"],
                    "unnamed": True,
                    "optional": False,
                    "commits": [US, MX],
                    "optional_commits": [],
                },
                {
                    "id": "a-la",
                    "name": "Los Angeles Declaration",
                    "aliases": ["los angeles declaration"],
                    "unnamed": False,
                    "optional": True,
                    "commits": [],
                    "optional_commits": [US, MX],
                },
            ],
            "commitments": [
                {"party": "both", "key": ["firearms trafficking"]},
                {"party": MX, "key": ["national guard"]},
            ],
            "not_participants": ["brown"],
        }
    ],
}

DOC = DKR["doc/a"]
P = {k: DKR[f"person/{k}"] for k in ("lopez", "smith", "ruiz", "brown")}
C_US, C_MX = DKR["country/us"], DKR["country/mx"]
M1, M2 = DKR["meeting/a1"], DKR["meeting/a2"]
AG1, AG2 = DKR["agreement/a1"], DKR["agreement/a2"]
T = {"migration": DKR["topic/migration"], "trade": DKR["topic/trade"], "fentanyl": DKR["topic/fentanyl"]}


def gold() -> dict[str, Any]:
    return copy.deepcopy(GOLD)


def add_person(g: Graph, node: URIRef, label: str, doc: URIRef = DOC) -> None:
    g.add((node, RDF.type, DK.Person))
    g.add((node, RDFS.label, Literal(label)))
    g.add((node, DK.mentionedIn, doc))


def add_meeting(g: Graph, node: URIRef, participants: list[URIRef], date: str | None = None) -> None:
    g.add((node, RDF.type, DK.Meeting))
    g.add((node, DK.source, DOC))
    for p in participants:
        g.add((node, DK.participant, p))
    if date is not None:
        g.add((node, DK.date, Literal(date, datatype=XSD_DATE)))


def add_agreement(g: Graph, node: URIRef, label: str, commits: list[URIRef]) -> None:
    g.add((node, RDF.type, DK.Agreement))
    g.add((node, RDFS.label, Literal(label)))
    g.add((node, DK.source, DOC))
    for c in commits:
        g.add((node, DK.commits, c))


def add_commitment(g: Graph, node: URIRef, text: str, parties: list[URIRef]) -> None:
    g.add((node, RDF.type, DK.Commitment))
    g.add((node, DK.text, Literal(text)))
    g.add((node, DK.source, DOC))
    g.add((node, DK.agreement, AG1))
    for c in parties:
        g.add((node, DK.party, c))


def met(g: Graph, a: URIRef, b: URIRef) -> None:
    g.add((a, DK.met, b))
    g.add((b, DK.met, a))


def perfect_graph() -> Graph:
    """A graph that states exactly what GOLD requires."""
    g = Graph()
    g.add((DOC, RDF.type, DK.Document))
    g.add((DOC, DK.fileName, Literal("a.txt")))
    g.add((DKR["doc/other"], DK.fileName, Literal("other.txt")))
    for node, label in ((C_US, "United States"), (C_MX, "México")):
        g.add((node, RDF.type, DK.Country))
        g.add((node, RDFS.label, Literal(label)))
    for key, node in T.items():
        g.add((node, RDF.type, DK.Topic))
        g.add((node, SKOS.prefLabel, Literal(GOLD["topics"][key][0])))
    add_person(g, P["lopez"], "Secretary Andrés López")
    add_person(g, P["smith"], "John Smith")
    add_person(g, P["ruiz"], "Ana Ruiz")
    add_person(g, P["brown"], "Bob Brown")
    met(g, P["lopez"], P["smith"])
    add_meeting(g, M1, [P["lopez"], P["smith"]], "2020-01-02")
    add_meeting(g, M2, [C_US, C_MX])
    g.add((T["migration"], DK.discussedAt, M1))
    add_agreement(g, AG1, "U.S.-Mexico Bicentennial Framework", [C_US, C_MX])
    add_agreement(g, AG2, "Joint Statement", [C_US, C_MX])
    add_commitment(g, DKR["c/1"], "Both countries will fight firearms trafficking.", [C_US, C_MX])
    add_commitment(g, DKR["c/2"], "Mexico will deploy the National Guard.", [C_MX])
    return g


def run(g: Graph, gd: dict[str, Any] | None = None) -> Evaluation:
    return evaluate(g, gd if gd is not None else gold())


# --------------------------------------------------------------------------- overall


def test_perfect_graph_scores_one_everywhere() -> None:
    ev = run(perfect_graph())
    assert [m.name for m in ev.measures] == list(MEASURE_NAMES)
    for name in ("met", "meetings", "topics", "commits"):
        m = ev.measure(name)
        assert (m.precision, m.recall, m.f1) == (1.0, 1.0, 1.0), name
        assert m.fp == 0 and m.fn == 0, name
    assert ev.measure("persons").recall == 1.0
    assert ev.measure("commitments").recall == 1.0
    assert ev.measure("nodes_per_person").value == 1.0
    assert ev.measure("meeting_dates").value == 1.0
    assert ev.measure("meeting_dates").support == 1  # the call has no gold date
    assert ev.measure("not_participants").value == 0
    json.dumps(ev.to_dict())  # serialisable


def test_empty_graph_scores_zero_recall() -> None:
    ev = run(Graph())
    assert ev.measure("met").recall == 0.0
    assert ev.measure("met").precision is None
    assert ev.measure("persons").recall == 0.0
    assert ev.measure("meetings").recall == 0.0
    assert ev.measure("commitments").recall == 0.0
    assert ev.details["documents"]["a.txt"]["in_graph"] is False


# --------------------------------------------------------------------------- met


def test_wrong_met_pair_lowers_precision() -> None:
    g = perfect_graph()
    met(g, P["lopez"], P["ruiz"])
    m = run(g).measure("met")
    assert m.precision == 0.5
    assert m.recall == 1.0
    assert (m.tp, m.fp, m.fn) == (1, 1, 0)


def test_met_pair_with_unknown_person_is_false_positive() -> None:
    g = perfect_graph()
    add_person(g, DKR["person/x"], "Nobody Known")
    g.add((P["smith"], DK.met, DKR["person/x"]))
    ev = run(g)
    assert ev.measure("met").fp == 1
    assert any("Nobody Known" in s for s in ev.details["met"]["false_positives"])


def test_acceptable_pair_is_not_false_positive() -> None:
    g = perfect_graph()
    met(g, P["smith"], P["ruiz"])
    m = run(g).measure("met")
    assert m.precision == 1.0
    assert m.fp == 0
    assert m.tp == 2


def test_missing_required_pair_lowers_recall() -> None:
    g = perfect_graph()
    g.remove((P["lopez"], DK.met, None))
    g.remove((P["smith"], DK.met, None))
    met(g, P["smith"], P["ruiz"])  # an acceptable pair only
    ev = run(g)
    m = ev.measure("met")
    assert m.recall == 0.0
    assert m.precision == 1.0
    assert m.fn == 1
    assert ev.details["met"]["false_negatives"] == ["Andrés López – John Smith"]


def test_met_one_direction_counts() -> None:
    g = perfect_graph()
    g.remove((P["smith"], DK.met, P["lopez"]))
    m = run(g).measure("met")
    assert (m.precision, m.recall) == (1.0, 1.0)


# --------------------------------------------------------------------------- persons


def test_split_person_gives_two_nodes_per_person() -> None:
    g = Graph()
    g.add((DOC, DK.fileName, Literal("a.txt")))
    add_person(g, DKR["person/lopez1"], "Andrés López")
    add_person(g, DKR["person/lopez2"], "Lopez")
    ev = run(g)
    npp = ev.measure("nodes_per_person")
    assert npp.value == 2.0
    assert npp.support == 1
    assert sorted(ev.details["split_persons"]["Andrés López"]) == ["Andrés López", "Lopez"]


def test_split_person_averaged_with_others() -> None:
    g = perfect_graph()
    add_person(g, DKR["person/lopez2"], "López")
    # lopez has 2 nodes, smith, ruiz and brown 1 each
    assert run(g).measure("nodes_per_person").value == pytest.approx(5 / 4)


def test_person_must_be_mentioned_in_the_document() -> None:
    g = perfect_graph()
    g.remove((P["ruiz"], DK.mentionedIn, DOC))
    g.add((P["ruiz"], DK.mentionedIn, DKR["doc/other"]))
    ev = run(g)
    m = ev.measure("persons")
    assert m.recall == pytest.approx(2 / 3)
    assert ev.details["documents"]["a.txt"]["persons_missing"] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Secretary Andrés López", "andres lopez"),
        ("President-elect Andrés Manuel López Obrador", "andres manuel lopez obrador"),
        ("Dr. Elizabeth Sherwood-Randall", "elizabeth sherwood randall"),
        ("Attorney General  Merrick B. Garland", "merrick b garland"),
        ("First Lady Jill Biden", "jill biden"),
        ("Foreign Minister Marcelo Ebrard", "marcelo ebrard"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_normalize_text_keeps_words_and_folds() -> None:
    assert normalize_text("U.S.-México Joint Statement, Dec. 18") == "us mexico joint statement dec 18"


def test_accent_and_title_normalisation_matches_key() -> None:
    g = Graph()
    g.add((DOC, DK.fileName, Literal("a.txt")))
    add_person(g, DKR["person/x"], "Secretary Andrés López")
    add_person(g, DKR["person/y"], "Smithson")  # a token must match whole, not a prefix
    add_person(g, DKR["person/z"], "Bob")  # only part of the key ["bob", "brown"]
    ev = run(g)
    assert ev.details["documents"]["a.txt"]["persons_missing"] == ["John Smith", "Ana Ruiz"]
    assert ev.measure("nodes_per_person").support == 1


def test_alt_label_matches_person() -> None:
    g = Graph()
    g.add((DOC, DK.fileName, Literal("a.txt")))
    add_person(g, DKR["person/x"], "Mr. R.")
    g.add((DKR["person/x"], SKOS.altLabel, Literal("Ana Ruiz")))
    ev = run(g)
    assert "Ana Ruiz" not in ev.details["documents"]["a.txt"]["persons_missing"]


# --------------------------------------------------------------------------- meetings


def test_meetings_one_to_one() -> None:
    gd = gold()
    gd["documents"][0]["meetings"] = gd["documents"][0]["meetings"][:1]  # only the talks
    g = perfect_graph()
    g.remove((M2, None, None))
    add_meeting(g, DKR["meeting/a3"], [P["lopez"], P["smith"]])  # a duplicate of the talks
    m = run(g, gd).measure("meetings")
    assert (m.tp, m.fp, m.fn) == (1, 1, 0)
    assert m.precision == 0.5
    assert m.recall == 1.0


def test_gold_meeting_without_participants_takes_remaining_one() -> None:
    g = perfect_graph()
    ev = run(g)
    assert ev.measure("meetings").tp == 2
    matched = dict(ev.details["documents"]["a.txt"]["meetings"]["matched"])
    assert matched["a-call"] == "a2"
    g.remove((M2, None, None))
    m = run(g).measure("meetings")
    assert (m.tp, m.fn, m.recall) == (1, 1, 0.5)


def test_meeting_needs_a_required_participant() -> None:
    gd = gold()
    gd["documents"][0]["meetings"] = gd["documents"][0]["meetings"][:1]
    g = perfect_graph()
    g.remove((M1, None, None))
    g.remove((M2, None, None))
    add_meeting(g, DKR["meeting/a3"], [P["ruiz"]])  # an optional participant only
    m = run(g, gd).measure("meetings")
    assert m.tp == 0
    assert m.precision == 0.0


def test_meetings_matched_greedily_by_best_overlap() -> None:
    gd = gold()
    doc = gd["documents"][0]
    solo = {**copy.deepcopy(doc["meetings"][0]), "id": "a-solo", "participants": ["lopez"],
            "date": "2020-01-05", "optional_participants": []}
    doc["meetings"] = [solo, doc["meetings"][0]]  # the one-person meeting comes first
    g = perfect_graph()
    g.remove((M2, None, None))
    # a1 (López and Smith) sorts first: matching in gold order would give it to a-solo
    add_meeting(g, DKR["meeting/z9"], [P["lopez"]], "2020-01-05")
    ev = run(g, gd)
    assert ev.measure("meetings").tp == 2
    assert ev.measure("meeting_dates").value == 1.0  # a-talks got a1, a-solo got z9
    matched = dict(ev.details["documents"]["a.txt"]["meetings"]["matched"])
    assert matched == {"a-talks": "a1", "a-solo": "z9"}


def test_optional_participants_break_ties() -> None:
    g = perfect_graph()
    gd = gold()
    gd["documents"][0]["meetings"] = gd["documents"][0]["meetings"][:1]
    g.remove((M2, None, None))
    g.remove((M1, None, None))
    add_meeting(g, DKR["meeting/a1"], [P["lopez"]], "1999-01-01")
    add_meeting(g, DKR["meeting/b1"], [P["lopez"], P["ruiz"]], "2020-01-02")
    ev = run(g, gd)
    assert dict(ev.details["documents"]["a.txt"]["meetings"]["matched"]) == {"a-talks": "b1"}


def test_meeting_of_other_document_is_not_counted() -> None:
    g = perfect_graph()
    g.remove((M1, DK.source, DOC))
    g.add((M1, DK.source, DKR["doc/other"]))
    m = run(g).measure("meetings")
    assert m.tp == 1  # only the call (which takes a2)
    assert m.fn == 1


def test_dates_compared_exactly() -> None:
    g = perfect_graph()
    g.remove((M1, DK.date, None))
    g.add((M1, DK.date, Literal("2020-01-03", datatype=XSD_DATE)))
    ev = run(g)
    d = ev.measure("meeting_dates")
    assert (d.value, d.tp, d.support) == (0.0, 0, 1)
    g.remove((M1, DK.date, None))
    g.add((M1, DK.date, Literal("2020-01")))
    assert run(g).measure("meeting_dates").value == 0.0
    g.remove((M1, DK.date, None))
    assert run(g).measure("meeting_dates").value == 0.0  # no date at all


# --------------------------------------------------------------------------- topics


def test_topics_precision_uses_optional_topics() -> None:
    g = perfect_graph()
    g.add((T["trade"], DK.discussedAt, M1))
    m = run(g).measure("topics")
    assert (m.precision, m.recall) == (1.0, 1.0)
    g.add((T["fentanyl"], DK.discussedAt, M2))
    m = run(g).measure("topics")
    assert m.precision == pytest.approx(2 / 3)
    assert m.recall == 1.0
    assert m.fp == 1


def test_topics_recall_and_label_matching() -> None:
    g = perfect_graph()
    g.remove((T["migration"], DK.discussedAt, M1))
    m = run(g).measure("topics")
    assert m.recall == 0.0 and m.fn == 1
    # a topic node labelled with another gold label of the same topic matches it
    alt = DKR["topic/irregular"]
    g.add((alt, RDF.type, DK.Topic))
    g.add((alt, RDFS.label, Literal("Irregular  migration")))
    g.add((alt, DK.discussedAt, M1))
    m = run(g).measure("topics")
    assert (m.precision, m.recall) == (1.0, 1.0)


def test_unknown_topic_is_false_positive() -> None:
    g = perfect_graph()
    odd = DKR["topic/weather"]
    g.add((odd, SKOS.prefLabel, Literal("Weather")))
    g.add((odd, DK.discussedAt, M1))
    ev = run(g)
    assert ev.measure("topics").precision == 0.5
    assert "Weather" in ev.details["documents"]["a.txt"]["topics"]["false_positives"]


# --------------------------------------------------------------------------- commits


def test_commits_unnamed_agreement_matches_remaining_statement() -> None:
    g = perfect_graph()
    # the unnamed statement, under a label no alias contains
    g.remove((AG2, RDFS.label, None))
    g.add((AG2, RDFS.label, Literal("Communiqué of the talks")))
    m = run(g).measure("commits")
    assert (m.precision, m.recall) == (1.0, 1.0)


def test_named_agreement_not_taken_by_unnamed_one() -> None:
    g = perfect_graph()
    g.remove((AG2, DK.commits, C_MX))  # the statement now only binds the US
    ev = run(g)
    m = ev.measure("commits")
    assert (m.tp, m.fp, m.fn) == (3, 0, 1)
    assert m.recall == 0.75
    rows = {r["gold"]: r for r in ev.details["documents"]["a.txt"]["commits"]}
    assert rows["a-statement"]["system"] == "Joint Statement"
    assert rows["a-statement"]["false_negatives"] == [MX]


def test_optional_agreement_neither_missed_nor_false_positive() -> None:
    g = perfect_graph()
    add_agreement(g, DKR["agreement/la"], "Los Angeles Declaration on Migration", [C_US, C_MX])
    m = run(g).measure("commits")
    assert (m.precision, m.recall, m.fp, m.fn) == (1.0, 1.0, 0, 0)
    assert m.tp == 6


def test_unmatched_optional_agreement_with_commits_is_not_a_miss() -> None:
    gd = gold()
    gd["documents"][0]["agreements"][2]["commits"] = [US]
    m = run(perfect_graph(), gd).measure("commits")
    assert (m.fn, m.recall) == (0, 1.0)
    gd["documents"][0]["agreements"][2]["optional"] = False
    assert run(perfect_graph(), gd).measure("commits").fn == 1


def test_unnamed_agreement_prefers_statement_words() -> None:
    g = perfect_graph()
    g.remove((AG2, RDFS.label, None))
    g.add((AG2, RDFS.label, Literal("Declaration of the talks")))
    # sorts before AG2, so without the preference it would be taken first
    add_agreement(g, DKR["agreement/a0"], "Action plan", [C_US])
    ev = run(g)
    m = ev.measure("commits")
    assert (m.tp, m.fp, m.fn) == (4, 1, 0)
    rows = {r["gold"]: r for r in ev.details["documents"]["a.txt"]["commits"]}
    assert rows["a-statement"]["system"] == "Declaration of the talks"


def test_unmatched_system_agreement_commits_are_false_positives() -> None:
    g = perfect_graph()
    add_agreement(g, DKR["agreement/x"], "Some Other Plan", [C_US])
    m = run(g).measure("commits")
    assert m.fp == 1
    assert m.precision == pytest.approx(4 / 5)


def test_missing_required_agreement_counts_misses() -> None:
    g = perfect_graph()
    g.remove((AG1, None, None))
    m = run(g).measure("commits")
    assert m.fn == 2
    assert m.recall == 0.5


# --------------------------------------------------------------------------- commitments


def test_commitment_party_both() -> None:
    g = perfect_graph()
    g.remove((DKR["c/1"], DK.party, C_MX))  # the shared clause now only binds the US
    m = run(g).measure("commitments")
    assert m.recall == 0.5
    assert (m.tp, m.fn) == (1, 1)
    assert m.precision is None


def test_commitment_single_party_must_be_exact_and_text_normalised() -> None:
    g = perfect_graph()
    g.add((DKR["c/2"], DK.party, C_US))  # Mexico's clause now claims both
    assert run(g).measure("commitments").recall == 0.5
    g2 = perfect_graph()
    g2.remove((DKR["c/1"], DK.text, None))
    g2.add((DKR["c/1"], DK.text, Literal("They will curb Firearms-Trafficking.")))
    assert run(g2).measure("commitments").recall == 1.0
    g2.remove((DKR["c/2"], DK.text, None))
    g2.add((DKR["c/2"], DK.text, Literal("Mexico will deploy guards.")))
    assert run(g2).measure("commitments").recall == 0.5


# --------------------------------------------------------------------------- not participants


def test_not_participants_counted() -> None:
    g = perfect_graph()
    g.add((M1, DK.participant, P["brown"]))
    ev = run(g)
    m = ev.measure("not_participants")
    assert m.value == 1
    assert ev.details["documents"]["a.txt"]["wrong_participants"] == ["Bob Brown"]


# --------------------------------------------------------------------------- load_gold


def test_load_gold_reads_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    assert load_gold(path) == GOLD


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError) as err:
        load_gold(tmp_path / "nope.json")
    assert "not found" in str(err.value) and "\n" not in str(err.value)


def test_load_gold_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text('{"format": "diplokg-gold/1",', encoding="utf-8")
    with pytest.raises(GoldFormatError) as err:
        load_gold(path)
    assert "JSON" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    "change",
    [
        {"format": "diplokg-gold/2"},
        {"format": None},
        {"documents": "a.txt"},
    ],
)
def test_load_gold_wrong_format(tmp_path: Path, change: dict[str, Any]) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({**GOLD, **change}), encoding="utf-8")
    with pytest.raises(GoldFormatError):
        load_gold(path)


def test_load_gold_missing_key_and_unknown_person(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({k: v for k, v in GOLD.items() if k != "persons"}), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="persons"):
        load_gold(path)
    bad = gold()
    bad["documents"][0]["persons_required"].append("ghost")
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="ghost"):
        load_gold(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(GoldFormatError):
        load_gold(path)
