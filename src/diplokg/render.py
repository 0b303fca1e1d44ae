"""Render a diplokg graph: a self-contained interactive network page.

- :func:`network_data` turns the RDF graph into vis-network node and edge dicts;
- :func:`write_network_html` writes an HTML page that works from ``file://`` without internet:
  vis-network's JavaScript and CSS (shipped inside pyvis) are inlined, nothing is fetched;
- the Markdown report is :func:`diplokg.report.report_markdown`.

All text that comes from documents (labels, evidence sentences, commitment clauses) is treated
as untrusted: tooltips are HTML-escaped, the data is embedded as JSON with ``<``, ``>`` and ``&``
escaped. Output is deterministic: the same graph gives byte-identical files.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import jinja2
import pyvis
from pyvis.network import Network
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node
from unidecode import unidecode

from diplokg.analyse import (
    _first_literal,
    _label,
    _local_name,
    _participants,
    _pagerank,
    _person_meetings,
    person_network,
    shared_analysis,
)
from diplokg.atomic import write_atomically
from diplokg.errors import FocusNotFoundError, ViewError
from diplokg.periods import overlaps, parse_period
from diplokg.namespace import DK

__all__ = [
    "MAX_NODES",
    "NODE_TYPES",
    "find_nodes",
    "limit_network",
    "network_data",
    "subgraph_for_view",
    "vis_options",
    "write_network_html",
    "write_view",
]

#: Node types in legend order: key -> (legend label, colour, shape, size).
NODE_TYPES: dict[str, tuple[str, str, str, int]] = {
    "person": ("Person", "#4E79A7", "dot", 20),
    "country": ("Country", "#F28E2B", "diamond", 28),
    "organization": ("Organization", "#76B7B2", "hexagon", 16),
    "city": ("City / place", "#B07AA1", "square", 12),
    "meeting": ("Meeting", "#E15759", "dot", 14),
    "agreement": ("Agreement", "#59A14F", "triangle", 22),
    "commitment": ("Commitment", "#9C755F", "triangleDown", 10),
    "topic": ("Topic", "#EDC948", "star", 18),
}

#: Border colours given to persons by country (countries sorted by label, colours in turn).
COUNTRY_BORDERS = (
    "#1F3B73", "#006847", "#9C1C1C", "#6A3D9A", "#B15928",
    "#0E7C7B", "#7F7F00", "#C2185B", "#37474F", "#8D6E63",
)
NO_COUNTRY_BORDER = "#888888"
#: Fixed border colours for the two main countries; other countries take COUNTRY_BORDERS in turn.
FIXED_COUNTRY_BORDERS = {"United States": "#1F3B73", "Mexico": "#006847"}

PERSON_SIZE_MIN = 10
PERSON_SIZE_MAX = 40
TOOLTIP_EVIDENCE = 3
EVIDENCE_CHARS = 300
LABEL_CHARS = 60
COMMITMENT_LABEL_CHARS = 40

VIS_DIR = "lib/vis-9.1.2"
TEMPLATE = "network.html.j2"

_TYPE_PRIORITY = (
    (DK.Person, "person"),
    (DK.Meeting, "meeting"),
    (DK.Agreement, "agreement"),
    (DK.Topic, "topic"),
    (DK.Country, "country"),
    (DK.Organization, "organization"),
    (DK.City, "city"),
    (DK.Place, "city"),
)


# ------------------------------------------------------------------ helpers


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_type(graph: Graph, node: Node, default: str) -> str:
    types = set(graph.objects(node, RDF.type))
    for cls, key in _TYPE_PRIORITY:
        if cls in types:
            return key
    return default


def _is_resource(node: Node) -> bool:
    return isinstance(node, (URIRef, BNode))


def _labels(graph: Graph, nodes: Iterable[Node]) -> list[str]:
    return sorted({_label(graph, n) for n in nodes}, key=lambda s: (s.casefold(), s))


def _file_names(graph: Graph, node: Node) -> list[str]:
    """File names of a node's dk:source documents (the IRI's tail when no dk:fileName)."""
    names = set()
    for doc in graph.objects(node, DK.source):
        name = _first_literal(graph, doc, DK.fileName)
        names.add(name if name is not None else _local_name(doc))
    return sorted(names)


def _earliest_date(graph: Graph, node: Node) -> str | None:
    """The node's earliest ``dk:date`` (ISO, possibly partial), or None."""
    return min((str(d) for d in graph.objects(node, DK.date)), default=None)


def _date_sort_key(graph: Graph, meeting: Node) -> tuple:
    earliest = _earliest_date(graph, meeting)
    return (0, earliest) if earliest else (1, "")


def _meeting_date(graph: Graph, meeting: Node) -> str:
    earliest = _earliest_date(graph, meeting)
    if earliest:
        return earliest
    text = _first_literal(graph, meeting, DK.dateText)
    return text if text else "date unknown"


def _meeting_label(graph: Graph, meeting: Node) -> str:
    """rdfs:label of a meeting, else "<kind>, <date>" (e.g. "Bilateral talks, 2021-10-08")."""
    label = _first_literal(graph, meeting, RDFS.label, SKOS.prefLabel)
    if label:
        return label
    kind = _first_literal(graph, meeting, DK.kind) or "meeting"
    return f"{kind[:1].upper()}{kind[1:]}, {_meeting_date(graph, meeting)}"


