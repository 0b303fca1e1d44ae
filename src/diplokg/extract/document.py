"""From one processed ``Doc`` to the records of one document."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from ..corpus import Document, PartialDate
from ..ontology import Ontology
from ..text import accent_score, fold, name_tokens
from . import agreements as agr
from .actors import ActorMention, capital_governments
from .dates import resolve_date
from .meetings import (
    MeetingReader, apply_dateline, apply_group_reference, attend, compatible_dates,
    compatible_places, complete_pairs, delegation_sides, read_participation, dateline_place, has_verb_trigger, is_new_meeting, merge_into, read_attendance, to_record,
    delegation_members, inherit_frame, merge_target,
)
from .roles import NOT_A_NAME, known_by_surname, role_mentions
from .records import (
    AgreementRecord, CommitmentRecord, DocumentRecords, Evidence, MeetingRecord, PersonRecord,
)
from .segment import content_sentences
from .topics import TopicMention, mask_mentions
from .tokentable import span_text, token_table

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
    text = span_text(sent).strip()
    start = sent.start_char + (len(span_text(sent)) - len(span_text(sent).lstrip()))
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
        cue = COMPANION_CUE.search(span_text(sent))
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
    text = span_text(sent).strip()
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
    actors = capital_governments(doc, actors, ontology.capitals)  # "Washington agreed ...": the United States
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
    list_side: str | None = None  # the side of a list header ("For Mexico:") above list items
    companions: dict[str, str] = {}  # "X was accompanied by Y": Y -> X (same side)
    venues: dict[int, str] = {}  # id(meeting) -> its named venue ("at the National Palace")
    for s_index, sent in enumerate(sentences):
        focus_at[s_index] = focus
        told = len(meetings)  # the meetings told before this sentence
        for pid, side in delegation_sides(doc, sent, actors, pid_of).items():
            sides.setdefault(pid, side)  # "a U.S. delegation headed by X": X's side
        delegation = delegation_members(doc, sent, actors, pid_of) or delegation  # "the delegation" stands for them
        attendance = (read_attendance(doc, sent, actors, pid_of, background_pids, focus.persons, list_side)
                      if focus is not None and not has_verb_trigger(sent) else None)
        if attendance is None or not (attendance.header or attendance.item):
            list_side = None
        elif attendance.header:
            list_side = attendance.header
        if attendance is not None:  # "The Mexican delegation included ...", "X joined the meetings"
            target = focus
            if list_side is not None and focus.status != "held":  # an annex lists who attended
                target = next((m for m in meetings if m.status == "held" and not m.background), focus)
            if attendance.members:
                attend(target, attendance, sides, person_country, companions)
                if attendance.companion_of is not None:
                    for pid in attendance.members:
                        companions.setdefault(pid, attendance.companion_of)
                for pid in attendance.members:  # the side a person was named on is their country
                    if person_country.get(pid) is None and sides.get(pid):
                        person_country[pid] = sides[pid]
                        person_by_pid[pid].country = sides[pid]
                target.evidence.append(_evidence(document.doc_id, sent, "meeting:attendance"))
                target.sentences = sorted(set(target.sentences) | {s_index})
                sentence_meetings.setdefault(s_index, []).append(target)
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
            inherit_frame(record, cand, meetings[:told])  # "Later that day, ...", "Separately, ...": its day
            if (cand.same_as_previous and previous_target is not None
                    and compatible_dates(previous_target.date, record.date)
                    and compatible_places(previous_target.place, record.place)):
                target = previous_target  # "his visit to X, where he met with Y": one event
            else:  # an earlier meeting told again, unless told as another one (meetings.distinct_event)
                target = merge_target(meetings, record, cand, person_country, venues)
            if target is None:
                meetings.append(record)
                target = record
            else:
                merge_into(target, record)
            sentence_meetings.setdefault(s_index, []).append(target)
            previous_target = target
            if not target.background:
                focus = target
        if focus is not None and focus in sentence_meetings.get(s_index, []):
            # participation predicates beside the meeting's own verb ("..., where they were
            # joined by X", "with the participation of X"): meetings.read_participation
            joined = read_participation(doc, sent, actors, pid_of, set(pid_of.values()) - background_pids,
                                        focus.persons)
            if joined is not None:
                joined.members = [pid for pid in joined.members if pid not in focus.persons]
                if joined.members:
                    attend(focus, joined, sides, person_country, companions)
    # a dateline ("MEXICO CITY –", "Mexico City, April 14, 2025") places the document's
    # current meetings that the text does not place (meetings.apply_dateline)
    apply_dateline(meetings, dateline_place(sentences, ontology), document.published)
    # a person present at a meeting meets its participants of the other side (meetings.complete_pairs)
    title_hints: dict[str, str] = {}
    for person in persons:
        posts = {ontology.posts[p].country for t in person.titles for p in ontology.posts_named(t)}
        if len(posts) == 1 and None not in posts:
            title_hints[person.pid] = next(iter(posts))
    default_sides = {ontology.country_names.get(n) for n in ("united states", "mexico")} - {None}
    complete_pairs(meetings, sides, person_country, companions, set(records.countries), title_hints, default_sides)
    # a meeting that names nobody ("their teams will meet in Washington", "the next meeting of
    # the Group will take place in ...") is held between the sides of the document's main
    # meeting: they take part as countries, as the contract asks where no person is named
    sides = _meeting_sides(meetings, person_country)
    if len(sides) >= 2:
        for meeting in meetings:
            if not (meeting.persons or meeting.countries or meeting.organizations):
                meeting.countries |= sides
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
        for ref in agr.find_statement_references(span_text(sent), document.published):
            about = re.match(r",?\s+(?:on|regarding|concerning|about)\s+", span_text(sent)[ref.end:])
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
    newlines = [i for i, char in enumerate(token_table(doc).text) if char == "\n"]
    lines = [bisect_left(newlines, sent.start_char) for sent in sentences]
    # paragraphs that speak of a meeting or of a person (a quote, "they discussed")
    speaking_lines = {
        line for line, sent in zip(lines, sentences)
        if DISCUSSION_CUE.search(span_text(sent)) or any(sent.start <= i < sent.end for i in persons_at)
    }
    for s_index, sent in enumerate(sentences):
        line = lines[s_index]
        if BACKGROUND_SENTENCE.search(span_text(sent)):
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
    org_country = _org_countries(doc, actors, ontology)
    headline_named: set[str] = set()  # aids of agreements the headline names ("X and Y Sign Memorandum on …")
    body_named: set[str] = set()
    reaffirmed_by_all: list[AgreementRecord] = []
    sides = _meeting_sides(records.meetings, person_country, document.published)
    if len(sides) < 2:  # the countries the opening sentences name ("Officials of the United States, Mexico and …")
        sides = {m.key for m in actors if m.kind == "country" and m.key and not m.demonym
                 and sentences and sentences[0].start <= m.start < sentences[min(1, len(sentences) - 1)].end}
    lead: _Lead | None = None  # the open list of commitments ("the Participants intend to:")
    recent: AgreementRecord | None = None  # the agreement read last ("the Parties" stand for its parties)
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
    supporting: list[CommitmentRecord] = []  # "The United States will provide …" in running text
    pending: list[CommitmentRecord] = []  # "both parties …" before the statement's parties are known
    anchors: dict[int, str] = {}  # id of a readout's undertaking -> the agreement named last before it

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
        text = span_text(sent)
        if lead is not None:
            if not text.strip() or agr.TRAILING_ENUMERATOR.fullmatch(text.strip()):
                continue  # a blank line or a bare list marker ("1.") inside the list
            item = agr.list_item(text)
            if item is None:
                lead = None
            elif not _has_own_subject(sent, text[item[0]:item[1]], item[0], actors, ontology, actor_country, org_country):
                record = _list_commitment(doc, document, sent, item, lead, section, topics)
                (commitments if lead.agreement else supporting if lead.joins else undertakings).append(record)
                if not record.parties:
                    pending.append(record)
                continue
        heading = _sentence_heading(sent) if not (agr.ENUMERATOR.match(text) or text.rstrip().endswith(";")) else None
        if heading and sent is not sentences[0]:
            section = heading
            continue
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
                countries, collective = agr.subject_countries(sent, ref.start, actors, ontology.group_members, actor_country,
                                                              org_country=org_country)
                rec.countries |= countries or (set(own.countries) if own and collective else set())
            elif returns and own is not None and _reaffirming_parties(sent, ref.start, rec, own, actors, ontology,
                                                                      actor_country, org_country):
                reaffirmed_by_all.append(rec)
            recent = rec
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
            (headline_named if sent is sentences[0] and _sentence_heading(sent) else body_named).add(rec.aid)
            returns = agr.returns_to(text, doc[mention.start].idx - sent.start_char)
            rec.evidence.append(_evidence(document.doc_id, sent, "agreement:reaffirmed" if returns else "agreement:named"))
            rec.countries |= set(ontology.countries_in(mention.label, demonyms=False))
            rec.countries |= _signing_countries(doc, sent, mention, actors, actor_country, ontology, org_country)
            rec.reaffirmed = rec.reaffirmed or returns
            if returns and own is not None and _reaffirming_parties(
                    sent, doc[mention.start].idx - sent.start_char, rec, own, actors, ontology, actor_country, org_country):
                reaffirmed_by_all.append(rec)
            recent = rec
        _read_signatories(doc, sent, named, own, by_label, actors, pid_of, document,
                          person_country, records.meetings)
        inline = agr.inline_list(text)  # "… intend to: 1. share data; 2. train officers."
        head = text[:inline[0]] if inline else text
        opening = agr.lead_in(head)
        if opening is not None:  # "Under the memorandum, the Participants intend to:" opens a list
            lead = None
            if own is not None:
                countries, collective = agr.subject_countries(
                    sent, opening.cue.start, actors, ontology.group_members, actor_country, org_country=org_country)
                if countries or collective:
                    own.countries |= countries
                    lead = _Lead(own.aid, frozenset(countries), opening.cue.kind, opening.text)
            else:
                under = _under_agreement(doc, sent, named, by_label, actors, actor_country, ontology, org_country,
                                         recent, lead_end=len(head))
                if under:
                    lead = _Lead(under[0].agreement, under[0].parties, under[0].clause.kind,
                                 head[under[0].clause.start:].strip())
                else:  # a readout's list of outcomes ("The Secretaries agreed to:", "Mexico will:")
                    parties, joins = _readout_lead_parties(sent, opening, actors, actor_country, ontology,
                                                           org_country, sides)
                    if parties:
                        lead = _Lead("", parties, opening.cue.kind, opening.text, joins)
            for item in (inline[1] if inline and lead else []):
                record = _list_commitment(doc, document, sent, item, lead, section, topics)  # type: ignore[arg-type]
                (commitments if lead.agreement else  # type: ignore[union-attr]
                 supporting if lead.joins else undertakings).append(record)  # type: ignore[union-attr]
                if not record.parties:
                    pending.append(record)
            continue
        if own is None and not text.rstrip().endswith(":"):
            under = _under_agreement(doc, sent, named, by_label, actors, actor_country, ontology, org_country, recent)
            for clause in under:
                commitments.append(_commitment(doc, document, sent, clause, clause.agreement, section, topics))
            if _dated_earlier(doc, sent, document.published):
                continue  # "In 2019, the two governments agreed to …": an earlier undertaking, told as background
            known = (len(undertakings), len(supporting))
            stated = _undertakings(doc, sent, actors, actor_country, ontology, org_country, sides)
            covered = [(c.clause.cues[0].start, c.clause.cues[0].end) for c in [*stated, *under]]
            will = [(clause, strong) for clause, strong in _stated_undertakings(
                doc, sent, actors, actor_country, ontology, org_country, sides)
                if not any(lo <= clause.clause.cues[0].start < hi for lo, hi in covered)]  # "reiterated that it will"
            bounded = _bounded(text, [*stated, *(clause for clause, _ in will)])
            for clause in stated:
                clause = bounded[id(clause)]
                target = _reaffirmed_in(doc, sent, clause, named, by_label) if clause.clause.kind == "reaffirmation" else None
                if target is not None:  # "The two governments reaffirmed the commitments of the … Framework"
                    target.countries |= clause.parties
                    commitments.append(_commitment(doc, document, sent, clause, target.aid, section, topics))
                    continue
                (supporting if clause.joins else undertakings).append(
                    _commitment(doc, document, sent, clause, "", section, topics))
            for clause, strong in will:
                (undertakings if strong else supporting).append(
                    _commitment(doc, document, sent, bounded[id(clause)], "", section, topics))
            for clause in _obligations(doc, sent, named, by_label, recent, actors, actor_country, ontology,
                                       org_country, sides):
                if clause.agreement:  # "The framework committed both countries to …"
                    next(r for r in by_label.values() if r.aid == clause.agreement).countries |= clause.parties
                    commitments.append(_commitment(doc, document, sent, clause, clause.agreement, section, topics))
                else:  # "The deal requires Mexico to …": the terms of the deal the text reports
                    undertakings.append(_commitment(doc, document, sent, clause, "", section, topics))
            for record in [*undertakings[known[0]:], *supporting[known[1]:]] if recent is not None else []:
                anchors[id(record)] = recent.aid  # the agreement read last before the clause
        if own is None or text.rstrip().endswith(":"):
            continue

        def has_subject(lo: int, hi: int) -> bool:
            found, collective = agr.subject_countries(sent, hi, actors, ontology.group_members, actor_country, lo,
                                                      org_country)
            return bool(found) or collective

        for clause in agr.split_clauses(text, has_subject):
            kind = clause.kind
            countries, collective = agr.subject_countries(
                sent, clause.cues[0].start, actors, ontology.group_members, actor_country, clause.start, org_country
            )
            if not countries and not collective and IMPERSONAL.match(text[clause.start:clause.cues[0].start]):
                # "It was agreed that the two countries will …": the subject of a later cue commits
                later = next((c for c in clause.cues[1:] if has_subject(clause.start, c.start)), None)
                if later is not None:
                    countries, collective = agr.subject_countries(
                        sent, later.start, actors, ontology.group_members, actor_country, clause.start, org_country)
                    clause = agr.Clause(clause.start, clause.end, clause.cues[clause.cues.index(later):])
                    kind = clause.kind
            if not countries and not collective:
                continue
            if collective and not countries:
                countries = set(own.countries)
            bodies = [org_country.get(i) for i, m in enumerate(actors) if m.kind == "org" and sent.start <= m.start < sent.end
                      and clause.start <= doc[m.start].idx - sent.start_char < clause.cues[0].start]
            if len(bodies) < 2 and PROPER_PAIR.fullmatch(agr.ENUMERATOR.sub("", text[clause.start:clause.cues[0].start]).strip()):
                bodies.append(None)  # "CBP and ANAM will …": a body the gazetteer does not know
            if _with_unknown_body(countries, own.countries, bodies):
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
    if own is not None and len(own.countries) >= 2:
        for rec in reaffirmed_by_all:  # "The Parties reaffirm the … Declaration": all the statement's parties
            rec.countries |= own.countries
    _merge_headline_agreements(by_label, headline_named, body_named, commitments + undertakings)
    if own is not None and pending and len(own.countries) < 2:
        # "the Parties" of a statement that names none: its meeting's sides, or the countries its
        # opening sentence names ("The United States and Mexico held …")
        own.countries |= sides if len(sides) >= 2 else set()
    for record in pending:
        record.parties = set(own.countries) if own else set()
    understanding = _understanding(document, undertakings, sentences)
    named_targets = {r.aid: r for r in by_label.values() if len(r.countries) >= 2}
    if understanding is not None and named_targets:
        # a text that names the agreement its parties' undertakings belong to (a framework
        # launched, a memorandum signed) gets no second, unnamed one: they are that agreement's
        first = next(iter(named_targets))
        joined = undertakings + [c for c in supporting if c.parties <= understanding.countries]
        for c in joined:
            c.agreement = anchors[id(c)] if anchors.get(id(c)) in named_targets else first
            named_targets[c.agreement].evidence += c.evidence
        commitments += sorted(joined, key=lambda c: c.evidence[0].start)
        understanding = None
    if understanding is not None:
        # a single party's "X will …" in running text joins an understanding the document has
        # (it does not make one, nor add parties to it: "the United States will impose tariffs")
        supporting = [c for c in supporting if c.parties <= understanding.countries]
        for c in supporting:
            c.agreement = understanding.aid
            understanding.evidence += c.evidence
        commitments += sorted(undertakings + supporting, key=lambda c: c.evidence[0].start)
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
    joins: bool = False  # may join the readout's understanding but not found one


def _commitment(doc: Doc, document: Document, sent: Span, found: _Clause, aid: str,
                section: str | None, topics: list[TopicMention]) -> CommitmentRecord:
    text = span_text(sent)
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


#: The parties of an agreement as a subject: "the Participants", "each Party", "either Signatory"
#: (capitalised: the defined term of a memorandum or treaty).
AGREEMENT_PARTY_SUBJECT = re.compile(
    r"\b(?:[Tt]he|[Ee]ach|[Ee]ither|[Bb]oth)\s+(?:Parties|Party|Participants|Participant|Signatories|Signatory)\b"
)


@dataclass(frozen=True)
class _Lead:
    """An open enumerated list of commitments: the agreement, the parties and cue its items inherit."""

    agreement: str  # aid
    parties: frozenset[str]
    kind: str
    text: str  # the lead-in clause ("the Participants intend to:")
    joins: bool = False  # a readout's list of the sides' joint steps: its items only join an understanding


def _org_countries(doc: Doc, actors: list[ActorMention], ontology: Ontology) -> dict[int, str | None]:
    """The country of each organisation mention: the gazetteer's, the mention's own, or a country
    named just before it ("Mexico's National Customs Agency", "the Mexican Tax Administration")."""
    found: dict[int, str | None] = {}
    ends = {m.end: m for m in actors if m.kind == "country" and m.key}
    starts = {m.start: m for m in actors if m.kind == "country" and m.key}
    for idx, m in enumerate(actors):
        if m.kind != "org":
            continue
        entry = ontology.entries.get(m.key or "")
        country = (entry.country if entry is not None else None) or m.country
        if country is None:
            before = m.start - 1 if m.start > 0 and doc[m.start - 1].text in {"'s", "’s"} else m.start
            if doc[before - 1].lower_ == "the" if before > 0 else False:
                before -= 1
            country = ends[before].key if before in ends else None
        if country is None and m.end + 1 < len(doc) and doc[m.end].lower_ == "of":
            # "the National Customs Agency of Mexico", "the Attorney General's Office of the Republic"
            after = m.end + 2 if doc[m.end + 1].lower_ == "the" else m.end + 1
            country = starts[after].key if after in starts and not starts[after].demonym else None
        found[idx] = country
    return found


def _agreement_head(label: str) -> str | None:
    """The kind word of an agreement's label ("memorandum" of "Memorandum on Cargo Security")."""
    return next((w for w in fold(label).split() if w in agr.AGREEMENT_HEADS), None)


