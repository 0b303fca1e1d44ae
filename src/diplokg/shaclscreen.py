"""A fast, conservative SHACL Core check: does a graph surely give no validation result?

pySHACL takes about 15 s on a 300,000-triple graph (it copies the graph to mix the ontology in,
then walks every focus node through rdflib's generic API). A build's graph nearly always
conforms, so :func:`validate_graph <diplokg.validate.validate_graph>` first asks
:func:`screen`, which evaluates the shapes over plain dictionaries in well under a second:

- ``True``: no focus node of any shape fails any constraint (at any severity), so pySHACL would
  report "conforms" with no result: that is the report, and pySHACL is not run;
- ``False``: something may fail: pySHACL runs as before and gives the exact results (messages,
  paths, values), so a broken graph is reported exactly as without the screen.

The screen must never say ``True`` where pySHACL reports a result; it may say ``False`` where
pySHACL finds nothing (that only costs time). Where a check is not certain (an unusual literal
type, a blank node where pySHACL raises) it says ``False``. It understands the SHACL Core
subset our shapes use: targets ``sh:targetClass`` (with ``rdfs:subClassOf``), ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``; paths that are an IRI or ``sh:inversePath`` of
one; ``sh:property``, ``sh:node``, ``sh:or``, ``sh:minCount``, ``sh:maxCount``,
``sh:datatype``, ``sh:class``, ``sh:in``, ``sh:equals``, ``sh:lessThan``, ``sh:minLength``,
``sh:minInclusive``, and the non-validating ``sh:message``, ``sh:severity``, ``sh:name``,
``sh:description``, ``sh:order``, ``sh:group``. A shapes graph that uses anything else (another
constraint, SPARQL, rules, ``sh:deactivated``, implicit class targets, a parameter pySHACL would
reject) raises :class:`Unsupported` and validation goes to pySHACL directly.

The data is the graph plus the ontology's triples (as pySHACL mixes ``ont_graph`` in). For a graph
on an :class:`~diplokg.triplestore.IndexedStore` the store's own indexes are read; for any other
graph, its triples are indexed in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH
from rdflib.term import Node

from .triplestore import IndexedStore

__all__ = ["Unsupported", "screen"]


class Unsupported(Exception):
    """The shapes use something the screen does not evaluate: run pySHACL."""


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_CONSTRAINTS = (SH.property, SH.node, SH["or"], SH.minCount, SH.maxCount, SH.datatype, SH["class"],
                SH["in"], SH.equals, SH.lessThan, SH.minLength, SH.minInclusive)
_DESCRIPTIVE = (SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group)
#: Every sh: predicate the screen understands; any other one in the shapes graph: Unsupported.
_KNOWN = frozenset((SH.path, SH.inversePath, *_TARGETS, *_CONSTRAINTS, *_DESCRIPTIVE))
#: Parameters pySHACL accepts at most once per shape.
_SINGLE = (SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH.minLength, SH.minInclusive)

# ------------------------------------------------------------------ data access

_TYPE, _SUBCLASS = URIRef(str(RDF.type)), URIRef(str(RDFS.subClassOf))  # not per-call namespace look-ups
_EMPTY: frozenset = frozenset()


def _lookup(index: dict, extra: dict, a: Node, b: Node) -> set:
    """``index[a][b]`` together with ``extra[a][b]`` (empty when neither has it)."""
    found = index.get(a)
    found = found.get(b, _EMPTY) if found else _EMPTY
    more = extra.get(a)
    more = more.get(b) if more else None
    return found | more if more else found


def _indexes(graph: Graph) -> tuple[dict, Callable[[], dict]]:
    """``subject -> predicate -> objects`` of ``graph`` and a function giving ``predicate ->
    object -> subjects``: an :class:`IndexedStore`'s own indexes, else both built in one pass
    over the triples."""
    store = graph.store
    if isinstance(store, IndexedStore):
        return store.spo, lambda: store.pos
    spo: dict = {}
    pos: dict = {}
    for s, p, o in graph:
        spo.setdefault(s, {}).setdefault(p, set()).add(o)
        pos.setdefault(p, {}).setdefault(o, set()).add(s)
    return spo, lambda: pos


class _Data:
    """The data graph with the ontology's triples mixed in (as pySHACL mixes ``ont_graph``)."""

    def __init__(self, graph: Graph, ontology: Graph | None):
        self.spo, self._pos_of = _indexes(graph)
        self._intern = graph.store.intern if isinstance(graph.store, IndexedStore) else None
        self._pos: dict | None = None
        # the ontology is small: its triples are looked up next to the data's
        self.extra_spo: dict = {}
        self.extra_pos: dict = {}
        for s, p, o in ontology if ontology is not None else ():
            self.extra_spo.setdefault(s, {}).setdefault(p, set()).add(o)
            self.extra_pos.setdefault(p, {}).setdefault(o, set()).add(s)

    def intern(self, term: Node) -> Node:
        """The data's own instance of ``term`` (identity hits in its dictionaries)."""
        return self._intern(term) if self._intern else term

    @property
    def pos(self) -> dict:
        if self._pos is None:
            self._pos = self._pos_of()
        return self._pos

    def objects(self, s: Node, p: Node) -> set:
        return _lookup(self.spo, self.extra_spo, s, p)

    def subjects(self, p: Node, o: Node) -> set:
        return _lookup(self.pos, self.extra_pos, p, o)

    def subjects_of(self, p: Node) -> set:
        return {s for table in (self.pos.get(p, {}), self.extra_pos.get(p, {})) for ss in table.values() for s in ss}

    def objects_of(self, p: Node) -> set:
        return set(self.pos.get(p, {})) | set(self.extra_pos.get(p, {}))

    def subclasses(self, cls: Node) -> set:
        """``cls`` and every class that is ``rdfs:subClassOf*`` it."""
        classes, todo = {cls}, [cls]
        while todo:
            for child in self.subjects(self.intern(_SUBCLASS), todo.pop()):
                if child not in classes:
                    classes.add(child)
                    todo.append(child)
        return classes

    def instances(self, cls: Node) -> set:
        """Subjects of ``rdf:type`` ``cls`` or one of its subclasses."""
        return set().union(*(self.subjects(self.intern(_TYPE), c) for c in self.subclasses(cls)))


