"""From one processed ``Doc`` to the records of one document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..corpus import Document
from ..ontology import Ontology
from ..text import accent_score, fold, name_tokens
from . import agreements as agr
from .actors import ActorMention
from .dates import resolve_date
from .meetings import (
    MeetingReader, apply_dateline, apply_group_reference, attend, can_merge, compatible_dates,
    compatible_places, dateline_place, has_verb_trigger, is_new_meeting, merge_into, read_attendance, to_record,
)
from .roles import NOT_A_NAME, known_by_surname, role_mentions
from .records import (
    AgreementRecord, CommitmentRecord, DocumentRecords, Evidence, MeetingRecord, PersonRecord,
)
from .segment import content_sentences
from .topics import TopicMention, mask_mentions

#: Sentences that give background rather than news: not mined for the meetings' topics.
BACKGROUND_SENTENCE = re.compile(
    r"(?i)(\bthen-|^\s*according to\b|^\s*(?:last|earlier this) (?:month|year|week)\b|"
    r"^\s*in (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"^\s*on a (?:visit|trip)\b.*\b(?:19|20)\d\d\b)"
)
HEADING_MAX_WORDS = 10


def _evidence(doc_id: str, sent: Span, rule: str) -> Evidence:
    """The sentence without surrounding whitespace; offsets such that
    ``document.text[start:end] == text``."""
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return Evidence(doc_id, text, start, start + len(text), rule)


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
        key = m.key or by_tokens.get(tokens) or known_by_surname(m, tokens, ontology)
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
        if m.source not in NOT_A_NAME and m.text not in rec.names:
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
        if not rec.names:  # named only by a post or a reference ("the DHS Secretary", "she")
            rec.names = [ontology.entries[rec.key].label if rec.key else rec.pid.removeprefix("name:")]
        rec.names.sort(key=lambda n: (-len(name_tokens(n)), -accent_score(n), n))
    return pid_of, [clusters[c] for c in sorted(clusters)]


#: "traveled with a delegation that included", "was joined by", "accompanied by": the persons
#: after it go with the sentence's subject.
COMPANION_CUE = re.compile(
    r"(?i)\b(?:travel+ed|led|leads|heads|headed)\s+(?:with\s+)?(?:a|the|his|her)\s+(?:\w+\s+)?delegation\b"
    r"|\baccompanied\s+by\b|\b(?:was|were|is|are|will\s+be)\s+joined\s+by\b"
)


def companion_countries(doc: Doc, actors: list[ActorMention], pid_of: dict[int, str],
                        persons: list[PersonRecord]) -> None:
    """A person of unknown country who accompanies the subject of the sentence ("The Secretary
    traveled with a delegation that included ... Laura Ruiz") is of the subject's country."""
    by_pid = {p.pid: p for p in persons}
    for sent in doc.sents:
        cue = COMPANION_CUE.search(sent.text)
        if cue is None:
            continue
        at = sent.start_char + cue.start()
        inside = [(doc[m.start].idx, by_pid[pid_of[i]]) for i, m in enumerate(actors)
                  if i in pid_of and sent.start <= m.start < sent.end]
        subject = next((p for idx, p in inside if idx < at and p.country), None)
        if subject is None:
            continue
        for idx, person in inside:
            if idx > at and person.country is None and person.key is None:
                person.country = subject.country


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
    # stand-alone titles resolved at the document's date, "the Secretary", "she" (roles.py)
    actors: list[ActorMention] = role_mentions(
        doc, doc._.actors or [], document.published, ontology, content_sentences(doc)
    )
    pid_of, persons = cluster_persons(actors, ontology)
    companion_countries(doc, actors, pid_of, persons)
    records.persons = persons
    person_country = {p.pid: p.country for p in persons}
    background_pids = {p.pid for p in persons if p.background}
    for m in actors:
        if m.kind == "country" and m.key:
            records.countries.add(m.key)
        elif m.kind == "org" and m.key:
            records.organizations.add(m.key)
            if m.key not in ontology.entries:  # found from its name's shape (actors.py)
                records.org_labels.setdefault(m.key, m.full_name or m.text)
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
    delegation: list[str] = []
    sides: dict[str, str] = {}  # the side (country) a participant was named on ("the U.S. delegation")
    for s_index, sent in enumerate(sentences):
        focus_at[s_index] = focus
        attendance = (read_attendance(doc, sent, actors, pid_of, background_pids)
                      if focus is not None and not has_verb_trigger(sent) else None)
        if attendance is not None:  # "The Mexican delegation included ...", "X joined the meetings"
            attend(focus, attendance, sides, person_country)
            focus.evidence.append(_evidence(document.doc_id, sent, "meeting:attendance"))
            focus.sentences = sorted(set(focus.sentences) | {s_index})
            sentence_meetings.setdefault(s_index, []).append(focus)
            continue
        previous_target: MeetingRecord | None = None
        for cand in reader.read(sent, s_index):
            apply_group_reference(cand, focus, delegation)  # "both secretaries", "the delegation"
            delegation = cand.delegation or delegation
            if not is_new_meeting(cand, focus):
                if focus is not None:
                    sentence_meetings.setdefault(s_index, []).append(focus)
                previous_target = None
                continue
            record = to_record(cand, f"{document.doc_id}-m{len(meetings) + 1}",
                               _evidence(document.doc_id, sent, f"meeting:{cand.trigger.lemma}"),
                               person_country)
            if (cand.same_as_previous and previous_target is not None
                    and compatible_dates(previous_target.date, record.date)
                    and compatible_places(previous_target.place, record.place)):
                target = previous_target  # "his visit to X, where he met with Y": one event
            else:
                target = next((m for m in reversed(meetings) if can_merge(m, record, person_country)), None)
            if target is None:
                meetings.append(record)
                target = record
            else:
                merge_into(target, record)
            sentence_meetings.setdefault(s_index, []).append(target)
            previous_target = target
            if not target.background:
                focus = target
    # a dateline ("MEXICO CITY –", "Mexico City, April 14, 2025") places the document's
    # current meetings that the text does not place (meetings.apply_dateline)
    apply_dateline(meetings, dateline_place(sentences, ontology), document.published)
    # re-number after merging so that ids are dense and stable
    for n, meeting in enumerate(meetings, start=1):
        meeting.mid = f"{document.doc_id}-m{n}"
    records.meetings = meetings
    topics = _topic_mentions(doc, document, sentences, actors)
    statement = agr.own_statement_title(document.title, sentences[0].text.strip() if sentences else None) is not None
    _attach_topics(doc, sentences, meetings, sentence_meetings, topics, actors, statement)
    _read_agreements(doc, document, sentences, records, actors, pid_of, person_country, ontology, topics)
    return records


def _topic_mentions(doc: Doc, document: Document, sentences: list[Span],
                    actors: list[ActorMention]) -> list[TopicMention]:
    """The document's topic mentions without words of names: an agreement's name ("Framework
    for Security, Public Health, and ...") or an agency's ("Department of Commerce") says
    nothing of what was discussed; a label that names the agreement itself ("Merida
    Initiative") counts, and so does the document's own statement title."""
    first_line = sentences[0].text.strip() if sentences else None
    own = agr.own_statement_title(document.title, first_line)
    names = [(m.start, m.end) for m in actors if m.kind == "org" and m.end - m.start > 1]
    for sent in sentences:
        for mention in agr.find_agreements(sent):
            if own is None or fold(mention.label) != fold(own):
                names.append((mention.start, mention.end))
        # "their joint statement of July 2, 2020, on …": the earlier statement's subjects
        for ref in agr.find_statement_references(sent.text, document.published):
            about = re.match(r",?\s+(?:on|regarding|concerning|about)\s+", sent.text[ref.end:])
            span = doc.char_span(sent.start_char + ref.start, sent.end_char, alignment_mode="expand") if about else None
            if span is not None:
                names.append((span.start, span.end + 1))
    return mask_mentions(doc, doc._.topics or [], names, frozenset(agr.AGREEMENT_HEADS))


#: A standing mission statement of an agency ("DHS continues to work closely with ..."):
#: policy boilerplate, not what a meeting discussed.
MISSION_VERB = re.compile(
    r"(?i)^\s*(?:continues|remains|is\s+(?:committed|dedicated)|will\s+continue|stands\s+ready)\b"
)
#: Words by which a sentence speaks of a meeting's content.
DISCUSSION_CUE = re.compile(
    r"(?i)\b(?:discuss\w*|talk\w*|review\w*|address\w*|agree\w*|focus\w*|meetings?|met|visit\w*|"
    r"conversation|call|dialogue|raised?|emphasi[sz]\w*|stress\w*|highlight\w*|underscor\w*|"
    r"reaffirm\w*|express\w*|exchang\w*|topics?|agenda|said|says|told)\b"
)


def _is_mission_sentence(doc: Doc, sent: Span, actors: list[ActorMention]) -> bool:
    """Whether the sentence opens with an organization as subject of "continues to",
    "remains committed", "will continue to" (an agency's standing mission)."""
    start = sent.start + (1 if doc[sent.start].lower_ == "the" else 0)
    if start >= sent.end:
        return False
    org = next((m for m in actors if m.kind == "org" and m.start in (sent.start, start)), None)
    if org is not None:
        end = org.end
    elif re.fullmatch(r"[A-Z]{2,6}", doc[sent.start].text) and doc[sent.start].ent_type_ != "GPE":
        end = sent.start + 1  # an agency acronym the gazetteer lacks
    else:
        return False
    if end >= sent.end:
        return False
    return bool(MISSION_VERB.match(doc[end:sent.end].text))


def _attach_topics(doc: Doc, sentences: list[Span], meetings: list[MeetingRecord],
                   sentence_meetings: dict[int, list[MeetingRecord]], topics: list[TopicMention],
                   actors: list[ActorMention], statement: bool = False) -> None:
    """Topics of a sentence go to the meeting it describes, or to the document's current
    meeting; background sentences (statistics, "then-candidate", last month's figures) and an
    agency's mission statement give none. A secondary meeting (not the document's main one)
    takes the topics of later paragraphs only when they speak of a meeting or of a person, so
    that closing background paragraphs do not feed the last meeting told; in a joint statement
    (``statement``) such paragraphs are its clauses and go to the main meeting."""
    if not meetings:
        return
    main = next((m for m in meetings if not m.background), meetings[0])
    current = main
    current_line = -1
    background_line = -1
    persons_at = {m.start for m in actors if m.kind == "person"}
    # paragraphs that speak of a meeting or of a person (a quote, "they discussed")
    speaking_lines = {
        doc.text.count("\n", 0, sent.start_char) for sent in sentences
        if DISCUSSION_CUE.search(sent.text) or any(sent.start <= i < sent.end for i in persons_at)
    }
    for s_index, sent in enumerate(sentences):
        line = doc.text.count("\n", 0, sent.start_char)
        if BACKGROUND_SENTENCE.search(sent.text):
            background_line = line
        in_background = line == background_line
        in_sent = {t.topic for t in topics if sent.start <= t.start < sent.end}
        targets = sentence_meetings.get(s_index)
        if targets:
            previous = current
            current = next((m for m in reversed(targets) if not m.background), current)
            if current is not previous or current_line < 0:
                current_line = line
        if not in_sent or in_background or _is_mission_sentence(doc, sent, actors):
            continue
        if targets:
            for target in {id(t): t for t in targets}.values():
                target.topics |= in_sent
            continue
        if current is not main and line != current_line and line not in speaking_lines:
            if statement:
                main.topics |= in_sent
            continue
        current.topics |= in_sent


def _read_agreements(
    doc: Doc, document: Document, sentences: list[Span], records: DocumentRecords,
    actors: list[ActorMention], pid_of: dict[int, str], person_country: dict[str, str | None],
    ontology: Ontology, topics: list[TopicMention] | None = None,
) -> None:
    topics = (doc._.topics or []) if topics is None else topics
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
    undertakings: list[CommitmentRecord] = []  # "President X agreed to …" in a readout
    pending: list[CommitmentRecord] = []  # "both parties …" before the statement's parties are known

    def agreement(label: str) -> AgreementRecord:
        key = fold(label)
        if key not in by_label:
            # a short form of a name already read ("the Letter of Intent" after its full name)
            longer = [k for k in by_label if len(key.split()) >= 2 and k.startswith(key + " ")]
            if len(longer) == 1:
                return by_label[longer[0]]
            by_label[key] = AgreementRecord(aid=f"{document.doc_id}-a{len(by_label) + 1}", label=label)
        return by_label[key]

    for sent in sentences:
        heading = _sentence_heading(sent)
        if heading and sent is not sentences[0]:
            section = heading
            continue
        text = sent.text
        # earlier statements named by their date ("their previous statement of December 18, 2018")
        dated = agr.find_statement_references(text, document.published)
        references = [] if (own and sent is sentences[0] and own.label == first_line) else [
            r for r in dated  # a statement of the document's own day is the document itself
            if not (r.date and document.published and r.date == document.published and r.date.day)
        ]
        mentions = agr.find_agreements(sent)
        for ref in references:
            # "the U.S.-Mexico Joint Declaration of June 7, 2019": one agreement, known by its date
            # (its name's countries are its parties)
            whole = next((a for a in mentions if _overlaps(doc, sent, a, ref)), None)
            rec = agreement(ref.label)
            if whole is not None:
                rec.countries |= set(ontology.countries_in(whole.label, demonyms=False))
            rec.date, rec.family = rec.date or ref.date, ref.family
            returns = agr.returns_to(text, ref.start)
            rec.evidence.append(_evidence(document.doc_id, sent, "agreement:reaffirmed" if returns else "agreement:dated-reference"))
            rec.reaffirmed = rec.reaffirmed or returns
            if re.search(r"(?i)\b(?:their|our)\s+(?:\w+\s+){0,2}$", text[max(0, ref.start - 40):ref.start]):
                countries, collective = agr.subject_countries(sent, ref.start, actors, ontology.group_members, actor_country)
                rec.countries |= countries or (set(own.countries) if own and collective else set())
        named = [
            a for a in mentions
            if not (own and fold(a.label) == fold(own.label))
            and not any(_overlaps(doc, sent, a, r) for r in dated)
            and not (own and a.start > sent.start and doc[a.start - 1].lower_ in {"this", "today", "today's"})
        ]
        for mention in named:
            if own and sent is sentences[0] and mention.start == sent.start:
                continue
            rec = agreement(mention.label)
            returns = agr.returns_to(text, doc[mention.start].idx - sent.start_char)
            rec.evidence.append(_evidence(document.doc_id, sent, "agreement:reaffirmed" if returns else "agreement:named"))
            rec.countries |= set(ontology.countries_in(mention.label, demonyms=False))
            rec.countries |= _signing_countries(doc, sent, mention, actors, actor_country, ontology)
            rec.reaffirmed = rec.reaffirmed or returns
        _read_signatories(doc, sent, named, own, by_label, actors, pid_of, document,
                          person_country, records.meetings)
        if own is None and not text.rstrip().endswith(":"):
            for clause in _under_agreement(doc, sent, named, by_label, actors, actor_country, ontology):
                commitments.append(_commitment(doc, document, sent, clause, clause.agreement, section, topics))
            for clause in _undertakings(doc, sent, actors, actor_country, ontology):
                undertakings.append(_commitment(doc, document, sent, clause, "", section, topics))
        if own is None or text.rstrip().endswith(":"):
            continue

        def has_subject(lo: int, hi: int) -> bool:
            found, collective = agr.subject_countries(sent, hi, actors, ontology.group_members, actor_country, lo)
            return bool(found) or collective

        for clause in agr.split_clauses(text, has_subject):
            kind = clause.kind
            countries, collective = agr.subject_countries(
                sent, clause.cues[0].start, actors, ontology.group_members, actor_country, clause.start
            )
            if not countries and not collective:
                continue
            if collective and not countries:
                countries = set(own.countries)
            own.countries |= countries
            clause_text = text[clause.start:clause.end].strip(" ,;\n")
            lo, hi = sent.start_char + clause.start, sent.start_char + clause.end
            action = agr.clause_action(text, clause)
            deadline, deadline_text = agr.deadline_from(clause_text, document.published)
            record = CommitmentRecord(
                cid=f"{document.doc_id}-c{len(commitments) + 1}", agreement=own.aid,
                parties=countries, text=clause_text,
                modality=agr.commitment_modality(clause_text, kind, action), deadline=deadline,
                deadline_text=deadline_text, section=section,
                topics={t.topic for t in topics if sent.start <= t.start < sent.end and lo <= doc[t.start].idx < hi},
                refers_to={
                    by_label[fold(a.label)].aid for a in named
                    if fold(a.label) in by_label and lo <= doc[a.start].idx < hi
                },
                evidence=[_evidence(document.doc_id, sent, f"commitment:{kind}")],
                action=action,
            )
            commitments.append(record)
            if not countries:
                pending.append(record)
    for record in pending:
        record.parties = set(own.countries) if own else set()
    understanding = _understanding(document, undertakings, sentences)
    if understanding is not None:
        commitments += undertakings
    commitments = [c for c in commitments if c.parties]
    for n, record in enumerate(commitments, start=1):
        record.cid = f"{document.doc_id}-c{n}"
    records.agreements = ([own] if own else []) + ([understanding] if understanding else []) + list(by_label.values())
    records.commitments = commitments


@dataclass(frozen=True)
class _Clause:
    """A commitment clause found outside a joint statement (character offsets in the sentence)."""

    clause: agr.Clause
    parties: frozenset[str]
    agreement: str = ""  # aid; "" for the readout's understanding


def _commitment(doc: Doc, document: Document, sent: Span, found: _Clause, aid: str,
                section: str | None, topics: list[TopicMention]) -> CommitmentRecord:
    text = sent.text
    clause = found.clause
    clause_text = text[clause.start:clause.end].strip(" ,;\n")
    lo, hi = sent.start_char + clause.start, sent.start_char + clause.end
    action = agr.clause_action(text, clause)
    deadline, deadline_text = agr.deadline_from(clause_text, document.published)
    return CommitmentRecord(
        cid="", agreement=aid, parties=set(found.parties), text=clause_text,
        modality=agr.commitment_modality(clause_text, clause.kind, action), deadline=deadline,
        deadline_text=deadline_text, section=section,
        topics={t.topic for t in topics if sent.start <= t.start < sent.end and lo <= doc[t.start].idx < hi},
        evidence=[_evidence(document.doc_id, sent, f"commitment:{clause.kind}")], action=action,
    )


#: "… a Letter of Intent, under which …" and "Under the framework, …".
UNDER_WHICH = re.compile(r"(?i),?\s*\bunder\s+which\s+")
UNDER_THE = re.compile(r"(?i)(?:^|[,;]\s*)\s*under\s+(?:the|this|that|its|their)\s+(?P<what>[^,;]{3,120}?)\s*,\s*")
#: Subjects that stand for the agreement's parties ("the two agencies will …").
AGREEMENT_SIDES = re.compile(
    r"(?i)\b(?:the\s+two|both)\s+(?:agencies|co-?chairs|delegations|institutions|ministries|"
    r"secretariats|departments|countries|governments|nations|sides|parties)\b"
)


#: Two named bodies coordinated as a subject ("CBP and ANAM", "the SSPC and the FBI").
PROPER_PAIR = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w.&'-]*\s+){0,5}[A-Z][\w.&'-]*\s+and\s+(?:the\s+)?(?:[A-Z][\w.&'-]*\s+){0,5}[A-Z][\w.&'-]*"
)


