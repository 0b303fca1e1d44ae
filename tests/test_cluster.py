"""Extraction on a Dask cluster gives the same records and a byte-identical graph as a plain
build; bad addresses, unreachable schedulers and unfit workers fail with one-line errors."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplokg import build as build_module
from diplokg.build import GRAPH_FILE, build
from diplokg.cli import main
from diplokg.corpus import load_corpus
from diplokg.errors import ClusterError, DaskNotInstalledError, InputError, SchedulerAddressError
from diplokg.extract import cache as cache_module
from diplokg.extract.cluster import iter_records_dask, parse_scheduler
from diplokg.extract.parallel import iter_records

# dask[distributed] is in the test extra: a missing dask must fail here, never skip.
import distributed

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus"


@pytest.fixture(scope="module")
def cluster():
    """A cluster of two single-threaded worker processes, reached by its tcp:// address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def plain_graph(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("plain")
    build(SEED, out, jobs=1, use_cache=False, validate=False)
    return (out / GRAPH_FILE).read_bytes()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_records_come_back_in_input_order(cluster):
    documents = load_corpus(SEED).documents
    seen = []
    records = list(iter_records_dask(documents, cluster, batch_size=2, progress=seen.append))
    assert [r.doc_id for r in records] == [d.doc_id for d in documents]
    assert records == list(iter_records(documents, jobs=1))
    assert seen == [2, 2, 1]


def test_only_uncached_documents_go_to_the_cluster(cluster, tmp_path, monkeypatch):
    corpus = shutil.copytree(SEED, tmp_path / "corpus")
    sent: list[int] = []
    real = build_module.iter_records_dask

    def counting(documents, *args, **kwargs):
        documents = list(documents)
        sent.append(len(documents))
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(build_module, "iter_records_dask", counting)
    out = tmp_path / "out"
    build(corpus, out, scheduler=cluster, validate=False)
    assert sent == [5]
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe talks continued.\n", encoding="utf-8")
    build(corpus, out, scheduler=cluster, validate=False)
    assert sent == [5, 1]
    # Nothing changed: the build does not contact the (here unreachable) scheduler at all.
    before = (out / GRAPH_FILE).read_bytes()
    build(corpus, out, scheduler=f"tcp://127.0.0.1:{free_port()}", validate=False)
    assert (out / GRAPH_FILE).read_bytes() == before


def test_cli_scheduler_local_2_gives_the_plain_graph(plain_graph, tmp_path, monkeypatch):
    def no_local_extraction(*args, **kwargs):
        raise AssertionError("--scheduler must not extract in this process")

    monkeypatch.setattr(build_module, "iter_records", no_local_extraction)
    result = CliRunner().invoke(main, ["build", "--corpus", str(SEED), "--out", str(tmp_path),
                                       "--scheduler", "local:2", "--no-cache", "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.stdout
    assert (tmp_path / GRAPH_FILE).read_bytes() == plain_graph


def test_unreachable_scheduler_is_a_quick_one_line_error(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["build", "--corpus", str(SEED), "--out", str(tmp_path / "out"),
                                       "--scheduler", address, "--scheduler-timeout", "1", "--no-cache"])
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot reach the Dask scheduler at {address}")
    assert "Traceback" not in result.output
    assert elapsed < 30
    assert not (tmp_path / "out" / GRAPH_FILE).exists()


@pytest.mark.parametrize("value", ["local:0", "local:two", "ftp://host:8786", "tcp://host:99999", "", "tcp://"])
def test_bad_scheduler_values_are_input_errors(value):
    with pytest.raises(SchedulerAddressError) as caught:
        parse_scheduler(value)
    assert caught.value.exit_code == 2


def test_good_scheduler_values():
    assert parse_scheduler("local:3") == 3
    assert parse_scheduler("local") >= 1
    assert parse_scheduler("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert parse_scheduler("scheduler.example.org:8786") == "scheduler.example.org:8786"
    assert parse_scheduler("tls://[::1]:8786") == "tls://[::1]:8786"


def test_cli_rejects_jobs_with_scheduler(tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", str(SEED), "--out", str(tmp_path),
                                       "--scheduler", "local:2", "--jobs", "2"])
    assert result.exit_code == 2
    assert "--jobs and --scheduler cannot be used together" in result.stderr
    assert not (tmp_path / GRAPH_FILE).exists()
    with pytest.raises(InputError):
        build(SEED, tmp_path, scheduler="local:2", jobs=3)


def test_missing_dask_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    documents = load_corpus(SEED).documents
    with pytest.raises(DaskNotInstalledError, match=r"pip install 'diplokg\[dask\]'") as caught:
        list(iter_records_dask(documents, "local:1"))
    assert caught.value.exit_code == 1


def test_worker_with_a_different_pipeline_is_refused(cluster, monkeypatch):
    # This process claims another pipeline fingerprint than the workers compute.
    monkeypatch.setattr(cache_module, "pipeline_fingerprint", lambda ontology_dir=None: "0" * 64)
    documents = load_corpus(SEED).documents
    with pytest.raises(ClusterError, match="would extract differently from this machine") as caught:
        list(iter_records_dask(documents, cluster))
    assert "\n" not in str(caught.value)


BLOCKED_WORKER = textwrap.dedent("""
    import sys

    class NoDiplokg:
        def find_spec(self, name, path=None, target=None):
            if name == "diplokg" or name.startswith("diplokg."):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, NoDiplokg())
    from distributed.cli.dask_worker import main
    sys.argv = ["dask worker", sys.argv[1], "--no-nanny", "--nthreads", "1", "--no-dashboard"]
    main()
""")


def test_no_worker_and_a_worker_without_diplokg_give_readable_errors(tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(BLOCKED_WORKER, encoding="utf-8")
    with distributed.LocalCluster(n_workers=0, processes=True, dashboard_address="127.0.0.1:0",
                                  silence_logs=logging.ERROR) as scheduler_only:
        documents = load_corpus(SEED).documents
        with pytest.raises(ClusterError, match="no Dask worker connected to the scheduler"):
            list(iter_records_dask(documents, scheduler_only.scheduler_address, connect_timeout=1))
        worker = subprocess.Popen([sys.executable, str(script), scheduler_only.scheduler_address],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with pytest.raises(ClusterError) as caught:
                list(iter_records_dask(documents, scheduler_only.scheduler_address, connect_timeout=60))
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    message = str(caught.value)
    assert "cannot import diplokg" in message and "No module named 'diplokg'" in message
    assert "pip install 'diplokg[dask]'" in message and "restart the workers" in message
    assert "\n" not in message
