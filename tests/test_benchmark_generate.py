"""The benchmark corpus generator makes varied, deterministic documents (not a timed test)."""

from __future__ import annotations

import csv

from bench_corpus import generator


def test_generated_documents_are_varied_and_deterministic(tmp_path):
    gen = generator()
    folder = gen.generate(40, tmp_path / "a", seed=3)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    assert len(texts) == 40 and len(set(texts)) == 40
    # no shared opening paragraph that a cache or dedup could exploit
    assert len({max(t.split("\n\n"), key=len) for t in texts}) == 40
    assert 100 < sum(len(t.split()) for t in texts) / 40 < 1000
    with (folder / "metadata.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] for r in rows] == sorted(p.name for p in folder.glob("*.txt"))
    assert len({r["published"] for r in rows}) >= 30
    # deterministic, and size N is a prefix of size M > N
    again = gen.generate(60, tmp_path / "b", seed=3)
    assert [p.read_text(encoding="utf-8") for p in sorted(again.glob("*.txt"))][:40] == texts
    other = gen.generate(5, tmp_path / "c", seed=4)
    assert [p.read_text(encoding="utf-8") for p in sorted(other.glob("*.txt"))] != texts[:5]


def test_names_places_and_topics_vary(tmp_path):
    gen = generator()
    docs = [gen.document(9, i)[0] for i in range(60)]
    surnames = {name for name in gen.LAST if any(name in d for d in docs)}
    topics = {topic for topic in gen.TOPICS if any(topic in d for d in docs)}
    assert len(surnames) > 30 and len(topics) > 15
