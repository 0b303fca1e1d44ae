"""Extraction on a Dask cluster: the same records as :func:`~diplokg.extract.parallel.iter_records`,
computed by the workers of a ``dask.distributed`` scheduler.

The unit of work is still :func:`~diplokg.extract.parallel.extract_batch`. Batches go to the
cluster through a sliding window of futures (at most two per worker thread in flight) and records
come back in input order, so neither end holds the whole corpus. Workers return records only.

The client ships the ontology files (``*.ttl`` of the ontology folder) to the workers, so a worker
needs diplokg, spaCy and the model installed, not a copy of the project. Before any batch is sent
every worker computes its pipeline fingerprint (:func:`~diplokg.extract.cache.pipeline_fingerprint`:
versions of diplokg, spaCy and the model, the ontology bytes and the extraction code) and it must
equal this machine's: a worker that would extract differently is refused with a readable error,
and cached records stay valid whichever machine made them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..corpus import Document
from ..errors import ClusterError, DaskNotInstalledError, DiplokgError, SchedulerAddressError
from .parallel import BATCH_SIZE, _batches, default_jobs, extract_batch
from .records import DocumentRecords

#: Seconds to wait for the scheduler to answer, and for at least one worker to be connected.
CONNECT_TIMEOUT = 10.0
#: Batches in flight per worker thread.
IN_FLIGHT_PER_THREAD = 2

_LOCAL = re.compile(r"local(?::(\d+))?")
_ADDRESS = re.compile(r"(?:([a-z][a-z0-9+.-]*)://)?(\[[0-9a-fA-F:]+\]|[^\s/:\[\]]+)(?::(\d{1,5}))?/?")
_INSTALL_HINT = ("install the same diplokg, spaCy and model as here on every worker "
                 "(pip install 'diplokg[dask]' and the model), then restart the workers")


def parse_scheduler(scheduler: str) -> int | str:
    """The number of local workers for ``local`` / ``local:N``, else the scheduler address.

    Raises :class:`SchedulerAddressError` when ``scheduler`` is neither."""
    text = scheduler.strip()
    local = _LOCAL.fullmatch(text)
    if local:
        workers = int(local.group(1)) if local.group(1) else default_jobs()
        if workers < 1:
            raise SchedulerAddressError(f"--scheduler {scheduler}: a local cluster needs at least 1 worker")
        return workers
    match = _ADDRESS.fullmatch(text)
    if not match or (match.group(3) and not 0 < int(match.group(3)) < 65536):
        raise SchedulerAddressError(
            f"--scheduler {scheduler!r} is not a scheduler address (tcp://HOST:PORT), 'local' or 'local:N'")
    scheme = match.group(1)
    if scheme:
        _import_distributed()
        from distributed.comm.registry import backends

        if scheme not in backends:
            raise SchedulerAddressError(
                f"--scheduler {scheduler}: unknown protocol {scheme}:// (known: {', '.join(sorted(backends))})")
    return text


def _import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalledError(
            f"--scheduler needs dask.distributed, which is not installed ({exc}); "
            "run: pip install 'diplokg[dask]'") from exc
    return distributed


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@contextmanager
def connect(scheduler: str, connect_timeout: float = CONNECT_TIMEOUT):
    """A ``distributed.Client`` of ``scheduler`` (``local``/``local:N`` starts a local cluster of
    N single-threaded worker processes for the ``with`` block and closes it afterwards)."""
    target = parse_scheduler(scheduler)
    distributed = _import_distributed()
    import logging

    cluster = None
    try:
        if isinstance(target, int):
            try:
                # The scheduler always serves HTTP (health, metrics; the dashboard if bokeh is
                # installed): a free loopback port, rather than 8787 or a warning when it is taken.
                cluster = distributed.LocalCluster(
                    n_workers=target, threads_per_worker=1, processes=True,
                    dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            except Exception as exc:  # distributed raises many kinds here
                raise ClusterError(f"cannot start a local Dask cluster: {_one_line(exc)}") from exc
            address = cluster.scheduler_address
        else:
            address = target
        try:
            client = distributed.Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} (waited {connect_timeout:g} s); "
                "is `dask scheduler` running there and the port open?") from exc
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


# --- worker side ------------------------------------------------------------------------------

_MATERIALISED: dict[str, str] = {}


def _ontology_payload(ontology_dir: str | Path | None) -> tuple[str, dict[str, bytes]]:
    """The ``*.ttl`` files of the ontology folder (what extraction reads), and their digest."""
    from ..ontology import DEFAULT_ONTOLOGY_DIR

    folder = Path(ontology_dir) if ontology_dir else DEFAULT_ONTOLOGY_DIR
    files = {path.name: path.read_bytes() for path in sorted(folder.glob("*.ttl"))}
    return _digest(files), files


def _digest(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"\0{name}\0".encode())
        digest.update(files[name])
    return digest.hexdigest()


def _materialise(payload: tuple[str, dict[str, bytes]]) -> str:
    """A folder on this worker holding the shipped ontology files (written once per machine)."""
    digest, files = payload
    if digest in _MATERIALISED:
        return _MATERIALISED[digest]
    folder = Path(tempfile.gettempdir()) / f"diplokg-ontology-{digest[:24]}"
    if not _holds(folder, files):
        staging = tempfile.mkdtemp(prefix=".diplokg-ontology-", dir=folder.parent)
        for name, data in files.items():
            (Path(staging) / name).write_bytes(data)
        try:
            os.rename(staging, folder)
        except OSError:  # another worker process on this machine was first
            shutil.rmtree(staging, ignore_errors=True)
        if not _holds(folder, files):  # not ours, or changed: use a private copy
            folder = Path(tempfile.mkdtemp(prefix="diplokg-ontology-"))
            for name, data in files.items():
                (folder / name).write_bytes(data)
    _MATERIALISED[digest] = str(folder)
    return str(folder)


def _holds(folder: Path, files: dict[str, bytes]) -> bool:
    try:
        present = {path.name: path.read_bytes() for path in folder.glob("*.ttl")}
    except OSError:
        return False
    return present == files


def _describe() -> str:
    from importlib import metadata

    from .. import __version__
    from ..provenance import model_version

    return f"diplokg {__version__}, spaCy {metadata.version('spacy')}, model {model_version() or 'none'}"


def worker_fingerprint(payload: tuple[str, dict[str, bytes]]) -> tuple[str, str]:
    """This process's pipeline fingerprint for the shipped ontology, and its versions."""
    from .cache import pipeline_fingerprint

    return pipeline_fingerprint(_materialise(payload)), _describe()