def _merge_headline_agreements(by_label: dict[str, AgreementRecord], headline: set[str], body: set[str],
                               commitments: list[CommitmentRecord]) -> None:
    """A headline describes the agreement its text names ("CBP and ANAM Sign Memorandum on Cargo
    Security" over "… signed the Memorandum of Understanding on Customs Cooperation …"): an
    agreement named only in the headline becomes the one agreement of the same kind the body
    names, with its parties, signatories and date."""
    records = {r.aid: r for r in by_label.values()}
    for key, record in list(by_label.items()):
        if record.aid not in headline or record.aid in body:
            continue
        head = _agreement_head(record.label)
        same = [r for r in records.values() if r.aid in body and r.aid != record.aid and _agreement_head(r.label) == head]
        if head is None or len(same) != 1:
            continue
        target = same[0]
        target.countries |= record.countries
        target.signatories |= record.signatories
        target.date = target.date or record.date
        target.reaffirmed = target.reaffirmed or record.reaffirmed
        target.evidence = record.evidence + target.evidence
        for c in commitments:
            if c.agreement == record.aid:
                c.agreement = target.aid
            c.refers_to = {target.aid if a == record.aid else a for a in c.refers_to}
        del by_label[key]


def _with_unknown_body(countries: set[str], parties: set[str], bodies: list[str | None]) -> bool:
    """Whether a subject of bodies (their countries, None when unknown) of which some belong to
    known parties and one is of unknown country ("CBP and ANAM") stands for all the agreement's
    parties: the unknown body is the remaining party."""
    return bool(countries) and len(parties) >= 2 and countries < parties and len(bodies) >= 2 and None in bodies


