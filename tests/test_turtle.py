"""The fast Turtle writer (diplokg.turtle) and the lean store (diplokg.triplestore): awkward
literals round-trip, output is byte-identical whatever the insertion order or hash seed, blank
nodes fall back to rdflib, and IndexedStore answers every triple pattern like rdflib's store."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from diplokg.graph import new_graph, serialize
from diplokg.namespace import DK, DKR
from diplokg.triplestore import IndexedStore, indexed_graph
from diplokg.turtle import NotWritable, turtle_bytes

ROOT = Path(__file__).resolve().parents[1]

AWKWARD_TEXTS = [
    "",
    'He said "no" twice',
    "back\\slash and \\n literally",
    "line one\nline two\r\nline three",
    "tab\there, bell\x07, escape\x1b, nul\x00, delete\x7f",
    "accents: Sánchez Cordero, Ñuñoa, Zürich",
    "emoji 🇲🇽🤝🇺🇸 and CJK 日本語 and RTL مرحبا",
    "trailing quote\"",
    '"""triple quoted"""',
    "ends with backslash \\",
    "\u2028 line separator \u2029 paragraph separator",
    "<b>markup</b> & {braces} | ^ `",
]


def awkward_graph() -> Graph:
    g = new_graph()
    g.bind("ex", "https://example.org/ns#")
    ex = "https://example.org/ns#"
    for i, text in enumerate(AWKWARD_TEXTS):
        node = DKR[f"thing/{i}"]
        g.add((node, RDF.type, DK.Document))
        g.add((node, DK.text, Literal(text)))
        g.add((node, RDFS.label, Literal(text, lang="en")))
        g.add((node, DK.title, Literal(text, lang="es-MX")))
        g.add((node, DK.section, Literal(text, datatype=XSD.string)))
        g.add((node, URIRef(ex + "note"), Literal(text, datatype=URIRef(ex + "Custom"))))
    node = DKR["thing/values"]
    for literal in (Literal(0), Literal(-12), Literal("007", datatype=XSD.integer), Literal("+5", datatype=XSD.integer),
                    Literal("not a number", datatype=XSD.integer), Literal(2.5), Literal("1.50", datatype=XSD.decimal),
                    Literal(True), Literal("2019-06", datatype=XSD.gYearMonth), Literal("2019", datatype=XSD.gYear),
                    Literal("2018-07-13", datatype=XSD.date)):
        g.add((node, DK.startChar, literal))
    # IRIs that cannot be prefixed: a slash, a dot, a leading digit, a trailing hyphen is fine
    for local in ("a/b", "x.y", "9lives", "dash-", "under_score", "pct%20", "q?x=1"):
        g.add((node, DK.source, URIRef(ex + local)))
    g.add((URIRef("urn:isbn:0451450523"), RDFS.label, Literal("a URN")))
    return g


def test_awkward_literals_round_trip():
    g = awkward_graph()
    data = turtle_bytes(g)
    back = Graph().parse(data=data, format="turtle")
    assert isomorphic(g, back)
    assert set(back) == set(g)
    # a strict, independent parser reads it too, to the same number of triples
    assert len(list(ox.parse(data, format=ox.RdfFormat.TURTLE))) == len(g)
    text = data.decode("utf-8")
    assert "PREFIX ex: <https://example.org/ns#>" in text
    assert "PREFIX owl:" not in text  # only the prefixes used are declared
    assert '\\"no\\"' in text and "\\n" in text and "\\u0000" in text


def test_output_does_not_depend_on_insertion_order():
    triples = list(awkward_graph())
    first = indexed_graph(triples)
    shuffled = triples[:]
    random.Random(7).shuffle(shuffled)
    second = Graph()  # rdflib's own store: the same bytes
    for triple in shuffled:
        second.add(triple)
    for graph in (first, second):
        for prefix, namespace in awkward_graph().namespaces():
            graph.bind(prefix, namespace, override=True)
    assert turtle_bytes(first) == turtle_bytes(second)


SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from test_turtle import awkward_graph
from diplokg.graph import serialize
sys.stdout.buffer.write(serialize(awkward_graph()))
"""