# ------------------------------------------------------------------ value checks (as pySHACL)

_STRING_TYPES = (None, URIRef(str(RDF.langString)), URIRef(str(XSD.string)))
#: pySHACL's test of a literal's Python value, by datatype (others: any value passes).
_PYTHON_TYPES = {
    URIRef(str(dt)): python for dt, python in (
        (XSD.string, (str, bytes)), (RDF.langString, (str, bytes)), (XSD.integer, int), (XSD.float, float),
        (XSD.decimal, Decimal), (XSD.boolean, bool), (XSD.date, date), (XSD.time, time), (XSD.dateTime, datetime))
}


def _datatype_test(datatype: Node) -> Callable[[Node], bool]:
    """sh:datatype for one value node: literals of exactly ``datatype`` (or plain strings for
    xsd:string) without a call; anything else through :func:`_datatype_ok`."""
    expected = _PYTHON_TYPES.get(datatype)
    string = datatype == XSD.string

    def test(v: Node) -> bool:
        if type(v) is Literal:
            dt = v.datatype
            if dt is datatype or dt == datatype:
                return getattr(v, "ill_typed", None) is not True and (expected is None or isinstance(v.value, expected))
            if dt is None and string and v.language is None:
                return isinstance(v.value, (str, bytes))
        return _datatype_ok(v, datatype)

    return test


