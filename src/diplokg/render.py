"""Render a diplokg graph: a self-contained interactive network page and a Markdown report.

- :func:`network_data` turns the RDF graph into vis-network node and edge dicts;
- :func:`write_network_html` writes an HTML page that works from ``file://`` without internet:
  vis-network's JavaScript and CSS (shipped inside pyvis) are inlined, nothing is fetched;
- :func:`report_markdown` writes a Markdown report readable as plain text.

All text that comes from documents (labels, evidence sentences, commitment clauses) is treated
as untrusted: tooltips are HTML-escaped, the data is embedded as JSON with ``<``, ``>`` and ``&``
escaped, and Markdown table cells are escaped. Output is deterministic: the same graph gives
byte-identical files.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jinja2
import pyvis
from pyvis.network import Network
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from diplokg.analyse import (
    _first_literal,
    _label,
    _local_name,
    _participants,
    _person_meetings,
    central_actors,
    person_network,
)
from diplokg.analyse import centrality as compute_centrality
from diplokg.namespace import DK

__all__ = [
    "NODE_TYPES",
    "network_data",
    "write_network_html",
    "report_markdown",
]

#: Node types in legend order: key -> (legend label, colour, shape, size).
NODE_TYPES: dict[str, tuple[str, str, str, int]] = {
    "person": ("Person", "#4E79A7", "dot", 20),
    "country": ("Country", "#F28E2B", "diamond", 28),
    "organization": ("Organization", "#76B7B2", "hexagon", 16),
    "city": ("City / place", "#B07AA1", "square", 12),
    "meeting": ("Meeting", "#E15759", "dot", 14),
    "agreement": ("Agreement", "#59A14F", "triangle", 22),
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
COMMITMENT_CHARS = 160

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


def _date_sort_key(graph: Graph, meeting: Node) -> tuple:
    dates = sorted(str(d) for d in graph.objects(meeting, DK.date))
    return (0, dates[0]) if dates else (1, "")


def _meeting_date(graph: Graph, meeting: Node) -> str:
    dates = sorted(str(d) for d in graph.objects(meeting, DK.date))
    if dates:
        return dates[0]
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


def network_data(
    graph: Graph, centrality: dict[str, dict[str, float]] | None = None
) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges for the graph, sorted by id.

    Nodes: every person, meeting and agreement; topics, countries, organisations and places
    (cities or countries where a meeting took place) that are connected by one of the edges.
    Each node dict has ``id`` (the IRI), ``label``, ``type`` (a key of :data:`NODE_TYPES`),
    ``title`` (HTML-escaped plain-text tooltip), ``color``, ``shape`` and ``size``. Persons are
    sized by PageRank (``centrality`` of the person network, computed when not given) between
    10 and 40 and get a border colour by their country.

    Edges: person ``met`` person (``value`` = shared meetings), meeting ``participant`` /
    ``host`` actor, agreement ``commits`` country, topic ``discussed at`` meeting, meeting
    ``in`` place. Each edge dict has ``id``, ``from``, ``to``, ``label`` and ``title``.

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
    persons = {p for p in _person_meetings(graph) if _is_resource(p)}
    if centrality is None:
        centrality = compute_centrality(person_network(graph))
    meetings = _meetings(graph)
    agreements = _agreements(graph)
    topics = _topics(graph)
    types: dict[Node, str] = {}
    for node in persons:
        types[node] = "person"
    for node in meetings - persons:
        types[node] = "meeting"
    for node in agreements - persons - meetings:
        types[node] = "agreement"
    for node in topics - persons - meetings - agreements:
        types[node] = "topic"

    edges: dict[tuple[str, str, str], dict] = {}

    def add_edge(source: Node, target: Node, label: str, default_type: str, **extra) -> None:
        if not (_is_resource(source) and _is_resource(target)) or source == target:
            return
        for node in (source, target):
            if node not in types:
                types[node] = _node_type(graph, node, default_type)
        key = (str(source), str(target), label)
        edges.setdefault(key, {"from": key[0], "to": key[1], "label": label, **extra})

    # person -- met -- person
    pnet = person_network(graph)
    for a, b, data in pnet.edges(data=True):
        a, b = sorted((a, b))
        weight = data["weight"]
        plural = "meeting" if weight == 1 else "meetings"
        edges[(a, b, "met")] = {
            "from": a,
            "to": b,
            "label": "met",
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
            add_edge(meeting, place, "in", "city", arrows="to")
    for agreement in agreements:
        for country in graph.objects(agreement, DK.commits):
            add_edge(agreement, country, "commits", "country", arrows="to")
    for topic in topics:
        for meeting in graph.objects(topic, DK.discussedAt):
            add_edge(topic, meeting, "discussed at", "meeting", arrows="to")

    # border colours of persons by country
    person_countries = {p: sorted(graph.objects(p, DK.country), key=str) for p in persons}
    country_labels = _labels(graph, {c[0] for c in person_countries.values() if c})
    others = [c for c in country_labels if c not in FIXED_COUNTRY_BORDERS]
    palette = [c for c in COUNTRY_BORDERS if c not in FIXED_COUNTRY_BORDERS.values()]
    borders = {c: palette[i % len(palette)] for i, c in enumerate(others)}
    borders.update({c: FIXED_COUNTRY_BORDERS[c] for c in country_labels if c in FIXED_COUNTRY_BORDERS})
    sizes = _person_sizes(centrality, (str(p) for p in persons))
    meeting_counts = {str(p): len(ms) for p, ms in _person_meetings(graph).items()}

    nodes = []
    for node, kind in types.items():
        if kind not in NODE_TYPES:
            kind = "organization"
        type_label, colour, shape, size = NODE_TYPES[kind]
        label = _meeting_label(graph, node) if kind == "meeting" else _label(graph, node)
        lines = [label, f"Type: {type_label}"]
        item: dict = {"id": str(node), "type": kind, "shape": shape, "size": size}
        if kind == "person":
            countries = person_countries.get(node, [])
            country = _label(graph, countries[0]) if countries else None
            titles = sorted({str(t) for t in graph.objects(node, DK.title)})
            lines += [f"Title: {t}" for t in titles]
            lines.append(f"Country: {country or 'unknown'}")
            lines.append(f"Meetings: {meeting_counts.get(str(node), 0)}")
            score = centrality.get(str(node))
            if score is not None:
                lines.append(f"PageRank: {score['pagerank']:.4f}")
            item["size"] = sizes.get(str(node), PERSON_SIZE_MIN)
            border = borders.get(country, NO_COUNTRY_BORDER) if country else NO_COUNTRY_BORDER
            item["color"] = {
                "background": colour,
                "border": border,
                "highlight": {"background": colour, "border": "#000000"},
                "hover": {"background": colour, "border": border},
            }
            item["borderWidth"] = 3
            item["country"] = country
        else:
            item["color"] = colour
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
            countries = _labels(graph, graph.objects(node, DK.commits))
            lines.append(f"Commits: {', '.join(countries) or 'no country'}")
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
        item["title"] = _tooltip(lines)
        nodes.append(item)

    nodes.sort(key=lambda n: n["id"])
    by_id = {str(node): node for node in types}

    def name(node: Node) -> str:
        return _meeting_label(graph, node) if types.get(node) == "meeting" else _label(graph, node)

    edge_list = []
    for i, key in enumerate(sorted(edges)):
        edge = dict(edges[key])
        edge["id"] = f"e{i}"
        if "title" not in edge:
            edge["title"] = _tooltip([
                f"{name(by_id[key[0]])} {key[2]} {name(by_id[key[1]])}"
            ])
        edge_list.append(edge)
    return nodes, edge_list


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


#: vis-network options: stable layout (fixed random seed), physics on, hover tooltips.
VIS_OPTIONS = {
    "layout": {"randomSeed": 42, "improvedLayout": True},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -60,
            "centralGravity": 0.01,
            "springLength": 110,
            "springConstant": 0.08,
        },
        "stabilization": {"enabled": True, "iterations": 400, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    "nodes": {"font": {"size": 13, "face": "sans-serif"}, "borderWidth": 1},
    "edges": {
        "color": {"color": "#B0B0B0", "highlight": "#333333", "hover": "#555555"},
        "font": {"size": 9, "color": "#777777", "strokeWidth": 2, "align": "middle"},
        "scaling": {"min": 1, "max": 6},
        "smooth": False,
    },
}


def write_network_html(
    graph: Graph,
    path: str | os.PathLike,
    centrality: dict[str, dict[str, float]] | None = None,
    title: str = "diplokg network",
) -> None:
    """Write a self-contained interactive network page to ``path`` (atomically).

    The page inlines vis-network 9.1.2 (JavaScript and CSS read from pyvis's package files), so
    it works from ``file://`` without internet; it loads no external script, style or font.
    It shows the title, a legend, a search box (finds a node by label, selects and focuses it),
    a filter by node type, and the network with physics and a fixed layout seed.

    The nodes and edges are those of :func:`network_data`, passed through pyvis's ``Network``.
    The page is rendered to a temporary file in the target folder, then moved into place, so a
    failed write never leaves a half-written page. The parent folder is created if needed.
    """
    nodes, edges = network_data(graph, centrality)

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
        {"key": key, "label": label, "colour": colour, "count": counts[key]}
        for key, (label, colour, _shape, _size) in NODE_TYPES.items()
    ]
    person_countries: dict[str, str] = {}
    for node in net_nodes:
        if node["type"] == "person":
            country = node.get("country") or "unknown"
            person_countries[country] = node["color"]["border"]
    borders = [
        {"label": label, "colour": person_countries[label]}
        for label in sorted(person_countries, key=lambda s: (s == "unknown", s.casefold(), s))
    ]
    plurals = {"person": "persons", "country": "countries", "organization": "organizations",
               "city": "places", "meeting": "meetings", "agreement": "agreements",
               "topic": "topics"}
    summary = ", ".join(
        f"{t['count']} {t['key'] if t['count'] == 1 else plurals.get(t['key'], t['key'])}"
        for t in types
        if t["count"]
    )

    template = _environment().get_template(TEMPLATE)
    page = template.render(
        title=title,
        summary=summary or "empty graph",
        types=types,
        borders=borders,
        vis_dir=VIS_DIR,
        nodes_json=jinja2.utils.markupsafe.Markup(_json_for_script(net_nodes)),
        edges_json=jinja2.utils.markupsafe.Markup(_json_for_script(net_edges)),
        options_json=jinja2.utils.markupsafe.Markup(_json_for_script(VIS_OPTIONS)),
    )
    _write_atomically(Path(path), page)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the page normal permissions
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# ------------------------------------------------------------------ Markdown report


def _cell(value: object) -> str:
    """A Markdown table cell: one line, pipes, backslashes and '<' escaped."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())  # newlines, tabs and runs of spaces -> one space
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<")
    return text


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    if not rows:
        return ["_None._"]
    lines = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _text(value: str) -> str:
    """Free Markdown text (headings): one line, '<' and backslash escaped."""
    return " ".join(value.split()).replace("\\", "\\\\").replace("<", "\\<")


def _fmt(value: float) -> str:
    return f"{value:.4f}"


def report_markdown(graph: Graph, top: int = 10) -> str:
    """A Markdown report of the graph, readable as plain text.

    Sections: a one-line summary (documents, persons, meetings, agreements, commitments,
    topics), the ``top`` central actors (see :func:`diplokg.analyse.central_actors`), meetings
    in date order, the most discussed topics, agreements and their commitments (grouped by
    agreement). Every ordering is deterministic; table cells are escaped (``|``, newlines).

    >>> from rdflib import Graph, Literal, RDF, RDFS
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> _ = g.add((DKR.a, RDF.type, DK.Person))
    >>> _ = g.add((DKR.a, RDFS.label, Literal("Ana | Bo")))
    >>> print(report_markdown(g).splitlines()[2])
    0 documents · 1 person · 0 meetings · 0 agreements · 0 commitments · 0 topics
    >>> "Ana \\\\| Bo" in report_markdown(g)
    True
    """
    documents = set(graph.subjects(RDF.type, DK.Document))
    persons = {p for p in _person_meetings(graph) if _is_resource(p)}
    meetings = _meetings(graph)
    agreements = _agreements(graph)
    commitments = set(graph.subjects(RDF.type, DK.Commitment)) | set(
        graph.subjects(DK.agreement, None)
    )
    topics = _topics(graph)
    discussed = {t for t in topics if any(True for _ in graph.objects(t, DK.discussedAt))}

    def count(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    summary = " · ".join([
        count(len(documents), "document"),
        count(len(persons), "person"),
        count(len(meetings), "meeting"),
        count(len(agreements), "agreement"),
        count(len(commitments), "commitment"),
        count(len(topics), "topic"),
    ])
    if topics:
        summary += f" ({len(discussed)} discussed at meetings)"

    out: list[str] = ["# diplokg report", "", summary, ""]

    # central actors
    out += ["## Central actors", ""]
    if top > 0:
        out += [f"Top {top} persons of the who-met-whom network, by PageRank.", ""]
    rows = [
        [r["rank"], r["name"], r["country"] or "", r["meetings"], _fmt(r["degree"]),
         _fmt(r["weighted_degree"]), _fmt(r["betweenness"]), _fmt(r["pagerank"]),
         _fmt(r["eigenvector"])]
        for r in central_actors(graph, top=max(top, 0))
    ]
    out += _table(
        ["#", "Name", "Country", "Meetings", "Degree", "Weighted degree", "Betweenness",
         "PageRank", "Eigenvector"],
        rows,
    )
    out.append("")

    # meetings
    out += ["## Meetings", ""]
    rows = []
    ordered = sorted(
        meetings, key=lambda m: (_date_sort_key(graph, m), _label(graph, m).casefold(), str(m))
    )
    for meeting in ordered:
        rows.append([
            _meeting_date(graph, meeting),
            _first_literal(graph, meeting, RDFS.label, SKOS.prefLabel, DK.kind) or "",
            _first_literal(graph, meeting, DK.status) or "",
            _meeting_place(graph, meeting),
            ", ".join(_labels(graph, _participants(graph, meeting))),
            ", ".join(_file_names(graph, meeting)),
        ])
    out += _table(["Date", "Meeting", "Status", "Place", "Participants", "Sources"], rows)
    out.append("")

    # topics
    out += ["## Most discussed topics", ""]
    topic_rows = sorted(
        ((_label(graph, t), len(set(graph.objects(t, DK.discussedAt))), str(t)) for t in discussed),
        key=lambda r: (-r[1], r[0].casefold(), r[0], r[2]),
    )
    out += _table(["Topic", "Meetings"], [[label, n] for label, n, _ in topic_rows])
    out.append("")

    # agreements
    out += ["## Agreements", ""]
    agreement_order = sorted(agreements, key=lambda a: (_label(graph, a).casefold(), str(a)))
    rows = [
        [
            _label(graph, a),
            ", ".join(_labels(graph, graph.objects(a, DK.commits))),
            ", ".join(_file_names(graph, a)),
        ]
        for a in agreement_order
    ]
    out += _table(["Agreement", "Countries committed", "Sources"], rows)
    out.append("")

    # commitments, grouped by agreement
    out += ["## Commitments", ""]
    if not commitments:
        out += ["_None._", ""]
    groups: dict[Node | None, list[Node]] = {}
    for commitment in commitments:
        parents = sorted(graph.objects(commitment, DK.agreement), key=str)
        groups.setdefault(parents[0] if parents else None, []).append(commitment)
    group_order = sorted(
        groups, key=lambda a: (a is None, _label(graph, a).casefold() if a is not None else "", str(a))
    )
    for agreement in group_order:
        items = groups[agreement]
        heading = _label(graph, agreement) if agreement is not None else "No agreement"
        out += [f"### {_text(heading)} ({count(len(items), 'commitment')})", ""]
        rows = []
        for c in sorted(
            items,
            key=lambda c: (
                _first_literal(graph, c, DK.section) or "",
                _first_literal(graph, c, DK.text) or "",
                str(c),
            ),
        ):
            rows.append([
                ", ".join(_labels(graph, graph.objects(c, DK.party))),
                _first_literal(graph, c, DK.modality) or "",
                ", ".join(sorted(str(d) for d in graph.objects(c, DK.deadline))),
                _truncate(_first_literal(graph, c, DK.text) or "", COMMITMENT_CHARS),
            ])
        out += _table(["Party", "Modality", "Deadline", "Text"], rows)
        out.append("")

    return "\n".join(out).rstrip("\n") + "\n"
