"""From one processed ``Doc`` to the records of one document."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..corpus import Document
from ..ontology import Ontology
from ..text import accent_score, fold, name_tokens
from . import agreements as agr
from .actors import ActorMention
from .meetings import MeetingReader, can_merge, is_new_meeting, merge_into, to_record
from .records import (
    AgreementRecord, CommitmentRecord, DocumentRecords, Evidence, MeetingRecord, PersonRecord,
)
from .segment import content_sentences

#: Sentences that give background rather than news: not mined for the meetings' topics.
BACKGROUND_SENTENCE = re.compile(
    r"(?i)(\bthen-|^\s*according to\b|^\s*(?:last|earlier this) (?:month|year|week)\b|"
    r"^\s*in (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"^\s*on a (?:visit|trip)\b.*\b(?:19|20)\d\d\b)"
)
HEADING_MAX_WORDS = 10


def _evidence(doc_id: str, sent: Span, rule: str) -> Evidence:
    return Evidence(doc_id, sent.text.strip(), sent.start_char, sent.end_char, rule)


def cluster_persons(
    actors: list[ActorMention], ontology: Ontology
) -> tuple[dict[int, str], list[PersonRecord]]:
    """Group the person mentions of one document: one :class:`PersonRecord` per person."""
    by_tokens: dict[tuple[str, ...], str] = {}
    for entry in ontology.of_kind("person"):
        for name in entry.names:
            by_tokens.setdefault(name_tokens(name), entry.iri)
    clusters: dict[str, PersonRecord] = {}
    cluster_tokens: dict[str, set[tuple[str, ...]]] = {}
    pid_of: dict[int, str] = {}
    # full names first, so that shorter forms ("Lopez Obrador") find the full one
    order = sorted(
        (i for i, m in enumerate(actors) if m.kind == "person"),
        key=lambda i: (actors[i].source == "surname", -len(name_tokens(actors[i].full_name or actors[i].text)), actors[i].start),
    )
    for idx in order:
        m = actors[idx]
        tokens = name_tokens(m.full_name or m.text)
        key = m.key or by_tokens.get(tokens)
        if key:
            cid = key
        else:
            # a shorter form of a name already seen ("Rosa Icela", "Lopez Obrador")
            owners = [c for c, forms in cluster_tokens.items()
                      if any(set(tokens) <= set(f) for f in forms)]
            cid = owners[0] if len(owners) == 1 else "name:" + " ".join(tokens)
        rec = clusters.get(cid)
        if rec is None:
            rec = clusters[cid] = PersonRecord(pid=cid, names=[], key=key, background=True)
            forms = {tokens}
            if key:
                forms |= {name_tokens(n) for n in ontology.entries[key].names}
            cluster_tokens[cid] = forms
        cluster_tokens[cid].add(tokens)
        if m.source != "surname" and m.text not in rec.names:
            rec.names.append(m.text)
        if m.title and m.title not in rec.titles:
            rec.titles.append(m.title)
        if rec.country is None and m.country:
            rec.country = m.country
        rec.background = rec.background and m.background
        pid_of[idx] = cid
    for rec in clusters.values():
        if rec.key:
            entry = ontology.entries[rec.key]
            rec.country = entry.country or rec.country
        rec.names.sort(key=lambda n: (-len(name_tokens(n)), -accent_score(n), n))
    return pid_of, [clusters[c] for c in sorted(clusters)]


def _sentence_heading(sent: Span) -> str | None:
    text = sent.text.strip()
    if text and len(text.split()) <= HEADING_MAX_WORDS and not text.endswith((".", "!", "?", ":", '"', "”")):
        return text
    return None


def extract_records(doc: Doc, document: Document, ontology: Ontology) -> DocumentRecords:
    """Read persons, meetings, topics, agreements and commitments of one document."""
    records = DocumentRecords(
        doc_id=document.doc_id, file_name=document.file_name, title=document.title,
        publisher=document.publisher, published=document.published,
    )
    actors: list[ActorMention] = doc._.actors or []
    pid_of, persons = cluster_persons(actors, ontology)
    records.persons = persons
    person_country = {p.pid: p.country for p in persons}
    background_pids = {p.pid for p in persons if p.background}
    for m in actors:
        if m.kind == "country" and m.key:
            records.countries.add(m.key)
        elif m.kind == "org" and m.key:
            records.organizations.add(m.key)
    evidence_seen: dict[str, set[int]] = {}
    sentences = content_sentences(doc)
    person_by_pid = {p.pid: p for p in persons}
    for idx, m in enumerate(actors):
        pid = pid_of.get(idx)
        if pid is None:
            continue
        sent = doc[m.start].sent
        if sent.start not in evidence_seen.setdefault(pid, set()):
            evidence_seen[pid].add(sent.start)
            person_by_pid[pid].evidence.append(_evidence(document.doc_id, sent, "actors"))

    city_country = {e.iri: e.country for e in ontology.of_kind("city") if e.country}
    reader = MeetingReader(
        doc, actors, pid_of, person_country, background_pids, doc._.dates or [],
        document.published, ontology.group_members, city_country,
    )
    meetings: list[MeetingRecord] = []
    focus: MeetingRecord | None = None
    sentence_meetings: dict[int, list[MeetingRecord]] = {}
    focus_at: dict[int, MeetingRecord | None] = {}
    for s_index, sent in enumerate(sentences):
        focus_at[s_index] = focus
        for cand in reader.read(sent, s_index):
            if not is_new_meeting(cand, focus):
                if focus is not None:
                    sentence_meetings.setdefault(s_index, []).append(focus)
                continue
            record = to_record(cand, f"{document.doc_id}-m{len(meetings) + 1}",
                               _evidence(document.doc_id, sent, f"meeting:{cand.trigger.lemma}"),
                               person_country)
            target = next((m for m in reversed(meetings) if can_merge(m, record, person_country)), None)
            if target is None:
                meetings.append(record)
                target = record
            else:
                merge_into(target, record)
            sentence_meetings.setdefault(s_index, []).append(target)
            if not target.background:
                focus = target
    # re-number after merging so that ids are dense and stable
    for n, meeting in enumerate(meetings, start=1):
        meeting.mid = f"{document.doc_id}-m{n}"
    records.meetings = meetings
    _attach_topics(doc, sentences, meetings, sentence_meetings)
    _read_agreements(doc, document, sentences, records, actors, pid_of, person_country, ontology)
    return records


def _attach_topics(doc: Doc, sentences: list[Span], meetings: list[MeetingRecord],
                   sentence_meetings: dict[int, list[MeetingRecord]]) -> None:
    """Topics of a sentence go to the meeting it describes, or to the document's current
    meeting; background sentences (statistics, "then-candidate", last month's figures) give none."""
    topics = doc._.topics or []
    if not meetings:
        return
    main = next((m for m in meetings if not m.background), meetings[0])
    current = main
    background_line = -1
    for s_index, sent in enumerate(sentences):
        line = doc.text.count("\n", 0, sent.start_char)
        if BACKGROUND_SENTENCE.search(sent.text):
            background_line = line
        in_background = line == background_line
        in_sent = {t.topic for t in topics if sent.start <= t.start < sent.end}
        targets = sentence_meetings.get(s_index)
        if targets:
            current = next((m for m in reversed(targets) if not m.background), current)
        if not in_sent or in_background:
            continue
        if targets:
            for target in {id(t): t for t in targets}.values():
                target.topics |= in_sent
            continue
        if in_background:
            continue
        current.topics |= in_sent


def _read_agreements(
    doc: Doc, document: Document, sentences: list[Span], records: DocumentRecords,
    actors: list[ActorMention], pid_of: dict[int, str], person_country: dict[str, str | None],
    ontology: Ontology,
) -> None:
    by_label: dict[str, AgreementRecord] = {}
    actor_country = {i: person_country.get(pid) for i, pid in pid_of.items()}
    first_line = sentences[0].text.strip() if sentences else None
    own_label = agr.own_statement_title(document.title, first_line)
    own: AgreementRecord | None = None
    if own_label:
        own = AgreementRecord(
            aid=f"{document.doc_id}-statement", label=own_label, own_statement=True,
            date=document.published,
            countries=set(ontology.countries_in(own_label, demonyms=False)),
        )
        if sentences:
            own.evidence.append(_evidence(document.doc_id, sentences[0], "agreement:own-statement"))
    section: str | None = None
    commitments: list[CommitmentRecord] = []
    for sent in sentences:
        heading = _sentence_heading(sent)
        if heading and sent is not sentences[0]:
            section = heading
            continue
        named = [a for a in agr.find_agreements(sent) if not (own and fold(a.label) == fold(own.label))]
        for mention in named:
            if own and sent is sentences[0] and mention.start == sent.start:
                continue
            key = fold(mention.label)
            rec = by_label.get(key)
            if rec is None:
                rec = by_label[key] = AgreementRecord(
                    aid=f"{document.doc_id}-a{len(by_label) + 1}", label=mention.label
                )
            rec.evidence.append(_evidence(document.doc_id, sent, "agreement:named"))
            rec.countries |= set(ontology.countries_in(mention.label, demonyms=False))
            rec.countries |= _signing_countries(doc, sent, mention, actors, actor_country, ontology)
        if own is None:
            continue
        match = agr.commitment_match(sent)
        if match is None or sent.text.rstrip().endswith(":"):
            continue
        kind, offset = match
        countries, collective = agr.subject_countries(sent, offset, actors, ontology.group_members, actor_country)
        if collective and not countries:
            countries = set(own.countries)
        if not countries:
            continue
        own.countries |= countries
        deadline, deadline_text = agr.deadline_from(sent.text, document.published)
        sent_topics = {t.topic for t in (doc._.topics or []) if sent.start <= t.start < sent.end}
        commitments.append(
            CommitmentRecord(
                cid=f"{document.doc_id}-c{len(commitments) + 1}", agreement=own.aid,
                parties=countries, text=sent.text.strip(),
                modality=agr.commitment_modality(sent.text, kind), deadline=deadline,
                deadline_text=deadline_text, section=section, topics=sent_topics,
                refers_to={by_label[fold(a.label)].aid for a in named if fold(a.label) in by_label},
                evidence=[_evidence(document.doc_id, sent, f"commitment:{kind}")],
            )
        )
    records.agreements = ([own] if own else []) + list(by_label.values())
    records.commitments = commitments


def _signing_countries(
    doc: Doc, sent: Span, mention: agr.AgreementMention, actors: list[ActorMention],
    actor_country: dict[int, str | None], ontology: Ontology,
) -> set[str]:
    """Countries an agreement binds according to its sentence: "sign X with the countries of
    the Northern Triangle", "X between the United States and ...", "launched by Mexico"."""
    found: set[str] = set()
    verb = next(
        (t for t in reversed(list(doc[sent.start : mention.start])) if t.lemma_.lower() in agr.SIGNING_VERBS),
        None,
    )
    after = doc[mention.end : min(sent.end, mention.end + 25)]
    clause_end = next((t.i for t in after if t.tag_ in {"VBZ", "VBD", "VBP", "MD"}), sent.end)
    lo = verb.i if verb is not None else mention.end
    launched = next((t for t in after if t.lemma_.lower() in agr.SIGNING_VERBS), None)
    connector = next((t for t in after[:3] if t.lower_ in {"between", "with", "among", "by"}), None)
    if verb is None and connector is None and launched is None:
        return found
    hi = clause_end if launched is None else sent.end
    for idx, m in enumerate(actors):
        if not (lo <= m.start < hi) or (mention.start <= m.start < mention.end):
            continue
        prev = doc[m.start - 1].lower_
        if prev in {"in", "to", "at", "into", "across", "throughout"} or m.demonym:
            continue
        if m.kind == "country" and m.key:
            found.add(m.key)
        elif m.kind == "group":
            found.update(ontology.group_members.get(m.key or "", ()))
    if verb is not None:
        # the signer: the subject of the signing verb (a pronoun stands for the sentence subject)
        subject = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        persons = [i for i, m in enumerate(actors) if m.kind == "person" and sent.start <= m.start < verb.i]
        countries = [i for i, m in enumerate(actors) if m.kind == "country" and sent.start <= m.start < verb.i
                     and not m.demonym and doc[m.start - 1].lower_ not in {"in", "to", "at"}]
        if subject and subject[0].pos_ == "PRON" and persons:
            country = actor_country.get(persons[0])
            if country:
                found.add(country)
        elif subject:
            for i in persons + countries:
                m = actors[i]
                if m.start <= subject[0].i < m.end or subject[0].i in {t.i for t in doc[m.start:m.end]}:
                    found.add(actor_country.get(i) or m.key or "")
    found.discard("")
    return found


__all__ = ["extract_records", "cluster_persons"]
