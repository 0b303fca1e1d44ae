"""Reified provenance: evidence spans with exact offsets, the build activity, and resolve keeping
evidence through merges."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import rdflib
from rdflib import RDF, Graph, Literal, URIRef

from diplokg import __version__
from diplokg.corpus import load_corpus
from diplokg.extract.document import _evidence
from diplokg.extract.records import DocumentRecords, Evidence, MeetingRecord, PersonRecord
from diplokg.graph import document_iri
from diplokg.namespace import DK
from diplokg.provenance import BUILD, PROV, evidence_iri, ontology_hash
from diplokg.query import run_query
from diplokg.resolve import resolve
from diplokg.text import clean_text

ROOT = Path(__file__).resolve().parents[1]
QUERY = ROOT / "ontology" / "queries" / "provenance-of.rq"


@pytest.fixture(scope="module")
def seed(seed_graph_dir):
    _, out = seed_graph_dir
    return Graph().parse(out / "graph.ttl")


def spans(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, DK.EvidenceSpan))


def test_every_span_quotes_its_document_exactly(seed):
    documents = {document_iri(d.doc_id): d for d in load_corpus(ROOT / "corpus").documents}
    found = spans(seed)
    assert len(found) >= 20
    for span in found:
        document = documents[seed.value(span, DK.document)]
        start, end = seed.value(span, DK.startChar), seed.value(span, DK.endChar)
        assert start.datatype == rdflib.XSD.integer and end.datatype == rdflib.XSD.integer
        assert 0 <= start.toPython() < end.toPython() <= len(document.text)
        assert document.text[start.toPython():end.toPython()] == str(seed.value(span, DK.text)), span


def test_every_extracted_node_has_provenance(seed):
    for cls in (DK.Meeting, DK.Agreement, DK.Commitment, DK.Person):
        nodes = set(seed.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            linked = list(seed.objects(node, DK.provenance))
            assert linked, f"{node} has no dk:provenance"
            assert all((span, RDF.type, DK.EvidenceSpan) in seed for span in linked)


def test_evidence_literals_match_spans(seed):
    """The dk:evidence sentences (the contract) are the spans' texts, cleaned."""
    for cls in (DK.Meeting, DK.Agreement, DK.Commitment):
        for node in seed.subjects(RDF.type, cls):
            literals = {str(e) for e in seed.objects(node, DK.evidence)}
            texts = {clean_text(str(seed.value(s, DK.text))) for s in seed.objects(node, DK.provenance)}
            assert literals == texts, node


def test_spans_have_rule_and_build_activity(seed):
    for span in spans(seed):
        assert str(seed.value(span, DK.rule) or "").strip()
        assert (span, PROV.wasGeneratedBy, BUILD) in seed
    assert (BUILD, RDF.type, PROV.Activity) in seed
    versions = {str(v) for v in seed.objects(BUILD, DK.pipelineVersion)}
    assert f"diplokg {__version__}" in versions
    assert f"spaCy {spacy.__version__}" in versions
    assert f"ontology sha256:{ontology_hash()}" in versions
    assert any(v.startswith("model ") for v in versions)


def test_no_timestamps(seed):
    timed = {rdflib.XSD.dateTime, rdflib.XSD.dateTimeStamp, rdflib.XSD.time}
    assert not [o for o in seed.objects() if isinstance(o, Literal) and o.datatype in timed]


def test_evidence_iri_is_stable_and_distinguishes_rules():
    a = Evidence("doc-1", "Text.", 10, 15, "meeting:visit")
    assert evidence_iri(a) == evidence_iri(Evidence("doc-1", "Text.", 10, 15, "meeting:visit"))
    assert evidence_iri(a) != evidence_iri(Evidence("doc-1", "Text.", 10, 15, "agreement:named"))
    assert evidence_iri(a) != evidence_iri(Evidence("doc-1", "Text.", 11, 15, "meeting:visit"))
    assert evidence_iri(a) != evidence_iri(Evidence("doc-2", "Text.", 10, 15, "meeting:visit"))