def _under_agreement(
    doc: Doc, sent: Span, named: list[agr.AgreementMention], by_label: dict[str, AgreementRecord],
    actors: list[ActorMention], actor_country: dict[int, str | None], ontology: Ontology,
) -> list[_Clause]:
    """Commitments a text places under a named agreement, outside joint statements: "the two
    countries signed a Memorandum, under which each will …", "Under the framework, the two
    countries will set up …". The parties are the clause's countries, or the agreement's
    own (two or more) countries when the subject is "the two agencies", "both countries" or a
    pair of agencies."""
    text = sent.text
    anchors: list[tuple[int, AgreementRecord]] = []
    for match in UNDER_WHICH.finditer(text):
        before = [a for a in named if doc[a.end - 1].idx + len(doc[a.end - 1].text) - sent.start_char <= match.start() + 1
                  and match.start() - (doc[a.end - 1].idx + len(doc[a.end - 1].text) - sent.start_char) <= 2]
        if before and fold(before[-1].label) in by_label:
            anchors.append((match.end(), by_label[fold(before[-1].label)]))
    for match in UNDER_THE.finditer(text):
        what = fold(match.group("what"))
        words = what.split()
        if not words or not (words[-1] in agr.AGREEMENT_HEADS or what.startswith(("letter of intent", "memorandum"))):
            continue
        # the agreement named there, or the last one read whose name contains the phrase
        inside = [a for a in named if match.start("what") <= doc[a.start].idx - sent.start_char < match.end("what")]
        if inside and fold(inside[0].label) in by_label:
            anchors.append((match.end(), by_label[fold(inside[0].label)]))
            continue
        owners = [r for k, r in by_label.items() if re.search(rf"\b{re.escape(words[-1])}\b", k)
                  and all(w in k.split() for w in words)]
        if owners:
            anchors.append((match.end(), owners[-1]))
    found: list[_Clause] = []
    for anchor, record in anchors:
        cues = [c for c in agr.find_cues(text[anchor:]) if c.kind in {"firm", "aspirational"}]
        if not cues:
            continue
        cue = cues[0]
        clause = agr.Clause(anchor, len(text), (agr.Cue(cue.kind, anchor + cue.start, anchor + cue.end, anchor + cue.action_start),))
        countries, collective = agr.subject_countries(sent, anchor + cue.start, actors, ontology.group_members, actor_country, anchor)
        lead = text[anchor:anchor + cue.start]
        orgs = [m for m in actors if m.kind == "org" and anchor <= doc[m.start].idx - sent.start_char < anchor + cue.start]
        pair = PROPER_PAIR.fullmatch(lead.strip()) is not None  # "CBP and ANAM will …"
        if not countries and (collective or AGREEMENT_SIDES.search(lead) or len(orgs) >= 2 or pair) and len(record.countries) >= 2:
            countries = set(record.countries)
        if countries:
            found.append(_Clause(clause, frozenset(countries), record.aid))
    return found


