"""Questions an analyst asks of a built graph: who is central (filtered by country and period),
what happened when (timeline), and why are two persons linked (explain).

Every function takes an rdflib graph and returns plain rows (dicts) in a deterministic order;
bad input (an unknown or ambiguous name, a malformed date) raises a typed
:class:`diplokg.errors.InputError` so the CLI exits with code 2.

Dates compare as intervals: ``2019`` is 2019-01-01 … 2019-12-31 and ``2019-06`` is the whole of
June, both for a meeting's ``dk:date`` (xsd:date, gYearMonth or gYear) and for ``since`` /
``until``. A meeting is in the period when its interval overlaps ``[since, until]``; with a
date filter, undated meetings are left out.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS
from rdflib.term import Node

from diplokg.analyse import (
    MEASURES,
    _first_literal,
    _label,
    _participants,
    _person_meetings,
    bipartite_centrality,
    brokers,
    central_actors,
    centrality,
    communities,
    meeting_network,
    person_network,
)
from diplokg.errors import AmbiguousNameError, InputError, UnknownNameError
from diplokg.namespace import DK
from diplokg.periods import date_interval, overlaps, parse_period
from diplokg.render import _earliest_date, _file_names, _labels, _meeting_label, _meeting_place, _meetings
from diplokg.text import fold

__all__ = [
    "REPORT_VIEWS",
    "date_interval",
    "parse_period",
    "filter_by_date",
    "find_person",
    "find_country",
    "report_table",
    "timeline",
    "explain",
]

#: The views of ``diplokg report --by``.
REPORT_VIEWS = ("actors", "meetings", "brokers", "communities")

def _meeting_interval(graph: Graph, meeting: Node) -> tuple[date, date] | None:
    intervals = [i for i in (date_interval(str(d)) for d in graph.objects(meeting, DK.date)) if i]
    if not intervals:
        return None
    return min(i[0] for i in intervals), max(i[1] for i in intervals)


def _in_period(graph: Graph, meeting: Node, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    return overlaps((str(d) for d in graph.objects(meeting, DK.date)), start, end)


def filter_by_date(graph: Graph, since: str | None = None, until: str | None = None) -> Graph:
    """The graph restricted to meetings in the period (see the module docstring).

    Meetings outside it (and undated ones) are removed with every triple that mentions them;
    ``dk:met`` links are kept only between persons who share a remaining meeting. Persons,
    countries, agreements and documents stay. Without bounds the graph itself is returned.

    >>> from rdflib import Graph, Literal, RDF
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> for m, d in ((DKR.m1, "2018-07-13"), (DKR.m2, "2019-06")):
    ...     _ = g.add((m, RDF.type, DK.Meeting))
    ...     _ = g.add((m, DK.date, Literal(d)))
    >>> sorted(str(m)[-2:] for m in filter_by_date(g, since="2019-06-15").subjects(RDF.type, DK.Meeting))
    ['m2']
    """
    start, end = parse_period(since, until)
    if start is None and end is None:
        return graph
    dropped = {m for m in _meetings(graph) if not _in_period(graph, m, start, end)}
    result = Graph()
    for prefix, namespace in graph.namespaces():
        result.bind(prefix, namespace, override=True)
    for s, p, o in graph:
        if s in dropped or o in dropped:
            continue
        result.add((s, p, o))
    person_meetings = _person_meetings(result)
    for a, b in list(result.subject_objects(DK.met)):
        if not (person_meetings.get(a, set()) & person_meetings.get(b, set())):
            result.remove((a, DK.met, b))
    return result


# ------------------------------------------------------------------ names


def _names(graph: Graph, node: Node) -> set[str]:
    values = set(graph.objects(node, RDFS.label)) | set(graph.objects(node, SKOS.altLabel))
    values |= set(graph.objects(node, SKOS.prefLabel))
    return {str(v) for v in values if isinstance(v, Literal)}


def _find(graph: Graph, name: str, candidates: Iterable[Node], what: str, partial: bool) -> Node:
    """The single candidate whose label or alternative label is ``name`` (folded)."""
    candidates = sorted(set(candidates), key=str)
    wanted = fold(name)
    names = {c: {fold(n) for n in _names(graph, c)} | {fold(_label(graph, c))} for c in candidates}
    found = [c for c in candidates if wanted in names[c]]
    if not found and partial and wanted:
        tokens = set(re.findall(r"[a-z0-9']+", wanted))
        found = [
            c for c in candidates
            if any(tokens <= set(re.findall(r"[a-z0-9']+", n)) for n in names[c])
        ]
    if len(found) == 1:
        return found[0]
    if found:
        labels = ", ".join(_labels(graph, found))
        raise AmbiguousNameError(f"{what} {name!r} is ambiguous: {labels}")
    vocabulary: dict[str, str] = {}
    for c in candidates:
        for n in sorted(_names(graph, c)) + [_label(graph, c)]:
            vocabulary.setdefault(fold(n), _label(graph, c))
    close = difflib.get_close_matches(wanted, sorted(vocabulary), n=5, cutoff=0.6)
    suggestions = sorted({vocabulary[c] for c in close}, key=lambda s: (s.casefold(), s))
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise UnknownNameError(f"no {what} named {name!r} in the graph{hint}")


def find_person(graph: Graph, name: str) -> Node:
    """The person named ``name``: its ``rdfs:label`` or a ``skos:altLabel``, accents and case
    ignored; failing that, the one person whose name contains all the words of ``name``
    ("Nielsen"). Raises :class:`UnknownNameError` (with close matches) or
    :class:`AmbiguousNameError` (with the candidates).

    >>> from rdflib import Graph, Literal, RDF, RDFS
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> for key, name in (("a", "Andrés López"), ("b", "Ana López")):
    ...     _ = g.add((DKR[key], RDF.type, DK.Person))
    ...     _ = g.add((DKR[key], RDFS.label, Literal(name)))
    >>> find_person(g, "andres lopez") == DKR.a
    True
    >>> find_person(g, "Lopez")
    Traceback (most recent call last):
    ...
    diplokg.errors.AmbiguousNameError: person 'Lopez' is ambiguous: Ana López, Andrés López
    """
    persons = {p for p in _person_meetings(graph)}
    return _find(graph, name, persons, "person", partial=True)


def find_country(graph: Graph, name: str) -> Node:
    """The country named ``name`` (``rdfs:label`` or ``skos:altLabel``, accents and case
    ignored), among ``dk:Country`` nodes and the ``dk:country`` of persons."""
    countries = set(graph.subjects(RDF.type, DK.Country)) | set(graph.objects(None, DK.country))
    return _find(graph, name, countries, "country", partial=False)


# ------------------------------------------------------------------ report


def _persons_of(graph: Graph, country: Node) -> set[str]:
    return {str(p) for p in graph.subjects(DK.country, country)}


def report_table(
    graph: Graph,
    by: str = "actors",
    top: int | None = 10,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    seed: int = 0,
) -> tuple[list[str], list[dict]]:
    """Columns and rows of ``diplokg report``.

    The network is built from the meetings in the period (:func:`filter_by_date`); ``country``
    keeps only the rows of persons acting for that country (their ranks are in the whole
    network); with a period, persons with no meeting in it are left out. Views:

    - ``actors``: centrality in the who-met-whom network (:func:`~diplokg.analyse.central_actors`)
      and the person's community (:func:`~diplokg.analyse.communities`, seeded);
    - ``meetings``: centrality in the person–meeting network
      (:func:`~diplokg.analyse.bipartite_centrality`), sorted by PageRank;
    - ``brokers``: who links the United States and Mexico (:func:`~diplokg.analyse.brokers`),
      sorted by broker score, then cross-side ties;
    - ``communities``: one row per community with its members (by PageRank) and countries.
    """
    if by not in REPORT_VIEWS:
        raise ValueError(f"unknown view {by!r}")
    wanted = _persons_of(graph, find_country(graph, country)) if country else None
    graph = filter_by_date(graph, since, until)
    dated = since is not None or until is not None
    G = person_network(graph)
    meetings = {str(p): len(ms) for p, ms in _person_meetings(graph).items()}
    community = communities(G, seed=seed) if by != "meetings" else {}  # the meetings view shows none

    def keep(node: str) -> bool:
        return (wanted is None or node in wanted) and (not dated or meetings.get(node, 0) > 0)

    def cut(rows: list[dict]) -> list[dict]:
        rows = rows[:top] if top is not None else rows
        for i, row in enumerate(rows, start=1):
            row["rank"] = i
        return rows

    if by == "actors":
        rows = [r for r in central_actors(graph, top=None) if keep(r["id"])]
        for row in rows:
            row["community"] = community.get(row["id"])
        columns = ["rank", "name", "country", "meetings", *MEASURES, "community"]
        return columns, cut(rows)

    if by == "meetings":
        B = meeting_network(graph)
        scores = bipartite_centrality(B)
        rows = []
        for node, data in B.nodes(data=True):
            if data["kind"] != "person" or not keep(node):
                continue
            row = {"rank": 0, "name": data["label"], "country": G.nodes[node]["country"] if node in G else None,
                   "meetings": meetings.get(node, 0)}
            row.update({m: round(scores[node][m], 4) for m in MEASURES if m != "weighted_degree"})
            row["id"] = node
            rows.append(row)
        rows.sort(key=lambda r: (-r["pagerank"], r["name"].casefold(), r["name"], r["id"]))
        columns = ["rank", "name", "country", "meetings", "degree", "betweenness", "pagerank", "eigenvector"]
        return columns, cut(rows)

    if by == "brokers":
        scores = brokers(G)
        between = centrality(G)
        rows = []
        for node, data in G.nodes(data=True):
            if not keep(node):
                continue
            rows.append({
                "rank": 0, "name": data["label"], "country": data["country"],
                "broker": round(scores[node]["broker"], 4), "cross_ties": scores[node]["cross_ties"],
                "betweenness": round(between[node]["betweenness"], 4),
                "meetings": meetings.get(node, 0), "community": community.get(node), "id": node,
            })
        rows.sort(key=lambda r: (-r["broker"], -r["cross_ties"], -r["betweenness"],
                                 r["name"].casefold(), r["id"]))
        columns = ["rank", "name", "country", "broker", "cross_ties", "betweenness", "meetings", "community"]
        return columns, cut(rows)

    # communities
    pagerank = {n: s["pagerank"] for n, s in centrality(G).items()}
    groups: dict[int, list[str]] = {}
    for node, cid in community.items():
        if keep(node):
            groups.setdefault(cid, []).append(node)
    rows = []
    for cid in sorted(groups):
        members = sorted(groups[cid], key=lambda n: (-pagerank[n], G.nodes[n]["label"].casefold(), n))
        counts: dict[str, int] = {}
        for n in members:
            label = G.nodes[n]["country"] or "unknown"
            counts[label] = counts.get(label, 0) + 1
        countries = ", ".join(f"{c} {k}" for c, k in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
        internal = G.subgraph(groups[cid]).number_of_edges()
        rows.append({
            "community": cid, "size": len(members), "ties": internal, "countries": countries,
            "members": ", ".join(G.nodes[n]["label"] for n in members),
        })
    rows = rows[:top] if top is not None else rows
    return ["community", "size", "ties", "countries", "members"], rows


# ------------------------------------------------------------------ timeline


def _topic_labels(graph: Graph, meeting: Node) -> list[str]:
    return _labels(graph, graph.subjects(DK.discussedAt, meeting))


def timeline(
    graph: Graph, since: str | None = None, until: str | None = None, country: str | None = None
) -> list[dict]:
    """Meetings in date order (undated last; partial dates before full dates of the same month).

    Each row has ``date`` (``dk:date``: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None when
    unresolved), ``date_text`` (the date as written in the document, or ``""``), ``meeting``, ``kind``, ``place``, ``participants`` (persons, countries and organisations,
    sorted), ``status``, ``topics``, ``sources`` (file names) and ``id``. ``country`` keeps the
    meetings where that country, or a person acting for it, takes part.

    >>> from rdflib import Graph, Literal, RDF
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> for m, d in ((DKR.m1, "2023-07-24"), (DKR.m2, "2018")):
    ...     _ = g.add((m, RDF.type, DK.Meeting))
    ...     _ = g.add((m, DK.date, Literal(d)))
    >>> [row["date"] for row in timeline(g)]
    ['2018', '2023-07-24']
    """
    start, end = parse_period(since, until)
    members = None
    if country:
        node = find_country(graph, country)
        members = {node} | set(graph.subjects(DK.country, node))
    rows = []
    for meeting in _meetings(graph):
        if not _in_period(graph, meeting, start, end):
            continue
        participants = _participants(graph, meeting)
        if members is not None and not participants & members:
            continue
        interval = _meeting_interval(graph, meeting)
        rows.append({
            "date": _earliest_date(graph, meeting),
            "date_text": _first_literal(graph, meeting, DK.dateText) or "",
            "meeting": _meeting_label(graph, meeting),
            "kind": _first_literal(graph, meeting, DK.kind) or "",
            "place": _meeting_place(graph, meeting),
            "participants": ", ".join(_labels(graph, participants)),
            "status": _first_literal(graph, meeting, DK.status) or "",
            "topics": ", ".join(_topic_labels(graph, meeting)),
            "sources": ", ".join(_file_names(graph, meeting)),
            "id": str(meeting),
            "_key": (interval is None, interval or (date.min, date.min)),
        })
    rows.sort(key=lambda r: (r["_key"][0], r["_key"][1][0], -(r["_key"][1][1] - r["_key"][1][0]).days,
                             r["meeting"].casefold(), r["id"]))
    for row in rows:
        del row["_key"]
    return rows


# ------------------------------------------------------------------ explain


def explain(graph: Graph, name_a: str, name_b: str) -> dict:
    """Why two persons are linked: every meeting both take part in, with its evidence.

    Returns ``{"a", "b"`` (canonical names), ``"met"`` (a ``dk:met`` link exists),
    ``"meetings"`` (rows: ``date``, ``date_text``, ``meeting``, ``kind``, ``place``, ``status``, ``sources``,
    ``evidence`` (list of sentences), ``id``; in date order), ``"path"`` (when they share no
    meeting: the names on a shortest path between them in the who-met-whom network, else
    ``None``)}``. Names are resolved with :func:`find_person`.

    >>> from rdflib import Graph, Literal, RDF, RDFS
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> for key in ("Ana", "Bo", "Cy"):
    ...     _ = g.add((DKR[key], RDF.type, DK.Person))
    ...     _ = g.add((DKR[key], RDFS.label, Literal(key)))
    >>> for m, pair in ((DKR.m1, ("Ana", "Bo")), (DKR.m2, ("Bo", "Cy"))):
    ...     for key in pair:
    ...         _ = g.add((m, DK.participant, DKR[key]))
    ...     _ = g.add((DKR[pair[0]], DK.met, DKR[pair[1]]))
    >>> [(r["meeting"], r["date"]) for r in explain(g, "ana", "bo")["meetings"]]
    [('Meeting, date unknown', None)]
    >>> explain(g, "Ana", "Cy")["path"]
    ['Ana', 'Bo', 'Cy']
    """
    a, b = find_person(graph, name_a), find_person(graph, name_b)
    if a == b:
        raise InputError(f"{name_a!r} and {name_b!r} are the same person ({_label(graph, a)})")
    attended = _person_meetings(graph)
    shared = attended.get(a, set()) & attended.get(b, set())
    rows = []
    for meeting in shared:
        interval = _meeting_interval(graph, meeting)
        rows.append({
            "date": _earliest_date(graph, meeting),
            "date_text": _first_literal(graph, meeting, DK.dateText) or "",
            "meeting": _meeting_label(graph, meeting),
            "kind": _first_literal(graph, meeting, DK.kind) or "",
            "place": _meeting_place(graph, meeting),
            "status": _first_literal(graph, meeting, DK.status) or "",
            "sources": _file_names(graph, meeting),
            "evidence": sorted({str(e) for e in graph.objects(meeting, DK.evidence)}),
            "id": str(meeting),
            "_key": (interval is None, interval[0] if interval else date.min),
        })
    rows.sort(key=lambda r: (r["_key"], r["meeting"].casefold(), r["id"]))
    for row in rows:
        del row["_key"]
    path = None
    if not rows:
        G = person_network(graph)
        try:
            path = [G.nodes[n]["label"] for n in nx.shortest_path(G, str(a), str(b))]
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            path = None
    met = (a, DK.met, b) in graph or (b, DK.met, a) in graph
    return {"a": _label(graph, a), "b": _label(graph, b), "met": met, "meetings": rows, "path": path}
