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
from .answers import read_answer
from .store import answers_of, is_oxigraph, native_store, substitute, with_values

UPDATE_KEYWORDS = re.compile(
    r"(?is)^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b"
)


SERVICE = re.compile(r"(?i)\bSERVICE\s+(?:SILENT\s+)?[<?$]")
SELECT_OR_ASK = re.compile(
    r"(?is)^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*(SELECT|ASK)\b"
)


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
    columns, rows, _ = run_query_capped(graph, sparql, bindings)
    return columns, rows


def run_query_capped(
    graph: Graph, sparql: str, bindings: dict | None = None, max_rows: int | None = None,
    precomputed: bool = True,
) -> tuple[list[str], list[list], int]:
    """Like :func:`run_query`, but only the first ``max_rows`` rows are converted and returned;
    the third value counts all rows of the answer.

    On an Oxigraph store (:func:`~diplokg.store.open_store`) a SELECT or ASK query runs on
    pyoxigraph directly (no rdflib parse, no per-row rdflib terms past the cap), with the
    bindings substituted as constants (:func:`~diplokg.store.substitute`); the rows are the
    values rdflib's path gives. Anything Oxigraph rejects (and CONSTRUCT/DESCRIBE) runs through
    rdflib as before. With ``precomputed`` and no bindings, the answer the build kept in the
    store for this exact text is returned when there is one (:mod:`diplokg.answers`).
    """
    text = _uncommented(sparql)
    if UPDATE_KEYWORDS.match(text):
        raise QueryNotAllowedError("update queries are refused: the query command is read-only (--allow-update applies one)")
    if is_oxigraph(graph) and SELECT_OR_ASK.match(text):
        if SERVICE.search(text):
            raise QueryNotAllowedError("SERVICE clauses are refused: diplokg makes no network requests")
        folder = answers_of(graph) if precomputed and not bindings else None
        kept = read_answer(folder, sparql, max_rows) if folder is not None else None
        if kept is not None:
            return kept
        answer = _run_native(graph, sparql, bindings or {}, max_rows)
        if answer is not None:
            return answer
    query = prepare(sparql)
    try:
        result = graph.query(query, initBindings=bindings or {})
    except Exception as exc:  # evaluation errors of rdflib's engine
        raise QueryError(f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    if result.type == "ASK":
        return ["ask"], [[bool(result.askAnswer)]], 1
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        rows = [[s, p, o] for s, p, o in sorted(result.graph)]
    else:
        rows = [[_python(row[v]) for v in result.vars] for row in result]
    columns = ["subject", "predicate", "object"] if result.type in {"CONSTRUCT", "DESCRIBE"} else \
        [str(v) for v in result.vars or []]
    return columns, (rows[:max_rows] if max_rows is not None else rows), len(rows)


def _run_native(graph: Graph, sparql: str, bindings: dict, max_rows: int | None):
    """A SELECT/ASK query on the pyoxigraph store behind ``graph``; None when Oxigraph rejects
    the text (the caller then parses it with rdflib, which reports syntax errors)."""
    import pyoxigraph as ox

    store = native_store(graph)
    try:
        for text in (substitute(sparql, bindings), with_values(sparql, bindings)):
            if text is None:
                continue
            split = split_order_by(text)
            if split is not None:  # sorted here (see split_order_by) when the values allow it
                try:
                    sorted_rows = _sorted_natively(store.query(split[0], prefixes=PREFIXES), split[1])
                except SyntaxError:
                    sorted_rows = None
                if sorted_rows is not None:
                    columns, terms = sorted_rows
                    kept = terms if max_rows is None else terms[:max_rows]
                    return columns, [[_native_value(v) for v in row] for row in kept], len(terms)
            try:
                result = store.query(text, prefixes=PREFIXES)
            except SyntaxError:
                continue
            if isinstance(result, ox.QueryBoolean):
                return ["ask"], [[bool(result)]], 1
            columns = [v.value for v in result.variables]
            converted: list[list] = []
            total = 0
            for solution in result:
                total += 1
                if max_rows is None or total <= max_rows:
                    converted.append([_native_value(value) for value in solution])
            return columns, converted, total
    except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors of Oxigraph
        raise QueryError(f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    return None


_ORDER_BY = re.compile(r"(?is)\bORDER\s+BY\b(.*)$")
_ORDER_KEY = r'(?:[?$](\w+)|STR\s*\(\s*[?$](\w+)\s*\)|COALESCE\s*\(\s*STR\s*\(\s*[?$](\w+)\s*\)\s*,\s*""\s*\))'
_ORDER_CONDITION = re.compile(rf"(?i)\s*(?:(ASC|DESC)\s*\(\s*{_ORDER_KEY}\s*\)|{_ORDER_KEY})")
_ORDER_KINDS = ("term", "text", "text-or-empty")


def split_order_by(sparql: str) -> tuple[str, list[tuple[str, bool, str]]] | None:
    """``(query without its final ORDER BY, [(variable, descending, kind), ...])`` when the query
    ends with an ORDER BY of variables (``?x``: kind "term", ``STR(?x)``: "text",
    ``COALESCE(STR(?x), "")``: "text-or-empty"; in ``ASC(...)`` or ``DESC(...)`` or not) and
    nothing after it; else None.

    Oxigraph compares stored strings by reading both from disk on every comparison of its sort,
    which makes ORDER BY over thousands of rows cost more than the rest of the query; sorting the
    rows in Python (:func:`_sort_key`) gives the same order for the values it accepts.

    >>> split_order_by("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a DESC(STR(?b))")
    ('SELECT ?a ?b WHERE { ?a ?p ?b } ', [('a', False, 'term'), ('b', True, 'text')])
    >>> split_order_by("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 3") is None
    True
    """
    from .store import code_spans

    spans = list(code_spans(sparql))
    closing = max((start + sparql[start:end].rfind("}") for start, end in spans if "}" in sparql[start:end]),
                  default=-1)
    if closing < 0:
        return None
    tail_start = closing + 1
    tail = sparql[tail_start:]
    if "#" in re.sub(r'"(?:[^"\\]|\\.)*"', "", tail):  # a comment after the last brace
        return None
    match = _ORDER_BY.search(tail)
    if not match:
        return None
    conditions: list[tuple[str, bool, str]] = []
    rest = match.group(1)
    position = 0
    while position < len(rest):
        if not rest[position:].strip():
            break
        condition = _ORDER_CONDITION.match(rest, position)
        if not condition:
            return None
        direction, *names = condition.groups()  # names: ?x, STR(?x), COALESCE(...), twice
        index = next(i for i, name in enumerate(names) if name)
        conditions.append((names[index], (direction or "").upper() == "DESC", _ORDER_KINDS[index % 3]))
        position = condition.end()
    if not conditions:
        return None
    return sparql[:tail_start + match.start()], conditions


def _sorted_natively(result, order: list[tuple[str, bool, str]]):
    """Columns and raw pyoxigraph rows of a SELECT ``result`` sorted by ``order`` in Python;
    None when a sort variable is not a column or two values the sort would have to compare are
    of kinds it does not order like Oxigraph (see :func:`_sort_key`)."""
    if not hasattr(result, "variables"):
        return None
    columns = [v.value for v in result.variables]
    if any(name not in columns for name, _, _ in order):
        return None
    rows = [tuple(solution) for solution in result]
    keys: list[list] = []
    for name, _, kind in order:
        index = columns.index(name)
        column = [_sort_key(row[index]) if kind == "term" else _text_key(row[index], kind == "text-or-empty")
                  for row in rows]
        if any(key is None for key in column):
            return None
        # literals of different kinds are compared only where the keys before them are equal
        kinds: dict = {}
        for position, key in enumerate(column):
            if key[0] == 2 and kinds.setdefault(tuple(k[position] for k in keys), key[1]) != key[1]:
                return None
        keys.append(column)
    positions = list(range(len(rows)))
    for column, (_, descending, _) in reversed(list(zip(keys, order))):  # stable sorts, last key first
        positions.sort(key=column.__getitem__, reverse=descending)
    return columns, [rows[i] for i in positions]


_XSD = "http://www.w3.org/2001/XMLSchema#"
_TEMPORAL = {
    _XSD + "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    _XSD + "gYearMonth": re.compile(r"\d{4}-\d{2}"),
    _XSD + "gYear": re.compile(r"\d{4}"),
}


def _text_key(term, empty: bool = False):
    """The sort key of ``STR(term)`` (``COALESCE(STR(term), "")`` with ``empty``): unbound (and
    blank nodes, an error) first, or as "", then the text of IRIs and literals by code point."""
    if term is None or type(term).__name__ not in {"NamedNode", "Literal"}:
        return (2, "string", "") if empty else (0,)
    return (2, "string", term.value)


def _sort_key(term):
    """The sort key of one value in SPARQL order as Oxigraph applies it: unbound, then IRIs (by
    their text), then literals: strings by code point, integers by value, and dates, months and
    years (four-digit year, no time zone) by their text, which orders them in time with a year
    before its months before its days, as Oxigraph does. None for any other value (blank nodes,
    language tags, other datatypes)."""
    if term is None:
        return (0,)
    kind = type(term).__name__
    if kind == "NamedNode":
        return (1, "", term.value)
    if kind != "Literal" or term.language:
        return None
    datatype = term.datatype.value
    if datatype == _XSD + "string":
        return (2, "string", term.value)
    if datatype == _XSD + "integer":
        try:
            return (2, "integer", int(term.value))
        except ValueError:
            return None
    pattern = _TEMPORAL.get(datatype)
    if pattern is not None and pattern.fullmatch(term.value):
        return (2, "temporal", term.value)
    return None


def _native_value(term):
    """A pyoxigraph term as :func:`_python` gives the rdflib term oxrdflib would make of it."""
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return term.value
    if kind == "Literal":
        if term.language:
            return term.value
        datatype = term.datatype.value
        if datatype == _XSD + "string":
            return term.value
        if datatype == _XSD + "integer":
            try:
                return int(term.value)
            except ValueError:
                pass
    from oxrdflib._converter import from_ox

    return _python(from_ox(term))


def _python(value):
    if value is None:
        return None
    to_python = getattr(value, "toPython", None)
    converted = to_python() if to_python else value
    if isinstance(converted, (int, float, bool)):
        return converted
    return str(value)  # text, and the lexical form of a literal Python has no type for (a Literal is a str)