def test_output_does_not_depend_on_the_hash_seed():
    outputs = set()
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", SCRIPT.format(tests=str(ROOT / "tests"))],
                                env=env, capture_output=True, check=True, cwd=ROOT)
        outputs.add(result.stdout)
    assert len(outputs) == 1 and outputs.pop() == serialize(awkward_graph())


def test_layout_subjects_predicates_objects_sorted():
    text = serialize(awkward_graph()).decode("utf-8")
    blocks = text.split("\n\n")[1:]
    subjects = [b.splitlines()[0] for b in blocks]
    assert subjects == sorted(subjects, key=lambda s: s.strip("<>"))
    first = blocks[0].splitlines()
    assert first[1].startswith("    a ") and first[-1] == "."


def test_blank_nodes_fall_back_to_rdflib():
    g = new_graph()
    b = BNode()
    g.add((DKR["x"], DK.provenance, b))
    g.add((b, DK.text, Literal("anonymous")))
    with pytest.raises(NotWritable):
        turtle_bytes(g)
    back = Graph().parse(data=serialize(g), format="turtle")
    assert isomorphic(g, back)


def test_unwritable_iri_is_refused():
    g = new_graph()
    g.add((URIRef("https://example.org/with space"), RDFS.label, Literal("x")))
    with pytest.raises(NotWritable):
        turtle_bytes(g)


def test_seed_graph_round_trips(seed_graph_dir):
    _, folder = seed_graph_dir
    data = (folder / "graph.ttl").read_bytes()
    g = Graph().parse(data=data, format="turtle")
    assert serialize(g) == data  # the writer is a fixed point on its own output
    assert isomorphic(Graph().parse(data=serialize(g), format="turtle"), g)


# ------------------------------------------------------------------ IndexedStore

NODES = [DKR[f"n{i}"] for i in range(5)]
PREDICATES = [DK.met, DK.participant, RDF.type]
OBJECTS = NODES[:3] + [Literal("a"), Literal("a", lang="en"), Literal(1)]
triples = st.tuples(st.sampled_from(NODES), st.sampled_from(PREDICATES), st.sampled_from(OBJECTS))
patterns = st.tuples(st.sampled_from(NODES + [None]), st.sampled_from(PREDICATES + [None]),
                     st.sampled_from(OBJECTS + [None]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.booleans(), triples), max_size=40), st.lists(patterns, min_size=1, max_size=8))
def test_indexed_store_answers_like_rdflib(operations, queries):
    ours, reference = Graph(store=IndexedStore()), Graph()
    for index, (add, triple) in enumerate(operations):
        if index == len(operations) // 2:
            list(ours.triples((None, DK.met, None)))  # build the lazy indexes half way
            list(ours.triples((None, None, NODES[0])))
        for graph in (ours, reference):
            (graph.add if add else graph.remove)(triple)
    assert len(ours) == len(reference)
    for pattern in queries:
        assert sorted(ours.triples(pattern)) == sorted(reference.triples(pattern))
        ours.remove(pattern)
        reference.remove(pattern)
        assert set(ours) == set(reference)


def test_indexed_store_sparql_and_namespaces():
    g = indexed_graph([(NODES[0], DK.met, NODES[1]), (NODES[1], DK.met, NODES[0]), (NODES[0], RDFS.label, Literal("A"))])
    g.bind("dk", str(DK._NS), override=True)
    rows = list(g.query("SELECT ?b WHERE { ?a dk:met ?b ; rdfs:label 'A' }"))
    assert [row[0] for row in rows] == [NODES[1]]
    assert ("dk", URIRef(str(DK._NS))) in set(g.namespaces())
    assert g.store.intern(URIRef(str(NODES[0]))) is next(iter(g.subjects(RDFS.label, None)))
