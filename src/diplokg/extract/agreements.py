"""Agreements (named frameworks, declarations, memoranda, plans, protocols, the document's own
joint statement, earlier statements named by their date) and the commitment clauses of joint
statements: one clause per committing subject, with its action, modality and deadline, and the
cues by which a document reaffirms, continues or builds on an earlier agreement.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from ..corpus import PartialDate
from .actors import ActorMention
from ..text import fold
from .dates import resolve_date
from .tokentable import span_text, token_table

AGREEMENT_HEADS = {
    "agreement", "agreements", "accord", "accords", "treaty", "declaration", "framework", "plan",
    "protocol", "protocols", "memorandum", "initiative", "compact", "convention", "strategy",
    "statement", "communique", "communiqué", "arrangement", "program", "programme", "pact",
}
#: Words of a job title: an agreement's name stops before them ("… and Deputy Under Secretary
#: for Strategy, Policy, and Plans Angela …" is a title and a name, not a strategy).
TITLE_STOP = frozenset(
    """
    secretary secretaries minister ministers ambassador advisor adviser director commissioner
    governor senator dr dr. mr mr. mrs mrs. ms ms. chancellor administrator coordinator counselor
    undersecretary envoy congressman congresswoman mayor attorney spokesperson prosecutor president
    """.split()
)
LOWERCASE_AGREEMENTS = re.compile(
    r"\b(memorand(?:um|a) of (?:understanding|cooperation|agreement)|letter of intent)\b", re.I
)
OWN_STATEMENT_TITLE = re.compile(
    r"(?i)\b(joint\s+(?:statement|declaration|communiqu[eé]|readout)|declaration|communiqu[eé]|"
    r"memorandum|agreement|action plan|framework)\b"
)
#: A headline that reports an agreement being made ("… Sign Memorandum on …", "… Inks Pact").
REPORTED_SIGNING = re.compile(
    r"(?i)\b(?:sign|signs|signed|ink|inks|inked|conclude|concludes|concluded|reach|reaches|reached|"
    r"seal|seals|sealed|unveil|unveils|unveiled)\b"
)
SIGNING_VERBS = {"sign", "launch", "adopt", "conclude", "ratify", "implement", "expand", "agree", "establish", "enter"}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = r"(?:19|20)\d\d"
_DATE_PHRASE = rf"{_MONTH}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?|{_MONTH},?\s+{_YEAR}"
_ADVERBS = r"(?:also|immediately|further|jointly|each|both|now|then|therefore|swiftly|promptly|continue\s+to)"

#: Commitment cues: (kind, pattern, where the action starts: "end" after the cue, "start" at it).
CUES: list[tuple[str, re.Pattern[str], str]] = [
    ("reaffirmation", re.compile(r"(?i)\b(?:reiterate[sd]?|reaffirm(?:s|ed)?)\b"), "start"),
    ("welcome", re.compile(r"(?i)\b(?:welcome[sd]?|applaud(?:s|ed)?|commend(?:s|ed)?)\b"), "start"),
    ("aspirational", re.compile(
        r"(?i)\b(?:seek(?:s)?|strive[sd]?|aim(?:s|ed)?|intend(?:s|ed)?|endeavou?r(?:s|ed)?|aspire[sd]?|hope[sd]?|"
        r"(?<!\bthe )(?<!\bits )(?<!\btheir )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!'s )(?<!’s )(?<!\bnew )"
        r"(?<!\bannounced )(?<!\bunveiled )(?<!\bno )(?<!\bany )plans)\s+to\b"
    ), "start"),
    ("firm", re.compile(
        r"(?i)\b(?:commit(?:s|ted)?\s+(?:themselves\s+|itself\s+|ourselves\s+)?to|remain(?:s|ed)?\s+committed\s+to|"
        r"(?:our|their|its)\s+(?:shared\s+|joint\s+|mutual\s+)?commitment\s+to|agree(?:s|d)?\s+(?:to|that)|"
        r"pledge[sd]?\s+to|undertake[sd]?\s+to|decide[sd]?\s+to|resolve[sd]?\s+to|"
        r"(?:agree[sd]?|decide[sd]?|resolve[sd]?)\s+(?:on\s+|upon\s+)?the\s+following)\b"
    ), "end"),
    ("firm", re.compile(r"(?i)\b(?:agree(?:s|d)?\s+on|pledge[sd]?|undertake[sd]?)\b"), "start"),
    ("firm", re.compile(rf"(?i)(?<!political )(?<!good )(?<!the )\b(?:will|shall)(?:\s+{_ADVERBS})*"
                        r"(?=\s+[a-z]|,\s+[^,;]{1,40},\s+[a-z])"), "end"),
    ("firm", re.compile(r"(?i)\b(?:is|are)\s+(?:also\s+)?(?=taking\b)"), "end"),
]
#: Conditional clauses: "in the event …", "if …", "unless …", an inverted "Should the measures not …".
CONDITIONAL = re.compile(
    r"(?i)(\bin the event\b|\bin case\b|\bif\b|\bunless\b|\bprovided that\b|(?:^|[,;:]\s*)should\b)"
)
ASPIRATIONAL_VERBS = re.compile(
    r"(?i)^(?:(?:also|further|jointly|continue to|to)\s+)*(?:work|seek|strive|aim|intend|endeavou?r|aspire|hope|explore|try|encourage)\b"
)
#: Where a second clause may start: "; the United States will", ", and Mexico will", " while Mexico".
CLAUSE_BOUNDARY = re.compile(r"(?i)(?:;\s*|,?\s+(?:and|while|whereas|but)\s+(?:in turn,?\s+)?)")
COLLECTIVE_PARTY = re.compile(
    r"(?i)\b(both (?:parties|countries|governments|nations|sides|participants|delegations)|"
    r"the (?:two|three|four|our) (?:countries|governments|nations|sides|parties|participants)|"
    r"our (?:two |three )?(?:countries|governments|nations)|the leaders|leaders|we|they|the parties|the (?:two )?presidents|"
    r"the (?:two )?(?:delegations|sides|governments)|the participants|the signatories|"
    r"(?:each|either|every) (?:party|participant|signatory|government))\b"
)
#: A list item's marker: "1.", "(a)", "b)", "iv.", a bullet.
ENUMERATOR = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[-•*–·])\s+", re.IGNORECASE)
#: A list marker left at the end of a sentence by the segmenter ("… basis; 2.").
TRAILING_ENUMERATOR = re.compile(r"(?:^|(?<=[;:])|(?<=\band)|(?<=\bor))\s*(?:\d{1,2}[.)]|\(?[a-z]\))\s*$", re.IGNORECASE)
DEADLINE = re.compile(
    r"(?i)\b(?:within|in the next|over the next|in the coming|within the next)\s+"
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|eighteen|twenty|"
    r"twenty-one|twenty-four|thirty|forty|forty-five|fifty|sixty|ninety)\s+"
    r"(day|week|month|year)s?\b"
)
#: What a period counts from when it is not the publication day: "within 15 days of a written
#: request", "five days after the ceremony" (a future event: no date); "of the date of this
#: Communiqué", "of signature" count from the document's own day.
COUNTED_FROM = re.compile(r"(?i)\s*(?:of|after|from|following)\b\s*(?P<what>[^,;.]{0,80})")
OWN_DAY = re.compile(
    r"(?i)^(?:the\s+)?(?:date\s+of\s+)?(?:(?:the\s+)?(?:its\s+|their\s+)?(?:signature|signing|issuance|adoption|publication)"
    r"(?:\s+of\s+(?:this|the\s+present)\s+\w+)?|(?:this|the\s+present)\s+(?:joint\s+)?"
    r"(?:communiqu[eé]|statement|declaration|memorandum|agreement|arrangement|plan|framework|letter))\b"
)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "eighteen": 18,
                "twenty": 20, "twenty-one": 21, "twenty-four": 24, "thirty": 30, "forty": 40, "forty-five": 45,
                "fifty": 50, "sixty": 60, "ninety": 90}
BY_DATE = re.compile(
    rf"(?i)\b(?:by|no later than|not later than|before)\s+(?P<end>the end of\s+)?"
    rf"(?P<what>(?:this|the|next) (?:year|month)|{_DATE_PHRASE}|{_MONTH}|{_YEAR}\b)"
)
#: Words before an agreement that make the document return to it ("building on", "reaffirm").
REAFFIRM_CUE = re.compile(
    r"(?i)\b(reaffirm\w*|reiterat\w*|recall\w*|renew\w*|build(?:s|ing)?\s+(?:up)?on|built\s+(?:up)?on|"
    r"continu\w*|under|as agreed|consistent with|pursuant to|in accordance with|in line with|"
    r"guided by|implement\w*|follow(?:s|ing)?[- ]up on|uphold\w*|honou?r\w*|existing|previous|prior|earlier)\b"
)
ABANDON_CUE = re.compile(
    r"(?i)\b(end(?:s|ed|ing)?|terminat\w*|rescind\w*|suspend\w*|withdr[ae]w\w*|replac\w*|abandon\w*|"
    r"scrap\w*|revok\w*|cancel\w*|wind(?:s|ing)? down|halt\w*)\b"
)
#: An earlier statement named by its date: "their previous statement of December 18, 2018".
DATED_STATEMENT = re.compile(
    rf"(?i)\b(?P<kind>joint\s+statement|joint\s+declaration|joint\s+communiqu[eé]|statement|declaration|"
    rf"communiqu[eé]|agreement)\s+(?:of|from|dated|on|(?:issued|signed|made|adopted|announced|concluded)"
    rf"(?:\s+(?:in|at)(?:\s+[A-Z][\w.'-]*){{1,3}}?)?(?:\s+on)?)\s+(?P<date>{_DATE_PHRASE})"
)
#: "the June 7 Joint Declaration", "the 2019 U.S.-Mexico Joint Statement".
DATE_BEFORE_STATEMENT = re.compile(
    rf"(?P<date>{_DATE_PHRASE}|{_YEAR})\s+(?P<name>(?:[A-Z][\w.'-]*\s+){{0,3}}?"
    rf"(?:Joint\s+)?(?P<kind>Statement|Declaration|Communiqu[eé]|Agreement))\b"
)
SIGNED_BY = re.compile(r"(?i)\b(?:signed|issued|initiall?ed|endorsed)\s+by\b")
PRONOUN_SUBJECT = re.compile(r"(?i)\b(?:he|she|they)\s+(?:\w+\s+){0,2}$")
SIGNER_CLAUSE_BOUNDARY = re.compile(r"(?i)(?:;|,\s+(?:where|when|which|who|after|before|while)\b|\b(?:with|met|meets|meeting)\b)")
SIGN_VERB = re.compile(r"(?i)\b(?:sign(?:s|ed|ing)?|ink(?:s|ed)?|issu(?:e|es|ed|ing)|initiall?ed)\b")
_MONTH_TOKEN = re.compile(_MONTH.replace(r"\.", r"\.?") + r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
STATEMENT_FAMILY = {"statement": "statement", "declaration": "statement", "communique": "statement",
                    "communiqué": "statement", "agreement": "agreement"}


@dataclass(frozen=True)
class AgreementMention:
    start: int
    end: int
    label: str


def _strip_label(text: str) -> str:
    # a sentence-initial preposition is capitalised but no part of the name ("Under the Plan, …")
    text = re.sub(r"^(?:Under|Within|With|Through|By|Per|In|On|To|From|As|At|After|Before|During|Following)\s+(?=\S)",
                  "", text.strip(" ,.;:\"“”"))
    text = re.sub(r"(?i)^((?:the|an?|this|that|these|existing|new|so-called)\s+)+", "", text)
    text = re.sub(r"\s*\(([A-Z]{2,})\)$", "", text)
    return text.strip(" ,")


def _letter_of_intent(doc: Doc, k: int) -> bool:
    """"Letter" heads an agreement only as "Letter of Intent" (not "Open Letter")."""
    return doc[k].lower_ == "letter" and [t.lower_ for t in doc[k + 1:k + 3]] == ["of", "intent"]


def find_agreements(sent: Span) -> list[AgreementMention]:
    """Named agreements in a sentence ("U.S.-Mexico Bicentennial Framework for Security, ...")."""
    doc = sent.doc
    _, texts, lowers, caps, _ = token_table(doc)
    found: list[AgreementMention] = []
    i = sent.start
    while i < sent.end:
        if not caps[i]:
            i += 1
            continue
        j = i
        while j < sent.end and (
            caps[j] or texts[j] in {"-", "–", "'s"} or (
                lowers[j] in {"of", "for", "on", "and", "the", ","} and j + 1 < sent.end
                and (caps[j + 1] or lowers[j + 1] in {"and", "the"})
                and not _MONTH_TOKEN.fullmatch(texts[j + 1])  # "… Memorandum on March 3"
            )
        ):
            j += 1
        # a title word ends the name ("President's Emergency Plan" keeps its possessive)
        stop = next((k for k in range(i, j) if lowers[k] in TITLE_STOP
                     and not (k + 1 < j and texts[k + 1] == "'s")), j)
        heads = [k for k in range(i, stop) if lowers[k] in AGREEMENT_HEADS or _letter_of_intent(doc, k)]
        # a title-case headline: the name starts after its verb ("CBP and ANAM Sign Memorandum on …")
        begin = max((k + 1 for k in range(i, heads[0]) if REPORTED_SIGNING.fullmatch(doc[k].text)), default=i) if heads else i
        if heads and heads[0] > begin or heads and doc[heads[0]].lower_ in {"memorandum", "declaration", "letter"}:
            end = stop
            while end > begin and doc[end - 1].lower_ in {"of", "for", "on", "and", "the", ",", "-"}:
                end -= 1
            label = _strip_label(doc[begin:end].text)
            if len(label.split()) >= 2:
                found.append(AgreementMention(begin, end, label))
        i = max(j, i + 1)
    for match in LOWERCASE_AGREEMENTS.finditer(span_text(sent)):
        span = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
        if span is not None and not any(a.start <= span.start < a.end for a in found):
            found.append(AgreementMention(span.start, span.end, span.text.title().replace(" Of ", " of ")))
    return sorted(found, key=lambda a: a.start)


def own_statement_title(title: str | None, first_line: str | None) -> str | None:
    """The document's own agreement label when the document is a joint statement/declaration."""
    headline = first_line if first_line and not first_line.rstrip().endswith((".", "!", "?")) else None
    for candidate in (title, headline):
        if candidate and REPORTED_SIGNING.search(candidate):
            continue  # "CBP and Mexico Sign Memorandum …" reports a signing: a news item, not the text
        if candidate and OWN_STATEMENT_TITLE.search(candidate) and len(candidate.split()) <= 40:
            return candidate.strip()
    return None