#: A party's own undertaking in a readout: "President X agreed to supply …", "The United States
#: committed to work …" (not "is committed to", not "agreed to the plan").
UNDERTAKING = re.compile(
    r"(?i)(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bremains )(?<!\bremain )(?<!\bremained )"
    r"\b(?:agreed|committed|pledged|promised|undertook)\s+(?:also\s+)?to\s+"
    r"(?!(?:the|a|an|this|that|these|those|its|their|his|her|our)\b)"
)


def _undertakings(
    doc: Doc, sent: Span, actors: list[ActorMention], actor_country: dict[int, str | None],
    ontology: Ontology,
) -> list[_Clause]:
    """Clauses where one party (one country, or one official of one country) commits itself;
    a collective subject ("the two delegations agreed to …") is a joint process, not read."""
    text = sent.text
    found: list[_Clause] = []
    for match in UNDERTAKING.finditer(text):
        bounds = [b.end() for b in agr.CLAUSE_BOUNDARY.finditer(text, 0, match.start())]
        lo = bounds[-1] if bounds else 0
        countries, collective = agr.subject_countries(sent, match.start(), actors, ontology.group_members, actor_country, lo)
        subjects = [m for m in actors if m.kind in {"person", "country", "group"} and not m.demonym
                    and sent.start <= m.start < sent.end and lo <= doc[m.start].idx - sent.start_char < match.start()]
        if collective or len(countries) != 1 or len(subjects) != 1 or subjects[0].background:
            continue
        cue = agr.Cue("firm", match.start(), match.end(), match.end())
        found.append(_Clause(agr.Clause(lo, len(text), (cue,)), frozenset(countries)))
    return found