def _has_own_subject(sent: Span, item: str, offset: int, actors: list[ActorMention], ontology: Ontology,
                     actor_country: dict[int, str | None], org_country: dict[int, str | None]) -> bool:
    """Whether a list item is a clause of its own ("(b) Mexico shall deploy …"), read as a sentence."""
    cues = agr.find_cues(item)
    if not cues:
        return False
    countries, collective = agr.subject_countries(sent, offset + cues[0].start, actors, ontology.group_members,
                                                  actor_country, offset, org_country)
    return bool(countries) or collective


def _readout_lead_parties(sent: Span, opening: agr.LeadIn, actors: list[ActorMention],
                          actor_country: dict[int, str | None], ontology: Ontology,
                          org_country: dict[int, str | None], sides: set[str]) -> tuple[frozenset[str], bool]:
    """The parties of a readout's list of outcomes: the countries of its lead-in's subject
    ("Mexico will:", "Secretary X agreed to:"), or the meeting's sides when the subject is the
    sides together ("The Secretaries agreed on the following next steps:"; such items only join
    an understanding, the second value)."""
    if UNDER_THE.match(span_text(sent)) or AGREEMENT_PARTY_SUBJECT.search(span_text(sent)[:opening.cue.start]):
        return frozenset(), False  # the defined parties of an agreement ("Under the memorandum, the Participants …")
    subject = LEADING_ADVERBIAL.sub("", span_text(sent)[:opening.cue.start]).strip()
    if not subject or len(subject.split()) > 14 or "," in subject:
        return frozenset(), False
    countries, _ = agr.subject_countries(sent, opening.cue.start, actors, ontology.group_members, actor_country,
                                         org_country=org_country)
    if countries:
        return frozenset(countries), False
    if len(sides) >= 2 and JOINT_SUBJECT.fullmatch(subject):
        return frozenset(sides), True
    return frozenset(), False


