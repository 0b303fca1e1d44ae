"""Answers of the whole-graph named queries, computed once when the Oxigraph store is written.

The overview queries of ``ontology/queries`` (those whose parameters are all optional:
``who-met-whom``, ``topics-over-time``, ``agreements-and-countries`` …) aggregate the whole
graph; on 2.8 million triples Oxigraph takes 0.8 to 8 s for each of them, however they are
written. The store's loader (:class:`diplokg.store.StoreWriter`) therefore runs each of them once,
with no binding, right after the load, and keeps the rows in ``store/answers/KEY.jsonl`` (KEY: the
SHA-256 of the query text). :func:`diplokg.query.run_query_capped` returns that answer when the
same text comes with no bindings: a materialised view. It cannot go stale: the store is
read-only, replaced whole by the next build, and ignored once ``graph.ttl`` changes (its
manifest). Any other text, any binding and ``precomputed=False`` (``diplokg query --live``) run
the query on the store. Builds keep answers only for big graphs (:data:`ANSWERS_FROM_TRIPLES`).

A file holds one JSON line ``{"columns": [...], "total": N}`` and then one JSON array per row,
the values :func:`~diplokg.query.run_query_capped` returns (text, numbers, booleans, null), so a
capped read stops after ``max_rows`` lines.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

#: The folder of the answers inside a store folder.
ANSWERS_DIR = "answers"
#: A build keeps answers for graphs of at least this many triples: below it the live overview
#: queries take less than about 200 ms (96 ms median at 295,000 triples, 819 ms at 2.8 million;
#: README, "Answers kept by the build"), and computing them would only lengthen the build.
ANSWERS_FROM_TRIPLES = 500_000


def answer_key(sparql: str) -> str:
    """The file stem of the answer to ``sparql`` (the SHA-256 of its exact text).

    >>> answer_key("SELECT * WHERE { ?s ?p ?o }")[:12]
    'dab3891081bc'
    """
    return hashlib.sha256(sparql.encode("utf-8")).hexdigest()


def overview_queries(directory: str | Path | None = None) -> list[str]:
    """The texts of the named queries in ``directory`` (default: the shipped ones) that run with
    no binding: every parameter is optional."""
    from .queries import list_queries

    return [query.text for query in list_queries(directory) if all(p.optional for p in query.params)]


def kept_queries(triples: int) -> list[str]:
    """The texts of the queries a build of a graph of ``triples`` keeps answers for: the overview
    queries from :data:`ANSWERS_FROM_TRIPLES` triples on, else none."""
    return overview_queries() if triples >= ANSWERS_FROM_TRIPLES else []


def write_answers(graph: Graph, queries: Iterable[str], folder: str | Path) -> list[Path]:
    """Run each query of ``queries`` on ``graph`` (an Oxigraph-backed graph: see
    :func:`diplokg.store.open_store`) with no binding and write its answer into ``folder``;
    return the files written. Each file is written under a temporary name and renamed; a query
    that fails gets no file (run live, it reports its error then)."""
    from .errors import DiplokgError
    from .query import run_query_capped

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for sparql in queries:
        try:
            columns, rows, total = run_query_capped(graph, sparql, {}, None, precomputed=False)
        except DiplokgError:
            continue
        path = target / f"{answer_key(sparql)}.jsonl"
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as stream:
            stream.write(json.dumps({"columns": columns, "total": total}, ensure_ascii=False) + "\n")
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(partial, path)
        written.append(path)
    return written


def read_answer(folder: str | Path, sparql: str, max_rows: int | None = None
                ) -> tuple[list[str], list[list], int] | None:
    """``(columns, rows, total)`` of the answer to ``sparql`` kept in ``folder`` (only the first
    ``max_rows`` rows are read), or None when there is none or it cannot be read."""
    path = Path(folder) / f"{answer_key(sparql)}.jsonl"
    try:
        with path.open(encoding="utf-8") as stream:
            head = json.loads(stream.readline())
            rows: list[list] = []
            for line in stream:
                if max_rows is not None and len(rows) >= max_rows:
                    break
                rows.append(json.loads(line))
    except (OSError, ValueError):
        return None
    if not (isinstance(head, dict) and isinstance(head.get("columns"), list) and isinstance(head.get("total"), int)):
        return None
    return head["columns"], rows, head["total"]