def _meeting_place(graph: Graph, meeting: Node) -> str:
    return ", ".join(_labels(graph, graph.objects(meeting, DK.location)))


def _evidence(graph: Graph, node: Node) -> list[str]:
    return sorted({str(e) for e in graph.objects(node, DK.evidence) if isinstance(e, Literal)})


def _meetings(graph: Graph) -> set[Node]:
    meetings = set(graph.subjects(RDF.type, DK.Meeting))
    meetings |= set(graph.subjects(DK.participant, None)) | set(graph.subjects(DK.host, None))
    return {m for m in meetings if _is_resource(m)}


def _agreements(graph: Graph) -> set[Node]:
    found = set(graph.subjects(RDF.type, DK.Agreement)) | set(graph.subjects(DK.commits, None))
    return {a for a in found if _is_resource(a)}


def _topics(graph: Graph) -> set[Node]:
    found = set(graph.subjects(RDF.type, DK.Topic)) | set(graph.subjects(DK.discussedAt, None))
    return {t for t in found if _is_resource(t)}


def _person_sizes(scores: dict[str, dict[str, float]], persons: Iterable[str]) -> dict[str, float]:
    """PageRank mapped linearly onto [PERSON_SIZE_MIN, PERSON_SIZE_MAX]."""
    ranks = {p: scores.get(p, {}).get("pagerank", 0.0) for p in persons}
    if not ranks:
        return {}
    low, high = min(ranks.values()), max(ranks.values())
    if high - low < 1e-12:
        middle = (PERSON_SIZE_MIN + PERSON_SIZE_MAX) / 2
        return dict.fromkeys(ranks, float(middle))
    span = PERSON_SIZE_MAX - PERSON_SIZE_MIN
    return {p: round(PERSON_SIZE_MIN + span * (r - low) / (high - low), 2) for p, r in ranks.items()}


def _tooltip(lines: list[str]) -> str:
    """Plain-text tooltip, HTML-escaped: safe whether the viewer renders it as text or HTML."""
    return html.escape("\n".join(line for line in lines if line), quote=True)


# ------------------------------------------------------------------ network data


def _commitments(graph: Graph) -> set[Node]:
    found = set(graph.subjects(RDF.type, DK.Commitment)) | set(graph.subjects(DK.agreement, None))
    return {c for c in found if _is_resource(c)}


def _commitment_label(graph: Graph, commitment: Node) -> str:
    text = _first_literal(graph, commitment, DK.text, RDFS.label)
    return _truncate(text, COMMITMENT_LABEL_CHARS) if text else "Commitment"


def _degree_size(base: int, degree: int) -> float:
    """Node size growing with the logarithm of its number of connections (degree centrality)."""
    return round(min(base * (0.75 + 0.25 * math.log2(1 + degree)), 2.5 * base), 2)


