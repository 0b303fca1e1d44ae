"""Shared steps of the evaluation-set tests (dev set, held-out sets): build a set once, score it
against its gold, hold floors, and check that its files, metadata and gold agree."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from rdflib import Graph

from diplokg.build import BuildResult, build
from diplokg.evaluate import Evaluation, evaluate, load_gold

DATA = Path(__file__).resolve().parent / "data"


def build_and_evaluate(corpus: Path, gold: Path) -> tuple[BuildResult, Graph, Evaluation]:
    """Build ``corpus`` with the full pipeline and no cache; its result, graph and evaluation."""
    with tempfile.TemporaryDirectory(prefix=f"{corpus.name}-out-") as tmp:
        result = build(corpus, tmp, use_cache=False)
        graph = Graph().parse(Path(tmp) / "graph.ttl")
    return result, graph, evaluate(graph, load_gold(gold))


def floor_failures(ev: Evaluation, floors: dict[tuple[str, str], float], max_nodes_per_person: float) -> list[str]:
    """Each measure below its floor (and too many nodes per person), as readable lines."""
    failures = []
    for (name, attr), floor in floors.items():
        value = getattr(ev.measure(name), attr)
        if value is None or value < floor - 1e-9:
            failures.append(f"{name} {attr} = {value} < {floor}")
    npp = ev.measure("nodes_per_person").value
    if npp is None or npp > max_nodes_per_person:
        failures.append(f"nodes per person {npp} > {max_nodes_per_person}")
    return failures


def check_set_files(corpus: Path, gold: Path, documents: int, words: tuple[int, int]) -> None:
    """The set has ``documents`` texts of ``words`` words, each with a metadata row and a gold
    entry, and nothing else in its folder (the gold lives outside it: the build skips nothing)."""
    texts = sorted(p.name for p in corpus.glob("*.txt"))
    assert len(texts) == documents
    with (corpus / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        assert [row["file"] for row in csv.DictReader(fh)] == texts
    assert sorted(d["file"] for d in load_gold(gold)["documents"]) == texts
    assert sorted(p.name for p in corpus.iterdir()) == [*texts, "metadata.csv"]
    for path in corpus.glob("*.txt"):
        count = len(path.read_text(encoding="utf-8").split())
        assert words[0] <= count <= words[1], (path.name, count)
