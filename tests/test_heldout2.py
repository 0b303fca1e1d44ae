"""Second held-out evaluation set (tests/data/heldout2): a regression guard, NOT a tuning target.

DO NOT TUNE ON THESE DOCUMENTS. The six texts were written blind, while the extraction rules were
being generalised, so that the generalisation could be measured on documents nobody had fitted the
rules to: a Justice Department press release on extradition talks with a related-content list
(2025), a Mexican Presidency communiqué on a presidential phone call, translated from Spanish
(2021), a Milenio-style news story in English translation on a US cabinet visit, with quotes,
background and a "Read more" list and no metadata (2026), a US Embassy Mexico press statement on a
bilateral arms-trafficking working group ("the delegations agreed to", a 30-day deadline, a
planned next meeting, 2023), a numbered joint statement after a High-Level Security Dialogue
(one-country and two-country clauses, a conditional, an aspirational "will seek to", a reaffirmed
earlier framework, 2022) and a DHS readout of a trilateral US-Canada-Mexico migration meeting
(2024). ``../heldout2.gold.json`` is their hand annotation in ``diplokg-gold/1``;
``/work/notes/heldout2-errors.md`` records what the build got wrong when the set was written.

A fix for an error seen here must be developed and validated on NEW invented texts of the same
kind (or on the dev set), never on these documents, their sentences or their names; otherwise the
set stops measuring generalisation. The floors below sit slightly under the scores measured when
the set was written, so they only catch regressions; raise them when extraction improves on its
own merits.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from diplokg.build import build
from diplokg.evaluate import evaluate, load_gold
from diplokg.namespace import DK

HELDOUT2 = Path(__file__).resolve().parent / "data" / "heldout2"
GOLD = HELDOUT2.parent / "heldout2.gold.json"
N_DOCS = 6

#: (measure, attribute) -> floor. Measured 2026-11-23 (first and only build before the floors were
#: set): met P 0.958 R 0.434 F1 0.597 (23 of 53 required pairs), persons 0.895 (34/38), meetings
#: P 0.909 R 0.625 F1 0.741, dates 0.50 (3/6), topics P 0.912 R 0.941 F1 0.926, commits P 1.0
#: R 0.667 F1 0.80, commitments 0.286 (8/28), not_participants 0, nodes per person 1.0.
FLOOR = {
    ("met", "precision"): 0.90,
    ("met", "recall"): 0.40,
    ("met", "f1"): 0.55,
    ("persons", "recall"): 0.86,
    ("meetings", "precision"): 0.85,
    ("meetings", "recall"): 0.56,
    ("meetings", "f1"): 0.68,
    ("meeting_dates", "value"): 0.45,
    ("topics", "precision"): 0.88,
    ("topics", "recall"): 0.90,
    ("topics", "f1"): 0.89,
    ("commits", "precision"): 0.90,
    ("commits", "recall"): 0.60,
    ("commits", "f1"): 0.72,
    ("commitments", "recall"): 0.25,
}
#: Mean person nodes per gold person (1.0 is ideal and was measured).
MAX_NODES_PER_PERSON = 1.02


@pytest.fixture(scope="module")
def heldout2():
    """The set built once with the full pipeline (no cache), its graph and its evaluation."""
    with tempfile.TemporaryDirectory(prefix="heldout2-out-") as tmp:
        result = build(HELDOUT2, tmp, use_cache=False)
        graph = Graph().parse(Path(tmp) / "graph.ttl")
    return result, graph, evaluate(graph, load_gold(GOLD))


def test_heldout2_files_metadata_and_gold_agree():
    texts = sorted(p.name for p in HELDOUT2.glob("*.txt"))
    assert len(texts) == N_DOCS
    with (HELDOUT2 / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["file"] for r in rows] == texts
    gold = load_gold(GOLD)
    assert sorted(d["file"] for d in gold["documents"]) == texts
    # the gold file lives outside the corpus folder, so the build has nothing to skip
    assert sorted(p.name for p in HELDOUT2.iterdir()) == [*texts, "metadata.csv"]
    for path in HELDOUT2.glob("*.txt"):
        words = len(path.read_text(encoding="utf-8").split())
        assert 250 <= words <= 600, (path.name, words)


def test_heldout2_is_disjoint_from_the_other_sets():
    """No file name is shared with the first held-out set or the dev set."""
    names = {p.name for p in HELDOUT2.glob("*.txt")}
    for other in ("heldout", "devset"):
        assert not names & {p.name for p in (HELDOUT2.parent / other).glob("*.txt")}, other


def test_heldout2_builds_every_document(heldout2):
    result, graph, _ = heldout2
    assert result.documents == N_DOCS
    assert result.skipped == []
    assert len(set(graph.subjects(RDF.type, DK.Document))) == N_DOCS


def test_heldout2_quality_floor(heldout2):
    _, _, ev = heldout2
    failures = []
    for (name, attr), floor in FLOOR.items():
        value = getattr(ev.measure(name), attr)
        if value is None or value < floor - 1e-9:
            failures.append(f"{name} {attr} = {value} < {floor}")
    assert not failures, failures
    npp = ev.measure("nodes_per_person").value
    assert npp is not None and npp <= MAX_NODES_PER_PERSON, f"nodes per person {npp}"


def test_heldout2_names_in_bylines_and_related_lists_are_not_participants(heldout2):
    _, _, ev = heldout2
    assert ev.measure("not_participants").value == 0, {
        f: d["wrong_participants"] for f, d in ev.details["documents"].items() if d["wrong_participants"]
    }
