"""Network analysis of a diplokg graph: who met whom, and who is central.

Plain functions in the style of networkx: each takes an rdflib graph (or a networkx graph) and
returns a new value; nothing is modified in place, and nothing is cached except inside
:func:`shared_analysis` (and each network's centrality and broker scores, keyed by its content).

Node identifiers are the resources' IRIs as strings, so results can be joined back to the RDF
graph. All functions are deterministic: the same graph gives the same result, in the same order.

Example
-------
>>> from rdflib import Graph, Literal, RDF, RDFS
>>> from diplokg.namespace import DK, DKR
>>> g = Graph()
>>> for name in ("Ana", "Bo", "Cy"):
...     _ = g.add((DKR[name], RDF.type, DK.Person))
...     _ = g.add((DKR[name], RDFS.label, Literal(name)))
>>> _ = g.add((DKR.m1, RDF.type, DK.Meeting))
>>> for name in ("Ana", "Bo", "Cy"):
...     _ = g.add((DKR.m1, DK.participant, DKR[name]))
>>> for a, b in (("Ana", "Bo"), ("Ana", "Cy")):
...     _ = g.add((DKR[a], DK.met, DKR[b]))
...     _ = g.add((DKR[b], DK.met, DKR[a]))
>>> [row["name"] for row in central_actors(g)]
['Ana', 'Bo', 'Cy']
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from diplokg.namespace import DK
from diplokg.text import fold

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "shared_analysis",
    "person_network",
    "meeting_network",
    "centrality",
    "central_actors",
    "bipartite_centrality",
    "communities",
    "brokers",
    "cross_ties",
]

#: The centrality measures :func:`centrality` computes, in column order.
MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank", "eigenvector")


# ------------------------------------------------------------------ shared results

_SHARED: ContextVar[dict | None] = ContextVar("diplokg_shared_analysis", default=None)


@contextmanager
def shared_analysis() -> Iterator[None]:
    """Within the block, :func:`person_network`, the person–meeting map and
    :func:`communities` are computed once per graph object (and arguments) and shared by every
    caller: a build's network page and report ask for the same network many times. The graphs
    must not change inside the block, and callers must not modify the shared results. Nested
    blocks share the outer one; outside any block nothing is cached."""
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def _shared(function: Callable) -> Callable:
    """Memoise ``function(graph, *args)`` inside :func:`shared_analysis` (keyed by object id;
    the graph is kept alive with the result, so its id cannot be reused meanwhile)."""

    @functools.wraps(function)
    def wrapper(graph, *args, **kwargs):
        memo = _SHARED.get()
        if memo is None:
            return function(graph, *args, **kwargs)
        key = (function.__name__, id(graph), args, tuple(sorted(kwargs.items())))
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = (graph, function(graph, *args, **kwargs))
        return hit[1]

    return wrapper


# ------------------------------------------------------------------ small RDF helpers
# Shared with diplokg.render; private because their behaviour is not part of the contract.


def _literal_rank(lit: Node) -> tuple[int, str]:
    """Sort key that prefers English, then untagged, then other languages; then the text."""
    lang = getattr(lit, "language", None)
    if lang is not None and lang.lower().startswith("en"):
        pref = 0
    elif lang is None:
        pref = 1
    else:
        pref = 2
    return (pref, str(lit))


@_shared
def _first_literal(graph: Graph, subject: Node, *predicates: URIRef) -> str | None:
    """The preferred literal value of the first predicate that has one, or None."""
    for predicate in predicates:
        values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
        if values:
            return str(min(values, key=_literal_rank))
    return None


def _local_name(node: Node) -> str:
    text = str(node)
    for sep in ("#", "/"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[1]
    return text


@_shared
def _label(graph: Graph, node: Node) -> str:
    """Human-readable label: rdfs:label, skos:prefLabel, dk:title, dk:fileName or the IRI's tail."""
    label = _first_literal(graph, node, RDFS.label, SKOS.prefLabel, DK.title, DK.fileName)
    return label if label is not None else _local_name(node)


def _nodes_of_type(graph: Graph, cls: URIRef) -> list[Node]:
    return sorted({s for s in graph.subjects(RDF.type, cls) if not isinstance(s, Literal)}, key=str)


