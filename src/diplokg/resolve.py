"""Entity resolution across documents: one node per real person, place, meeting and agreement.

Persons resolve by gazetteer identity, else by their name tokens (accents, titles and middle
initials dropped). Meetings of different documents merge when they share at least two persons
and their places and dates agree (an announcement and its readout). Agreements merge when one
label's distinctive words contain the other's ("Bicentennial Framework" and its full title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .corpus import PartialDate
from .extract.agreements import STATEMENT_FAMILY
from .extract.meetings import compatible_dates, compatible_places, more_specific
from .extract.records import (
    AgreementRecord, CommitmentRecord, DocumentRecords, Evidence, MeetingRecord, PlaceRef,
)
from .namespace import DKR
from .ontology import Ontology
from .text import accent_score, fold, name_tokens, slug

GENERIC_AGREEMENT_WORDS = frozenset(
    "the of for on and a an us u s mexico united states mexican joint new existing this".split()
)


@dataclass
class Person:
    iri: str
    label: str
    names: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    country: str | None = None
    documents: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)  # first mention per document


@dataclass
class Meeting:
    iri: str
    documents: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    pairs: set[frozenset[str]] = field(default_factory=set)
    place: PlaceRef | None = None
    date: PartialDate | None = None
    date_text: str | None = None
    status: str = "held"
    kind: str = "meeting"
    explicit_kind: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)


@dataclass
class Agreement:
    iri: str
    label: str
    documents: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    signatories: set[str] = field(default_factory=set)
    own_statement: bool = False
    date: PartialDate | None = None
    evidence: list[Evidence] = field(default_factory=list)
    alt_labels: set[str] = field(default_factory=set)  # other names it goes by ("Statement of …")


@dataclass
class Commitment:
    iri: str
    record: CommitmentRecord
    document: str
    agreement: str
    parties: set[str]
    refers_to: set[str]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the graph says about a document itself (its records are not kept once resolved)."""

    doc_id: str
    file_name: str
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None

    @classmethod
    def of(cls, records: DocumentRecords) -> DocumentInfo:
        return cls(records.doc_id, records.file_name, records.title, records.publisher, records.published)


@dataclass
class ResolvedCorpus:
    #: the documents by id; only what the graph says of them, so the records they were resolved
    #: from (the largest structure of a build) can be freed before the graph is made
    documents: list[DocumentInfo]
    persons: dict[str, Person] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)
    countries: dict[str, set[str]] = field(default_factory=dict)  # country -> documents
    organizations: dict[str, set[str]] = field(default_factory=dict)
    org_labels: dict[str, str] = field(default_factory=dict)  # organisations the gazetteer lacks
    #: (agreement or document IRI, agreement IRI): a document returns to an earlier agreement
    reaffirms: set[tuple[str, str]] = field(default_factory=set)


def _canonical(names: set[str]) -> str:
    return sorted(names, key=lambda n: (-len(name_tokens(n)), -accent_score(n), -len(n), n))[0]


