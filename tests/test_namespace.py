"""The closed DK namespace mirrors the terms ontology/diplokg.ttl declares."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from diplokg.namespace import DK, DKR, PREFIXES

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "diplokg.ttl"
NS = "https://w3id.org/diplokg/ontology#"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY, format="turtle")
    return g


def declared_terms(g: Graph) -> set[str]:
    """Local names of dk: subjects typed owl:Class / owl:ObjectProperty / owl:DatatypeProperty."""
    names: set[str] = set()
    for kind in KINDS:
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(NS):
                names.add(str(s)[len(NS):])
    return names


def dk_terms() -> set[str]:
    return {name for name in DK.__annotations__ if not name.startswith("_")}


def test_namespace_iri():
    assert str(DK._NS) == NS
    assert PREFIXES["dk"] == NS
    assert str(DKR) == "https://w3id.org/diplokg/id/"


def test_ontology_declares_a_reasonable_number_of_terms(ontology):
    terms = declared_terms(ontology)
    # guard against the comparison passing vacuously (e.g. a wrong namespace IRI)
    assert len(terms) >= 40
    assert {"Person", "Meeting", "met", "participant", "country"} <= terms


def test_every_declared_term_is_in_dk(ontology):
    missing = declared_terms(ontology) - dk_terms()
    assert not missing, f"declared in diplokg.ttl but not in DK: {sorted(missing)}"


def test_every_dk_term_is_declared(ontology):
    extra = dk_terms() - declared_terms(ontology)
    assert not extra, f"in DK but not declared in diplokg.ttl: {sorted(extra)}"


def test_classes_and_properties_are_typed_as_expected(ontology):
    classes = {str(s)[len(NS):] for s in ontology.subjects(RDF.type, OWL.Class) if str(s).startswith(NS)}
    assert {"Person", "Meeting", "Country", "Agreement", "Topic"} <= classes
    # class names start upper-case, property names lower-case
    props = declared_terms(ontology) - classes
    assert all(c[0].isupper() for c in classes)
    assert all(p[0].islower() for p in props)


@pytest.mark.parametrize("name", sorted(dk_terms()))
def test_dk_term_resolves_to_its_iri(name):
    term = getattr(DK, name)
    assert isinstance(term, URIRef)
    assert str(term) == NS + name
    assert DK[name] == term


@pytest.mark.parametrize("name", ["notATerm", "person", "Met", "particpant"])
def test_undeclared_term_raises_attribute_error(name):
    with pytest.raises(AttributeError):
        getattr(DK, name)


def test_undeclared_term_by_attribute_access_raises():
    with pytest.raises(AttributeError):
        DK.notATerm  # noqa: B018


@pytest.mark.parametrize("name", sorted(dk_terms()))
def test_every_term_has_label_and_comment(ontology, name):
    term = URIRef(NS + name)
    labels = [o for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal) and str(o).strip()]
    comments = [o for o in ontology.objects(term, RDFS.comment) if isinstance(o, Literal) and str(o).strip()]
    assert labels, f"dk:{name} has no rdfs:label"
    assert comments, f"dk:{name} has no rdfs:comment"
