"""Parallel, streaming extraction: documents in, :class:`DocumentRecords` out, in corpus order.

The unit of work is :func:`extract_batch`, a pure function of a batch of documents (it loads the
pipeline once per process), so any executor can run it: the process pool of
:func:`iter_records` here, or a cluster scheduler. Workers send back records only (small, picklable
dataclasses), never spaCy ``Doc`` objects, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..corpus import Document
from .records import DocumentRecords

#: Documents per task sent to a worker process (and per ``nlp.pipe`` batch inside it).
BATCH_SIZE = 32

_PIPELINES: dict[str | None, object] = {}


def _pipeline(ontology_dir: str | None):
    """The extraction pipeline of this process (loaded on first use, then reused)."""
    if ontology_dir not in _PIPELINES:
        from .pipeline import load_pipeline

        _PIPELINES[ontology_dir] = load_pipeline(ontology_dir)
    return _PIPELINES[ontology_dir]


def extract_batch(
    documents: Sequence[Document], ontology_dir: str | Path | None = None, batch_size: int = BATCH_SIZE
) -> list[DocumentRecords]:
    """The records of ``documents``, in order (runs spaCy and the extraction rules)."""
    from ..ontology import load_ontology
    from .document import extract_records

    key = str(ontology_dir) if ontology_dir else None
    nlp = _pipeline(key)
    ontology = load_ontology(key)
    stream = ((document.text, document) for document in documents)
    return [extract_records(doc, document, ontology)
            for doc, document in nlp.pipe(stream, as_tuples=True, batch_size=batch_size)]


def default_jobs() -> int:
    """The default number of extraction processes: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_records(
    documents: Iterable[Document], ontology_dir: str | Path | None = None, jobs: int = 1,
    batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
) -> Iterator[DocumentRecords]:
    """Extract ``documents`` with ``jobs`` processes; yield records in input order.

    ``jobs == 1`` runs in this process. Otherwise batches go to a pool of ``jobs`` worker
    processes with at most ``2 * jobs`` batches in flight, so neither documents nor records of
    the whole corpus are held at once by the workers. The records do not depend on ``jobs``.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    batches = _batches(documents, batch_size)
    if jobs == 1:
        for batch in batches:
            records = extract_batch(batch, ontology_dir, batch_size)
            yield from records
            if progress:
                progress(len(records))
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    key = str(ontology_dir) if ontology_dir else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(extract_batch, batch, key, batch_size))
            if len(pending) >= 2 * jobs:
                records = pending.popleft().result()
                yield from records
                if progress:
                    progress(len(records))
        while pending:
            records = pending.popleft().result()
            yield from records
            if progress:
                progress(len(records))
