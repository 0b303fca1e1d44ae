"""The rdflib graph: resolved records written with the contract's vocabulary and provenance."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as _rdflib_namespace

from .corpus import PartialDate
from .extract.records import Evidence, PlaceRef
from .namespace import DK, DKR, PREFIXES, TOPIC_SCHEME
from .ontology import Ontology
from .provenance import add_build_activity, add_evidence_span, pipeline_versions
from .resolve import ResolvedCorpus
from .text import clean_text, slug
from .triplestore import IndexedStore
from .turtle import NotWritable, turtle_bytes, write_turtle


class _Terms:
    """An rdflib namespace whose terms are made once: rdflib builds (and checks) a new
    ``URIRef`` on every ``RDF.type``. ``namespace`` is the namespace itself."""

    def __init__(self, namespace):
        self.namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self.namespace, name)
        setattr(self, name, term)
        return term


RDF, RDFS, SKOS, XSD, ORG, TIME = (_Terms(getattr(_rdflib_namespace, n))
                                   for n in ("RDF", "RDFS", "SKOS", "XSD", "ORG", "TIME"))
#: IRIs as rdflib terms, each made once per build (cleared at the end of :func:`build_graph`)
_iri = lru_cache(maxsize=None)(URIRef)


def date_literal(value: PartialDate) -> Literal:
    """xsd:date, or xsd:gYearMonth / xsd:gYear when only that is known."""
    datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[value.precision]
    return Literal(value.isoformat(), datatype=datatype)


def new_graph() -> Graph:
    """An empty graph on a lean in-memory store (:mod:`diplokg.triplestore`) with our prefixes."""
    graph = Graph(store=IndexedStore())
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


@lru_cache(maxsize=None)
def document_iri(doc_id: str) -> URIRef:
    return DKR[f"document/{slug(doc_id)}"]


def _add_evidence(graph: Graph, node: URIRef, evidence: list[Evidence], literal: bool = True) -> None:
    """``dk:evidence`` sentence literals (if ``literal``) and reified ``dk:provenance`` spans."""
    for item in evidence:
        if literal:
            graph.add((node, DK.evidence, Literal(clean_text(item.text))))
        add_evidence_span(graph, node, item, document_iri(item.doc_id))


def _place_node(graph: Graph, place: PlaceRef, ontology: Ontology) -> URIRef:
    if place.key:
        node = _iri(place.key)
        entry = ontology.entries.get(place.key)
        graph.add((node, RDF.type, DK.Country if place.kind == "country" else DK.City))
        graph.add((node, RDFS.label, Literal(entry.label if entry else clean_text(place.label))))
    else:
        node = DKR[f"place/{slug(place.label)}"]
        graph.add((node, RDF.type, DK.City))
        graph.add((node, RDFS.label, Literal(clean_text(place.label))))
    if place.kind == "city" and place.country:
        graph.add((node, DK.locatedIn, _iri(place.country)))
        _country_node(graph, place.country, ontology)
    return node


def _country_node(graph: Graph, iri: str, ontology: Ontology) -> URIRef:
    node = _iri(iri)
    entry = ontology.entries.get(iri)
    graph.add((node, RDF.type, DK.Country))
    graph.add((node, RDFS.label, Literal(entry.label if entry else iri.rsplit("/", 1)[-1])))
    return node


def _add_tenures(graph: Graph, person: URIRef, ontology: Ontology) -> None:
    """The posts a person held and when (W3C ORG memberships over OWL-Time intervals), from the
    gazetteer; interval and instant nodes are named after the membership (no blank nodes)."""
    for tenure in ontology.tenures:
        if tenure.person != str(person) or not tenure.iri:
            continue
        graph.bind("org", ORG.namespace)
        graph.bind("time", TIME.namespace)
        post, membership = _iri(tenure.post), _iri(tenure.iri)
        info = ontology.posts[tenure.post]
        graph.add((post, RDF.type, ORG.Post))
        graph.add((post, RDFS.label, Literal(info.label)))
        if info.country:
            graph.add((post, DK.country, _country_node(graph, info.country, ontology)))
        graph.add((person, ORG.holds, post))
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, RDFS.label, Literal(tenure.label)))
        graph.add((membership, ORG.member, person))
        graph.add((membership, ORG.role, post))
        if info.organization:
            graph.add((membership, ORG.organization, _iri(info.organization)))
        period = _iri(f"{tenure.iri}/period")
        graph.add((membership, ORG.memberDuring, period))
        graph.add((period, RDF.type, TIME.Interval))
        for prop, value, name in ((TIME.hasBeginning, tenure.begin, "begin"), (TIME.hasEnd, tenure.end, "end")):
            if value is None:
                continue
            instant = _iri(f"{tenure.iri}/{name}")
            graph.add((period, prop, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            literal = date_literal(value)
            graph.add((instant, {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth,
                                 XSD.gYear: TIME.inXSDgYear}[literal.datatype], literal))


def _topic_scheme(graph: Graph, ontology: Ontology) -> None:
    graph.add((TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((TOPIC_SCHEME, SKOS.prefLabel, Literal("diplokg topics", lang="en")))
    for topic in ontology.topics.values():
        node = _iri(topic.iri)
        graph.add((node, RDF.type, DK.Topic))
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, TOPIC_SCHEME))
        graph.add((node, SKOS.prefLabel, Literal(topic.label, lang="en")))


def build_graph(corpus: ResolvedCorpus, ontology: Ontology, versions: Sequence[str] | None = None) -> Graph:
    """The knowledge graph of a resolved corpus; ``versions`` describe the build activity
    (:func:`diplokg.provenance.pipeline_versions` of the default ontology when None)."""
    try:
        built = _build_graph(corpus, ontology, versions)
    finally:  # the term caches live for one build
        _iri.cache_clear()
        document_iri.cache_clear()
    # a plain Graph over the same store (its prefixes included)
    return Graph(store=built.store, bind_namespaces="none")


class _Filling(Graph):
    """The graph while :func:`build_graph` fills it: ``add`` goes straight to the store, without
    rdflib's per-triple type assertions (every term is made here)."""

    def add(self, triple):
        self.store.add(triple)
        return self


