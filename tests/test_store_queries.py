"""Named queries on the Oxigraph store: same rows as on the in-memory graph, native execution
(bindings substituted as constants, rows sorted in Python, row cap), and the synthetic K× graph
of ``benchmarks/scale_graph.py``."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from bench_corpus import small_corpus
from rdflib import BNode, Literal, URIRef

from diplokg.answers import (
    ANSWERS_DIR, ANSWERS_FROM_TRIPLES, answer_key, kept_queries, overview_queries, read_answer,
)
from diplokg.build import GRAPH_FILE, build
from diplokg.execute import execute_query
from diplokg.namespace import PREFIXES
from diplokg.queries import bindings_for, list_queries
from diplokg.query import load_graph, run_query, run_query_capped, split_order_by
from diplokg.store import STORE_DIR, is_oxigraph, native_store, substitute, write_store

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("store-queries")
    corpus = small_corpus(root / "corpus", n=10, seed=5)
    build(corpus, root / "out", jobs=1, store="oxigraph", validate=False)
    return root / "out"


@pytest.fixture(scope="module")
def graphs(built):
    memory, stored = load_graph(built), load_graph(built, use_store=True)
    assert is_oxigraph(stored) and not is_oxigraph(memory)
    return memory, stored


def _first(graph, sparql: str):
    rows = run_query(graph, sparql)[1]
    return rows[0][0] if rows else None


@pytest.fixture(scope="module")
def values(graphs) -> dict[str, str]:
    """A value for every declared parameter, taken from the graph so that queries find rows."""
    memory, _ = graphs
    person = _first(memory, "SELECT ?n WHERE { ?m dk:participant ?p . ?p a dk:Person ; rdfs:label ?n } "
                            "GROUP BY ?n ORDER BY DESC(COUNT(?m)) ?n LIMIT 1")
    partner = _first(memory, f"SELECT ?n WHERE {{ ?a rdfs:label {json.dumps(person)} ; dk:met ?b . "
                             "?b rdfs:label ?n } ORDER BY ?n LIMIT 1")
    agreement = _first(memory, "SELECT ?n WHERE { ?c dk:agreement ?a . ?a rdfs:label ?n } "
                               "GROUP BY ?n ORDER BY DESC(COUNT(?c)) ?n LIMIT 1")
    topic = _first(memory, "SELECT ?n WHERE { ?c dk:topic ?t . ?t skos:prefLabel ?n } "
                           "GROUP BY ?n ORDER BY DESC(COUNT(?c)) ?n LIMIT 1")
    node = _first(memory, "SELECT ?m WHERE { ?m a dk:Meeting ; dk:provenance ?s } ORDER BY ?m LIMIT 1")
    assert person and partner and agreement and topic and node
    return {"person_name": person.upper(), "from_name": person, "to_name": partner, "country_name": "mexico",
            "agreement_name": agreement.split()[0], "topic_label": topic, "topic_name": topic, "node": f"<{node}>",
            "role": "SECRETARY", "since": "2016-01-01", "until": "2030-12-31", "asof": "2019-01-01", "year": "2020"}


def _separators(sparql: str) -> list[str]:
    return [json.loads(f'"{s}"') for s in re.findall(r'separator\s*=\s*"((?:[^"\\]|\\.)*)"', sparql)]


def _comparable(rows: list[list], separators: list[str]) -> list[list]:
    """Rows with text cells split at the query's GROUP_CONCAT separators and sorted: the order of
    the items of a list is the engine's, everything else must be equal."""
    if not separators:
        return rows
    split = re.compile("|".join(re.escape(s) for s in sorted(separators, key=len, reverse=True)))
    return [[sorted(split.split(v)) if isinstance(v, str) else v for v in row] for row in rows]


CASES = [(q.name, mode) for q in list_queries() for mode in ("required", "all")]