def extract_on_worker(documents: list[Document], payload: tuple[str, dict[str, bytes]],
                      batch_size: int, fingerprint: str) -> list[DocumentRecords]:
    """:func:`extract_batch` on a worker, with the shipped ontology; refuses to run when the
    worker's pipeline fingerprint differs from the client's (a worker that joined late)."""
    mine, versions = worker_fingerprint(payload)
    if mine != fingerprint:
        raise ClusterError(f"worker {_worker_address()} ({versions}) would extract differently "
                           "from this machine; " + _INSTALL_HINT)
    try:
        return extract_batch(documents, _materialise(payload), batch_size)
    except DiplokgError as exc:
        raise ClusterError(f"worker {_worker_address()}: {exc}") from None


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except Exception:  # not on a worker
        return "?"


# --- client side ------------------------------------------------------------------------------

def _check_workers(client, payload, fingerprint: str, local_versions: str, timeout: float) -> int:
    """Wait for a worker, check every worker can extract like this machine; return the number
    of worker threads."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError) as exc:
        raise ClusterError(f"no Dask worker connected to the scheduler at {client.scheduler.address} "
                           f"within {timeout:g} s; start one with `dask worker ADDRESS`") from exc
    # First with the standard library only, so a worker without diplokg gives a plain message.
    probes = client.run(exec, "import diplokg.extract.cluster", {}, on_error="return")
    for worker, outcome in sorted(probes.items()):
        if isinstance(outcome, BaseException):
            raise ClusterError(f"worker {worker} cannot import diplokg ({_one_line(outcome)}); {_INSTALL_HINT}")
    answers = client.run(worker_fingerprint, payload, on_error="return")
    for worker, outcome in sorted(answers.items()):
        if isinstance(outcome, BaseException):
            raise ClusterError(f"worker {worker} failed its check ({_one_line(outcome)}); {_INSTALL_HINT}")
        theirs, versions = outcome
        if theirs != fingerprint:
            detail = ("its extraction code or ontology differs" if versions == local_versions
                      else f"it has {versions}, this machine {local_versions}")
            raise ClusterError(f"worker {worker} would extract differently from this machine ({detail}); "
                               + _INSTALL_HINT)
    return max(1, sum(client.nthreads().values()))


def iter_records_dask(
    documents: Iterable[Document], scheduler: str, ontology_dir: str | Path | None = None,
    batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> Iterator[DocumentRecords]:
    """Extract ``documents`` on the Dask cluster ``scheduler``; yield records in input order.

    ``scheduler`` is a scheduler address (``tcp://HOST:PORT``) or ``local`` / ``local:N`` (a
    cluster of N worker processes on this machine, started and closed here). The records are
    those :func:`~diplokg.extract.parallel.iter_records` gives. Nothing is contacted until the
    first record is asked for. Errors: :class:`SchedulerAddressError` (bad ``scheduler``),
    :class:`DaskNotInstalledError`, :class:`ClusterError` (unreachable scheduler, no worker, a
    worker without diplokg or with a different pipeline, a failed batch).
    """
    from .cache import pipeline_fingerprint

    parse_scheduler(scheduler)
    distributed = _import_distributed()
    payload = _ontology_payload(ontology_dir)
    fingerprint = pipeline_fingerprint(str(ontology_dir) if ontology_dir else None)
    with connect(scheduler, connect_timeout) as client:
        threads = _check_workers(client, payload, fingerprint, _describe(), connect_timeout)
        shipped = client.scatter(payload, broadcast=True, hash=False)
        window = max(2, IN_FLIGHT_PER_THREAD * threads)
        pending: deque = deque()

        def collect() -> list[DocumentRecords]:
            future = pending.popleft()
            try:
                return future.result()
            except ClusterError:
                raise
            except distributed.client.FutureCancelledError as exc:
                raise ClusterError(f"the Dask cluster cancelled an extraction batch ({_one_line(exc)})") from None
            except Exception as exc:  # a worker died (KilledWorker), lost connection, ...
                raise ClusterError(f"an extraction batch failed on the Dask cluster: {_one_line(exc)}") from None

        for batch in _batches(documents, batch_size):
            pending.append(client.submit(extract_on_worker, batch, shipped, batch_size, fingerprint, pure=False))
            if len(pending) >= window:
                records = collect()
                yield from records
                if progress:
                    progress(len(records))
        while pending:
            records = collect()
            yield from records
            if progress:
                progress(len(records))
