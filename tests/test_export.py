"""`diplokg export`: RDF formats round-trip, GraphML/GEXF/CSV read back, output is deterministic."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal
from rdflib.compare import isomorphic, to_canonical_graph

from diplokg.cli import main
from diplokg.export import EXPORT_FORMATS, export, export_text, to_networkx
from diplokg.namespace import DK, DKR

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


def small_graph() -> Graph:
    """Two persons who met, a meeting with date, evidence (quotes, newline), a topic, a blank node."""
    g = Graph()
    ana, bo, meeting, doc, topic = (DKR["person/ana"], DKR["person/bo"], DKR["meeting/m1"],
                                    DKR["document/d1"], DKR["topic/migration"])
    for person, name in ((ana, "Ana Álvarez"), (bo, 'Bo "the" Boss')):
        g.add((person, RDF.type, DK.Person))
        g.add((person, RDFS.label, Literal(name)))
        g.add((person, DK.mentionedIn, doc))
    g.add((ana, SKOS.altLabel, Literal("A. Álvarez")))
    g.add((ana, DK.met, bo))
    g.add((bo, DK.met, ana))
    g.add((meeting, RDF.type, DK.Meeting))
    g.add((meeting, RDFS.label, Literal("Meeting, 2021-10-08")))
    g.add((meeting, DK.date, Literal("2021-10-08", datatype=XSD.date)))
    g.add((meeting, DK.participant, ana))
    g.add((meeting, DK.participant, bo))
    g.add((meeting, DK.host, ana))
    g.add((meeting, DK.source, doc))
    g.add((meeting, DK.evidence, Literal("Ana met Bo,\nsaid \"hello\".")))
    g.add((meeting, DK.evidence, Literal("A second sentence.")))
    g.add((doc, RDF.type, DK.Document))
    g.add((doc, DK.fileName, Literal("d1.txt")))
    g.add((topic, RDF.type, DK.Topic))
    g.add((topic, RDF.type, SKOS.Concept))
    g.add((topic, SKOS.prefLabel, Literal("Migration", lang="en")))
    g.add((topic, DK.discussedAt, meeting))
    note = BNode()
    g.add((meeting, RDFS.comment, note))
    g.add((note, RDFS.label, Literal("a blank node")))
    return g


def object_triples(graph: Graph) -> set:
    return {(s, p, o) for s, p, o in graph if p != RDF.type and not isinstance(o, Literal)}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def graph_file(tmp_path) -> Path:
    path = tmp_path / "graph.ttl"
    small_graph().serialize(destination=path, format="turtle")
    return path


@pytest.fixture(scope="module")
def seed_graph(seed_graph_dir) -> Graph:
    return Graph().parse(seed_graph_dir[1] / "graph.ttl")


def shuffled(graph: Graph, seed: int) -> Graph:
    """The same triples inserted in another order (the store's iteration order changes)."""
    triples = sorted(graph, key=str)
    random.Random(seed).shuffle(triples)
    copy = Graph()
    for triple in triples:
        copy.add(triple)
    return copy


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_formats_round_trip(fmt, graph_file):
    result = run("export", "--graph", str(graph_file), "--format", fmt)
    assert result.exit_code == 0, result.output
    back = Graph().parse(data=result.output, format=RDF_FORMATS[fmt])
    assert isomorphic(back, small_graph())


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_formats_round_trip_on_seed(fmt, seed_graph):
    back = Graph().parse(data=export_text(seed_graph, fmt), format=RDF_FORMATS[fmt])
    assert isomorphic(back, seed_graph)


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "csv"])
def test_output_is_deterministic(fmt, seed_graph):
    texts = {export_text(shuffled(seed_graph, seed), fmt) for seed in (1, 2)}
    texts.add(export_text(seed_graph, fmt))
    assert len(texts) == 1


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "csv"])
def test_blank_nodes_do_not_break_determinism(fmt, graph_file):
    """Blank node labels change with every parse; the export must not."""
    assert len({export_text(Graph().parse(graph_file), fmt) for _ in range(2)}) == 1


