"""The diplokg vocabulary as a closed rdflib namespace, mirroring ``ontology/diplokg.ttl``.

A term that is not declared here raises ``AttributeError`` (the namespace is closed), so a typo
cannot silently mint a new property. ``tests/test_namespace.py`` checks that these terms and the
Turtle file declare the same names.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class DK(DefinedNamespace):
    """Classes and properties of the diplokg ontology."""

    _NS = Namespace("https://w3id.org/diplokg/ontology#")
    _fail = True

    # classes
    Actor: URIRef
    Agreement: URIRef
    City: URIRef
    Commitment: URIRef
    Country: URIRef
    CountryGroup: URIRef
    Document: URIRef
    EvidenceSpan: URIRef
    Meeting: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Topic: URIRef

    # properties
    action: URIRef
    agreement: URIRef
    capitalOf: URIRef
    commits: URIRef
    country: URIRef
    date: URIRef
    dateText: URIRef
    deadline: URIRef
    demonym: URIRef
    discussedAt: URIRef
    document: URIRef
    endChar: URIRef
    evidence: URIRef
    fileName: URIRef
    host: URIRef
    kind: URIRef
    locatedIn: URIRef
    location: URIRef
    memberOf: URIRef
    mentionedIn: URIRef
    met: URIRef
    modality: URIRef
    participant: URIRef
    party: URIRef
    pipelineVersion: URIRef
    provenance: URIRef
    published: URIRef
    publisher: URIRef
    reaffirms: URIRef
    refersTo: URIRef
    rule: URIRef
    section: URIRef
    signatory: URIRef
    source: URIRef
    startChar: URIRef
    status: URIRef
    text: URIRef
    title: URIRef
    topic: URIRef


#: Resources the build mints (persons, meetings, documents, ...).
DKR = Namespace("https://w3id.org/diplokg/id/")

#: The topic scheme's IRI.
TOPIC_SCHEME = DKR["topics"]

PREFIXES: dict[str, str] = {
    "dk": str(DK._NS),
    "dkr": str(DKR),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
}


# rdflib's DefinedNamespace builds (and checks) a new URIRef on every ``DK.x``, and a build asks
# millions of times: keep each declared term as a plain class attribute instead. Lookups then skip
# the metaclass, every ``DK.x`` is the same object (identity hits in dictionaries), and undeclared
# names still raise AttributeError.
for _name in DK.__annotations__:
    if not _name.startswith("_"):
        type.__setattr__(DK, _name, DK._NS[_name])
del _name
