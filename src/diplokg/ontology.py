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
from rdflib.namespace import ORG, TIME

from .corpus import PartialDate
from .errors import InputError
from .namespace import DK
from .text import fold, name_tokens

#: The ontology folder of a source checkout (``<repo>/ontology``).
DEFAULT_ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_FILES = ("diplokg.ttl", "topics.ttl", "gazetteer.ttl")

KIND_BY_CLASS = {
    DK.Person: "person",
    DK.Country: "country",
    DK.City: "city",
    DK.Organization: "org",
    DK.CountryGroup: "group",
    DK.Place: "region",  # a state or province (a dk:Place that is not a dk:City); see actors.py
}


#: Texts whose countries :meth:`Ontology.countries_in` remembers (then it starts afresh).
COUNTRIES_MEMO_SIZE = 1 << 16


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


@dataclass(frozen=True)
class Post:
    """A W3C ORG post ("Secretary of Homeland Security"): the names it goes by and its country.

    ``aliases`` (skos:altLabel) name the post on their own; ``qualified`` (skos:hiddenLabel) name
    it only with its country ("Mexico's Foreign Minister")."""

    iri: str
    label: str
    aliases: tuple[str, ...] = ()
    qualified: tuple[str, ...] = ()
    country: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class Tenure:
    """One person holding one post over a period (an org:Membership with org:memberDuring)."""

    person: str
    post: str
    iri: str = ""  # the org:Membership node
    begin: PartialDate | None = None
    end: PartialDate | None = None  # None: still in office
    label: str = ""

    def may_cover(self, when: PartialDate) -> bool:
        """Whether the tenure can include some day of ``when`` (partial ends count both ways)."""
        lo, hi = _bounds(when)
        if self.begin is not None and _bounds(self.begin)[0] > hi:
            return False
        return self.end is None or _bounds(self.end)[1] >= lo


