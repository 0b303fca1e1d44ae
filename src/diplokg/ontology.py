"""Load the ontology folder: OWL vocabulary, SKOS topic scheme and the actor gazetteer.

The gazetteer is domain knowledge (who holds which post, which city lies in which country); it
helps NER and entity resolution but is not an answer key: extraction also finds actors it does
not list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from .errors import InputError
from .namespace import DK
from .text import fold

#: The ontology folder of a source checkout (``<repo>/ontology``).
DEFAULT_ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_FILES = ("diplokg.ttl", "topics.ttl", "gazetteer.ttl")

KIND_BY_CLASS = {
    DK.Person: "person",
    DK.Country: "country",
    DK.City: "city",
    DK.Organization: "org",
    DK.CountryGroup: "group",
}


@dataclass(frozen=True)
class Entry:
    """One gazetteer resource: a person, country, city, organisation or country group."""

    iri: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    titles: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Topic:
    """One concept of the topic scheme."""

    iri: str
    label: str
    alt_labels: tuple[str, ...] = ()


@dataclass
class Ontology:
    """Everything the extractors and the resolver know before reading a document."""

    graph: Graph
    entries: dict[str, Entry] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    group_members: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def label(self, iri: str | None) -> str | None:
        entry = self.entries.get(iri or "")
        return entry.label if entry else None

    @cached_property
    def country_names(self) -> dict[str, str]:
        """Folded country name, alias or demonym -> country IRI."""
        return {
            fold(name): entry.iri
            for entry in self.of_kind("country")
            for name in (*entry.names, *entry.demonyms)
        }

    @cached_property
    def _country_patterns(self) -> list[tuple[re.Pattern[str], str, bool]]:
        demonyms = {fold(d) for e in self.of_kind("country") for d in e.demonyms}
        names = {fold(n) for e in self.of_kind("country") for n in e.names}
        return [
            (re.compile(rf"(?<![a-z.]){re.escape(name)}(?![a-z])"), iri, name in demonyms and name not in names)
            for name, iri in self.country_names.items()
        ]

    def countries_in(self, text: str, demonyms: bool = True) -> list[str]:
        """Country IRIs named in ``text`` (by name, alias and, if asked, demonym), in text order."""
        folded = fold(text)
        first: dict[str, int] = {}
        for pattern, iri, is_demonym in self._country_patterns:
            if is_demonym and not demonyms:
                continue
            match = pattern.search(folded)
            if match and match.start() < first.get(iri, len(folded) + 1):
                first[iri] = match.start()
        return sorted(first, key=lambda iri: (first[iri], iri))


def _strings(graph: Graph, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted({str(o) for o in graph.objects(subject, predicate)}))


def parse_ontology(directory: Path) -> Ontology:
    """Parse the Turtle files of ``directory`` into an :class:`Ontology`."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        path = directory / name
        if not path.exists():
            raise InputError(f"ontology file missing: {path}")
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise InputError(f"ontology file {path} cannot be parsed: {exc}") from exc
    ontology = Ontology(graph=graph)
    for cls, kind in KIND_BY_CLASS.items():
        for subject in sorted(set(graph.subjects(RDF.type, cls))):
            if not isinstance(subject, URIRef):
                continue
            label = graph.value(subject, RDFS.label)
            if label is None:
                continue
            country = graph.value(subject, DK.country) or graph.value(subject, DK.locatedIn)
            ontology.entries[str(subject)] = Entry(
                iri=str(subject),
                kind=kind,
                label=str(label),
                aliases=_strings(graph, subject, SKOS.altLabel),
                country=str(country) if country else None,
                titles=_strings(graph, subject, DK.title),
                demonyms=_strings(graph, subject, DK.demonym),
            )
    members: dict[str, list[str]] = {}
    for country, group in graph.subject_objects(DK.memberOf):
        members.setdefault(str(group), []).append(str(country))
    ontology.group_members = {g: tuple(sorted(m)) for g, m in members.items()}
    for subject in sorted(set(graph.subjects(RDF.type, DK.Topic))):
        label = graph.value(subject, SKOS.prefLabel)
        if label is None:
            continue
        ontology.topics[str(subject)] = Topic(
            iri=str(subject),
            label=str(label),
            alt_labels=_strings(graph, subject, SKOS.altLabel),
        )
    return ontology


@lru_cache(maxsize=4)
def load_ontology(directory: str | Path | None = None) -> Ontology:
    """Load (and cache) the ontology folder; the source checkout's ``ontology/`` by default."""
    return parse_ontology(Path(directory) if directory else DEFAULT_ONTOLOGY_DIR)