@pytest.mark.parametrize("name,mode", CASES)
def test_named_query_rows_are_the_same_on_the_store(graphs, values, name, mode):
    memory, stored = graphs
    query = next(q for q in list_queries() if q.name == name)
    raw = {p.name: values[p.name] for p in query.params if mode == "all" or not p.optional}
    bindings = bindings_for(query, raw)
    expected = run_query(memory, query.text, bindings)
    got = run_query(stored, query.text, bindings)
    assert got[0] == expected[0]
    separators = _separators(query.text)
    assert _comparable(got[1], separators) == _comparable(expected[1], separators)  # same rows, same order


def test_the_comparison_means_something(graphs, values):
    """Most named queries find rows on the test build (with only the required parameters)."""
    memory, _ = graphs
    empty = [q.name for q in list_queries()
             if not run_query(memory, q.text, bindings_for(q, {p.name: values[p.name] for p in q.params
                                                               if not p.optional}))[1]]
    assert len(empty) <= 2, empty


def test_lists_skip_missing_values_on_both_engines(graphs):
    """A GROUP_CONCAT over rows that lack the value is "" on both engines (Oxigraph alone would
    make the whole aggregate an error, i.e. unbound)."""
    memory, stored = graphs
    query = next(q for q in list_queries() if q.name == "who-met-whom")
    for graph in (memory, stored):
        rows = run_query(graph, query.text)[1]
        assert rows and all(isinstance(cell, str) for row in rows for cell in row[3:])


def test_bindings_are_substituted_as_escaped_constants():
    sparql = ('# ?name in a comment\nSELECT ?x WHERE { ?x <http://e/p?name> "?name" ; rdfs:label ?name2 . '
              "FILTER(!BOUND(?name) || STR(?x) = $name) FILTER(BOUND( ?since )) }")
    text = substitute(sparql, {"name": Literal('a"}) } #'), "since": Literal("2019-01-01")})
    assert text == ('# ?name in a comment\nSELECT ?x WHERE { ?x <http://e/p?name> "?name" ; rdfs:label ?name2 . '
                    'FILTER(!true || STR(?x) = "a\\"}) } #") FILTER(true) }')
    assert substitute(sparql, {}) == sparql
    assert substitute("SELECT * WHERE { ?s ?p ?name }", {"name": Literal("a")}) is None
    assert substitute("SELECT ?s WHERE { ?s ?p ?o }", {"o": BNode()}) is None
    assert "<https://w3id.org/diplokg/id/x>" in substitute("SELECT ?s WHERE { ?s ?p ?o }",
                                                           {"o": URIRef(PREFIXES["dkr"] + "x")})


def test_a_value_cannot_change_the_query(graphs):
    """A name full of SPARQL syntax is just a name that matches nothing."""
    memory, stored = graphs
    query = next(q for q in list_queries() if q.name == "meetings-of-person")
    evil = '") } } SELECT * WHERE { ?s ?p ?o } #'
    bindings = bindings_for(query, {"person_name": evil})
    assert run_query(stored, query.text, bindings) == run_query(memory, query.text, bindings) == (
        ["person", "meeting", "date", "place", "status", "kind", "files"], [])


def test_projected_binding_falls_back_to_values(graphs):
    """A bound variable that is also a column cannot be replaced by a constant: VALUES is used."""
    memory, stored = graphs
    sparql = "SELECT ?name ?p WHERE { ?p a dk:Person ; rdfs:label ?name } ORDER BY ?p"
    name = _first(memory, "SELECT ?n WHERE { ?p a dk:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 1")
    bindings = {"name": Literal(name)}
    assert run_query(stored, sparql, bindings) == run_query(memory, sparql, bindings)
    assert run_query(stored, sparql, bindings)[1]


def test_split_order_by():
    assert split_order_by('SELECT ?a WHERE { ?a ?p "}" } ORDER BY DESC(?a) STR(?b) COALESCE(STR(?c), "")') == (
        'SELECT ?a WHERE { ?a ?p "}" } ', [("a", True, "term"), ("b", False, "text"), ("c", False, "text-or-empty")])
    for sparql in ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 5",
                   "SELECT ?a WHERE { ?a ?p ?b } ORDER BY LCASE(?a)",
                   "SELECT ?a WHERE { ?a ?p ?b } # ORDER BY ?a",
                   "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a } }",
                   "SELECT ?a WHERE { ?a ?p ?b }"):
        assert split_order_by(sparql) is None, sparql


