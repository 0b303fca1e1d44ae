"""The named commitment queries (ontology/queries/*.rq) on a seed build and on a hand-built graph:
each result is checked against the graph's triples read without SPARQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal

from diplokg.build import build
from diplokg.namespace import DK, DKR
from diplokg.queries import bindings_for, get_query

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["commitments-by-country", "commitments-by-topic", "commitments-by-agreement", "open-deadlines",
         "agreements-reaffirmed"]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("commitment-queries")
    build(ROOT / "corpus", out)
    return Graph().parse(out / "graph.ttl")


def run(graph: Graph, name: str, **bind: str) -> list[dict[str, str]]:
    query = get_query(name)
    result = graph.query(query.text, initBindings=bindings_for(query, bind))
    return [{str(k): (str(v) if v is not None else None) for k, v in row.asdict().items()} for row in result]


@pytest.mark.parametrize("name", NAMES)
def test_header_declares_every_bound_variable(name):
    query = get_query(name)
    assert query.title and query.description
    for param in query.params:
        assert f"?{param.name}" in query.text


def test_commitments_by_country(graph):
    rows = run(graph, "commitments-by-country", country_name="mexico")
    mexico = next(c for c in graph.subjects(RDF.type, DK.Country) if str(graph.value(c, RDFS.label)) == "Mexico")
    expected = {str(t) for c in graph.subjects(DK.party, mexico) for t in graph.objects(c, DK.text)}
    assert expected and {r["text"] for r in rows} == expected
    assert all("Mexico" in r["parties"].split(", ") for r in rows)
    assert {r["modality"] for r in rows} <= {"firm", "conditional", "aspirational", "welcome", "reaffirmation"}
    assert run(graph, "commitments-by-country", country_name="Atlantis") == []


def test_commitments_by_topic(graph):
    rows = run(graph, "commitments-by-topic", topic_label="Asylum")
    asylum = next(t for t in graph.subjects(RDF.type, DK.Topic) if str(graph.value(t, SKOS.prefLabel)) == "Asylum")
    topics = {asylum} | set(graph.transitive_subjects(SKOS.broader, asylum))
    expected = {str(graph.value(c, DK.text)) for t in topics for c in graph.subjects(DK.topic, t)}
    assert expected and {r["text"] for r in rows} == expected


def test_commitments_by_agreement_matches_part_of_label(graph):
    rows = run(graph, "commitments-by-agreement", agreement_name="Bicentennial Framework")
    assert rows and all("Bicentennial Framework" in r["agreement"] for r in rows)
    assert {r["relation"] for r in rows} <= {"clause of", "refers to"}
    statement_rows = run(graph, "commitments-by-agreement", agreement_name="joint declaration")
    clauses = [r for r in statement_rows if r["relation"] == "clause of"]
    agreement = next(a for a in graph.subjects(RDF.type, DK.Agreement)
                     if "joint declaration" in str(graph.value(a, RDFS.label)).lower())
    assert len(clauses) == len(set(graph.subjects(DK.agreement, agreement)))


def test_open_deadlines(graph):
    with_deadline = {str(graph.value(c, DK.text)) for c, _ in graph.subject_objects(DK.deadline)}
    rows = run(graph, "open-deadlines")
    assert with_deadline and {r["text"] for r in rows} == with_deadline
    latest = max(str(d) for d in graph.objects(None, DK.deadline))
    assert {r["deadline"] for r in run(graph, "open-deadlines", asof=latest)} == {latest}
    assert run(graph, "open-deadlines", asof="2099-01-01") == []


def test_open_deadlines_compares_at_the_deadline_precision():
    g = Graph()
    agreement = DKR["agreement/x"]
    g.add((agreement, RDFS.label, Literal("Joint Statement")))
    for n, deadline in enumerate([Literal("2019-12", datatype=XSD.gYearMonth),
                                  Literal("2019-11-30", datatype=XSD.date),
                                  Literal("2020", datatype=XSD.gYear)]):
        c = DKR[f"commitment/{n}"]
        g.add((c, RDF.type, DK.Commitment))
        g.add((c, DK.agreement, agreement))
        g.add((c, DK.text, Literal(f"clause {n}")))
        g.add((c, DK.deadline, deadline))
    assert {r["deadline"] for r in run(g, "open-deadlines", asof="2019-12-15")} == {"2019-12", "2020"}
    assert [r["deadline"] for r in run(g, "open-deadlines")] == ["2019-11-30", "2019-12", "2020"]


def test_agreements_reaffirmed(graph):
    rows = run(graph, "agreements-reaffirmed")
    links = list(graph.subject_objects(DK.reaffirms))
    assert links and len(rows) == len(links)
    labels = {str(graph.value(o, RDFS.label)) for _, o in links}
    assert {r["agreement"] for r in rows} == labels
    assert all(r["evidence"] and r["file"] for r in rows)
    only = run(graph, "agreements-reaffirmed", agreement_name="bicentennial")
    assert only and all("Bicentennial" in r["agreement"] for r in only)
