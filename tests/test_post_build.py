"""The cheap post-extraction stages: fast Brandes betweenness (networkx's values to the bit),
seeded broker estimates, NumPy PageRank, shared analysis within a build, a large network page
that decorates only the nodes it shows, and the store loaded in a child process."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from rdflib import Graph

from diplokg import analyse, render
from diplokg.analyse import (
    _betweenness, _pagerank, _subset_betweenness, brokers, person_network, shared_analysis,
)
from diplokg.store import MANIFEST, StoreWriter, store_for


def random_graph(seed: int, n: int = 80, m: int = 160) -> nx.Graph:
    G = nx.gnm_random_graph(n, m, seed=seed)
    G = nx.relabel_nodes(G, {i: f"p{i:03d}" for i in G})
    G.add_node("alone")
    G.add_edges_from([("x1", "x2"), ("x2", "x3"), ("p001", "p001")])  # a second component, a loop
    return G


@pytest.mark.parametrize("seed", range(4))
def test_betweenness_is_networkx_to_the_bit(seed):
    G = random_graph(seed)
    assert _betweenness(G, None) == nx.betweenness_centrality(G, normalized=True)
    assert _betweenness(G, 25, seed) == nx.betweenness_centrality(G, k=25, normalized=True, seed=seed)


@pytest.mark.parametrize("seed", range(4))
def test_subset_betweenness_is_networkx_to_the_bit(seed):
    G = random_graph(seed)
    nodes = sorted(G)
    sources, targets = nodes[:20], nodes[15:50]  # overlapping on purpose
    expected = nx.betweenness_centrality_subset(G, sources=sources, targets=targets, normalized=False)
    assert _subset_betweenness(G, sources, targets) == expected


def sided_graph(seed: int) -> nx.Graph:
    G = random_graph(seed, n=150, m=400)
    countries = {n: ("United States" if i % 3 == 0 else "Mexico" if i % 3 == 1 else "Canada")
                 for i, n in enumerate(sorted(G))}
    nx.set_node_attributes(G, countries, "country")
    return G


def reference_brokers(G: nx.Graph) -> dict:
    us = sorted(n for n, d in G.nodes(data=True) if d["country"] == "United States")
    mx = sorted(n for n, d in G.nodes(data=True) if d["country"] == "Mexico")
    raw = nx.betweenness_centrality_subset(G, sources=us, targets=mx, normalized=False)
    return {n: 2.0 * v / (len(us) * len(mx)) for n, v in raw.items()}


def test_brokers_exact_below_the_threshold():
    G = sided_graph(1)
    expected = reference_brokers(G)
    found = brokers(G)
    assert all(found[n]["broker"] == pytest.approx(expected[n], abs=1e-9) for n in G)


def test_brokers_estimated_from_seeded_sources_above_it(monkeypatch):
    G = sided_graph(2)
    expected = reference_brokers(G)
    monkeypatch.setattr(analyse, "BROKER_SOURCES", 20)
    one, again, other = brokers(G, seed=0), brokers(G, seed=0), brokers(G, seed=1)
    assert one == again  # deterministic for a seed
    assert one != other  # and the seed is used
    assert [one[n]["cross_ties"] for n in G] == [brokers(G)[n]["cross_ties"] for n in G]
    # an estimate of the same scores: the total stays close
    assert sum(v["broker"] for v in one.values()) == pytest.approx(sum(expected.values()), rel=0.25)


def test_numpy_pagerank_matches_networkx():
    G = random_graph(3)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = 1 + (len(u) + len(v)) % 3
    ours = _pagerank(G)
    reference = _pagerank_python(G, weight="weight", max_iter=1000)
    assert all(ours[n] == pytest.approx(reference[n], abs=1e-9) for n in G)


def test_shared_analysis_computes_once_inside_the_block_only(seed_graph_dir):
    graph = Graph().parse(seed_graph_dir[1] / "graph.ttl")
    assert person_network(graph) is not person_network(graph)
    with shared_analysis():
        first = person_network(graph)
        with shared_analysis():  # nested blocks share the outer one
            assert person_network(graph) is first
        assert analyse.communities(first, seed=0) is analyse.communities(first, seed=0)
        assert analyse.communities(first, seed=1) is not analyse.communities(first, seed=0)
    assert person_network(graph) is not first


def page_nodes(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(r"var nodeData = (\[.*?\]);\n", text).group(1))


def test_large_page_decorates_only_what_it_shows_and_is_unchanged(seed_graph_dir, tmp_path, monkeypatch):
    graph = Graph().parse(seed_graph_dir[1] / "graph.ttl")
    lazy = tmp_path / "lazy.html"
    stats = render.write_network_html(graph, lazy, max_nodes=12)
    assert stats["note"] and stats["nodes"] <= 12 < stats["total_nodes"]

    # the former way: every node fully decorated, then reduced
    parts = render._network_parts

    def decorated_first(graph, centrality):
        skeleton, edges, decorate = parts(graph, centrality)
        return [decorate(node) for node in skeleton], edges, lambda node: node

    monkeypatch.setattr(render, "_network_parts", decorated_first)
    eager = tmp_path / "eager.html"
    render.write_network_html(graph, eager, max_nodes=12)
    assert lazy.read_bytes() == eager.read_bytes()
    assert len(page_nodes(lazy)) == stats["nodes"]


def test_store_writer_finish_and_abandon(seed_graph_dir, tmp_path):
    data = (seed_graph_dir[1] / "graph.ttl").read_bytes()
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_bytes(data)
    writer = StoreWriter(data, tmp_path / "store", prefix=".build-store-")
    assert writer.staging.name.startswith(".build-store-")
    folder = writer.finish(graph_file)
    assert store_for(graph_file) == folder and (folder / MANIFEST).is_file()
    assert not list(tmp_path.glob(".build-store-*"))
    StoreWriter(data, tmp_path / "other").abandon()
    assert not (tmp_path / "other").exists() and not list(tmp_path.glob(".other-*"))


def test_store_writer_reports_a_failed_load(tmp_path):
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_bytes(b"this is not turtle")
    with pytest.raises(OSError, match="cannot write the Oxigraph store"):
        StoreWriter(graph_file.read_bytes(), tmp_path / "store").finish(graph_file)
    assert not (tmp_path / "store").exists() and not list(tmp_path.glob(".store-*"))


def test_report_says_when_scores_are_estimated(seed_graph_dir, monkeypatch):
    from diplokg import report

    graph = Graph().parse(seed_graph_dir[1] / "graph.ttl")
    text = report.report_markdown(graph)
    assert "estimated" not in text.lower()  # the seed network is small: exact scores
    for module in (analyse, report):
        monkeypatch.setattr(module, "BROKER_SOURCES", 1)
        monkeypatch.setattr(module, "BETWEENNESS_EXACT_MAX", 2)
    text = report.report_markdown(graph)
    assert "Betweenness is estimated from" in text
    assert "Estimated from the paths of 1 of the" in text