def _participants(graph: Graph, meeting: Node) -> set[Node]:
    """Participants of a meeting, hosts included (dk:host is a sub-property of dk:participant)."""
    return set(graph.objects(meeting, DK.participant)) | set(graph.objects(meeting, DK.host))


def _country_label(graph: Graph, person: Node) -> str | None:
    countries = sorted(graph.objects(person, DK.country), key=str)
    return _label(graph, countries[0]) if countries else None


def _persons(graph: Graph) -> set[Node]:
    """Typed persons, plus both ends of every dk:met triple (dk:met's domain and range)."""
    persons: set[Node] = set(graph.subjects(RDF.type, DK.Person))
    for a, b in graph.subject_objects(DK.met):
        persons.add(a)
        persons.add(b)
    return {p for p in persons if isinstance(p, (URIRef, BNode))}


@_shared
def _person_meetings(graph: Graph) -> dict[Node, set[Node]]:
    """Map each person to the meetings (dk:Meeting, or anything with participants) they attend."""
    persons = _persons(graph)
    meetings = set(graph.subjects(RDF.type, DK.Meeting))
    meetings |= set(graph.subjects(DK.participant, None)) | set(graph.subjects(DK.host, None))
    result: dict[Node, set[Node]] = {p: set() for p in persons}
    for meeting in meetings:
        for participant in _participants(graph, meeting):
            if participant in result:
                result[participant].add(meeting)
    return result


# ------------------------------------------------------------------ networks


@_shared
def person_network(graph: Graph) -> nx.Graph:
    """Person–person network of who met whom.

    Nodes are the IRIs (strings) of every ``dk:Person`` (and of anything at either end of a
    ``dk:met`` triple), with attributes ``label`` and ``country`` (label of ``dk:country`` or
    ``None``). Persons without a ``dk:met`` edge, for instance the only named participant of a
    meeting, are isolated nodes.

    There is one edge for each ``dk:met`` pair (in either direction). Its ``weight`` is the number
    of meetings in which both are ``dk:participant`` (or ``dk:host``), at least 1; ``meetings`` is
    the sorted list of those meetings' IRIs.

    >>> from rdflib import Graph, RDF
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> for p in (DKR.a, DKR.b, DKR.c):
    ...     _ = g.add((p, RDF.type, DK.Person))
    >>> for m in (DKR.m1, DKR.m2):
    ...     _ = g.add((m, RDF.type, DK.Meeting))
    ...     _ = g.add((m, DK.participant, DKR.a))
    ...     _ = g.add((m, DK.participant, DKR.b))
    >>> _ = g.add((DKR.a, DK.met, DKR.b))
    >>> G = person_network(g)
    >>> sorted(G.nodes) == [str(DKR.a), str(DKR.b), str(DKR.c)]
    True
    >>> G.edges[str(DKR.a), str(DKR.b)]["weight"]
    2
    """
    G = nx.Graph()
    person_meetings = _person_meetings(graph)
    for person in sorted(person_meetings, key=str):
        G.add_node(
            str(person),
            label=_label(graph, person),
            country=_country_label(graph, person),
        )
    by_id = {str(p): p for p in person_meetings}
    pairs = {
        tuple(sorted((str(a), str(b))))
        for a, b in graph.subject_objects(DK.met)
        if a != b and a in person_meetings and b in person_meetings
    }
    for a, b in sorted(pairs):
        shared = person_meetings[by_id[a]] & person_meetings[by_id[b]]
        meetings = sorted(str(m) for m in shared)
        G.add_edge(a, b, weight=max(1, len(meetings)), meetings=meetings)
    return G