def resolve_persons(documents: list[DocumentRecords], ontology: Ontology) -> tuple[dict[str, Person], dict[tuple[str, str], str]]:
    """One :class:`Person` per real person; returns persons by IRI and (doc, pid) -> IRI."""
    groups: dict[str, list[tuple[str, object]]] = {}
    for doc in documents:
        for person in doc.persons:
            if person.background and not person.key:
                continue
            key = person.key or "name:" + " ".join(name_tokens(person.names[0] if person.names else person.pid))
            groups.setdefault(key, []).append((doc.doc_id, person))
    # a name-only group whose tokens are contained in exactly one other group's name joins it
    token_sets = {k: {frozenset(name_tokens(n)) for _, p in v for n in p.names} for k, v in groups.items()}
    holders: dict[str, set[str]] = {}  # token -> groups with a name containing it
    for k, sets in token_sets.items():
        for tokens in sets:
            for token in tokens:
                holders.setdefault(token, set()).add(k)
    for key in sorted(k for k in groups if k.startswith("name:")):
        mine = set(key[5:].split())
        candidates = set.intersection(*(holders.get(t, set()) for t in mine)) if mine else set(token_sets)
        owners = [k for k in candidates if k != key and any(mine < s for s in token_sets[k])]
        if len(owners) == 1 and key in groups:
            groups[owners[0]].extend(groups.pop(key))
    # a lone surname ("Quintero") that names no one else in the corpus is not a person node
    for key in [k for k in groups if k.startswith("name:") and len(k[5:].split()) == 1]:
        del groups[key]
    persons: dict[str, Person] = {}
    mapping: dict[tuple[str, str], str] = {}
    for key in sorted(groups):
        members = groups[key]
        names = {n for _, p in members for n in p.names}
        entry = ontology.entries.get(key)
        label = entry.label if entry else _canonical(names or {key[5:]})
        iri = entry.iri if entry else str(DKR[f"person/{slug(label)}"])
        person = persons.setdefault(iri, Person(iri=iri, label=label))
        person.names |= names
        firsts = {item.doc_id: item for item in person.evidence}
        for doc_id, p in members:
            person.titles.update(p.titles)
            person.country = person.country or p.country
            person.documents.add(doc_id)
            mapping[(doc_id, p.pid)] = iri
            for item in p.evidence:  # keep the first mention of each document
                known = firsts.get(item.doc_id)
                if known is None or (item.start, item.end, item.rule) < (known.start, known.end, known.rule):
                    firsts[item.doc_id] = item
        person.evidence = [firsts[d] for d in sorted(firsts)]
        if entry and entry.country:
            person.country = entry.country
    return persons, mapping


def _meeting_from(record: MeetingRecord, doc_id: str, mapping: dict[tuple[str, str], str]) -> Meeting:
    pid = lambda p: mapping.get((doc_id, p))  # noqa: E731
    pairs = set()
    for pair in record.pairs:
        iris = {pid(p) for p in pair} - {None}
        if len(iris) == 2:
            pairs.add(frozenset(iris))
    return Meeting(
        iri=str(DKR[f"meeting/{slug(record.mid)}"]), documents={doc_id},
        persons={pid(p) for p in record.persons} - {None}, hosts={pid(p) for p in record.hosts} - {None},
        countries=set(record.countries), organizations=set(record.organizations), pairs=pairs,
        place=record.place, date=record.date, date_text=record.date_text, status=record.status,
        kind=record.kind, explicit_kind=record.explicit_kind, evidence=list(record.evidence),
        topics=set(record.topics),
    )


def _same_meeting(a: Meeting, b: Meeting) -> bool:
    if len(a.persons & b.persons) < 2 or not compatible_places(a.place, b.place):
        return False
    if not compatible_dates(a.date, b.date):
        return False
    return not (a.explicit_kind and b.explicit_kind and a.kind != b.kind)


def _merge_meeting(a: Meeting, b: Meeting) -> None:
    a.documents |= b.documents
    a.persons |= b.persons
    a.hosts |= b.hosts
    a.countries |= b.countries
    a.organizations |= b.organizations
    a.pairs |= b.pairs
    a.place = more_specific(a.place, b.place)
    if b.date and (a.date is None or len(b.date.isoformat()) > len(a.date.isoformat())):
        a.date, a.date_text = b.date, b.date_text
    a.date_text = a.date_text or b.date_text
    a.status = "held" if "held" in {a.status, b.status} else a.status
    if b.explicit_kind and not a.explicit_kind:
        a.kind, a.explicit_kind = b.kind, True
    seen = {(e.doc_id, e.start) for e in a.evidence}
    a.evidence += [e for e in b.evidence if (e.doc_id, e.start) not in seen]
    a.topics |= b.topics


