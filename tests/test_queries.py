"""Named queries (ontology/queries/*.rq), `diplokg queries` / `query --name`, output safety,
the query time limit, the row cap and `--allow-update`."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef, Variable
from rdflib.compare import isomorphic
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue

from diplokg.cli import main
from diplokg.errors import (
    MissingParameterError, ParameterValueError, QueryDefinitionError, QueryTimeout,
    UnknownParameterError, UnknownQueryError,
)
from diplokg.execute import execute_query
from diplokg.namespace import DK, DKR, PREFIXES
from diplokg.queries import (
    DEFAULT_QUERY_DIR, bindings_for, get_query, iri_value, list_queries, parse_query_text,
)
from diplokg.query import run_query

SHIPPED = sorted(DEFAULT_QUERY_DIR.glob("*.rq"))
#: The queries this module owns; each must answer on the seed build.
CORE = ("meetings-of-person", "who-met-whom", "meetings-by-topic-and-year", "topics-over-time",
        "persons-by-country-and-role", "agreements-and-countries", "shortest-link", "evidence-of")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_line_error(result, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    text = result.output.strip()
    assert text.startswith("Error: ") and "\n" not in text, text
    return text


# --------------------------------------------------------------------------- the shipped files


def _variables(text: str) -> tuple[set[str], set[str], set[str]]:
    """(every variable, variables a pattern/BIND/VALUES can bind, projected variables)."""
    query = prepareQuery(text, initNs=PREFIXES)
    used: set[str] = set()
    bound: set[str] = set()

    def visit(node):
        if isinstance(node, Variable):
            used.add(str(node))
        elif isinstance(node, CompValue):
            if node.name in ("BGP", "TriplesBlock"):
                traverse(node.triples, visitPre=lambda t: bound.add(str(t)) if isinstance(t, Variable) else None)
            elif node.name in ("Extend", "Bind"):
                bound.add(str(node.var))
            elif node.name in ("values", "ToMultiSet") and node.get("res") is not None:
                for row in node.res or []:  # a sub-SELECT's ToMultiSet has no rows of its own
                    bound.update(str(v) for v in row)

    traverse(query.algebra, visitPre=visit)
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    used |= set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", body))
    used = {v for v in used if not v.startswith("__")}
    return used, bound, {str(v) for v in query.algebra.get("PV") or []}


def test_the_core_queries_are_shipped():
    assert set(CORE) <= {path.stem for path in SHIPPED}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_query_is_well_formed(path: Path):
    query = get_query(path.stem)
    assert query.name == path.stem and query.path == path
    assert query.title and query.description
    used, bound, projected = _variables(query.text)
    params = {p.name for p in query.params}
    # every declared parameter is a variable of the query, and every variable that nothing in the
    # query binds is declared (otherwise it could never have a value)
    assert params <= used, f"declared but unused: {params - used}"
    assert used - bound <= params, f"unbound variables not declared as params: {(used - bound) - params}"
    assert not params & projected, "a parameter is also an output column"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_query_runs_with_only_optional_params_unbound(path: Path, seed_graph):
    """Optional parameters may stay unbound: the query must still evaluate."""
    query = get_query(path.stem)
    raw = {p.name: _sample_value(p.type, seed_graph) for p in query.params if not p.optional}
    columns, _ = run_query(seed_graph, query.text, bindings_for(query, raw))
    assert columns


def _sample_value(kind: str, graph: Graph) -> str:
    if kind == "iri":
        return str(next(iter(sorted(graph.subjects(RDF.type, DK.Meeting)))))
    return {"xsd:date": "2019-01-01", "xsd:integer": "2019", "xsd:gYear": "2019"}.get(kind, "x")


# --------------------------------------------------------------------------- answers on the seed build


@pytest.fixture(scope="module")
def seed_dir(seed_graph_dir) -> Path:
    return seed_graph_dir[1]


@pytest.fixture(scope="module")
def seed_graph(seed_dir) -> Graph:
    return Graph().parse(seed_dir / "graph.ttl")


def named(graph: Graph, name: str, **raw: str) -> list[dict]:
    query = get_query(name)
    columns, rows = run_query(graph, query.text, bindings_for(query, raw))
    return [dict(zip(columns, row)) for row in rows]


def label(graph: Graph, node) -> str:
    return str(graph.value(node, RDFS.label))


def met_network(graph: Graph) -> nx.Graph:
    network = nx.Graph()
    network.add_edges_from((a, b) for a, b in graph.subject_objects(DK.met))
    return network


def test_meetings_of_person(seed_graph):
    counts = {}
    for meeting, person in seed_graph.subject_objects(DK.participant):
        if (person, RDF.type, DK.Person) in seed_graph:
            counts.setdefault(person, set()).add(meeting)
    person, meetings = max(sorted(counts.items()), key=lambda item: len(item[1]))
    rows = named(seed_graph, "meetings-of-person", person_name=label(seed_graph, person).upper())
    assert {r["meeting"] for r in rows} == {label(seed_graph, m) for m in meetings}
    assert {r["person"] for r in rows} == {label(seed_graph, person)}
    dated = sorted(str(seed_graph.value(m, DK.date)) for m in meetings if seed_graph.value(m, DK.date))
    if dated:
        since = dated[-1][:10] if len(dated[-1]) >= 10 else f"{dated[-1][:4]}-01-01"
        later = named(seed_graph, "meetings-of-person", person_name=label(seed_graph, person), since=since)
        assert later and all(str(r["date"]) >= since for r in later)
        assert len(later) < len(rows) or len(dated) == len(meetings)


def test_who_met_whom_lists_each_pair_once(seed_graph):
    pairs = {tuple(sorted((label(seed_graph, a), label(seed_graph, b)))) for a, b in seed_graph.subject_objects(DK.met)}
    rows = named(seed_graph, "who-met-whom")
    assert pairs and {(r["person_a"], r["person_b"]) for r in rows} == pairs
    assert len(rows) == len(pairs)
    assert all(r["meetings"] >= 1 and r["files"] and r["evidences"] for r in rows)
    hub = max(sorted(met_network(seed_graph).degree, key=str), key=lambda item: item[1])[0]
    mine = named(seed_graph, "who-met-whom", person_name=label(seed_graph, hub))
    assert len(mine) == met_network(seed_graph).degree[hub]


def test_meetings_by_topic_and_year(seed_graph):
    rows = named(seed_graph, "meetings-by-topic-and-year")
    assert len({(r["topic"], r["meeting"]) for r in rows}) == len(set(seed_graph.subject_objects(DK.discussedAt)))
    topic, year = next((r["topic"], r["when"]) for r in rows if r["when"])
    narrowed = named(seed_graph, "meetings-by-topic-and-year", topic_name=topic.lower(), year=year)
    assert narrowed and {(r["topic"], r["when"]) for r in narrowed} == {(topic, year)}


def test_topics_over_time_counts(seed_graph):
    rows = named(seed_graph, "topics-over-time")
    meetings = sum(r["meetings"] for r in rows)
    commitments = sum(r["commitments"] for r in rows)
    assert meetings >= len({m for _, m in seed_graph.subject_objects(DK.discussedAt)})
    assert commitments == len(set(seed_graph.subject_objects(DK.topic)))


def test_persons_by_country_and_role(seed_graph):
    rows = named(seed_graph, "persons-by-country-and-role")
    assert len(rows) == len(set(seed_graph.subjects(RDF.type, DK.Person)))
    country = next(r["country"] for r in rows if r["country"])
    of_country = named(seed_graph, "persons-by-country-and-role", country_name=country.upper())
    assert of_country and {r["country"] for r in of_country} == {country}
    role_row = next(r for r in rows if r["roles"])
    word = role_row["roles"].split(";")[0].split()[-1]
    with_role = named(seed_graph, "persons-by-country-and-role", role=word)
    assert role_row["person"] in {r["person"] for r in with_role}
    assert all(word.lower() in r["roles"].lower() for r in with_role)


def test_agreements_and_countries(seed_graph):
    rows = named(seed_graph, "agreements-and-countries")
    assert len(rows) == len(set(seed_graph.subjects(RDF.type, DK.Agreement)))
    country = sorted({str(seed_graph.value(c, RDFS.label)) for c in seed_graph.objects(None, DK.commits)})[0]
    committed = named(seed_graph, "agreements-and-countries", country_name=country)
    assert committed and all(country in r["countries"].split(", ") for r in committed)


def test_shortest_link_agrees_with_networkx(seed_graph):
    network = met_network(seed_graph)
    lengths = dict(nx.all_pairs_shortest_path_length(network))
    nodes = sorted(network, key=str)
    checked = set()
    for a in nodes:
        for b in nodes:
            distance = lengths[a].get(b)
            key = min(distance or 9, 4)
            if a == b or key in checked:
                continue
            checked.add(key)
            rows = named(seed_graph, "shortest-link", from_name=label(seed_graph, a), to_name=label(seed_graph, b))
            if distance is None or distance > 3:
                assert rows == []
                continue
            assert rows and {r["hops"] for r in rows} == {distance}
            expected_paths = {tuple(label(seed_graph, n) for n in path)
                              for path in nx.all_shortest_paths(network, a, b)}
            got = {tuple(x for x in (r["from"], r["via_1"], r["via_2"], r["to"]) if x) for r in rows}
            assert got == expected_paths
    assert {1, 2} <= checked


def test_evidence_of_a_meeting(seed_graph):
    meeting = sorted(seed_graph.subjects(RDF.type, DK.Meeting))[0]
    for form in (f"<{meeting}>", str(meeting), "dkr:" + str(meeting)[len(str(DKR)):]):
        rows = named(seed_graph, "evidence-of", node=form)
        assert {r["evidence"] for r in rows if r["kind"] == "evidence"} == {str(e) for e in seed_graph.objects(meeting, DK.evidence)}
        files = {str(seed_graph.value(d, DK.fileName)) for d in seed_graph.objects(meeting, DK.source)}
        assert {r["file"] for r in rows if r["kind"] == "source"} == files


# --------------------------------------------------------------------------- headers and bindings


def test_iri_values():
    assert iri_value("<https://example.org/a>") == URIRef("https://example.org/a")
    assert iri_value("https://example.org/a") == URIRef("https://example.org/a")
    assert iri_value("dkr:person/x") == DKR["person/x"]
    assert iri_value("dk:Meeting") == DK.Meeting
    for bad in ("no scheme", "<has space>", "", "ex:a b"):
        with pytest.raises(ValueError):
            iri_value(bad)


def test_bindings_convert_by_declared_type():
    query = get_query("meetings-of-person")
    bindings = bindings_for(query, {"?person_name": "Ana", "since": "2019-02-28"})
    assert bindings == {"person_name": Literal("Ana"), "since": Literal("2019-02-28", datatype=XSD.date)}
    assert bindings_for(get_query("meetings-by-topic-and-year"), {"year": " 2019 "})["year"] == Literal(2019)


@pytest.mark.parametrize("raw,error,words", [
    ({"person_name": "A", "since": "2019-02-30"}, ParameterValueError, ["since", "YYYY-MM-DD"]),
    ({"person_name": "A", "since": "yesterday"}, ParameterValueError, ["since"]),
    ({"person_name": "A", "who": "B"}, UnknownParameterError, ["who", "person_name, since, until"]),
    ({"since": "2019-01-01"}, MissingParameterError, ["person_name"]),
])
def test_binding_errors(raw, error, words):
    with pytest.raises(error) as caught:
        bindings_for(get_query("meetings-of-person"), raw)
    assert all(word in str(caught.value) for word in words)
    assert caught.value.exit_code == 2


def test_bad_iri_and_integer_values():
    with pytest.raises(ParameterValueError):
        bindings_for(get_query("evidence-of"), {"node": "not an iri"})
    with pytest.raises(ParameterValueError):
        bindings_for(get_query("meetings-by-topic-and-year"), {"year": "2019.5"})


def test_unknown_query_lists_known_names():
    with pytest.raises(UnknownQueryError) as caught:
        get_query("no-such-query")
    assert all(name in str(caught.value) for name in CORE)
    for outside in ("../diplokg", "/etc/passwd", ""):
        with pytest.raises(UnknownQueryError):
            get_query(outside)


HEADER = "# name: q\n# title: T\n# description: D\n"


@pytest.mark.parametrize("text,message", [
    ("# title: T\n# description: D\nSELECT * {}", "name"),
    ("# name: q\n# description: D\nSELECT * {}", "title"),
    ("# name: q\n# title: T\nSELECT * {}", "description"),
    (HEADER + "# param: x  xsd:dat  optional  d\nSELECT * {}", "unknown parameter type"),
    (HEADER + "# param: x\nSELECT * {}", "param: NAME TYPE"),
    (HEADER + "# param: x literal a\n# param: x literal b\nSELECT * {}", "declared twice"),
])
def test_malformed_headers(text, message):
    with pytest.raises(QueryDefinitionError, match=message):
        parse_query_text(text)


def test_header_name_must_match_file_stem(tmp_path):
    (tmp_path / "other.rq").write_text(HEADER + "SELECT * {}", encoding="utf-8")
    with pytest.raises(QueryDefinitionError, match="file name"):
        list_queries(tmp_path)


def test_header_ends_at_the_first_query_line(tmp_path):
    text = HEADER + "# param: a  literal  optional  first\n# a comment\n\nSELECT * {}\n# param: b literal late\n"
    query = parse_query_text(text)
    assert [(p.name, p.optional, p.description) for p in query.params] == [("a", True, "first")]
    (tmp_path / "q.rq").write_text(text, encoding="utf-8")
    assert [q.name for q in list_queries(tmp_path)] == ["q"]


# --------------------------------------------------------------------------- CLI


def test_cli_queries_lists_every_file():
    result = run("queries", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [q["name"] for q in listed] == [p.stem for p in SHIPPED]
    meetings = next(q for q in listed if q["name"] == "meetings-of-person")
    assert meetings["params"].startswith("person_name:literal") and "[since:xsd:date]" in meetings["params"]
    assert run("queries").output.splitlines()[0].split() == ["name", "params", "title"]


def test_cli_query_by_name(seed_dir, seed_graph):
    person = sorted(label(seed_graph, p) for p in seed_graph.subjects(DK.met, None))[0]
    result = run("query", "--graph", str(seed_dir), "--name", "who-met-whom",
                 "--bind", f"person_name={person}", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all(person in (r["person_a"], r["person_b"]) for r in rows)


def test_cli_named_query_errors(seed_dir):
    text = one_line_error(run("query", "--graph", str(seed_dir), "--name", "nope"), 2)
    assert "meetings-of-person" in text
    text = one_line_error(run("query", "--graph", str(seed_dir), "--name", "meetings-of-person",
                              "--bind", "person_name=A", "--bind", "sinse=2019-01-01"), 2)
    assert "sinse" in text and "since" in text
    text = one_line_error(run("query", "--graph", str(seed_dir), "--name", "meetings-of-person",
                              "--bind", "person_name=A", "--bind", "since=2019-13-01"), 2)
    assert "since" in text
    one_line_error(run("query", "--graph", str(seed_dir), "--name", "meetings-of-person"), 2)
    one_line_error(run("query", "--graph", str(seed_dir / "missing"), "--name", "meetings-of-person",
                       "--bind", "person_name=A"), 2)


def test_cli_name_and_sparql_together_is_usage_error(seed_dir):
    result = run("query", "--graph", str(seed_dir), "--name", "who-met-whom", "SELECT * {}")
    assert result.exit_code == 2 and "Usage:" in result.output


# --------------------------------------------------------------------------- formats and safety


EVIL = "Ana\x1b[31m RED\x1b[0m\x1b]0;pwned\x07\tTab\nLine\x9b2J\u202eEnd"


@pytest.fixture
def evil_graph(tmp_path) -> Path:
    graph = Graph()
    person = DKR["person/evil"]
    graph.add((person, RDF.type, DK.Person))
    graph.add((person, RDFS.label, Literal(EVIL)))
    graph.add((DKR["person/plain"], RDF.type, DK.Person))
    graph.add((DKR["person/plain"], RDFS.label, Literal("back\\slash")))
    path = tmp_path / "graph.ttl"
    graph.serialize(destination=path, format="turtle")
    return path


NAMES = "SELECT ?name WHERE { ?p a dk:Person ; rdfs:label ?name } ORDER BY ?name"


def test_table_strips_terminal_controls(evil_graph):
    result = run("query", "--graph", str(evil_graph), NAMES)
    assert result.exit_code == 0
    assert "Ana RED Tab LineEnd" in result.output
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.output)
    assert "pwned" not in result.output and "[31m" not in result.output


def test_json_and_csv_keep_values(evil_graph):
    result = run("query", "--graph", str(evil_graph), "--format", "json", NAMES)
    assert EVIL in [row["name"] for row in json.loads(result.output)]
    result = run("query", "--graph", str(evil_graph), "--format", "csv", NAMES)
    assert EVIL in [row["name"] for row in csv.DictReader(io.StringIO(result.output))]


def test_tsv_one_line_per_row(evil_graph):
    result = run("query", "--graph", str(evil_graph), "--format", "tsv", NAMES)
    assert result.exit_code == 0
    lines = result.output.rstrip("\n").split("\n")
    assert len(lines) == 3 and lines[0] == "name"
    unescape = {"\\t": "\t", "\\n": "\n", "\\r": "\r", "\\\\": "\\"}
    values = {re.sub(r"\\[tnr\\]", lambda m: unescape[m.group()], line) for line in lines[1:]}
    assert values == {EVIL, "back\\slash"}


# --------------------------------------------------------------------------- row cap


def test_max_rows_cuts_and_warns(evil_graph):
    result = run("query", "--graph", str(evil_graph), "--format", "json", "--max-rows", "1", NAMES)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 1
    assert "warning" in result.stderr and "2 rows" in result.stderr
    result = run("query", "--graph", str(evil_graph), "--format", "json", "--max-rows", "2", NAMES)
    assert len(json.loads(result.stdout)) == 2 and result.stderr == ""
    result = run("query", "--graph", str(evil_graph), "--format", "json", "--max-rows", "5", "--limit", "1", NAMES)
    assert len(json.loads(result.stdout)) == 1 and result.stderr == ""


# --------------------------------------------------------------------------- time limit


def synthetic(n: int) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(i)))
    return graph


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { %s }"


def cross(k: int) -> str:
    return CROSS % " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(k))


def test_timeout_stops_an_expensive_query():
    graph = synthetic(100)
    start = time.perf_counter()
    assert execute_query(graph, cross(2), timeout=None).rows == [[100 ** 2]]
    two_way = time.perf_counter() - start  # the 3-way product does 100 times this work
    start = time.perf_counter()
    with pytest.raises(QueryTimeout) as caught:
        execute_query(graph, cross(3), timeout=max(two_way, 0.05))
    assert time.perf_counter() - start < 20 * two_way + 2.0
    assert caught.value.exit_code == 1 and "timeout" in str(caught.value)


def test_timeout_cli_exit_code(tmp_path):
    path = tmp_path / "big.ttl"
    synthetic(300).serialize(destination=path, format="turtle")
    start = time.perf_counter()
    fast = run("query", "--graph", str(path), "--format", "json", cross(1))
    one_way = time.perf_counter() - start
    assert json.loads(fast.output) == [{"n": 300}]
    start = time.perf_counter()
    result = run("query", "--graph", str(path), "--timeout", "0.2", cross(4))
    text = one_line_error(result, 1)
    assert "timeout" in text
    # 300^4 rows would take hours; stopping is about as quick as parsing the graph and starting
    assert time.perf_counter() - start < 10 * one_way + 2.0


def test_timeout_without_fork_uses_a_thread(monkeypatch):
    """Oxigraph stores (and platforms without fork) get a daemon thread: still on time."""
    import diplokg.execute as execute

    monkeypatch.setattr(execute, "_can_fork", lambda graph: False)
    graph = synthetic(60)
    start = time.perf_counter()
    assert execute_query(graph, cross(1), timeout=30).rows == [[60]]
    one_way = time.perf_counter() - start
    start = time.perf_counter()
    with pytest.raises(QueryTimeout):
        execute_query(graph, cross(3), timeout=0.05)  # 60^3 rows: far more than 0.05 s
    assert time.perf_counter() - start < 20 * one_way + 1.0


def test_query_errors_cross_the_worker(tmp_path):
    graph = synthetic(3)
    from diplokg.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError, match="line"):
        execute_query(graph, "SELECT ?x WHERE {\n ?x ?p \n", timeout=5)
    assert execute_query(graph, cross(1), timeout=5).rows == [[3]]


# --------------------------------------------------------------------------- updates


def test_update_refused_without_flag(evil_graph):
    before = evil_graph.read_bytes()
    text = one_line_error(run("query", "--graph", str(evil_graph), "DELETE WHERE { ?s ?p ?o }"), 2)
    assert "--allow-update" in text
    assert evil_graph.read_bytes() == before


def test_allow_update_rewrites_the_graph(evil_graph):
    expected = Graph().parse(evil_graph)
    expected.remove((DKR["person/plain"], None, None))
    expected.add((DKR["person/new"], RDF.type, DK.Person))
    result = run("query", "--graph", str(evil_graph), "--allow-update", "--format", "json",
                 "--bind", f"p=<{DKR['person/plain']}>",
                 f"DELETE {{ ?p ?x ?y }} INSERT {{ <{DKR['person/new']}> a dk:Person }} WHERE {{ ?p ?x ?y }}")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["triples_after"] == len(expected)
    assert isomorphic(Graph().parse(evil_graph), expected)
    assert not [p for p in evil_graph.parent.iterdir() if p.name.endswith(".tmp")]


def test_malformed_update_leaves_graph(evil_graph):
    before = evil_graph.read_bytes()
    text = one_line_error(run("query", "--graph", str(evil_graph), "--allow-update", "DELETE WHERE { ?s ?p }"), 2)
    assert "line" in text and "column" in text
    assert evil_graph.read_bytes() == before


def test_update_that_times_out_leaves_graph(tmp_path):
    path = tmp_path / "big.ttl"
    synthetic(200).serialize(destination=path, format="turtle")
    before = path.read_bytes()
    result = run("query", "--graph", str(path), "--allow-update", "--timeout", "0.2",
                 "INSERT { ?a <http://example.org/q> ?d } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    one_line_error(result, 1)
    assert path.read_bytes() == before


def test_csv_on_a_terminal_shows_control_characters_as_escapes(tmp_path):
    """Piped csv keeps values exactly (other tests); on a terminal, ESC cannot act on it."""
    import os
    import pty
    import subprocess
    import sys

    from rdflib import RDFS, Graph, Literal

    from diplokg.namespace import DKR

    graph = Graph()
    graph.add((DKR["person/x"], RDFS.label, Literal("Ana\x1b[31mRed")))
    graph.serialize(tmp_path / "graph.ttl", format="turtle")
    leader, follower = pty.openpty()
    run = subprocess.run(
        [sys.executable, "-m", "diplokg.cli", "query", "--graph", str(tmp_path), "--format", "csv",
         "SELECT ?l WHERE { ?s rdfs:label ?l }"],
        stdout=follower, stderr=subprocess.PIPE, timeout=60,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert run.returncode == 0, run.stderr
    assert b"\x1b" not in shown and b"Ana\\x1b[31mRed" in shown