def network_data(
    graph: Graph, centrality: dict[str, dict[str, float]] | None = None
) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges for the graph, sorted by id.

    Nodes: every person, meeting, agreement, commitment and topic; countries, organisations
    and places (cities or countries where a meeting took place) that are connected by one of
    the edges. Each node dict has ``id`` (the IRI), ``label``, ``name`` (the full label),
    ``type`` (a key of :data:`NODE_TYPES`), ``title`` (HTML-escaped plain-text tooltip: title,
    dates, sources and evidence sentences), ``color``, ``shape``, ``size`` and ``degree``.
    Persons are sized by PageRank (``centrality`` of the person network, computed when not
    given) between 10 and 40, get a border colour by their country (``countryColour``, also
    used by the page's "colour persons by country" switch); other nodes are sized by their
    number of connections.

    Edges (``label`` = the predicate): person ``met`` person (``value`` = shared meetings),
    meeting ``participant`` / ``host`` actor, meeting ``location`` place, agreement
    ``commits`` country, commitment ``part of`` agreement, commitment ``party`` country, topic
    ``discussed at`` meeting. Each edge dict has ``id``, ``from``, ``to``, ``label`` and
    ``title``.

    >>> from rdflib import Graph, Literal, RDF, RDFS
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> _ = g.add((DKR.a, RDF.type, DK.Person))
    >>> _ = g.add((DKR.a, RDFS.label, Literal("<b>Ana</b>")))
    >>> _ = g.add((DKR.m, RDF.type, DK.Meeting))
    >>> _ = g.add((DKR.m, DK.participant, DKR.a))
    >>> nodes, edges = network_data(g)
    >>> [n["type"] for n in nodes], [e["label"] for e in edges]
    (['person', 'meeting'], ['participant'])
    >>> nodes[0]["title"].splitlines()[0]
    '&lt;b&gt;Ana&lt;/b&gt;'
    """
    with shared_analysis():
        skeleton, edges, decorate = _network_parts(graph, centrality)
    nodes = [decorate(node) for node in skeleton]
    return nodes, _edge_list(edges, {n["id"]: n["name"] for n in nodes})


#: Extra fields of the edges of :func:`_network_parts` (shared: never changed in place).
_NO_EXTRA: dict = {}
_ARROWS_TO = {"arrows": "to"}


def _network_parts(graph: Graph, centrality: dict[str, dict[str, float]] | None) -> tuple[list[dict], dict, Callable[[dict], dict]]:
    """What :func:`network_data` returns, in parts: the nodes' skeletons (``id``, ``type``,
    ``shape``, ``degree``, ``size`` and a meeting's ``date``; sorted by id), the edges as
    ``(from, to, label) -> extra fields`` (``value``, ``title``, ``arrows``; shared dicts, not to
    be changed), and ``decorate(skeleton) -> node``, which adds label,
    name, tooltip and colours. A large page decorates only the nodes it shows."""
    person_meetings = _person_meetings(graph)
    persons = {p for p in person_meetings if _is_resource(p)}
    pnet = person_network(graph)
    if centrality is None:  # only PageRank is drawn: skip the costly betweenness
        centrality = {p: {"pagerank": r} for p, r in _pagerank(pnet).items()} if len(pnet) else {}
    meetings = _meetings(graph)
    agreements = _agreements(graph)
    commitments = _commitments(graph)
    topics = _topics(graph)
    types: dict[Node, str] = {}
    for group, kind in ((persons, "person"), (meetings, "meeting"), (agreements, "agreement"),
                        (commitments, "commitment"), (topics, "topic")):
        for node in group:
            types.setdefault(node, kind)

    edges: dict[tuple[str, str, str], dict] = {}
    ids: dict[Node, str] = {}  # one str per node: a big network has hundreds of thousands of edges

    def node_id(node: Node) -> str:
        text = ids.get(node)
        if text is None:
            text = ids[node] = str(node)
        return text

    def add_edge(source: Node, target: Node, label: str, default_type: str, extra: dict = _NO_EXTRA) -> None:
        if not (_is_resource(source) and _is_resource(target)) or source == target:
            return
        for node in (source, target):
            if node not in types:
                types[node] = _node_type(graph, node, default_type)
        edges.setdefault((node_id(source), node_id(target), label), extra)

    # person -- met -- person
    for a, b, data in pnet.edges(data=True):
        a, b = sorted((a, b))
        weight = data["weight"]
        plural = "meeting" if weight == 1 else "meetings"
        edges[(a, b, "met")] = {
            "value": weight,
            "title": _tooltip([
                f"{pnet.nodes[a]['label']} met {pnet.nodes[b]['label']}",
                f"{weight} shared {plural}",
            ]),
        }
    for meeting in meetings:
        hosts = set(graph.objects(meeting, DK.host))
        for actor in _participants(graph, meeting):
            label = "host" if actor in hosts else "participant"
            add_edge(meeting, actor, label, "organization")
        for place in graph.objects(meeting, DK.location):
            add_edge(meeting, place, "location", "city", _ARROWS_TO)
    for agreement in agreements:
        for country in graph.objects(agreement, DK.commits):
            add_edge(agreement, country, "commits", "country", _ARROWS_TO)
    for commitment in commitments:
        for agreement in graph.objects(commitment, DK.agreement):
            add_edge(commitment, agreement, "part of", "agreement", _ARROWS_TO)
        for party in graph.objects(commitment, DK.party):
            add_edge(commitment, party, "party", "country", _ARROWS_TO)
    for topic in topics:
        for meeting in graph.objects(topic, DK.discussedAt):
            add_edge(topic, meeting, "discussed at", "meeting", _ARROWS_TO)

    degree: dict[str, int] = {}
    for source, target, _label_ in edges:
        degree[source] = degree.get(source, 0) + 1
        degree[target] = degree.get(target, 0) + 1

    # border colours of persons by country
    person_countries = {p: sorted(graph.objects(p, DK.country), key=str) for p in persons}
    country_labels = _labels(graph, {c[0] for c in person_countries.values() if c})
    others = [c for c in country_labels if c not in FIXED_COUNTRY_BORDERS]
    palette = [c for c in COUNTRY_BORDERS if c not in FIXED_COUNTRY_BORDERS.values()]
    borders = {c: palette[i % len(palette)] for i, c in enumerate(others)}
    borders.update({c: FIXED_COUNTRY_BORDERS[c] for c in country_labels if c in FIXED_COUNTRY_BORDERS})
    sizes = _person_sizes(centrality, (str(p) for p in persons))
    meeting_counts = {str(p): len(ms) for p, ms in person_meetings.items()}
    agreement_commitments: dict[Node, list[Node]] = {}
    for commitment in commitments:
        for agreement in graph.objects(commitment, DK.agreement):
            agreement_commitments.setdefault(agreement, []).append(commitment)

    # the skeleton of every node (what limit_network needs); the rest comes from decorate()
    by_id = {node_id(node): node for node in types}
    skeleton = []
    for node, kind in types.items():
        if kind not in NODE_TYPES:
            kind = "organization"
        shape, size = NODE_TYPES[kind][2], NODE_TYPES[kind][3]
        node_degree = degree.get(node_id(node), 0)
        item: dict = {"id": node_id(node), "type": kind, "shape": shape, "degree": node_degree,
                      "size": _degree_size(size, node_degree)}
        if kind == "person":
            item["size"] = sizes.get(str(node), PERSON_SIZE_MIN)
        if kind == "meeting":
            item["date"] = _date_sort_key(graph, node)[1]
        skeleton.append(item)
    skeleton.sort(key=lambda n: n["id"])

    def decorate(base: dict) -> dict:
        """The full node dict (label, tooltip, colours) of a skeleton node."""
        item = dict(base)
        node, kind = by_id[item["id"]], item["type"]
        type_label, colour = NODE_TYPES[kind][0], NODE_TYPES[kind][1]
        if kind == "meeting":
            label = _meeting_label(graph, node)
        elif kind == "commitment":
            label = _commitment_label(graph, node)
        else:
            label = _label(graph, node)
        lines = [label, f"Type: {type_label}"]
        if kind == "person":
            countries = person_countries.get(node, [])
            country = _label(graph, countries[0]) if countries else None
            titles = sorted({str(t) for t in graph.objects(node, DK.title)})
            lines += [f"Title: {t}" for t in titles]
            lines.append(f"Country: {country or 'unknown'}")
            lines.append(f"Meetings: {meeting_counts.get(str(node), 0)}")
            score = centrality.get(str(node))
            if score is not None and "pagerank" in score:
                lines.append(f"PageRank: {score['pagerank']:.4f}")
            border = borders.get(country, NO_COUNTRY_BORDER) if country else NO_COUNTRY_BORDER
            item["color"] = {
                "background": colour,
                "border": border,
                "highlight": {"background": colour, "border": "#000000"},
                "hover": {"background": colour, "border": border},
            }
            item["borderWidth"] = 3
            item["country"] = country
            item["countryColour"] = border
        else:
            item["color"] = colour
        if kind == "commitment":
            item["font"] = {"size": 8}  # read when zoomed in; hover for the clause
        if kind == "meeting":
            lines.append(f"Date: {_meeting_date(graph, node)}")
            date_text = _first_literal(graph, node, DK.dateText)
            if date_text and date_text != lines[-1][6:]:
                lines.append(f"Date as written: {date_text}")
            lines.append(f"Status: {_first_literal(graph, node, DK.status) or 'unknown'}")
            lines.append(f"Place: {_meeting_place(graph, node) or 'unknown'}")
            kind_text = _first_literal(graph, node, DK.kind)
            if kind_text:
                lines.append(f"Kind: {kind_text}")
        elif kind == "agreement":
            earliest = _earliest_date(graph, node)
            if earliest:
                lines.append(f"Date: {earliest}")
            countries = _labels(graph, graph.objects(node, DK.commits))
            lines.append(f"Commits: {', '.join(countries) or 'no country'}")
            count = len(agreement_commitments.get(node, []))
            lines.append(f"Commitments: {count}")
        elif kind == "commitment":
            agreement_labels = _labels(graph, graph.objects(node, DK.agreement))
            lines.append(f"Agreement: {'; '.join(agreement_labels) or 'unknown'}")
            lines.append(f"Party: {', '.join(_labels(graph, graph.objects(node, DK.party))) or 'unknown'}")
            lines.append(f"Modality: {_first_literal(graph, node, DK.modality) or 'unknown'}")
            deadlines = sorted(str(d) for d in graph.objects(node, DK.deadline))
            if deadlines:
                lines.append(f"Deadline: {deadlines[0]}")
            section = _first_literal(graph, node, DK.section)
            if section:
                lines.append(f"Section: {_truncate(section, LABEL_CHARS)}")
            text = _first_literal(graph, node, DK.text)
            if text:
                lines.append(f"Text: “{_truncate(text, EVIDENCE_CHARS)}”")
        elif kind == "topic":
            count = len(set(graph.objects(node, DK.discussedAt)))
            lines.append(f"Discussed at {count} meeting{'s' if count != 1 else ''}")
        sources = _file_names(graph, node)
        if sources:
            lines.append(f"Sources: {', '.join(sources)}")
        evidence = _evidence(graph, node)
        for sentence in evidence[:TOOLTIP_EVIDENCE]:
            lines.append(f"“{_truncate(sentence, EVIDENCE_CHARS)}”")
        if len(evidence) > TOOLTIP_EVIDENCE:
            lines.append(f"(+{len(evidence) - TOOLTIP_EVIDENCE} more)")
        item["label"] = _truncate(label, LABEL_CHARS)
        item["name"] = " ".join(label.split())
        item["title"] = _tooltip(lines)
        return item

    return skeleton, edges, decorate


def _edge_list(edges: dict[tuple[str, str, str], dict], names: dict[str, str],
               keep: set[str] | None = None) -> list[dict]:
    """Edge dicts of the ``(from, to, label) -> extra fields`` of :func:`_network_parts`, sorted
    by key, with ids ``e0``, ``e1``, … (over all edges) and tooltips; only those
    between ``keep`` nodes when given. ``names`` holds the full name of every node kept."""
    edge_list = []
    for i, key in enumerate(sorted(edges)):
        if keep is not None and not (key[0] in keep and key[1] in keep):
            continue
        edge = {"from": key[0], "to": key[1], "label": key[2], **edges[key]}
        edge["id"] = f"e{i}"
        if "title" not in edge:
            edge["title"] = _tooltip([f"{names[key[0]]} — {key[2]} → {names[key[1]]}"])
        edge_list.append(edge)
    return edge_list


# ------------------------------------------------------------------ large graphs


#: Above this many nodes the page shows a reduced network (see :func:`limit_network`).
MAX_NODES = 1500

#: Node types kept whole when a network is reduced (as far as the budget goes), in this order.
_KEEP_WHOLE = ("country", "agreement", "topic")
#: Share of the remaining budget given to persons; meetings get the rest (and unused shares).
PERSON_SHARE = 0.6


def limit_network(
    nodes: list[dict], edges: list[dict], max_nodes: int = MAX_NODES
) -> tuple[list[dict], list[dict], str | None]:
    """Reduce a network of more than ``max_nodes`` nodes so that a browser stays responsive.

    Commitments are folded into their agreements (each agreement's tooltip keeps the count);
    countries, agreements and topics are kept; of the remaining budget 60 % goes to the
    persons with the highest PageRank and the rest to the meetings with the most connections
    (latest first among equals), a share one group does not use going to the other;
    organisations and places (by connections) fill what is left. Edges between kept nodes are
    kept. Returns the nodes, the edges and a note saying what was left out (``None`` when the
    network was small enough and is returned unchanged).

    >>> nodes = [{"id": f"m{i}", "type": "meeting", "degree": i} for i in range(5)]
    >>> kept, _, note = limit_network(nodes, [], max_nodes=2)
    >>> [n["id"] for n in kept], note.startswith("Large graph: showing 2 of 5 nodes")
    (['m3', 'm4'], True)
    """
    if len(nodes) <= max_nodes:
        return nodes, edges, None
    groups: dict[str, list[dict]] = {}
    for node in nodes:
        groups.setdefault(node["type"], []).append(node)

    def weight(node: dict) -> tuple:
        value = node.get("size", 0) if node["type"] == "person" else node.get("degree", 0)
        return (-value, _negated(node.get("date", "")), node["id"])

    for group in groups.values():
        group.sort(key=weight)
    budget = max_nodes
    take: dict[str, int] = {}
    for kind in _KEEP_WHOLE:
        take[kind] = min(len(groups.get(kind, [])), budget)
        budget -= take[kind]
    n_persons, n_meetings = len(groups.get("person", [])), len(groups.get("meeting", []))
    take["person"] = min(n_persons, max(int(budget * PERSON_SHARE), budget - n_meetings))
    take["meeting"] = min(n_meetings, budget - take["person"])
    take["person"] = min(n_persons, budget - take["meeting"])
    budget -= take["person"] + take["meeting"]
    rest = sorted(
        (n for kind, group in groups.items() if kind not in take and kind != "commitment"
         for n in group),
        key=weight,
    )[: max(budget, 0)]
    kept = [n for kind, count in take.items() for n in groups.get(kind, [])[:count]] + rest
    kept.sort(key=lambda n: n["id"])
    kept_ids = {n["id"] for n in kept}
    kept_edges = [e for e in edges if e["from"] in kept_ids and e["to"] in kept_ids]

    shown: dict[str, int] = {}
    for node in kept:
        shown[node["type"]] = shown.get(node["type"], 0) + 1
    parts = [
        f"{shown.get(kind, 0)} of {len(groups[kind])} {_PLURALS.get(kind, kind)}"
        for kind in NODE_TYPES
        if kind in groups and kind != "commitment" and shown.get(kind, 0) < len(groups[kind])
    ]
    note = f"Large graph: showing {len(kept)} of {len(nodes)} nodes (at most {max_nodes})."
    if groups.get("commitment"):
        note += (f" The {len(groups['commitment'])} commitments are folded into their"
                 " agreements (count in the tooltip).")
    if parts:
        note += " Shown: " + ", ".join(parts) + " (highest PageRank / most connections)."
    note += (" The layout is precomputed and physics is off. For all the detail around one"
             " actor use diplokg viz --focus NAME, or narrow with --types, --since, --until.")
    return kept, kept_edges, note


def _negated(text: str) -> tuple[int, ...]:
    """Sort key putting later ISO dates first."""
    return tuple(-ord(c) for c in text)


def layout_positions(
    nodes: list[dict], edges: list[dict], seed: int = 42, iterations: int = 50
) -> dict[str, tuple[float, float]]:
    """Deterministic node positions in pixels: Fruchterman-Reingold with a fixed seed.

    Used for large networks so that the browser draws at once instead of simulating physics.
    This is networkx's dense ``spring_layout`` algorithm in NumPy (networkx needs SciPy for
    graphs of more than 500 nodes), with a weak pull to the centre so that separate
    components stay in view. Positions are rounded to 0.1 px: the page is byte-identical for
    the same graph.
    """
    import numpy as np

    ids = [n["id"] for n in nodes]
    count = len(ids)
    if count == 0:
        return {}
    index = {node_id: i for i, node_id in enumerate(ids)}
    linked = set()
    for edge in edges:
        a, b = index.get(edge["from"]), index.get(edge["to"])
        if a is not None and b is not None and a != b:
            linked.update(((a, b), (b, a)))
    pairs = np.array(sorted(linked), dtype=np.intp).reshape(-1, 2)
    first, second = pairs[:, 0], pairs[:, 1]
    pos = np.random.default_rng(seed).random((count, 2))
    k = math.sqrt(1.0 / count)
    step = 0.1
    cooling = step / (iterations + 1)
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    # the dense n x n arrays are reused in place; attraction (distance / k along edges) is
    # subtracted at the edges only: the same float32 values as "k² / d² - adjacency * d / k"
    dx = np.empty((count, count), dtype=np.float32)
    dy = np.empty_like(dx)
    distance = np.empty_like(dx)
    force = np.empty_like(dx)
    for _ in range(iterations):
        np.subtract(x[:, None], x[None, :], out=dx)
        np.subtract(y[:, None], y[None, :], out=dy)
        np.hypot(dx, dy, out=distance)
        np.maximum(distance, 0.01, out=distance)
        np.multiply(distance, distance, out=force)
        np.divide(k * k, force, out=force)
        force[first, second] -= distance[first, second] / k
        np.multiply(dx, force, out=dx)
        np.multiply(dy, force, out=dy)
        move_x = dx.sum(axis=1) - 0.05 * k * math.sqrt(count) * (x - 0.5)
        move_y = dy.sum(axis=1) - 0.05 * k * math.sqrt(count) * (y - 0.5)
        length = np.maximum(np.hypot(move_x, move_y), 0.01)
        x += move_x * step / length
        y += move_y * step / length
        step -= cooling
    pos = np.column_stack((x, y)).astype(np.float64)
    pos -= np.median(pos, axis=0)
    # far-flung small components would make the fitted view tiny: pull them in to the rim
    radius = np.hypot(pos[:, 0], pos[:, 1])
    rim = float(np.percentile(radius, 90)) or 1.0
    outside = radius > 1.1 * rim
    pos[outside] *= (1.1 * rim / radius[outside])[:, None]
    pos *= 30.0 * math.sqrt(count) / rim
    return {node_id: (round(float(x), 1), round(float(y), 1)) for node_id, (x, y) in zip(ids, pos)}


# ------------------------------------------------------------------ views (diplokg viz)


def _fold(text: str) -> str:
    return unidecode(" ".join(text.split())).casefold()


def find_nodes(nodes: list[dict], name: str) -> list[str]:
    """Ids of the network nodes a name designates: the IRI itself, else labels equal to the name
    (case and accents ignored), else labels containing it. Raises :class:`FocusNotFoundError`
    with the closest labels as suggestions when nothing matches."""
    wanted = _fold(name)
    if not wanted:
        raise FocusNotFoundError("--focus needs a name")
    exact = [n["id"] for n in nodes if n["id"] == name.strip()]
    if exact:
        return exact
    labels = {n["id"]: _fold(n.get("name", n["label"])) for n in nodes}
    exact = [i for i, label in labels.items() if label == wanted]
    if exact:
        return sorted(exact)
    partial = [i for i, label in labels.items() if wanted in label]
    if partial:
        return sorted(partial)
    by_fold: dict[str, str] = {}
    for node in sorted(nodes, key=lambda n: n["id"]):
        by_fold.setdefault(_fold(node.get("name", node["label"])), node.get("name", node["label"]))
    close = difflib.get_close_matches(wanted, sorted(by_fold), n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(by_fold[c] for c in close)}?" if close else ""
    raise FocusNotFoundError(f"no node named {name!r} in the graph{hint}")


def subgraph_for_view(
    graph: Graph,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> Graph:
    """The part of ``graph`` that a view of its network shows, as a new rdflib graph.

    - ``since`` / ``until`` (ISO date, ``YYYY-MM`` or ``YYYY``, inclusive): keep meetings whose
      date overlaps the period (undated meetings are left out), agreements dated in it or
      undated, commitments of kept agreements, and persons, topics and places still connected;
      ``dk:met`` pairs who share no kept meeting are dropped;
    - ``types``: keep only nodes of these types (keys of :data:`NODE_TYPES`);
    - ``focus``: keep the nodes at most ``depth`` edges away from the named node(s) (see
      :func:`find_nodes`); the focus itself is kept whatever ``types`` says.

    Triples about left-out nodes (and triples pointing at them) are removed; everything else
    (documents, labels, countries of persons) is kept so that tooltips stay complete.
    Raises :class:`ViewError` (exit code 2) for an unknown type or a negative depth,
    :class:`~diplokg.errors.DateFormatError` (exit code 2) for a bad date,
    :class:`FocusNotFoundError` for an unknown focus.
    """
    return _view(graph, focus, depth, types, since, until)[0]


def _view(graph, focus, depth, types, since, until) -> tuple[Graph, list[str]]:
    """:func:`subgraph_for_view` and the names of the focus nodes."""
    lo, hi = parse_period(since, until)
    wanted_types = None
    if types is not None:
        wanted_types = {t.strip().lower() for t in types if t.strip()}
        unknown = sorted(wanted_types - set(NODE_TYPES))
        if unknown or not wanted_types:
            raise ViewError(
                f"unknown node type {', '.join(unknown) or '(none given)'}; valid types: "
                + ", ".join(NODE_TYPES)
            )
    if depth < 0:
        raise ViewError("--depth must be 0 or more")
    nodes, edges = network_data(graph, centrality={})
    kind = {n["id"]: n["type"] for n in nodes}
    resources = {str(r): r for r in set(graph.subjects()) | set(graph.objects()) if _is_resource(r)}
    keep = set(kind)
    dropped_met: set[tuple[str, str]] = set()

    if lo or hi:
        for node_id, node_kind in kind.items():
            if node_kind in ("meeting", "agreement"):
                dates = [str(d) for d in graph.objects(resources[node_id], DK.date)]
                if dates and not overlaps(dates, lo, hi) or (not dates and node_kind == "meeting"):
                    keep.discard(node_id)
        for node_id, node_kind in kind.items():
            if node_kind == "commitment":
                agreements = {str(a) for a in graph.objects(resources[node_id], DK.agreement)}
                if agreements and not agreements & keep:
                    keep.discard(node_id)
        person_meetings = {str(p): {str(m) for m in ms} for p, ms in _person_meetings(graph).items()}
        for edge in edges:
            if edge["label"] == "met":
                shared = person_meetings.get(edge["from"], set()) & person_meetings.get(edge["to"], set())
                if not shared & keep:
                    dropped_met.add((edge["from"], edge["to"]))
        linked: set[str] = set()
        for edge in edges:
            if (edge["from"], edge["to"]) in dropped_met:
                continue
            if edge["from"] in keep and edge["to"] in keep:
                linked.update((edge["from"], edge["to"]))
        keep &= linked

    focus_ids: list[str] = []
    if focus is not None:
        focus_ids = find_nodes([n for n in nodes if n["id"] in keep] or nodes, focus)
        focus_ids = [i for i in focus_ids if i in keep]
        if not focus_ids:
            raise FocusNotFoundError(f"{focus!r} is outside the chosen period")
    if wanted_types is not None:
        keep = {i for i in keep if kind[i] in wanted_types or i in focus_ids}
    if focus_ids:
        neighbours: dict[str, set[str]] = {}
        for edge in edges:
            a, b = edge["from"], edge["to"]
            if a in keep and b in keep and (a, b) not in dropped_met:
                neighbours.setdefault(a, set()).add(b)
                neighbours.setdefault(b, set()).add(a)
        reached = set(focus_ids)
        frontier = set(focus_ids)
        for _ in range(depth):
            frontier = {n for f in frontier for n in neighbours.get(f, ())} - reached
            reached |= frontier
        keep &= reached

    drop = {resources[i] for i in set(kind) - keep if i in resources}
    # places and countries are drawn only through edges: keep their own triples (labels)
    quiet = {resources[i] for i in set(kind) - keep
             if i in resources and kind[i] in ("country", "city", "organization")}
    met_pairs = {(resources[a], resources[b]) for a, b in dropped_met}
    met_pairs |= {(b, a) for a, b in met_pairs}
    sub = Graph()
    for prefix, namespace in graph.namespaces():
        sub.bind(prefix, namespace, override=True)
    for s, p, o in graph:
        if s in drop and s not in quiet:
            continue
        if o in drop and p != DK.country:
            continue
        if p == DK.met and (s, o) in met_pairs:
            continue
        sub.add((s, p, o))
    names = {n["id"]: n["name"] for n in nodes}
    return sub, sorted({names[i] for i in focus_ids})


# ------------------------------------------------------------------ HTML


def _json_for_script(value) -> str:
    """JSON that is safe inside a <script> element (no '</script>', no '<!--')."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _environment() -> jinja2.Environment:
    """Templates of diplokg first, then pyvis's (for the vis-network files to inline)."""
    pyvis_templates = os.path.join(os.path.dirname(pyvis.__file__), "templates")
    own_templates = os.path.join(os.path.dirname(__file__), "templates")
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(own_templates), jinja2.FileSystemLoader(pyvis_templates)]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


