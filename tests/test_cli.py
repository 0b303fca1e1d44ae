"""Tests of the diplokg command line (query, report, evaluate) on a hand-built graph.

No spaCy and no ``build``: the graph is written by the tests with rdflib.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal
import rdflib

from diplokg import __version__
from diplokg.cli import main
from diplokg.namespace import DK, DKR

HUB = DKR["person/hub"]
ANA = DKR["person/ana"]
BEA = DKR["person/bea"]
CAL = DKR["person/cal"]
NAMES = {HUB: "Hugo Hub", ANA: "Ana Alvarez", BEA: "Bea Blanco", CAL: "Cal Carter"}


def make_graph() -> Graph:
    """4 persons, 2 countries, 1 document, 1 meeting; Hub met Ana, Bea and Cal (both directions)."""
    g = Graph()
    g.bind("dk", str(DK._NS))
    g.bind("dkr", str(DKR))
    us, mx = DKR["country/us"], DKR["country/mx"]
    for c, name in ((us, "United States"), (mx, "Mexico")):
        g.add((c, RDF.type, DK.Country))
        g.add((c, RDFS.label, Literal(name)))
    doc = DKR["document/doc1"]
    g.add((doc, RDF.type, DK.Document))
    g.add((doc, DK.fileName, Literal("doc1.txt")))
    for person, country in ((HUB, us), (ANA, mx), (BEA, mx), (CAL, us)):
        g.add((person, RDF.type, DK.Person))
        g.add((person, RDFS.label, Literal(NAMES[person])))
        g.add((person, DK.country, country))
        g.add((person, DK.mentionedIn, doc))
    meeting = DKR["meeting/1"]
    g.add((meeting, RDF.type, DK.Meeting))
    g.add((meeting, RDFS.label, Literal("Security dialogue")))
    g.add((meeting, DK.source, doc))
    g.add((meeting, DK.date, Literal("2021-10-08", datatype=rdflib.XSD.date)))
    for person in (HUB, ANA, BEA):
        g.add((meeting, DK.participant, person))
    for other in (ANA, BEA, CAL):
        g.add((HUB, DK.met, other))
        g.add((other, DK.met, HUB))
    return g


@pytest.fixture
def graph_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    make_graph().serialize(destination=folder / "graph.ttl", format="turtle")
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def assert_clean_error(result, exit_code: int = 2) -> str:
    """A one-line ``Error: ...`` message, the given exit code, and no traceback."""
    assert result.exit_code == exit_code, result.output
    text = result.output.strip()
    assert "Traceback" not in result.output
    assert text.startswith("Error: "), text
    assert "\n" not in text, text
    return text


NAMES_QUERY = "SELECT ?name WHERE { ?p a dk:Person ; rdfs:label ?name } ORDER BY ?name"
SORTED_NAMES = ["Ana Alvarez", "Bea Blanco", "Cal Carter", "Hugo Hub"]


# --------------------------------------------------------------------------- query


def test_query_table(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), NAMES_QUERY)
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").splitlines()
    assert lines[0] == "name"
    assert set(lines[1]) == {"-"}
    assert lines[2:] == SORTED_NAMES


def test_query_json(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "json", NAMES_QUERY)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": n} for n in SORTED_NAMES]


def test_query_csv(runner, graph_dir):
    query = (
        "SELECT ?name ?country WHERE { ?p a dk:Person ; rdfs:label ?name ; dk:country ?c . "
        "?c rdfs:label ?country } ORDER BY ?name"
    )
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "csv", query)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "name,country"
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows == [
        ["name", "country"],
        ["Ana Alvarez", "Mexico"],
        ["Bea Blanco", "Mexico"],
        ["Cal Carter", "United States"],
        ["Hugo Hub", "United States"],
    ]


def test_query_graph_file_path(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir / "graph.ttl"), "--format", "json",
                 "SELECT (COUNT(?p) AS ?n) WHERE { ?p a dk:Person }")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": 4}]


def test_query_limit(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "json", "--limit", "1", NAMES_QUERY)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": "Ana Alvarez"}]


def test_query_limit_zero(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "json", "--limit", "0", NAMES_QUERY)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_query_negative_limit_is_usage_error(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--limit", "-1", NAMES_QUERY)
    assert result.exit_code == 2


def test_query_bind_iri(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "json",
                 "--bind", f"p=<{ANA}>", "SELECT ?name WHERE { ?p rdfs:label ?name }")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": "Ana Alvarez"}]


def test_query_bind_literal_with_question_mark(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "json",
                 "--bind", "?name=Bea Blanco", "SELECT ?p WHERE { ?p rdfs:label ?name }")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"p": str(BEA)}]


def test_query_bad_bind_is_usage_error(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--bind", "novalue", NAMES_QUERY)
    assert result.exit_code == 2
    assert "VAR=VALUE" in result.output


def test_query_from_file(runner, graph_dir, tmp_path):
    rq = tmp_path / "hub.rq"
    rq.write_text(
        "# who met Hugo Hub?\n"
        "SELECT ?name WHERE {\n"
        f"  <{HUB}> dk:met ?o .\n"
        "  ?o rdfs:label ?name\n"
        "} ORDER BY ?name\n",
        encoding="utf-8",
    )
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "json", "--file", str(rq))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": n} for n in ("Ana Alvarez", "Bea Blanco", "Cal Carter")]


def test_query_missing_file_is_usage_error(runner, graph_dir, tmp_path):
    result = run(runner, "query", "--graph", str(graph_dir), "--file", str(tmp_path / "none.rq"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_query_ask(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "--format", "json",
                 f"ASK {{ <{ANA}> dk:met <{BEA}> }}")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"ask": False}]


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?x WHERE { ?x ?y }",
        "SELEC ?x WHERE { ?x ?p ?o }",
        "SELECT ?x WHERE { ?x unknownprefix:foo ?o }",
        "SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER(\n}",
    ],
)
def test_query_malformed_sparql(runner, graph_dir, sparql):
    result = run(runner, "query", "--graph", str(graph_dir), sparql)
    text = assert_clean_error(result)
    assert "SPARQL" in text


@pytest.mark.parametrize(
    "sparql",
    [
        "DELETE WHERE { ?s ?p ?o }",
        "delete where { ?s ?p ?o }",
        f"INSERT DATA {{ <{ANA}> <{DK.met}> <{BEA}> }}",
        "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
        "CLEAR ALL",
        "DROP DEFAULT",
        f"WITH <{DKR}g> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    ],
)
def test_query_refuses_updates_and_leaves_graph_unchanged(runner, graph_dir, sparql):
    graph_file = graph_dir / "graph.ttl"
    before = graph_file.read_bytes()
    result = run(runner, "query", "--graph", str(graph_dir), sparql)
    text = assert_clean_error(result)
    assert "read-only" in text
    assert graph_file.read_bytes() == before


def test_query_update_after_comment_is_refused_and_graph_unchanged(runner, graph_dir):
    graph_file = graph_dir / "graph.ttl"
    before = graph_file.read_bytes()
    result = run(runner, "query", "--graph", str(graph_dir), "# wipe\nDELETE WHERE { ?s ?p ?o }")
    assert_clean_error(result)
    assert graph_file.read_bytes() == before


def test_query_missing_graph(runner, tmp_path):
    result = run(runner, "query", "--graph", str(tmp_path / "nowhere"), NAMES_QUERY)
    text = assert_clean_error(result)
    assert "no graph at" in text


def test_query_folder_without_graph_ttl(runner, tmp_path):
    result = run(runner, "query", "--graph", str(tmp_path), NAMES_QUERY)
    assert_clean_error(result)


def test_query_unparsable_graph(runner, tmp_path):
    bad = tmp_path / "graph.ttl"
    bad.write_text("this is @@ not turtle <<<\n", encoding="utf-8")
    result = run(runner, "query", "--graph", str(bad), NAMES_QUERY)
    text = assert_clean_error(result)
    assert "cannot parse" in text


def test_query_both_text_and_file_is_usage_error(runner, graph_dir, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text(NAMES_QUERY, encoding="utf-8")
    result = run(runner, "query", "--graph", str(graph_dir), "--file", str(rq), NAMES_QUERY)
    assert result.exit_code == 2
    assert "Usage:" in result.output
    assert "Traceback" not in result.output


def test_query_neither_text_nor_file_is_usage_error(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir))
    assert result.exit_code == 2
    assert "Usage:" in result.output


def test_query_empty_query_text_is_usage_error(runner, graph_dir):
    result = run(runner, "query", "--graph", str(graph_dir), "")
    assert result.exit_code == 2


# --------------------------------------------------------------------------- report


def test_report_json_lists_hub_first(runner, graph_dir):
    result = run(runner, "report", "--graph", str(graph_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["name"] == "Hugo Hub"
    assert rows[0]["country"] == "United States"
    assert rows[0]["meetings"] == 1
    assert rows[0]["degree"] == 1.0  # met all 3 others
    assert {r["name"] for r in rows[1:]} == {"Ana Alvarez", "Bea Blanco", "Cal Carter"}
    assert rows[0]["pagerank"] > max(r["pagerank"] for r in rows[1:])
    assert set(rows[0]) == {"rank", "name", "country", "meetings", "degree", "weighted_degree",
                            "betweenness", "pagerank", "eigenvector", "community"}


def test_report_top(runner, graph_dir):
    result = run(runner, "report", "--graph", str(graph_dir), "--format", "json", "--top", "2")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 2 and rows[0]["name"] == "Hugo Hub"


def test_report_csv(runner, graph_dir):
    result = run(runner, "report", "--graph", str(graph_dir), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "rank,name,country,meetings,degree,weighted_degree,betweenness,pagerank,eigenvector,community"
    assert lines[1].startswith("1,Hugo Hub,United States,1,1.0000,")


def test_report_markdown(runner, graph_dir):
    result = run(runner, "report", "--graph", str(graph_dir), "--format", "md")
    assert result.exit_code == 0, result.output
    assert "## Central actors" in result.output
    assert "Central actors" in result.output
    assert "Hugo Hub" in result.output
    assert "4 persons" in result.output and "1 meeting" in result.output


def test_report_missing_graph(runner, tmp_path):
    result = run(runner, "report", "--graph", str(tmp_path / "nowhere"))
    assert_clean_error(result)


# --------------------------------------------------------------------------- evaluate


def gold_dict() -> dict:
    return {
        "format": "diplokg-gold/1",
        "countries": {"United States": ["US", "U.S."], "Mexico": ["México"]},
        "topics": {},
        "persons": {
            "hub": {"key": ["hub"], "name": "Hugo Hub"},
            "ana": {"key": ["alvarez"], "name": "Ana Alvarez"},
            "bea": {"key": ["blanco"], "name": "Bea Blanco"},
        },
        "documents": [
            {
                "file": "doc1.txt",
                "persons_required": ["hub", "ana", "bea"],
                "met": {"required": [["hub", "ana"], ["hub", "bea"], ["ana", "bea"]]},
            }
        ],
    }


@pytest.fixture
def gold_file(tmp_path) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold_dict()), encoding="utf-8")
    return path


def test_evaluate_missing_gold(runner, graph_dir, tmp_path):
    result = run(runner, "evaluate", "--graph", str(graph_dir), "--gold", str(tmp_path / "missing.json"))
    text = assert_clean_error(result)
    assert "gold file not found" in text


def test_evaluate_invalid_gold(runner, graph_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "other/1"}), encoding="utf-8")
    result = run(runner, "evaluate", "--graph", str(graph_dir), "--gold", str(bad))
    text = assert_clean_error(result)
    assert "diplokg-gold/1" in text


def test_evaluate_gold_not_json(runner, graph_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run(runner, "evaluate", "--graph", str(graph_dir), "--gold", str(bad))
    assert_clean_error(result)


def test_evaluate_table(runner, graph_dir, gold_file):
    result = run(runner, "evaluate", "--graph", str(graph_dir), "--gold", str(gold_file))
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").splitlines()
    assert lines[0].split() == ["measure", "precision", "recall", "f1", "value", "tp", "fp", "fn"]
    met = next(line for line in lines if line.split()[0] == "met")
    # system pairs: hub-ana, hub-bea (right), hub-cal (Cal is no gold person: fp); ana-bea missed
    assert met.split() == ["met", "0.6667", "0.6667", "0.6667", "2", "1", "1"]
    persons = next(line for line in lines if line.split()[0] == "persons")
    assert persons.split() == ["persons", "1.0000", "3", "0"]


def test_evaluate_json(runner, graph_dir, gold_file):
    result = run(runner, "evaluate", "--graph", str(graph_dir), "--gold", str(gold_file), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    measures = {m["name"]: m for m in data["measures"]}
    assert list(measures)[0] == "met"
    met = measures["met"]
    assert (met["tp"], met["fp"], met["fn"], met["support"]) == (2, 1, 1, 3)
    assert met["precision"] == pytest.approx(2 / 3)
    assert met["recall"] == pytest.approx(2 / 3)
    assert measures["persons"]["recall"] == 1.0
    assert data["details"]["documents"]["doc1.txt"]["in_graph"] is True


def test_evaluate_csv(runner, graph_dir, gold_file):
    result = run(runner, "evaluate", "--graph", str(graph_dir), "--gold", str(gold_file), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["measure", "precision", "recall", "f1", "value", "tp", "fp", "fn"]
    met = next(row for row in rows if row[0] == "met")
    assert met[5:] == ["2", "1", "1"] and float(met[1]) == pytest.approx(2 / 3, abs=1e-4)


def test_evaluate_missing_graph(runner, tmp_path, gold_file):
    result = run(runner, "evaluate", "--graph", str(tmp_path / "nowhere"), "--gold", str(gold_file))
    assert_clean_error(result)


# --------------------------------------------------------------------------- misc


def test_version(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"diplokg, version {__version__}"
    assert __version__ == "0.1.0"


def test_help_lists_commands(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    for command in ("build", "query", "report", "evaluate"):
        assert command in result.output


def test_query_service_clause_is_a_clean_error(runner, graph_dir):
    # port 9 (discard) on localhost: refused immediately, no real network traffic
    result = runner.invoke(
        main,
        ["query", "--graph", str(graph_dir),
         "SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?x ?p ?o } }"],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert_clean_error(result)
