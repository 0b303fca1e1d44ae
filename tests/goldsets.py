"""Shared steps of the evaluation-set tests (dev set, held-out sets): build a set once, score it
against its gold, hold floors, and check that its files, metadata and gold agree."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import ClassVar

import pytest
from rdflib import RDF, Graph

from diplokg.build import BuildResult, build
from diplokg.evaluate import Evaluation, evaluate, load_gold
from diplokg.namespace import DK

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


class HeldOutSetChecks:
    """The checks of one held-out set, for a ``Test…`` subclass per set (``tests/test_heldoutN.py``,
    whose docstring keeps the set's measurement history) that names its folder under ``DATA`` and
    its floors; the gold is ``DATA/<folder>.gold.json``. The set is built once per class."""

    folder: ClassVar[str]
    floor: ClassVar[dict[tuple[str, str], float]]
    documents: ClassVar[int] = 6
    words: ClassVar[tuple[int, int]] = (250, 600)
    #: Mean person nodes per gold person (1.0 is ideal).
    max_nodes_per_person: ClassVar[float] = 1.02
    #: Persons the gold marks as no participant that may be read as one (0 is the aim).
    max_wrong_participants: ClassVar[int] = 0

    @classmethod
    def corpus(cls) -> Path:
        return DATA / cls.folder

    @classmethod
    def gold(cls) -> Path:
        return DATA / f"{cls.folder}.gold.json"

    @pytest.fixture(scope="class")
    @classmethod
    def evaluated(cls) -> tuple[BuildResult, Graph, Evaluation]:
        """The set built once with the full pipeline (no cache), its graph and its evaluation."""
        return build_and_evaluate(cls.corpus(), cls.gold())

    def test_files_metadata_and_gold_agree(self):
        check_set_files(self.corpus(), self.gold(), self.documents, self.words)

    def test_is_disjoint_from_the_other_sets(self):
        """No file name is shared with another evaluation set (every folder with a gold file)."""
        names = {p.name for p in self.corpus().glob("*.txt")}
        assert names
        others = [g.name.removesuffix(".gold.json") for g in DATA.glob("*.gold.json")]
        assert "devset" in others
        for other in others:
            if other != self.folder:
                assert not names & {p.name for p in (DATA / other).glob("*.txt")}, other

    def test_builds_every_document(self, evaluated):
        result, graph, _ = evaluated
        assert result.documents == self.documents
        assert result.skipped == []
        assert len(set(graph.subjects(RDF.type, DK.Document))) == self.documents

    def test_quality_floor(self, evaluated):
        _, _, ev = evaluated
        failures = floor_failures(ev, self.floor, self.max_nodes_per_person)
        assert not failures, failures

    def test_non_participants_stay_out(self, evaluated):
        """Names in bylines, quotes and related-article lists are not participants."""
        _, _, ev = evaluated
        assert ev.measure("not_participants").value <= self.max_wrong_participants, {
            f: d["wrong_participants"] for f, d in ev.details["documents"].items() if d["wrong_participants"]
        }