def test_evidence_offsets_exclude_surrounding_whitespace():
    doc = spacy.blank("en")("\n\n  The ministers met in Mexico City.  \n\nThen they left.")
    span = doc[0:len(doc) - 4]  # starts with the whitespace token, ends after the period + space
    assert span.text != span.text.strip()
    evidence = _evidence("d", span, "test")
    assert evidence.text == "The ministers met in Mexico City."
    assert doc.text[evidence.start:evidence.end] == evidence.text


def _doc(doc_id: str, start: int, rule: str) -> DocumentRecords:
    evidence = Evidence(doc_id, "Ana Quintero met Bert Vollmer.", start, start + 29, rule)
    persons = [
        PersonRecord("p1", ["Ana Quintero"], evidence=[evidence, Evidence(doc_id, "Later.", start + 40, start + 46, "actors")]),
        PersonRecord("p2", ["Bert Vollmer"], evidence=[evidence]),
    ]
    meeting = MeetingRecord("m1", persons={"p1", "p2"}, pairs={frozenset({"p1", "p2"})}, evidence=[evidence])
    return DocumentRecords(doc_id=doc_id, file_name=f"{doc_id}.txt", persons=persons, meetings=[meeting])


def test_resolve_keeps_evidence_through_merges(ontology):
    resolved = resolve([_doc("doc-a", 100, "meeting:meet"), _doc("doc-b", 7, "meeting:visit")], ontology)
    assert len(resolved.meetings) == 1
    evidence = resolved.meetings[0].evidence
    assert {(e.doc_id, e.start, e.end, e.rule) for e in evidence} == {
        ("doc-a", 100, 129, "meeting:meet"), ("doc-b", 7, 36, "meeting:visit")}
    ana = next(p for p in resolved.persons.values() if p.label == "Ana Quintero")
    # the first mention of each document, with its offsets
    assert [(e.doc_id, e.start) for e in ana.evidence] == [("doc-a", 100), ("doc-b", 7)]


def test_provenance_query(seed):
    meeting = sorted(seed.subjects(RDF.type, DK.Meeting))[0]
    columns, rows = run_query(seed, QUERY.read_text(encoding="utf-8"), {"node": meeting})
    assert columns[:5] == ["file", "start", "end", "rule", "text"]
    assert len(rows) == len(set(seed.objects(meeting, DK.provenance))) >= 1
    documents = {d.file_name: d for d in load_corpus(ROOT / "corpus").documents}
    for file, start, end, rule, text, _ in rows:
        assert documents[file].text[int(start):int(end)] == text
        assert rule


def test_provenance_query_header_parses():
    from diplokg.queries import load_query_file

    query = load_query_file(QUERY)
    assert query.name == "provenance-of"
    assert [p.name for p in query.params] == ["node"]


def without_provenance(graph: Graph) -> Graph:
    """The graph minus evidence spans, dk:provenance links and the build activity."""
    stripped = Graph()
    drop = set(spans(graph)) | {BUILD}
    for triple in graph:
        if triple[0] not in drop and triple[1] != DK.provenance:
            stripped.add(triple)
    return stripped


def test_consumers_ignore_provenance_nodes(seed):
    """Evaluation, the report and the network view give the same results with or without the
    reified provenance."""
    from diplokg.evaluate import evaluate, load_gold
    from diplokg.render import network_data
    from diplokg.report import report_markdown

    bare = without_provenance(seed)
    assert len(bare) < len(seed)
    gold = load_gold(ROOT.parent / "shared" / "eval" / "seed-gold.json")
    assert evaluate(seed, gold).to_dict() == evaluate(bare, gold).to_dict()
    assert report_markdown(seed) == report_markdown(bare)
    assert network_data(seed) == network_data(bare)