@pytest.mark.parametrize("name", sorted({q.name for q in list_queries()}))
def test_python_sort_is_oxigraphs_sort(graphs, values, name):
    """Rows sorted in Python come in the order Oxigraph's own ORDER BY gives."""
    from diplokg.query import _native_value

    _, stored = graphs
    query = next(q for q in list_queries() if q.name == name)
    bindings = bindings_for(query, {p.name: values[p.name] for p in query.params if not p.optional})
    text = substitute(query.text, bindings)
    assert split_order_by(text) is not None  # every named query ends with a plain ORDER BY
    engine = [[_native_value(v) for v in row] for row in native_store(stored).query(text, prefixes=PREFIXES)]
    assert run_query(stored, query.text, bindings)[1] == engine


def test_row_cap_counts_every_row(graphs):
    memory, stored = graphs
    sparql = "SELECT ?p ?n WHERE { ?p a dk:Person ; rdfs:label ?n } ORDER BY ?n ?p"
    full = run_query(memory, sparql)[1]
    assert len(full) > 5
    for graph in (memory, stored):
        columns, rows, total = run_query_capped(graph, sparql, None, 3)
        assert (columns, rows, total) == (["p", "n"], full[:3], len(full))
        outcome = execute_query(graph, sparql, max_rows=3, timeout=30)
        assert outcome.rows == full[:3] and outcome.total == len(full) and outcome.truncated


def test_ask_and_construct_on_the_store(graphs):
    memory, stored = graphs
    for sparql in ("ASK { ?s a dk:Meeting }", "ASK { ?s a dk:Nothing }",
                   "CONSTRUCT { ?m a dk:Meeting } WHERE { ?m a dk:Meeting }"):
        assert run_query(stored, sparql) == run_query(memory, sparql)


def _scale_graph():
    spec = importlib.util.spec_from_file_location("diplokg_scale_graph", ROOT / "benchmarks" / "scale_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scaled_graph_copies_per_document_nodes_and_shares_reference_nodes(built, tmp_path):
    scale = _scale_graph()
    info = scale.build_scaled(built / GRAPH_FILE, tmp_path / "x3", 3)
    memory, scaled = load_graph(built), load_graph(tmp_path / "x3", use_store=True)
    assert is_oxigraph(scaled) and (tmp_path / "x3" / STORE_DIR).is_dir()
    assert info["triples"] == len(scaled) and 2.5 * len(memory) < len(scaled) < 3 * len(memory)

    def count(graph, cls):
        return run_query(graph, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a dk:{cls} }}")[1][0][0]

    for cls in ("Meeting", "Document", "Commitment", "EvidenceSpan"):
        assert count(scaled, cls) == 3 * count(memory, cls), cls
    for cls in ("Country", "Topic"):  # shared: their degree grows instead
        assert count(scaled, cls) == count(memory, cls), cls
    topic_edges = "SELECT (COUNT(*) AS ?n) WHERE { ?t dk:discussedAt ?m }"
    assert run_query(scaled, topic_edges)[1][0][0] == 3 * run_query(memory, topic_edges)[1][0][0]
    files = run_query(scaled, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?d dk:fileName ?f }")[1][0][0]
    assert files == 3 * run_query(memory, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?d dk:fileName ?f }")[1][0][0]
    gazetteer = scale.reference_iris()
    persons = {row[0] for row in run_query(scaled, "SELECT ?p WHERE { ?p a dk:Person }")[1]}
    assert any(p in gazetteer for p in persons)  # gazetteer persons stay one node
    assert not any(p.endswith("--copy1") and p[:-len("--copy1")] in gazetteer for p in persons)
    query = next(q for q in list_queries() if q.name == "topics-over-time")
    rows = run_query(scaled, query.text)[1]
    base = {(r[0], r[1]): r[2] for r in run_query(memory, query.text)[1]}
    assert rows and all(r[2] == 3 * base[(r[0], r[1])] for r in rows)  # each meeting copied 3 times


# --- answers of the overview queries, kept in the store by the build (diplokg.answers) ---


