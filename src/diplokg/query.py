"""Read-only SPARQL over a built graph."""

from __future__ import annotations

import re
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery, prepareUpdate

from .errors import (
    GraphNotFoundError, GraphParseError, QueryError, QueryNotAllowedError, QuerySyntaxError,
)
from .namespace import PREFIXES
from .store import is_oxigraph, with_values

UPDATE_KEYWORDS = re.compile(
    r"(?is)^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b"
)


SERVICE = re.compile(r"(?i)\bSERVICE\s+(?:SILENT\s+)?[<?$]")


def graph_path(path: str | Path) -> Path:
    """The graph file of ``path``: a build output folder (its graph.ttl) or a graph file."""
    candidate = Path(path)
    if candidate.is_dir():
        candidate = candidate / "graph.ttl"
    if not candidate.is_file():
        raise GraphNotFoundError(f"no graph at {path} (expected a build folder with graph.ttl or a graph file)")
    return candidate


def load_graph(path: str | Path, use_store: bool = False) -> Graph:
    """Parse the graph at ``path`` (Turtle, N-Triples, RDF/XML or JSON-LD by extension).

    With ``use_store``, a build folder's Oxigraph store (``build --store oxigraph``) is opened
    instead when it matches ``graph.ttl`` (fast: nothing is parsed)."""
    file = graph_path(path)
    if use_store:
        from .store import open_store, store_for

        folder = store_for(file)
        if folder is not None:
            try:
                return open_store(folder)
            except OSError:  # locked or unreadable store: parse graph.ttl instead
                pass
    graph = Graph()
    try:
        graph.parse(file)
    except Exception as exc:  # rdflib raises many parser-specific exception types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphParseError(f"cannot parse {file}: {first}") from exc
    return graph


def _uncommented(sparql: str) -> str:
    return re.sub(r"(?m)^\s*#.*$", "", sparql)


def prepare(sparql: str, update: bool = False):
    """Parse a query (or, with ``update``, an update request) with the predeclared prefixes.

    SERVICE clauses are refused (no network requests); a malformed request raises
    :class:`QuerySyntaxError` with the line and column.
    """
    if SERVICE.search(_uncommented(sparql)):
        raise QueryNotAllowedError("SERVICE clauses are refused: diplokg makes no network requests")
    try:
        return (prepareUpdate if update else prepareQuery)(sparql, initNs=PREFIXES)
    except ParseException as exc:
        raise QuerySyntaxError(f"malformed SPARQL at line {exc.lineno}, column {exc.col}: {exc.msg}") from exc
    except Exception as exc:
        raise QuerySyntaxError(f"malformed SPARQL: {str(exc).splitlines()[0] if str(exc) else exc!r}") from exc


def run_query(graph: Graph, sparql: str, bindings: dict | None = None) -> tuple[list[str], list[list]]:
    """Run a SELECT/ASK/CONSTRUCT query read-only; return column names and rows.

    Update requests are refused (``QueryNotAllowedError``); malformed queries raise
    ``QuerySyntaxError`` with the line and column.

    >>> from rdflib import Graph
    >>> run_query(Graph(), "SELECT (1 AS ?one) WHERE {}")
    (['one'], [[1]])
    """
    if UPDATE_KEYWORDS.match(_uncommented(sparql)):
        raise QueryNotAllowedError("update queries are refused: the query command is read-only (--allow-update applies one)")
    query = prepare(sparql)
    try:
        result = None
        # Oxigraph's own engine takes the query text, with the bindings as a VALUES block
        native = with_values(sparql, bindings or {}) if is_oxigraph(graph) and \
            query.algebra.name in {"SelectQuery", "AskQuery"} else None
        if native is not None:
            try:
                result = graph.query(native, initNs=PREFIXES)
            except (SyntaxError, ValueError, RuntimeError):  # rdflib's engine over the store
                result = None
        if result is None:
            result = graph.query(query, initBindings=bindings or {})
    except Exception as exc:  # evaluation errors of rdflib's engine
        raise QueryError(f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    if result.type == "ASK":
        return ["ask"], [[bool(result.askAnswer)]]
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return ["subject", "predicate", "object"], [[s, p, o] for s, p, o in sorted(result.graph)]
    columns = [str(v) for v in result.vars or []]
    rows = [[row[v] if row[v] is not None else None for v in result.vars] for row in result]
    return columns, [[_python(value) for value in row] for row in rows]


def _python(value):
    if value is None:
        return None
    to_python = getattr(value, "toPython", None)
    converted = to_python() if to_python else value
    if isinstance(converted, (int, float, bool, str)):
        return converted
    return str(value)
