"""The on-disk Oxigraph store answers like the in-memory graph parsed from graph.ttl."""

from __future__ import annotations

import os

import pytest
from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic

from bench_corpus import small_corpus
from diplokg.build import GRAPH_FILE, build
from diplokg.errors import BuildError
from diplokg.query import load_graph, run_query
from diplokg.store import STORE_DIR, is_oxigraph, store_for

pytestmark = pytest.mark.model

QUERIES = [
    "SELECT ?m ?p WHERE { ?m a dk:Meeting ; dk:participant ?p } ORDER BY ?m ?p",
    "SELECT ?name (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m dk:participant ?p . ?p rdfs:label ?name } "
    "GROUP BY ?name ORDER BY DESC(?n) ?name",
    "SELECT ?c ?label WHERE { ?c a dk:Commitment ; dk:text ?label } ORDER BY ?c",
    "ASK { ?s a dk:Agreement }",
]


def _plain(graph: Graph) -> Graph:
    """``graph`` with xsd:string literals written as plain literals (the same in RDF 1.1)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    corpus = small_corpus(root / "corpus", n=4)
    build(corpus, root / "out", jobs=1, store="oxigraph", validate=False)
    return root / "out"


def test_store_holds_the_same_graph(built):
    assert store_for(built / GRAPH_FILE) == built / STORE_DIR
    stored = load_graph(built, use_store=True)
    parsed = load_graph(built)
    assert is_oxigraph(stored) and not is_oxigraph(parsed)
    assert len(stored) == len(parsed) > 100
    assert isomorphic(_plain(stored), parsed)


@pytest.mark.parametrize("sparql", QUERIES)
def test_store_answers_like_the_memory_graph(built, sparql):
    memory = run_query(load_graph(built), sparql)
    native = run_query(load_graph(built, use_store=True), sparql)
    assert native == memory
    assert memory[1]  # the query finds something, so the comparison means something


def test_bindings_and_named_queries_on_the_store(built):
    memory, stored = load_graph(built), load_graph(built, use_store=True)
    name = run_query(memory, "SELECT ?n WHERE { ?p a dk:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 1")[1][0][0]
    sparql = "SELECT ?m WHERE { ?m dk:participant ?p . ?p rdfs:label ?name } ORDER BY ?m"
    bindings = {"name": Literal(name)}
    assert run_query(stored, sparql, bindings) == run_query(memory, sparql, bindings)
    assert run_query(stored, sparql, bindings)[1]


def test_stale_or_missing_store_is_not_used(built, tmp_path):
    graph_file = built / GRAPH_FILE
    stat = graph_file.stat()
    os.utime(graph_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # graph.ttl "changed"
    try:
        assert store_for(graph_file) is None
        assert not is_oxigraph(load_graph(built, use_store=True))
    finally:
        os.utime(graph_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert store_for(graph_file) is not None


def test_memory_build_removes_the_store(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=2)
    build(corpus, tmp_path / "out", jobs=1, store="oxigraph", validate=False)
    assert (tmp_path / "out" / STORE_DIR).is_dir()
    build(corpus, tmp_path / "out", jobs=1, store="memory", validate=False)
    assert not (tmp_path / "out" / STORE_DIR).exists()
    with pytest.raises(BuildError):
        build(corpus, tmp_path / "out", store="postgres")


def _named():
    from diplokg.queries import list_queries

    return [q for q in list_queries() if not any(not p.optional for p in q.params)]


@pytest.mark.parametrize("name", [q.name for q in _named()])
def test_named_queries_without_required_parameters_agree(built, name):
    from diplokg.queries import get_query

    query = get_query(name)
    memory = run_query(load_graph(built), query.text)
    native = run_query(load_graph(built, use_store=True), query.text)
    # GROUP_CONCAT order is engine-defined: compare the row count and the first column
    assert memory[0] == native[0]
    assert len(memory[1]) == len(native[1])
    assert sorted(map(str, (r[0] for r in memory[1]))) == sorted(map(str, (r[0] for r in native[1])))


def test_named_query_with_unprojected_parameter_on_the_store(built):
    from diplokg.queries import bindings_for, get_query

    memory, stored = load_graph(built), load_graph(built, use_store=True)
    person = run_query(memory, "SELECT ?n WHERE { ?m dk:participant ?p . ?p a dk:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 1")[1][0][0]
    query = get_query("meetings-of-person")
    bindings = bindings_for(query, {"person_name": person})
    expected = run_query(memory, query.text, bindings)
    assert expected[1]
    got = run_query(stored, query.text, bindings)
    assert len(got[1]) == len(expected[1]) and got[0] == expected[0]


def test_auto_store_only_for_big_graphs(tmp_path, monkeypatch):
    from diplokg import store as store_module

    corpus = small_corpus(tmp_path / "corpus", n=2)
    build(corpus, tmp_path / "small", jobs=1, validate=False)  # default "auto", a small graph
    assert not (tmp_path / "small" / STORE_DIR).exists()
    monkeypatch.setattr(store_module, "AUTO_STORE_TRIPLES", 10)
    build(corpus, tmp_path / "big", jobs=1, validate=False)
    assert store_for(tmp_path / "big" / GRAPH_FILE) is not None
