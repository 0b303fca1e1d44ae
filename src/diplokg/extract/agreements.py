"""Agreements (named frameworks, declarations, memoranda, plans, protocols, and the document's own
joint statement) and the commitment clauses of joint statements.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from ..corpus import PartialDate
from .actors import ActorMention, _is_cap
from .dates import resolve_date

AGREEMENT_HEADS = {
    "agreement", "agreements", "accord", "accords", "treaty", "declaration", "framework", "plan",
    "protocol", "protocols", "memorandum", "initiative", "compact", "convention", "strategy",
    "statement", "communique", "communiqué", "arrangement", "program", "programme", "pact",
}
LOWERCASE_AGREEMENTS = re.compile(
    r"\b(memorand(?:um|a) of (?:understanding|cooperation|agreement)|letter of intent)\b", re.I
)
OWN_STATEMENT_TITLE = re.compile(
    r"(?i)\b(joint\s+(?:statement|declaration|communiqu[eé]|readout)|declaration|communiqu[eé]|"
    r"memorandum|agreement|action plan|framework)\b"
)
SIGNING_VERBS = {"sign", "launch", "adopt", "conclude", "ratify", "implement", "expand", "agree", "establish", "enter"}
COMMIT_PATTERNS = [
    ("reaffirmation", re.compile(r"(?i)\b(reiterate[sd]?|reaffirm(?:s|ed)?)\b")),
    ("firm", re.compile(r"(?i)\b(commit(?:s|ted)? to|remain(?:s|ed)? committed|(?:our|their) commitment|agree(?:s|d)? (?:to|that|on)|pledge[sd]?|undertake[sd]?)\b")),
    ("firm", re.compile(r"(?i)\b(will|shall)\s+(?:also\s+|immediately\s+|continue to\s+)?[a-z]+")),
    ("firm", re.compile(r"(?i)\b(?:is|are)\s+(?:also\s+)?taking\b")),
    ("aspirational", re.compile(r"(?i)\b(welcome[sd]?)\b")),
]
CONDITIONAL = re.compile(r"(?i)\b(in the event|if necessary|unless|if\b|should (?:the|these|this))")
ASPIRATIONAL = re.compile(r"(?i)\b(work to|seek(?:s)? to|strive|aim(?:s)? to|explore|encourage|welcome[sd]?)\b")
COLLECTIVE_PARTY = re.compile(
    r"(?i)\b(both (?:parties|countries|governments|nations|sides)|the (?:two|our) (?:countries|governments|nations)|"
    r"our countries|our governments|the leaders|leaders|we|they|the parties)\b"
)
DEADLINE = re.compile(r"(?i)\bwithin\s+(\d+|one|two|three|four|five|six|seven|eight|nine|ten|thirty|sixty|ninety)\s+(day|week|month|year)s?\b")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "thirty": 30, "sixty": 60, "ninety": 90}


@dataclass(frozen=True)
class AgreementMention:
    start: int
    end: int
    label: str


def _strip_label(text: str) -> str:
    text = re.sub(r"(?i)^((?:the|an?|this|that|these|existing|new|so-called)\s+)+", "", text.strip(" ,.;:\"“”"))
    text = re.sub(r"\s*\(([A-Z]{2,})\)$", "", text)
    return text.strip(" ,")


def find_agreements(sent: Span) -> list[AgreementMention]:
    """Named agreements in a sentence ("U.S.-Mexico Bicentennial Framework for Security, ...")."""
    doc = sent.doc
    found: list[AgreementMention] = []
    i = sent.start
    while i < sent.end:
        if not _is_cap(doc[i]):
            i += 1
            continue
        j = i
        while j < sent.end and (
            _is_cap(doc[j]) or doc[j].text in {"-", "–", "'s"} or (
                doc[j].lower_ in {"of", "for", "on", "and", "the", ","} and j + 1 < sent.end
                and (_is_cap(doc[j + 1]) or doc[j + 1].lower_ in {"and", "the"})
            )
        ):
            j += 1
        heads = [k for k in range(i, j) if doc[k].lower_ in AGREEMENT_HEADS]
        if heads and heads[0] > i or heads and doc[heads[0]].lower_ in {"memorandum", "declaration"}:
            end = j
            while end > i and doc[end - 1].lower_ in {"of", "for", "on", "and", "the", ",", "-"}:
                end -= 1
            label = _strip_label(doc[i:end].text)
            if len(label.split()) >= 2:
                found.append(AgreementMention(i, end, label))
        i = max(j, i + 1)
    for match in LOWERCASE_AGREEMENTS.finditer(sent.text):
        span = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
        if span is not None and not any(a.start <= span.start < a.end for a in found):
            found.append(AgreementMention(span.start, span.end, span.text.title().replace(" Of ", " of ")))
    return sorted(found, key=lambda a: a.start)


def own_statement_title(title: str | None, first_line: str | None) -> str | None:
    """The document's own agreement label when the document is a joint statement/declaration."""
    headline = first_line if first_line and not first_line.rstrip().endswith((".", "!", "?")) else None
    for candidate in (title, headline):
        if candidate and OWN_STATEMENT_TITLE.search(candidate) and len(candidate.split()) <= 40:
            return candidate.strip()
    return None