def meeting_network(graph: Graph) -> nx.Graph:
    """Bipartite person–meeting network.

    Nodes are persons and meetings (IRIs as strings) with attributes ``kind`` (``"person"`` or
    ``"meeting"``), ``bipartite`` (0 for persons, 1 for meetings, as ``networkx.bipartite``
    expects) and ``label``; meetings also carry ``date`` (the ``dk:date`` value or ``None``).
    There is an edge between a person and each meeting they take part in (``dk:participant`` or
    ``dk:host``); countries and organisations taking part are left out.

    >>> from rdflib import Graph, RDF
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> _ = g.add((DKR.a, RDF.type, DK.Person))
    >>> _ = g.add((DKR.m1, RDF.type, DK.Meeting))
    >>> _ = g.add((DKR.m1, DK.participant, DKR.a))
    >>> B = meeting_network(g)
    >>> B.nodes[str(DKR.m1)]["kind"], B.number_of_edges()
    ('meeting', 1)
    """
    B = nx.Graph()
    person_meetings = _person_meetings(graph)
    meetings = set(graph.subjects(RDF.type, DK.Meeting))
    for ms in person_meetings.values():
        meetings |= ms
    for person in sorted(person_meetings, key=str):
        B.add_node(str(person), kind="person", bipartite=0, label=_label(graph, person))
    for meeting in sorted(meetings, key=str):
        dates = sorted(str(d) for d in graph.objects(meeting, DK.date))
        B.add_node(
            str(meeting),
            kind="meeting",
            bipartite=1,
            label=_label(graph, meeting),
            date=dates[0] if dates else None,
        )
    edges = sorted((str(p), str(m)) for p, ms in person_meetings.items() for m in ms)
    B.add_edges_from(edges)
    return B


# ------------------------------------------------------------------ centrality


def _arcs(G: nx.Graph) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """Nodes of ``G`` and its arcs as index arrays (each edge both ways, a self-loop once) with
    their ``weight`` (1 when missing), in ``G.edges(u)`` order."""
    import numpy as np

    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    src, dst, weight = [], [], []
    for u in nodes:
        i = index[u]
        for _, v, d in G.edges(u, data=True):
            src.append(i)
            dst.append(index[v])
            weight.append(d.get("weight", 1))
    return (nodes, np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64),
            np.array(weight, dtype=np.float64))


def _pagerank(G: nx.Graph) -> dict:
    """``nx.pagerank`` (which needs scipy), or the same power iteration in NumPy."""
    try:
        return nx.pagerank(G, weight="weight", max_iter=1000)
    except ImportError:
        pass
    import numpy as np

    # networkx's defaults: alpha 0.85, uniform teleport, dangling (isolated) nodes spread their
    # rank uniformly, l1 tolerance N * 1e-6
    alpha, tol, max_iter = 0.85, 1.0e-6, 1000
    nodes, src, dst, weight = _arcs(G)
    n = len(nodes)
    out_weight = np.bincount(src, weights=weight, minlength=n)
    dangling = out_weight == 0
    safe = np.where(dangling, 1.0, out_weight)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        dangle = alpha * float(last[dangling].sum())
        share = np.where(dangling, 0.0, alpha * last / safe)
        x = np.bincount(dst, weights=share[src] * weight, minlength=n) + (dangle + 1.0 - alpha) / n
        if float(np.abs(x - last).sum()) < n * tol:
            return {node: float(value) for node, value in zip(nodes, x)}
    raise nx.PowerIterationFailedConvergence(max_iter)


def _eigenvector_values(G: nx.Graph, max_iter: int = 1000, tol: float = 1.0e-6) -> dict:
    """``nx.eigenvector_centrality(G, max_iter, tol, weight="weight")``: the same power
    iteration on ``A + I`` (start 1/n, Euclidean normalisation, l1 tolerance n * tol) in NumPy."""
    import numpy as np

    nodes, src, dst, weight = _arcs(G)
    n = len(nodes)
    if n == 0:
        raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + np.bincount(dst, weights=last[src] * weight, minlength=n)
        norm = float(np.sqrt(np.dot(x, x))) or 1.0
        x = x / norm
        if float(np.abs(x - last).sum()) < n * tol:
            return {node: float(value) for node, value in zip(nodes, x)}
    raise nx.PowerIterationFailedConvergence(max_iter)


