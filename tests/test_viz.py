"""Tests of the network page's content, large-graph reduction, views and ``diplokg viz``."""

from __future__ import annotations

import json
import random
import re

import pytest
from click.testing import CliRunner
import rdflib
from rdflib import RDF, RDFS, Graph, Literal

from diplokg import render
from diplokg.cli import main
from diplokg.errors import DateFormatError, FocusNotFoundError, ViewError
from diplokg.graph import serialize
from diplokg.namespace import DK, DKR
from diplokg.render import (
    MAX_NODES,
    limit_network,
    network_data,
    subgraph_for_view,
    write_network_html,
)
from test_render import make_graph

IMG = "<img src=x onerror=alert(1)>"


def _page_data(text: str, name: str) -> list[dict]:
    """The JSON array a page assigns to ``var <name> = [...];``."""
    match = re.search(rf"var {name} = (\[.*?\]);\n", text)
    assert match, name
    return json.loads(match.group(1))


def synthetic_graph(persons: int = 1200, meetings: int = 2500, agreements: int = 150,
                    seed: int = 7) -> Graph:
    """A random graph of several thousand nodes (persons, meetings, agreements, commitments)."""
    rng = random.Random(seed)
    g = Graph()
    countries = [DKR[f"country/c{i}"] for i in range(10)]
    for i, c in enumerate(countries):
        g.add((c, RDF.type, DK.Country))
        g.add((c, RDFS.label, Literal(f"Country {i}")))
    people = [DKR[f"person/p{i}"] for i in range(persons)]
    for i, p in enumerate(people):
        g.add((p, RDF.type, DK.Person))
        g.add((p, RDFS.label, Literal(f"Person {i}")))
        g.add((p, DK.country, rng.choice(countries)))
    for j in range(meetings):
        m = DKR[f"meeting/m{j}"]
        g.add((m, RDF.type, DK.Meeting))
        g.add((m, DK.date, Literal(f"20{10 + j % 14}-0{1 + j % 9}-1{j % 9}", datatype=rdflib.XSD.date)))
        group = rng.sample(people, 3)
        for p in group:
            g.add((m, DK.participant, p))
        g.add((group[0], DK.met, group[1]))
        g.add((group[1], DK.met, group[0]))
    for k in range(agreements):
        a = DKR[f"agreement/a{k}"]
        g.add((a, RDF.type, DK.Agreement))
        g.add((a, RDFS.label, Literal(f"Agreement {k}")))
        for c in rng.sample(countries, 2):
            g.add((a, DK.commits, c))
        for q in range(2):
            c = DKR[f"commitment/a{k}-{q}"]
            g.add((c, RDF.type, DK.Commitment))
            g.add((c, DK.agreement, a))
            g.add((c, DK.party, countries[q]))
            g.add((c, DK.text, Literal(f"Country {q} will act on item {k}.")))
    return g


# ------------------------------------------------------------------ network content


def test_agreements_and_commitments_are_drawn_with_details():
    nodes = {n["id"]: n for n in network_data(make_graph())[0]}
    agreement = nodes[str(DKR["agreement/1"])]
    assert "Commits: Mexico, United States" in agreement["title"]
    assert "Commitments: 1" in agreement["title"]
    commitment = nodes[str(DKR["commitment/1"])]
    assert commitment["type"] == "commitment"
    assert commitment["label"].startswith("Mexico will reduce arms")
    for line in ("Agreement: Bicentennial Framework", "Party: Mexico", "Modality: firm",
                 "Deadline: 2022-12-31", "Text: “Mexico will reduce arms | trafficking at the border.”"):
        assert line in commitment["title"].splitlines(), line


def test_non_person_size_grows_with_connections():
    nodes = {n["id"]: n for n in network_data(make_graph())[0]}
    fentanyl = nodes[str(DKR["topic/fentanyl"])]          # discussed at 2 meetings
    migration = nodes[str(DKR["topic/migration"])]        # discussed at 1
    assert fentanyl["degree"] == 2 and migration["degree"] == 1
    assert fentanyl["size"] > migration["size"]