def deadline_from(text: str, published: PartialDate | None) -> tuple[PartialDate | None, str | None]:
    """``within 90 days`` resolved against the publication day.

    >>> deadline_from("to be announced within 90 days", PartialDate(2019, 6, 7))[0].isoformat()
    '2019-09-05'
    """
    match = DEADLINE.search(text)
    if match:
        amount = NUMBER_WORDS.get(match.group(1).lower()) or int(match.group(1))
        unit = match.group(2).lower()
        base = published.as_date() if published else None
        if base is None:
            return None, match.group(0)
        if unit == "day":
            return PartialDate.from_date(base + timedelta(days=amount)), match.group(0)
        if unit == "week":
            return PartialDate.from_date(base + timedelta(weeks=amount)), match.group(0)
        months = amount * (12 if unit == "year" else 1)
        year, month = divmod(base.month - 1 + months, 12)
        year += base.year
        day = min(base.day, calendar.monthrange(year, month + 1)[1])
        return PartialDate.from_date(date(year, month + 1, day)), match.group(0)
    match = re.search(r"(?i)\b(?:by|no later than|before)\s+((?:the end of\s+)?[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?|[A-Z][a-z]+ \d{4}|\d{4})", text)
    if match:
        resolved = resolve_date(match.group(1), published, "future")
        return resolved.value, match.group(0)
    return None, None


def commitment_modality(text: str, kind: str) -> str:
    if CONDITIONAL.search(text):
        return "conditional"
    if kind == "reaffirmation":
        return "reaffirmation"
    if kind == "aspirational" or ASPIRATIONAL.search(text):
        return "aspirational"
    return "firm"


def commitment_match(sent: Span) -> tuple[str, int] | None:
    """(kind, character offset in the sentence) of the first commitment cue, if any."""
    best: tuple[str, int] | None = None
    for kind, pattern in COMMIT_PATTERNS:
        match = pattern.search(sent.text)
        if match and (best is None or match.start() < best[1]):
            best = (kind, match.start())
    return best


def subject_countries(
    sent: Span, cue_offset: int, actors: list[ActorMention], group_members: dict[str, tuple[str, ...]],
    person_country: dict[int, str | None],
) -> tuple[set[str], bool]:
    """Countries that make a commitment (left of the cue), and whether a collective phrase
    ("both parties", "we", "the leaders") stands there."""
    doc: Doc = sent.doc
    cue_char = sent.start_char + cue_offset
    countries: set[str] = set()
    for idx, m in enumerate(actors):
        if not (sent.start <= m.start < sent.end) or doc[m.start].idx >= cue_char:
            continue
        prev = doc[m.start - 1].lower_ if m.start > sent.start else ""
        if prev in {"in", "to", "at", "into", "across", "throughout", "within"}:
            continue
        if m.kind == "country" and m.key and not m.demonym and doc[m.end - 1].dep_ not in {"compound", "amod", "nmod"}:
            countries.add(m.key)
        elif m.kind == "group":
            countries.update(group_members.get(m.key or "", ()))
        elif m.kind == "person" and person_country.get(idx):
            countries.add(person_country[idx])  # type: ignore[arg-type]
    lead = sent.text[:cue_offset]
    return countries, bool(COLLECTIVE_PARTY.search(lead))
