"""SHACL validation: the seed build conforms, broken graphs fail with readable results, the CLI's
exit codes and JSON, and the build's validation step."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef

from diplokg.cli import main
from diplokg.errors import ShapesError
from diplokg.namespace import DK
from diplokg.ontology import DEFAULT_ONTOLOGY_DIR, ONTOLOGY_FILES
from diplokg.validate import ValidationReport, load_shapes, validate_graph

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_dir(seed_graph_dir) -> Path:
    return seed_graph_dir[1]


@pytest.fixture
def graph(seed_dir) -> Graph:
    """A fresh copy of the seed graph, free to break."""
    return Graph().parse(seed_dir / "graph.ttl")


def first(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]


def results_for(report: ValidationReport, focus: URIRef, path: str) -> list:
    return [v for v in report.violations if v.focus == str(focus) and v.path == path]


def test_seed_build_conforms(seed_graph_dir, graph):
    result, _ = seed_graph_dir
    assert result.validation is not None and result.validation.conforms
    assert not [w for w in result.warnings if w.startswith("SHACL")]
    report = validate_graph(graph)
    assert report.conforms and report.violations == []


def test_shapes_cover_the_contract_classes():
    shapes = load_shapes()
    from rdflib.namespace import SH

    targets = set(shapes.objects(None, SH.targetClass))
    assert {DK.Document, DK.Person, DK.Meeting, DK.Agreement, DK.Commitment, DK.Topic, DK.EvidenceSpan} <= targets
    assert not list(shapes.subjects(SH.closed, Literal(True)))


@pytest.mark.parametrize(
    "breaker, cls, path, words",
    [
        (lambda g, n: g.remove((n, DK.source, None)), DK.Meeting, "dk:source", "dk:source"),
        (lambda g, n: g.remove((n, DK.party, None)), DK.Commitment, "dk:party", "dk:party"),
        (lambda g, n: g.set((n, DK.status, Literal("rumoured"))), DK.Meeting, "dk:status", "held"),
        (lambda g, n: g.add((n, DK.fileName, Literal("second-name.txt"))), DK.Document, "dk:fileName", "exactly one"),
        (lambda g, n: g.set((n, DK.date, Literal("next week"))), DK.Meeting, "dk:date", "xsd:date"),
        (lambda g, n: g.remove((n, DK.agreement, None)), DK.Commitment, "dk:agreement", "dk:agreement"),
        (lambda g, n: g.remove((n, DK.mentionedIn, None)), DK.Person, "dk:mentionedIn", "dk:mentionedIn"),
        (lambda g, n: g.set((n, DK.startChar, Literal(10**7))), DK.EvidenceSpan, "dk:startChar", "less than dk:endChar"),
        (lambda g, n: g.remove((n, DK.evidence, None)), DK.Agreement, "dk:evidence", "dk:evidence"),
    ],
    ids=["meeting-without-source", "commitment-without-party", "bad-status", "two-file-names",
         "date-not-a-date", "commitment-without-agreement", "person-not-mentioned", "span-start-after-end",
         "agreement-without-evidence"],
)
def test_broken_graph_fails_naming_focus_and_path(graph, breaker, cls, path, words):
    node = first(graph, cls)
    breaker(graph, node)
    report = validate_graph(graph)
    assert not report.conforms
    found = results_for(report, node, path)
    assert found, report.violations
    assert all(v.severity == "violation" for v in found)
    assert any(words in v.message for v in found)
    assert str(node) in str(found[0]) and path in str(found[0])


def test_asymmetric_met_fails(graph):
    a, b = sorted(graph.subject_objects(DK.met))[0]
    graph.remove((b, DK.met, a))
    report = validate_graph(graph)
    assert not report.conforms
    # both ends are named, each with the other as the value
    for focus, value in ((a, b), (b, a)):
        found = results_for(report, focus, "^dk:met")
        assert found and "not symmetric" in found[0].message and found[0].value == str(value)
    assert {v.focus for v in report.violations} == {str(a), str(b)}


def test_met_between_non_persons_fails(graph):
    meeting, person = first(graph, DK.Meeting), first(graph, DK.Person)
    graph.add((meeting, DK.met, person))
    graph.add((person, DK.met, meeting))
    report = validate_graph(graph)
    assert results_for(report, meeting, "")  # the subject is no dk:Person
    assert results_for(report, person, "dk:met")  # the object is no dk:Person


def test_subclasses_count_for_sh_class(graph):
    """A meeting located in a dk:City passes sh:class dk:Place only through rdfs:subClassOf."""
    meeting = first(graph, DK.Meeting)
    city = URIRef("https://w3id.org/diplokg/id/place/test-town")
    graph.set((meeting, DK.location, city))
    graph.add((city, RDF.type, DK.City))
    graph.add((city, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Test Town")))
    assert validate_graph(graph).conforms
    graph.remove((city, RDF.type, DK.City))
    assert results_for(validate_graph(graph), meeting, "dk:location")


def test_shapes_are_open(graph):
    graph.add((first(graph, DK.Meeting), URIRef("https://example.org/extra"), Literal("anything")))
    assert validate_graph(graph).conforms


def test_results_are_sorted_and_deterministic(graph):
    for cls in (DK.Meeting, DK.Commitment):
        for node in graph.subjects(RDF.type, cls):
            graph.remove((node, DK.source, None))
    one, two = validate_graph(graph), validate_graph(graph)
    assert one.violations == two.violations == sorted(one.violations)
    assert len(one.violations) >= 2


def test_missing_or_unparsable_shapes_raise(tmp_path, graph):
    with pytest.raises(ShapesError):
        validate_graph(graph, tmp_path / "none.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ShapesError):
        validate_graph(graph, bad)


# ---------------------------------------------------------------- CLI


@pytest.fixture
def broken_file(tmp_path, graph) -> Path:
    graph.remove((first(graph, DK.Meeting), DK.source, None))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    return path


def test_cli_exit_0_on_conformant_graph(seed_dir):
    result = CliRunner().invoke(main, ["validate", "--graph", str(seed_dir)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_cli_exit_1_lists_violations(broken_file, graph):
    meeting = first(graph, DK.Meeting)
    result = CliRunner().invoke(main, ["validate", "--graph", str(broken_file)])
    assert result.exit_code == 1
    assert str(meeting) in result.output and "dk:source" in result.output
    assert "does not conform: 1 violation" in result.output


def test_cli_json_is_machine_readable(broken_file, graph):
    result = CliRunner().invoke(main, ["validate", "--graph", str(broken_file), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["conforms"] is False
    assert data["violations"] == [{
        "severity": "violation", "focus": str(first(graph, DK.Meeting)), "path": "dk:source",
        "message": data["violations"][0]["message"], "value": "",
    }]


def test_cli_csv_has_header_and_rows(broken_file):
    result = CliRunner().invoke(main, ["validate", "--graph", str(broken_file), "--format", "csv"])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "severity,focus,path,message,value" and len(lines) == 2


@pytest.mark.parametrize("case", ["missing-graph", "unparsable-shapes", "missing-shapes"])
def test_cli_exit_2_on_bad_input(tmp_path, seed_dir, case):
    args = ["validate", "--graph", str(seed_dir)]
    if case == "missing-graph":
        args = ["validate", "--graph", str(tmp_path / "nothing")]
    elif case == "unparsable-shapes":
        (tmp_path / "bad.ttl").write_text("@prefix sh: <broken", encoding="utf-8")
        args += ["--shapes", str(tmp_path / "bad.ttl")]
    else:
        args += ["--shapes", str(tmp_path / "none.ttl")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Error:" in result.output


# ---------------------------------------------------------------- build


STRICTER = """
@prefix dk: <https://w3id.org/diplokg/ontology#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
<https://example.org/shapes#PersonNickname> a sh:NodeShape ;
    sh:targetClass dk:Person ;
    sh:property [ sh:path dk:nickname ; sh:minCount 1 ; sh:message "a person needs a nickname" ] .
"""


def test_build_reports_violations_as_warnings(tmp_path):
    """A build whose graph breaks the shapes warns (so --strict fails); --no-validate skips it."""
    ontology = tmp_path / "ontology"
    ontology.mkdir()
    for name in ONTOLOGY_FILES:
        shutil.copy(DEFAULT_ONTOLOGY_DIR / name, ontology / name)
    (ontology / "shapes.ttl").write_text(STRICTER, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = sorted((ROOT / "corpus").glob("*.txt"))[0]
    shutil.copy(source, corpus / source.name)
    base = ["build", "--corpus", str(corpus), "--ontology", str(ontology), "--no-cache", "--jobs", "1", "--strict"]
    result = CliRunner().invoke(main, base + ["--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "SHACL violation" in result.output and "dk:nickname" in result.output
    assert (tmp_path / "out" / "graph.ttl").exists()  # the graph is still written
    result = CliRunner().invoke(main, base + ["--out", str(tmp_path / "out2"), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "SHACL" not in result.output