def _eigenvector(G: nx.Graph) -> dict:
    """Eigenvector centrality computed per connected component, robust to isolated nodes.

    Each component with at least one edge gets networkx's weighted eigenvector centrality (up
    to 1000 iterations; :func:`_eigenvector_values`), scaled by ``sqrt(component size / nodes in
    such components)`` so a connected graph gets networkx's values and the whole vector keeps
    Euclidean norm 1. Isolated nodes, and components whose power iteration does not converge,
    get 0.0.
    """
    result = dict.fromkeys(G, 0.0)
    components = [sorted(c, key=str) for c in nx.connected_components(G) if len(c) > 1]
    total = sum(len(c) for c in components)
    for component in sorted(components, key=lambda c: str(c[0])):
        sub = G.subgraph(component)
        try:
            values = _eigenvector_values(sub)
        except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
            continue
        scale = math.sqrt(len(component) / total)
        for node, value in values.items():
            result[node] = value * scale
    return result


def centrality(G: nx.Graph) -> dict[str, dict[str, float]]:
    """Centrality measures of every node of ``G``.

    Returns ``{node: {"degree", "weighted_degree", "betweenness", "pagerank", "eigenvector"}}``:

    - ``degree``: ``nx.degree_centrality``;
    - ``weighted_degree``: sum of the ``weight`` of the node's edges (1 per edge without one);
    - ``betweenness``: ``nx.betweenness_centrality`` (unweighted, normalised; exact up to
      :data:`BETWEENNESS_EXACT_MAX` nodes, above it estimated from :data:`BETWEENNESS_PIVOTS`
      sources chosen with a fixed seed, so still deterministic);
    - ``pagerank``: PageRank with ``weight="weight"`` (pure Python when scipy is missing);
    - ``eigenvector``: weighted eigenvector centrality per connected component; isolated nodes
      and components that do not converge get 0.0.

    An empty graph gives ``{}``.

    >>> import networkx as nx
    >>> G = nx.star_graph(3)          # node 0 is the hub
    >>> c = centrality(G)
    >>> max(c, key=lambda n: c[n]["pagerank"])
    0
    >>> c[0]["degree"], c[0]["weighted_degree"], c[0]["betweenness"]
    (1.0, 3.0, 1.0)
    >>> centrality(nx.Graph())
    {}
    """
    if G.number_of_nodes() == 0:
        return {}
    # One build asks for the same network's measures several times (page, report tables):
    # compute them once per distinct network (key: its nodes and weighted edges).
    key = (tuple(G), tuple((u, v, d.get("weight")) for u, v, d in G.edges(data=True)))
    if key not in _CENTRALITY_CACHE:
        _CENTRALITY_CACHE.clear()
        _CENTRALITY_CACHE[key] = _centrality(G)
    return {n: dict(values) for n, values in _CENTRALITY_CACHE[key].items()}


_CENTRALITY_CACHE: dict = {}
#: Person networks up to this many nodes get exact betweenness; larger ones an estimate.
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_PIVOTS = 250


# Brandes' algorithm on integer node ids (unweighted). Node i is the i-th node of G, neighbours
# in G's adjacency order; path counts are exact integers and every sum runs in the order
# networkx's runs it, so the values are networkx's ``betweenness_centrality`` /
# ``betweenness_centrality_subset`` to the last bit, about three times faster (lists instead of
# dicts, predecessors found again from the distances instead of stored).


def _adjacency(G: nx.Graph) -> tuple[list, list[list[int]]]:
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    return nodes, [[index[m] for m in G[node] if m != node] for node in nodes]


def _dependencies(adj: list[list[int]], s: int, targets: list[bool] | None = None) -> tuple[list[int], list[float]]:
    """Nodes reachable from ``s`` (BFS order) and their dependency on ``s``: the share of
    shortest paths from ``s`` to every other node (to the ``targets`` only, when given) through
    them. The dependency of ``s`` itself is 0."""
    n = len(adj)
    sigma = [0] * n
    dist = [-1] * n
    dist[s] = 0
    sigma[s] = 1
    order = [s]
    push = order.append
    for v in order:  # BFS: the list grows while it is read
        next_dist = dist[v] + 1
        sigma_v = sigma[v]
        for w in adj[v]:
            dist_w = dist[w]
            if dist_w < 0:
                dist[w] = next_dist
                push(w)
                sigma[w] = sigma_v
            elif dist_w == next_dist:
                sigma[w] += sigma_v
    delta = [0.0] * n
    for w in reversed(order):
        if targets is None:
            coeff = (1 + delta[w]) / sigma[w]
        else:
            coeff = ((delta[w] + 1.0) if targets[w] and w != s else delta[w]) / sigma[w]
        up = dist[w] - 1
        for v in adj[w]:
            if dist[v] == up:
                delta[v] += sigma[v] * coeff
    delta[s] = 0.0
    return order, delta