def _datatype_ok(value: Node, datatype: Node) -> bool:
    """pySHACL's DatatypeConstraintComponent for one value node."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
        return _actual_datatype(value, datatype)
    if datatype == RDFS.Literal:
        return True
    if datatype == RDFS.Datatype and value.datatype:
        return True
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return _actual_datatype(value, datatype)
    if datatype == RDF.langString and value.language:
        return _actual_datatype(value, datatype)
    return False


def _actual_datatype(value: Literal, datatype: Node) -> bool:
    expected = _PYTHON_TYPES.get(datatype)
    return True if expected is None else isinstance(value.value, expected)


def _less_than(value: Node, other: Node) -> bool:
    """pySHACL's sh:lessThan test for one pair (False where pySHACL reports or raises)."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        return False

    def plain(node: Node) -> tuple[object, bool]:
        if isinstance(node, URIRef):
            return str(node), True
        if isinstance(node, Literal) and isinstance(node.value, str):
            return node.value, True
        return node, False

    (a, a_string), (b, b_string) = plain(value), plain(other)
    if a_string != b_string:
        return False
    try:
        return bool(a < b)
    except Exception:  # incomparable: pySHACL reports (or raises)
        return False


def _as_int(literal: Node, name: str) -> int:
    if not isinstance(literal, Literal) or type(literal.value) is not int:
        raise Unsupported(f"{name} is not an integer")
    return literal.value


