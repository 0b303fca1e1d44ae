"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pySHACL).

The ontology's class hierarchy (``diplokg.ttl``) is mixed into the data graph so that
``sh:class dk:Place`` accepts a ``dk:City`` and ``sh:class dk:Actor`` a ``dk:Country``. No RDFS
or OWL entailment is run: the graph is checked as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .errors import InputError, ShapesError
from .namespace import PREFIXES
from .ontology import DEFAULT_ONTOLOGY_DIR
from .shaclscreen import Unsupported, screen

#: The shapes every build is checked against.
DEFAULT_SHAPES = DEFAULT_ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_FILE = "diplokg.ttl"

_PREFIXED = Graph(bind_namespaces="none")
for _prefix, _namespace in PREFIXES.items():
    _PREFIXED.bind(_prefix, _namespace)

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL validation result."""

    focus: str  # the node that fails
    path: str  # the property (or path) checked, "" for node-level constraints
    message: str
    severity: str = "violation"  # violation, warning or info
    value: str = ""  # the offending value, when there is one

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """Whether a graph conforms, and every result sorted by focus node, path and message."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    COLUMNS = ("severity", "focus", "path", "message", "value")

    def rows(self) -> list[list[str]]:
        return [[v.severity, v.focus, v.path, v.message, v.value] for v in self.violations]

    def to_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "violations": [dict(zip(self.COLUMNS, row)) for row in self.rows()],
        }

    def summary(self) -> str:
        counts = {s: sum(v.severity == s for v in self.violations) for s in SEVERITIES.values()}
        found = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        return ("conforms" if self.conforms else "does not conform") + (f": {found}" if found else "")


def _term(node: Node | None, compact: bool = False) -> str:
    """A node as text: IRIs in full (or prefixed, if ``compact``), literals in Turtle form."""
    if node is None:
        return ""
    if isinstance(node, URIRef) and not compact:
        return str(node)
    # a literal, a prefixed property, or a blank node (a complex path or an anonymous node)
    return node.n3(_PREFIXED.namespace_manager)


def _path(results: Graph, node: Node | None) -> str:
    """A SHACL property path in SPARQL syntax, prefixed (``dk:met``, ``^dk:met``, ``a/b``)."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return _term(node, compact=True)
    for key, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = results.value(node, key)
        if inner is not None:
            return f"({_path(results, inner)}){suffix}"
    inverse = results.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _path(results, inverse)
    alternatives = results.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(results, p) for p in Collection(results, alternatives)) + ")"
    if results.value(node, RDF.first) is not None:
        return "/".join(_path(results, p) for p in Collection(results, node))
    return _term(node)


def load_shapes(shapes_path: str | Path | None = None) -> Graph:
    """Parse a SHACL shapes file (``ontology/shapes.ttl`` by default)."""
    path = Path(shapes_path) if shapes_path else DEFAULT_SHAPES
    if not path.is_file():
        raise ShapesError(f"no shapes file at {path}")
    shapes = Graph()
    try:
        shapes.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        detail = " ".join(str(exc).split())[:300] or type(exc).__name__
        raise ShapesError(f"cannot parse shapes {path}: {detail}") from exc
    if not any(shapes.subjects(RDF.type, SH.NodeShape)) and not any(shapes.subjects(RDF.type, SH.PropertyShape)):
        raise ShapesError(f"{path} declares no sh:NodeShape or sh:PropertyShape")
    return shapes


def load_ontology_graph(ontology_dir: str | Path | None = None) -> Graph:
    """The OWL vocabulary (class hierarchy) that validation mixes into the data graph."""
    path = Path(ontology_dir or DEFAULT_ONTOLOGY_DIR) / ONTOLOGY_FILE
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise InputError(f"ontology file missing: {path}") from exc
    except Exception as exc:
        raise InputError(f"ontology file {path} cannot be parsed: {exc}") from exc
    return graph


def validate_graph(
    graph: Graph, shapes_path: str | Path | None = None, ontology_dir: str | Path | None = None,
    shapes: Graph | None = None,
) -> ValidationReport:
    """Validate ``graph`` against the shapes (``shapes`` if given, else ``shapes_path``, else
    ``shapes.ttl`` of ``ontology_dir`` or of the project's ``ontology/``), with the class
    hierarchy of ``ontology_dir``'s ``diplokg.ttl``. Only sh:Violation results make it
    non-conformant; warnings and infos are reported too.

    The fast screen of :mod:`diplokg.shaclscreen` runs first: when it finds that no focus node
    can fail, the graph conforms with no result and pySHACL is not run; otherwise (or for shapes
    the screen does not cover) pySHACL gives the results."""
    if shapes is None and shapes_path is None and ontology_dir and (Path(ontology_dir) / DEFAULT_SHAPES.name).is_file():
        shapes_path = Path(ontology_dir) / DEFAULT_SHAPES.name
    shapes = shapes if shapes is not None else load_shapes(shapes_path)
    ontology = load_ontology_graph(ontology_dir)
    try:
        if screen(graph, shapes, ontology):
            return ValidationReport(conforms=True)
    except Unsupported:
        pass
    return pyshacl_report(graph, shapes, ontology)


def pyshacl_report(graph: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """Validate with pySHACL (no screen): every result, sorted."""
    from pyshacl import validate

    inplace = False
    if not graph.store.context_aware:  # pySHACL needs rdflib's context-aware store: copy
        copy = Graph()
        for prefix, namespace in graph.namespaces():
            copy.bind(prefix, namespace, override=True)
        for triple in graph:
            copy.add(triple)
        graph, inplace = copy, True  # the copy is ours: pySHACL may mix the ontology into it
    try:
        conforms, results, _ = validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inplace=inplace,
            inference="none", advanced=True, allow_warnings=True, allow_infos=True,
        )
    except Exception as exc:  # pySHACL reports malformed shapes with its own exception types
        raise ShapesError(f"cannot validate with these shapes: {exc}") from exc
    violations: set[Violation] = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage)) or [""]
        violations.add(
            Violation(
                focus=_term(results.value(result, SH.focusNode)),
                path=_path(results, results.value(result, SH.resultPath)),
                message="; ".join(messages),
                severity=SEVERITIES.get(results.value(result, SH.resultSeverity), "violation"),
                value=_term(results.value(result, SH.value)),
            )
        )
    return ValidationReport(conforms=bool(conforms), violations=sorted(violations))