def _betweenness(G: nx.Graph, k: int | None, seed: int = 0) -> dict:
    """``nx.betweenness_centrality(G, k=k, normalized=True, seed=seed)``, unweighted: the same
    ``k`` seeded pivots and scaling, the same values."""
    nodes, adj = _adjacency(G)
    n = len(nodes)
    if k is not None and k >= n:
        k = None
    sources = list(range(n)) if k is None else _sample_indexes(nodes, k, seed)
    total = [0.0] * n
    for s in sources:
        order, delta = _dependencies(adj, s)
        for w in order:
            total[w] += delta[w]
    # networkx's _rescale: normalised, undirected, endpoints excluded
    big_n = n - 1
    if big_n < 2:
        return dict(zip(nodes, total))
    if k is None:
        scale = 1 / (big_n * (big_n - 1))
        return {node: value * scale for node, value in zip(nodes, total)}
    scale_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
    scale_other = 1 / (k * (big_n - 1))
    chosen = set(sources)
    return {node: value * (scale_source if i in chosen else scale_other)
            for i, (node, value) in enumerate(zip(nodes, total))}


def _sample_indexes(nodes: list, k: int, seed: int) -> list[int]:
    """The ``k`` pivots networkx picks with ``seed`` (``random.Random(seed).sample``), as indexes."""
    index = {node: i for i, node in enumerate(nodes)}
    return [index[x] for x in random.Random(seed).sample(nodes, k)]


def _subset_betweenness(G: nx.Graph, sources: list, targets: list) -> dict:
    """``nx.betweenness_centrality_subset(G, sources, targets, normalized=False)`` (undirected)."""
    nodes, adj = _adjacency(G)
    index = {node: i for i, node in enumerate(nodes)}
    is_target = [False] * len(nodes)
    for t in targets:
        is_target[index[t]] = True
    total = [0.0] * len(nodes)
    for source in sources:
        order, delta = _dependencies(adj, index[source], is_target)
        for w in order:
            total[w] += delta[w]
    return {node: value * 0.5 for node, value in zip(nodes, total)}


def _centrality(G: nx.Graph) -> dict[str, dict[str, float]]:
    degree = nx.degree_centrality(G)
    weighted = {n: float(d) for n, d in G.degree(weight="weight")}
    # exact up to BETWEENNESS_EXACT_MAX nodes; above, estimated from BETWEENNESS_PIVOTS seeded
    # sources (Brandes & Pich): exact betweenness is O(nodes x edges), minutes on big corpora
    pivots = None if G.number_of_nodes() <= BETWEENNESS_EXACT_MAX else BETWEENNESS_PIVOTS
    betweenness = _betweenness(G, pivots, seed=0)
    pagerank = _pagerank(G)
    eigenvector = _eigenvector(G)
    return {
        n: {
            "degree": float(degree[n]),
            "weighted_degree": weighted[n],
            "betweenness": float(betweenness[n]),
            "pagerank": float(pagerank[n]),
            "eigenvector": float(eigenvector[n]),
        }
        for n in G
    }


