"""Meetings as events: who met whom, where, when, held or planned, and what was discussed.

The rules read one sentence at a time. A *trigger* is a word that names a meeting (meet, visit,
travel to, host, talks, meeting, summit, call, sit down). Around each trigger the sentence is cut
into a left window (the subject side: visitor, possessor, both parties of "X and Y met") and a
right window (counterparts after "with", hosts after "hosted by", leaders after "led by",
companions after "travel ... with"). Countries after "in/to/at" are places; after "of/from/with"
they are participants. Meetings of one document that describe the same event (an announcement
headline, "will travel to", "while in Mexico, will meet") are merged on participants, place,
date and status.

Sentences without a meeting of their own may add persons to the current one (attendance:
delegation lists, "co-chaired by", "also taking part were", "X was represented by", "took part on
behalf of X", "was accompanied by", side-headed annex lists, "X joined the meetings"); a
document's dateline places its current meetings (never a call, which has no place). Companions
("X was joined by A", "accompanied by A and by B") go on X's side, never opposite; a meeting told
as another one ("Separately, ...", "Later that day, ...", "X also met ...", another venue) stays
apart from the one it shares a person with, and takes its day when it names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import timedelta

from spacy.tokens import Doc, Span

from ..corpus import PartialDate
from ..text import fold
from .actors import TITLE_HEADS, ActorMention
from .dates import DateMention, resolve_date
from .records import Evidence, MeetingRecord, PlaceRef
from .roles import GROUP_PHRASES
from .tokentable import lemma_lowers, span_text, token_table

VERB_TRIGGERS = {"meet", "visit", "travel", "host", "receive", "convene", "reconvene", "sit", "talk", "speak", "hold",
                 "sign", "join"}
NOUN_TRIGGERS = {"meeting", "visit", "trip", "talk", "summit", "dialogue", "call", "consultation",
                 "videoconference", "teleconference", "negotiation", "session"}
#: Verbs whose coordinated subjects ("X and Y met") met each other.
CO_LEAD_VERBS = {"meet", "talk", "speak", "sign", "sit", "convene", "reconvene"}
#: What a signing verb must sign to be a meeting of kind "signing" (not "signed into law").
SIGNED_THINGS = {"agreement", "memorandum", "declaration", "accord", "treaty", "letter", "plan", "framework",
                 "protocol", "statement", "arrangement", "mou", "moc", "convention", "pact", "deal", "charter"}
#: Words near a conversation verb or a "call" that make it a call rather than a meeting in person.
REMOTE_WORDS = {"phone", "telephone", "video", "virtual", "virtually", "videoconference", "teleconference"}
#: Meeting kinds, aligned with the modes of PLOVER's CONSULT event (meet, visit, host, phone
#: call), plus the multilateral, summit and signing settings the corpus reports.
MEETING_KINDS = ("meeting", "visit", "hosted visit", "talks", "bilateral meeting", "multilateral meeting",
                 "summit", "call", "signing")
ANAPHORIC_DETS = {"this", "these", "that", "those", "the", "such"}
LOCATIVE_PREPS = {"in", "to", "at", "into", "across", "throughout", "near", "outside", "inside", "within"}
PARTY_PREPS = {"of", "from", "with", "between", "among", "by"}
FUTURE_WORDS = {"will", "shall", "'ll", "going", "scheduled", "expected", "tomorrow", "upcoming", "next"}
ROLE_WORDS = {"first", "his", "her", "their", "its", "our", "counterpart", "counterparts"}
BACKGROUND_WORDS = {"previous", "prior", "earlier", "past", "former", "last"}
#: Verbs of intention: "agreed to hold talks", "decided to meet again" tell of a planned meeting.
INTENTION_VERBS = {"agree", "decide", "plan", "intend", "commit", "expect", "hope", "aim", "resolve", "pledge",
                   "undertake", "arrange", "schedule", "propose", "invite"}
#: Modifiers that number a meeting in a series ("its third meeting", "the next meeting of the Group").
SERIES_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                "eleventh", "twelfth", "next", "inaugural", "annual", "periodic", "regular", "following"}
#: Subjects that name unnamed parties ("their teams would meet", "officials will meet").
UNNAMED_PARTIES = {"team", "teams", "official", "officials", "representative", "representatives", "expert",
                   "experts", "staff", "staffs", "negotiator", "negotiators", "group", "groups", "body",
                   "committee", "commission", "council", "panel", "working group", "subgroup", "subgroups"}
FOLLOW_UP = ("follow up to", "follow-up to", "followup to", "built on", "building on", "builds on")
KIND_ADJECTIVES = {
    "bilateral": "bilateral meeting",
    "multilateral": "multilateral meeting",
    "trilateral": "multilateral meeting",
    "regional": "multilateral meeting",
}


@dataclass(frozen=True)
class Trigger:
    i: int
    lemma: str
    is_noun: bool
    kind: str
    explicit_kind: bool = False
    anaphoric: bool = False
    passive: bool = False
    named: bool = False  # a named event held ("the High-Level Security Dialogue was held in ...")
    predicate: bool = False  # said of a meeting already named ("Tuesday's meeting was the first visit ...")


@dataclass
class Candidate:
    """A meeting read from one trigger, before merging."""

    sent_index: int
    trigger: Trigger
    side_a: list[str] = field(default_factory=list)  # pids
    side_b: list[str] = field(default_factory=list)
    companions: list[str] = field(default_factory=list)
    co_leads: bool = False
    countries: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    place: PlaceRef | None = None
    date_text: str | None = None
    date: PartialDate | None = None
    status: str = "held"
    background: bool = False
    group_ref: str | None = None  # "sides" ("both secretaries") or "delegation" ("the delegation")
    group_pairs: set[frozenset[str]] = field(default_factory=set)  # pairs a group phrase stands for
    delegation: list[str] = field(default_factory=list)  # members of a delegation this names
    unnamed: bool = False  # the parties are an unnamed body or teams ("the Group held its third meeting")
    same_as_previous: bool = False  # ", where they met ...": the event of the sentence's previous trigger
    quoted: bool = False  # the trigger stands inside a quotation
    separate: bool = False  # told as another meeting than the one before ("Separately, ...", "also met")
    continues: bool = False  # goes on telling the current visit ("Later that day", "During the visit")
    same_place: bool = False  # ... in the same place (not after "Separately")
    venue: str | None = None  # a named venue ("at the National Palace"), lower case
    day_offset: int = 0  # "the previous day" (-1), "the following day" (+1): from the meeting just told
    window: tuple[int, int] | None = None  # (after, before): its own objects, when one trigger tells two meetings


#: Words that may stand between "spoke" and "with" ("spoke this morning with", "spoke on
#: Monday with", "spoke by phone with", "spoke again today with").
_SPOKE_GAP_POS = {"DET", "ADV", "NOUN", "PROPN", "NUM", "ADJ"}
_SPOKE_GAP_PREPS = {"on", "by", "over", "via", "earlier", "again"}


def _time_before_with(sent: Span, tok) -> bool:
    """Whether a conversation verb reaches "with" over a short adverbial (a time, a medium)
    that names no actor: "spoke this morning with", "talked on Monday with"."""
    doc = sent.doc
    for k in range(tok.i + 1, min(sent.end, tok.i + 5)):
        word = doc[k]
        if word.lower_ == "with":
            return k > tok.i + 1
        if word.is_punct or word.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
            return False
        if word.pos_ not in _SPOKE_GAP_POS and word.lower_ not in _SPOKE_GAP_PREPS:
            return False
    return False


#: Heads of a named event ("the High-Level Security Dialogue") and of a named body that meets
#: ("the Bilateral Security Committee").
NAMED_EVENT_HEADS = {"dialogue", "meeting", "summit", "conference", "consultations", "talks", "session", "plenary",
                     "roundtable"}
NAMED_BODY_HEADS = {"committee", "commission", "group", "council"}


def _named_event_held(tok) -> bool:
    """Whether a capitalised name is the subject of a verb that tells it took place: an event
    "was held", "took place", "opened", "began"; a body "met" or "convened" (no object, no
    "with")."""
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = tok.head
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    if tok.lower_ in NAMED_BODY_HEADS:
        return lemma in {"meet", "convene", "gather"} and not objects and not any(
            c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
    if lemma == "take":
        return any(c.lower_ == "place" for c in verb.children)
    if lemma in {"hold", "convene"}:
        return tok.dep_ == "nsubjpass"
    return lemma in {"open", "begin", "conclude", "start"} and not objects


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"}


def _predicate_of_meeting(tok) -> bool:
    """Whether a meeting noun is what a sentence says of a meeting already named: the
    complement of "be" whose subject is a meeting noun or "it"/"this" ("Tuesday's meeting was
    the first visit by ... since 2019", "It was the third meeting of ...")."""
    if tok.dep_ != "attr" or tok.head.lemma_.lower() != "be":
        return False
    subject = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and (subject.lemma_.lower() in NOUN_TRIGGERS or subject.lower_ in {
        "it", "this", "that", "talks", "meetings", "visit", "trip"})


def find_triggers(sent: Span) -> list[Trigger]:
    """The meeting triggers of a sentence, in order (read once per sentence: the meeting, role
    and attendance rules all ask)."""
    memo = sent.doc.user_data.setdefault("diplokg.triggers", {})
    key = (sent.start, sent.end)
    if key not in memo:
        memo[key] = tuple(_find_triggers(sent))
    return list(memo[key])


#: Lemmas a trigger can have ("welcome" may become "receive"); with the named events' heads and
#: "talks", the only tokens :func:`_find_triggers` has to look at.
_TRIGGER_LEMMAS = frozenset(VERB_TRIGGERS | NOUN_TRIGGERS | {"welcome"})


def _trigger_candidates(sent: Span) -> list[int]:
    """Indices of the tokens of ``sent`` that may be meeting triggers: every other token fails
    each test of :func:`_find_triggers` by its lemma or lower-case form alone."""
    lemmas, lowers = lemma_lowers(sent.doc), token_table(sent.doc).lowers
    heads = NAMED_EVENT_HEADS | NAMED_BODY_HEADS
    return [i for i in range(sent.start, sent.end)
            if lemmas[i] in _TRIGGER_LEMMAS or lowers[i] in heads or lowers[i] == "talks"]


def _find_triggers(sent: Span) -> list[Trigger]:
    triggers: list[Trigger] = []
    doc = sent.doc
    for i in _trigger_candidates(sent):
        tok = doc[i]
        lemma = tok.lemma_.lower()
        lower = tok.lower_
        if lower in {"talks"}:
            lemma = "talk"
        nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
        if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
            if lemma == "welcome" and any(  # "welcomed President X to the White House": received
                    c.dep_ == "dobj" and any(t.ent_type_ == "PERSON" for t in c.subtree) for c in tok.children):
                lemma = "receive"
            if lemma not in VERB_TRIGGERS:
                continue
            if lemma == "sit" and nxt != "down":
                continue
            if lemma == "join" and (tok.tag_ == "VBG" or not (tok.i + 1 < sent.end and sent.doc[tok.i + 1].pos_ == "PROPN")):
                continue  # "joined Secretary X (in Mexico City)"; not "joined the effort", "Also joining X were"
            if lemma == "sign" and not any(
                t.lemma_.lower() in SIGNED_THINGS or t.lower_ in SIGNED_THINGS for t in sent.doc[tok.i + 1 : min(sent.end, tok.i + 8)]
            ) and not ((any(t.lower_ == "by" for t in sent.doc[tok.i + 1 : min(sent.end, tok.i + 5)])
                        or any(c.dep_ == "agent" for c in tok.children)) and any(  # "The memorandum was signed by X and by Y"
                t.lemma_.lower() in SIGNED_THINGS or t.lower_ in SIGNED_THINGS for t in sent.doc[max(sent.start, tok.i - 8) : tok.i]
            )):
                continue
            if lemma in {"talk", "speak"} and nxt not in {"with", "by"} and not _time_before_with(sent, tok):
                continue
            if lemma == "hold":
                objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
                if not any(o.lemma_.lower() in NOUN_TRIGGERS for o in objects):
                    continue
                continue  # the noun ("talks", "meeting") is the trigger
            kind = {"travel": "visit", "visit": "visit", "host": "hosted visit", "sign": "signing",
                    "receive": "hosted visit", "talk": "talks", "speak": "call"}.get(lemma, "meeting")
            explicit = False
            reach = 3 if lemma == "meet" else 6  # not "met to discuss video surveillance"
            if lemma in {"talk", "speak", "meet"} and any(
                t.lower_ in REMOTE_WORDS for t in sent.doc[tok.i + 1 : min(sent.end, tok.i + 1 + reach)]
            ):
                kind, explicit = "call", True  # "spoke by phone", "met virtually"
            passive = any(c.dep_ == "auxpass" for c in tok.children) or (
                tok.tag_ == "VBN" and tok.i > sent.start and tok.nbor(-1).lemma_ == "be"
            )
            triggers.append(Trigger(tok.i, lemma, False, kind, explicit, passive=passive))
        elif (tok.pos_ in {"NOUN", "PROPN"} and lower in NAMED_EVENT_HEADS | NAMED_BODY_HEADS and not tok.is_lower
              and _named_event_held(tok)):
            kind = "summit" if lower == "summit" else "meeting"
            triggers.append(Trigger(tok.i, lower.rstrip("s") if lower != "talks" else "talk", True, kind,
                                    lower == "summit", named=True))
        elif tok.pos_ in {"NOUN", "PROPN"} and lemma in NOUN_TRIGGERS and tok.is_lower:
            before = {t.lower_ for t in sent.doc[max(sent.start, tok.i - 3) : tok.i]}
            if lemma == "call" and tok.i > sent.start and tok.nbor(-1).lower_ == "courtesy":
                pass
            elif lemma == "call" and not (
                nxt in {"with", "between"} or before & (REMOTE_WORDS | {"held", "had", "hold", "have", "holds", "has"})
                or any(t.lower_ in REMOTE_WORDS for t in tok.lefts)
            ):
                continue
            if lemma == "session" and not any(t.lower_ in SERIES_WORDS for t in sent.doc[max(sent.start, tok.i - 3) : tok.i]):
                continue  # "the second session of the Group", not "a training session"
            if lemma == "call" and tok.i > sent.start and tok.nbor(-1).lower_ == "courtesy":
                triggers.append(Trigger(tok.i, lemma, True, "visit", True))  # "paid a courtesy call on X"
                continue
            if lemma == "talk" and lower != "talks":
                continue
            if lemma == "negotiation" and lower != "negotiations":
                continue
            kind, explicit = {"talk": ("talks", False), "negotiation": ("talks", False), "summit": ("summit", True),
                              "call": ("call", True), "visit": ("visit", False),
                              "videoconference": ("call", True), "teleconference": ("call", True),
                              "trip": ("visit", False)}.get(lemma, ("meeting", False))
            if lemma == "meeting" and before & REMOTE_WORDS:
                kind, explicit = "call", True  # "a virtual meeting", "a video meeting"
            for left in [*tok.lefts, *sent.doc[max(sent.start, tok.i - 2) : tok.i]]:
                if left.lower_ in KIND_ADJECTIVES:
                    kind, explicit = KIND_ADJECTIVES[left.lower_], True
            dets = {t.lower_ for t in tok.lefts if t.dep_ in {"det", "poss"}}
            # "Tuesday's meeting", "today's talks": the meeting of that day, already told
            day_owner = any(t.dep_ == "poss" and (t.lower_ in WEEKDAYS or t.ent_type_ in {"DATE", "TIME"})
                            for t in tok.lefts)
            triggers.append(
                Trigger(tok.i, lemma, True, kind, explicit, anaphoric=bool(dets & ANAPHORIC_DETS) or day_owner,
                        predicate=_predicate_of_meeting(tok))
            )
    return triggers


def _preposition_before(doc: Doc, start: int, lo: int, actors_at: set[int]) -> str | None:
    """The preposition governing a mention, skipping coordinated mentions and determiners."""
    k = start - 1
    while k >= lo:
        tok = doc[k]
        if tok.lower_ in LOCATIVE_PREPS | PARTY_PREPS or tok.dep_ in {"prep", "agent"}:
            return tok.lower_
        if k in actors_at or tok.lower_ in ROLE_WORDS or tok.lower_.strip(".") in TITLE_HEADS or tok.lower_ in {"and", ",", "the", "or", "so-called", "both"} or tok.pos_ in {"DET", "ADJ", "NUM", "PROPN"} or tok.text in {"(", "-"}:
            k -= 1
            continue
        return None
    return None


#: Words that link a mention back to its governing preposition in the parse ("with Mexico's
#: Attorney General X", "with the U.S. Ambassador to Mexico, X").
_PREP_CHAIN_DEPS = {"appos", "compound", "conj", "flat", "poss", "nmod", "amod"}
#: Words before "of" whose object is a principal, not a participant ("on behalf of President X").
PRINCIPAL_WORDS = {"behalf", "greetings", "instructions", "instruction", "message", "condolences", "regards"}


def _governing_preposition(doc: Doc, mention: ActorMention, sent: Span) -> str | None:
    """The preposition that governs a mention in the dependency parse, through appositions,
    compounds and conjuncts."""
    tok = doc[mention.start : mention.end].root
    for _ in range(6):
        if tok.dep_ == "pobj" and tok.head.dep_ in {"prep", "agent"}:
            return tok.head.lower_
        if tok.dep_ not in _PREP_CHAIN_DEPS or tok.head is tok or not (sent.start <= tok.head.i < sent.end):
            return None
        tok = tok.head
    return None


def _principal(doc: Doc, mention: ActorMention, sent: Span) -> bool:
    """Whether a person is named as the one on whose behalf (or with whose greetings) someone
    acts: "on behalf of President X", "conveyed the greetings of President X"."""
    k = mention.start - 1
    while k >= sent.start and k >= mention.start - 6:
        word = doc[k].lower_
        if word == "of" and k > sent.start and doc[k - 1].lower_ in PRINCIPAL_WORDS:
            return True
        if word in {"of"} or doc[k].is_punct or doc[k].pos_ == "VERB":
            return False
        k -= 1
    return False


def _coordinated(doc: Doc, end: int, start: int) -> bool:
    """Whether only "and" / "," / "or" stand between two mentions ("Guatemala and El Salvador")."""
    between = doc[end:start]
    return len(between) > 0 and all(t.lower_ in {"and", ",", "or"} for t in between) and any(
        t.lower_ in {"and", "or"} for t in between)


def _venue_after(doc: Doc, trigger: Trigger, hi: int, in_sent: list[tuple[int, ActorMention]]) -> ActorMention | None:
    """The place a meeting noun's own clause gives after "take place in" / "held in": "the
    fifth meeting of the Group is scheduled to take place in Nogales", "the second meeting,
    held in Mexico City", "meetings ..., the next of which will take place in Washington"."""
    if not trigger.is_noun:
        return None
    places = {m.start: m for _, m in in_sent if m.kind in {"city", "country"}}
    for k in range(trigger.i + 1, min(hi, trigger.i + 30)):
        tok = doc[k]
        venue_verb = (tok.lower_ == "place" and doc[k - 1].lemma_.lower() == "take") or (
            tok.lemma_.lower() == "hold" and tok.tag_ == "VBN")
        if not venue_verb:
            continue
        if k + 1 < hi and doc[k + 1].lower_ in {"in", "at"}:
            for start in (k + 2, k + 3):  # "in Monterrey", "in the city of ..."
                if start in places:
                    return places[start]
        return None
    return None


def _unnamed_parties(doc: Doc, sent: Span, trigger: Trigger, in_sent: list[tuple[int, ActorMention]]) -> bool:
    """Whether the meeting's parties are not the persons of the sentence but an unnamed body:
    a verb whose subject is "their teams" / "officials" / "the working group" (no person,
    country or group named in it), or a numbered meeting of a series ("its third meeting",
    "the next meeting of the Group", "since the second meeting") that no named person holds."""
    tok = doc[trigger.i]
    actor_at = {i for _, m in in_sent if m.kind in {"person", "country", "group"} for i in range(m.start, m.end)}

    def names_actor(head) -> bool:
        return any(i in actor_at for i in range(head.left_edge.i, head.right_edge.i + 1))

    if trigger.is_noun:
        series = any(c.lower_ in SERIES_WORDS for c in tok.children if c.dep_ in {"amod", "nummod", "advmod"}) or any(
            t.lower_ in SERIES_WORDS for t in doc[max(sent.start, tok.i - 2) : tok.i])
        if not series:
            return False
        owner = [c for c in tok.children if c.dep_ == "poss"]
        if owner and owner[0].lower_ not in {"its", "their"}:
            return False  # "his third meeting with ...": the person's
        head = tok.head
        if head.lemma_.lower() in {"hold", "have", "attend", "host", "chair", "convene"}:
            subject = [c for c in head.children if c.dep_ == "nsubj"]
            if subject and names_actor(subject[0]):
                return False  # "the presidents held their third meeting"
        return True
    subject = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subject:
        return False
    head = subject[0]
    words = doc[head.left_edge.i : head.right_edge.i + 1]
    if head.pos_ == "PRON" or head.lower_ not in UNNAMED_PARTIES or names_actor(head):
        return False
    return not GROUP_PHRASES.search(words.text)


def _join_relative_clauses(doc: Doc, candidates: list[Candidate]) -> None:
    """", where X met Y" / ", when they met" after a meeting of the same sentence tells of that
    meeting: the clause takes its date, place and status ("his December 27 visit to Mexico
    City, where he ... met with ...")."""
    for previous, cand in zip(candidates, candidates[1:]):
        if cand.trigger.is_noun or previous.trigger.i == cand.trigger.i:
            continue
        between = doc[previous.trigger.i + 1 : cand.trigger.i]
        if not any(t.lower_ in {"where", "when"} and t.i > 0 and doc[t.i - 1].text == "," for t in between):
            continue
        if cand.date_text is None and previous.date_text is not None:
            cand.date, cand.date_text = previous.date, previous.date_text
        if cand.place is None:
            cand.place = previous.place
        cand.status = previous.status
        cand.same_as_previous = True


def _share_purpose_clauses(doc: Doc, candidates: list[Candidate]) -> None:
    """"X will travel to El Paso on Thursday to meet with Y": the purpose clause and the trip
    are one event; each takes the day and the place the other names (so that neither is lost
    when one of them is no meeting of its own)."""
    for trip, purpose in zip(candidates, candidates[1:]):
        tok = doc[purpose.trigger.i]
        if (purpose.trigger.is_noun or trip.trigger.is_noun or tok.head.i != trip.trigger.i
                or tok.dep_ not in {"xcomp", "advcl"} or not (tok.i > 0 and doc[tok.i - 1].lower_ == "to")):
            continue
        for a, b in ((trip, purpose), (purpose, trip)):
            if a.date_text is None and b.date_text is not None:
                a.date, a.date_text = b.date, b.date_text
            if a.place is None and b.place is not None:
                a.place = b.place


QUOTE_OPEN = {"“", "‘"}
QUOTE_CLOSE = {"”", "’"}


def _in_quote(doc: Doc, sent: Span, i: int) -> bool:
    """Whether token ``i`` stands inside a quotation that opens in its sentence."""
    return i in _quoted_tokens(doc[sent.start : i + 1])


def _quoted_tokens(span: Span) -> set[int]:
    """The indices of the tokens of ``span`` that stand inside a quotation opened in it."""
    inside = False
    quoted = set()
    for tok in span:
        if inside:
            quoted.add(tok.i)
        if tok.text in QUOTE_OPEN or (tok.text in {'"', "``"} and not inside):
            inside = True
        elif tok.text in QUOTE_CLOSE or tok.text in {'"', "''"}:
            inside = False
    return quoted


#: Words by which a sentence tells another meeting than the one before it, on the same visit:
#: "Separately, X will meet ...", "Later that day, X met ...", "X also met with ...".
SEPARATE_WORDS = {"separately", "later", "afterwards", "afterward", "subsequently", "then", "also", "earlier",
                  "additionally"}
#: Sentence openers by which a sentence goes on telling the current visit ("During the visit,
#: ...", "While there, ...", "There, ...", "That afternoon, ...").
FRAME_OPENERS = {"during", "while", "there", "that", "in", "on"}
_DAY_PARTS = {"afternoon", "morning", "evening", "night"}
_FRAME_NOUNS = {"visit", "trip", "stay", "there", "day", "visits", "trips"} | _DAY_PARTS


def _sequence_cues(doc: Doc, sent: Span, trig: Trigger) -> tuple[bool, bool, bool]:
    """(separate, continues, same place) of a meeting trigger. *Separate*: the sentence opens
    with, or the meeting's verb takes, an adverb of sequence ("Separately, ...", "Later that
    day, ...", "X also met with ...", "in a separate meeting", "another meeting"). *Continues*:
    that, or an opener that goes on telling the current visit ("During the visit, ...", "While
    there, ...", "That afternoon, ..."): the meeting takes the visit's day when it names none.
    *Same place*: all of these but "Separately" (another official may be elsewhere)."""
    lowers = token_table(doc).lowers
    first = next((k for k in range(sent.start, min(sent.end, sent.start + 3)) if lowers[k].isalpha()), sent.start)
    opener = lowers[first]
    tok = doc[trig.i]
    verb = tok.head if trig.is_noun and tok.dep_ in {"dobj", "pobj", "nsubjpass"} else tok
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    if trig.is_noun:
        adverbs |= {c.lower_ for c in tok.children if c.dep_ in {"amod", "det"}}
    separate = (opener in SEPARATE_WORDS and first < trig.i) or bool(adverbs & (SEPARATE_WORDS | {"separate", "another"}))
    separate = separate or "separate" in lowers[sent.start:trig.i]
    frame_words = {lowers[k] for k in range(first + 1, min(trig.i, first + 5))}
    frame = opener in FRAME_OPENERS and bool(frame_words & _FRAME_NOUNS)
    separate = separate or (frame and bool(frame_words & _DAY_PARTS))  # "That afternoon, X met ..."
    continues = separate or frame
    if opener == "earlier" and not frame_words & ({"day"} | _DAY_PARTS):
        continues = False  # "Earlier, X met ...": another day, maybe ("Earlier that day": the same)
    same_place = continues and opener != "separately" and "separately" not in adverbs
    return separate, continues, same_place


_BEFORE_WORDS = {"previous", "preceding", "prior"}
_AFTER_WORDS = {"following", "next", "subsequent"}


def _day_offset(doc: Doc, sent: Span) -> int:
    """-1 or +1 when the sentence dates its meeting by the day of the meeting told before it
    ("On the previous day, ...", "The day before, ...", "The following day, ...", "the next
    day"), else 0."""
    lowers = token_table(doc).lowers
    for k in range(sent.start + 1, sent.end):
        if lowers[k] != "day":
            continue
        before, after = lowers[k - 1], lowers[k + 1] if k + 1 < sent.end else ""
        if before in _BEFORE_WORDS or after in {"before", "earlier"}:
            return -1
        if before in _AFTER_WORDS or after in {"after", "later"}:
            return 1
    return 0


def _venue(doc: Doc, trig: Trigger, in_sent: list[tuple[int, ActorMention]],
           window: tuple[int, int] | None = None) -> str | None:
    """The named venue a meeting's clause gives after "at" ("at the National Palace", "at the
    headquarters of the Security Cabinet"), not a city or country (those are places); within
    the candidate's own ``window`` of objects, if it has one."""
    tok = doc[trig.i]
    heads = [tok, tok.head] if trig.is_noun else [tok]
    places = {i for _, m in in_sent if m.kind in {"city", "country"} for i in range(m.start, m.end)}
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "at" or (window and not window[0] < prep.i < window[1]):
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or obj.i in places or not any(t.text[:1].isupper() for t in obj.subtree):
                continue
            return span_text(doc[obj.left_edge.i : obj.right_edge.i + 1]).lower()
    return None


def _object_splits(doc: Doc, trig: Trigger, hi: int, in_sent: list[tuple[int, ActorMention]],
                   dates: list[DateMention]) -> list[int]:
    """Where a meeting's right window (up to ``hi``) goes on with another meeting of the same
    subject: an "and" right after an object's place or date ("met A in P on Monday and B in Q
    on Tuesday", "met with A on Monday in P and with B on Tuesday in Q") that coordinates a new
    object, persons first, with a place or date of its own after them. Not "met A and B in P"
    (one attachment for both) nor "in P on Monday and Tuesday" (no new object)."""
    attached = [(d.start, d.end) for d in dates if trig.i < d.start and d.end <= hi]
    attached += [(m.start, m.end) for _, m in in_sent if m.kind in {"city", "country"} and trig.i + 1 < m.start < hi
                 and (doc[m.start - 1].lower_ in LOCATIVE_PREPS or (
                     doc[m.start - 1].lower_ == "the" and doc[m.start - 2].lower_ in LOCATIVE_PREPS))]
    ends = {end for _, end in attached}
    persons = [m for _, m in in_sent if m.kind == "person" and trig.i < m.start < hi]
    splits: list[int] = []
    lo = trig.i + 1
    for k in range(trig.i + 2, hi):
        if doc[k].lower_ != "and" or not ((k in ends) or (doc[k - 1].text == "," and k - 1 in ends)):
            continue
        if not any(lo <= m.start < k for m in persons):
            continue  # no object before it
        new = next((m for m in persons if m.start > k), None)
        if new is None or any(t.pos_ in {"VERB", "AUX"} or t.is_punct for t in doc[k + 1 : new.start]):
            continue
        if any(k < start < new.start for start, _ in attached):
            continue  # "and in Q, B": a place first (read with the first object)
        if not any(start >= new.end for start, _ in attached):
            continue  # "met A on Monday and B": no place or day of its own
        splits.append(k)
        lo = k + 1
    return splits


def _pair_subject(doc: Doc, lo: int, hi: int) -> bool:
    """Whether the subject before a meeting word is the two parties of the meeting just told:
    "The two agreed to meet ...", "Both agreed ...", "They agreed to meet again ..."."""
    for k in range(lo, hi):
        tok = doc[k]
        if tok.dep_ in {"nsubj", "nsubjpass"} and (tok.lower_ in {"two", "both", "they"}) and tok.head.i >= k:
            if tok.lower_ == "two" and not any(c.lower_ in {"the", "these"} for c in tok.children):
                continue
            if tok.lower_ == "they" and tok.head.dep_ != "ROOT":
                continue  # "... launched by the delegations when they met in 2022": whoever they were
            return True
    return False


#: Dependency links by which a verb governs the meeting word of its complement ("looks forward to
#: traveling", "plans to travel", "hopes for a visit", "reiterated that they will meet").
_PROSPECT_LINKS = {"xcomp", "pcomp", "pobj", "prep", "ccomp", "dobj"}


def _prospect(tok) -> bool:
    """Whether the meeting word ``tok`` is the complement of a verb of intention or prospect (a
    :data:`INTENTION_VERBS` lemma, "look forward to", a modal future) in the clause's chain of
    heads: the meeting is planned, whatever the tense of the verb that governs it. A past verb
    in between ("said that he visited") ends the chain."""
    for _ in range(4):
        if tok.dep_ not in _PROSPECT_LINKS or tok.head is tok:
            return False
        if tok.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "would", "'ll"}
                                       for c in tok.children):
            return True  # "reiterated that they will meet"
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"} and (tok.lemma_.lower() in INTENTION_VERBS or (
                tok.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in tok.children))):
            return True
        if tok.tag_ in {"VBD", "VBN"} and tok.pos_ == "VERB":
            return False
    return False


