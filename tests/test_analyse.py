"""Tests of diplokg.analyse on small hand-built graphs (no spaCy, no corpus)."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest
import rdflib
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from diplokg import analyse
from diplokg.analyse import central_actors, centrality, meeting_network, person_network
from diplokg.namespace import DK, DKR


def _met(g: Graph, a, b) -> None:
    g.add((a, DK.met, b))
    g.add((b, DK.met, a))


def make_graph() -> Graph:
    """4 persons + 1 participant without dk:met, 2 countries, 2 meetings, 1 agreement,
    1 commitment, 2 topics. "Hub" met everyone; Hub and Ana share both meetings."""
    g = Graph()
    us, mx = DKR["country/us"], DKR["country/mx"]
    for c, name in ((us, "United States"), (mx, "Mexico")):
        g.add((c, RDF.type, DK.Country))
        g.add((c, RDFS.label, Literal(name)))
    persons = {
        "hub": ("Hugo Hub", us), "ana": ("Ana Alvarez", mx),
        "bea": ("Bea Blanco", mx), "cal": ("Cal Carter", us), "dan": ("Dan Doe", us),
    }
    for key, (name, country) in persons.items():
        p = DKR[f"person/{key}"]
        g.add((p, RDF.type, DK.Person))
        g.add((p, RDFS.label, Literal(name)))
        g.add((p, DK.country, country))
    P = {k: DKR[f"person/{k}"] for k in persons}
    m1, m2 = DKR["meeting/1"], DKR["meeting/2"]
    for m, members in ((m1, ("hub", "ana", "bea")), (m2, ("hub", "ana", "cal", "dan"))):
        g.add((m, RDF.type, DK.Meeting))
        for k in members:
            g.add((m, DK.participant, P[k]))
    g.add((m1, DK.date, Literal("2021-10-08", datatype=rdflib.XSD.date)))
    _met(g, P["hub"], P["ana"])
    _met(g, P["hub"], P["bea"])
    _met(g, P["hub"], P["cal"])
    agreement = DKR["agreement/1"]
    g.add((agreement, RDF.type, DK.Agreement))
    g.add((agreement, RDFS.label, Literal("Bicentennial Framework")))
    g.add((agreement, DK.commits, us))
    g.add((agreement, DK.commits, mx))
    commitment = DKR["commitment/1"]
    g.add((commitment, RDF.type, DK.Commitment))
    g.add((commitment, DK.agreement, agreement))
    g.add((commitment, DK.party, mx))
    g.add((commitment, DK.text, Literal("Mexico will reduce arms trafficking.")))
    for key, label, meetings in (("fentanyl", "Fentanyl", (m1, m2)), ("migration", "Migration", (m1,))):
        t = DKR[f"topic/{key}"]
        g.add((t, RDF.type, DK.Topic))
        g.add((t, SKOS.prefLabel, Literal(label, lang="en")))
        for m in meetings:
            g.add((t, DK.discussedAt, m))
    return g


HUB = str(DKR["person/hub"])
ANA = str(DKR["person/ana"])
BEA = str(DKR["person/bea"])
CAL = str(DKR["person/cal"])
DAN = str(DKR["person/dan"])


def test_person_network_nodes_and_attributes():
    G = person_network(make_graph())
    assert sorted(G.nodes) == sorted([HUB, ANA, BEA, CAL, DAN])
    assert G.nodes[HUB] == {"label": "Hugo Hub", "country": "United States"}
    assert G.nodes[ANA]["country"] == "Mexico"
    # Dan took part in a meeting but met nobody: isolated node, no edge
    assert G.degree(DAN) == 0


def test_person_network_weights_count_shared_meetings():
    G = person_network(make_graph())
    assert G.number_of_edges() == 3
    assert G.edges[HUB, ANA]["weight"] == 2
    assert G.edges[HUB, ANA]["meetings"] == [str(DKR["meeting/1"]), str(DKR["meeting/2"])]
    assert G.edges[HUB, BEA]["weight"] == 1
    assert G.edges[HUB, CAL]["meetings"] == [str(DKR["meeting/2"])]
    # Ana and Bea were in the same meeting but no dk:met links them
    assert not G.has_edge(ANA, BEA)


def test_met_without_shared_meeting_has_weight_one():
    g = Graph()
    a, b = DKR.a, DKR.b
    for p in (a, b):
        g.add((p, RDF.type, DK.Person))
    g.add((a, DK.met, b))  # one direction only
    G = person_network(g)
    assert G.edges[str(a), str(b)] == {"weight": 1, "meetings": []}


def test_meeting_network_is_bipartite():
    B = meeting_network(make_graph())
    kinds = nx.get_node_attributes(B, "kind")
    assert sorted(n for n, k in kinds.items() if k == "meeting") == [
        str(DKR["meeting/1"]), str(DKR["meeting/2"])]
    assert sum(1 for k in kinds.values() if k == "person") == 5
    assert B.number_of_edges() == 7
    assert nx.is_bipartite(B)
    assert B.nodes[str(DKR["meeting/1"])]["date"] == "2021-10-08"
    # countries are not persons: a country participant does not enter the network
    g = make_graph()
    g.add((DKR["meeting/1"], DK.participant, DKR["country/us"]))
    assert meeting_network(g).number_of_edges() == 7


def test_centrality_ranks_hub_first():
    c = centrality(person_network(make_graph()))
    assert set(c[HUB]) == {"degree", "weighted_degree", "betweenness", "pagerank", "eigenvector"}
    for measure in ("degree", "weighted_degree", "betweenness", "pagerank", "eigenvector"):
        assert max(c, key=lambda n: c[n][measure]) == HUB, measure
    assert c[HUB]["weighted_degree"] == 4.0
    assert c[HUB]["degree"] == pytest.approx(3 / 4)
    assert c[DAN] == {"degree": 0.0, "weighted_degree": 0.0, "betweenness": 0.0,
                      "pagerank": pytest.approx(c[DAN]["pagerank"]), "eigenvector": 0.0}
    assert sum(v["pagerank"] for v in c.values()) == pytest.approx(1.0)
    # weight matters: Ana (2 shared meetings with Hub) outranks Bea (1)
    assert c[ANA]["pagerank"] > c[BEA]["pagerank"]


def test_centrality_empty_and_isolated_graphs():
    assert centrality(nx.Graph()) == {}
    G = nx.Graph()
    G.add_nodes_from(["x", "y"])
    c = centrality(G)
    assert c["x"]["eigenvector"] == 0.0 and c["x"]["pagerank"] == pytest.approx(0.5)
    single = centrality(nx.Graph([("a", "b")]))
    assert single["a"]["eigenvector"] == pytest.approx(2 ** -0.5)


def test_eigenvector_connected_graph_matches_networkx():
    G = nx.les_miserables_graph() if hasattr(nx, "les_miserables_graph") else nx.karate_club_graph()
    ours = centrality(G)
    ref = nx.eigenvector_centrality(G, max_iter=1000, weight="weight")
    assert all(ours[n]["eigenvector"] == pytest.approx(ref[n]) for n in G)


def test_eigenvector_falls_back_to_zero_when_not_converging(monkeypatch):
    def fail(*args, **kwargs):
        raise nx.PowerIterationFailedConvergence(1000)

    monkeypatch.setattr(analyse, "_eigenvector_values", fail)
    c = centrality(nx.path_graph(3))
    assert [c[n]["eigenvector"] for n in range(3)] == [0.0, 0.0, 0.0]
    assert c[1]["betweenness"] == 1.0


def test_centrality_is_deterministic():
    g = make_graph()
    assert centrality(person_network(g)) == centrality(person_network(g))
    assert central_actors(g, top=None) == central_actors(make_graph(), top=None)


def test_central_actors_rows():
    rows = central_actors(make_graph(), top=3)
    assert [r["rank"] for r in rows] == [1, 2, 3]
    first = rows[0]
    assert first["name"] == "Hugo Hub"
    assert first["country"] == "United States"
    assert first["meetings"] == 2
    assert first["id"] == HUB
    assert list(first)[:9] == ["rank", "name", "country", "meetings", "degree",
                               "weighted_degree", "betweenness", "pagerank", "eigenvector"]
    assert rows[1]["name"] == "Ana Alvarez"
    # rounded to 4 decimals
    assert all(round(r["pagerank"], 4) == r["pagerank"] for r in rows)
    pageranks = [r["pagerank"] for r in rows]
    assert pageranks == sorted(pageranks, reverse=True)


def test_central_actors_ties_sorted_by_name():
    g = Graph()
    for name in ("Zed", "Amy", "Max"):
        g.add((DKR[name], RDF.type, DK.Person))
        g.add((DKR[name], RDFS.label, Literal(name)))
    assert [r["name"] for r in central_actors(g)] == ["Amy", "Max", "Zed"]
    assert central_actors(Graph()) == []
    assert central_actors(make_graph(), top=0) == []
    assert len(central_actors(make_graph(), top=None)) == 5


def test_docstring_examples():
    result = doctest.testmod(analyse, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


# ------------------------------------------------------------------ bipartite, communities, brokers


def test_bipartite_centrality_counts_meetings_and_normalises_by_other_side():
    from diplokg.analyse import bipartite_centrality

    B = meeting_network(make_graph())
    scores = bipartite_centrality(B)
    assert set(scores) == set(B)
    # Hub and Ana attend both meetings: weighted degree 2, bipartite degree 2/2 meetings
    assert scores[HUB]["weighted_degree"] == 2.0 and scores[HUB]["degree"] == 1.0
    assert scores[BEA]["weighted_degree"] == 1.0 and scores[BEA]["degree"] == 0.5
    # meeting 2 has 4 of the 5 persons
    assert scores[str(DKR["meeting/2"])]["degree"] == pytest.approx(4 / 5)
    assert scores[HUB]["betweenness"] > scores[BEA]["betweenness"] == 0.0
    assert scores[HUB]["pagerank"] > scores[BEA]["pagerank"]
    assert bipartite_centrality(nx.Graph()) == {}


def test_communities_are_seeded_reproducible_and_cover_every_node():
    from diplokg.analyse import communities

    G = nx.Graph()
    G.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4"]).edges)
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3"]).edges)
    G.add_edge("a1", "b1")
    G.add_node("lonely")
    result = communities(G, seed=7)
    assert set(result) == set(G)
    assert len({result[n] for n in ("a1", "a2", "a3", "a4")}) == 1
    assert len({result[n] for n in ("b1", "b2", "b3")}) == 1
    # ids by decreasing size: the 4-clique is 1, the 3-clique 2, the isolated node 3
    assert (result["a1"], result["b1"], result["lonely"]) == (1, 2, 3)
    assert all(communities(G, seed=7) == result for _ in range(3))
    assert communities(nx.Graph()) == {}


def test_brokers_share_of_cross_side_paths():
    from diplokg.analyse import brokers, cross_ties

    # us1 - us2 - X(third country) - mx1 ; us2 - mx2
    G = nx.Graph([("us1", "us2"), ("us2", "x"), ("x", "mx1"), ("us2", "mx2")])
    nx.set_node_attributes(G, {"us1": "United States", "us2": "United States", "x": "Canada",
                               "mx1": "México", "mx2": "mexico"}, "country")
    b = brokers(G)
    # 2 US x 2 MX = 4 pairs; us2 is on the paths of (us1, mx1), (us1, mx2), (us2 is endpoint otherwise)
    assert b["us2"]["broker"] == pytest.approx(2 / 4)
    # x is on (us1, mx1) and (us2, mx1)
    assert b["x"]["broker"] == pytest.approx(2 / 4)
    assert b["us1"]["broker"] == 0.0 and b["mx2"]["broker"] == 0.0
    assert b["us2"]["cross_ties"] == 1 and b["x"]["cross_ties"] == 0 and b["mx2"]["cross_ties"] == 1
    assert cross_ties(G) == 1
    # accents and case do not matter; other sides can be chosen
    assert cross_ties(G, "canada", "MEXICO") == 1
    assert all(v["broker"] == 0.0 for v in brokers(G, "Nowhere", "Mexico").values())


def test_brokers_on_person_network():
    from diplokg.analyse import brokers

    G = person_network(make_graph())
    b = brokers(G)
    # every US–MX pair is joined through Hub or directly; Hub is on Cal's paths to Ana and Bea
    assert b[HUB]["broker"] > 0 and b[HUB]["cross_ties"] == 2
    assert b[ANA]["broker"] == 0.0 and b[ANA]["cross_ties"] == 1