def _list_commitment(doc: Doc, document: Document, sent: Span, item: tuple[int, int], lead: _Lead,
                     section: str | None, topics: list[TopicMention]) -> CommitmentRecord:
    """One item of an enumerated list of commitments, with the lead-in's agreement, parties and cue."""
    text = span_text(sent)
    body = text[item[0]:item[1]].strip()
    lo, hi = sent.start_char + item[0], sent.start_char + item[1]
    clause_text = f"{lead.text} {body}"
    deadline, deadline_text = agr.deadline_from(body, document.published)
    action = " ".join(body.split()[:20])
    return CommitmentRecord(
        cid="", agreement=lead.agreement, parties=set(lead.parties), text=clause_text,
        modality=agr.commitment_modality(body, lead.kind, action), deadline=deadline,
        deadline_text=deadline_text, section=section,
        topics={t.topic for t in topics if sent.start <= t.start < sent.end and lo <= doc[t.start].idx < hi},
        evidence=[_evidence(document.doc_id, sent, "commitment:list-item")], action=action,
    )


#: "The Parties reaffirm …", "Both governments reiterate …": the subject of a reaffirmation.
REAFFIRM_VERB = re.compile(r"(?i)\b(?:reaffirm|reiterat|recommit|renew)\w*")


def _reaffirming_parties(sent: Span, position: int, record: AgreementRecord, own: AgreementRecord,
                         actors: list[ActorMention], ontology: Ontology, actor_country: dict[int, str | None],
                         org_country: dict[int, str | None]) -> bool:
    """An earlier agreement a joint statement's parties reaffirm ("The Parties reaffirm the
    commitments undertaken in the Joint Declaration …") commits those parties; True when they
    are the statement's parties as a whole ("the Parties", "both governments")."""
    verbs = [m for m in REAFFIRM_VERB.finditer(span_text(sent), 0, position)]
    if not verbs:
        return
    bounds = [b.end() for b in re.finditer(r"[;.]\s*", span_text(sent)[:verbs[-1].start()])]
    countries, collective = agr.subject_countries(sent, verbs[-1].start(), actors, ontology.group_members,
                                                  actor_country, bounds[-1] if bounds else 0, org_country)
    if countries:
        record.countries |= countries
    return collective and not countries


#: Two named bodies coordinated as a subject ("CBP and ANAM", "the SSPC and the FBI").
PROPER_PAIR = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w.&'-]*\s+){0,5}[A-Z][\w.&'-]*\s+and\s+(?:the\s+)?(?:[A-Z][\w.&'-]*\s+){0,5}[A-Z][\w.&'-]*"
)


