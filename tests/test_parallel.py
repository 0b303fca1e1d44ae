"""Parallel extraction gives the same records and a byte-identical graph whatever --jobs is."""

from __future__ import annotations

import pytest

from bench_corpus import small_corpus
from diplokg.build import GRAPH_FILE, build
from diplokg.corpus import load_corpus
from diplokg.extract import parallel
from diplokg.extract.parallel import extract_batch, iter_records

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    return small_corpus(tmp_path_factory.mktemp("corpus"), n=4)


def test_iter_records_same_in_order_for_one_and_two_processes(corpus_dir):
    documents = load_corpus(corpus_dir).documents
    one = list(iter_records(documents, jobs=1, batch_size=1))
    two = list(iter_records(documents, jobs=2, batch_size=1))
    assert [r.doc_id for r in two] == [d.doc_id for d in documents]
    assert one == two
    assert one == extract_batch(documents)  # one batch of everything: same records again


def test_jobs_1_and_2_give_byte_identical_graphs(corpus_dir, tmp_path, monkeypatch):
    # Count the batches the parent process sends out: with batch_size=2 and 4 documents,
    # --jobs 2 really runs 2 batches in a process pool.
    submitted = []
    real_pool = parallel.ProcessPoolExecutor

    class CountingPool(real_pool):
        def submit(self, fn, *args, **kwargs):
            submitted.append(len(args[0]))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountingPool)
    build(corpus_dir, tmp_path / "one", jobs=1, use_cache=False, batch_size=2)
    assert submitted == []
    build(corpus_dir, tmp_path / "two", jobs=2, use_cache=False, batch_size=2)
    assert submitted == [2, 2]
    assert (tmp_path / "one" / GRAPH_FILE).read_bytes() == (tmp_path / "two" / GRAPH_FILE).read_bytes()


def test_jobs_must_be_positive(corpus_dir):
    with pytest.raises(ValueError):
        list(iter_records(load_corpus(corpus_dir).documents, jobs=0))
