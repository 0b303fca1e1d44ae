"""The library of named SPARQL queries shipped in ``ontology/queries/``.

Each query is one ``NAME.rq`` file that starts with a header of ``# key: value`` comment lines::

    # name: meetings-of-person
    # title: Meetings of a person
    # description: Every meeting a person took part in, with date, place and source files.
    # param: person_name  literal  the person's rdfs:label or skos:altLabel, e.g. "Kirstjen Nielsen"
    # param: since  xsd:date  optional  only meetings on or after this date
    PREFIX dk: <https://w3id.org/diplokg/ontology#>
    SELECT ...

The header ends at the first line that is neither blank nor a comment. ``name`` must equal the
file stem; ``title`` is one line; ``description`` may be repeated (the lines are joined);
``param: NAME TYPE [optional] DESCRIPTION`` declares a variable (``?NAME`` in the query) that the
caller binds with ``--bind NAME=VALUE`` (through rdflib's ``initBindings``, never by string
formatting). Other comment lines, including unknown ``# key:`` lines, are ignored. An optional
parameter may stay unbound: the query must still work (``FILTER(!BOUND(?since) || ...)``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from .errors import (
    MissingParameterError, ParameterValueError, QueryDefinitionError, UnknownParameterError,
    UnknownQueryError,
)
from .namespace import PREFIXES
from .ontology import DEFAULT_ONTOLOGY_DIR

#: Where the shipped queries live (``ontology/queries`` of the source checkout).
DEFAULT_QUERY_DIR = DEFAULT_ONTOLOGY_DIR / "queries"

_HEADER = re.compile(r"^#\s*(name|title|description|param)\s*:\s*(.*?)\s*$")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|^`\\]')


def _pattern_value(pattern: str, datatype: URIRef, check: Callable[[str], object] | None = None):
    regex = re.compile(pattern)

    def convert(value: str) -> Literal:
        if not regex.fullmatch(value):
            raise ValueError
        if check:
            check(value)
        return Literal(value, datatype=datatype)

    return convert


def _boolean(value: str) -> Literal:
    lowered = value.lower()
    if lowered not in {"true", "false", "1", "0"}:
        raise ValueError
    return Literal(lowered in {"true", "1"})


#: Declared parameter type -> (converter of the raw text, what a valid value looks like).
PARAM_TYPES: dict[str, tuple[Callable[[str], Node], str]] = {
    "iri": (lambda value: iri_value(value), "<https://...>, a full IRI or a dk:/dkr: CURIE"),
    "literal": (lambda value: Literal(value), "any text"),
    "xsd:string": (lambda value: Literal(value, datatype=XSD.string), "any text"),
    "xsd:date": (
        _pattern_value(r"-?\d{4}-\d{2}-\d{2}", XSD.date, _dt.date.fromisoformat),
        "a date YYYY-MM-DD",
    ),
    "xsd:gYear": (_pattern_value(r"\d{4}", XSD.gYear), "a year YYYY"),
    "xsd:gYearMonth": (
        _pattern_value(r"\d{4}-(0[1-9]|1[0-2])", XSD.gYearMonth), "a month YYYY-MM",
    ),
    "xsd:integer": (
        lambda value: _pattern_value(r"[+-]?\d+", XSD.integer)(value.strip()), "an integer",
    ),
    "xsd:decimal": (
        lambda value: _pattern_value(r"[+-]?(\d+(\.\d*)?|\.\d+)", XSD.decimal)(value.strip()),
        "a decimal number",
    ),
    "xsd:boolean": (_boolean, "true or false"),
}


@dataclass(frozen=True)
class QueryParam:
    """One declared parameter of a named query (the SPARQL variable ``?name``)."""

    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A named, documented SPARQL query read from an ``.rq`` file."""

    name: str
    title: str
    description: str
    params: list[QueryParam] = field(default_factory=list)
    text: str = ""
    path: Path | None = None

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def signature(self) -> str:
        """Parameters as ``name:type`` (optional ones in brackets), for listings."""
        return " ".join(
            f"[{p.name}:{p.type}]" if p.optional else f"{p.name}:{p.type}" for p in self.params
        )


