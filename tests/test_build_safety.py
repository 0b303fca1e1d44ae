"""Concurrent, interrupted and failing builds never leave a corrupt or mixed output folder.

Real builds with the trained model on a two-document invented corpus; concurrent and killed
builds run as subprocesses.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock
from rdflib import Graph

import diplokg.build as build_mod
from diplokg.build import GRAPH_FILE, LOCK_FILE, NETWORK_FILE, REPORT_FILE, STAGING_PREFIX, build
from diplokg.errors import BuildError

OUTPUTS = (GRAPH_FILE, NETWORK_FILE, REPORT_FILE)
DOC_A = ("Secretary of State Daniel Okafor met Foreign Secretary Lucía Benavides in Mexico City on "
         "March 3, 2022.\n\nThey discussed fentanyl trafficking and migration.\n")
DOC_B = ("Ambassador Ruth Calloway met Governor Esteban Morales in Tijuana on May 5, 2021.\n\n"
         "The talks covered arms trafficking and border security.\n")


def make_corpus(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def staging_left(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX))


def run_cli_build(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "diplokg.cli", "build", "--corpus", str(corpus), "--out", str(out),
         "--jobs", "1", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("safety")
    a = make_corpus(root / "corpus-a", {"a.txt": DOC_A})
    b = make_corpus(root / "corpus-b", {"a.txt": DOC_A, "b.txt": DOC_B})
    refs = {}
    for name, corpus in (("a", a), ("b", b)):
        build(corpus, root / f"ref-{name}", use_cache=False)
        refs[name] = outputs(root / f"ref-{name}")
    assert refs["a"][GRAPH_FILE] != refs["b"][GRAPH_FILE]
    return a, b, refs


def test_two_concurrent_builds_leave_one_complete_output(corpora, tmp_path):
    a, b, refs = corpora
    out = tmp_path / "out"
    procs = [run_cli_build(a, out), run_cli_build(b, out)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    got = outputs(out)
    Graph().parse(data=got[GRAPH_FILE], format="turtle")
    # all three files come from the same build: never graph.ttl of one and report.md of the other
    assert got in (refs["a"], refs["b"])
    assert staging_left(out) == []


def test_build_waits_for_the_lock_and_writes_only_after_release(corpora, tmp_path):
    a, _, refs = corpora
    out = tmp_path / "out"
    out.mkdir()
    holder = FileLock(out / LOCK_FILE, thread_local=False)  # released by the timer thread
    holder.acquire()
    released_at: list[float] = []

    def release():
        released_at.append(time.time())
        holder.release()

    timer = threading.Timer(2.0, release)
    timer.start()
    try:
        build(a, out, lock_timeout=60)
    finally:
        timer.cancel()
        if holder.is_locked:
            holder.release()
    assert released_at, "the build finished while another process held the lock"
    assert (out / GRAPH_FILE).stat().st_mtime >= released_at[0] - 0.01
    assert outputs(out) == refs["a"]


def test_build_fails_clearly_when_the_lock_stays_held(corpora, tmp_path):
    a, _, _ = corpora
    out = tmp_path / "out"
    out.mkdir()
    with FileLock(out / LOCK_FILE):
        with pytest.raises(BuildError, match="another build holds the lock") as info:
            build(a, out, lock_timeout=0.2)
    assert info.value.exit_code == 1
    assert not (out / GRAPH_FILE).exists()


def test_lock_of_a_killed_process_does_not_block(corpora, tmp_path):
    a, _, refs = corpora
    out = tmp_path / "out"
    out.mkdir()
    script = textwrap.dedent(f"""
        import sys, time
        from filelock import FileLock
        FileLock({str(out / LOCK_FILE)!r}).acquire()
        print("locked", flush=True)
        time.sleep(600)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    build(a, out, lock_timeout=5)
    assert outputs(out) == refs["a"]


KILL_SCRIPT = """
import os, signal, sys
import diplokg.build as build_mod

real_chmod = os.chmod
written = 0

def chmod(path, mode, *args, **kwargs):
    global written
    result = real_chmod(path, mode, *args, **kwargs)
    if os.path.basename(os.fspath(path)).startswith(build_mod.STAGING_PREFIX):
        written += 1
        if written == 2:  # the second output's temporary file is written: die before any rename
            os.kill(os.getpid(), signal.SIGKILL)
    return result

os.chmod = chmod
build_mod.build(sys.argv[1], sys.argv[2], use_cache=False)
"""


def test_killed_build_keeps_previous_output_and_next_build_cleans_up(corpora, tmp_path):
    a, b, refs = corpora
    out = tmp_path / "out"
    build(a, out, use_cache=False)
    before = outputs(out)
    visible_before = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))

    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(b), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert outputs(out) == before  # nothing renamed into place
    Graph().parse(out / GRAPH_FILE)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == visible_before
    left = staging_left(out)
    assert left, "the kill should have left staging files behind (the test did not kill mid-write)"
    assert all(name.startswith(STAGING_PREFIX) for name in left)

    build(b, out, use_cache=False)
    assert staging_left(out) == []
    assert outputs(out) == refs["b"]


def test_failed_write_of_second_file_keeps_previous_output(corpora, tmp_path, monkeypatch):
    a, b, _ = corpora
    out = tmp_path / "out"
    build(a, out, use_cache=False)
    before = outputs(out)
    real_mkstemp = build_mod.tempfile.mkstemp
    calls = []

    def mkstemp(*args, **kwargs):
        calls.append(kwargs.get("prefix"))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(build_mod.tempfile, "mkstemp", mkstemp)
    with pytest.raises(BuildError, match="No space left on device"):
        build(b, out, use_cache=False)
    monkeypatch.undo()
    assert len(calls) == 2
    assert outputs(out) == before
    assert staging_left(out) == []
    build(b, out, use_cache=False, lock_timeout=0)  # the failed build released the lock


def test_stale_staging_is_removed_only_under_the_lock(tmp_path):
    out = tmp_path / "out"
    (out / ".build-abc123").mkdir(parents=True)
    (out / ".build-abc123" / NETWORK_FILE).write_text("half")
    (out / ".build-graph.ttl.xyz").write_text("@prefix")
    (out / ".cache").mkdir()
    (out / "notes.txt").write_text("mine")
    assert build_mod.remove_stale_staging(out) == [".build-abc123", ".build-graph.ttl.xyz"]
    assert sorted(p.name for p in out.iterdir()) == [".cache", "notes.txt"]