def test_csv_is_deterministic(seed_graph, tmp_path):
    export(shuffled(seed_graph, 1), "csv", tmp_path / "a")
    export(shuffled(seed_graph, 2), "csv", tmp_path / "b")
    for name in ("nodes.csv", "edges.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def expected_nodes(graph: Graph) -> set[str]:
    graph = to_canonical_graph(graph)
    nodes = set()
    for s, p, o in graph:
        nodes.add(f"_:{s}" if isinstance(s, BNode) else str(s))
        if p != RDF.type and not isinstance(o, Literal):
            nodes.add(f"_:{o}" if isinstance(o, BNode) else str(o))
    return nodes


def check_network(network, graph: Graph) -> None:
    assert set(network.nodes) == expected_nodes(graph)
    assert network.number_of_edges() == len(object_triples(graph))
    predicates = sorted(data["predicate"] for _, _, data in network.edges(data=True))
    assert predicates.count("dk:met") == len(set(graph.subject_objects(DK.met)))
    for person in graph.subjects(RDF.type, DK.Person):
        data = network.nodes[str(person)]
        assert data["label"] == str(graph.value(person, RDFS.label))
        assert data["type"] == "Person"


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_read_back(fmt, reader, graph_file, tmp_path):
    out = tmp_path / f"g.{fmt}"
    result = run("export", "--graph", str(graph_file), "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    network = reader(out)
    check_network(network, small_graph())
    meeting = network.nodes[str(DKR["meeting/m1"])]
    assert meeting["date"] == "2021-10-08"
    assert meeting["evidence"] == 'A second sentence. | Ana met Bo,\nsaid "hello".'
    assert network.nodes[str(DKR["topic/migration"])]["type"] == "Topic"
    assert network.nodes[str(DKR["person/ana"])]["skos_altLabel"] == "A. Álvarez"


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_on_seed(fmt, reader, seed_graph, tmp_path):
    out = tmp_path / f"seed.{fmt}"
    export(seed_graph, fmt, out)
    check_network(reader(out), seed_graph)


def test_gexf_has_no_date_stamp(graph_file):
    assert "lastmodifieddate" not in run("export", "--graph", str(graph_file), "--format", "gexf").output


def test_networkx_view_is_a_multigraph():
    network = to_networkx(small_graph())
    ana, meeting = str(DKR["person/ana"]), str(DKR["meeting/m1"])
    assert sorted(d["predicate"] for d in network.get_edge_data(meeting, ana).values()) == ["dk:host", "dk:participant"]


def test_csv_tables(graph_file, tmp_path):
    folder = tmp_path / "tables"
    result = run("export", "--graph", str(graph_file), "--format", "csv", "--out", str(folder))
    assert result.exit_code == 0, result.output
    with open(folder / "nodes.csv", newline="", encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with open(folder / "edges.csv", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        edges = list(reader)
    graph = small_graph()
    assert list(nodes[0])[:3] == ["id", "label", "type"]
    assert header == ["source", "target", "predicate"]
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) and set(ids) == expected_nodes(graph)
    assert len(edges) == len(object_triples(graph))
    assert all(source in ids and target in ids for source, target, _ in edges)
    by_id = {n["id"]: n for n in nodes}
    assert by_id[str(DKR["person/bo"])]["label"] == 'Bo "the" Boss'
    assert by_id[str(DKR["meeting/m1"])]["evidence"] == 'A second sentence. | Ana met Bo,\nsaid "hello".'
    assert [str(DKR["person/ana"]), str(DKR["person/bo"]), "dk:met"] in edges


def test_out_file_equals_stdout(graph_file, tmp_path):
    out = tmp_path / "g.ttl"
    assert run("export", "--graph", str(graph_file), "--format", "turtle", "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == run("export", "--graph", str(graph_file), "--format", "turtle").output


@pytest.mark.parametrize("args", [
    ["--format", "csv"],
    ["--format", "turtle", "--out", "missing-folder/g.ttl"],
    ["--format", "xml"],
])
def test_export_usage_errors(args, graph_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--graph", str(graph_file), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_export_missing_graph(tmp_path):
    result = run("export", "--graph", str(tmp_path / "nowhere"), "--format", "nt")
    assert result.exit_code == 2 and result.output.startswith("Error: no graph at")