#: vis-network options: stable layout (fixed random seed), physics until the layout is stable
#: (the page then switches physics off), hover tooltips, edge labels hidden when zoomed out.
VIS_OPTIONS = {
    "layout": {"randomSeed": 42, "improvedLayout": True},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -90,
            "centralGravity": 0.012,
            "springLength": 120,
            "springConstant": 0.06,
            "avoidOverlap": 0.4,
        },
        "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                    "hideEdgesOnDrag": False},
    "nodes": {"font": {"size": 16, "face": "sans-serif", "strokeWidth": 3,
                       "strokeColor": "#ffffff"}, "borderWidth": 1},
    "edges": {
        "color": {"color": "#C4C4C4", "highlight": "#333333", "hover": "#555555"},
        "font": {"size": 10, "color": "#888888", "strokeWidth": 2, "align": "middle"},
        "scaling": {"min": 1, "max": 6, "label": {"enabled": False, "drawThreshold": 6}},
        "smooth": False,
    },
}

#: Changes for large networks (more than :data:`LARGE_NETWORK` nodes): positions come from
#: :func:`layout_positions`, so no physics and no (quadratic) improved layout; edges are hidden
#: while dragging and edge labels only appear when zoomed in.
LARGE_NETWORK = 400
LARGE_OPTIONS = {
    "layout": {"randomSeed": 42, "improvedLayout": False},
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 200, "navigationButtons": False,
                    "hideEdgesOnDrag": True},
    "nodes": {"scaling": {"label": {"drawThreshold": 8}}},  # labels appear when zoomed in
}