def _under_agreement(
    doc: Doc, sent: Span, named: list[agr.AgreementMention], by_label: dict[str, AgreementRecord],
    actors: list[ActorMention], actor_country: dict[int, str | None], ontology: Ontology,
    org_country: dict[int, str | None] | None = None, recent: AgreementRecord | None = None,
    lead_end: int | None = None,
) -> list[_Clause]:
    """Commitments a text places under a named agreement, outside joint statements: "the two
    countries signed a Memorandum, under which each will …", "Under the framework, the two
    countries will set up …". The parties are the clause's countries, or the agreement's
    own (two or more) countries when the subject is "the two agencies", "both countries" or a
    pair of agencies."""
    text = span_text(sent)
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
    if not anchors and recent is not None:
        # "Each Participant intends to …", "The Parties will …": the parties of the agreement just read
        party = AGREEMENT_PARTY_SUBJECT.search(text)
        first = next((c for c in agr.find_cues(text) if c.kind in {"firm", "aspirational"}), None)
        if party is not None and first is not None and party.end() <= first.start:
            bounds = [b.end() for b in agr.CLAUSE_BOUNDARY.finditer(text, 0, party.start())]
            anchors.append((bounds[-1] if bounds else 0, recent))
    found: list[_Clause] = []
    for anchor, record in anchors:
        cues = [c for c in agr.find_cues(text[anchor:]) if c.kind in {"firm", "aspirational"}]
        if lead_end is not None:  # the lead-in of a list ("the Participants intend to:")
            opening = agr.lead_in(text[:lead_end], anchor)
            cues = [agr.Cue(opening.cue.kind, opening.cue.start - anchor, opening.cue.end - anchor,
                            opening.cue.action_start - anchor)] if opening else []
        if not cues:
            continue
        cue = cues[0]
        clause = agr.Clause(anchor, len(text), (agr.Cue(cue.kind, anchor + cue.start, anchor + cue.end, anchor + cue.action_start),))
        countries, collective = agr.subject_countries(sent, anchor + cue.start, actors, ontology.group_members, actor_country, anchor,
                                                      org_country)
        lead = text[anchor:anchor + cue.start]
        orgs = [m for m in actors if m.kind == "org" and anchor <= doc[m.start].idx - sent.start_char < anchor + cue.start]
        pair = PROPER_PAIR.fullmatch(lead.strip()) is not None  # "CBP and ANAM will …"
        if not countries and (collective or AGREEMENT_SIDES.search(lead) or len(orgs) >= 2 or pair) and len(record.countries) >= 2:
            countries = set(record.countries)
        elif _with_unknown_body(countries, record.countries, [(org_country or {}).get(actors.index(m)) for m in orgs]
                                + [None] * (pair and len(orgs) < 2)):
            countries = set(record.countries)  # "CBP and ANAM will …": the other agency is the other party
        if len(record.countries) >= 2 and countries - record.countries:
            continue  # "Under the agreement, Mexico will …" after a US–Guatemala agreement: not its party
        if countries:
            found.append(_Clause(clause, frozenset(countries), record.aid))
    return found


#: A subject that is the meeting's sides together: "Both sides", "The two delegations", "The
#: Secretaries", "The leaders", "The two governments", "The officials".
JOINT_SUBJECT = re.compile(
    r"(?i)(?:(?:the\s+)?(?:two|three|both(?:\s+the)?)\s+|the\s+)(?:sides|delegations|governments|countries|nations|"
    r"officials|secretaries|ministers|leaders|presidents|co-?chairs|heads\s+of\s+delegation|teams)"
)

#: An opening adverbial before a clause's subject: "Under the deal, ", "On Thursday, ", "In turn, ".
LEADING_ADVERBIAL = re.compile(
    r"(?i)^\s*(?:(?:under|in|on|as|after|following|through|with|meanwhile|additionally|separately|also|"
    r"for\s+(?:its|their|his|her)\s+part|at\s+the\s+meeting|during)\b[^,;]{0,60},\s*)+"
)

#: An impersonal lead before a cue: "It was agreed that", "It is decided that".
IMPERSONAL = re.compile(r"(?i)^\s*(?:it\s+(?:was|is|has\s+been|had\s+been)\s+(?:also\s+)?)?$")

#: A party's own undertaking in a readout: "President X agreed to supply …", "The United States
#: committed to work …" (not "is committed to", not "agreed to the plan").
UNDERTAKING = re.compile(
    r"(?i)(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bremains )(?<!\bremain )(?<!\bremained )"
    # "had pledged to", "previously agreed to": an earlier undertaking told as background
    r"(?<!\bhad )(?<!\bpreviously )(?<!\bearlier )(?<!\bformerly )(?<!\bonce )"
    r"\b(?:(?:agree[sd]|commit(?:s|ted)|pledge[sd]|promise[sd]|undert(?:ook|akes)|decide[sd]|resolve[sd])\s+"
    r"(?:also\s+|on\s+\w+day\s+|on\s+\w+\s+\d{1,2},?\s+)?to\s+"
    r"(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|disagree|differ)\b)"
    # "Mexico's government announced that it will send …": an announced undertaking of the subject
    r"|(?:announce[sd]|confirm(?:s|ed)|(?P<restated>reiterate[sd]|reaffirm(?:s|ed)|state[sd]))\s+(?:on\s+\w+day\s+)?"
    r"(?:that\s+)?(?:it|he|she)\s+(?:will|would)\s+(?:also\s+|immediately\s+|continue\s+to\s+)?"
    r"(?!(?:be|have|not|likely|probably|need|consider|study|review|evaluate|analy[sz]e)\b)"
    # "The two governments reaffirmed the commitments of the … Framework / their commitment to …"
    r"|(?P<reaffirm>reaffirm(?:s|ed)|reiterate[sd]|renew(?:s|ed))\s+(?:their|its|the|our)\s+(?:shared\s+|joint\s+|mutual\s+)?"
    r"commitments?(?:\s+(?:to|of|under|made\s+(?:in|under)))?\s+)"
)


def _other_pair_before(doc: Doc, sent: Span, cue_char: int, actors: list[ActorMention], sides: set[str]) -> bool:
    """Whether a collective subject ("the two countries", "both governments", "the two ministers")
    at ``cue_char`` refers back to countries other than the meeting's ``sides``: the last sentence
    before it (this one up to the subject, else the previous one) whose subject names countries
    names one outside the sides ("The United States and Canada signed a deal. Both countries will
    …", "Mexico and Guatemala held talks. The two governments agreed to …")."""
    def subject_countries(lo: int, hi: int) -> set[str]:
        out: set[str] = set()
        for m in actors:
            if m.kind != "country" or not m.key or not (lo <= m.start < hi):
                continue
            token = doc[m.end - 1]
            while token.dep_ == "conj" and token.head is not token:
                token = token.head
            if token.dep_ in {"compound", "amod", "nmod", "poss"}:  # "U.S. and Canadian officials met …"
                token = token.head
            if token.dep_ in {"nsubj", "nsubjpass"}:
                out.add(m.key)
        return out

    before = doc.char_span(sent.start_char, cue_char, alignment_mode="contract")
    countries = subject_countries(sent.start, before.end if before is not None else sent.start)
    if not countries and sent.start > 0:
        previous = doc[sent.start - 1].sent
        countries = subject_countries(previous.start, previous.end)
    return bool(countries) and not countries <= sides


