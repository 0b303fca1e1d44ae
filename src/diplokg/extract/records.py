"""Records: what one document says, before cross-document resolution.

Every record carries the sentences it was read from (``Evidence``: document, sentence text and
character offsets), so that any triple of the graph leads back to its source text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..corpus import PartialDate


@dataclass(frozen=True)
class Evidence:
    doc_id: str
    text: str
    start: int  # character offsets of the sentence in the document
    end: int
    rule: str = ""  # the extractor rule that read it


@dataclass
class PersonRecord:
    """One person of one document (all their mentions there)."""

    pid: str  # document-local id
    names: list[str]  # surface names, full forms first
    key: str | None = None  # gazetteer IRI
    titles: list[str] = field(default_factory=list)
    country: str | None = None  # country IRI
    background: bool = False  # only named as background ("then-candidate", "former")
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class PlaceRef:
    """A place: a gazetteer IRI, or a label (and the country it lies in) found in the text."""

    label: str
    key: str | None = None
    kind: str = "city"  # city or country
    country: str | None = None


@dataclass
class MeetingRecord:
    mid: str
    persons: set[str] = field(default_factory=set)  # pids
    hosts: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # country IRIs participating as such
    organizations: set[str] = field(default_factory=set)
    pairs: set[frozenset[str]] = field(default_factory=set)  # pids that met
    place: PlaceRef | None = None
    date: PartialDate | None = None
    date_text: str | None = None
    status: str = "held"
    kind: str = "meeting"
    explicit_kind: bool = False
    background: bool = False
    sentences: list[int] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)


@dataclass
class AgreementRecord:
    aid: str
    label: str
    countries: set[str] = field(default_factory=set)  # countries it commits
    signatories: set[str] = field(default_factory=set)  # pids
    own_statement: bool = False  # the document itself is this agreement
    date: PartialDate | None = None  # signed, issued or announced
    evidence: list[Evidence] = field(default_factory=list)
    reaffirmed: bool = False  # the document reaffirms, continues or builds on it
    family: str | None = None  # "statement"/"agreement" for one named only by its date


@dataclass
class CommitmentRecord:
    cid: str
    agreement: str  # aid
    parties: set[str]
    text: str
    modality: str = "firm"
    deadline: PartialDate | None = None
    deadline_text: str | None = None
    section: str | None = None
    topics: set[str] = field(default_factory=set)
    refers_to: set[str] = field(default_factory=set)  # aids named in the clause
    evidence: list[Evidence] = field(default_factory=list)
    action: str | None = None  # the verb phrase committed to ("deploy its National Guard")


@dataclass
class DocumentRecords:
    """Everything extracted from one document."""

    doc_id: str
    file_name: str
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    persons: list[PersonRecord] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    org_labels: dict[str, str] = field(default_factory=dict)  # organisations the gazetteer lacks
    meetings: list[MeetingRecord] = field(default_factory=list)
    agreements: list[AgreementRecord] = field(default_factory=list)
    commitments: list[CommitmentRecord] = field(default_factory=list)
