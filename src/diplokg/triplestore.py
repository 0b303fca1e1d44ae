"""A lean in-memory rdflib store for the graphs a build makes.

rdflib's default ``Memory`` store keeps, next to its three indexes, the contexts of every triple
and dispatches an event object per added triple: about half the time of building, querying and
serialising a graph of 300,000 triples goes there. :class:`IndexedStore` is a plain
``rdflib.store.Store`` plugin (one graph, no contexts, no events) holding ``subject ->
predicate -> {objects}``, with the ``predicate -> object -> {subjects}`` and ``object ->
subject -> {predicates}`` indexes built on first use. ``Graph(store=IndexedStore())`` keeps the
whole rdflib ``Graph`` API (SPARQL through rdflib's engine, parsing, serialising, isomorphism).

Iteration order, as with rdflib's stores, depends on hashing: sort wherever order matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.store import Store
from rdflib.term import Node

__all__ = ["IndexedStore", "indexed_graph"]

_Index = dict  # Node -> Node -> set[Node]


def _no_contexts() -> Iterator[Graph]:
    return iter(())


def _index_add(index: _Index, a: Node, b: Node, c: Node) -> None:
    inner = index.get(a)
    if inner is None:
        index[a] = {b: {c}}
        return
    values = inner.get(b)
    if values is None:
        inner[b] = {c}
    else:
        values.add(c)


def _index_discard(index: _Index, a: Node, b: Node, c: Node) -> None:
    inner = index.get(a)
    if inner is None:
        return
    values = inner.get(b)
    if values is None:
        return
    values.discard(c)
    if not values:
        del inner[b]
        if not inner:
            del index[a]


class IndexedStore(Store):
    """In-memory triples of one graph: ``spo`` always, ``pos`` and ``osp`` once a pattern needs
    them (then kept up to date)."""

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, configuration: str | None = None, identifier: Node | None = None):
        super().__init__(configuration)
        self.identifier = identifier
        #: subject -> predicate -> set of objects (read-only for callers)
        self.spo: _Index = {}
        self._pos: _Index | None = None
        self._osp: _Index | None = None
        self._size = 0
        self._terms: dict[Node, Node] = {}  # one instance per term (see intern)
        self._namespace: dict[str, URIRef] = {}
        self._prefix: dict[URIRef, str] = {}

    def clear(self) -> None:
        """Drop every triple and index (the prefixes stay), so their memory can be freed while
        the graph object lives on."""
        self.spo = {}
        self._pos = self._osp = None
        self._size = 0
        self._terms = {}

    # ------------------------------------------------------------------ indexes

    @property
    def pos(self) -> _Index:
        """predicate -> object -> set of subjects (built on first use)."""
        if self._pos is None:
            pos: _Index = {}
            for s, po in self.spo.items():
                for p, objects in po.items():
                    by_object = pos.get(p)
                    if by_object is None:
                        by_object = pos[p] = {}
                    for o in objects:
                        subjects = by_object.get(o)
                        if subjects is None:
                            by_object[o] = {s}
                        else:
                            subjects.add(s)
            self._pos = pos
        return self._pos

    @property
    def osp(self) -> _Index:
        """object -> subject -> set of predicates (built on first use)."""
        if self._osp is None:
            osp: _Index = {}
            for s, po in self.spo.items():
                for p, objects in po.items():
                    for o in objects:
                        _index_add(osp, o, s, p)
            self._osp = osp
        return self._osp

    # ------------------------------------------------------------------ Store API

    def intern(self, term: Node) -> Node:
        """The instance of ``term`` the store holds (or ``term`` itself when it holds none):
        dictionary look-ups with it are identity hits, skipping rdflib's ``__eq__``."""
        return self._terms.get(term, term)

    def add(self, triple, context=None, quoted: bool = False) -> None:
        terms = self._terms
        s, p, o = triple
        s = terms.setdefault(s, s)
        p = terms.setdefault(p, p)
        o = terms.setdefault(o, o)
        po = self.spo.get(s)
        if po is None:
            self.spo[s] = {p: {o}}
        else:
            objects = po.get(p)
            if objects is None:
                po[p] = {o}
            elif o in objects:
                return
            else:
                objects.add(o)
        self._size += 1
        if self._pos is not None:
            _index_add(self._pos, p, o, s)
        if self._osp is not None:
            _index_add(self._osp, o, s, p)

    def addN(self, quads: Iterable) -> None:  # rdflib's name
        for s, p, o, _context in quads:
            self.add((s, p, o))

    def add_many(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Add ``triples`` (duplicates are ignored)."""
        add = self.add
        for triple in triples:
            add(triple)

    def remove(self, triple_pattern, context=None) -> None:
        for (s, p, o), _ in list(self.triples(triple_pattern)):
            _index_discard(self.spo, s, p, o)
            self._size -= 1
            if self._pos is not None:
                _index_discard(self._pos, p, o, s)
            if self._osp is not None:
                _index_discard(self._osp, o, s, p)

    def triples(self, triple_pattern, context=None):
        s, p, o = triple_pattern
        if s is not None:
            po = self.spo.get(s)
            if not po:
                return
            if p is not None:
                objects = po.get(p)
                if not objects:
                    return
                if o is not None:
                    if o in objects:
                        yield (s, p, o), _no_contexts()
                    return
                for obj in list(objects):
                    yield (s, p, obj), _no_contexts()
                return
            for pred, objects in list(po.items()):
                if o is not None:
                    if o in objects:
                        yield (s, pred, o), _no_contexts()
                else:
                    for obj in list(objects):
                        yield (s, pred, obj), _no_contexts()
            return
        if p is not None:
            by_object = self.pos.get(p)
            if not by_object:
                return
            if o is not None:
                for subj in list(by_object.get(o, ())):
                    yield (subj, p, o), _no_contexts()
                return
            for obj, subjects in list(by_object.items()):
                for subj in list(subjects):
                    yield (subj, p, obj), _no_contexts()
            return
        if o is not None:
            for subj, predicates in list(self.osp.get(o, {}).items()):
                for pred in list(predicates):
                    yield (subj, pred, o), _no_contexts()
            return
        for subj, po in list(self.spo.items()):
            for pred, objects in list(po.items()):
                for obj in list(objects):
                    yield (subj, pred, obj), _no_contexts()

    def __len__(self, context=None) -> int:
        return self._size

    def contexts(self, triple=None):
        return iter(())

    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        # the same rules as rdflib's Memory.bind
        bound_namespace = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_namespace is not None:
            bound_prefix = self._prefix.get(bound_namespace)
        if override:
            if bound_prefix is not None:
                del self._namespace[bound_prefix]
            if bound_namespace is not None:
                del self._prefix[bound_namespace]
            self._prefix[namespace] = prefix
            self._namespace[prefix] = namespace
        else:
            namespace_ = bound_namespace if bound_namespace is not None else namespace
            prefix_ = bound_prefix if bound_prefix is not None else prefix
            self._prefix[namespace_] = prefix_
            self._namespace[prefix_] = namespace_

    def namespace(self, prefix: str) -> URIRef | None:
        return self._namespace.get(prefix)

    def prefix(self, namespace: URIRef) -> str | None:
        return self._prefix.get(namespace)

    def namespaces(self):
        yield from list(self._namespace.items())


def indexed_graph(triples: Iterable[tuple[Node, Node, Node]] = ()) -> Graph:
    """A ``Graph`` on a new :class:`IndexedStore` holding ``triples`` (rdflib's default prefixes
    bound, as for ``Graph()``)."""
    graph = Graph(store=IndexedStore())
    graph.store.add_many(triples)
    return graph