def _pronoun_subject(verb, actors_at: set[int]) -> tuple[int, int, int] | None:
    """A plural personal pronoun ("they", "we") that is the subject of the meeting verb, or of
    the verb it is the complement of ("they agreed to meet"), unless a rule resolved it to a
    person: its position, and the token range of the subject of the clause that reports it
    ("X and Y reiterated that they will meet": X and Y; "... told him they would meet": the
    subject of "told"), whose persons it may stand for (-1, -1 when there is none)."""
    for tok in (verb, verb.head if verb.dep_ in {"xcomp", "conj"} else verb):
        for child in tok.children:
            if (child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in {"they", "we"}
                    and child.i not in actors_at and child.i < verb.i):
                clause = tok
                while clause.dep_ in {"xcomp", "conj"} and clause.head is not clause:
                    clause = clause.head
                if clause.dep_ == "ccomp":
                    subject = next((c for c in clause.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                    if subject is not None:
                        return child.i, subject.left_edge.i, subject.right_edge.i
                return child.i, -1, -1
    return None


def _finite(tok) -> bool:
    return tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or tok.lower_ in {"where", "which", "who", "said"}


def _status(doc: Doc, sent: Span, trigger: Trigger, lo: int) -> str:
    """held or planned: the tense of the clause whose subject the meeting noun is, else the
    nearest tense cue before the trigger (future words, or a past verb)."""
    if trigger.is_noun and doc[trigger.i].dep_ in {"nsubj", "nsubjpass"}:
        own = _clause_status(doc, sent, trigger)
        if own is not None:
            return own
    if _prospect(doc[trigger.i]):
        return "planned"  # "looks forward to traveling to ...", "plans to travel", "reiterated that they will meet"
    for k in range(trigger.i, sent.start - 1, -1):
        tok = doc[k]
        if tok.lower_ in FUTURE_WORDS:
            return "planned"
        if tok.lower_ == "would" and tok.head.i in {trigger.i, doc[trigger.i].head.i}:
            return "planned"  # "agreed that their teams would meet", "would be held"
        if k < trigger.i and tok.lemma_.lower() in INTENTION_VERBS and doc[k + 1].lower_ == "to":
            return "planned"  # "agreed to meet again", "decided to hold talks"
        if k < trigger.i and (tok.tag_ == "VBD" or (tok.tag_ == "VBN" and tok.dep_ != "amod")):
            return "held"
    if trigger.i > sent.start and doc[trigger.i - 1].lower_ == "to" and not any(
        t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in sent
    ):
        return "planned"  # a headline such as "Secretary X to Travel to Mexico"
    return _clause_status(doc, sent, trigger) or "held"


#: Words by which a clause schedules a meeting ("will take place", "is expected to be held").
VENUE_WORDS = {"place", "held", "hold", "convene", "convened", "scheduled", "expected", "planned", "due", "set"}


def _clause_status(doc: Doc, sent: Span, trigger: Trigger) -> str | None:
    """The tense of the clause a meeting noun is the subject of: "the fifth meeting ... is
    scheduled to take place" (planned), "the second meeting ... took place" (held)."""
    if not trigger.is_noun:
        return None
    clause = doc[trigger.i + 1 : min(sent.end, trigger.i + 16)]
    venue = any(t.lower_ in VENUE_WORDS for t in clause)
    for tok in clause:
        if (tok.lower_ in FUTURE_WORDS or tok.lower_ == "would") and venue:
            return "planned"  # not "the meeting will help ...": a held meeting's effect
        if tok.tag_ == "VBD" and tok.lemma_.lower() != "be":
            return "held"
        if tok.tag_ in {"VBZ", "VBP", "VBD"} and tok.lemma_.lower() != "be":
            return None
    return None


class MeetingReader:
    """Reads meeting candidates from sentences; :func:`merge_candidates` merges them."""

    def __init__(self, doc: Doc, actors: list[ActorMention], pid_of: dict[int, str],
                 person_country: dict[str, str | None], background_pids: set[str],
                 dates: list[DateMention], published: PartialDate | None,
                 group_members: dict[str, tuple[str, ...]], city_country: dict[str, str]):
        self.doc = doc
        self.actors = actors
        self.pid_of = pid_of  # actor index -> pid
        self.person_country = person_country
        self.background_pids = background_pids
        self.dates = dates
        self.published = published
        self.group_members = group_members
        self.city_country = city_country

    def _place(self, mention: ActorMention) -> PlaceRef:
        if mention.kind == "country":
            return PlaceRef(mention.text, key=mention.key, kind="country", country=mention.key)
        return PlaceRef(mention.text, key=mention.key, kind="city",
                        country=mention.country or self.city_country.get(mention.key or ""))

    def read(self, sent: Span, sent_index: int) -> list[Candidate]:
        doc = self.doc
        triggers = find_triggers(sent)
        if not triggers:
            return []
        in_sent = [(idx, m) for idx, m in enumerate(self.actors) if sent.start <= m.start < sent.end]
        actors_at = {i for _, m in in_sent for i in range(m.start, m.end)}
        gpe_places = [
            e for e in doc.ents
            if e.label_ in {"GPE", "LOC"} and sent.start <= e.start < sent.end
            and not any(m.start <= e.start < m.end for _, m in in_sent)
        ]
        # a dateline: "Mexico City, Mexico — ..." at the start of the sentence
        dateline: PlaceRef | None = None
        dash = next((t.i for t in sent[:10] if t.text in {"—", "–", "--"}), None)
        if dash is not None:
            for _, m in in_sent:
                if m.start < dash and m.kind in {"city", "country"}:
                    dateline = more_specific(dateline, self._place(m))
        candidates: list[Candidate] = []
        used: set[int] = set()
        previous_a: list[str] = []
        # a sentence dated well before the document ("In February 2017, then-Secretary X
        # visited ..."): persons named as former office holders are the parties of that
        # recalled meeting (and never of the document's current one)
        recalled = self._recalled_sentence(sent)
        bg_admitted: set[str] = set()
        lexical_background: dict[int, bool] = {}  # id(candidate) -> background by its own words
        # a country in a person's title ("Ambassador to Mexico Ken Salazar") is no place
        person_starts = {m.start for _, m in in_sent if m.kind == "person"}
        in_title = {
            idx for idx, m in in_sent
            if m.kind in {"city", "country"} and m.end in person_starts and m.start > sent.start
            and doc[m.start - 1].lower_ in {"to", "of", "for", "in"}
        }
        text_lower = span_text(sent).lower()
        for n, trig in enumerate(triggers):
            left_lo = triggers[n - 1].i + 1 if n else sent.start
            right_hi = triggers[n + 1].i if n + 1 < len(triggers) else sent.end
            right_limit = right_hi
            last_place_end = trig.i + 1
            # cut the right window at the next finite verb (a new clause)
            for k in range(trig.i + 1, right_hi):
                if trig.is_noun and doc[k].dep_ in {"aux", "auxpass"} and any(
                    t.lemma_.lower() in {"hold", "convene"} or t.lower_ == "held" for t in doc[k + 1 : min(right_hi, k + 3)]
                ):
                    continue  # "negotiations will be held between X and Y": the noun's own clause
                # a new clause, or a purpose clause ("to address ...")
                if _finite(doc[k]) or (doc[k].lower_ == "to" and k + 1 < right_hi and doc[k + 1].tag_ == "VB"):
                    right_hi = k
                    break
            if not trig.is_noun:  # "X will meet with A, and Y will meet with B": Y begins a clause of its own
                for conj in doc[trig.i].children:
                    if conj.dep_ == "conj" and conj.i > trig.i and any(
                            c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children):
                        right_hi = min(right_hi, conj.left_edge.i)
            # "met A in P on Monday and B in Q on Tuesday": each coordinated object with its own
            # place or day is another meeting of the same subject side
            bounds = [trig.i, *_object_splits(doc, trig, right_hi, in_sent, self.dates), right_hi]
            used_before = set(used)
            object_prep: str | None = None
            for seg, (right_lo, seg_hi) in enumerate(zip(bounds, bounds[1:])):
                cand = Candidate(sent_index, trig)
                # "... told him they would meet in Tijuana": a plural pronoun as the verb's own subject
                # stands for whoever it refers to; the persons before it are not the meeting's parties
                # (the main clause's "They agreed to meet" is read by _pair_subject)
                pronoun = _pronoun_subject(doc[trig.i], actors_at) if not trig.is_noun else None
                side_a: list[str] = []
                side_b: list[str] = []
                place: PlaceRef | None = None
                left_place: PlaceRef | None = None
                mode = None
                extra_places: list[PlaceRef] = []
                admitted_background = False
                last_place_end = right_lo + 1
                for idx, m in in_sent:
                    if idx in (used_before if seg else used) and m.start < trig.i:
                        continue
                    if idx in in_title:
                        continue
                    left = left_lo <= m.start < trig.i
                    right = right_lo < m.start < seg_hi
                    if (left and pronoun is not None and m.start < pronoun[0] and m.kind == "person"
                            and not pronoun[1] <= m.start <= pronoun[2]):
                        continue
                    if not (left or right):
                        continue
                    prep = _preposition_before(doc, m.start, left_lo if left else right_lo + 1, actors_at)
                    if m.kind == "person":  # "with Mexico's Attorney General X", "with the Ambassador to Mexico, X"
                        prep = _governing_preposition(doc, m, sent) or prep
                        if right and seg:
                            prep = prep or object_prep  # "talks with A in P and B in Q": B's "with" is A's
                    if m.kind == "person" and companion_agent(doc, m, sent):
                        continue  # "..., accompanied by X": a companion (meetings.read_participation)
                    if m.kind == "person" and (_principal(doc, m, sent) or (
                            m.end < sent.end and doc[m.end].text in {"'s", "’s"} and m.end + 1 < sent.end
                            and doc[m.end + 1].pos_ == "NOUN" and doc[m.end + 1].lemma_.lower() not in NOUN_TRIGGERS)):
                        continue  # "on behalf of President X", "President X's statement": not present
                    if m.kind in {"city", "country"} and (prep in LOCATIVE_PREPS or (
                        m.kind == "city" and prep not in PARTY_PREPS)):
                        current = place if right else left_place
                        if current is None or (current.kind == "country" and m.kind == "city"):
                            if right:
                                place = self._place(m)
                            else:
                                left_place = self._place(m)
                        elif right and not trig.is_noun and trig.lemma in {"travel", "visit"} and _coordinated(doc, last_place_end, m.start):
                            extra_places.append(self._place(m))  # "will travel to Guatemala and El Salvador"
                        if right:
                            last_place_end = m.end
                        used.add(idx)
                        continue
                    if m.kind == "city":
                        continue
                    if right and m.kind != "country" and prep is None and not trig.is_noun and trig.lemma not in {"visit", "host", "receive", "meet", "join"} and not (
                            trig.lemma == "sign" and trig.passive):
                        continue
                    courtesy = trig.lemma == "call" and prep == "on" and doc[trig.i - 1].lower_ == "courtesy"
                    courtesy = courtesy or (trig.lemma == "visit" and m.kind == "person"
                                            and _governing_preposition(doc, m, sent) in {"to", "on"})
                    if right and trig.is_noun and prep not in {"with", "by", "between", "among", "of", "from"} and not courtesy:
                        continue
                    if m.kind == "person":
                        pid = self.pid_of.get(idx)
                        if pid is None:
                            continue
                        if pid in self.background_pids or m.background:
                            if not recalled:
                                continue
                            admitted_background = True
                            bg_admitted.add(pid)
                        side = side_a if left else side_b
                        if pid not in side:
                            side.append(pid)
                        if right and not seg and object_prep is None:
                            object_prep = prep
                        used.add(idx)
                        if right:
                            with_tok = next((doc[k] for k in range(trig.i + 1, m.start) if doc[k].lower_ in {"with", "by"}), None)
                            if with_tok is not None and with_tok.lower_ == "by" and doc[with_tok.i - 1].lower_ == "led":
                                mode = "led"
                            elif with_tok is not None and with_tok.lower_ == "with" and trig.lemma in {"travel"}:
                                mode = "companions"
                            elif trig.lemma == "join":
                                mode = "companions"  # "he joined X and Y in Mexico City": together, not met
                            elif with_tok is None and trig.is_noun and prep in {"between", "among"}:
                                mode = "between"  # "talks between X and Y"
                    elif m.kind in {"country", "group"}:
                        used.add(idx)
                        if m.kind == "group":
                            cand.countries.update(self.group_members.get(m.key or "", ()))
                        elif m.key:
                            cand.countries.add(m.key)
                    elif m.kind == "org" and m.key:
                        cand.organizations.add(m.key)
                        if m.country:
                            cand.countries.add(m.country)
                if not place:
                    for ent in gpe_places:
                        if right_lo < ent.start < seg_hi and doc[ent.start - 1].lower_ in LOCATIVE_PREPS:
                            place = PlaceRef(ent.text, kind="city")
                            # "El Ocotal (Honduras)": a country in brackets right after the place
                            after = [m for _, m in in_sent if m.kind == "country" and ent.end <= m.start <= ent.end + 1]
                            if after:
                                place.country = after[0].key
                            break
                place = place or left_place
                if place is None:
                    venue = _venue_after(doc, trig, right_limit if not seg else seg_hi, in_sent)
                    if venue is not None:
                        place = self._place(venue)
                if trig.is_noun and not side_a and not side_b:
                    # "In a separate meeting, X discussed migration with Y": the clause the meeting
                    # frames gives its parties
                    side_a, side_b = self._framed_parties(sent, trig, in_sent)
                unnamed = _unnamed_parties(doc, sent, trig, in_sent) or (
                    (trig.named or (trig.is_noun and _named_event_held(doc[trig.i]))) and not side_a and not side_b)
                if unnamed:
                    side_a = []  # "their teams would meet", "the Group held its third meeting"
                if (not trig.is_noun and not trig.passive and trig.lemma in CO_LEAD_VERBS
                        and len(side_a) >= 2 and not side_b):
                    cand.co_leads = True  # "X and Y met", "X and Y signed ..."
                if (trig.is_noun and len(side_a) >= 2 and not side_b and doc[trig.i].dep_ == "dobj"
                        and PARTICIPATION_VERBS.get(doc[trig.i].head.lemma_.lower(), "") == "chair"):
                    cand.co_leads = True  # "X and Y co-chaired the fourth meeting": the co-chairs met
                group = GROUP_PHRASES.search(span_text(doc[left_lo : trig.i])) if not side_a and not unnamed else None
                if group:  # "both secretaries met", "the delegation met with ...": see apply_group_reference
                    cand.group_ref = "sides" if group["sides"] else "delegation"
                elif not side_a and not unnamed and _pair_subject(doc, left_lo, trig.i):
                    cand.group_ref = "sides"  # "The two agreed to meet in person ...", "They agreed to meet again"
                elif not side_a and previous_a and not unnamed and pronoun is None:
                    side_a = list(previous_a)
                if trig.lemma in {"travel", "join"} and mode == "companions":
                    cand.companions, side_b = side_b, []
                if trig.lemma == "sign" and trig.passive and not side_a and len(side_b) >= 2:
                    mode = "between"  # "... was signed by X and by Y": the signers met each other
                if mode in {"led", "between"} and not side_a:
                    cand.co_leads = True
                if trig.passive and trig.lemma in {"host", "receive"}:
                    cand.side_a, cand.side_b = side_a, side_b  # visitors, hosts
                elif trig.lemma in {"host", "receive"}:
                    cand.side_a, cand.side_b = side_b, side_a  # visitors (objects), hosts (subject)
                else:
                    cand.side_a, cand.side_b = side_a, side_b
                cand.place = place or dateline
                if cand.companions or (side_a and "delegation" in doc[left_lo : trig.i].text.lower()):
                    cand.delegation = list(dict.fromkeys(cand.side_a + cand.companions))
                cand.status = _status(doc, sent, trig, left_lo)
                lead = doc[max(sent.start, trig.i - 6) : trig.i].text.lower()
                before = text_lower[: doc[trig.i].idx - sent.start_char]
                cand.background = trig.is_noun and (
                    any(w in lead.split() for w in BACKGROUND_WORDS) or any(f in before for f in FOLLOW_UP)
                )
                cand.unnamed = unnamed
                cand.quoted = _in_quote(doc, sent, trig.i)
                cand.separate, cand.continues, cand.same_place = _sequence_cues(doc, sent, trig)
                cand.day_offset = _day_offset(doc, sent)
                if cand.day_offset:  # "The following day, she met ...": another meeting, a day apart
                    cand.separate = cand.continues = True
                cand.window = (right_lo, seg_hi) if len(bounds) > 2 else None
                cand.venue = _venue(doc, trig, in_sent, cand.window)
                lexical_background[id(cand)] = cand.background
                cand.background = cand.background or admitted_background
                if side_a or not trig.is_noun:
                    previous_a = side_a or previous_a
                candidates.append(cand)
                for extra in extra_places:
                    candidates.append(replace(cand, place=extra, side_a=list(cand.side_a), side_b=list(cand.side_b),
                                              companions=list(cand.companions), countries=set(cand.countries)))
        if bg_admitted:
            everyone = {p for c in candidates for p in (*c.side_a, *c.side_b, *c.companions)}
            if len(everyone) < 2:  # a former official alone ("who attended the meetings in 2010")
                for cand in candidates:
                    cand.side_a = [p for p in cand.side_a if p not in bg_admitted]
                    cand.side_b = [p for p in cand.side_b if p not in bg_admitted]
                    cand.companions = [p for p in cand.companions if p not in bg_admitted]
                    cand.background = lexical_background.get(id(cand), cand.background)
            elif recalled:
                for cand in candidates:  # one recalled event ("visited X for talks with Y")
                    cand.background = True
        self._assign_dates(sent, candidates)
        _join_relative_clauses(doc, candidates)
        _share_purpose_clauses(doc, candidates)
        return candidates

    def _framed_parties(self, sent: Span, trig: Trigger, in_sent: list[tuple[int, ActorMention]]) -> tuple[list[str], list[str]]:
        """The parties of a meeting noun that opens its clause in a prepositional phrase ("In a
        separate meeting, X discussed migration with Y", "During a meeting in Tijuana, X and Y
        reviewed ..."): the persons of the clause's subject, and those after its "with"."""
        doc = self.doc
        noun = doc[trig.i]
        prep = noun.head
        if trig.anaphoric or noun.dep_ != "pobj" or prep.lower_ not in {"in", "at", "during"} or prep.i > noun.i:
            return [], []
        if prep.i > sent.start + 1 or not any(t.text == "," for t in doc[noun.i : min(sent.end, noun.right_edge.i + 2)]):
            return [], []  # only a phrase that opens the sentence ("In a separate meeting, ...")
        verb = prep.head
        if verb.pos_ not in {"VERB", "AUX"} or verb.i < trig.i or prep.dep_ != "prep":
            return [], []
        persons = [(m, self.pid_of[idx]) for idx, m in in_sent if m.kind == "person" and idx in self.pid_of
                   and self.pid_of[idx] not in self.background_pids and not m.background]

        def inside(tok) -> list[str]:
            return [pid for m, pid in persons if tok.left_edge.i <= m.start <= tok.right_edge.i]

        subject = [pid for c in verb.children if c.dep_ == "nsubj" for pid in inside(c)]
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "discussed migration with Y"
        others = [pid for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with" for pid in inside(c)]
        others = [pid for pid in others if pid not in subject]
        if not subject or not (others or len(subject) >= 2):
            return [], []
        if not others:
            return subject, []
        return list(dict.fromkeys(subject)), list(dict.fromkeys(others))

    def _recalled_sentence(self, sent: Span) -> bool:
        """Whether the sentence is dated well before the document (another year, or two
        months or more earlier)."""
        if self.published is None:
            return False
        for date in self.dates:
            if not (sent.start <= date.start < sent.end):
                continue
            value = resolve_date(date.text, self.published, "past").value
            if value is None:
                continue
            if value.year < self.published.year or (
                value.year == self.published.year and value.month and self.published.month
                and self.published.month - value.month >= 2
            ):
                return True
        return False

    def _assign_dates(self, sent: Span, candidates: list[Candidate]) -> None:
        # "spoke this morning with", "met earlier today": a part of the publication day
        day_parts = [DateMention(e.start, e.end, "today") for e in sent.ents
                     if e.label_ == "TIME" and DAY_PART.match(e.text)]
        for date in [*self.dates, *day_parts]:
            if not (sent.start <= date.start < sent.end) or not candidates:
                continue
            if (date.start > sent.start and self.doc[date.start - 1].lower_ == "since"
                    and not (date.end + 1 < sent.end and self.doc[date.end + 1].lower_ == "when")):
                continue  # "the first visit ... since 2019": the start of a period (not "since X, when ...")
            own = [c for c in candidates if c.window and c.window[0] < date.start < c.window[1]]
            nearest = own[0] if own else min(
                candidates, key=lambda c: min(abs(c.trigger.i - date.start), abs(c.trigger.i - date.end)))
            if nearest.date_text:
                continue
            prefer = "future" if nearest.status == "planned" else "past"
            resolved = resolve_date(date.text, self.published, prefer)
            nearest.date_text = date.text
            nearest.date = resolved.value
            if resolved.value and resolved.value.day and self.published and self.published.day:
                pub = self.published.as_date()
                when = resolved.value.as_date()
                if when and pub and when != pub:  # on the publication day the tense tells
                    nearest.status = "planned" if when > pub else "held"


#: Parts of the publication day ("this morning", "earlier today", "tonight").
DAY_PART = re.compile(r"(?i)^(?:(?:earlier|early|late|later)\s+)?(?:this\s+(?:morning|afternoon|evening)|today|tonight)$")


def compatible_dates(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Equal, one unknown, or one a prefix of the other (2019-06 and 2019-06-05)."""
    if a is None or b is None:
        return True
    pa, pb = a.isoformat(), b.isoformat()
    return pa.startswith(pb) or pb.startswith(pa)


def compatible_places(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    """Same place, one unknown, or a city and the country it lies in."""
    if a is None or b is None:
        return True
    if (a.key and a.key == b.key) or a.label.lower() == b.label.lower():
        return True
    if a.kind == "country" and b.kind == "city":
        return b.country == a.key
    if b.kind == "country" and a.kind == "city":
        return a.country == b.key
    return False


def more_specific(a: PlaceRef | None, b: PlaceRef | None) -> PlaceRef | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if a.kind == "country" and b.kind == "city" else a


def can_merge(a: MeetingRecord, b: MeetingRecord, person_country: dict[str, str | None]) -> bool:
    """Whether two meeting records of one document describe the same event."""
    if a.background != b.background:
        return False
    if a.status != b.status and not (a.date and b.date and a.date == b.date):
        return False
    if not compatible_dates(a.date, b.date) or not compatible_places(a.place, b.place):
        return False
    if a.explicit_kind and b.explicit_kind and a.kind != b.kind:
        return False
    for call, other in ((a, b), (b, a)):
        if call.kind == "call" and call.explicit_kind and other.place is not None and other.place.kind == "city":
            return False  # a call has no place: a meeting in a city is another event
    pa, pb = a.persons, b.persons
    if pa and pb:
        return bool(pa & pb)
    if not pa and not pb:
        return bool(a.countries & b.countries) and (a.countries <= b.countries or b.countries <= a.countries)
    persons, countries = (pa, b.countries) if pa else (pb, a.countries)
    covered = {person_country.get(p) for p in persons}
    return bool(countries) and countries <= covered


def distinct_event(target: MeetingRecord, record: MeetingRecord, cand: Candidate, venues: dict[int, str]) -> bool:
    """Whether a meeting that shares a person with ``target`` is nevertheless another meeting:
    both have participants of their own, and the sentence tells it as another one ("Separately,
    ...", "Later that day, ...", "X also met with ...") or names another venue ("at the
    National Palace" / "at the Security Cabinet"). A visit told first by its traveller alone
    ("X will travel to ...") takes the meetings told after it."""
    if not (target.persons & record.persons):
        return False
    if not (record.persons - target.persons) or not (target.persons - record.persons):
        return False
    theirs = venues.get(id(target))
    if cand.venue and theirs and cand.venue != theirs:
        return True
    return cand.separate


def merge_target(meetings: list[MeetingRecord], record: MeetingRecord, cand: Candidate,
                 person_country: dict[str, str | None], venues: dict[int, str]) -> MeetingRecord | None:
    """The earlier meeting of the document that ``record`` tells again, if any (the latest one
    it can merge with and is no distinct event of). ``venues`` holds the named venue of each
    meeting of ``meetings`` (by ``id``); a record for which None is returned is to be added."""
    for meeting in reversed(meetings):
        if can_merge(meeting, record, person_country) and not distinct_event(meeting, record, cand, venues):
            if cand.venue:
                venues.setdefault(id(meeting), cand.venue)
            return meeting
    if cand.venue:
        venues[id(record)] = cand.venue
    return None


def inherit_frame(record: MeetingRecord, cand: Candidate, told: list[MeetingRecord]) -> None:
    """A meeting that goes on telling the current visit ("Later that day, X met ...",
    "Separately, Y will meet ...", "During the visit, Z will meet ...", "On the previous day,
    ...") and names no day of its own takes the day of the last meeting ``told`` before its
    sentence (not a recalled one, and of the same status: held or planned), and, but after
    "Separately", its city."""
    if not cand.continues or record.date is not None:
        return
    frame = next((m for m in reversed(told) if not m.background and m.status == record.status), None)
    if frame is None:
        return
    if record.date is None and cand.day_offset:
        day = frame.date.as_date() if frame.date is not None and frame.date.day else None
        if day is not None:  # "On the previous day, ..."
            day += timedelta(days=cand.day_offset)
            record.date, record.date_text = PartialDate(day.year, day.month, day.day), day.isoformat()
    elif record.date is None and frame.date is not None:
        record.date, record.date_text = frame.date, frame.date_text
    if (record.place is None and cand.same_place and record.kind != "call" and frame.place is not None
            and frame.place.kind == "city" and frame.place.label):
        record.place = frame.place


def to_record(cand: Candidate, mid: str, evidence: Evidence, person_country: dict[str, str | None]) -> MeetingRecord:
    persons = set(cand.side_a) | set(cand.side_b) | set(cand.companions)
    persons |= {p for pair in cand.group_pairs for p in pair}
    pairs: set[frozenset[str]] = set(cand.group_pairs)
    if cand.side_a and cand.side_b:
        pairs |= {frozenset((a, b)) for a in cand.side_a for b in cand.side_b if a != b}
    elif cand.co_leads and max(len(cand.side_a), len(cand.side_b)) >= 2:
        leads = cand.side_b if len(cand.side_b) >= 2 else cand.side_a
        for i, a in enumerate(leads):
            for b in leads[i + 1 :]:
                ca, cb = person_country.get(a), person_country.get(b)
                if ca is None or cb is None or ca != cb:
                    pairs.add(frozenset((a, b)))
    hosts: set[str] = set()
    if cand.trigger.lemma in {"host", "receive"}:
        hosts = set(cand.side_b)
    place = cand.place
    if place is None and hosts:
        host_countries = {person_country.get(h) for h in hosts} - {None}
        if len(host_countries) == 1:
            country = next(iter(host_countries))
            place = PlaceRef(label="", key=country, kind="country", country=country)
    return MeetingRecord(
        mid=mid,
        persons=persons,
        hosts=hosts,
        countries=set(cand.countries),
        organizations=set(cand.organizations),
        pairs=pairs,
        place=place,
        date=cand.date,
        date_text=cand.date_text,
        status=cand.status,
        kind=cand.trigger.kind,
        explicit_kind=cand.trigger.explicit_kind,
        background=cand.background,
        sentences=[cand.sent_index],
        evidence=[evidence],
    )


def apply_group_reference(cand: Candidate, focus: MeetingRecord | None, delegation: list[str]) -> None:
    """Fill a candidate whose subject is a group phrase: "both secretaries" / "the two leaders" /
    "the delegations" are the persons who met at the current meeting (its pairs); "the
    delegation" is the members of the last delegation named. Nothing is guessed without them."""
    if cand.group_ref == "sides" and focus is not None and focus.pairs:
        cand.group_pairs = set(focus.pairs)
    elif cand.group_ref == "delegation" and delegation and not cand.side_a:
        cand.side_a = list(delegation)


def is_new_meeting(cand: Candidate, focus: MeetingRecord | None) -> bool:
    """Whether a candidate introduces a meeting (rather than referring back to one)."""
    persons = set(cand.side_a) | set(cand.side_b) | set(cand.companions)
    persons |= {p for pair in cand.group_pairs for p in pair}
    if cand.trigger.is_noun and cand.quoted and not cand.date_text:
        return False  # "“I look forward to continuing our dialogue with ...”"
    if cand.trigger.predicate:
        return False  # "Tuesday's meeting was the first visit by ... since 2019": said of that meeting
    if cand.trigger.lemma == "dialogue" and not (cand.date_text or cand.place):
        return False  # a standing relationship ("our dialogue with"), not an event
    if cand.trigger.lemma == "negotiation" and not (cand.side_b or (cand.co_leads and len(persons) > 1)):
        return False  # "years of negotiations between the two countries": a process, not a meeting
    if not persons and not cand.countries:
        # a meeting of unnamed parties at a stated place: "their teams will meet in
        # Washington", "the fifth meeting of the Group will take place in Nogales"
        return cand.unnamed and cand.place is not None
    if cand.trigger.lemma in {"travel", "join"} and cand.place is None:
        return False
    if cand.trigger.lemma == "join" and not cand.companions:
        return False  # "joined the Department in Washington": no one joined
    if not cand.trigger.is_noun:
        return bool(cand.side_b or cand.place or cand.countries or cand.date_text or len(cand.side_a) > 1)
    if not (cand.side_b or cand.countries or cand.co_leads) and not cand.date_text and not cand.place:
        # "Secretary Nielsen's meetings", "these meetings": a reference to the current meeting
        if focus is not None and persons <= focus.persons:
            return False
        if cand.trigger.anaphoric:
            return False
    return True


def merge_into(target: MeetingRecord, other: MeetingRecord) -> None:
    target.persons |= other.persons
    target.hosts |= other.hosts
    target.countries |= other.countries
    target.organizations |= other.organizations
    target.pairs |= other.pairs
    target.place = more_specific(target.place, other.place)
    if target.date is None or (other.date and len(other.date.isoformat()) > len(target.date.isoformat())):
        if other.date is not None:
            target.date, target.date_text = other.date, other.date_text
    if target.date_text is None:
        target.date_text = other.date_text
    if other.explicit_kind and not target.explicit_kind:
        target.kind, target.explicit_kind = other.kind, True
    elif target.kind == "meeting" and other.kind != "meeting":
        target.kind = other.kind
    target.sentences = sorted(set(target.sentences) | set(other.sentences))
    seen = {(e.start, e.end) for e in target.evidence}
    target.evidence += [e for e in other.evidence if (e.start, e.end) not in seen]
    target.topics |= other.topics


# --- attendance: sentences that add persons to the current meeting -------------------------

_SIDE = r"(?P<side>(?:[\w.\-'’]+\s+){0,2}?)"
#: "The U.S. delegation was led by / included / was headed by ...", "The Mexican delegation,
#: headed by X, included Y; Z": the members after the word "delegation".
DELEGATION_MEMBERS = re.compile(
    r"(?i)^\W*(?:the|a|an|its|their)?\s*" + _SIDE + r"(?P<deleg>delegations?)\b(?:\s*,[^;:]{0,160}?,)?(?:\s+\w+){0,3}?\s+"
    r"(?:was\s+|were\s+)?(?:also\s+)?(?:led|headed|included|includes|include|comprised|consisted|composed|"
    r"co-?chaired|chaired|represented)\b"
)
_MEETING_NOUNS = r"(?:meetings?|talks|sessions?|dialogue|consultations?|discussions?|visit|call|conference|summit|" \
                 r"ceremony|roundtable|round)"
#: "The meeting was co-chaired by ...", "On the Mexican side, the talks were also attended by ...",
#: "The meeting at the Ministry, which lasted two hours, was attended by ...".
MEETING_BY = re.compile(
    r"(?i)^\W*(?:(?P<lead>[^,;:]{0,40}),\s*)?(?:the|this|that|these|those|today's|both)\s+(?:[\w\-]+\s+){0,3}?"
    + _MEETING_NOUNS + r"\b(?P<mods>(?:\s*,[^;:]{0,120}?,|\s+(?:at|in|on|with|of|between)\s+[^,;:]{0,60}?)?)\s+"
    r"(?:was|were|had\s+been|has\s+been)\s+(?:also\s+)?"
    r"(?P<verb>co-?chaired|chaired|attended|led|headed|presided\s+over|hosted)\s+(?:jointly\s+)?by\b"
)
#: "Also taking part on behalf of Mexico were ...", "Participating were ...", "Representing
#: the United States were ...".
TAKING_PART = re.compile(
    r"(?i)^\W*(?:also\s+)?(?:taking\s+part|participating|present|in\s+attendance|attending|representing|joining|"
    r"accompanying)\b"
    r"(?P<side>[^.;]{0,60}?)\b(?:were|was)\b"
)
#: "Mexico's participants were ...", "Participants from Guatemala included ...", "The U.S.
#: representatives were ...": the members after the verb, the side in the subject.
PARTICIPANTS_WERE = re.compile(
    r"(?i)^\W*(?:the\s+|other\s+)?(?P<side>(?:[\w.\-'’]+\s+){0,3}?)(?:participants|representatives|delegates|attendees)"
    r"(?:\s+(?:from|of|for)\s+(?P<side2>(?:the\s+)?[^,;:]{1,40}?))?\s+(?:were|included|include|are)\b\s*:?"
)
#: "Mexico was represented by its ...", "The United States was represented at the talks by ...".
REPRESENTED_BY = re.compile(r"(?i)\b(?:was|were|is|are)\s+(?:also\s+)?represented\b[^.;:]{0,60}?\bby\b")
#: "General X was accompanied by Y and by Z": companions of a participant.
ACCOMPANIED_BY = re.compile(r"(?i)\b(?:was|were)\s+(?:also\s+)?accompanied\s+by\b")
#: "X (also) joined the meetings", "X attended the talks", "X took part in the meeting".
JOINED_MEETING = re.compile(
    r"(?i)\b(?:also\s+)?(?:joined|attended|participated\s+in|took\s+part\s+in)\s+(?:the|these|those|this|both|all)\s+"
    r"(?:[\w\-]+\s+){0,2}?(?:meetings?|talks|sessions?|discussions?|dialogue|consultations?)\b"
)
#: "X and Y took part on behalf of the United States.", "X also participated.", "X was present
#: for Mexico.": a participation verb with no object of its own, the persons before it.
TOOK_PART = re.compile(
    r"(?i)\b(?:also\s+)?(?:took\s+part|participated|(?:was|were)\s+(?:also\s+)?present|attended)\b"
    r"(?P<rest>\s*(?:,?\s*(?:on\s+behalf\s+of|for|representing|as\s+representatives?\s+of)\s+[^,;:]{1,60}?)?)"
    r"\s*[.!]?\s*$"
)
#: "On the Mexican side, ...", "For the United States, ...", "On behalf of Mexico, ...".
SIDE_INTRO = re.compile(r"(?i)^\W*(?:on|from|for)\s+(?:the\s+)?(?P<side>[^,;:]{1,40}?)(?:\s+side)?\s*,")
#: "on behalf of (the Government of) Mexico", "representing the United States".
BEHALF = re.compile(r"(?i)\b(?:on\s+behalf\s+of|representing)\s+(?P<side>[^,;:.]{1,50})")
#: A list header: "For the United States of America:", "Mexican delegation:", "On behalf of
#: Mexico: ...". The members follow on the same line or on the bullet lines below.
LIST_HEADER = re.compile(
    r"(?i)^\W*(?:(?:for|on\s+behalf\s+of|representing)\s+)?(?:the\s+)?(?P<side>[^:;,\n]{2,60}?)"
    r"(?:\s+(?:delegation|participants|representatives|side))?\s*:(?P<rest>.*)$", re.S
)
#: A list item line: "- Name, Title", "• Name, Title", "1. Name, Title".
LIST_ITEM = re.compile(r"^\s*(?:[-•*–·▪]|\d{1,2}[.)])\s+")
CHAIR_VERBS = {"co-chaired", "cochaired", "chaired", "led", "headed", "presided over"}
#: Words of a side phrase that may stand beside the country ("the Government of", "Mexican").
_SIDE_FILLER = {"the", "government", "governments", "of", "state", "states", "republic", "united", "side",
                "delegation", "delegations", "participants", "representatives", "america", "mexican", "american",
                "'s", "’s", "s", "its", "his", "her", "their", "national", "federal"}


@dataclass
class Attendance:
    """Persons a sentence adds to the current meeting, and the side (country) they are on."""

    members: list[str]
    side: str | None = None
    mutual: bool = False  # co-chairs of the meeting met each other
    companion_of: str | None = None  # "X was accompanied by ...": the members are on X's side
    member_sides: dict[str, str] = field(default_factory=dict)  # "X led the U.S. delegation": X's side
    header: str | None = None  # a list header ("For Mexico:") whose items follow
    item: bool = False  # an item of the list under such a header
    leaders: dict[str, str] = field(default_factory=dict)  # "X was joined by Y": Y -> X (Y on X's side)


def read_attendance(doc: Doc, sent: Span, actors: list[ActorMention], pid_of: dict[int, str],
                    background_pids: set[str], focus_persons: set[str] | frozenset[str] = frozenset(),
                    list_side: str | None = None) -> Attendance | None:
    """Attendance sentences that name no meeting of their own but add persons to the one being
    told: delegation lists ("The Mexican delegation, headed by X, included Y; Z"), "The meeting
    was co-chaired by X and Y", "Also taking part on behalf of Mexico were X and Y", "Mexico was
    represented by X", "X and Y took part on behalf of Mexico", "X's participants were ...",
    "X was accompanied by Y" (X a participant of the current meeting), "X joined the meetings",
    and lists under a side header ("For Mexico:" then "- Name, Title" lines; ``list_side`` is
    the side of the header above). The side is the country named in the phrase ("U.S.",
    "Mexican", "on behalf of Mexico"), if exactly one is. Persons inside a quotation or named
    as former office holders are never members."""
    text = span_text(sent)
    quoted_at = {doc[i].idx - sent.start_char for i in _quoted_tokens(sent)}
    persons = [(doc[m.start].idx - sent.start_char, pid_of[i]) for i, m in enumerate(actors)
               if m.kind == "person" and i in pid_of and sent.start <= m.start < sent.end
               and not m.background and pid_of[i] not in background_pids
               and doc[m.start].idx - sent.start_char not in quoted_at
               and not (m.start > 0 and doc[m.start - 1].lower_ in {"then", "then-", "former", "late"})]
    countries = [(doc[m.start].idx - sent.start_char, doc[m.end - 1].idx + len(doc[m.end - 1]) - sent.start_char, m.key)
                 for m in actors if m.kind == "country" and m.key and sent.start <= m.start < sent.end]

    def side_in(lo: int, hi: int) -> str | None:
        found = {key for start, end, key in countries if lo <= start and end <= hi}
        return next(iter(found)) if len(found) == 1 else None

    def pure_side(lo: int, hi: int) -> str | None:
        """The country of a span that names a side and nothing else ("the United States of
        America", "Mexico's", "the Mexican"), not "the Secretary of Security of Mexico"."""
        key = side_in(lo, hi)
        if key is None:
            return None
        rest = text[lo:hi]
        for start, end, k in sorted(countries, reverse=True):
            if lo <= start and end <= hi:
                rest = rest[: start - lo] + " " + rest[end - lo:]
        words = re.findall(r"[\w'’]+", rest.lower())
        return key if all(w in _SIDE_FILLER for w in words) else None

    def after(pos: int) -> list[str]:
        return list(dict.fromkeys(pid for offset, pid in persons if offset >= pos))

    def before(pos: int) -> list[str]:
        return list(dict.fromkeys(pid for offset, pid in persons if offset < pos))

    def behalf(lo: int = 0, hi: int | None = None) -> str | None:
        hi = len(text) if hi is None else hi
        for found in BEHALF.finditer(text, lo, hi):
            key = pure_side(found.start("side"), found.end("side"))
            if key:
                return key
        return None

    intro = SIDE_INTRO.match(text)
    intro_side = pure_side(intro.start("side"), intro.end("side")) if intro else None

    # list items under a side header ("For Mexico:" then "- Name, Title")
    if list_side is not None and LIST_ITEM.match(text):
        return Attendance(after(0)[:1], list_side, item=True)
    header = LIST_HEADER.match(text)
    if header:
        side = pure_side(header.start("side"), header.end("side"))
        if side is not None:
            members = after(header.start("rest"))
            return Attendance(members, side, header=side)
    match = DELEGATION_MEMBERS.match(text)
    if match:
        members = after(match.end("deleg"))
        side = side_in(match.start("side"), match.end("side"))
        return Attendance(members, side) if members else None
    match = MEETING_BY.match(text)
    if match:
        members = after(match.end())
        verb = re.sub(r"\s+", " ", match["verb"].lower())
        side = pure_side(match.start("lead"), match.end("lead")) if match["lead"] else None
        return Attendance(members, side or behalf(match.end()),
                          mutual=verb in CHAIR_VERBS and len(members) > 1 and side is None) if members else None
    match = TAKING_PART.match(text)
    if match:
        members = after(match.end())
        # "Also joining Secretary X were ...": the members go with X (a participant)
        leaders = [pid for offset, pid in persons if match.start("side") <= offset < match.end("side")
                   and pid in focus_persons]
        members = [pid for pid in members if pid not in leaders]
        if len(leaders) == 1:
            return Attendance(members, None, companion_of=leaders[0]) if members else None
        return Attendance(members, side_in(match.start("side"), match.end("side"))) if members else None
    match = PARTICIPANTS_WERE.match(text)
    if match:
        members = after(match.end())
        lo, hi = (match.start("side2"), match.end("side2")) if match["side2"] else (match.start("side"), match.end("side"))
        side = pure_side(lo, hi) if hi > lo else None
        return Attendance(members, side) if members and (side or intro_side or hi == lo) else None
    match = REPRESENTED_BY.search(text)
    if match:
        side = pure_side(intro.end() if intro else 0, match.start())
        members = after(match.end())
        return Attendance(members, side) if members and side else None
    match = ACCOMPANIED_BY.search(text)
    if match:
        leaders = [pid for pid in before(match.start()) if pid in focus_persons]
        members = [pid for pid in after(match.end()) if pid not in leaders]
        if len(leaders) == 1 and members:
            return Attendance(members, intro_side, companion_of=leaders[0])
        return None
    match = JOINED_MEETING.search(text)
    if match:
        members = before(match.start())
        return Attendance(members, intro_side or behalf(match.end())) if members else None
    match = TOOK_PART.search(text)
    if match:
        members = before(match.start())
        side = behalf(match.start()) or intro_side
        if not side and re.match(r"(?i)\s*,?\s*(?:for|as)\b", match["rest"]):
            rest = re.sub(r"(?i)^\s*,?\s*(?:for|as\s+representatives?\s+of)\s+", "", match["rest"])
            lo = match.end("rest") - len(rest)
            side = pure_side(lo, match.end("rest"))
            if side is None:
                return None  # "took part for two hours", "participated as an observer"
        return Attendance(members, side) if members else None
    allowed = {pid for _, pid in persons}
    found = read_participation(doc, sent, actors, pid_of, allowed, focus_persons)
    if found is not None and found.side is None and not found.member_sides:
        found.side = intro_side
    return found


#: Participation predicates: verbs whose subject (active) or agent (passive) took part in a
#: meeting named as their object, and the role they give: "chair" (co-chairs, who met each
#: other), "lead" (the head of a side's delegation) or "member".
PARTICIPATION_VERBS = {
    "attend": "member", "join": "member", "participate": "member", "accompany": "member",
    "open": "chair", "close": "chair", "inaugurate": "chair", "chair": "chair", "co-chair": "chair",
    "cochair": "chair", "preside": "chair", "moderate": "chair", "lead": "lead", "head": "lead",
}
#: Nouns of participation: "with the participation of X and Y", "in the presence of X".
PARTICIPATION_NOUNS = {"participation", "presence", "attendance"}
#: Objects that make the predicate one of taking part in the meeting being told.
MEETING_OBJECTS = {"meeting", "meetings", "talks", "session", "sessions", "dialogue", "consultations",
                   "discussion", "discussions", "conference", "summit", "round", "ceremony", "event", "work",
                   "proceedings", "plenary", "it", "delegation", "delegations", "visit", "call", "gathering",
                   "works", "group", "committee", "commission", "council", "roundtable", "forum"}


#: Verbs by which persons go with a participant: "X was joined / accompanied by Y", "Y (also)
#: joined / accompanied X", "X, accompanied by Y, met ...": Y is on X's side.
COMPANION_VERBS = {"join", "accompany"}
#: Relative pronouns that stand for the noun their clause hangs from ("the meeting, in which ...").
RELATIVE_PRONOUNS = {"which", "that", "whom", "who"}
#: Words by which a clause tells of another time than the meeting's ("participated last year").
OTHER_TIME_WORDS = {"last", "previous", "prior", "former", "ago", "then", "earlier", "past", "then-"}


def _object_of(verb):
    """The object a participation verb acts on and whether the verb is passive: its direct
    object, the object of "in"/"over"/"at" ("participated in", "presided over", "took part
    in"), or its passive subject; a relative pronoun ("the meeting, in which X took part")
    stands for the noun its clause hangs from."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    found = None
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            found = child
            break
        if child.dep_ == "dobj" and child.lower_ != "part":
            found = child
            break
    if found is None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "over", "at"}:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    found = objects[0]
                    break
    if found is not None and found.lower_ in RELATIVE_PRONOUNS:
        clause = verb
        for _ in range(3):
            if clause.dep_ == "relcl":
                return clause.head, passive
            if clause.head is clause:
                break
            clause = clause.head
        return None, passive
    return found, passive


def _other_time(verb) -> bool:
    """Whether a participation clause tells of another time than the meeting's: "participated
    last year", "on her 2021 trip", "then-Commissioner X", "who joined the agency in 2019"."""
    for tok in verb.subtree:
        if tok.lower_ in OTHER_TIME_WORDS:
            return True
        text = tok.text
        if len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"} and not (
                tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text[:1].isupper()):
            return True  # "in 2019", "her 2021 trip"; not "the 2024 Security Dialogue"
    return False


def _mention_at(mentions, tok) -> list[str]:
    """The persons whose mention holds the token (a subject, a modified noun)."""
    return [pid for m, pid in mentions if m.start <= tok.i < m.end]


def _companions(verb, mentions, within) -> tuple[list[str], list[str]]:
    """(leaders, companions) of a companion verb: "X was joined by A and B", "X, accompanied by
    A and by B, ...", "..., accompanied by A" (the subject of the clause it modifies), "Y, who
    was accompanied by A", "A and B also joined X"."""
    agents = [c for c in verb.children if c.dep_ == "agent" or c.lower_ == "by"]
    if agents:  # the persons after the first "by" in the verb's clause ("by A, and by B")
        lo, hi = min(a.i for a in agents), verb.right_edge.i
        companions = [pid for m, pid in mentions if lo < m.start <= hi]
        subject = next((c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            leader = verb.head  # "Y, who was accompanied by A"
        elif subject is not None:
            leader = subject
        elif verb.dep_ in {"acl", "relcl", "appos"}:
            leader = verb.head  # "X, accompanied by A, met ..."
        elif verb.dep_ in {"advcl", "conj"}:  # "X received Y ..., accompanied by A"; "X met Y and was joined by A"
            leader = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        else:
            leader = None
        return (_mention_at(mentions, leader) if leader is not None else []), companions
    if verb.tag_ == "VBN":
        return [], []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(objects) != 1 or not subjects:
        return [], []
    return _mention_at(mentions, objects[0]), [pid for s in subjects for pid in within(s)]


def companion_agent(doc: Doc, mention: ActorMention, sent: Span) -> bool:
    """Whether a person is named as the companion of someone after "joined by" / "accompanied
    by": a companion, not a counterpart, of the meeting the clause hangs from."""
    tok = doc[mention.start : mention.end].root
    for _ in range(6):
        head = tok.head
        if head is tok or not (sent.start <= head.i < sent.end):
            return False
        if head.lower_ == "by":
            for _ in range(4):  # "accompanied by A and by B", "accompanied on her trip by A"
                head = head.head
                if head.tag_ == "VBN" and head.lemma_.lower() in COMPANION_VERBS:
                    return True
                if head.pos_ in {"VERB", "AUX"} or head is head.head:
                    return False
            return False
        if head.tag_ == "VBN" and head.lemma_.lower() in COMPANION_VERBS:
            # "accompanied by the Undersecretary ..., Name": the name hangs from the verb itself
            return any(c.lower_ == "by" and c.i < mention.start for c in head.children)
        if tok.dep_ not in _PREP_CHAIN_DEPS | {"npadvmod"}:
            return False
        tok = head
    return False


def read_participation(doc: Doc, sent: Span, actors: list[ActorMention], pid_of: dict[int, str],
                       allowed: set[str], focus_persons: set[str] | frozenset[str] = frozenset()) -> Attendance | None:
    """Participants read from the parse with the lexicon of participation predicates: "X and Y
    opened the session", "It was chaired by X and by Y", "X led the U.S. delegation, and Y led
    the Mexican delegation", "X participated in the talks", "the meeting, in which X also took
    part", "with the participation of X and Y". The participants are the persons in the subject
    (or the agent, or the object of "of" after a participation noun), through conjuncts,
    appositions and lists. Companion verbs ("X was joined by A and B", "accompanied by A and by
    B", "A also joined X") put their persons on the side of X when X is a participant of the
    current meeting (``focus_persons``). Only persons in ``allowed`` (not quoted, not former
    office holders) count, and no clause that tells of another time ("participated last year")."""
    mentions = [(m, pid_of[i]) for i, m in enumerate(actors)
                if m.kind == "person" and i in pid_of and sent.start <= m.start < sent.end and pid_of[i] in allowed]
    country_mentions = [m for m in actors if m.kind == "country" and m.key and sent.start <= m.start < sent.end]
    if not mentions:
        return None

    def within(tok) -> list[str]:
        lo, hi = tok.left_edge.i, tok.right_edge.i
        return [pid for m, pid in mentions if lo <= m.start <= hi]

    def side_of(obj) -> str | None:
        keys = {m.key for m in country_mentions if obj.left_edge.i <= m.start <= obj.i}
        return next(iter(keys)) if len(keys) == 1 else None

    members: list[str] = []
    member_sides: dict[str, str] = {}
    leaders_of: dict[str, str] = {}
    chairs = 0
    lemmas = [t.lemma_.lower() for t in sent]  # one look per token
    for tok, lemma in zip(sent, lemmas):
        if lemma == "chair" and tok.i > sent.start + 1 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "co":
            lemma = "co-chair"
        if lemma in PARTICIPATION_NOUNS and tok.pos_ == "NOUN":
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    members += [pid for pid in within(prep) if pid not in members]
            continue
        role = PARTICIPATION_VERBS.get(lemma)
        if role is None and lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in tok.children):
            role = "member"  # "took part in the talks"
        if role is None or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if lemma in COMPANION_VERBS and focus_persons:
            leaders, companions = _companions(tok, mentions, within)
            leaders = [pid for pid in dict.fromkeys(leaders) if pid in focus_persons]
            companions = [pid for pid in companions if pid not in leaders]
            if len(leaders) == 1 and companions:
                if not _other_time(tok):
                    for pid in companions:
                        if pid not in members:
                            members.append(pid)
                        leaders_of.setdefault(pid, leaders[0])
                continue
        obj, passive = _object_of(tok)
        if obj is None or not (obj.lower_ in MEETING_OBJECTS or (
                passive and role == "member" and obj.lower_ in {"they", "he", "she", "we"})):
            continue  # "they were joined by X": the meeting's participants were joined
        if role == "lead" and not obj.lower_.startswith("delegation"):
            continue  # "led the effort", "headed the Ministry": no participation
        if within(obj) and not passive and not obj.is_ancestor(tok):
            continue  # "joined Secretary X in ...": read as a meeting of its own
        if passive:
            found = [pid for c in tok.children if c.dep_ == "agent" for pid in within(c)]
        else:
            found = [pid for c in tok.children if c.dep_ == "nsubj" for pid in within(c)]
        if not found or _other_time(tok):
            continue
        side = side_of(obj) if obj.lower_.startswith("delegation") else None
        for pid in found:
            if pid not in members:
                members.append(pid)
            if side:
                member_sides.setdefault(pid, side)
        if role == "chair":
            chairs += len(found)
    if not members:
        return None
    mutual = chairs >= 2 or len(set(member_sides.values())) >= 2
    return Attendance(members, None, mutual=mutual, member_sides=member_sides, leaders=leaders_of)


def attend(meeting: MeetingRecord, attendance: Attendance, sides: dict[str, str],
           person_country: dict[str, str | None], companions: dict[str, str] | None = None) -> None:
    """Add the attendance's members to ``meeting``: each meets the persons of the other side
    (a known, different country); co-chairs meet each other unless both are known to be of one
    country. ``sides`` remembers the side each participant was named on; companions ("X was
    accompanied by Y") are on X's side (and are remembered in ``companions``: Y -> X)."""
    def country(pid: str) -> str | None:
        return sides.get(pid) or person_country.get(pid)

    side = attendance.side
    if side is None and attendance.companion_of is not None:
        side = country(attendance.companion_of)
    leaders = attendance.leaders or (dict.fromkeys(attendance.members, attendance.companion_of)
                                     if attendance.companion_of is not None else {})
    for pid in attendance.members:
        leader = leaders.get(pid)
        mine = attendance.member_sides.get(pid) or side or (country(leader) if leader else None)
        if mine:
            sides.setdefault(pid, mine)
        if leader is not None and companions is not None:
            companions.setdefault(pid, leader)
    for pid, leader in leaders.items():  # a companion meets whom the person accompanied met
        for pair in list(meeting.pairs):
            if leader in pair:
                other = next(iter(pair - {leader}), None)
                if other is not None and other != pid and other not in attendance.members and (
                        companions is None or companions.get(other) != leader):
                    meeting.pairs.add(frozenset((pid, other)))
    for pid in attendance.members:
        mine = country(pid)
        for other in meeting.persons:
            theirs = country(other)
            if other != pid and mine and theirs and mine != theirs:
                meeting.pairs.add(frozenset((pid, other)))
    if attendance.mutual:
        for i, a in enumerate(attendance.members):
            for b in attendance.members[i + 1:]:
                ca, cb = country(a), country(b)
                if ca is None or cb is None or ca != cb:
                    meeting.pairs.add(frozenset((a, b)))
    meeting.persons |= set(attendance.members)


def complete_pairs(meetings: list[MeetingRecord], sides: dict[str, str], person_country: dict[str, str | None],
                   companions: dict[str, str], doc_countries: set[str], title_hints: dict[str, str],
                   default_sides: set[str]) -> None:
    """A person present at a meeting meets its participants of the other side. The side of a
    participant is the country they were named on or belong to; where unknown, it is read from
    the meeting itself: a companion is on the side of the person accompanied (and back), and the
    counterpart of a participant of country C is of the meeting's other country when the meeting
    (its participants, countries, place) or else the document (or, failing both, the corpus's two
    ``default_sides``) names exactly one other; a title that names a post of one country
    ("Foreign Secretary") is a weaker hint, used after the sides named. Then every two
    participants of known, different sides met."""
    for meeting in meetings:
        if len(meeting.persons) < 2:
            continue
        side: dict[str, str] = {}
        for pid in meeting.persons:
            known = sides.get(pid) or person_country.get(pid) or title_hints.get(pid)
            if known:
                side[pid] = known
        changed = True
        while changed:
            changed = False
            for pid, leader in companions.items():
                if pid in meeting.persons and leader in meeting.persons:
                    if leader in side and pid not in side:
                        side[pid], changed = side[leader], True
                    elif pid in side and leader not in side:
                        side[leader], changed = side[pid], True
            present = set(side.values()) | set(meeting.countries)
            if meeting.place is not None and meeting.place.country:
                present.add(meeting.place.country)
            for pair in sorted(meeting.pairs, key=sorted):
                a, b = sorted(pair)
                for x, y in ((a, b), (b, a)):
                    if x in side and y not in side:
                        others = present - {side[x]} or (doc_countries - {side[x]}) or (default_sides - {side[x]})
                        if len(others) == 1:
                            side[y], changed = next(iter(others)), True
        ordered = sorted(meeting.persons)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if a in side and b in side and side[a] != side[b]:
                    meeting.pairs.add(frozenset((a, b)))


def delegation_members(doc: Doc, sent: Span, actors: list[ActorMention], pid_of: dict[int, str]) -> list[str]:
    """The persons a delegation phrase names ("A U.S. congressional delegation led by Senator
    X arrived ...", "a delegation that included X and Y"): what a later "the delegation met
    with ..." stands for. Read from the parse: the persons in the subtree of "delegation" after it."""
    lowers = token_table(doc).lowers
    for k in range(sent.start, sent.end):
        if lowers[k] != "delegation":
            continue
        tok = doc[k]
        found = [pid_of[i] for i, m in enumerate(actors)
                 if m.kind == "person" and i in pid_of and k < m.start <= tok.right_edge.i and not m.background]
        if found:
            return list(dict.fromkeys(found))
    return []


def delegation_sides(doc: Doc, sent: Span, actors: list[ActorMention], pid_of: dict[int, str]) -> dict[str, str]:
    """Sides of persons named inside a delegation phrase whose country is stated: "a U.S.
    congressional delegation headed by Senator X", "the Mexican delegation, led by X": X is on
    that side. Read from the parse: the persons in the subtree of "delegation" after it."""
    found: dict[str, str] = {}
    countries = [m for m in actors if m.kind == "country" and m.key and sent.start <= m.start < sent.end]
    for tok in sent:
        if tok.lower_ not in {"delegation", "delegations"}:
            continue
        keys = {m.key for m in countries if tok.left_edge.i <= m.start < tok.i}
        if len(keys) != 1:
            continue
        side = next(iter(keys))
        for i, m in enumerate(actors):
            if (m.kind == "person" and i in pid_of and tok.i < m.start <= tok.right_edge.i
                    and not any(m.start > c.start > tok.i for c in countries)):
                found.setdefault(pid_of[i], side)
    return found


# --- datelines -----------------------------------------------------------------------------

_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
               r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
#: "MEXICO CITY –", "MEXICO CITY (AP) —", "Ciudad Juárez, Chihuahua – February 10, 2026": a place
#: (and region, and news agency) before a dash that opens the body or is followed by a date.
DATELINE_DASH = re.compile(
    r"^\s*(?P<place>[^\W\d][^,()—–\n]{1,40}?)(?:,\s*[^,()—–\n]{2,30}?)?\s*(?:\([^)\n]{1,30}\)\s*)?"
    r"(?:—|–|--|\s-\s)\s*(?P<rest>.*)$", re.S
)
#: "Mexico City, April 14, 2025" alone on its line.
DATELINE_DATE = re.compile(
    r"^\s*(?P<place>[^\W\d][^,\n]{1,40}?),\s*(?:[^,\n\d]{2,30},\s*)?" + _MONTH_NAMES + r"\s+\d{1,2},?\s+\d{4}\.?\s*$"
)
_DATE_ONLY = re.compile(r"^\s*(?:\w+,\s*)?" + _MONTH_NAMES + r"\s+\d{1,2},?\s+\d{4}\.?\s*$")
DATELINE_SENTENCES = 8  # a dateline opens the text: look at the first content sentences only


def dateline_place(sentences: list[Span], ontology) -> PlaceRef | None:
    """The city of the document's dateline, when it names a gazetteer city: "WASHINGTON –
    Today, ...", "MEXICO CITY (AP) — ...", "Mexico City, April 14, 2025" (a line of its own),
    "Ciudad Juárez, Chihuahua – February 10, 2026". A dash must open a sentence of the body
    (eight words or more) or a date, so that headlines such as "Washington - Mexico ties" are no
    datelines."""
    cities: dict[str, object] = {}
    for entry in ontology.of_kind("city"):
        for name in entry.names:
            cities.setdefault(fold(name), entry)
    for sent in sentences[:DATELINE_SENTENCES]:
        text = span_text(sent).strip()
        match = DATELINE_DATE.match(text)
        if match is None:
            match = DATELINE_DASH.match(text)
            if match is None:
                continue
            rest = match["rest"].strip()
            if not (_DATE_ONLY.match(rest) or (len(rest.split()) >= 8 and rest.rstrip().endswith((".", '"', "”")))):
                continue
        entry = cities.get(fold(match["place"].strip()))
        if entry is not None:
            return PlaceRef(entry.label, key=entry.iri, kind="city", country=entry.country)
    return None


def apply_dateline(meetings: list[MeetingRecord], place: PlaceRef | None, published: PartialDate | None) -> None:
    """Place the document's current meetings at its dateline when the text places them
    nowhere, or only in the dateline city's country: held meetings (not recalled ones, not
    planned ones) of the publication day or the week before it, or undated. Calls are never
    placed: a call has no place (not that of either side)."""
    if place is None:
        return
    for meeting in meetings:
        if meeting.kind == "call" or meeting.background or meeting.status != "held":
            continue
        if meeting.date is not None and not _near_publication(meeting.date, published):
            continue
        if meeting.place is None or (meeting.place.kind == "country" and meeting.place.key == place.country):
            meeting.place = place


def _near_publication(when: PartialDate, published: PartialDate | None) -> bool:
    if published is None:
        return False
    day, pub = when.as_date(), published.as_date()
    if day is not None and pub is not None:
        return 0 <= (pub - day).days <= 7
    return when.isoformat() == published.isoformat()[: len(when.isoformat())] and when.month is not None


def has_verb_trigger(sent: Span) -> bool:
    """Whether a verb of the sentence tells of a meeting of its own ("The delegation led by X
    met with Y"): then the sentence is read as a meeting, not as an attendance list."""
    return any(not t.is_noun for t in find_triggers(sent))
