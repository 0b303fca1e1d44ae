"""Build: corpus -> extract -> resolve -> graph -> outputs (graph.ttl, network.html, report.md).

All outputs are written to temporary files first and renamed into place only when every one of
them is ready, so a failed build leaves the previous output intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from .analyse import centrality, person_network
from .corpus import Corpus, Skipped, load_corpus
from .errors import BuildError, CorpusError
from .extract.document import extract_records
from .extract.pipeline import load_pipeline
from .extract.records import DocumentRecords
from .graph import build_graph, serialize
from .namespace import DK
from .ontology import load_ontology
from .render import report_markdown, write_network_html
from .resolve import resolve

GRAPH_FILE = "graph.ttl"
NETWORK_FILE = "network.html"
REPORT_FILE = "report.md"


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

    def summary(self) -> str:
        return (
            f"built {self.out_dir}: {self.documents} documents, {self.persons} persons, "
            f"{self.meetings} meetings, {self.agreements} agreements, {self.commitments} commitments, "
            f"{self.triples} triples; {len(self.skipped)} files skipped"
        )


def extract_corpus(
    corpus: Corpus, ontology_dir: str | Path | None = None,
    progress: Callable[[int], None] | None = None, batch_size: int = 16,
) -> list[DocumentRecords]:
    """Run the pipeline over the corpus, streaming (``nlp.pipe`` with document context)."""
    nlp = load_pipeline(ontology_dir)
    ontology = load_ontology(ontology_dir)
    records: list[DocumentRecords] = []
    stream = ((document.text, document) for document in corpus.documents)
    for doc, document in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        records.append(extract_records(doc, document, ontology))
        if progress:
            progress(1)
    return records


def build_knowledge_graph(
    corpus_dir: str | Path, ontology_dir: str | Path | None = None,
    progress: Callable[[int], None] | None = None, corpus: Corpus | None = None,
) -> tuple[Graph, Corpus]:
    """The graph of a corpus folder (or of ``corpus``, when already read), and the corpus as
    read (with skipped files)."""
    corpus = corpus if corpus is not None else load_corpus(corpus_dir)
    if not corpus.documents:
        raise CorpusError(f"no readable document in {corpus_dir}")
    ontology = load_ontology(ontology_dir)
    records = extract_corpus(corpus, ontology_dir, progress)
    return build_graph(resolve(records, ontology), ontology), corpus


def _write_atomically(files: dict[Path, bytes]) -> None:
    temps: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
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


def build(
    corpus_dir: str | Path = "corpus", out_dir: str | Path = "output",
    ontology_dir: str | Path | None = None, progress: Callable[[int], None] | None = None,
    corpus: Corpus | None = None,
) -> BuildResult:
    """Build graph.ttl, network.html and report.md from ``corpus_dir`` (or the already read
    ``corpus``) into ``out_dir``."""
    out = Path(out_dir)
    graph, corpus = build_knowledge_graph(corpus_dir, ontology_dir, progress, corpus)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out, prefix=".build-") as staging:
            html_path = Path(staging) / NETWORK_FILE
            write_network_html(graph, html_path, centrality(person_network(graph)))
            files = {
                out / GRAPH_FILE: serialize(graph),
                out / NETWORK_FILE: html_path.read_bytes(),
                out / REPORT_FILE: report_markdown(graph).encode("utf-8"),
            }
            _write_atomically(files)
    except OSError as exc:
        raise BuildError(f"cannot write the output to {out}: {exc}") from exc

    def count(cls) -> int:
        return len(set(graph.subjects(RDF.type, cls)))

    return BuildResult(
        out_dir=out, documents=len(corpus.documents), triples=len(graph),
        persons=count(DK.Person), meetings=count(DK.Meeting), agreements=count(DK.Agreement),
        commitments=count(DK.Commitment), skipped=corpus.skipped, warnings=corpus.warnings,
    )