#: Legend symbols of vis-network shapes.
_GLYPHS = {"dot": "●", "diamond": "◆", "hexagon": "⬢", "square": "■", "triangle": "▲",
           "triangleDown": "▼", "star": "★", "box": "▬"}

_PLURALS = {"person": "persons", "country": "countries", "organization": "organizations",
            "city": "places", "meeting": "meetings", "agreement": "agreements",
            "commitment": "commitments", "topic": "topics"}


def vis_options(node_count: int) -> dict:
    """vis-network options for a network of ``node_count`` nodes."""
    def merge(base: dict, extra: dict) -> dict:
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(
                out.get(key), dict) and key != "physics" else value
        return out

    options = json.loads(json.dumps(VIS_OPTIONS))
    return merge(options, LARGE_OPTIONS) if node_count > LARGE_NETWORK else options


def write_network_html(
    graph: Graph,
    path: str | os.PathLike,
    centrality: dict[str, dict[str, float]] | None = None,
    title: str = "diplokg network",
    max_nodes: int = MAX_NODES,
    subtitle: str | None = None,
) -> dict:
    """Write a self-contained interactive network page to ``path`` (atomically).

    The page inlines vis-network 9.1.2 (JavaScript and CSS read from pyvis's package files), so
    it works from ``file://`` without internet; it loads no external script, style or font.
    It shows the title, a summary, a legend, a search box (filters the network to the matching
    nodes and their neighbours; Enter focuses the first match), a filter by node type, a switch
    that colours persons by country, and the network, laid out with a fixed seed and physics
    that stops once the layout is stable.

    The nodes and edges are those of :func:`network_data`, passed through pyvis's ``Network``;
    more than ``max_nodes`` nodes are reduced by :func:`limit_network` and the page says so.
    The page is rendered to a temporary file in the target folder, then moved into place, so a
    failed write never leaves a half-written page. The parent folder is created if needed.
    Returns ``{"nodes": shown, "edges": shown, "total_nodes": n, "note": note or None}``.
    """
    with shared_analysis():
        skeleton, edge_map, decorate = _network_parts(graph, centrality)
    # the kept edges come from _edge_list: no edge dicts for limit_network to filter
    kept, _, note = limit_network(skeleton, [], max_nodes)
    nodes = [decorate(node) for node in kept]  # tooltips only for the nodes shown
    edges = _edge_list(edge_map, {n["id"]: n["name"] for n in nodes}, keep={n["id"] for n in nodes})

    large = len(nodes) > LARGE_NETWORK
    if large:
        positions = layout_positions(nodes, edges)
        nodes = [{**n, "x": positions[n["id"]][0], "y": positions[n["id"]][1]} for n in nodes]

    net = Network(directed=True)  # directed: pyvis then skips its quadratic duplicate check
    for node in nodes:
        options = {k: v for k, v in node.items() if k not in ("id", "label", "shape", "color")}
        net.add_node(node["id"], label=node["label"], shape=node["shape"], color=node["color"], **options)
    for edge in edges:
        options = {k: v for k, v in edge.items() if k not in ("from", "to")}
        options.setdefault("arrows", {"to": {"enabled": False}})
        net.add_edge(edge["from"], edge["to"], **options)
    net_nodes = sorted(net.nodes, key=lambda n: n["id"])
    net_edges = sorted(net.edges, key=lambda e: e["id"])

    counts = {key: 0 for key in NODE_TYPES}
    for node in net_nodes:
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    types = [
        {"key": key, "label": label, "colour": colour, "glyph": _GLYPHS.get(shape, "●"),
         "count": counts[key]}
        for key, (label, colour, shape, _size) in NODE_TYPES.items()
    ]
    person_countries: dict[str, str] = {}
    for node in net_nodes:
        if node["type"] == "person":
            country = node.get("country") or "unknown"
            person_countries[country] = node["countryColour"]
    borders = [
        {"label": label, "colour": person_countries[label]}
        for label in sorted(person_countries, key=lambda s: (s == "unknown", s.casefold(), s))
    ]
    summary = ", ".join(
        f"{t['count']} {t['key'] if t['count'] == 1 else _PLURALS.get(t['key'], t['key'])}"
        for t in types
        if t["count"]
    )
    summary = f"{summary or 'empty graph'} · {len(net_edges)} edge{'s' if len(net_edges) != 1 else ''}"

    template = _environment().get_template(TEMPLATE)
    page = template.render(
        title=title,
        subtitle=subtitle,
        summary=summary,
        note=note,
        types=types,
        borders=borders,
        vis_dir=VIS_DIR,
        nodes_json=jinja2.utils.markupsafe.Markup(_json_for_script(net_nodes)),
        edges_json=jinja2.utils.markupsafe.Markup(_json_for_script(net_edges)),
        options_json=jinja2.utils.markupsafe.Markup(_json_for_script(vis_options(len(net_nodes)))),
    )
    write_atomically(Path(path), page.encode("utf-8"))
    return {"nodes": len(net_nodes), "edges": len(net_edges), "total_nodes": len(skeleton),
            "note": note}


