"""Meetings as events: who met whom, where, when, held or planned, and what was discussed.

The rules read one sentence at a time. A *trigger* is a word that names a meeting (meet, visit,
travel to, host, talks, meeting, summit, call, sit down). Around each trigger the sentence is cut
into a left window (the subject side: visitor, possessor, both parties of "X and Y met") and a
right window (counterparts after "with", hosts after "hosted by", leaders after "led by",
companions after "travel ... with"). Countries after "in/to/at" are places; after "of/from/with"
they are participants. Meetings of one document that describe the same event (an announcement
headline, "will travel to", "while in Mexico, will meet") are merged on participants, place,
date and status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..corpus import PartialDate
from .actors import TITLE_HEADS, ActorMention
from .dates import DateMention, resolve_date
from .records import Evidence, MeetingRecord, PlaceRef

VERB_TRIGGERS = {"meet", "visit", "travel", "host", "receive", "convene", "sit", "talk", "speak", "hold"}
NOUN_TRIGGERS = {"meeting", "visit", "trip", "talk", "summit", "dialogue", "call", "consultation"}
ANAPHORIC_DETS = {"this", "these", "that", "those", "the", "such"}
LOCATIVE_PREPS = {"in", "to", "at", "into", "across", "throughout", "near", "outside", "inside", "within"}
PARTY_PREPS = {"of", "from", "with", "between", "among", "by"}
FUTURE_WORDS = {"will", "shall", "'ll", "going", "scheduled", "expected", "tomorrow", "upcoming", "next"}
ROLE_WORDS = {"first", "his", "her", "their", "its", "our", "counterpart", "counterparts"}
BACKGROUND_WORDS = {"previous", "prior", "earlier", "past", "former", "last"}
FOLLOW_UP = ("follow up to", "follow-up to", "followup to", "built on", "building on", "builds on")
KIND_ADJECTIVES = {
    "bilateral": "bilateral meeting",
    "multilateral": "multilateral meeting",
    "trilateral": "multilateral meeting",
    "regional": "multilateral meeting",
}


@dataclass
class Trigger:
    i: int
    lemma: str
    is_noun: bool
    kind: str
    explicit_kind: bool = False
    anaphoric: bool = False
    passive: bool = False


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


def find_triggers(sent: Span) -> list[Trigger]:
    """The meeting triggers of a sentence, in order."""
    triggers: list[Trigger] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        lower = tok.lower_
        if lower in {"talks"}:
            lemma = "talk"
        nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
        if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
            if lemma not in VERB_TRIGGERS:
                continue
            if lemma == "sit" and nxt != "down":
                continue
            if lemma in {"talk", "speak"} and nxt not in {"with", "by"}:
                continue
            if lemma == "hold":
                objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
                if not any(o.lemma_.lower() in NOUN_TRIGGERS for o in objects):
                    continue
                continue  # the noun ("talks", "meeting") is the trigger
            kind = {"travel": "visit", "visit": "visit", "host": "hosted visit",
                    "receive": "hosted visit", "talk": "talks", "speak": "call"}.get(lemma, "meeting")
            passive = any(c.dep_ == "auxpass" for c in tok.children) or (
                tok.tag_ == "VBN" and tok.i > sent.start and tok.nbor(-1).lemma_ == "be"
            )
            triggers.append(Trigger(tok.i, lemma, False, kind, passive=passive))
        elif tok.pos_ in {"NOUN", "PROPN"} and lemma in NOUN_TRIGGERS and tok.is_lower:
            if lemma == "call" and not (
                nxt == "with" or any(t.lower_ in {"phone", "telephone", "video"} for t in tok.lefts)
            ):
                continue
            if lemma == "talk" and lower != "talks":
                continue
            kind, explicit = {"talk": ("talks", False), "summit": ("summit", True),
                              "call": ("call", True), "visit": ("visit", False),
                              "trip": ("visit", False)}.get(lemma, ("meeting", False))
            for left in tok.lefts:
                if left.lower_ in KIND_ADJECTIVES:
                    kind, explicit = KIND_ADJECTIVES[left.lower_], True
            dets = {t.lower_ for t in tok.lefts if t.dep_ in {"det", "poss"}}
            triggers.append(
                Trigger(tok.i, lemma, True, kind, explicit, anaphoric=bool(dets & ANAPHORIC_DETS))
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


def _finite(tok) -> bool:
    return tok.tag_ in {"VBD", "VBZ", "VBP", "MD"} or tok.lower_ in {"where", "which", "who", "said"}


def _status(doc: Doc, sent: Span, trigger: Trigger, lo: int) -> str:
    """held or planned: the nearest tense cue before the trigger (future words, or a past verb)."""
    for k in range(trigger.i, sent.start - 1, -1):
        tok = doc[k]
        if tok.lower_ in FUTURE_WORDS:
            return "planned"
        if k < trigger.i and (tok.tag_ == "VBD" or (tok.tag_ == "VBN" and tok.dep_ != "amod")):
            return "held"
    if trigger.i > sent.start and doc[trigger.i - 1].lower_ == "to" and not any(
        t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in sent
    ):
        return "planned"  # a headline such as "Secretary X to Travel to Mexico"
    return "held"


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
        text_lower = sent.text.lower()
        for n, trig in enumerate(triggers):
            left_lo = triggers[n - 1].i + 1 if n else sent.start
            right_hi = triggers[n + 1].i if n + 1 < len(triggers) else sent.end
            # cut the right window at the next finite verb (a new clause)
            for k in range(trig.i + 1, right_hi):
                # a new clause, or a purpose clause ("to address ...")
                if _finite(doc[k]) or (doc[k].lower_ == "to" and k + 1 < right_hi and doc[k + 1].tag_ == "VB"):
                    right_hi = k
                    break
            cand = Candidate(sent_index, trig)
            side_a: list[str] = []
            side_b: list[str] = []
            place: PlaceRef | None = None
            left_place: PlaceRef | None = None
            mode = None
            for idx, m in in_sent:
                if idx in used and m.start < trig.i:
                    continue
                left = left_lo <= m.start < trig.i
                right = trig.i < m.start < right_hi
                if not (left or right):
                    continue
                prep = _preposition_before(doc, m.start, left_lo if left else trig.i + 1, actors_at)
                if m.kind in {"city", "country"} and (prep in LOCATIVE_PREPS or (
                    m.kind == "city" and prep not in PARTY_PREPS)):
                    current = place if right else left_place
                    if current is None or (current.kind == "country" and m.kind == "city"):
                        if right:
                            place = self._place(m)
                        else:
                            left_place = self._place(m)
                    used.add(idx)
                    continue
                if m.kind == "city":
                    continue
                if right and m.kind != "country" and prep is None and not trig.is_noun and trig.lemma not in {"visit", "host", "receive", "meet"}:
                    continue
                if right and trig.is_noun and prep not in {"with", "by", "between", "among", "of", "from"}:
                    continue
                if m.kind == "person":
                    pid = self.pid_of.get(idx)
                    if pid is None or pid in self.background_pids or m.background:
                        continue
                    side = side_a if left else side_b
                    if pid not in side:
                        side.append(pid)
                    used.add(idx)
                    if right:
                        with_tok = next((doc[k] for k in range(trig.i + 1, m.start) if doc[k].lower_ in {"with", "by"}), None)
                        if with_tok is not None and with_tok.lower_ == "by" and doc[with_tok.i - 1].lower_ == "led":
                            mode = "led"
                        elif with_tok is not None and with_tok.lower_ == "with" and trig.lemma in {"travel"}:
                            mode = "companions"
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
                    if trig.i < ent.start < right_hi and doc[ent.start - 1].lower_ in LOCATIVE_PREPS:
                        place = PlaceRef(ent.text, kind="city")
                        # "El Ocotal (Honduras)": a country in brackets right after the place
                        after = [m for _, m in in_sent if m.kind == "country" and ent.end <= m.start <= ent.end + 1]
                        if after:
                            place.country = after[0].key
                        break
            place = place or left_place
            if not side_a and previous_a:
                side_a = list(previous_a)
            if trig.lemma == "travel" and mode == "companions":
                cand.companions, side_b = side_b, []
            if mode == "led" and not side_a:
                cand.co_leads = True
            if trig.passive and trig.lemma in {"host", "receive"}:
                cand.side_a, cand.side_b = side_a, side_b  # visitors, hosts
            elif trig.lemma in {"host", "receive"}:
                cand.side_a, cand.side_b = side_b, side_a  # visitors (objects), hosts (subject)
            else:
                cand.side_a, cand.side_b = side_a, side_b
            cand.place = place or dateline
            cand.status = _status(doc, sent, trig, left_lo)
            lead = doc[max(sent.start, trig.i - 6) : trig.i].text.lower()
            before = text_lower[: doc[trig.i].idx - sent.start_char]
            cand.background = trig.is_noun and (
                any(w in lead.split() for w in BACKGROUND_WORDS) or any(f in before for f in FOLLOW_UP)
            )
            if side_a or not trig.is_noun:
                previous_a = side_a or previous_a
            candidates.append(cand)
        self._assign_dates(sent, candidates)
        return candidates

    def _assign_dates(self, sent: Span, candidates: list[Candidate]) -> None:
        for date in self.dates:
            if not (sent.start <= date.start < sent.end) or not candidates:
                continue
            nearest = min(candidates, key=lambda c: min(abs(c.trigger.i - date.start), abs(c.trigger.i - date.end)))
            if nearest.date_text:
                continue
            prefer = "future" if nearest.status == "planned" else "past"
            resolved = resolve_date(date.text, self.published, prefer)
            nearest.date_text = date.text
            nearest.date = resolved.value
            if resolved.value and resolved.value.day and self.published and self.published.day:
                pub = self.published.as_date()
                when = resolved.value.as_date()
                if when and pub:
                    nearest.status = "planned" if when > pub else "held"


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
    pa, pb = a.persons, b.persons
    if pa and pb:
        return bool(pa & pb)
    if not pa and not pb:
        return bool(a.countries & b.countries) and (a.countries <= b.countries or b.countries <= a.countries)
    persons, countries = (pa, b.countries) if pa else (pb, a.countries)
    covered = {person_country.get(p) for p in persons}
    return bool(countries) and countries <= covered


def to_record(cand: Candidate, mid: str, evidence: Evidence, person_country: dict[str, str | None]) -> MeetingRecord:
    persons = set(cand.side_a) | set(cand.side_b) | set(cand.companions)
    pairs: set[frozenset[str]] = set()
    if cand.side_a and cand.side_b:
        pairs = {frozenset((a, b)) for a in cand.side_a for b in cand.side_b if a != b}
    elif cand.co_leads and len(cand.side_b) >= 2:
        for i, a in enumerate(cand.side_b):
            for b in cand.side_b[i + 1 :]:
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


def is_new_meeting(cand: Candidate, focus: MeetingRecord | None) -> bool:
    """Whether a candidate introduces a meeting (rather than referring back to one)."""
    persons = set(cand.side_a) | set(cand.side_b) | set(cand.companions)
    if not persons and not cand.countries:
        return False
    if cand.trigger.lemma == "travel" and cand.place is None:
        return False
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