def _other_partner(doc: Doc, mention: ActorMention, actors: list[ActorMention], sides: set[str] | None) -> bool:
    """Whether a country subject is coordinated with a proper name that is not one of the
    meeting's sides ("China and Mexico agreed …", "the EU and Mexico …", where " and " cut the
    clause before "Mexico"): the undertaking is that pair's, not the one country's."""
    keys = {(m.start, m.end): m.key for m in actors}
    for t in doc[mention.end - 1].conjuncts:
        if t.pos_ != "PROPN" or mention.start <= t.i < mention.end:
            continue
        key = next((k for (lo, hi), k in keys.items() if lo <= t.i < hi), None)
        if key is None or (sides and key not in sides):
            return True
    return False


def _undertakings(
    doc: Doc, sent: Span, actors: list[ActorMention], actor_country: dict[int, str | None],
    ontology: Ontology, org_country: dict[int, str | None] | None = None, sides: set[str] | None = None,
) -> list[_Clause]:
    """Clauses where one party (one country, or one official of one country) commits itself,
    or the meeting's sides together: a subject that is only "both sides", "the two
    delegations", "the Secretaries" … commits the countries of the document's meeting
    (``sides``, two or more)."""
    text = span_text(sent)
    found: list[_Clause] = []
    for match in UNDERTAKING.finditer(text):
        bounds = [b.end() for b in agr.CLAUSE_BOUNDARY.finditer(text, 0, match.start())]
        lo = bounds[-1] if bounds else 0
        if found and bounds and not text[lo:match.start()].strip() and found[-1].clause.cues[0].end <= lo:
            # "The two governments reaffirmed … and agreed to expand …": the same subject
            kind = "reaffirmation" if match.group("reaffirm") or match.group("restated") else "firm"
            process = agr.PROCESS_ACTION.match(text[match.end():]) is not None
            found.append(_Clause(agr.Clause(lo, len(text), (agr.Cue(kind, match.start(), match.end(), match.end()),)),
                                 found[-1].parties, joins=process or kind == "reaffirmation" or (
                                     found[-1].joins and found[-1].clause.kind == "firm")))
            continue
        countries, collective = agr.subject_countries(sent, match.start(), actors, ontology.group_members, actor_country, lo,
                                                      org_country)
        inside = [m for m in actors if (not m.demonym or agr._of_government(doc, m.start, doc[m.end - 1]))  # "the Mexican side"
                  and sent.start <= m.start < sent.end and lo <= doc[m.start].idx - sent.start_char < match.start()]
        subjects = ([m for m in inside if m.kind in {"person", "country", "group"}]
                    or [m for m in inside if m.kind == "org"])  # "CBP agreed to …"
        pairs = [b.end() for b in SUBJECT_BOUNDARY.finditer(text, 0, match.start())]
        pair_lo = pairs[-1] if pairs else 0
        pair = re.sub(r"(?i)\s+on\s+\w+day$", "", text[pair_lo:match.start()].strip())
        joint = sides_together = False
        if PROPER_PAIR.fullmatch(pair):  # "Mexico and the United States agreed to …": both commit
            both, _ = agr.subject_countries(sent, match.start(), actors, ontology.group_members, actor_country, pair_lo)
            named = [m for m in actors if sent.start <= m.start < sent.end and not m.demonym
                     and pair_lo <= doc[m.start].idx - sent.start_char < match.start()]
            if (len(both) >= 2 and len(named) == len(both) and all(m.kind == "country" for m in named)
                    and (not sides or len(sides) < 2 or both <= sides)):  # not a third country's deal
                joint, countries, lo = True, both, pair_lo
        pair = re.sub(r"(?i)(?:\s+(?:also|jointly|further|on\s+\w+day))+$", "", pair)
        if (not joint and not countries and sides and len(sides) >= 2 and JOINT_SUBJECT.fullmatch(pair)
                and not _other_pair_before(doc, sent, sent.start_char + match.start(), actors, sides)):
            # "Both sides agreed to …": the meeting's sides, a joint process that only joins an
            # understanding; "The two governments agreed to …": the states, who undertake it
            sides_together = not agr.STATES_TOGETHER.match(pair)
            joint, countries, lo = True, set(sides), pair_lo
        if not joint and (collective or len(countries) != 1 or len(subjects) != 1 or subjects[0].background):
            continue
        if not joint and sides and len(sides) >= 2 and not countries <= sides:
            continue  # a third country's own undertaking ("Guatemala agreed to …") in a US–Mexico story
        if not joint and subjects[0].kind == "country" and _other_partner(doc, subjects[0], actors, sides):
            continue  # "China and Mexico agreed to …": a deal with a country the gazetteer does not know
        kind = "reaffirmation" if match.group("reaffirm") or match.group("restated") else "firm"
        cue = agr.Cue(kind, match.start(), match.end(), match.end())
        process = agr.PROCESS_ACTION.match(text[match.end():]) is not None  # "agreed to meet again"
        found.append(_Clause(agr.Clause(lo, len(text), (cue,)), frozenset(countries),
                             joins=sides_together or process or kind == "reaffirmation"))
    return found


#: A future undertaking stated in a readout or news item: "X will …", "X shall …" (not "will
#: be", "will not", "will likely").
WILL_CUE = re.compile(
    r"\b(?P<modal>will|shall|would)(?:\s+(?:also|jointly|further|now|both|each|continue\s+to))*\s+(?!(?:be|have|not|likely|probably|need)\b)(?=[a-z])"
)
#: "Under the agreement, …", "Under the deal announced Friday, …": a text that reports a deal
#: states its terms (a one-country clause after it may found the understanding).
UNDER_A_DEAL = re.compile(
    r"(?i)^\s*(?:under|as\s+part\s+of|in)\s+(?:the\s+terms\s+of\s+)?(?:the|this|that)\s+(?:new\s+)?(?:\w+\s+)?"
    r"(?:agreement|deal|accord|pact|understanding|arrangement)\b"
)
#: The governments as a whole: "the three Governments", "both countries", "the two nations".
GOVERNMENTS = re.compile(
    r"(?i)^(?:the|both|all)\s+(?:(?:two|three|four)\s+)?(?:governments|countries|nations|parties|participants)$"
)
#: Where a clause's subject may start ("A and B will …" keeps its coordinated subject).
SUBJECT_BOUNDARY = re.compile(r"(?i)(?:;\s*|,\s+(?:and|while|whereas|but)\s+|\s+(?:while|whereas|but)\s+)")
SUBORDINATE_LEAD = re.compile(r"(?i)^(?:if|when|whether|after|before|as|once|that|unless|until|while|because|which|who)\b")