def test_small_builds_keep_no_answers(built):
    assert kept_queries(ANSWERS_FROM_TRIPLES - 1) == [] and not (built / STORE_DIR / ANSWERS_DIR).exists()
    assert kept_queries(ANSWERS_FROM_TRIPLES) == overview_queries()


def test_a_big_build_keeps_answers(tmp_path, monkeypatch):
    monkeypatch.setattr("diplokg.answers.ANSWERS_FROM_TRIPLES", 1)
    build(small_corpus(tmp_path / "corpus", n=2, seed=3), tmp_path / "out", jobs=1, store="oxigraph", validate=False)
    kept = sorted(p.name for p in (tmp_path / "out" / STORE_DIR / ANSWERS_DIR).iterdir())
    assert kept == sorted(f"{answer_key(text)}.jsonl" for text in overview_queries())
    assert not (tmp_path / "out" / STORE_DIR / "queries.json").exists()


def test_a_big_build_frees_its_graph_before_the_store_answers(tmp_path, monkeypatch):
    """The child's answering (about 1 GB at 2.8 M triples) waits until the build has emptied its
    in-memory graph: the two peaks do not add up."""
    import diplokg.build as build_module
    from diplokg.store import StoreWriter

    monkeypatch.setattr("diplokg.answers.ANSWERS_FROM_TRIPLES", 1)
    events: list[tuple[str, int]] = []
    release, finish = build_module.release_graph, StoreWriter.finish

    def recorded_release(graph):
        release(graph)
        events.append(("released", len(graph)))

    def recorded_finish(writer, graph_file):
        events.append(("finish", writer.keeps_answers))
        return finish(writer, graph_file)

    monkeypatch.setattr(build_module, "release_graph", recorded_release)
    monkeypatch.setattr(StoreWriter, "finish", recorded_finish)
    result = build(small_corpus(tmp_path / "corpus", n=2, seed=3), tmp_path / "out", jobs=1, store="oxigraph",
                   validate=False)
    assert events == [("released", 0), ("finish", True)]
    assert result.triples > 0 and result.persons > 0  # counted before the graph was emptied
    assert (tmp_path / "out" / STORE_DIR / ANSWERS_DIR).is_dir()


def test_release_graph_empties_an_indexed_graph_and_keeps_its_prefixes():
    from diplokg.build import release_graph
    from diplokg.triplestore import indexed_graph

    graph = indexed_graph([(URIRef("urn:a"), URIRef("urn:p"), Literal("x"))])
    graph.bind("dk", PREFIXES["dk"])
    assert list(graph.triples((None, None, Literal("x"))))  # builds the osp index
    release_graph(graph)
    assert len(graph) == 0 and not list(graph.triples((None, None, None)))
    assert not list(graph.triples((None, None, Literal("x"))))
    assert ("dk", URIRef(PREFIXES["dk"])) in set(graph.namespaces())


