"""A synthetic K× graph from a built ``graph.ttl``, for query latency at a scale we cannot extract.

Extracting N = 20,000 generated documents takes about an hour on the benchmark machine; this
writes a graph K times the size of an N-document build in about a minute, then an Oxigraph
store from it with diplokg's own :func:`diplokg.store.write_store` (the same bulk load as
``diplokg build --store oxigraph``), so ``diplokg query --graph OUT`` opens it like a build:

    .venv/bin/python benchmarks/scale_graph.py /tmp/bench/n2000/out1/graph.ttl /tmp/bench/x10 --k 10

**It is an approximation of a K× corpus, not one.** Copy 0 is the graph itself; copies
1..K-1 repeat every triple with the nodes a build mints *per document* renamed for the copy
(``…/meeting/x`` → ``…/meeting/x--copy3``):

- per copy: documents, meetings, commitments, evidence spans, per-document statement
  agreements (``agreement/<doc>-statement``), invented persons (person IRIs that are not in the
  gazetteer), blank nodes; and the name-like literals of those nodes except persons
  (``dk:fileName`` ``bench_000004.txt`` → ``bench_000004--copy3.txt``, ``rdfs:label`` and
  ``dk:title`` "Meeting in Mexico City, 2019-03-04" → "Meeting in Mexico City, 2019-03-04
  (copy3)"): a real corpus of K×N documents has K×N file names and mostly distinct meetings;
- shared (the same node in every copy, so its degree grows K×, as in a real bigger corpus):
  every IRI outside the ``dkr:`` namespace (vocabulary), every ``dkr:`` IRI that occurs in the
  ontology files (gazetteer persons, countries, cities, posts, organisations, tenures, topics,
  the topic scheme), and the other ``dkr:`` kinds that are reference data rather than
  per-document facts: places, named agreements (minted from the agreement's name, so the same
  name in another document is the same node), country groups, regions, the build node.

Person names and all other literals are copied unchanged, so a query that groups by person
label (``who-met-whom`` groups by the two persons' labels) merges the copies of an invented
person like resolution merges same-name persons of a real corpus, and returns about as many rows
as at N with K× the work behind each. Where a real corpus differs: invented names would repeat
(and merge into fewer, better-connected person nodes) at a rate the copy does not model,
meetings of different documents would sometimes be resolved into one, dates and topics would
spread differently. Use it for query latency and store size, not for result counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.append(str(ROOT / "src"))

DKR = "https://w3id.org/diplokg/id/"
FILE_NAME = "https://w3id.org/diplokg/ontology#fileName"
#: Name-like literals renamed per copy on per-document nodes (not on persons: names repeat).
NAMES = frozenset({
    "https://w3id.org/diplokg/ontology#fileName", "https://w3id.org/diplokg/ontology#title",
    "http://www.w3.org/2000/01/rdf-schema#label",
})
#: ``dkr:`` kinds (first path segment) whose nodes a build mints per document.
PER_DOCUMENT = frozenset({"document", "meeting", "commitment", "evidence"})


def reference_iris(ontology_dir: str | Path | None = None) -> set[str]:
    """Every ``dkr:`` IRI that occurs in the ontology's Turtle files (gazetteer, topics, ...)."""
    folder = Path(ontology_dir) if ontology_dir else ROOT / "ontology"
    found: set[str] = set()
    for path in sorted(folder.glob("*.ttl")):
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            for term in (triple.subject, triple.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(DKR):
                    found.add(term.value)
    return found


def per_copy(iri: str, reference: set[str]) -> bool:
    """Whether ``iri`` names a per-document node (renamed in every copy) rather than shared data."""
    if not iri.startswith(DKR) or iri in reference:
        return False
    kind, _, local = iri[len(DKR):].partition("/")
    if kind in PER_DOCUMENT or kind == "person":
        return True
    return kind == "agreement" and local.endswith("-statement")


def _renamer(copy: int, reference: set[str]):
    suffix = f"--copy{copy}"
    cache: dict = {}

    def term(value):
        known = cache.get(value)
        if known is not None:
            return known
        if isinstance(value, ox.NamedNode):
            new = ox.NamedNode(value.value + suffix) if per_copy(value.value, reference) else value
        elif isinstance(value, ox.BlankNode):
            new = ox.BlankNode(f"c{copy}x{value.value}")
        else:
            new = value
        cache[value] = new
        return new

    def name(literal: ox.Literal, file: bool) -> ox.Literal:
        stem, dot, extension = literal.value.rpartition(".")
        if file and dot:  # before the extension
            text = f"{stem}{suffix}.{extension}"
        else:
            text = f"{literal.value} ({suffix[2:]})"
        if literal.language:
            return ox.Literal(text, language=literal.language)
        return ox.Literal(text, datatype=literal.datatype)

    return term, name


def scale_graph(source: str | Path, target: str | Path, k: int, ontology_dir: str | Path | None = None) -> int:
    """Write the K× graph of the Turtle file ``source`` to ``target`` (N-Triples lines, which are
    also valid Turtle); return its number of triples. A triple no copy renames (between shared
    nodes and literals, e.g. a country's label) is written once."""
    triples = list(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE))
    reference = reference_iris(ontology_dir)
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    count = len(triples)
    with out.open("wb") as handle:
        ox.serialize(triples, handle, format=ox.RdfFormat.N_TRIPLES)
        for copy in range(1, k):
            term, name = _renamer(copy, reference)
            batch = []
            for t in triples:
                old_subject, old_object = t.subject, t.object
                subject = term(old_subject)
                if isinstance(old_object, ox.Literal) and t.predicate.value in NAMES and subject != old_subject \
                        and "/person/" not in old_subject.value:
                    obj = name(old_object, t.predicate.value == FILE_NAME)
                else:
                    obj = term(old_object)
                if subject != old_subject or obj != old_object:
                    batch.append(ox.Triple(subject, t.predicate, obj))
            count += len(batch)
            ox.serialize(batch, handle, format=ox.RdfFormat.N_TRIPLES)
    return count


def build_scaled(graph_file: str | Path, out: str | Path, k: int) -> dict:
    """``out/graph.ttl`` (the K× graph of ``graph_file``) and its Oxigraph store ``out/store``,
    written by :func:`diplokg.store.write_store`, so ``diplokg query --graph out`` opens the store."""
    from diplokg.answers import overview_queries
    from diplokg.store import STORE_DIR, write_store

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "graph.ttl"
    start = time.perf_counter()
    triples = scale_graph(graph_file, target, k)
    written = time.perf_counter()
    write_store(target, folder / STORE_DIR, queries=overview_queries())
    loaded = time.perf_counter()
    store_mb = sum(p.stat().st_size for p in (folder / STORE_DIR).rglob("*") if p.is_file()) / 2**20
    return {"k": k, "source": str(graph_file), "triples": triples, "graph_ttl_mb": target.stat().st_size / 2**20,
            "store_mb": store_mb, "write_s": written - start, "store_s": loaded - written}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", help="a built graph.ttl")
    parser.add_argument("out", help="folder to write graph.ttl and store/ into")
    parser.add_argument("--k", type=int, default=10, help="copies (default 10)")
    args = parser.parse_args()
    print(build_scaled(args.graph, args.out, args.k))


if __name__ == "__main__":
    main()