def write_view(
    graph: Graph,
    path: str | os.PathLike,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    max_nodes: int = MAX_NODES,
    title: str = "diplokg network",
) -> dict:
    """Write the network page of a view of ``graph`` (see :func:`subgraph_for_view`).

    Persons keep the size of their PageRank in the whole graph; the page's subtitle says
    which view it shows. Returns the statistics of :func:`write_network_html` plus ``view``
    (the subtitle, or ``None`` for the whole graph).
    """
    types = list(types) if types is not None else None
    filtered = focus is not None or types is not None or bool(since) or bool(until)
    view = graph
    parts = []
    if filtered:
        view, names = _view(graph, focus, depth, types, since, until)
        if focus is not None:
            shown = ", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")
            parts.append(f"around {shown}, depth {depth}")
        if types is not None:
            parts.append("types: " + ", ".join(sorted({t.strip().lower() for t in types if t.strip()})))
        if since or until:
            lo, hi = parse_period(since, until)
            parts.append(f"period: {lo.isoformat() if lo else '…'} to {hi.isoformat() if hi else '…'}")
    pnet = person_network(graph)
    ranks = {p: {"pagerank": r} for p, r in _pagerank(pnet).items()} if len(pnet) else {}
    subtitle = "View " + "; ".join(parts) if parts else None
    stats = write_network_html(view, path, centrality=ranks, title=title, max_nodes=max_nodes,
                               subtitle=subtitle)
    return {**stats, "view": subtitle}