def _build_graph(corpus: ResolvedCorpus, ontology: Ontology, versions: Sequence[str] | None) -> Graph:
    graph = _Filling(store=IndexedStore())
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    add_build_activity(graph, pipeline_versions() if versions is None else versions)
    _topic_scheme(graph, ontology)
    for doc in corpus.documents:
        node = document_iri(doc.doc_id)
        graph.add((node, RDF.type, DK.Document))
        graph.add((node, DK.fileName, Literal(doc.file_name)))
        if doc.published:
            graph.add((node, DK.published, date_literal(doc.published)))
        if doc.title:
            graph.add((node, DK.title, Literal(clean_text(doc.title))))
        if doc.publisher:
            graph.add((node, DK.publisher, Literal(clean_text(doc.publisher))))
    for country, docs in corpus.countries.items():
        node = _country_node(graph, country, ontology)
        for doc_id in docs:
            graph.add((node, DK.mentionedIn, document_iri(doc_id)))
    for org, docs in corpus.organizations.items():
        node = _iri(org)
        entry = ontology.entries.get(org)
        graph.add((node, RDF.type, DK.Organization))
        graph.add((node, RDFS.label, Literal(entry.label if entry else clean_text(corpus.org_labels.get(org, org)))))
        if entry and entry.country:
            graph.add((node, DK.country, _country_node(graph, entry.country, ontology)))
        for doc_id in docs:
            graph.add((node, DK.mentionedIn, document_iri(doc_id)))
    for person in corpus.persons.values():
        node = _iri(person.iri)
        graph.add((node, RDF.type, DK.Person))
        graph.add((node, RDFS.label, Literal(clean_text(person.label))))
        for name in sorted(person.names - {person.label}):
            graph.add((node, SKOS.altLabel, Literal(clean_text(name))))
        for title in person.titles:
            graph.add((node, DK.title, Literal(clean_text(title))))
        if person.country:
            graph.add((node, DK.country, _country_node(graph, person.country, ontology)))
        for doc_id in person.documents:
            graph.add((node, DK.mentionedIn, document_iri(doc_id)))
        _add_evidence(graph, node, person.evidence, literal=False)
        _add_tenures(graph, node, ontology)
    for meeting in corpus.meetings:
        node = _iri(meeting.iri)
        graph.add((node, RDF.type, DK.Meeting))
        place_label = None
        if meeting.place:
            place = _place_node(graph, meeting.place, ontology)
            graph.add((node, DK.location, place))
            place_label = graph.value(place, RDFS.label)
        when = meeting.date.isoformat() if meeting.date else None
        label = meeting.kind.capitalize() + (f" in {place_label}" if place_label else "") + (f", {when}" if when else "")
        graph.add((node, RDFS.label, Literal(label)))
        for person in meeting.persons:
            graph.add((node, DK.participant, _iri(person)))
        for host in meeting.hosts:
            graph.add((node, DK.host, _iri(host)))
        covered = {corpus.persons[p].country for p in meeting.persons if p in corpus.persons}
        # countries and organisations take part as such only where no person of theirs is named
        for country in meeting.countries - covered:
            graph.add((node, DK.participant, _country_node(graph, country, ontology)))
        if not meeting.persons:
            for org in meeting.organizations:
                graph.add((node, DK.participant, _iri(org)))
        for doc_id in meeting.documents:
            graph.add((node, DK.source, document_iri(doc_id)))
        if meeting.date:
            graph.add((node, DK.date, date_literal(meeting.date)))
        if meeting.date_text:
            graph.add((node, DK.dateText, Literal(clean_text(meeting.date_text))))
        graph.add((node, DK.status, Literal(meeting.status)))
        graph.add((node, DK.kind, Literal(meeting.kind)))
        _add_evidence(graph, node, meeting.evidence)
        for topic in meeting.topics:
            graph.add((_iri(topic), DK.discussedAt, node))
        for pair in meeting.pairs:
            a, b = sorted(pair)
            graph.add((_iri(a), DK.met, _iri(b)))
            graph.add((_iri(b), DK.met, _iri(a)))
    for agreement in corpus.agreements.values():
        node = _iri(agreement.iri)
        graph.add((node, RDF.type, DK.Agreement))
        graph.add((node, RDFS.label, Literal(clean_text(agreement.label))))
        for country in agreement.countries:
            graph.add((node, DK.commits, _country_node(graph, country, ontology)))
        for doc_id in agreement.documents:
            graph.add((node, DK.source, document_iri(doc_id)))
        if agreement.date:
            graph.add((node, DK.date, date_literal(agreement.date)))
        for name in agreement.alt_labels:
            graph.add((node, SKOS.altLabel, Literal(clean_text(name))))
        for person in agreement.signatories:
            graph.add((node, DK.signatory, _iri(person)))
        _add_evidence(graph, node, agreement.evidence)
    for source, target in corpus.reaffirms:
        graph.add((_iri(source), DK.reaffirms, _iri(target)))
    for commitment in corpus.commitments:
        node = _iri(commitment.iri)
        record = commitment.record
        graph.add((node, RDF.type, DK.Commitment))
        graph.add((node, DK.agreement, _iri(commitment.agreement)))
        for party in commitment.parties:
            graph.add((node, DK.party, _country_node(graph, party, ontology)))
        graph.add((node, DK.text, Literal(clean_text(record.text))))
        graph.add((node, DK.source, document_iri(commitment.document)))
        graph.add((node, DK.modality, Literal(record.modality)))
        if record.action:
            graph.add((node, DK.action, Literal(clean_text(record.action))))
        if record.deadline:
            graph.add((node, DK.deadline, date_literal(record.deadline)))
        if record.section:
            graph.add((node, DK.section, Literal(clean_text(record.section))))
        for topic in record.topics:
            graph.add((node, DK.topic, _iri(topic)))
        for other in commitment.refers_to:
            graph.add((node, DK.refersTo, _iri(other)))
        _add_evidence(graph, node, record.evidence)
    return graph


def serialize(graph: Graph) -> bytes:
    """Deterministic Turtle: :func:`diplokg.turtle.turtle_bytes` (sorted subjects, predicates and
    objects); for graphs it cannot write (blank nodes, IRIs with spaces) rdflib's
    ``longturtle``, which sorts subjects and objects too."""
    try:
        return turtle_bytes(graph)
    except NotWritable:
        return graph.serialize(format="longturtle", encoding="utf-8")


def write_serialized(graph: Graph, write: Callable[[bytes], object]) -> bool:
    """:func:`serialize` through ``write``, block by block when :func:`diplokg.turtle.write_turtle`
    can write the graph (then returns True: the text is in its block layout), else in one
    piece from rdflib's ``longturtle`` (returns False)."""
    try:
        write_turtle(graph, write)
        return True
    except NotWritable:  # raised before anything was written
        write(graph.serialize(format="longturtle", encoding="utf-8"))
        return False
