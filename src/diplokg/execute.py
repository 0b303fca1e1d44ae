"""Run SPARQL with a time limit and a row cap, and (only when asked) SPARQL updates.

rdflib's engine has no timeout and a Python thread cannot be stopped, so a query with a time
limit runs in a forked worker process that is killed when the limit passes (measured: forking
costs a few milliseconds, the graph is shared copy-on-write, nothing is pickled but the rows).
Where ``fork`` is unavailable, or the graph is an on-disk Oxigraph store (its RocksDB handle must
not cross a fork), the query runs in a daemon thread instead: the caller still gets
:class:`~diplokg.errors.QueryTimeout` on time, and the thread dies with the process (the CLI exits
right after).
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Graph
from rdflib.util import guess_format

from .atomic import write_atomically
from .errors import DiplokgError, QueryError, QueryTimeout
from .query import UPDATE_KEYWORDS, graph_path, prepare, run_query_capped

T = TypeVar("T")

#: Defaults of ``diplokg query`` (see README, "Limits").
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000


@dataclass
class QueryOutcome:
    """Columns and rows of a query; ``total`` counts the rows before the ``max_rows`` cut."""

    columns: list[str]
    rows: list[list]
    total: int
    updated: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` is an update request (INSERT, DELETE, LOAD, CLEAR, ...)."""
    return bool(UPDATE_KEYWORDS.match(re.sub(r"(?m)^\s*#.*$", "", sparql)))


def _can_fork(graph: Graph) -> bool:
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    store = type(graph.store).__module__
    return "oxrdflib" not in store and "oxigraph" not in store


def _child(call: Callable[[], Any], conn) -> None:
    try:
        conn.send(("ok", call()))
    except DiplokgError as error:
        conn.send(("error", error))
    except Exception as exc:  # anything else becomes a one-line QueryError
        conn.send(("error", QueryError(f"query failed: {type(exc).__name__}: {exc}".splitlines()[0])))
    finally:
        conn.close()


def _timeout_error(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"query stopped after {timeout:g} s (--timeout); narrow it or raise the limit")


def run_with_timeout(call: Callable[[], T], timeout: float | None, graph: Graph | None = None) -> T:
    """``call()`` in a worker, raising :class:`QueryTimeout` after ``timeout`` seconds.

    ``timeout`` None or 0 runs ``call`` directly. Domain errors raised by ``call`` are re-raised.
    """
    if not timeout:
        return call()
    if graph is None or _can_fork(graph):
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(call, sender), daemon=True)
        process.start()
        sender.close()
        try:
            if not receiver.poll(timeout):
                process.kill()
                raise _timeout_error(timeout)
            try:
                status, payload = receiver.recv()
            except EOFError:
                raise QueryError(f"query worker ended without an answer (exit code {process.exitcode})") from None
        finally:
            receiver.close()
            process.join(timeout=5)
        if status == "error":
            raise payload
        return payload
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=target, name="diplokg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _timeout_error(timeout)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _capped(graph: Graph, sparql: str, bindings: dict | None, max_rows: int | None, precomputed: bool):
    return run_query_capped(graph, sparql, bindings, max_rows, precomputed)


def execute_query(
    graph: Graph,
    sparql: str,
    bindings: dict | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    precomputed: bool = True,
) -> QueryOutcome:
    """Run a read-only query with a time limit (seconds) and a row cap (rows past it are cut);
    ``precomputed``: an answer the build kept in the store may be returned (:mod:`diplokg.answers`).

    >>> from rdflib import Graph
    >>> outcome = execute_query(Graph(), "SELECT ?n WHERE { VALUES ?n { 1 2 3 } }", max_rows=2)
    >>> outcome.rows, outcome.total, outcome.truncated
    ([[1], [2]], 3, True)
    """
    columns, rows, total = run_with_timeout(
        lambda: _capped(graph, sparql, bindings, max_rows, precomputed), timeout, graph)
    return QueryOutcome(columns=columns, rows=rows, total=total)


def _serialize_like(graph: Graph, target: Path) -> bytes:
    fmt = guess_format(str(target)) or "turtle"
    if fmt == "turtle":
        from .graph import serialize

        return serialize(graph)
    return graph.serialize(format=fmt, encoding="utf-8")


def _apply_update(graph: Graph, sparql: str, bindings: dict | None, target: Path) -> tuple[bytes, int]:
    update = prepare(sparql, update=True)
    try:
        graph.update(update, initBindings=bindings or {})
    except Exception as exc:  # evaluation errors of rdflib's engine
        raise QueryError(f"update failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    return _serialize_like(graph, target), len(graph)


def execute_update(
    graph: Graph, sparql: str, path: str | Path, bindings: dict | None = None, *, timeout: float | None = DEFAULT_TIMEOUT,
) -> QueryOutcome:
    """Apply a SPARQL update to ``graph`` (loaded from ``path``) and rewrite the graph file.

    The file is rewritten only when the update completes within ``timeout``: the new content
    (deterministic Turtle for ``.ttl``, else the file's own format) goes to a temporary file in
    the same folder that is then renamed over the graph file, so a reader never sees half a file.
    """
    target = graph_path(path)
    before = len(graph)
    data, after = run_with_timeout(lambda: _apply_update(graph, sparql, bindings, target), timeout, graph)
    write_atomically(target, data)
    return QueryOutcome(
        columns=["graph", "triples_before", "triples_after"],
        rows=[[str(target), before, after]],
        total=1,
        updated=target,
    )