def _understanding(document: Document, undertakings: list[CommitmentRecord],
                   sentences: list[Span]) -> AgreementRecord | None:
    """The unnamed understanding of a readout whose parties each committed themselves (at
    least two countries: "Mexico agreed to …", "The United States committed to …"); its
    undertakings become its commitments."""
    parties = set().union(*(c.parties for c in undertakings)) if undertakings else set()
    if len(parties) < 2:
        return None
    name = document.title or (sentences[0].text.strip() if sentences else document.doc_id)
    record = AgreementRecord(aid=f"{document.doc_id}-understanding", label=f"Understanding: {name}",
                             countries=parties, date=document.published)
    for c in undertakings:
        c.agreement = record.aid
        record.evidence += c.evidence
    return record


def _overlaps(doc: Doc, sent: Span, mention: agr.AgreementMention, ref: agr.StatementReference) -> bool:
    """Whether a named agreement and a dated statement reference share characters."""
    lo = doc[mention.start].idx - sent.start_char
    hi = doc[mention.end - 1].idx + len(doc[mention.end - 1].text) - sent.start_char
    return lo < ref.end and ref.start < hi


#: A collective signer: "the two co-chairs signed", "both delegations signed".
COLLECTIVE_SIGNER = re.compile(
    r"(?i)\b(?:the\s+two|both(?:\s+the)?)\s+(?:co-?chairs|delegations|heads\s+of\s+delegation|ministers|"
    r"secretaries|sides|governments|countries|leaders|presidents|parties)\b"
)

