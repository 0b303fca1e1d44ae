"""The SHACL screen (diplokg.shaclscreen) against pySHACL: on the seed graph and on randomly
broken copies it says "no result" exactly when pySHACL reports none, so validate_graph (screen
first, pySHACL only when something may fail) reports what pySHACL alone reports."""

from __future__ import annotations

import random

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from diplokg.graph import new_graph
from diplokg.namespace import DK, DKR
from diplokg.shaclscreen import Unsupported, screen
from diplokg.validate import load_ontology_graph, load_shapes, pyshacl_report, validate_graph

CLASSES = [DK.Person, DK.Meeting, DK.Agreement, DK.Commitment, DK.Document, DK.Topic, DK.Country,
           DK.City, DK.Place, DK.Organization, DK.EvidenceSpan, PROV.Activity, SKOS.Concept]
PREDICATES = [DK.met, DK.participant, DK.source, DK.status, DK.date, DK.location, DK.evidence,
              DK.provenance, DK.agreement, DK.party, DK.text, DK.commits, DK.discussedAt,
              DK.document, DK.startChar, DK.endChar, DK.fileName, DK.published, DK.mentionedIn,
              RDFS.label, SKOS.prefLabel, DK.pipelineVersion, PROV.wasGeneratedBy]
ODD_VALUES = [Literal("held"), Literal("held", lang="en"), Literal("planned"), Literal(""),
              Literal(-1), Literal(5), Literal("5", datatype=XSD.integer), Literal("x", datatype=XSD.integer),
              Literal("2019-02-30", datatype=XSD.date), Literal("2019", datatype=XSD.gYear),
              Literal("2019-06-01", datatype=XSD.date), Literal(2.5), Literal("text"),
              URIRef("https://example.org/nowhere")]


@pytest.fixture(scope="module")
def seed_triples(seed_graph_dir) -> list:
    return list(Graph().parse(seed_graph_dir[1] / "graph.ttl"))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology_graph()


def mutate(triples: list, rng: random.Random) -> Graph:
    """A copy of the graph with one to three random changes of the kinds the shapes check."""
    graph = new_graph()
    graph.store.add_many(triples)
    nodes = sorted({s for s, _, _ in triples}, key=str)
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        node = rng.choice(nodes)
        if kind == 0:  # drop a triple
            graph.remove(rng.choice(sorted(graph, key=str)))
        elif kind == 1:  # retype a node
            graph.add((node, RDF.type, rng.choice(CLASSES)))
        elif kind == 2:  # an extra or odd value
            graph.add((node, rng.choice(PREDICATES), rng.choice(ODD_VALUES + nodes[:20])))
        elif kind == 3:  # replace the values of a property
            predicate = rng.choice(PREDICATES)
            graph.remove((node, predicate, None))
            graph.add((node, predicate, rng.choice(ODD_VALUES + nodes[:20])))
        elif kind == 4:  # a one-way dk:met
            a, b = rng.sample(nodes, 2)
            graph.add((a, DK.met, b))
        else:  # a node loses all its properties of one kind
            predicate = rng.choice(PREDICATES)
            graph.remove((node, predicate, None))
    return graph


def test_screen_passes_the_seed_graph(seed_triples, shapes, ontology):
    graph = new_graph()
    graph.store.add_many(seed_triples)
    assert screen(graph, shapes, ontology) is True
    memory = Graph()  # rdflib's own store: the screen indexes it itself
    for triple in seed_triples:
        memory.add(triple)
    assert screen(memory, shapes, ontology) is True


@pytest.mark.parametrize("seed", range(40))
def test_screen_agrees_with_pyshacl_on_broken_graphs(seed_triples, shapes, ontology, seed):
    graph = mutate(seed_triples, random.Random(seed))
    clean = screen(graph, shapes, ontology)
    report = pyshacl_report(graph, shapes, ontology)
    # never "clean" where pySHACL finds anything; and here not even a needless pySHACL run
    assert clean == (report.conforms and not report.violations), report.violations[:3]
    assert validate_graph(graph) == report


def test_validate_graph_skips_pyshacl_when_the_screen_passes(seed_triples, monkeypatch):
    from diplokg import validate

    graph = new_graph()
    graph.store.add_many(seed_triples)
    monkeypatch.setattr(validate, "pyshacl_report", lambda *a, **k: pytest.fail("pySHACL ran"))
    assert validate.validate_graph(graph).conforms


UNSUPPORTED = {
    "sparql": "dksh:X a sh:NodeShape ; sh:targetClass dk:Person ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
    "closed": "dksh:X a sh:NodeShape ; sh:targetClass dk:Person ; sh:closed true .",
    "deactivated": "dksh:X a sh:NodeShape ; sh:targetClass dk:Person ; sh:deactivated true ; sh:property [ sh:path rdfs:label ; sh:minCount 9 ] .",
    "pattern": "dksh:X a sh:NodeShape ; sh:targetClass dk:Person ; sh:property [ sh:path rdfs:label ; sh:pattern \"^A\" ] .",
    "sequence path": "dksh:X a sh:NodeShape ; sh:targetClass dk:Meeting ; sh:property [ sh:path ( dk:location rdfs:label ) ; sh:minCount 1 ] .",
    "two maxCount": "dksh:X a sh:NodeShape ; sh:targetClass dk:Person ; sh:property [ sh:path rdfs:label ; sh:maxCount 1, 2 ] .",
    "implicit target": "dksh:X a sh:NodeShape, rdfs:Class ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .",
}
PREAMBLE = """@prefix dk: <https://w3id.org/diplokg/ontology#> .
@prefix dksh: <https://w3id.org/diplokg/shapes#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
"""


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_shapes_outside_the_subset_go_to_pyshacl(name, seed_triples, ontology):
    shapes = Graph().parse(data=PREAMBLE + UNSUPPORTED[name], format="turtle")
    graph = new_graph()
    graph.store.add_many(seed_triples)
    with pytest.raises(Unsupported):
        screen(graph, shapes, ontology)


def test_subclass_instances_are_targets(ontology):
    """sh:targetClass dk:Place reaches a dk:City through diplokg.ttl's class hierarchy."""
    shapes = Graph().parse(data=PREAMBLE + "dksh:X a sh:NodeShape ; sh:targetClass dk:Place ; "
                           "sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .", format="turtle")
    graph = new_graph()
    graph.add((DKR["place/x"], RDF.type, DK.City))
    assert screen(graph, shapes, ontology) is False
    graph.add((DKR["place/x"], RDFS.label, Literal("X")))
    assert screen(graph, shapes, ontology) is True