def central_actors(graph: Graph, top: int | None = 10) -> list[dict]:
    """The most central persons of the person network, as table rows.

    Rows are sorted by PageRank (descending), then name, then IRI, and cut to ``top`` rows
    (``None`` for all). Each row has ``rank`` (1-based), ``name``, ``country`` (label or
    ``None``), ``meetings`` (number of meetings the person takes part in), ``degree``,
    ``weighted_degree``, ``betweenness``, ``pagerank``, ``eigenvector`` (rounded to 4 decimals)
    and ``id`` (the person's IRI).

    >>> from rdflib import Graph, Literal, RDF, RDFS
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> for name in ("Hub", "Leaf1", "Leaf2"):
    ...     _ = g.add((DKR[name], RDF.type, DK.Person))
    ...     _ = g.add((DKR[name], RDFS.label, Literal(name)))
    ...     _ = g.add((DKR.m1, DK.participant, DKR[name]))
    >>> for leaf in ("Leaf1", "Leaf2"):
    ...     _ = g.add((DKR.Hub, DK.met, DKR[leaf]))
    >>> rows = central_actors(g, top=2)
    >>> [(r["rank"], r["name"], r["meetings"], r["degree"]) for r in rows]
    [(1, 'Hub', 1, 1.0), (2, 'Leaf1', 1, 0.5)]
    """
    if top is not None and top < 0:
        raise ValueError(f"top must be >= 0 or None, got {top}")
    G = person_network(graph)
    scores = centrality(G)
    meetings = {str(p): len(ms) for p, ms in _person_meetings(graph).items()}
    rows = []
    for node, data in G.nodes(data=True):
        row = {
            "rank": 0,
            "name": data["label"],
            "country": data["country"],
            "meetings": meetings.get(node, 0),
        }
        row.update({m: round(scores[node][m], 4) for m in MEASURES})
        row["id"] = node
        rows.append(row)
    rows.sort(key=lambda r: (-r["pagerank"], r["name"].casefold(), r["name"], r["id"]))
    if top is not None:
        rows = rows[:top]
    for i, row in enumerate(rows, start=1):
        row["rank"] = i
    return rows



# ------------------------------------------------------------------ bipartite, communities, brokers


def bipartite_centrality(B: nx.Graph) -> dict[str, dict[str, float]]:
    """Centrality of every node of a person–meeting network (see :func:`meeting_network`).

    Persons are the nodes with ``bipartite == 0``. Returns ``{node: {"degree",
    "weighted_degree", "betweenness", "pagerank", "eigenvector"}}`` where ``degree`` and
    ``betweenness`` are the bipartite versions (``nx.bipartite.degree_centrality`` and
    ``nx.bipartite.betweenness_centrality``: normalised by the size of the other side),
    ``weighted_degree`` is the number of meetings of a person (participants of a meeting),
    ``pagerank`` and ``eigenvector`` are computed on the whole bipartite network as in
    :func:`centrality`. An empty network gives ``{}``.

    >>> import networkx as nx
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["a", "b", "c"], bipartite=0)
    >>> B.add_nodes_from(["m1", "m2"], bipartite=1)
    >>> B.add_edges_from([("a", "m1"), ("b", "m1"), ("b", "m2"), ("c", "m2")])
    >>> c = bipartite_centrality(B)
    >>> c["b"]["weighted_degree"], c["b"]["degree"], c["b"]["betweenness"] > c["a"]["betweenness"]
    (2.0, 1.0, True)
    """
    if B.number_of_nodes() == 0:
        return {}
    persons = {n for n, d in B.nodes(data=True) if d.get("bipartite", 0) == 0}
    others = set(B) - persons
    if persons and others:
        degree = nx.bipartite.degree_centrality(B, persons)
        betweenness = nx.bipartite.betweenness_centrality(B, persons)
    else:  # one side is empty: no edge can exist
        degree = dict.fromkeys(B, 0.0)
        betweenness = dict.fromkeys(B, 0.0)
    pagerank = _pagerank(B)
    eigenvector = _eigenvector(B)
    return {
        n: {
            "degree": float(degree[n]),
            "weighted_degree": float(B.degree(n)),
            "betweenness": float(betweenness[n]),
            "pagerank": float(pagerank[n]),
            "eigenvector": float(eigenvector[n]),
        }
        for n in B
    }


@_shared
def communities(G: nx.Graph, seed: int = 0, weight: str | None = "weight") -> dict[str, int]:
    """Community of every node: seeded Louvain (``nx.community.louvain_communities``).

    Returns ``{node: community id}``. Ids are 1, 2, … by decreasing community size, then by the
    smallest node of the community, so the same graph and seed always give the same ids. Every
    node gets an id (an isolated node is a community of its own). Falls back to greedy
    modularity (deterministic, no seed) on networkx versions without Louvain.

    >>> import networkx as nx
    >>> G = nx.barbell_graph(4, 0)     # two 4-cliques joined by one edge
    >>> c = communities(G, seed=1)
    >>> sorted(set(c.values())), c[0] == c[3], c[0] == c[4]
    ([1, 2], True, False)
    >>> communities(G, seed=1) == c
    True
    """
    if G.number_of_nodes() == 0:
        return {}
    louvain = getattr(getattr(nx, "community", None), "louvain_communities", None)
    if louvain is not None:
        found = louvain(G, weight=weight, seed=seed)
    else:  # pragma: no cover - networkx < 2.8
        found = nx.community.greedy_modularity_communities(G, weight=weight)
    groups = sorted((sorted(map(str, c)) for c in found), key=lambda c: (-len(c), c[0]))
    by_name = {str(n): n for n in G}
    return {by_name[n]: i for i, group in enumerate(groups, start=1) for n in group}


