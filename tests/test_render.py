"""Tests of diplokg.render: network data and the offline HTML page."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

import pyvis
from diplokg import render
from diplokg.namespace import DK, DKR
from diplokg.render import network_data, write_network_html

HOSTILE = "<script>alert(1)</script>"
VIS_DIR = Path(os.path.dirname(pyvis.__file__)) / "templates" / "lib" / "vis-9.1.2"


def _met(g: Graph, a, b) -> None:
    g.add((a, DK.met, b))
    g.add((b, DK.met, a))


def make_graph() -> Graph:
    """4 persons + 1 participant without dk:met, 2 countries, 2 documents, 2 meetings,
    1 agreement, 1 commitment, 2 topics, 1 city. "Hugo Hub" met everyone."""
    g = Graph()
    us, mx = DKR["country/us"], DKR["country/mx"]
    for c, name in ((us, "United States"), (mx, "Mexico")):
        g.add((c, RDF.type, DK.Country))
        g.add((c, RDFS.label, Literal(name)))
    docs = {}
    for key in ("000_aaa.txt", "001_bbb.txt"):
        d = DKR[f"doc/{key}"]
        g.add((d, RDF.type, DK.Document))
        g.add((d, DK.fileName, Literal(key)))
        docs[key] = d
    people = {
        "hub": ("Hugo Hub", us), "ana": ("Ana Alvarez", mx),
        "bea": ("Bea Blanco", mx), "cal": ("Cal Carter", us), "dan": ("Dan Doe", us),
    }
    P = {}
    for key, (name, country) in people.items():
        p = P[key] = DKR[f"person/{key}"]
        g.add((p, RDF.type, DK.Person))
        g.add((p, RDFS.label, Literal(name)))
        g.add((p, DK.country, country))
    g.add((P["hub"], DK.title, Literal("Secretary of State")))
    city = DKR["city/mexico-city"]
    g.add((city, RDF.type, DK.City))
    g.add((city, RDFS.label, Literal("Mexico City")))
    m1, m2 = DKR["meeting/1"], DKR["meeting/2"]
    for m, members in ((m1, ("hub", "ana", "bea")), (m2, ("hub", "ana", "cal", "dan"))):
        g.add((m, RDF.type, DK.Meeting))
        for k in members:
            g.add((m, DK.participant, P[k]))
    g.add((m1, DK.date, Literal("2021-10-08", datatype=rdflib.XSD.date)))
    g.add((m1, DK.status, Literal("held")))
    g.add((m1, DK.kind, Literal("bilateral talks")))
    g.add((m1, DK.location, city))
    g.add((m1, DK.source, docs["000_aaa.txt"]))
    g.add((m1, DK.source, docs["001_bbb.txt"]))
    for i in range(5):
        g.add((m1, DK.evidence, Literal(f"Sentence {i} " + "x" * 400)))
    g.add((m2, DK.status, Literal("planned")))
    g.add((m2, DK.dateText, Literal("next spring")))
    _met(g, P["hub"], P["ana"])
    _met(g, P["hub"], P["bea"])
    _met(g, P["hub"], P["cal"])
    agreement = DKR["agreement/1"]
    g.add((agreement, RDF.type, DK.Agreement))
    g.add((agreement, RDFS.label, Literal("Bicentennial Framework")))
    g.add((agreement, DK.commits, us))
    g.add((agreement, DK.commits, mx))
    g.add((agreement, DK.source, docs["001_bbb.txt"]))
    commitment = DKR["commitment/1"]
    g.add((commitment, RDF.type, DK.Commitment))
    g.add((commitment, DK.agreement, agreement))
    g.add((commitment, DK.party, mx))
    g.add((commitment, DK.modality, Literal("firm")))
    g.add((commitment, DK.deadline, Literal("2022-12-31", datatype=rdflib.XSD.date)))
    g.add((commitment, DK.text, Literal("Mexico will reduce arms | trafficking\nat the border.")))
    for key, label, meetings in (("fentanyl", "Fentanyl", (m1, m2)), ("migration", "Migration", (m1,))):
        t = DKR[f"topic/{key}"]
        g.add((t, RDF.type, DK.Topic))
        g.add((t, SKOS.prefLabel, Literal(label, lang="en")))
        for m in meetings:
            g.add((t, DK.discussedAt, m))
    return g


def hostile_graph() -> Graph:
    g = make_graph()
    evil = DKR["person/evil"]
    g.add((evil, RDF.type, DK.Person))
    g.add((evil, RDFS.label, Literal(HOSTILE)))
    g.add((DKR["meeting/2"], DK.participant, evil))
    g.add((DKR["meeting/2"], DK.evidence, Literal('Said "</script><img src=x onerror=alert(2)>" & left.')))
    return g


def _by_id(items):
    return {item["id"]: item for item in items}


# ------------------------------------------------------------------ network_data


def test_network_data_nodes_and_types():
    nodes, _ = network_data(make_graph())
    types = {n["id"]: n["type"] for n in nodes}
    assert types == {
        str(DKR["agreement/1"]): "agreement",
        str(DKR["city/mexico-city"]): "city",
        str(DKR["commitment/1"]): "commitment",
        str(DKR["country/mx"]): "country",
        str(DKR["country/us"]): "country",
        str(DKR["meeting/1"]): "meeting",
        str(DKR["meeting/2"]): "meeting",
        **{str(DKR[f"person/{k}"]): "person" for k in ("ana", "bea", "cal", "dan", "hub")},
        str(DKR["topic/fentanyl"]): "topic",
        str(DKR["topic/migration"]): "topic",
    }
    assert [n["id"] for n in nodes] == sorted(n["id"] for n in nodes)
    assert all(n["color"] for n in nodes)
    # documents are not drawn
    assert not any("doc/" in n["id"] for n in nodes)


def test_network_data_edges():
    _, edges = network_data(make_graph())
    triples = {(e["from"], e["label"], e["to"]) for e in edges}
    hub, ana = str(DKR["person/hub"]), str(DKR["person/ana"])
    m1 = str(DKR["meeting/1"])
    assert (ana, "met", hub) in triples
    assert (m1, "participant", hub) in triples
    assert (str(DKR["agreement/1"]), "commits", str(DKR["country/mx"])) in triples
    assert (str(DKR["topic/fentanyl"]), "discussed at", m1) in triples
    assert (m1, "location", str(DKR["city/mexico-city"])) in triples
    assert (str(DKR["commitment/1"]), "part of", str(DKR["agreement/1"])) in triples
    assert (str(DKR["commitment/1"]), "party", str(DKR["country/mx"])) in triples
    assert sum(1 for e in edges if e["label"] == "met") == 3
    met = next(e for e in edges if e["label"] == "met" and e["from"] == ana)
    assert met["value"] == 2
    keys = [(e["from"], e["to"], e["label"]) for e in edges]
    assert keys == sorted(keys)
    assert len({e["id"] for e in edges}) == len(edges)


def test_person_size_and_border():
    nodes = _by_id(network_data(make_graph())[0])
    hub = nodes[str(DKR["person/hub"])]
    dan = nodes[str(DKR["person/dan"])]
    assert hub["size"] == 40 and dan["size"] == 10
    assert all(10 <= n["size"] <= 40 for n in nodes.values() if n["type"] == "person")
    ana = nodes[str(DKR["person/ana"])]
    assert ana["color"]["border"] != hub["color"]["border"]          # Mexico vs United States
    assert ana["color"]["border"] == nodes[str(DKR["person/bea"])]["color"]["border"]
    assert "Secretary of State" in hub["title"] and "United States" in hub["title"]


def test_tooltips_escaped_and_evidence_truncated():
    nodes = _by_id(network_data(hostile_graph())[0])
    evil = nodes[str(DKR["person/evil"])]
    assert evil["title"].startswith("&lt;script&gt;alert(1)&lt;/script&gt;")
    m2 = nodes[str(DKR["meeting/2"])]["title"]
    assert "<" not in m2 and "&lt;/script&gt;" in m2 and "&amp; left" in m2
    m1 = nodes[str(DKR["meeting/1"])]["title"]
    assert "Date: 2021-10-08" in m1 and "Status: held" in m1 and "Place: Mexico City" in m1
    assert "000_aaa.txt" in m1
    sentences = [line for line in m1.splitlines() if line.startswith("“Sentence")]
    assert len(sentences) == 3
    assert all(len(s) <= 302 for s in sentences)   # 300 chars + quotes
    assert "(+2 more)" in m1


def test_given_centrality_is_used():
    g = make_graph()
    scores = {str(DKR["person/dan"]): {"pagerank": 1.0}, str(DKR["person/hub"]): {"pagerank": 0.0}}
    nodes = _by_id(network_data(g, centrality=scores)[0])
    assert nodes[str(DKR["person/dan"])]["size"] == 40
    assert nodes[str(DKR["person/hub"])]["size"] == 10


# ------------------------------------------------------------------ HTML


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("html") / "network.html"
    write_network_html(hostile_graph(), path, title="Test <network>")
    return path.read_text(encoding="utf-8")


def test_html_inlines_vis_network(page):
    assert "vis-network" in page
    assert "new vis.Network" in page
    assert (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8") in page
    assert (VIS_DIR / "vis-network.css").read_text(encoding="utf-8") in page
    assert '"randomSeed":42' in page


def test_html_loads_nothing_external(page):
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?\s*(https?:)?//", page, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", page, re.I)
    # outside the inlined library the only URLs are the graph's own IRIs (node ids)
    rest = page.replace((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"), "")
    rest = rest.replace((VIS_DIR / "vis-network.css").read_text(encoding="utf-8"), "")
    urls = re.findall(r"https?://[^\"'\s\\)<]+", rest)
    assert urls and all(u.startswith(str(DKR)) for u in urls)


def test_html_escapes_hostile_text(page):
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == 2     # only the two script elements of the page
    assert "<title>Test &lt;network&gt;</title>" in page


def test_html_lists_every_node_and_has_controls(page):
    nodes, edges = network_data(hostile_graph())
    for node in nodes:
        assert f'"id":"{node["id"]}"' in page
    assert len(edges) > 0 and '"label":"discussed at"' in page
    assert 'id="search"' in page and 'type="checkbox"' in page
    for key, (label, colour, _shape, _size) in render.NODE_TYPES.items():
        assert f'data-type="{key}"' in page and colour in page


def test_html_byte_identical(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_network_html(make_graph(), a)
    write_network_html(make_graph(), b)
    assert a.read_bytes() == b.read_bytes()


def test_html_empty_graph(tmp_path):
    path = tmp_path / "sub" / "empty.html"
    write_network_html(Graph(), path)
    text = path.read_text(encoding="utf-8")
    assert "var nodeData = [];" in text and "new vis.Network" in text


def test_html_written_atomically(tmp_path, monkeypatch):
    path = tmp_path / "network.html"
    path.write_text("old", encoding="utf-8")
    write_network_html(make_graph(), path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["network.html"]

    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_network_html(make_graph(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["network.html"]


def test_docstring_examples():
    result = doctest.testmod(render)
    assert result.attempted > 0
    assert result.failed == 0