def test_hostile_img_label_is_escaped_everywhere(tmp_path):
    g = make_graph()
    g.set((DKR["person/ana"], RDFS.label, Literal(IMG)))
    g.add((DKR["meeting/1"], DK.evidence, Literal(f"She said {IMG} & left")))
    g.set((DKR["commitment/1"], DK.text, Literal(IMG)))
    nodes = {n["id"]: n for n in network_data(g)[0]}
    assert nodes[str(DKR["person/ana"])]["title"].startswith("&lt;img src=x onerror=alert(1)&gt;")
    path = tmp_path / "network.html"
    write_network_html(g, path, subtitle=IMG)
    page = path.read_text(encoding="utf-8")
    assert "<img" not in page
    # every occurrence of the payload is in an escaped form (HTML entity or JSON \\u escape)
    found = re.findall(r"(.{0,12})img src=x onerror=alert\(1\)", page)
    assert len(found) >= 4
    assert all(prefix.endswith(("&lt;", "\\u003c", "\\u0026lt;")) for prefix in found), found
    shown = {n["id"]: n for n in _page_data(page, "nodeData")}
    # the label is data for a canvas (never HTML); the tooltip is escaped text
    assert shown[str(DKR["person/ana"])]["label"] == IMG
    assert "&lt;img" in shown[str(DKR["person/ana"])]["title"]


def test_person_country_colour_for_toggle():
    nodes = {n["id"]: n for n in network_data(make_graph())[0]}
    ana, hub = nodes[str(DKR["person/ana"])], nodes[str(DKR["person/hub"])]
    assert ana["countryColour"] == ana["color"]["border"] == render.FIXED_COUNTRY_BORDERS["Mexico"]
    assert hub["countryColour"] == render.FIXED_COUNTRY_BORDERS["United States"]


def test_page_has_legend_toggle_and_exposes_network(tmp_path):
    path = tmp_path / "network.html"
    stats = write_network_html(make_graph(), path)
    page = path.read_text(encoding="utf-8")
    assert 'id="colour-by-country"' in page and 'id="search"' in page
    assert "window.diplokgNetwork = network" in page
    assert stats["nodes"] == len(_page_data(page, "nodeData")) == len(network_data(make_graph())[0])
    assert stats["note"] is None and 'id="large-graph-note"' not in page
    assert '"randomSeed":42' in page


# ------------------------------------------------------------------ large graphs


@pytest.fixture(scope="module")
def big_graph() -> Graph:
    return synthetic_graph()


def test_large_graph_is_capped_and_says_so(big_graph, tmp_path):
    all_nodes, _ = network_data(big_graph, centrality={})
    assert len(all_nodes) > 4000
    path = tmp_path / "big.html"
    stats = write_network_html(big_graph, path)
    page = path.read_text(encoding="utf-8")
    nodes = _page_data(page, "nodeData")
    edges = _page_data(page, "edgeData")
    assert stats["nodes"] == len(nodes) == MAX_NODES
    assert stats["total_nodes"] == len(all_nodes)
    assert 'id="large-graph-note"' in page and f"showing {MAX_NODES} of {len(all_nodes)} nodes" in page
    kinds = {}
    for node in nodes:
        kinds[node["type"]] = kinds.get(node["type"], 0) + 1
    assert "commitment" not in kinds                          # folded into agreements
    assert kinds["country"] == 10 and kinds["agreement"] == 150
    assert kinds["person"] > 0 and kinds["meeting"] > 0       # both groups get a share
    ids = {n["id"] for n in nodes}
    assert edges and all(e["from"] in ids and e["to"] in ids for e in edges)
    # precomputed layout, physics off
    assert all("x" in n and "y" in n for n in nodes)
    assert '"physics":{"enabled":false}' in page and '"improvedLayout":false' in page


def test_limit_keeps_best_connected_and_is_deterministic(tmp_path):
    graph = synthetic_graph(persons=300, meetings=500, agreements=20)
    nodes, edges = network_data(graph, centrality={})
    kept, kept_edges, note = limit_network(nodes, edges, max_nodes=600)
    assert len(nodes) > 600 and len(kept) == 600 and note
    meetings = [n for n in nodes if n["type"] == "meeting"]
    kept_meetings = [n for n in kept if n["type"] == "meeting"]
    assert kept_meetings
    assert min(n["degree"] for n in kept_meetings) >= max(
        n["degree"] for n in meetings if n not in kept_meetings)
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_network_html(graph, a, max_nodes=600)
    write_network_html(graph, b, max_nodes=600)
    assert a.read_bytes() == b.read_bytes()