def iri_value(value: str) -> URIRef:
    """An IRI from ``<...>``, a full IRI or a CURIE with a predeclared prefix (``dkr:person/x``).

    >>> iri_value("dkr:person/kirstjen-nielsen")
    rdflib.term.URIRef('https://w3id.org/diplokg/id/person/kirstjen-nielsen')
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    else:
        prefix, sep, local = text.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            text = PREFIXES[prefix] + local
    if not _SCHEME.match(text) or _IRI_FORBIDDEN.search(text):
        raise ValueError
    return URIRef(text)


def parse_query_text(text: str, path: Path | None = None, name: str | None = None) -> NamedQuery:
    """The :class:`NamedQuery` of an ``.rq`` file's text (``name`` defaults to the header's)."""
    where = str(path) if path else "query"
    fields: dict[str, list[str]] = {"name": [], "title": [], "description": []}
    params: list[QueryParam] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.groups()
        if key != "param":
            fields[key].append(value)
            continue
        parts = value.split(None, 2)
        if len(parts) < 2 or not _PARAM_NAME.match(parts[0]):
            raise QueryDefinitionError(f"{where}, line {number}: expected 'param: NAME TYPE [optional] DESCRIPTION'")
        param_name, param_type = parts[0], parts[1]
        if param_type not in PARAM_TYPES:
            raise QueryDefinitionError(
                f"{where}, line {number}: unknown parameter type {param_type!r} "
                f"(known: {', '.join(PARAM_TYPES)})"
            )
        rest = parts[2] if len(parts) > 2 else ""
        optional = rest == "optional" or rest.startswith("optional ")
        description = rest[len("optional"):].strip() if optional else rest
        if any(p.name == param_name for p in params):
            raise QueryDefinitionError(f"{where}, line {number}: parameter {param_name!r} declared twice")
        params.append(QueryParam(param_name, param_type, optional, description))
    for key in ("name", "title"):
        if len(fields[key]) != 1 or not fields[key][0]:
            raise QueryDefinitionError(f"{where}: the header needs exactly one '# {key}: ...' line")
    if not fields["description"]:
        raise QueryDefinitionError(f"{where}: the header needs a '# description: ...' line")
    declared = fields["name"][0]
    if name is not None and declared != name:
        raise QueryDefinitionError(f"{where}: '# name: {declared}' differs from the file name {name!r}")
    return NamedQuery(
        name=declared,
        title=fields["title"][0],
        description=" ".join(fields["description"]),
        params=params,
        text=text,
        path=path,
    )


def load_query_file(path: str | Path) -> NamedQuery:
    """Read one ``.rq`` file; its header's name must equal the file stem."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryDefinitionError(f"cannot read {file}: {exc}") from exc
    return parse_query_text(text, path=file, name=file.stem)


def list_queries(directory: str | Path | None = None) -> list[NamedQuery]:
    """Every named query of ``directory`` (default ``ontology/queries``), sorted by name."""
    folder = Path(directory) if directory else DEFAULT_QUERY_DIR
    if not folder.is_dir():
        return []
    return [load_query_file(path) for path in sorted(folder.glob("*.rq"))]


def get_query(name: str, directory: str | Path | None = None) -> NamedQuery:
    """The named query ``name``; :class:`UnknownQueryError` lists the known names otherwise."""
    folder = Path(directory) if directory else DEFAULT_QUERY_DIR
    path = folder / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) or not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.rq"))) or "none"
        raise UnknownQueryError(f"unknown query {name!r}; known queries: {known}")
    return load_query_file(path)


def bindings_for(query: NamedQuery, raw: Mapping[str, str]) -> dict[str, Node]:
    """Convert ``--bind`` values (``{"since": "2019-01-01"}``) to RDF terms by declared type.

    ``iri`` accepts ``<...>``, a full IRI or a ``dk:``/``dkr:`` CURIE; ``xsd:date`` must be a real
    date; ``literal`` gives a plain literal. A leading ``?`` or ``$`` on a name is ignored.
    """
    bindings: dict[str, Node] = {}
    for key, value in raw.items():
        name = key.strip().lstrip("?$")
        param = query.param(name)
        if param is None:
            declared = ", ".join(p.name for p in query.params) or "none"
            raise UnknownParameterError(
                f"query {query.name!r} has no parameter {name!r}; its parameters: {declared}"
            )
        convert, expected = PARAM_TYPES[param.type]
        try:
            bindings[name] = convert(value)
        except ValueError:
            raise ParameterValueError(
                f"bad value {value!r} for {name} ({param.type}) of query {query.name!r}: expected {expected}"
            ) from None
    missing = [p.name for p in query.params if not p.optional and p.name not in bindings]
    if missing:
        raise MissingParameterError(
            f"query {query.name!r} needs {', '.join(missing)} (give --bind NAME=VALUE)"
        )
    return bindings
