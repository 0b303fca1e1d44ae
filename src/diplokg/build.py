"""Build: corpus -> extract -> resolve -> graph -> outputs (graph.ttl, network.html, report.md).

All outputs are written to temporary files first and renamed into place only when every one of
them is ready, so a failed build leaves the previous output intact.

Concurrent builds into the same output folder are serialised by an exclusive lock on
``<out>/.diplokg.lock`` (``filelock``, an OS lock: a killed process releases it, a stale lock file
never blocks). Extraction runs outside the lock; the write phase (render, write, rename) holds it.
A build waits for the lock up to ``lock_timeout`` seconds, then fails with ``BuildError``. Every
temporary name in the output folder starts with ``.build-``; whatever such names a killed build
left behind are removed by the next build once it holds the lock (nothing live can own them then).
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from rdflib import RDF, Graph

from .analyse import centrality, person_network, shared_analysis
from .answers import kept_queries
from .corpus import Corpus, Skipped, load_corpus
from .errors import BuildError, CorpusError, InputError
from .extract.cache import RecordCache
from .extract.cluster import CONNECT_TIMEOUT, iter_records_dask, parse_scheduler
from .extract.parallel import BATCH_SIZE, default_jobs, iter_records
from .extract.records import DocumentRecords
from .incremental import forget_build, inputs_key, record_build, unchanged_result
from .store import STORE_DIR, STORES, StoreWriter, remove_store, store_for, wants_store
from .graph import build_graph, serialize, write_serialized  # noqa: F401 (serialize: API)
from .namespace import DK
from .ontology import load_ontology
from .provenance import pipeline_versions
from .validate import ValidationReport, validate_graph
from .render import write_network_html
from .report import CHART_FILES, chart_svgs, report_markdown
from .resolve import resolve
from .triplestore import IndexedStore

GRAPH_FILE = "graph.ttl"
NETWORK_FILE = "network.html"
REPORT_FILE = "report.md"
LOCK_FILE = ".diplokg.lock"
#: Prefix of every temporary file and folder a build makes in the output folder.
STAGING_PREFIX = ".build-"
#: Seconds a build waits for another build of the same output folder to finish writing.
LOCK_TIMEOUT = 120.0
CACHE_DIR = ".cache"


@dataclass
class BuildResult:
    out_dir: Path
    documents: int
    triples: int
    persons: int
    meetings: int
    agreements: int
    commitments: int
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    validation: ValidationReport | None = None  # None when the build did not validate

    def summary(self) -> str:
        return (
            f"built {self.out_dir}: {self.documents} documents, {self.persons} persons, "
            f"{self.meetings} meetings, {self.agreements} agreements, {self.commitments} commitments, "
            f"{self.triples} triples; {len(self.skipped)} files skipped"
        )


def extract_corpus(
    corpus: Corpus, ontology_dir: str | Path | None = None,
    progress: Callable[[int], None] | None = None, batch_size: int = BATCH_SIZE,
    jobs: int = 1, cache: RecordCache | None = None, scheduler: str | None = None,
    scheduler_timeout: float = CONNECT_TIMEOUT,
) -> list[DocumentRecords]:
    """The records of every document, in corpus order: from ``cache`` when it holds them, else
    extracted (streaming, ``jobs`` processes, or on the Dask cluster ``scheduler`` when given;
    the model is loaded, and the cluster contacted, only if something is new)."""
    cached = [cache.get(document) if cache else None for document in corpus.documents]
    if progress and any(r is not None for r in cached):
        progress(sum(r is not None for r in cached))
    todo = [document for document, records in zip(corpus.documents, cached) if records is None]
    jobs = max(1, min(jobs, -(-len(todo) // batch_size)))  # no idle worker loading a model
    if scheduler:
        fresh = iter_records_dask(todo, scheduler, ontology_dir, batch_size=batch_size,
                                  progress=progress, connect_timeout=scheduler_timeout)
    else:
        fresh = iter_records(todo, ontology_dir, jobs=jobs, batch_size=batch_size, progress=progress)
    records: list[DocumentRecords] = []
    for document, hit in zip(corpus.documents, cached):
        if hit is None:
            hit = next(fresh)
            if cache:
                cache.put(document, hit)
        records.append(hit)
    fresh.close()
    if cache:
        cache.prune(corpus.documents)
    return records


def build_knowledge_graph(
    corpus_dir: str | Path, ontology_dir: str | Path | None = None,
    progress: Callable[[int], None] | None = None, corpus: Corpus | None = None,
    jobs: int = 1, cache: RecordCache | None = None, batch_size: int = BATCH_SIZE,
    scheduler: str | None = None, scheduler_timeout: float = CONNECT_TIMEOUT,
) -> tuple[Graph, Corpus]:
    """The graph of a corpus folder (or of ``corpus``, when already read), and the corpus as
    read (with skipped files)."""
    corpus = corpus if corpus is not None else load_corpus(corpus_dir)
    if not corpus.documents:
        raise CorpusError(f"no readable document in {corpus_dir}")
    ontology = load_ontology(ontology_dir)
    records = extract_corpus(corpus, ontology_dir, progress, batch_size, jobs=jobs, cache=cache,
                             scheduler=scheduler, scheduler_timeout=scheduler_timeout)
    with paused_gc():
        resolved = resolve(records, ontology)
        del records  # what the resolved corpus does not hold is freed before the graph grows
        return build_graph(resolved, ontology, pipeline_versions(ontology_dir)), corpus


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the stages after extraction: they make
    millions of small acyclic objects, and every full collection walks all live objects again
    (records, graph, model), a tenth of their time. Reference counting still frees memory; the
    collector resumes (and catches up) when the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_atomically(files: dict[Path, bytes | Path]) -> None:
    """Write every ``files`` target (bytes, or the path of a file already written in the
    target's folder, renamed into place) through temporary files, then rename them all."""
    temps: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            if isinstance(data, Path):
                temps.append((str(data), target))
                continue
            handle, temp = tempfile.mkstemp(prefix=f"{STAGING_PREFIX}{target.name}.", dir=target.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temp, 0o644)
            temps.append((temp, target))
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            if os.path.exists(temp):
                os.unlink(temp)


def _write_graph(graph: Graph, out: Path) -> tuple[Path, str, bool]:
    """Write ``graph``'s Turtle to a temporary file in ``out`` as it is made (the text is
    never held whole in memory); return the file, the text's SHA-256 and whether the text is
    in :func:`diplokg.turtle.write_turtle`'s block layout."""
    handle, temp = tempfile.mkstemp(prefix=f"{STAGING_PREFIX}{GRAPH_FILE}.", dir=out)
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as stream:
            def write(data: bytes) -> None:
                digest.update(data)
                stream.write(data)

            blocks = write_serialized(graph, write)
        os.chmod(temp, 0o644)
    except BaseException:
        os.unlink(temp)
        raise
    return Path(temp), digest.hexdigest(), blocks


def _build_result(graph: Graph, corpus: Corpus, out: Path, shacl: ValidationReport | None) -> BuildResult:
    def count(cls) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    return BuildResult(
        out_dir=out, documents=len(corpus.documents), triples=len(graph),
        persons=count(DK.Person), meetings=count(DK.Meeting), agreements=count(DK.Agreement),
        commitments=count(DK.Commitment), skipped=corpus.skipped,
        warnings=corpus.warnings + [f"SHACL {v}" for v in (shacl.violations if shacl else [])],
        validation=shacl,
    )


def release_graph(graph: Graph) -> None:
    """Empty the in-memory ``graph`` (an :class:`~diplokg.triplestore.IndexedStore` graph; any
    other is left as it is) and hand the freed memory back to the system (``malloc_trim`` where
    the C library has it), for a child process that needs it more."""
    if isinstance(graph.store, IndexedStore):
        graph.store.clear()
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc
        pass


def remove_stale_staging(out: Path) -> list[str]:
    """Remove the ``.build-*`` files and folders a killed build left in ``out``; return their
    names. Call it only while holding the lock: then none of them belongs to a live build."""
    removed = []
    for path in sorted(out.glob(STAGING_PREFIX + "*")):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def build(
    corpus_dir: str | Path = "corpus", out_dir: str | Path = "output",
    ontology_dir: str | Path | None = None, progress: Callable[[int], None] | None = None,
    corpus: Corpus | None = None, jobs: int | None = None, cache_dir: str | Path | None = None,
    use_cache: bool = True, lock_timeout: float = LOCK_TIMEOUT, validate: bool = True,
    store: str = "auto", batch_size: int = BATCH_SIZE, scheduler: str | None = None,
    scheduler_timeout: float = CONNECT_TIMEOUT,
) -> BuildResult:
    """Build graph.ttl, network.html and report.md from ``corpus_dir`` (or the already read
    ``corpus``) into ``out_dir``.

    ``jobs`` extraction processes (default: the usable CPUs), or the workers of the Dask
    ``scheduler`` (``tcp://HOST:PORT``, ``local``, ``local:N``; see :mod:`diplokg.extract.cluster`;
    not with ``jobs`` > 1; ``scheduler_timeout`` seconds to connect); per-document records are cached in
    ``cache_dir`` (default ``out_dir/.cache``) unless ``use_cache`` is false, so a rebuild only
    extracts new or changed documents. The write phase holds ``out_dir``'s build lock, waiting for
    it at most ``lock_timeout`` seconds (0: fail at once when another build holds it).
    Unless ``validate`` is false, the graph is checked against the SHACL shapes
    (``ontology/shapes.ttl``) and every result becomes a build warning. With ``store`` =
    ``"oxigraph"`` (``"auto"``: for graphs of at least ``AUTO_STORE_TRIPLES`` triples) the graph
    is also written to an on-disk Oxigraph store ``out_dir/store/``.
    When nothing changed since the last cached build and its outputs are intact, the recorded
    result is returned and nothing is recomputed (see :mod:`diplokg.incremental`)."""
    if store not in STORES:
        raise BuildError(f"unknown store {store!r} (choose from {', '.join(STORES)})")
    if scheduler is not None:
        parse_scheduler(scheduler)
        if jobs is not None and jobs > 1:
            raise InputError("--jobs and --scheduler cannot be used together: with --scheduler the "
                             "cluster's workers extract (use --scheduler local:N for N local workers)")
    out = Path(out_dir)
    cache = RecordCache(cache_dir or out / CACHE_DIR, ontology_dir) if use_cache else None
    key = None
    if cache is not None:
        corpus = corpus if corpus is not None else load_corpus(corpus_dir)
        key = inputs_key(corpus, [cache.key(d) for d in corpus.documents], ontology_dir,
                         {"validate": validate, "store": store, "out": str(out.resolve())})
        previous = unchanged_result(cache.root, key)
        if previous is not None and (not wants_store(store, previous.triples) or store_for(out / GRAPH_FILE)):
            if progress:
                progress(len(corpus.documents))
            return previous
        forget_build(cache.root)
    graph, corpus = build_knowledge_graph(
        corpus_dir, ontology_dir, progress, corpus, jobs=jobs or default_jobs(), cache=cache,
        batch_size=batch_size, scheduler=scheduler, scheduler_timeout=scheduler_timeout)
    with paused_gc():
        return _write_outputs(graph, corpus, out, ontology_dir, validate, store, lock_timeout, cache, key)


def _write_outputs(
    graph: Graph, corpus: Corpus, out: Path, ontology_dir: str | Path | None, validate: bool, store: str,
    lock_timeout: float, cache: RecordCache | None, key: str | None,
) -> BuildResult:
    """Validate ``graph``, write every output of ``out`` under its lock, return the result."""
    shacl = validate_graph(graph, ontology_dir=ontology_dir) if validate else None
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FileLock(out / LOCK_FILE, timeout=lock_timeout)
        lock.acquire()
    except Timeout as exc:  # before OSError: Timeout is a TimeoutError
        raise BuildError(
            f"another build holds the lock {out / LOCK_FILE} (waited {lock_timeout:g} s); "
            "try again when it has finished"
        ) from exc
    except OSError as exc:
        raise BuildError(f"cannot write the output to {out}: {exc}") from exc
    try:
        remove_stale_staging(out)
        turtle, turtle_sha256, blocks = _write_graph(graph, out)
        try:
            # the Oxigraph store loads (from the same file) in a child process while the page
            # and report are made
            loader = (StoreWriter(turtle, out / STORE_DIR, prefix=f"{STAGING_PREFIX}store-",
                                  blocks=blocks, sha256=turtle_sha256, queries=kept_queries(len(graph)))
                      if wants_store(store, len(graph)) else None)
            try:
                # the page, the report and the charts share one person network and its scores
                with shared_analysis(), tempfile.TemporaryDirectory(dir=out, prefix=STAGING_PREFIX) as staging:
                    html_path = Path(staging) / NETWORK_FILE
                    write_network_html(graph, html_path, centrality(person_network(graph)))
                    files = {
                        out / GRAPH_FILE: turtle,
                        out / NETWORK_FILE: html_path.read_bytes(),
                        out / REPORT_FILE: report_markdown(graph, charts=CHART_FILES).encode("utf-8"),
                    }
                    files.update({out / name: svg for name, svg in chart_svgs(graph).items()})
                    _write_atomically(files)
            except BaseException:
                if loader is not None:
                    loader.abandon()
                raise
        finally:
            turtle.unlink(missing_ok=True)  # renamed into place unless something failed
        result = _build_result(graph, corpus, out, shacl)
        if loader is not None:
            if loader.keeps_answers:  # the child's answering peaks near 1 GB: free the graph first
                release_graph(graph)
            loader.finish(out / GRAPH_FILE)
        else:
            remove_store(out / STORE_DIR)
    except OSError as exc:
        raise BuildError(f"cannot write the output to {out}: {exc}") from exc
    finally:
        lock.release()
    if cache is not None and key is not None:
        record_build(cache.root, key, {**files, out / GRAPH_FILE: turtle_sha256}, result)
    return result