def _side(G: nx.Graph, country: str) -> set:
    wanted = fold(country)
    return {n for n, d in G.nodes(data=True) if d.get("country") and fold(d["country"]) == wanted}


_BROKER_CACHE: dict = {}
#: Broker scores count paths from every person of the smaller side up to this many persons;
#: above, from this many of them chosen with the seed (exact path counting is O(sources x edges)).
BROKER_SOURCES = 200


def brokers(
    G: nx.Graph, side_a: str = "United States", side_b: str = "Mexico", seed: int = 0
) -> dict[str, dict[str, float]]:
    """Who connects two sides of a person network (by the nodes' ``country`` attribute).

    Returns ``{node: {"broker": score, "cross_ties": n}}``. ``broker`` is the share of
    shortest paths between persons of ``side_a`` and persons of ``side_b`` that pass through
    the node (``nx.betweenness_centrality_subset`` between the two sides, divided by the number
    of such pairs): 1.0 means every pair is connected only through this node. Paths are counted
    from the persons of the smaller side (the same paths, undirected); when it has more than
    :data:`BROKER_SOURCES` persons, from that many of them chosen with ``seed`` and scaled up
    (an unbiased estimate; deterministic). ``cross_ties`` is the number of the node's
    neighbours on the other side (0 for persons on neither side). Countries are compared
    accent- and case-insensitively.

    >>> import networkx as nx
    >>> G = nx.Graph([("us1", "us2"), ("us2", "mx1"), ("mx1", "mx2")])
    >>> nx.set_node_attributes(G, {"us1": "United States", "us2": "United States",
    ...                            "mx1": "Mexico", "mx2": "Mexico"}, "country")
    >>> b = brokers(G)
    >>> b["us2"], b["us1"]["broker"]
    ({'broker': 0.5, 'cross_ties': 1}, 0.0)
    """
    a, b = _side(G, side_a), _side(G, side_b)
    pairs = len(a) * len(b)
    if pairs:
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        sources, targets = sorted(small, key=str), sorted(large, key=str)
        # the report asks twice for the same network: compute once
        key = (tuple(G), tuple(G.edges()), tuple(sources), tuple(targets), seed)
        if key not in _BROKER_CACHE:
            scale = 1.0
            if len(sources) > BROKER_SOURCES:
                scale = len(sources) / BROKER_SOURCES
                sources = random.Random(seed).sample(sources, BROKER_SOURCES)
            raw = _subset_betweenness(G, sources, targets)
            _BROKER_CACHE.clear()
            _BROKER_CACHE[key] = {n: v * scale for n, v in raw.items()}
        raw = _BROKER_CACHE[key]
        # undirected graphs count each (source, target) pair as one half
        score = {n: 2.0 * v / pairs for n, v in raw.items()}
    else:
        score = dict.fromkeys(G, 0.0)
    result = {}
    for node in G:
        other = b if node in a else a if node in b else set()
        ties = sum(1 for m in G[node] if m in other)
        result[node] = {"broker": round(float(score[node]), 10), "cross_ties": ties}
    return result


def cross_ties(G: nx.Graph, side_a: str = "United States", side_b: str = "Mexico") -> int:
    """Number of edges between a person of ``side_a`` and a person of ``side_b``.

    >>> import networkx as nx
    >>> G = nx.Graph([("u", "m"), ("u", "v")])
    >>> nx.set_node_attributes(G, {"u": "United States", "v": "United States", "m": "Mexico"}, "country")
    >>> cross_ties(G)
    1
    """
    a, b = _side(G, side_a), _side(G, side_b)
    return sum(1 for u, v in G.edges if (u in a and v in b) or (u in b and v in a))