def _string_of(value: Node) -> str:
    """pySHACL's string form of a value node (for sh:minLength)."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in _STRING_TYPES:
        return str(value.value)
    return str(value)


# ------------------------------------------------------------------ shapes

Test = Callable[[Node], bool]  # focus node -> passes every constraint of the shape


class _Compiler:
    """Turns every shape of the shapes graph into a test ``focus -> bool``."""

    def __init__(self, shapes: Graph, data: _Data):
        self.sg = shapes
        self.data = data
        self.tests: dict[Node, Test] = {}
        self.targets: dict[Node, list[tuple[Node, Node]]] = {}
        self.memo: dict[tuple[Node, Node], bool] = {}
        self.active: set[tuple[Node, Node]] = set()
        self._check_vocabulary()
        for node in sorted(self._shape_nodes(), key=lambda n: (isinstance(n, BNode), str(n))):
            self.test(node)

    def _check_vocabulary(self) -> None:
        for _, p, o in self.sg:
            if str(p).startswith(str(SH)) and p not in _KNOWN:
                raise Unsupported(f"{p} is not evaluated by the screen")
            if p == RDF.type and str(o).startswith(str(SH)) and o not in (SH.NodeShape, SH.PropertyShape):
                raise Unsupported(f"type {o}")

    def _shape_nodes(self) -> set[Node]:
        nodes = set(self.sg.subjects(RDF.type, SH.NodeShape)) | set(self.sg.subjects(RDF.type, SH.PropertyShape))
        for p in (*_TARGETS, *_CONSTRAINTS, SH.path):
            nodes |= set(self.sg.subjects(p, None))
        for p in (SH.property, SH.node):
            nodes |= set(self.sg.objects(None, p))
        for lst in self.sg.objects(None, SH["or"]):
            nodes |= set(Collection(self.sg, lst))
        return nodes

    def _values(self, node: Node, p: Node) -> list[Node]:
        return list(self.sg.objects(node, p))

    def nested(self, node: Node, focus: Node) -> bool:
        """The test of shape ``node`` on ``focus``, memoised (for sh:node and sh:or)."""
        key = (node, focus)
        known = self.memo.get(key)
        if known is None:
            if key in self.active:
                raise Unsupported("recursive shapes")
            self.active.add(key)
            try:
                known = self.memo[key] = self.test(node)(focus)
            finally:
                self.active.discard(key)
        return known

    def test(self, node: Node) -> Test:
        if node in self.tests:
            return self.tests[node]
        self.tests[node] = lambda focus: self.tests[node](focus)  # placeholder while compiling
        sg, data = self.sg, self.data
        for p in _SINGLE:
            if len(self._values(node, p)) > 1:
                raise Unsupported(f"{node} has several {p}")
        if {RDFS.Class, OWL.Class} & set(sg.objects(node, RDF.type)):
            raise Unsupported(f"{node} is a class (implicit target)")
        self.targets[node] = [(p, o) for p in _TARGETS for o in self._values(node, p)]

        # value nodes of a focus node
        values: Callable[[Node], Iterable[Node]]
        path = sg.value(node, SH.path)
        if path is None:
            values = lambda focus: (focus,)
        elif isinstance(path, URIRef):
            values = lambda focus, p=data.intern(path): data.objects(focus, p)
        else:
            inner = list(sg.predicate_objects(path))
            if len(inner) != 1 or inner[0][0] != SH.inversePath or not isinstance(inner[0][1], URIRef):
                raise Unsupported(f"path of {node}")
            values = lambda focus, p=data.intern(inner[0][1]): data.subjects(p, focus)

        # constraints on the set of value nodes: (focus, values) -> bool
        canon = data.intern
        on_set: list[Callable[[Node, Iterable[Node]], bool]] = []
        # constraints on each value node: value -> bool
        on_each: list[Callable[[Node], bool]] = []
        for value in self._values(node, SH.minCount):
            n = _as_int(value, "sh:minCount")
            on_set.append(lambda f, vs, n=n: len(vs) >= n)
        for value in self._values(node, SH.maxCount):
            n = _as_int(value, "sh:maxCount")
            on_set.append(lambda f, vs, n=n: len(vs) <= n)
        for value in self._values(node, SH.equals):
            on_set.append(lambda f, vs, p=canon(value): set(vs) == data.objects(f, p))
        for value in self._values(node, SH.lessThan):
            on_set.append(lambda f, vs, p=canon(value): all(_less_than(v, w) for v in vs for w in data.objects(f, p)))
        for value in self._values(node, SH.datatype):
            on_each.append(_datatype_test(canon(value)))
        for value in self._values(node, SH["class"]):
            classes = frozenset(canon(c) for c in data.subclasses(value))
            on_each.append(lambda v, cs=classes, rdf_type=canon(_TYPE): not isinstance(v, Literal)
                           and not cs.isdisjoint(data.objects(v, rdf_type)))
        for value in self._values(node, SH["in"]):
            allowed = frozenset(canon(v) for v in Collection(sg, value))
            on_each.append(allowed.__contains__)
        for value in self._values(node, SH.minLength):
            n = _as_int(value, "sh:minLength")
            if n < 0:
                raise Unsupported("negative sh:minLength")
            if n:
                on_each.append(lambda v, n=n: not isinstance(v, BNode) and len(_string_of(v)) >= n)
        for value in self._values(node, SH.minInclusive):
            low = _as_int(value, "sh:minInclusive")
            # only literals of the bound's own datatype pass here; anything else goes to pySHACL
            on_each.append(lambda v, low=low, dt=value.datatype: isinstance(v, Literal) and v.datatype == dt
                           and type(v.value) is int and v.value >= low)
        for value in self._values(node, SH.property):
            on_each.append(lambda v, shape=self.test(value): shape(v))
        for value in self._values(node, SH.node):
            on_each.append(lambda v, s=value: self.nested(s, v))
        for value in self._values(node, SH["or"]):
            options = list(Collection(sg, value))
            for option in options:
                self.test(option)
            on_each.append(lambda v, o=options: any(self.nested(s, v) for s in o))

        def test(focus: Node) -> bool:
            found = values(focus)
            for check in on_set:
                if not check(focus, found):
                    return False
            for check in on_each:
                for v in found:
                    if not check(v):
                        return False
            return True

        self.tests[node] = test
        return test

    def focus_nodes(self, node: Node) -> set[Node]:
        data = self.data
        found: set[Node] = set()
        for kind, value in self.targets[node]:
            if kind == SH.targetClass:
                found |= data.instances(value)
            elif kind == SH.targetNode:
                found.add(value)
            elif kind == SH.targetSubjectsOf:
                found |= data.subjects_of(value)
            else:
                found |= data.objects_of(value)
        return found

    def all_conform(self) -> bool:
        for node, targets in self.targets.items():
            if targets:
                test = self.tests[node]
                if not all(test(focus) for focus in self.focus_nodes(node)):
                    return False
        return True


def screen(graph: Graph, shapes: Graph, ontology: Graph | None = None) -> bool:
    """True when ``graph`` (with ``ontology`` mixed in) surely gives no SHACL result for
    ``shapes``; False when it may (see the module docstring). Raises :class:`Unsupported` for
    shapes outside the subset understood."""
    return _Compiler(shapes, _Data(graph, ontology)).all_conform()