def _stated_undertakings(
    doc: Doc, sent: Span, actors: list[ActorMention], actor_country: dict[int, str | None],
    ontology: Ontology, org_country: dict[int, str | None], sides: set[str],
) -> list[tuple[_Clause, bool]]:
    """Undertakings a readout or news item states in the future tense: "The United States will
    provide …", "The Financial Intelligence Unit and the Treasury will coordinate …", "The three
    Governments will share …" (``sides``: the countries of the document's meeting). The subject
    is the clause's own short subject: governments, countries or their agencies, no person.
    Each clause comes with whether it can found an understanding on its own (an item of a list
    of outcomes, a subject that is the governments together or bodies of two countries) or only
    join one ("The United States will provide …" in running text)."""
    text = span_text(sent)
    found: list[tuple[_Clause, bool]] = []
    for match in WILL_CUE.finditer(text):
        bounds = [b.end() for b in SUBJECT_BOUNDARY.finditer(text, 0, match.start())]
        lo = bounds[-1] if bounds else 0
        marker = agr.ENUMERATOR.match(text[lo:])
        lo += marker.end() if marker else 0
        adverbial = LEADING_ADVERBIAL.match(text, lo) if lo == 0 or marker else None
        lo = adverbial.end() if adverbial else lo
        frame = [m for m in agr.REPORTING_VERB.finditer(text, lo, match.start()) if not m.group(0).startswith("according")]
        if frame:  # "Foreign Minister X said (that) Mexico would …": the subject follows the speaker
            that = re.match(r"\s*(?:on\s+\w+day\s+)?(?:that\s+)?", text[frame[-1].end():])
            lo = frame[-1].end() + (that.end() if that else 0)
        lead = text[lo:match.start()].strip()
        if agr.PROPOSAL_FRAME.match(text):
            break  # "Under the proposal, Mexico would …": terms nobody has agreed to
        if agr.EXPECTATION_VERB.search(text, lo if not frame else frame[-1].start(), match.start()):
            continue  # "Mexico hopes the United States will …", "Washington expects Mexico will …"
        if (not lead or "," in lead or len(lead.split()) > 14 or SUBORDINATE_LEAD.match(lead)
                or not (lead[0].isupper() or re.match(r"the\s+[A-Z]", lead) or GOVERNMENTS.match(lead) or frame)
                or agr.hedged_report(text, match.start())
                or (match.group("modal") == "would" and agr.NOT_AN_UNDERTAKING.match(text[match.end():]))
                or agr.EXPERIENCE.match(text[match.end():])):
            continue
        inside = [(i, m) for i, m in enumerate(actors) if sent.start <= m.start < sent.end
                  and lo <= doc[m.start].idx - sent.start_char < match.start()]
        if any(m.kind == "person" or m.background for _, m in inside):
            continue
        countries, _ = agr.subject_countries(sent, match.start(), actors, ontology.group_members, actor_country, lo,
                                             org_country)
        # "the Parties"/"the Participants" are a text's defined terms; "the two parties" of a news
        # story may be a legislature's ("both parties in Congress … The two parties will vote …")
        together = bool(GOVERNMENTS.match(lead)) and not re.search(r"\b(?:parties|participants)$", lead)
        if not countries and together and len(sides) >= 2:
            if _other_pair_before(doc, sent, sent.start_char + match.start(), actors, sides):
                continue  # "The United States and Canada signed … Both countries will …"
            countries = set(sides)
        if not countries or any(m.kind == "org" and not org_country.get(i) for i, m in inside):
            continue
        if len(sides) >= 2 and not countries <= sides:
            continue  # a third country's terms ("Under its deal with Washington, Guatemala will …")
        cue = agr.Cue("firm", match.start(), match.end(), match.end())
        strong = (marker is not None or together or len(countries) >= 2 or UNDER_A_DEAL.match(text) is not None) and (
            agr.PROCESS_ACTION.match(text[match.end():]) is None)
        found.append((_Clause(agr.Clause(lo, len(text), (cue,)), frozenset(countries)), strong))
    if len({c for clause, _ in found for c in clause.parties}) >= 2:
        # "Mexico would deploy …, while the United States would send …": terms of both sides in one
        # sentence are a deal
        found = [(clause, strong or agr.PROCESS_ACTION.match(text[clause.clause.cues[0].end:]) is None)
                 for clause, strong in found]
    # "Mexico will retaliate …, and the United States will impose tariffs": measures against the
    # other side found no deal (they may only join one the text reports otherwise)
    # and a body's standing activity ("will continue its mission of …") is no new term either
    found = [(clause, strong and agr.COUNTERMEASURE.match(text[clause.clause.cues[0].end:]) is None
              and agr.ONGOING.match(text[clause.clause.cues[0].end:]) is None)
             for clause, strong in found]
    return found


def _dated_earlier(doc: Doc, sent: Span, published: PartialDate | None) -> bool:
    """Whether the sentence is dated in an earlier year or two months or more before publication."""
    if published is None:
        return False
    for date in doc._.dates or []:
        if not (sent.start <= date.start < sent.end):
            continue
        value = resolve_date(date.text, published, "past").value
        if value is not None and (value.year < published.year or (
                value.year == published.year and value.month and published.month
                and published.month - value.month >= 2)):
            return True
    return False


def _bounded(text: str, clauses: list[_Clause]) -> dict[int, _Clause]:
    """Each clause (by ``id``) ending where the next clause of the sentence starts ("Mexico
    committed to …, and the U.S. side committed to …" are two texts), without the boundary."""
    ordered = sorted(clauses, key=lambda c: c.clause.start)
    result = {id(c): c for c in clauses}
    for a, b in pairwise(ordered):
        if a.clause.cues[0].end <= b.clause.start < a.clause.end:
            cut = re.search(r"(?i)[\s,;]*(?:\b(?:and|while|whereas|but)\s*)?$", text[:b.clause.start])
            end = cut.start() if cut else b.clause.start
            result[id(a)] = replace(a, clause=agr.Clause(a.clause.start, max(end, a.clause.cues[0].end), a.clause.cues))
    return result


def _reaffirmed_in(doc: Doc, sent: Span, found: _Clause, named: list[agr.AgreementMention],
                   by_label: dict[str, AgreementRecord]) -> AgreementRecord | None:
    """The named agreement a reaffirmation clause reaffirms ("reaffirmed the commitments of the
    Gulf Maritime Security Framework"), if it names one right after its cue."""
    for mention in named:
        offset = doc[mention.start].idx - sent.start_char
        if found.clause.cues[0].start <= offset < min(found.clause.end, found.clause.cues[0].end + 40):
            return by_label.get(fold(mention.label))
    return None