def test_small_graph_is_not_reduced():
    nodes, edges = network_data(make_graph())
    assert limit_network(nodes, edges) == (nodes, edges, None)


# ------------------------------------------------------------------ views


def _types(g: Graph) -> dict[str, str]:
    return {n["id"]: n["type"] for n in network_data(g, centrality={})[0]}


def test_view_focus_depth():
    g = make_graph()
    one = _types(subgraph_for_view(g, focus="dan doe", depth=1))
    assert set(one) == {str(DKR["person/dan"]), str(DKR["meeting/2"])}
    two = _types(subgraph_for_view(g, focus="Dan Doe", depth=2))
    assert str(DKR["person/hub"]) in two and str(DKR["topic/fentanyl"]) in two
    assert str(DKR["meeting/1"]) not in two
    zero = _types(subgraph_for_view(g, focus="Dan Doe", depth=0))
    assert set(zero) == {str(DKR["person/dan"])}


def test_view_focus_accents_and_suggestions():
    g = make_graph()
    g.set((DKR["person/ana"], RDFS.label, Literal("Ana Álvarez")))
    assert str(DKR["person/ana"]) in _types(subgraph_for_view(g, focus="ana alvarez"))
    with pytest.raises(FocusNotFoundError, match="did you mean: Ana Álvarez"):
        subgraph_for_view(g, focus="Ana Alvares")


def test_view_types_and_errors():
    g = make_graph()
    kinds = set(_types(subgraph_for_view(g, types=["person", "meeting"])).values())
    assert kinds == {"person", "meeting"}
    with pytest.raises(ViewError, match="valid types: person"):
        subgraph_for_view(g, types=["persons"])
    with pytest.raises(DateFormatError, match="takes YYYY"):
        subgraph_for_view(g, since="2021-02-30")
    with pytest.raises(DateFormatError, match="after"):
        subgraph_for_view(g, since="2022", until="2021")


def test_view_period_keeps_dated_meetings_and_their_neighbours():
    g = make_graph()
    view = _types(subgraph_for_view(g, since="2021-10", until="2021"))
    assert str(DKR["meeting/1"]) in view                      # 2021-10-08
    assert str(DKR["meeting/2"]) not in view                  # undated
    assert str(DKR["person/dan"]) not in view                 # only at meeting 2
    assert str(DKR["person/ana"]) in view
    # the agreement is undated: kept, with its commitment
    assert str(DKR["agreement/1"]) in view and str(DKR["commitment/1"]) in view
    assert _types(subgraph_for_view(g, since="2022")).keys().isdisjoint({str(DKR["meeting/1"])})


def test_view_page_says_which_period_it_shows(tmp_path):
    stats = render.write_view(make_graph(), tmp_path / "v.html", since="2021-10", until="2021")
    assert stats["view"] == "View period: 2021-10-01 to 2021-12-31"
    assert "2021-10-01 to 2021-12-31" in (tmp_path / "v.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ CLI


@pytest.fixture()
def built(tmp_path):
    (tmp_path / "graph.ttl").write_bytes(serialize(make_graph()))
    return tmp_path


def test_cli_viz_default_and_view(built, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["viz", "--graph", str(built)])
    assert result.exit_code == 0, result.output
    assert (built / "viz.html").exists() and "nodes" in result.output
    out = tmp_path / "out" / "dan.html"
    result = runner.invoke(main, ["viz", "--graph", str(built), "--focus", "Dan Doe",
                                  "--depth", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "2 nodes" in result.output
    assert len(_page_data(out.read_text(encoding="utf-8"), "nodeData")) == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--focus", "Nobody Here"], "no node named"),
        (["--focus", "Dan Do"], None),                          # substring: fine
        (["--types", "person,meetng"], "valid types: person, country"),
        (["--since", "2021-13"], "--since takes YYYY"),
        (["--until", "yesterday"], "--until takes YYYY"),
    ],
)
def test_cli_viz_bad_input(built, args, message):
    result = CliRunner().invoke(main, ["viz", "--graph", str(built), *args])
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