def _agreement_words(label: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", fold(label)) if w not in GENERIC_AGREEMENT_WORDS)


def resolve(documents: list[DocumentRecords], ontology: Ontology) -> ResolvedCorpus:
    """Resolve the records of all documents into one set of nodes."""
    documents = sorted(documents, key=lambda d: d.doc_id)
    result = ResolvedCorpus(documents=[DocumentInfo.of(doc) for doc in documents])
    result.persons, mapping = resolve_persons(documents, ontology)
    by_person: dict[str, set[int]] = {}  # person IRI -> indexes of the meetings they are in
    for doc in documents:
        for country in doc.countries:
            result.countries.setdefault(country, set()).add(doc.doc_id)
        for org in doc.organizations:
            result.organizations.setdefault(org, set()).add(doc.doc_id)
        for org, label in sorted(doc.org_labels.items()):
            result.org_labels.setdefault(org, label)
        for record in doc.meetings:
            meeting = _meeting_from(record, doc.doc_id, mapping)
            # the first earlier meeting that is the same event (it shares persons: look only there)
            candidates = sorted({i for p in meeting.persons for i in by_person.get(p, ())})
            index = next((i for i in candidates if doc.doc_id not in result.meetings[i].documents
                          and _same_meeting(result.meetings[i], meeting)), None)
            if index is None:
                index = len(result.meetings)
                result.meetings.append(meeting)
            else:
                _merge_meeting(result.meetings[index], meeting)
            for p in meeting.persons:
                by_person.setdefault(p, set()).add(index)
    aid_map: dict[tuple[str, str], str] = {}
    statements = {  # own statements by IRI: a later document may name them by their date
        _agreement_iri(r, doc.doc_id, {}): r for doc in documents for r in doc.agreements if r.own_statement
    }
    for doc in documents:
        for record in doc.agreements:
            iri = _agreement_iri(record, doc.doc_id, result.agreements, statements)
            agreement = result.agreements.setdefault(iri, Agreement(iri=iri, label=record.label))
            if iri in statements and not record.own_statement:
                agreement.label = statements[iri].label
                agreement.own_statement = True
            if record.family and fold(record.label) != fold(agreement.label):
                agreement.alt_labels.add(record.label)
            if len(record.label) > len(agreement.label) and not agreement.own_statement:
                agreement.label = record.label
            agreement.signatories |= {mapping[(doc.doc_id, p)] for p in record.signatories if (doc.doc_id, p) in mapping}
            agreement.documents.add(doc.doc_id)
            agreement.countries |= record.countries
            agreement.own_statement = agreement.own_statement or record.own_statement
            agreement.date = agreement.date or record.date
            agreement.evidence += record.evidence
            aid_map[(doc.doc_id, record.aid)] = iri
        own = next((aid_map[(doc.doc_id, r.aid)] for r in doc.agreements if r.own_statement), None)
        for record in doc.agreements:
            target = aid_map[(doc.doc_id, record.aid)]
            source = own or str(DKR[f"document/{slug(doc.doc_id)}"])
            if record.reaffirmed and target != source:
                result.reaffirms.add((source, target))
        for record in doc.commitments:
            agreement_iri = aid_map[(doc.doc_id, record.agreement)]
            result.commitments.append(
                Commitment(
                    iri=str(DKR[f"commitment/{slug(record.cid)}"]), record=record, document=doc.doc_id,
                    agreement=agreement_iri, parties=set(record.parties),
                    refers_to={aid_map[(doc.doc_id, a)] for a in record.refers_to if (doc.doc_id, a) in aid_map},
                )
            )
    return result


def _agreement_iri(
    record: AgreementRecord, doc_id: str, known: dict[str, Agreement],
    statements: dict[str, AgreementRecord] | None = None,
) -> str:
    """One IRI per real agreement: a document's own statement; an earlier statement named by
    its date is that statement when a document of the same kind has that date, else one node
    per kind and date; other agreements merge when one label's distinctive words contain the
    other's."""
    if record.own_statement:
        return str(DKR[f"agreement/{slug(doc_id)}-statement"])
    if record.family and record.date:
        for iri, statement in sorted((statements or {}).items()):
            kinds = {STATEMENT_FAMILY.get(w) for w in fold(statement.label).split()}
            if statement.date == record.date and record.date.day and record.family in kinds:
                return iri
        return str(DKR[f"agreement/{record.family}-{record.date.isoformat()}"])
    words = _agreement_words(record.label)
    for iri, agreement in sorted(known.items()):
        if agreement.own_statement:
            continue
        other = _agreement_words(agreement.label)
        if len(words & other) >= 2 and (words <= other or other <= words):
            return iri
    return str(DKR[f"agreement/{slug(record.label)}"])