def _obligations(
    doc: Doc, sent: Span, named: list[agr.AgreementMention], by_label: dict[str, AgreementRecord],
    recent: AgreementRecord | None, actors: list[ActorMention], actor_country: dict[int, str | None],
    ontology: Ontology, org_country: dict[int, str | None], sides: set[str],
) -> list[_Clause]:
    """What an agreement binds its parties to, with the agreement as the subject: "The framework
    committed both countries to …", "The accord requires Mexico to …", "The plan calls on the
    two governments to …". The agreement is the one named there, or the last one read whose
    kind the noun names ("the framework"); "the deal" of a text that names none is the
    understanding it reports (``agreement`` ""). Not when negated ("would not require")."""
    text = span_text(sent)
    found: list[_Clause] = []
    for match in agr.OBLIGATION.finditer(text):
        before = text[:match.start("verb")]
        if re.search(r"(?i)\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?$|n't\s+$", before):
            continue
        subject = re.sub(r"(?i)(?:\s+(?:also|would|will|further|now|effectively|formally))+\s*$", "", before)
        record: AgreementRecord | None = None
        ending = [a for a in named if 0 <= len(subject) - (doc[a.end - 1].idx + len(doc[a.end - 1].text) - sent.start_char) <= 1]
        anaphor = agr.AGREEMENT_ANAPHOR.search(subject)
        if ending:
            record = by_label.get(fold(ending[-1].label))
        elif anaphor is not None:
            head = anaphor.group("head").lower()
            kinds = [r for r in by_label.values() if re.search(rf"\b{re.escape(head)}\b", fold(r.label))]
            record = kinds[-1] if kinds else (recent if head in {"agreement", "accord", "deal", "pact"} else None)
            if record is None and head not in {"agreement", "accord", "deal", "pact", "arrangement"}:
                continue
        else:
            continue
        lo, hi = match.start("who"), match.end("who")
        countries, collective = agr.subject_countries(sent, hi, actors, ontology.group_members, actor_country, lo,
                                                      org_country)
        who = text[lo:hi].strip()
        if not countries and (collective or GOVERNMENTS.match(who) or AGREEMENT_SIDES.search(who)):
            if record is not None and len(record.countries) >= 2:
                countries = set(record.countries)
            elif not _other_pair_before(doc, sent, sent.start_char + match.start(), actors, sides):
                countries = set(sides)  # not another pair's accord ("The United States and Honduras signed …")
        if not countries:
            continue
        start = anaphor.start() if anaphor is not None and not ending else (doc[ending[-1].start].idx - sent.start_char if ending else 0)
        cue = agr.Cue("firm", match.start("verb"), match.end(), match.end())
        found.append(_Clause(agr.Clause(start, len(text), (cue,)), frozenset(countries), record.aid if record else ""))
    return found


def _meeting_sides(meetings: list[MeetingRecord], person_country: dict[str, str | None],
                   published: PartialDate | None = None) -> set[str]:
    """The countries of the document's main meeting (its countries and its participants').
    With ``published``, a meeting dated months before it ("Mexico and Guatemala signed a pact
    last year.") is not the main one while a later meeting is there."""
    current = [m for m in meetings if not m.background]
    if published is not None:
        recent = [m for m in current if m.date is None or _months(m.date) >= _months(published, first=True) - 2]
        current = recent or current
    meeting = next(iter(current), meetings[0] if meetings else None)
    if meeting is None:
        return set()
    return set(meeting.countries) | {c for c in (person_country.get(p) for p in meeting.persons) if c}


def _months(value: PartialDate, first: bool = False) -> int:
    """A partial date as a month count (an open month or year at its last month, or its first)."""
    return value.year * 12 + (value.month or (1 if first else 12))


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

#: Words before a person who attends a signing without signing.
WITNESS = re.compile(
    r"(?i)\b(?:in\s+the\s+presence\s+of|witnessed\s+by|accompanied\s+by|flanked\s+by|alongside|"
    r"before|as\s+witnesses?|attended\s+by|observed\s+by|hosted\s+by)\b[^,;]*$"
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
    verb = agr.SIGN_VERB.search(span_text(sent))
    if verb is None:
        return
    if named:
        target = by_label.get(fold(min(named, key=lambda a: abs(doc[a.start].idx - sent.start_char - verb.start())).label))
    elif own is not None and SELF_REFERENCE.search(span_text(sent)):
        target = own
    else:
        target = None
    if target is None:
        return
    by = agr.SIGNED_BY.search(span_text(sent))
    lead = span_text(sent)[:verb.start()]
    persons = [(doc[m.start].idx - sent.start_char, pid_of[i]) for i, m in enumerate(actors)
               if m.kind == "person" and i in pid_of and sent.start <= m.start < sent.end]
    # a witness is no signatory ("in the presence of X", "witnessed by X", "accompanied by X")
    persons = [(offset, pid) for offset, pid in persons if not WITNESS.search(span_text(sent)[max(0, offset - 80):offset])]
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


def _within(token: Token, heads: set[int], stop: int) -> bool:
    """Whether ``token`` hangs from one of ``heads`` through "of"-phrases ("Agency of Mexico")."""
    while token.i != stop and token.head.i != token.i:
        if token.dep_ not in {"pobj", "prep", "compound", "appos", "conj"}:
            return False
        token = token.head
        if token.i in heads:
            return True
    return False


def _signing_countries(
    doc: Doc, sent: Span, mention: agr.AgreementMention, actors: list[ActorMention],
    actor_country: dict[int, str | None], ontology: Ontology, org_country: dict[int, str | None] | None = None,
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
            orgs = [i for i, m in enumerate(actors) if m.kind == "org" and sent.start <= m.start < verb.i
                    and (org_country or {}).get(i)]
            for i in persons + countries:
                m = actors[i]
                if any(m.start <= h < m.end for h in heads):
                    found.add(actor_country.get(i) or m.key or "")
                elif i in countries and _within(doc[m.end - 1], heads, verb.i):
                    found.add(m.key or "")  # "… and the National Customs Agency of Mexico signed"
            for i in orgs:  # "CBP and the Mexican customs agency signed …": the agencies' countries
                last = doc[actors[i].end - 1]
                if any(actors[i].start <= h < actors[i].end for h in heads) or (
                        last.dep_ == "compound" and last.head.i in heads) or _within(last, heads, verb.i):
                    found.add((org_country or {})[i] or "")
    found.discard("")
    return found


__all__ = ["extract_records", "cluster_persons"]