def _add_months(base: date, months: int) -> date:
    year, month = divmod(base.month - 1 + months, 12)
    year += base.year
    return date(year, month + 1, min(base.day, calendar.monthrange(year, month + 1)[1]))


def _end_of(value: PartialDate) -> PartialDate:
    """The last day of a month or year."""
    if value.month is None:
        return PartialDate(value.year, 12, 31)
    if value.day is None:
        return PartialDate(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def _condition_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of conditional sub-clauses: from "if"/"should"/"unless"/"in the event" to
    the comma that closes them (or the end of the text)."""
    spans = []
    for match in CONDITIONAL.finditer(text):
        comma = text.find(",", match.end())
        spans.append((match.start(), comma if comma >= 0 else len(text)))
    return spans


def deadline_from(text: str, published: PartialDate | None) -> tuple[PartialDate | None, str | None]:
    """The deadline a clause states, resolved against the publication date, and its phrase.

    "within 90 days", "in the next 45 days" count from the publication day; "by December 2019"
    keeps month precision; "by the end of the year" is the year's last day; "no later than
    March 1, 2020" is that day. A relative period needs a known publication day.

    >>> deadline_from("to be announced within 90 days", PartialDate(2019, 6, 7))[0].isoformat()
    '2019-09-05'
    >>> deadline_from("by the end of the year", PartialDate(2019, 6, 7))[0].isoformat()
    '2019-12-31'

    A date inside a condition ("Should the flow fail to decline by the end of 2026, …") is the
    condition's horizon, not a deadline of the commitment.
    """
    conditions = _condition_spans(text)

    def outside(found: re.Match[str] | None) -> bool:
        return found is not None and not any(lo <= found.start() < hi for lo, hi in conditions)

    match = next((m for m in DEADLINE.finditer(text) if outside(m)), None)
    if match:
        raw = match.group(1).lower()
        amount = NUMBER_WORDS.get(raw) or int(raw)
        unit = match.group(2).lower()
        base = published.as_date() if published else None
        counted = COUNTED_FROM.match(text, match.end())
        if counted and not OWN_DAY.match(counted.group("what").strip()):
            return None, match.group(0)  # counted from a future event ("of a written request")
        if base is None:
            return None, match.group(0)
        if unit == "day":
            return PartialDate.from_date(base + timedelta(days=amount)), match.group(0)
        if unit == "week":
            return PartialDate.from_date(base + timedelta(weeks=amount)), match.group(0)
        months = amount * (12 if unit == "year" else 1)
        return PartialDate.from_date(_add_months(base, months)), match.group(0)
    match = next((m for m in BY_DATE.finditer(text) if outside(m)), None)
    if match:
        what = match.group("what").lower()
        value: PartialDate | None
        if what.endswith(("year", "month")) and not re.search(r"\d", what):
            if published is None or (what.endswith("month") and published.month is None):
                return None, match.group(0)
            value = PartialDate(published.year + (1 if what.startswith("next") and what.endswith("year") else 0))
            if what.endswith("month"):
                base = date(published.year, published.month or 1, 1)
                value = PartialDate.from_date(_add_months(base, 1 if what.startswith("next") else 0))
                value = PartialDate(value.year, value.month)
            value = _end_of(value)
        else:
            value = resolve_date(match.group("what"), published, "future").value
            if value is not None and match.group("end"):
                value = _end_of(value)
        return value, match.group(0)
    return None, None


@dataclass(frozen=True)
class Cue:
    """A commitment cue in a text: its kind, where it stands and where its action starts."""

    kind: str
    start: int
    end: int
    action_start: int


def find_cues(text: str) -> list[Cue]:
    """The commitment cues of a text, left to right, without overlaps."""
    found: list[Cue] = []
    for kind, pattern, anchor in CUES:
        for match in pattern.finditer(text):
            found.append(Cue(kind, match.start(), match.end(), match.start() if anchor == "start" else match.end()))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    result: list[Cue] = []
    for cue in found:
        if result and cue.start < result[-1].end:
            continue
        result.append(cue)
    return result


def commitment_match(sent: Span) -> tuple[str, int] | None:
    """(kind, character offset in the sentence) of the first commitment cue, if any."""
    cues = find_cues(sent.text)
    return (cues[0].kind, cues[0].start) if cues else None


@dataclass(frozen=True)
class Clause:
    """One commitment clause of a sentence: character offsets in the sentence, its cues."""

    start: int
    end: int
    cues: tuple[Cue, ...]

    @property
    def kind(self) -> str:
        return self.cues[0].kind


def split_clauses(text: str, has_subject: Callable[[int, int], bool]) -> list[Clause]:
    """Cut a sentence into commitment clauses, one per committing subject.

    A new clause starts at a boundary (";", ", and", " while") that follows a cue of the current
    clause and is followed by its own subject and cue ("Mexico will deploy …, and the United
    States will expand …"). ``has_subject(lo, hi)`` says whether a committing party (a country,
    a group, "both parties") stands between those offsets.
    """
    cues = find_cues(text)
    if not cues:
        return []
    clauses: list[list[Cue]] = [[cues[0]]]
    starts = [0]
    for cue in cues[1:]:
        previous = clauses[-1][-1]
        boundary = None
        for match in CLAUSE_BOUNDARY.finditer(text, previous.end, cue.start):
            boundary = match
        if boundary is not None and len(text[boundary.end():cue.start].split()) <= 12 and has_subject(boundary.end(), cue.start):
            clauses.append([cue])
            starts.append(boundary.end())
            clauses[-2].append(Cue("end", boundary.start(), boundary.start(), boundary.start()))
        else:
            clauses[-1].append(cue)
    result = []
    for start, group in zip(starts, clauses):
        end = group[-1].start if group[-1].kind == "end" else len(text)
        real = tuple(c for c in group if c.kind != "end")
        result.append(Clause(start, end, real))
    return result


def clause_action(text: str, clause: Clause) -> str | None:
    """The action a clause commits to: the verb phrase after its cue ("deploy its National
    Guard"), up to a subordinate clause, at most 20 words."""
    for cue in clause.cues:
        rest = text[cue.action_start:clause.end].strip()
        if not rest or rest[0] in ",;:" or re.match(r"(?i)that\b", rest):
            continue
        cut = re.search(
            r"(?i)(?:;|\.(?:\s|$)|,\s+(?:to include|including|while|which|so that|giving|in order|"
            r"if|unless|in the event|whereas|that|and that|to be)\b|\s+\(|,\s*$)",
            rest,
        )
        phrase = rest[: cut.start()] if cut else rest
        phrase = re.sub(rf"(?i)^(?:{_ADVERBS}\s+)+(?=\w)", "", phrase).strip(" ,.;:")
        words = phrase.split()
        if words:
            return " ".join(words[:20])
    return None


def commitment_modality(text: str, kind: str, action: str | None = None) -> str:
    """firm ("will", "commit to", "agree to", "shall"), conditional ("in the event", "if",
    "should … not"), aspirational ("work to", "seek to", "strive", "intend"), welcome
    ("welcome", "applaud") or reaffirmation ("reiterate", "reaffirm")."""
    if CONDITIONAL.search(text):
        return "conditional"
    if kind in {"reaffirmation", "welcome", "aspirational"}:
        return kind
    if action is not None and ASPIRATIONAL_VERBS.search(action):
        return "aspirational"
    if action is None and re.search(r"(?i)\b(?:will|shall|to)\s+(?:also\s+)?(?:work|seek|strive|aim|intend)\s+to\b", text):
        return "aspirational"
    return "firm"


PREPOSITIONS = frozenset("in to at into across throughout within from with of by for on between among".split())
#: Nouns that stand for a country's state: "the Mexican government", "U.S. authorities".
GOVERNMENT_NOUNS = frozenset(
    "government governments administration authorities officials delegation state forces army navy "
    "military police executive cabinet side".split()
)
#: The states themselves as a subject ("the two governments", "both countries", "the three nations"),
#: as opposed to the persons or delegations of a meeting ("both sides", "the delegations").
STATES_TOGETHER = re.compile(
    r"(?i)^(?:the\s+|both\s+(?:the\s+)?|all\s+)(?:(?:two|three|four)\s+)?(?:governments|countries|nations)$"
)
#: A step that only continues the talks ("meet again", "remain in close contact", "hold periodic
#: meetings", "speak again"): a joint process, not an undertaking that founds an understanding.
PROCESS_ACTION = re.compile(
    r"(?i)^(?:(?:also|further|jointly|then|continue\s+to|keep|to)\s+)*(?:meet|speak|talk|reconvene|convene|stay\s+in\s+touch|"
    r"remain\s+in\s+(?:close\s+|regular\s+|constant\s+)?(?:contact|touch|communication)|keep\s+in\s+touch|"
    r"(?:hold|have|schedule)\s+(?:a\s+|the\s+|their\s+)?(?:next\s+|another\s+|further\s+|periodic\s+|regular\s+|"
    r"follow-up\s+|new\s+)*(?:meetings?|talks|sessions?|conversations?|calls?|rounds?)|"
    r"continue\s+(?:the(?:ir)?\s+)?(?:dialogue|discussions?|conversations?|talks|consultations)|"
    r"(?:host|attend|join|participate\s+in)\s+(?:the\s+|a\s+)?(?:next\s+|upcoming\s+)?(?:meeting|talks|summit|session|round|dialogue)|"
    r"(?:send|lead)\s+(?:a|its|their)\s+(?:high-level\s+)?delegation|travel\s+to|visit\b|"
    r"(?:re)?negotiat(?:e|ing)\b|"
    # weighing a step is not taking it: "consider the request", "study the proposal", "present a proposal"
    r"(?:consider|study|review|evaluate|examine|explore|weigh|analy[sz]e|assess)(?:ing)?\b|"
    r"(?:present|submit|send|make)\s+(?:a|an|its|their)\s+(?:new\s+|formal\s+|written\s+)?(?:counter-?)?(?:proposal|offer|response)\b|"
    # "cooperate on security", "work together against organized crime", "cooperate to confront
    # organized crime": cooperation in general, no step of its own (not "work to reduce …",
    # "coordinate actions against …")
    r"(?:work(?:ing)?|cooperat(?:e|ing)|collaborat(?:e|ing))\s+(?:(?:closely|together|jointly|more)\b\s*)*"
    r"(?:(?:on|in|against|with|for|to\s+(?:confront|combat|fight|address|tackle|counter|face))\s+(?:(?!\bto\s)[^.;,:]){0,60})?(?=[.;,]|$))"
)
#: A report of what someone said: "Analysts said", ", officials said", "according to ...". Speakers
#: who do not speak for a party make a prediction, not an undertaking.
REPORTING_VERB = re.compile(
    r"(?i)\b(?:said|says|say|told\s+\w+|warned|warn|warns|noted|notes|added|argued|argue|predicted|predict|"
    r"expect(?:s|ed)?|believe[sd]?|fear(?:s|ed)?|suggest(?:s|ed)?|speculated|according\s+to)\b"
)
HEDGED_SPEAKER = re.compile(
    r"(?i)\b(?:analysts?|critics?|experts?|economists?|observers?|opposition|lawmakers?|senators?|legislators?|"
    r"reports?|study|studies|polls?|skeptics?|commentators?|columnists?|scholars?|academics?|researchers?|"
    r"editorials?|activists?|advocates?|detractors?|some|others|many)\b"
)
#: Not a will to act: "would be", "would not", "would likely", "would need to", "would benefit".
NOT_AN_UNDERTAKING = re.compile(
    r"(?i)^\s*(?:be|have|not|never|likely|probably|possibly|perhaps|need|like|prefer|benefit|suffer|struggle|"
    r"depend|welcome|face|lose|gain|cost|mean|allow|seem|appear|remain|become|want|rather|only)\b"
)
#: What befalls a subject, not what it undertakes: "both governments will continue to face
#: pressure", "Mexico will benefit from …", "the United States will lose …".
EXPERIENCE = re.compile(
    r"(?i)^\s*(?:face|suffer|benefit|struggle|depend|lose|gain|cost|mean|seem|appear|want|like|prefer|feel|"
    r"experience|hope|wait|watch)\b"
)
#: A body's standing activity going on, not a new step: "will continue its mission of …", "will
#: keep guarding the border" (not "will continue to share …").
ONGOING = re.compile(
    r"(?i)^\s*(?:continue\s+(?:its|their|his|her|the|our)\s+(?:[\w-]+\s+){0,2}?(?:mission|work|efforts?|"
    r"operations?|activities|role|duties|patrols?|presence|tasks?)\b|keep\s+(?:on\s+)?\w+ing\b)"
)
#: A measure one side takes against the other, not an undertaking toward it: "Mexico will
#: retaliate …", "the United States will impose tariffs …", "… will respond to any tariffs".
COUNTERMEASURE = re.compile(
    r"(?i)^\s*(?:(?:also|further|now|then|immediately|quickly|continue\s+to)\s+)*"
    r"(?:retaliate|respond|react|reciprocate|impose|slap|levy|threaten|punish|sanction|sue|hit\s+back)\b"
)
#: A proposal's terms, not a deal's: "Under the proposal, Mexico would …", "Under the plan
#: proposed by Mexico, …", "According to a draft, …".
PROPOSAL_FRAME = re.compile(
    r"(?i)^\s*(?:under|according\s+to|in)\s+(?:the|a|an|this|that|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:proposals?|counter-?proposals?|drafts?|offers?|proposed|suggested|demands?|wish\s+list|scenarios?)\b"
)
#: A subject's wish, expectation or demand about someone else's future act: "Mexico hopes the
#: United States will …", "Washington expects Mexico will …", "officials urged that …".
EXPECTATION_VERB = re.compile(
    r"(?i)\b(?:hope[sd]?|hoping|wish(?:es|ed)?|wants?|wanted|urge[sd]?|ask(?:s|ed)?|expect(?:s|ed)?|"
    r"believe[sd]?|fear(?:s|ed)?|predict(?:s|ed)?|doubt(?:s|ed)?|think|thinks|thought|demand(?:s|ed)?|"
    r"insist(?:s|ed)?|suggest(?:s|ed)?|speculated|warn(?:s|ed)?|worr(?:y|ies|ied)|anticipate[sd]?|bet|bets)\b"
)
#: An agreement that binds its parties: "The framework committed both countries to …", "The
#: accord requires Mexico to …", "The plan calls on the two governments to …".
OBLIGATION = re.compile(
    r"(?i)\b(?P<verb>commit(?:s|ted)?|require[sd]?|oblige[sd]?|obligate[sd]?|binds|bound|calls?\s+(?:on|upon|for)|"
    r"called\s+(?:on|upon|for))\s+(?P<who>[^,;:.]{2,80}?)\s+to\s+(?!(?:the|a|an|this|that|its|their)\b)(?=[a-z])"
)
AGREEMENT_ANAPHOR = re.compile(
    r"(?i)(?:^|\b)(?:the|this|that|its|their)\s+(?:new\s+|\w+\s+)?(?P<head>" + "|".join(sorted(AGREEMENT_HEADS - {
        "statement", "program", "programme", "strategy", "initiative"})) + r"|deal)\s*$"
)


def hedged_report(text: str, cue: int) -> bool:
    """Whether the clause whose cue stands at ``cue`` is reported from a speaker who does not
    speak for a party ("Analysts said Mexico would …", "…, critics warned") or is asked about
    ("Asked whether Mexico would …").

    >>> hedged_report("Both countries would benefit from lower tariffs, economists said.", 15)
    True
    >>> hedged_report("Mexico would deploy agents, officials said.", 7)
    False
    """
    if re.search(r"(?i)\b(?:whether|if)\b[^,;]*$", text[:cue]):
        return True
    for match in REPORTING_VERB.finditer(text):
        speaker = re.split(r"[.;,]", text[:match.start()])[-1]
        if match.start() > cue:  # ", economists said" / ", said analyst Ana Ruiz"
            speaker += " " + re.split(r"[.;,]", text[match.end():])[0]
        if HEDGED_SPEAKER.search(speaker):
            return True
    return False


def _of_government(doc: Doc, start: int, last) -> bool:  # type: ignore[no-untyped-def]
    """Whether a country mention names the state a government noun stands for: a modifier of it
    ("the Mexican government", "U.S. authorities") or its "of"-object ("the Government of Mexico")."""
    def free(i: int) -> bool:  # the phrase starting at i is no prepositional object ("with the Mexican government")
        i = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
        return i == 0 or doc[i - 1].lower_ not in PREPOSITIONS

    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and after.lower_ in GOVERNMENT_NOUNS and last.dep_ in {"compound", "amod", "nmod", "poss", ""}:
        return free(start)
    k = start - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1
    return k > 0 and doc[k].lower_ == "of" and doc[k - 1].lower_ in GOVERNMENT_NOUNS and free(k - 1)


def subject_countries(
    sent: Span, cue_offset: int, actors: list[ActorMention], group_members: dict[str, tuple[str, ...]],
    person_country: dict[int, str | None], lo_offset: int = 0,
    org_country: dict[int, str | None] | None = None,
) -> tuple[set[str], bool]:
    """Countries that make a commitment (between ``lo_offset`` and the cue), and whether a
    collective phrase ("both parties", "we", "the leaders", "the Participants", "each Party")
    stands there. An agency subject ("CBP", "SEDENA") commits its country when
    ``org_country`` (actor index -> country) knows it."""
    org_country = org_country or {}
    doc: Doc = sent.doc
    cue_char = sent.start_char + cue_offset
    lo_char = sent.start_char + lo_offset
    countries: set[str] = set()
    for idx, m in enumerate(actors):
        if not (sent.start <= m.start < sent.end) or not (lo_char <= doc[m.start].idx < cue_char):
            continue
        prev = doc[m.start - 1].lower_ if m.start > sent.start else ""
        last = doc[m.end - 1]
        if m.kind == "country" and m.key and _of_government(doc, m.start, last):
            countries.add(m.key)  # "The Government of Mexico", "the Mexican government", "U.S. authorities"
            continue
        if prev in {"in", "to", "at", "into", "across", "throughout", "within", "from", "with", "of"}:
            continue
        if m.kind == "country" and m.key and not m.demonym and last.dep_ not in {"compound", "amod", "nmod"}:
            countries.add(m.key)
        elif m.kind == "group":
            countries.update(group_members.get(m.key or "", ()))
        elif m.kind == "person" and person_country.get(idx):
            countries.add(person_country[idx])  # type: ignore[arg-type]
        elif m.kind == "org" and org_country.get(idx) and doc[m.end - 1].dep_ not in {"compound", "amod", "nmod"}:
            countries.add(org_country[idx])  # type: ignore[arg-type]
    lead = span_text(sent)[lo_offset:cue_offset]
    return countries, bool(COLLECTIVE_PARTY.search(lead))


@dataclass(frozen=True)
class StatementReference:
    """An earlier statement or agreement named by its date ("their previous statement of
    December 18, 2018", "the June 7 Joint Declaration")."""

    start: int  # character offsets in the text
    end: int
    label: str
    family: str  # statement or agreement
    date: PartialDate | None


def _kind_title(kind: str) -> str:
    return " ".join(w.capitalize() for w in kind.split())


def find_statement_references(text: str, published: PartialDate | None) -> list[StatementReference]:
    """Earlier statements and agreements a text names by their date, with the date resolved
    (a date without a year is the last such day before publication).

    >>> [r.label for r in find_statement_references("They reiterate their previous statement of December 18, 2018.", None)]
    ['Statement of December 18, 2018']
    """
    found: list[StatementReference] = []
    for match in DATED_STATEMENT.finditer(text):
        date_text = match.group("date")
        kind = re.sub(r"\s+", " ", match.group("kind"))
        found.append(_reference(match.start(), match.end(), _kind_title(kind), kind, date_text, published))
    for match in DATE_BEFORE_STATEMENT.finditer(text):
        if any(r.start <= match.start() < r.end for r in found):
            continue
        name = re.sub(r"\s+", " ", match.group("name"))
        found.append(_reference(match.start(), match.end(), name, match.group("kind"), match.group("date"), published))
    return sorted(found, key=lambda r: r.start)


def _reference(start: int, end: int, name: str, kind: str, date_text: str, published: PartialDate | None) -> StatementReference:
    value = resolve_date(date_text, published, "past").value
    date_text = re.sub(r"\s+", " ", date_text)
    if value is not None and not re.search(_YEAR, date_text):
        date_text = f"{date_text}, {value.year}"
    family = STATEMENT_FAMILY.get(fold(kind.split()[-1]), "statement")
    return StatementReference(start, end, f"{name} of {date_text}", family, value)


def returns_to(text: str, position: int, window: int = 90) -> bool:
    """Whether the words just before ``position`` reaffirm, continue or build on what follows
    (and do not end, suspend or replace it)."""
    lead = text[max(0, position - window):position]
    lead = re.split(r"[;.]", lead)[-1]
    return bool(REAFFIRM_CUE.search(lead)) and not ABANDON_CUE.search(lead)


@dataclass(frozen=True)
class LeadIn:
    """A sentence that opens a list of commitments ("the Participants intend to:", "The
    Parties shall:"): where its committing clause starts, its cue and the text items inherit."""

    start: int  # character offsets in the sentence
    cue: Cue
    text: str  # "the Participants intend to:"


def lead_in(text: str, lo: int = 0) -> LeadIn | None:
    """The lead-in of an enumerated list of commitments: a sentence (from ``lo``) that ends in
    a colon right after a commitment cue ("… intend to:", "… shall:", "… agree to the
    following:"), possibly followed by the first list marker the segmenter left there."""
    body = TRAILING_ENUMERATOR.sub("", text.rstrip()).rstrip()
    if not body.endswith(":"):
        return None
    bare = re.search(rf"(?i)\b(?:will|shall)(?:\s+{_ADVERBS})*\s*:$", body)  # "The Parties shall:"
    if bare is not None and bare.start() >= lo:
        cue = Cue("firm", bare.start(), bare.end() - 1, bare.end() - 1)
        return LeadIn(lo, cue, body[lo:].strip())
    cues = [c for c in find_cues(body) if c.start >= lo and c.kind in {"firm", "aspirational"}]
    if not cues:
        return None
    cue = cues[-1]
    tail = body[cue.end:-1].strip()
    if len(tail.split()) > 4 or re.search(r"[,;]", tail):
        return None
    return LeadIn(lo, cue, body[lo:].strip())


def list_item(text: str) -> tuple[int, int] | None:
    """Character span of a list item's content in a sentence ("2. develop joint criteria;",
    "(b) exchange data", "- train officers", "share data …; 3."), or None when the sentence
    does not continue a list (it starts with a capital and no marker)."""
    if not text.strip():
        return None
    lo = 0
    marker = ENUMERATOR.match(text)
    if marker:
        lo = marker.end()
    stripped = text[lo:].lstrip()
    if not stripped:
        return None
    lo = len(text) - len(text[lo:].lstrip())
    if marker is None and not stripped[0].islower():
        return None
    hi = len(TRAILING_ENUMERATOR.sub("", text.rstrip()))
    body = text[lo:hi].rstrip()
    body = re.sub(r"(?i)(?:[;,]\s*(?:and|or)?|\.)$", "", body).rstrip()
    return (lo, lo + len(body)) if body else None


_INLINE_MARKER = re.compile(r"(?:^|(?<=[:;,])|(?<=\band)|(?<=\bor))\s*\(?(?P<mark>\d{1,2}|[a-z])[.)]\s+")


def inline_list(text: str) -> tuple[int, list[tuple[int, int]]] | None:
    """An enumerated list inside one sentence ("… intend to: 1. share data; 2. train officers."):
    the offset just after the lead-in's colon and the character spans of the items, whose markers
    must run in order (1, 2, 3 or a, b, c)."""
    colon = re.search(r":\s*\(?(?:1|a)[.)]\s+", text)
    if colon is None:
        return None
    cut = colon.start() + 1
    marks: list[re.Match[str]] = []
    for match in _INLINE_MARKER.finditer(text, cut):
        mark = match.group("mark")
        expected = "1" if not marks else (str(int(marks[-1].group("mark")) + 1) if marks[-1].group("mark").isdigit()
                                          else chr(ord(marks[-1].group("mark")) + 1))
        if not marks and mark not in {"1", "a"}:
            return None
        if mark == expected or (not marks and mark == "a"):
            marks.append(match)
    if len(marks) < 2:
        return None
    items = []
    for n, match in enumerate(marks):
        hi = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        body = text[match.end():hi]
        body = re.sub(r"(?i)(?:[;,]\s*(?:and|or)?|\s+(?:and|or)|\.)?\s*$", "", body)
        if body.strip():
            items.append((match.end(), match.end() + len(body)))
    return cut, items
