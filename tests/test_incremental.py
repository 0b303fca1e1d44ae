"""Incremental builds: cached records, skipped unchanged rebuilds, invalidation."""

from __future__ import annotations

import pytest

from bench_corpus import generator, small_corpus
from diplokg import build as build_module
from diplokg.build import CACHE_DIR, GRAPH_FILE, REPORT_FILE, build
from diplokg.extract import cache as cache_module
from diplokg.extract import parallel
from diplokg.incremental import MANIFEST_FILE

pytestmark = pytest.mark.model


@pytest.fixture
def corpus_dir(tmp_path):
    return small_corpus(tmp_path / "corpus", n=3)


@pytest.fixture
def extracted(monkeypatch):
    """The file names of every document that goes through spaCy and the rules."""
    seen: list[str] = []
    real = parallel.extract_batch

    def counting(documents, *args, **kwargs):
        seen.extend(d.file_name for d in documents)
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(parallel, "extract_batch", counting)
    return seen


def test_cached_rebuild_extracts_nothing_and_gives_the_same_graph(corpus_dir, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus_dir, out, jobs=1)
    assert len(extracted) == 3
    cold = (out / GRAPH_FILE).read_bytes()
    (out / CACHE_DIR / MANIFEST_FILE).unlink()  # force resolve/graph/render from cached records
    extracted.clear()
    build(corpus_dir, out, jobs=1)
    assert extracted == []
    assert (out / GRAPH_FILE).read_bytes() == cold
    build(corpus_dir, tmp_path / "nocache", jobs=1, use_cache=False)
    assert (tmp_path / "nocache" / GRAPH_FILE).read_bytes() == cold
    assert not (tmp_path / "nocache" / CACHE_DIR).exists()


def test_unchanged_rebuild_recomputes_nothing(corpus_dir, tmp_path, extracted, monkeypatch):
    out = tmp_path / "out"
    first = build(corpus_dir, out, jobs=1)
    calls = []
    monkeypatch.setattr(build_module, "build_knowledge_graph", lambda *a, **k: calls.append(1))
    again = build(corpus_dir, out, jobs=1)
    assert calls == [] and again.summary() == first.summary()
    # an output that was edited or deleted is rebuilt
    monkeypatch.undo()
    (out / REPORT_FILE).write_text("edited", encoding="utf-8")
    extracted.clear()
    build(corpus_dir, out, jobs=1)
    assert extracted == [] and (out / REPORT_FILE).read_text(encoding="utf-8") != "edited"


def test_changed_and_added_documents_are_the_only_ones_extracted(corpus_dir, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus_dir, out, jobs=1)
    first = sorted(p.name for p in corpus_dir.glob("*.txt"))[0]
    path = corpus_dir / first
    path.write_text(path.read_text(encoding="utf-8") + "\nThe ministers met again in Monterrey.\n", encoding="utf-8")
    added = generator().write_document(corpus_dir, 11, 3)
    extracted.clear()
    build(corpus_dir, out, jobs=1)
    assert sorted(extracted) == sorted([first, added])
    cold = tmp_path / "cold"
    build(corpus_dir, cold, jobs=1, use_cache=False)
    assert (out / GRAPH_FILE).read_bytes() == (cold / GRAPH_FILE).read_bytes()


def test_changed_metadata_is_re_extracted(corpus_dir, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus_dir, out, jobs=1)
    metadata = corpus_dir / "metadata.csv"
    lines = metadata.read_text(encoding="utf-8").splitlines()
    name, title, publisher, published = lines[1].split(",")[:4]
    lines[1] = ",".join([name, "A new title", publisher, "2020-01-02"])
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    extracted.clear()
    build(corpus_dir, out, jobs=1)
    assert extracted == [name]


def test_new_pipeline_version_invalidates_every_entry(corpus_dir, tmp_path, extracted, monkeypatch):
    out = tmp_path / "out"
    build(corpus_dir, out, jobs=1)
    monkeypatch.setattr(cache_module, "CACHE_VERSION", cache_module.CACHE_VERSION + 1)
    cache_module.pipeline_fingerprint.cache_clear()
    try:
        extracted.clear()
        build(corpus_dir, out, jobs=1)
        assert len(extracted) == 3
        entries = list((out / CACHE_DIR / "records").glob("*.pickle"))
        assert len(entries) == 3  # the old entries were pruned
    finally:
        cache_module.pipeline_fingerprint.cache_clear()


def test_corrupt_cache_entry_is_a_miss(corpus_dir, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus_dir, out, jobs=1)
    cold = (out / GRAPH_FILE).read_bytes()
    entries = sorted((out / CACHE_DIR / "records").glob("*.pickle"))
    entries[0].write_bytes(b"not a pickle")
    (out / CACHE_DIR / MANIFEST_FILE).unlink()
    extracted.clear()
    build(corpus_dir, out, jobs=1)
    assert len(extracted) == 1
    assert (out / GRAPH_FILE).read_bytes() == cold


def test_cache_dir_option(corpus_dir, tmp_path, extracted):
    build(corpus_dir, tmp_path / "a", jobs=1, cache_dir=tmp_path / "shared-cache")
    assert not (tmp_path / "a" / CACHE_DIR).exists()
    extracted.clear()
    build(corpus_dir, tmp_path / "b", jobs=1, cache_dir=tmp_path / "shared-cache")
    assert extracted == []  # records reused although the output folder is new
    assert (tmp_path / "a" / GRAPH_FILE).read_bytes() == (tmp_path / "b" / GRAPH_FILE).read_bytes()