@pytest.mark.parametrize("told", [True, False])
def test_the_loader_keeps_answers_only_when_told(built, tmp_path, told):
    """Without the parent's go-ahead on stdin (e.g. it died) the child writes the store but
    spends nothing on answers."""
    import subprocess
    import sys

    from diplokg.store import _LOADER, _child_environment
    from diplokg.storeload import ANSWER_NOW

    listing = tmp_path / "queries.json"
    listing.write_text(json.dumps(["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _LOADER, str(tmp_path / "db"), str(built / GRAPH_FILE), "0",
                           str(listing)], input=ANSWER_NOW if told else b"", capture_output=True,
                          env=_child_environment(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "db").is_dir()
    assert (tmp_path / ANSWERS_DIR).is_dir() is told


@pytest.fixture(scope="module")
def answered(built, tmp_path_factory):
    """A copy of the build whose store keeps the answers of the overview queries."""
    copy = tmp_path_factory.mktemp("answered") / "out"
    shutil.copytree(built, copy)
    write_store(copy / GRAPH_FILE, copy / STORE_DIR, queries=overview_queries())
    return copy


def test_the_store_keeps_the_answer_of_each_overview_query(answered):
    """One answer per named query without required parameters, equal to the live query, with
    the total of the whole answer when the read is capped; nothing else kept."""
    stored = load_graph(answered, use_store=True)
    overview = overview_queries()
    names = {q.name for q in list_queries() if all(p.optional for p in q.params)}
    assert {"who-met-whom", "topics-over-time"} <= names and "meetings-of-person" not in names
    assert len(overview) == len(names)
    kept = sorted(p.name for p in (answered / STORE_DIR / ANSWERS_DIR).iterdir())
    assert kept == sorted(f"{answer_key(text)}.jsonl" for text in overview)
    assert not (answered / STORE_DIR / "queries.json").exists()
    for text in overview:
        live = run_query_capped(stored, text, {}, None, precomputed=False)
        assert read_answer(answered / STORE_DIR / ANSWERS_DIR, text) == live
        assert run_query_capped(stored, text, {}, None) == live
        columns, rows, total = run_query_capped(stored, text, {}, 1)
        assert (columns, total) == (live[0], live[2]) and rows == live[1][:1]


@pytest.fixture()
def tampered(answered, tmp_path):
    """A copy of the answered build whose who-met-whom answer was replaced by a recognisable fake."""
    copy = tmp_path / "out"
    shutil.copytree(answered, copy)  # copy2 keeps graph.ttl's mtime: the store still matches it
    text = next(q for q in list_queries() if q.name == "who-met-whom").text
    fake = copy / STORE_DIR / ANSWERS_DIR / f"{answer_key(text)}.jsonl"
    fake.write_text('{"columns": ["person_a"], "total": 7}\n["FAKE"]\n', encoding="utf-8")
    return copy, text


def test_a_kept_answer_serves_only_the_same_text_without_bindings(tampered):
    copy, text = tampered
    stored = load_graph(copy, use_store=True)
    assert is_oxigraph(stored)
    assert run_query_capped(stored, text, {}) == (["person_a"], [["FAKE"]], 7)
    assert execute_query(stored, text, {}).rows == [["FAKE"]]
    live = run_query_capped(stored, text, {}, precomputed=False)
    assert live[0][0] == "person_a" and ["FAKE"] not in live[1]
    assert run_query_capped(stored, text + "\n", {}) == live  # another text: run on the store
    person = live[1][0][0]
    bound = run_query_capped(stored, text, {"person_name": Literal(person)})
    assert bound[1] and ["FAKE"] not in bound[1]  # a binding: run on the store
    separators = _separators(text)  # graph.ttl: no answers (rdflib's engine, lists in its own order)
    assert _comparable(run_query_capped(load_graph(copy), text, {})[1], separators) == _comparable(live[1], separators)


def test_query_cli_live_ignores_the_kept_answer(tampered):
    from click.testing import CliRunner

    from diplokg.cli import main

    copy, _ = tampered
    kept = CliRunner().invoke(main, ["query", "--graph", str(copy), "--name", "who-met-whom", "--format", "json"])
    live = CliRunner().invoke(main, ["query", "--graph", str(copy), "--name", "who-met-whom", "--format", "json",
                                     "--live"])
    assert kept.exit_code == live.exit_code == 0
    assert json.loads(kept.stdout) == [{"person_a": "FAKE"}]
    assert "first 1 of 7 rows" in kept.stderr  # the total kept with the answer
    assert json.loads(live.stdout) and "FAKE" not in live.stdout


def test_an_unreadable_answer_is_not_used(tampered):
    copy, text = tampered
    (copy / STORE_DIR / ANSWERS_DIR / f"{answer_key(text)}.jsonl").write_text("not json\n", encoding="utf-8")
    stored = load_graph(copy, use_store=True)
    assert run_query_capped(stored, text, {}) == run_query_capped(stored, text, {}, precomputed=False)


def test_a_failing_query_gets_no_answer(built, tmp_path):
    from diplokg.answers import write_answers

    stored = load_graph(built, use_store=True)
    good = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    written = write_answers(stored, ["SELECT ?x WHERE { BIND(<urn:a> + 1 AS ?x) FILTER(STRLEN(?nope ?x)) }", good],
                            tmp_path / "answers")
    assert [p.name for p in written] == [f"{answer_key(good)}.jsonl"]
