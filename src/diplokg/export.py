"""Export the knowledge graph for other tools: RDF (Turtle, N-Triples, JSON-LD), GraphML and GEXF
(Gephi, Cytoscape, yEd, networkx) and two CSV tables (pandas, spreadsheets, Neo4j ``LOAD CSV``).

The network formats use :func:`to_networkx`: every IRI or blank node is a node (id = its IRI) with
``label`` (rdfs:label or skos:prefLabel) and ``type`` (its dk: class, e.g. ``Person``); each
literal property becomes a node attribute (``date``, ``status``, ``evidence``, ``skos_altLabel``:
dk: terms by local name, others as ``prefix_local``; several values joined with `` | ``, in sorted
order; all values as text); each triple whose object is a node becomes an edge with a
``predicate`` attribute (``dk:met``, ``dk:participant``...). ``rdf:type`` is the ``type``
attribute, not an edge. Every format is deterministic: the same triples give the same bytes
(blank nodes, which diplokg's own graphs do not have, are relabelled canonically first).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import ExportError
from .namespace import PREFIXES

#: The formats of ``diplokg export``; ``csv`` writes a folder, the others one file or stdout.
EXPORT_FORMATS = ("turtle", "nt", "jsonld", "graphml", "gexf", "csv")

#: Columns every ``nodes.csv`` / ``edges.csv`` starts with.
NODE_COLUMNS = ("id", "label", "type")
EDGE_COLUMNS = ("source", "target", "predicate")

_LABELS = (RDFS.label, SKOS.prefLabel)
_SEPARATOR = " | "


def _node_id(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _prefix_table() -> list[tuple[str, str]]:
    """diplokg's prefixes and rdflib's well-known ones (prov, time, org, schema, ...), longest first."""
    table = {str(namespace): prefix for prefix, namespace in Graph(bind_namespaces="rdflib").namespaces()}
    table.update({namespace: prefix for prefix, namespace in PREFIXES.items()})
    return sorted(((prefix, namespace) for namespace, prefix in table.items()), key=lambda item: (-len(item[1]), item[0]))


_PREFIX_TABLE = _prefix_table()


def _qname(iri: URIRef) -> str:
    text = str(iri)
    for prefix, namespace in _PREFIX_TABLE:
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def _attribute_name(predicate: URIRef) -> str:
    qname = _qname(predicate)
    if qname.startswith("dk:"):
        return qname[3:]
    return re.sub(r"[^A-Za-z0-9_]+", "_", qname).strip("_")


def _type_of(graph: Graph, node: Node) -> str:
    classes = sorted(_qname(c) for c in graph.objects(node, RDF.type) if isinstance(c, URIRef))
    own = [c[3:] for c in classes if c.startswith("dk:")]
    return ";".join(own or classes)


def canonical(graph: Graph) -> Graph:
    """``graph`` with blank nodes relabelled canonically (rdflib.compare), so that their ids do
    not change from one parse to the next; graphs without blank nodes are returned as they are."""
    if not any(isinstance(term, BNode) for s, _, o in graph for term in (s, o)):
        return graph
    from rdflib.compare import to_canonical_graph

    relabelled = Graph()
    for prefix, namespace in graph.namespaces():
        relabelled.bind(prefix, namespace, override=True)
    relabelled += to_canonical_graph(graph)
    return relabelled


def node_table(graph: Graph) -> tuple[list[str], list[dict[str, str]], list[tuple[str, str, str]]]:
    """Attribute columns, node rows and (source, target, predicate) edges, all sorted."""
    graph = canonical(graph)
    nodes: set[Node] = set()
    edges: set[tuple[str, str, str]] = set()
    attributes: dict[Node, dict[str, list[str]]] = {}
    for s, p, o in graph:
        nodes.add(s)
        if p == RDF.type:
            continue
        if isinstance(o, Literal):
            if p in _LABELS:
                continue
            attributes.setdefault(s, {}).setdefault(_attribute_name(p), []).append(str(o))
        else:
            nodes.add(o)
            edges.add((_node_id(s), _node_id(o), _qname(p)))
    columns: set[str] = set()
    rows = []
    for node in sorted(nodes, key=_node_id):
        labels = sorted(str(o) for label in _LABELS for o in graph.objects(node, label))
        row = {"id": _node_id(node), "label": labels[0] if labels else "", "type": _type_of(graph, node)}
        for key, values in sorted(attributes.get(node, {}).items()):
            if key in NODE_COLUMNS:
                key = f"{key}_"
            row[key] = _SEPARATOR.join(sorted(set(values)))
            columns.add(key)
        rows.append(row)
    return sorted(columns), rows, sorted(edges)


def to_networkx(graph: Graph):
    """A ``networkx.MultiDiGraph`` view of ``graph`` (nodes and edges in sorted order)."""
    import networkx as nx

    _, rows, edges = node_table(graph)
    network = nx.MultiDiGraph()
    for row in rows:
        network.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    for number, (source, target, predicate) in enumerate(edges):
        network.add_edge(source, target, key=f"e{number}", predicate=predicate)
    return network


def _sorted_json(value: Any) -> Any:
    """JSON-LD with node objects and value arrays in a stable order (they are unordered sets)."""
    if isinstance(value, dict):
        return {key: _sorted_json(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph) -> str:
    context = {prefix: PREFIXES[prefix] for prefix in ("dk", "dkr", "rdfs", "skos", "xsd")}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(_sorted_json(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _gexf(graph: Graph) -> str:
    import networkx as nx

    text = "\n".join(nx.generate_gexf(to_networkx(graph))) + "\n"
    # the writer stamps today's date: drop it (optional in GEXF) so that output is reproducible
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def _graphml(graph: Graph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(to_networkx(graph))) + "\n"


def _canonical_prefixes(graph: Graph) -> Graph:
    """The triples of ``graph`` with a fixed prefix table (the diplokg prefixes and rdflib's
    well-known ones), so that output does not depend on how the graph was loaded."""
    copy = Graph(bind_namespaces="rdflib")
    for prefix, namespace in PREFIXES.items():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy += graph
    return copy


def export_text(graph: Graph, fmt: str) -> str:
    """``graph`` as text in one of the single-file formats (all but ``csv``)."""
    if fmt in ("turtle", "nt", "jsonld"):
        graph = _canonical_prefixes(canonical(graph))
    if fmt == "turtle":
        from .graph import serialize

        return serialize(graph).decode("utf-8")
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())
    if fmt == "jsonld":
        return _jsonld(graph)
    if fmt == "graphml":
        return _graphml(graph)
    if fmt == "gexf":
        return _gexf(graph)
    raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")


def csv_tables(graph: Graph) -> tuple[str, str]:
    """``nodes.csv`` (``id,label,type,<attributes>``) and ``edges.csv`` (``source,target,predicate``)."""
    columns, rows, edges = node_table(graph)
    nodes_out = io.StringIO()
    writer = csv.DictWriter(nodes_out, fieldnames=[*NODE_COLUMNS, *columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    edges_out = io.StringIO()
    edge_writer = csv.writer(edges_out, lineterminator="\n")
    edge_writer.writerow(EDGE_COLUMNS)
    edge_writer.writerows(edges)
    return nodes_out.getvalue(), edges_out.getvalue()


def export(graph: Graph, fmt: str, out: str | Path | None = None) -> str | list[Path]:
    """Export ``graph``: the text when ``out`` is None, else write ``out`` and return the paths written.

    ``csv`` needs ``out``: a folder (created if missing) that receives ``nodes.csv`` and ``edges.csv``.
    """
    from .atomic import write_atomically

    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    if fmt == "csv":
        if out is None:
            raise ExportError("the csv export writes a folder (nodes.csv, edges.csv): give an output folder")
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"{folder} is a file; the csv export needs a folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot create {folder}: {exc.strerror or exc}") from exc
        nodes, edges = csv_tables(graph)
        written = [folder / "nodes.csv", folder / "edges.csv"]
        for path, text in zip(written, (nodes, edges)):
            write_atomically(path, text.encode("utf-8"))
        return written
    text = export_text(graph, fmt)
    if out is None:
        return text
    target = Path(out)
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name for --format {fmt}")
    if not target.parent.is_dir():
        raise ExportError(f"folder {target.parent} does not exist")
    write_atomically(target, text.encode("utf-8"))
    return [target]
