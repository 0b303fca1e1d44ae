"""Date phrases and their resolution against a document's publication date.

``resolve_date("Friday, July 13th", published=PartialDate(2018, 7, 12), prefer="future")`` is
2018-07-13. Relative and partial phrases ("Tuesday", "tomorrow", "this week", "last month",
"later this year") resolve only as precisely as the publication date allows: a weekday needs a
known publication day, and "last month" gives a year and month, never an invented day. Parsing is
done by ``dateparser``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.language import Language
from spacy.tokens import Doc

from ..corpus import PartialDate
from .tokentable import token_table

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [m.lower() for m in calendar.month_name[1:]]
RELATIVE_DAY_WORDS = {"today", "tomorrow", "yesterday", "tonight"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"(?i)\b(" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?")
_DAY_NUMBER = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ResolvedDate:
    """A date phrase and what it resolves to (``value`` is None when it cannot be fixed)."""

    text: str
    value: PartialDate | None


def _base(published: PartialDate, prefer: str | None) -> datetime:
    if published.day and published.month:
        return datetime(published.year, published.month, published.day)
    if published.month:
        last = calendar.monthrange(published.year, published.month)[1]
        return datetime(published.year, published.month, 1 if prefer == "future" else last)
    return datetime(published.year, 1 if prefer == "future" else 12, 1 if prefer == "future" else 31)


_WEEKDAY_PHRASE = re.compile(
    r"(?i)^(?:(?P<which>this|next|last|previous|past|coming|this past|this coming)\s+)?"
    r"(?P<day>" + "|".join(WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?$"
)


def _same_weekday(phrase: str, published: PartialDate) -> PartialDate | None:
    """The publication day when ``phrase`` names its own weekday without "next"/"last"
    ("on Friday", "this Friday", "Friday morning" in a Friday text); else None.

    News and government releases name the day of publication by its weekday ("met on Friday",
    "will sign on Friday"), so the phrase means that day in either tense, never a week away."""
    match = _WEEKDAY_PHRASE.match(phrase.strip())
    day = published.as_date() if published.day is not None else None
    if match is None or day is None or WEEKDAYS.index(match.group("day").lower()) != day.weekday():
        return None
    which = (match.group("which") or "this").lower()
    return published if which == "this" else None


#: A day of the month without its month: "the 7th", "the 21st".
_ORDINAL_DAY = re.compile(r"(?i)^(?:the\s+)?([0-3]?\d)(?:st|nd|rd|th)$")
#: A vague part of a relative period: "earlier this month", "late last month", "mid-next week".
_PERIOD_PART = re.compile(
    r"(?i)^(?:earlier|early|later|late|mid-?|the\s+(?:end|beginning|start|middle)\s+of)\s*(?=(?:this|last|next|the\s+past)\s+(?:week|month)\b)"
)
_MONTH_WORD = (r"(?:" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?")
_ABBREVIATIONS = {m[:3]: n for n, m in enumerate(MONTHS, start=1)} | {"sept": 9}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
#: A vague part of a month, a year or a season: "late September", "mid-2023", "the end of last
#: year", "the week of May 13" (precision stops at the month: no day is invented).
_VAGUE_PART = re.compile(
    r"(?i)^(?:earlier|early|later|late|mid-?|the\s+(?:very\s+)?(?:end|beginning|start|middle|close|"
    r"(?:first|second|last)\s+(?:half|week|days|part)|week)\s+of)\s*"
    r"(?=(?:(?:this|last|next|the\s+past|past|previous)\s+(?:year|spring|summer|fall|autumn|winter)\b)"
    r"|(?:(?:this\s+past|this\s+coming|this|last|next|coming|past)\s+)?" + _MONTH_WORD
    + r"|(?:1[89]|20)\d\d\b)"
)
_RANGE_LINK = r"\s*(?:-|–|—|\band\b|\bto\b|\bthrough\b|\buntil\b|\btill\b|\bthru\b)\s*"
_RANGE_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
_RANGE_YEAR = r"(?P<year>,?\s+(?:1[89]|20)\d\d)?"
_WEEKDAY_WORD = r"(?:" + "|".join(WEEKDAYS) + r")"
#: A range of days: "May 15 and 16", "May 15-16, 2024", "May 30 to June 1", "Wednesday and
#: Thursday, June 12 and 13" (month first) or "15 and 16 May", "12th-13th June 2024" (day first).
_DAY_RANGE = re.compile(
    r"(?i)^(?:" + _WEEKDAY_WORD + r"(?:" + _RANGE_LINK + _WEEKDAY_WORD + r")?,?\s+)?"
    r"(?:(?P<m1>" + _MONTH_WORD + r")\s+(?P<d1>" + _RANGE_DAY + r")" + _RANGE_LINK
    + r"(?:(?P<m2>" + _MONTH_WORD + r")\s+)?" + _RANGE_DAY
    + r"|(?:the\s+)?(?P<d3>" + _RANGE_DAY + r")" + _RANGE_LINK + r"(?:the\s+)?" + _RANGE_DAY
    + r"\s+(?:of\s+)?(?P<m3>" + _MONTH_WORD + r"))" + _RANGE_YEAR + r"$"
)
#: A month told relative to the publication: "last September", "this past April", "next March",
#: "September of last year", "March next year", a bare "June".
_RELATIVE_MONTH = re.compile(
    r"(?i)^(?:(?P<which>this\s+past|this\s+coming|this|last|next|past|coming|previous)\s+)?"
    r"(?P<month>" + _MONTH_WORD + r")(?:,?\s+(?:of\s+)?(?P<year>this|last|next|the\s+previous|the\s+following)\s+year)?$"
)
_SEASON = re.compile(
    r"(?i)^(?:(?P<which>this\s+past|this\s+coming|this|last|next|past|coming)\s+(?P<season>spring|summer|fall|autumn|winter)"
    r"|(?:the\s+)?(?:spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>(?:1[89]|20)\d\d))$"
)
#: Relative phrases dateparser reads under another wording: "this past Monday" is "last Monday",
#: "earlier in the month" is in "this month".
_REWORDINGS = [
    (re.compile(r"(?i)^this\s+past\s+(?=(?:" + "|".join(WEEKDAYS) + r")$)"), "last "),
    (re.compile(r"(?i)^this\s+coming\s+(?=(?:" + "|".join(WEEKDAYS) + r")$)"), "next "),
    (re.compile(r"(?i)^(?:earlier|later|early|late)\s+in\s+the\s+(?=(?:week|month|year)$)"), "this "),
]
_WEEKEND = re.compile(r"(?i)^(?P<which>this\s+past|this\s+coming|this|last|next|the|over\s+the|past)\s+weekend$")
_BEFORE = {"last", "past", "this past", "previous"}
_AFTER = {"next", "coming", "this coming"}


def _month_number(word: str) -> int:
    return _ABBREVIATIONS[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower()[:3]]


def _first_of_range(phrase: str) -> str:
    """The first day of a range of days ("May 15 and 16" -> "May 15"; "15-16 May 2024" ->
    "May 15, 2024"; "December 30 to January 2, 2026" -> "December 30, 2025"); other phrases
    unchanged. (Read whole, "May 15 and 16" makes dateparser take "16" for a year.)"""
    match = _DAY_RANGE.match(phrase)
    if match is None:
        return phrase
    month, day = (match["m1"], match["d1"]) if match["m1"] else (match["m3"], match["d3"])
    year = match["year"]
    if year and match["m2"] and _month_number(match["m2"]) < _month_number(month):
        year = f", {int(year.strip(' ,')) - 1}"  # the range crosses into the year it names
    return f"{month} {day}{', ' + year.strip(' ,') if year else ''}"


def _weekend(which: str, published: PartialDate, prefer: str | None) -> PartialDate | None:
    """The month (or year) of the weekend before or after the publication day."""
    day = published.as_date()
    if day is None:
        return None
    which = which.lower()
    ahead = which in _AFTER or (which not in _BEFORE and prefer == "future")
    if ahead:
        saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    else:
        saturday = day - timedelta(days=(day.weekday() + 2) % 7)  # this Saturday on a weekend
    sunday = saturday + timedelta(days=1)
    if (saturday.year, saturday.month) == (sunday.year, sunday.month):
        return PartialDate(saturday.year, saturday.month)
    return PartialDate(saturday.year) if saturday.year == sunday.year else None


def _calendar_phrase(phrase: str, published: PartialDate | None, prefer: str | None) -> tuple[bool, PartialDate | None]:
    """``(handled, value)`` for the phrases dateparser does not read (it returns nothing for
    "last September", "next March", "this spring", "last weekend") or reads against another
    convention (a bare month of the publication's own month is that month, in either tense).

    A month before "last/past" is its latest occurrence before the publication month, after
    "next/coming" its first one after it; a bare month is the latest (held) or next (planned)
    one, the publication month included. Seasons give a year (a winter straddles two: none)."""
    month = _RELATIVE_MONTH.match(phrase)
    if month is not None:
        number = _month_number(month["month"].strip("."))
        which = re.sub(r"\s+", " ", (month["which"] or "").lower())
        relative_year = re.sub(r"\s+", " ", (month["year"] or "").lower())
        if published is None:
            return True, None
        year = published.year
        if relative_year:
            year += {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(relative_year, 0)
        elif which in _BEFORE | _AFTER or (which == "" and prefer in {"past", "future"}):
            if published.month is None:
                return True, (PartialDate(year, number) if which == "" else None)
            if which in _BEFORE:
                year -= number >= published.month
            elif which in _AFTER:
                year += number <= published.month
            elif prefer == "past":
                year -= number > published.month
            else:
                year += number < published.month
        return True, PartialDate(year, number)
    season = _SEASON.match(phrase)
    if season is not None and season["year"]:
        return True, PartialDate(int(season["year"]))  # "the spring of 2023"
    if season is not None:
        which, (first, last) = re.sub(r"\s+", " ", season["which"].lower()), _SEASONS.get(season["season"].lower(), (0, 0))
        if published is None or published.month is None or not first:
            return True, None
        if which in _BEFORE:
            return True, PartialDate(published.year - (published.month <= last))
        if which in _AFTER:
            return True, PartialDate(published.year + (published.month >= first))
        return True, PartialDate(published.year)
    weekend = _WEEKEND.match(phrase)
    if weekend is not None:
        return True, (_weekend(re.sub(r"\s+", " ", weekend["which"]), published, prefer) if published else None)
    return False, None


def _ordinal_day(day: int, published: PartialDate, prefer: str | None) -> PartialDate | None:
    """A bare day of the month in the publication's month, or the month before (held events)
    or after (planned events) when that day has not come (or has passed) by publication."""
    assert published.month is not None and published.day is not None
    year, month = published.year, published.month
    if prefer == "future" and day < published.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    elif prefer != "future" and day > published.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)


_MONTH_NAME = "(?P<month>" + "|".join(MONTHS) + ")"
#: Explicit dates dateparser would read the same way, parsed without it (it takes ~1 ms a call):
#: "2020", "January 2020", "July 10", "Friday, July 13th", "July 13, 2018".
_EXPLICIT_DATE = re.compile(
    r"(?i)^(?:(?P<year_only>(?:1[89]|20)\d\d)"
    r"|" + _MONTH_NAME + r"\s+(?P<month_year>(?:1[89]|20)\d\d)"
    r"|(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?" + _MONTH_NAME.replace("month", "day_month")
    + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:1[89]|20)\d\d))?)$"
)


def _explicit_date(phrase: str, base: datetime | None, prefer: str | None) -> tuple[datetime, str] | None:
    """``(date, period)`` as dateparser's ``get_date_data`` gives it for an explicit date phrase
    (``base`` and ``prefer`` as its RELATIVE_BASE and PREFER_DATES_FROM); None for any other
    phrase, an impossible day, or February 29 without a year under a weekday that does not fall
    on it (dateparser decides)."""
    match = _EXPLICIT_DATE.match(phrase)
    if match is None:
        return None
    if match["year_only"]:
        return datetime(int(match["year_only"]), 1, 1), "year"
    if match["month_year"]:
        return datetime(int(match["month_year"]), MONTHS.index(match["month"].lower()) + 1, 1), "month"
    month, day = MONTHS.index(match["day_month"].lower()) + 1, int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif base is None:
        return None
    else:
        year = base.year
    try:
        value = datetime(year, month, day)
        if not match["year"] and base is not None:
            if prefer == "past" and value > base:
                value = value.replace(year=year - 1)
            elif prefer == "future" and value < base:
                value = value.replace(year=year + 1)
    except ValueError:  # February 29 moved to a common year, a 31st of a short month
        return None
    if match["weekday"] and WEEKDAYS.index(match["weekday"].lower()) != value.weekday():
        return _date_despite_weekday(month, day, int(match["year"]) if match["year"] else None, base, prefer)
    return value, "day"


def _date_despite_weekday(
    month: int, day: int, year: int | None, base: datetime | None, prefer: str | None
) -> tuple[datetime, str] | None:
    """What dateparser reads from "Sunday, June 21" when June 21 is no Sunday (a typo in the
    text, or the date moved to another year by ``prefer``): the weekday is ignored. Without a
    year, a held (``"past"``) date is the last one on or before ``base``, a planned
    (``"future"``) one the first one after it (so "Sunday, June 21" on a June 21 that is no
    Sunday is a year later), any other the one in ``base``'s year. None (dateparser decides) for
    February 29 without a year, where dateparser looks for a leap year."""
    if year is not None:
        return datetime(year, month, day), "day"
    if base is None or (month, day) == (2, 29):
        return None
    value = datetime(base.year, month, day)
    if prefer == "past" and value > base:
        value = value.replace(year=base.year - 1)
    elif prefer == "future" and value <= base:
        value = value.replace(year=base.year + 1)
    return value, "day"


def _kind(text: str) -> str:
    """absolute (has a year), month_day, month, weekday, relative_day, relative_period,
    ordinal_day ("the 7th") or other."""
    lower = text.lower()
    if _ORDINAL_DAY.match(lower.strip()):
        return "ordinal_day"
    if _YEAR.search(lower):
        return "absolute"
    has_month = bool(_MONTH.search(lower))
    if has_month and _DAY_NUMBER.search(_MONTH.sub(" ", lower)):
        return "month_day"
    if has_month:
        return "month"
    if any(w in lower for w in RELATIVE_DAY_WORDS) or re.search(r"\b\d+ days? (ago|from now)\b", lower):
        return "relative_day"
    if any(re.search(rf"\b{w}\b", lower) for w in WEEKDAYS):
        return "weekday"
    if re.search(r"\b(weeks?|months?|years?)\b", lower):  # "last month", "two weeks ago"
        return "relative_period"
    return "other"


@lru_cache(maxsize=8192)  # a phrase is often resolved twice; dateparser takes ~1 ms a call
def resolve_date(text: str, published: PartialDate | None, prefer: str | None = None) -> ResolvedDate:
    """Resolve a date phrase against the publication date.

    ``prefer`` is ``"past"`` for held events and ``"future"`` for planned ones; it decides
    whether "Tuesday" means the last or the next Tuesday.

    >>> resolve_date("July 10th", PartialDate(2018, 7, 12), "past").value.isoformat()
    '2018-07-10'
    >>> resolve_date("On July 24", PartialDate(2023, 7), "past").value.isoformat()
    '2023-07-24'
    >>> resolve_date("Tuesday", PartialDate(2023, 7), "past").value is None
    True
    >>> resolve_date("last month", PartialDate(2019, 6, 7), "past").value.isoformat()
    '2019-05'
    """
    phrase = re.sub(r"(?i)^(on|in|at|by|since|from|during|between|over)\s+(?=\S)", "", text.strip()).strip(" ,.")
    phrase = _PERIOD_PART.sub("", phrase)  # "earlier this month" is within "this month"
    vague = _VAGUE_PART.match(phrase)
    if vague is not None:  # "late September" is in September, "mid-2023" in 2023
        phrase = phrase[vague.end():].strip()
    phrase = _first_of_range(phrase)
    for pattern, replacement in _REWORDINGS:
        phrase = pattern.sub(replacement, phrase)
    handled, value = _calendar_phrase(phrase, published, prefer)
    if handled:
        return ResolvedDate(text, value)
    if vague is not None:  # "the week of May 13": the month, never an invented day
        found = resolve_date(phrase, published, prefer).value
        return ResolvedDate(text, PartialDate(found.year, found.month) if found and found.day else found)
    kind = _kind(phrase)
    if kind == "ordinal_day":
        ordinal = _ORDINAL_DAY.match(phrase)
        if published is None or published.day is None or ordinal is None:
            return ResolvedDate(text, None)
        return ResolvedDate(text, _ordinal_day(int(ordinal.group(1)), published, prefer))
    if kind == "other":
        return ResolvedDate(text, None)
    if published is None and kind != "absolute":
        return ResolvedDate(text, None)
    if kind in {"weekday", "relative_day"} and (published is None or published.day is None):
        return ResolvedDate(text, None)
    if kind == "relative_period" and published is not None:
        lower = phrase.lower()
        if re.search(r"\b(?:this|current)\s+year\b", lower):
            return ResolvedDate(text, PartialDate(published.year))  # this year, later this year
        if "week" in lower and published.day is None:
            return ResolvedDate(text, None)
    if kind == "weekday" and published is not None and published.day is not None:
        same_day = _same_weekday(phrase, published)
        if same_day is not None:
            return ResolvedDate(text, same_day)
    settings = {"PREFER_DATES_FROM": prefer or "current_period", "RETURN_TIME_AS_PERIOD": True}
    if published is not None:
        settings["RELATIVE_BASE"] = _base(published, prefer)
    parsed = _explicit_date(phrase, settings.get("RELATIVE_BASE"), prefer)
    if parsed is None:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
        if data is None or data.date_obj is None:
            return ResolvedDate(text, None)
        parsed = data.date_obj, data.period or "day"
        if (published is not None and kind in {"month", "month_day"} and not _YEAR.search(phrase)
                and abs(parsed[0].year - published.year) > 1):
            # a number dateparser took for a year ("16" of "May 15 and 16"): keep the month when
            # the phrase names one, never a distant year
            month = _MONTH.search(phrase)
            return ResolvedDate(text, _calendar_phrase(month.group(0), published, prefer)[1] if month else None)
    value, period = parsed
    if kind == "month_day" and published is not None and published.month is None:
        period = "day"
    if period == "day":
        if (kind == "month_day" and published is not None and published.day is not None
                and (value.month, value.day) == (published.month, published.day)):
            # "Friday, October 8" in a text of October 8 is that day, whatever the tense
            return ResolvedDate(text, PartialDate(published.year, published.month, published.day))
        return ResolvedDate(text, PartialDate(value.year, value.month, value.day))
    if period == "week":
        start = value - timedelta(days=value.weekday())
        end = start + timedelta(days=6)
        if (start.year, start.month) == (end.year, end.month):
            return ResolvedDate(text, PartialDate(start.year, start.month))
        return ResolvedDate(text, PartialDate(start.year) if start.year == end.year else None)
    if period == "month":
        return ResolvedDate(text, PartialDate(value.year, value.month))
    return ResolvedDate(text, PartialDate(value.year))


#: Words before a weekday that belong to the date phrase ("on Friday", "next Monday").
WEEKDAY_PREFIXES = frozenset({"this", "next", "last", "on"})
_DAY_OF_MONTH = re.compile(r"^[0-3]?\d(st|nd|rd|th)?$")
_ORDINAL = re.compile(r"^[0-3]?\d(st|nd|rd|th)$")


class DateFinder:
    """Date phrases: the NER's DATE entities plus weekday and relative-day words it misses."""

    def __init__(self) -> None:
        self.weekdays = frozenset(WEEKDAYS)
        self.months = frozenset(MONTHS)

    def _word_dates(self, doc: Doc) -> list[tuple[int, int]]:
        """"(this|next|last|on)? WEEKDAY", a relative day word ("tomorrow"), "MONTH DAY"
        ("July 10th"); by start, the longer first (the order spaCy's Matcher gives; a token scan
        over the token table is many times faster than the Matcher)."""
        table = token_table(doc)
        texts, lowers = table.texts, table.lowers
        found: list[tuple[int, int]] = []
        for i, lower in enumerate(lowers):
            if lower in self.weekdays:
                if i > 0 and lowers[i - 1] in WEEKDAY_PREFIXES:
                    found.append((i - 1, i + 1))
                found.append((i, i + 1))
            elif lower in RELATIVE_DAY_WORDS:
                found.append((i, i + 1))
            elif lower in self.months and i + 1 < len(texts) and _DAY_OF_MONTH.search(texts[i + 1]):
                found.append((i, i + 2))
        return sorted(found, key=lambda span: (span[0], -span[1]))

    def _ordinal_days(self, doc: Doc) -> list[tuple[int, int]]:
        """"on the 7th": a day of the month (the caller drops "on the 7th meeting")."""
        table = token_table(doc)
        texts, lowers = table.texts, table.lowers
        return [(i, i + 3) for i in range(len(texts) - 2)
                if lowers[i] == "on" and lowers[i + 1] == "the" and _ORDINAL.search(texts[i + 2])]

    def __call__(self, doc: Doc) -> list[DateMention]:
        spans = [(e.start, e.end) for e in doc.ents if e.label_ == "DATE"]
        for start, end in self._word_dates(doc):
            if not any(s <= start < e or start <= s < end for s, e in spans):
                spans.append((start, end))
        for start, end in self._ordinal_days(doc):
            after = doc[end] if end < len(doc) else None
            if after is not None and after.is_alpha and not after.is_stop:
                continue  # "on the 7th meeting", "on the 21st Century Border"
            if not any(s <= start + 1 < e or start + 1 <= s < end for s, e in spans):
                spans.append((start + 1, end))
        spans = sorted(set(spans))
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return [DateMention(s, e, doc[s:e].text) for s, e in merged if _kind(doc[s:e].text) != "other"]


if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)


@Language.factory("diplokg_dates", assigns=["doc._.dates"], requires=["doc.ents"])
def make_dates_component(nlp: Language, name: str):
    """``doc._.dates``: the :class:`DateMention` list of the document."""
    finder = DateFinder()

    def dates_component(doc: Doc) -> Doc:
        doc._.dates = finder(doc)
        return doc

    return dates_component