SELF_REFERENCE = re.compile(
    r"(?i)\b(?:this|the|today's)\s+(?:joint\s+)?(?:statement|declaration|communiqu[eé]|agreement|memorandum|framework|plan)\b"
)


def _read_signatories(
    doc: Doc, sent: Span, named: list[agr.AgreementMention], own: AgreementRecord | None,
    by_label: dict[str, AgreementRecord], actors: list[ActorMention], pid_of: dict[int, str],
    document: Document, person_country: dict[str, str | None] | None = None,
    meetings: list[MeetingRecord] | None = None,
) -> None:
    """Persons who sign or issue an agreement ("X and Y signed the …", "… was signed by X"),
    and its signing date when the sentence gives one. The agreement commits the signers'
    countries; "the two co-chairs signed" commits the countries of the meeting's two sides."""
    verb = agr.SIGN_VERB.search(sent.text)
    if verb is None:
        return
    if named:
        target = by_label.get(fold(min(named, key=lambda a: abs(doc[a.start].idx - sent.start_char - verb.start())).label))
    elif own is not None and SELF_REFERENCE.search(sent.text):
        target = own
    else:
        target = None
    if target is None:
        return
    by = agr.SIGNED_BY.search(sent.text)
    lead = sent.text[:verb.start()]
    persons = [(doc[m.start].idx - sent.start_char, pid_of[i]) for i, m in enumerate(actors)
               if m.kind == "person" and i in pid_of and sent.start <= m.start < sent.end]
    if by is not None:  # "… was signed by X and Y"
        signers = [pid for offset, pid in persons if offset >= by.end()]
    elif agr.PRONOUN_SUBJECT.search(lead):  # "…, where he will sign": the sentence's subject
        signers = [pid for offset, pid in persons[:1] if offset < verb.start()]
    else:  # "X and Y signed …", within the verb's own clause
        bounds = list(agr.SIGNER_CLAUSE_BOUNDARY.finditer(lead))
        lo = bounds[-1].end() if bounds else 0
        signers = [pid for offset, pid in persons if lo <= offset < verb.start()]
    target.signatories.update(signers)
    person_country = person_country or {}
    target.countries |= {c for c in (person_country.get(p) for p in signers) if c}
    if not signers and COLLECTIVE_SIGNER.search(lead) and meetings:
        meeting = next((m for m in meetings if not m.background), meetings[0])
        sides = set(meeting.countries) | {c for c in (person_country.get(p) for p in meeting.persons) if c}
        if len(sides) >= 2:
            target.countries |= sides
    if target.date is None:
        for mention in doc._.dates or []:
            if sent.start <= mention.start < sent.end:
                value = resolve_date(mention.text, document.published, "past").value
                if value is not None:
                    target.date = value
                    break


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
            heads = {subject[0].i} | {t.i for t in subject[0].conjuncts}  # "X and Y signed"
            for i in persons + countries:
                m = actors[i]
                if any(m.start <= h < m.end for h in heads):
                    found.add(actor_country.get(i) or m.key or "")
    found.discard("")
    return found


__all__ = ["extract_records", "cluster_persons"]