def _bounds(value: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """First and last day a partial date can denote, as sortable tuples."""
    return (
        (value.year, value.month or 1, value.day or 1),
        (value.year, value.month or 12, value.day or 31),
    )


_POSSESSIVE = re.compile(r"^(?P<who>.+?)\s*['’]s\s+(?P<core>.+)$")
_OF_COUNTRY = re.compile(r"^(?P<core>.+?)\s+of\s+(?:the\s+)?(?P<who>[^,]+)$")


@dataclass
class Ontology:
    """Everything the extractors and the resolver know before reading a document."""

    graph: Graph
    entries: dict[str, Entry] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    group_members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    tenures: list[Tenure] = field(default_factory=list)
    capitals: dict[str, str] = field(default_factory=dict)  # city IRI -> the country it is the capital of (dk:capitalOf)

    @cached_property
    def post_names(self) -> dict[str, tuple[set[str], set[str]]]:
        """Folded post name -> (posts it names on its own, posts it names with their country)."""
        names: dict[str, tuple[set[str], set[str]]] = {}
        for post in self.posts.values():
            for name in (post.label, *post.aliases):
                names.setdefault(fold(name), (set(), set()))[0].add(post.iri)
            for name in post.qualified:
                names.setdefault(fold(name), (set(), set()))[1].add(post.iri)
        return names

    @cached_property
    def surnames(self) -> dict[tuple[str, ...], frozenset[str]]:
        """Last one or two name tokens of every listed person -> the persons whose name ends so."""
        found: dict[tuple[str, ...], set[str]] = {}
        for entry in self.of_kind("person"):
            for name in entry.names:
                tokens = name_tokens(name)
                for n in (1, 2):
                    if len(tokens) > n:
                        found.setdefault(tokens[-n:], set()).add(entry.iri)
        return {k: frozenset(v) for k, v in found.items()}

    def posts_named(self, phrase: str) -> list[str]:
        """Posts a title phrase names: "the DHS Secretary", "Mexico's Foreign Minister",
        "Secretary of the Interior of Mexico". A country word in the phrase restricts the posts to
        that country; a bare form counts only if it names posts on its own (skos:altLabel)."""
        text = fold(phrase).strip(" ,.")
        text = re.sub(r"^the\s+", "", text)
        found: set[str] = set(self.post_names.get(text, (set(), set()))[0])
        country, core = None, text
        match = _POSSESSIVE.match(text)
        if match:
            country, core = self._country_of(match["who"]), match["core"]
        else:
            match = _OF_COUNTRY.match(text)
            if match and self._country_of(match["who"]):
                country, core = self._country_of(match["who"]), match["core"]
            else:
                words = text.split()
                for n in (3, 2, 1):
                    head = " ".join(words[:n])
                    if len(words) > n and self._country_of(head):
                        country, core = self._country_of(head), " ".join(words[n:])
                        break
        if country:
            alone, qualified = self.post_names.get(core, (set(), set()))
            found |= {p for p in alone | qualified if self.posts[p].country == country}
            found = {p for p in found if self.posts[p].country == country}
        return sorted(found)

    def _country_of(self, words: str) -> str | None:
        words = words.strip(" .")
        iri = self.country_names.get(words) or self.country_names.get(words + ".")
        if iri is None and words in {"u.s", "us", "u.s.a", "american"}:
            iri = self.country_names.get("united states")
        return iri

    def holders(self, post: str, when: PartialDate) -> set[str]:
        """Persons who may have held ``post`` at ``when``."""
        return {t.person for t in self.tenures if t.post == post and t.may_cover(when)}

    def holder_of(self, post_phrase: str, when: PartialDate | None) -> str | None:
        """The one person who held the post a phrase names at ``when``, else None (unknown post,
        no listed holder, or several possible: a partial date across a change of office, or a
        bare phrase such as "Defense Secretary" that two countries' posts answer to)."""
        if when is None:
            return None
        found: set[str] = set()
        for post in self.posts_named(post_phrase):
            found |= self.holders(post, when)
        return next(iter(found)) if len(found) == 1 else None

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

    @cached_property
    def _countries_memo(self) -> dict[tuple[str, bool], tuple[str, ...]]:
        return {}

    def countries_in(self, text: str, demonyms: bool = True) -> list[str]:
        """Country IRIs named in ``text`` (by name, alias and, if asked, demonym), in text order
        (remembered per text: the rules ask again for the same titles and phrases)."""
        memo = self._countries_memo
        found = memo.get((text, demonyms))
        if found is None:
            if len(memo) >= COUNTRIES_MEMO_SIZE:
                memo.clear()
            found = memo[(text, demonyms)] = tuple(self._countries_in(text, demonyms))
        return list(found)

    def _countries_in(self, text: str, demonyms: bool) -> list[str]:
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
    ontology.capitals = {str(city): str(country) for city, country in sorted(graph.subject_objects(DK.capitalOf))}
    _parse_posts(graph, ontology)
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


def _instant(graph: Graph, instant) -> PartialDate | None:
    for prop in (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear):
        value = graph.value(instant, prop)
        if value is not None:
            return PartialDate.parse(str(value)[:10])
    return None


def _parse_posts(graph: Graph, ontology: Ontology) -> None:
    """org:Post nodes and the org:Membership tenures that hold them over time:Interval periods."""
    for subject in sorted(set(graph.subjects(RDF.type, ORG.Post))):
        label = graph.value(subject, RDFS.label)
        if not isinstance(subject, URIRef) or label is None:
            continue
        country = graph.value(subject, DK.country)
        organization = graph.value(subject, ORG.postIn)
        ontology.posts[str(subject)] = Post(
            iri=str(subject), label=str(label), aliases=_strings(graph, subject, SKOS.altLabel),
            qualified=_strings(graph, subject, SKOS.hiddenLabel),
            country=str(country) if country else None,
            organization=str(organization) if organization else None,
        )
    for membership in sorted(set(graph.subjects(RDF.type, ORG.Membership))):
        person, post = graph.value(membership, ORG.member), graph.value(membership, ORG.role)
        if person is None or str(post) not in ontology.posts:
            continue
        interval = graph.value(membership, ORG.memberDuring)
        begin = end = None
        if interval is not None:
            start, finish = graph.value(interval, TIME.hasBeginning), graph.value(interval, TIME.hasEnd)
            begin = _instant(graph, start) if start is not None else None
            end = _instant(graph, finish) if finish is not None else None
        ontology.tenures.append(Tenure(
            person=str(person), post=str(post), iri=str(membership), begin=begin, end=end,
            label=str(graph.value(membership, RDFS.label) or ""),
        ))


@lru_cache(maxsize=4)
def load_ontology(directory: str | Path | None = None) -> Ontology:
    """Load (and cache) the ontology folder; the source checkout's ``ontology/`` by default."""
    return parse_ontology(Path(directory) if directory else DEFAULT_ONTOLOGY_DIR)
