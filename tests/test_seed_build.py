"""Build the seed corpus once: contract shapes, determinism and the seed-gold quality floor."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, SKOS, Graph

from diplokg.build import build
from diplokg.cli import main
from diplokg.evaluate import evaluate, load_gold
from diplokg.namespace import DK

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT.parent / "shared" / "eval" / "seed-gold.json"

#: What the seed build reached when these floors were set (see README, "Quality").
FLOOR = {
    ("met", "f1"): 1.0,
    ("persons", "recall"): 1.0,
    ("nodes_per_person", "value"): 1.0,
    ("meetings", "f1"): 1.0,
    ("meeting_dates", "value"): 1.0,
    ("topics", "f1"): 0.92,
    ("commits", "f1"): 1.0,
    ("commitments", "recall"): 1.0,
}


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-out")
    result = build(ROOT / "corpus", out)
    return result, out, Graph().parse(out / "graph.ttl")


def test_outputs_exist(seed_build):
    result, out, _ = seed_build
    assert result.documents == 5 and not result.skipped
    for name in ("graph.ttl", "network.html", "report.md"):
        assert (out / name).stat().st_size > 0
    assert "Kirstjen Nielsen" in (out / "report.md").read_text(encoding="utf-8")


def test_contract_shapes(seed_build):
    _, _, graph = seed_build
    for document in graph.subjects(RDF.type, DK.Document):
        assert graph.value(document, DK.fileName) is not None
    for person in graph.subjects(RDF.type, DK.Person):
        assert graph.value(person, RDFS.label) is not None
        assert graph.value(person, DK.mentionedIn) is not None
    meetings = list(graph.subjects(RDF.type, DK.Meeting))
    assert meetings
    for meeting in meetings:
        assert graph.value(meeting, DK.participant) is not None
        assert graph.value(meeting, DK.source) is not None
        assert graph.value(meeting, DK.evidence) is not None
        assert str(graph.value(meeting, DK.status)) in {"held", "planned"}
    for agreement in graph.subjects(RDF.type, DK.Agreement):
        assert graph.value(agreement, RDFS.label) is not None and graph.value(agreement, DK.source) is not None
    for commitment in graph.subjects(RDF.type, DK.Commitment):
        for prop in (DK.agreement, DK.party, DK.text, DK.source):
            assert graph.value(commitment, prop) is not None
    for a, b in graph.subject_objects(DK.met):
        assert (b, DK.met, a) in graph
    labels = {str(graph.value(t, SKOS.prefLabel)) for t in graph.subjects(RDF.type, DK.Topic)}
    assert {"Migration", "Fentanyl", "Chemical precursors", "Security cooperation"} <= labels


def test_same_corpus_gives_identical_output(seed_build, tmp_path):
    _, out, _ = seed_build
    build(ROOT / "corpus", tmp_path)
    for name in ("graph.ttl", "network.html", "report.md"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_seed_gold_quality_floor(seed_build):
    _, _, graph = seed_build
    result = evaluate(graph, load_gold(SEED_GOLD))
    for (name, attr), floor in FLOOR.items():
        value = getattr(result.measure(name), attr)
        assert value is not None and value >= floor - 1e-9, f"{name} {attr} = {value} < {floor}"
    assert result.measure("not_participants").value == 0


def test_report_names_nielsen_among_central_actors(seed_build):
    _, out, _ = seed_build
    run = CliRunner().invoke(main, ["report", "--graph", str(out), "--top", "3", "--format", "json"])
    assert run.exit_code == 0, run.output
    assert "Kirstjen Nielsen" in run.output


def test_failed_build_keeps_previous_output(seed_build, tmp_path):
    _, out, _ = seed_build
    target = tmp_path / "out"
    build(ROOT / "corpus", target)
    before = (target / "graph.ttl").read_bytes()
    empty = tmp_path / "empty-corpus"
    empty.mkdir()
    (empty / "blank.txt").write_text("   ")
    run = CliRunner().invoke(main, ["build", "--corpus", str(empty), "--out", str(target)])
    assert run.exit_code == 2 and "no readable document" in run.output
    assert (target / "graph.ttl").read_bytes() == before


def test_report_charts_written_linked_and_deterministic(seed_build, tmp_path):
    import re

    from diplokg.report import CHART_FILES

    _, out, _ = seed_build
    report = (out / "report.md").read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", report)
    assert sorted(links) == sorted(CHART_FILES)
    for link in links:
        assert (out / link).read_bytes().startswith(b"<?xml")
    for heading in ("## Timeline", "## Communities", "## Brokers between the United States and Mexico"):
        assert heading in report
    build(ROOT / "corpus", tmp_path)
    for name in CHART_FILES + ("report.md",):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_explain_and_timeline_on_seed_build(seed_build):
    import json
    import re

    _, out, _ = seed_build
    run = CliRunner().invoke(main, ["explain", "--graph", str(out), "nielsen", "Olga Sanchez Cordero",
                                    "--format", "json"])
    assert run.exit_code == 0, run.output
    result = json.loads(run.output)
    assert result["a"] == "Kirstjen Nielsen" and result["met"] is True and result["meetings"]
    assert all(m["sources"] and m["evidence"] for m in result["meetings"])
    run = CliRunner().invoke(main, ["timeline", "--graph", str(out), "--format", "json"])
    dates = [r["date"] for r in json.loads(run.output)]
    dated = [d for d in dates if d is not None]
    assert all(re.match(r"^\d{4}(-\d{2}){0,2}$", d) for d in dated)
    assert dated == sorted(dated) and dates[: len(dated)] == dated      # dated first, in order

