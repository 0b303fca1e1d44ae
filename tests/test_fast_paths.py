"""The extraction's fast paths agree with the slower references they replace (no model needed).

Each fast path (issue 7: the rules must cost little next to spaCy) is checked against the code or
library it stands in for: explicit dates against dateparser, the token-scan date finder against
the spaCy ``Matcher`` patterns it replaced, the token table against spaCy's token attributes,
the array-based sentence-start rule against the per-token setter, the one-pass quotation scan
against the per-token one, and the two-pattern topic coordination against one pattern per label.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import spacy
from dateparser.date import DateDataParser
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from diplokg.extract.dates import (
    MONTHS, RELATIVE_DAY_WORDS, WEEKDAY_PREFIXES, WEEKDAYS, DateFinder, _explicit_date,
)
from diplokg.extract.meetings import _in_quote, _quoted_tokens
from diplokg.extract.segment import SENTENCE_END, TITLE_ABBREVIATIONS, _set_line_starts
from diplokg.extract.tokentable import span_text, token_table

TEXTS = [
    "WASHINGTON, D.C.\nSecretary Ana M. Ruiz met  Mexico’s Foreign Secretary on Friday, July 13th.\n\n"
    "“We will meet again next Monday,” she said. Talks resume on the 7th. Gen. López-Obrador left.",
    "On the 21st Century Border  (tomorrow)\n- Item one\n- Ítem dos, Secretaría de Seguridad\n\t",
    "They met last Tuesday and on Sunday; talks on January 2 and June 31st, then in July 2025 today.",
    '"Quoted text" he said, and ``another" and ‘single’ marks.',
]


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _dateparser(phrase: str, base: datetime | None, prefer: str | None):
    settings_ = {"PREFER_DATES_FROM": prefer or "current_period", "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings_["RELATIVE_BASE"] = base
    data = DateDataParser(languages=["en"], settings=settings_).get_date_data(phrase)
    return (data.date_obj, data.period or "day") if data and data.date_obj else None


def _scored(value):
    """What the date resolution keeps of a parse: the period and the fields it makes known."""
    if value is None:
        return None
    date, period = value
    return period, date.year, date.month if period in {"month", "day"} else None, date.day if period == "day" else None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    form=st.integers(0, 5), month=st.sampled_from(MONTHS), day=st.integers(1, 31),
    year=st.integers(2000, 2030), weekday=st.sampled_from(WEEKDAYS),
    base=st.none() | st.dates(min_value=datetime(2010, 1, 1).date(), max_value=datetime(2028, 12, 31).date()),
    prefer=st.sampled_from(["past", "future", None]), suffix=st.sampled_from(["", "th", "st"]),
)
def test_explicit_dates_agree_with_dateparser(form, month, day, year, weekday, base, prefer, suffix):
    """Wherever the stdlib fast path answers, it answers what dateparser would."""
    month = month.capitalize()
    phrase = [str(year), f"{month} {year}", f"{month} {day}{suffix}", f"{weekday.capitalize()}, {month} {day}",
              f"{month} {day}, {year}", f"{weekday} {month} {day}{suffix} {year}"][form]
    base_time = datetime(base.year, base.month, base.day) if base else None
    fast = _explicit_date(phrase, base_time, prefer)
    if fast is not None:
        assert _scored(fast) == _scored(_dateparser(phrase, base_time, prefer)), phrase


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    month=st.sampled_from(MONTHS), day=st.integers(1, 31), year=st.none() | st.integers(1995, 2035),
    shift=st.integers(1, 6), base=st.none() | st.dates(min_value=datetime(2010, 1, 1).date(),
                                                        max_value=datetime(2028, 12, 31).date()),
    prefer=st.sampled_from(["past", "future", None]), near=st.none() | st.integers(-2, 2),
    separator=st.sampled_from([", ", " ", ",\n"]), suffix=st.sampled_from(["", "th", "st"]),
)
def test_dates_with_a_disagreeing_weekday_agree_with_dateparser(month, day, year, shift, base, prefer, near,
                                                                 separator, suffix):
    """"Sunday, June 21" where June 21 is no Sunday: the fast path answers what dateparser would
    (exactly, not only the fields kept), dates on and next to the base day included."""
    base_time = datetime(base.year, base.month, base.day) if base else None
    if near is not None and base is not None:  # the base day and its neighbours
        near_day = base + timedelta(days=near)
        month, day, year = MONTHS[near_day.month - 1], near_day.day, None
    try:
        date = datetime(year or (base.year if base else 2020), MONTHS.index(month) + 1, day)
    except ValueError:
        return
    weekday = WEEKDAYS[(date.weekday() + shift) % 7]  # never the date's own weekday
    phrase = f"{weekday.capitalize()}{separator}{month.capitalize()} {day}{suffix}" + (f", {year}" if year else "")
    fast = _explicit_date(phrase, base_time, prefer)
    if fast is not None:
        assert fast == _dateparser(phrase, base_time, prefer), phrase


def test_explicit_dates_answer_the_common_forms_and_leave_the_rest():
    base = datetime(2022, 5, 12)
    assert _explicit_date("2020", base, "past")[1] == "year"
    assert _explicit_date("January 2020", base, "past")[1] == "month"
    assert _explicit_date("July 10", base, "past")[0] == datetime(2021, 7, 10)  # held: the last July 10
    assert _explicit_date("July 10", base, "future")[0] == datetime(2022, 7, 10)
    assert _explicit_date("Thursday, May 12", base, "past")[0] == datetime(2022, 5, 12)
    # the weekday disagrees: dateparser ignores it, and a planned date on the base day is a year later
    assert _explicit_date("Friday, May 12", base, "past") == (datetime(2022, 5, 12), "day")
    assert _explicit_date("Friday, May 12", base, "future") == (datetime(2023, 5, 12), "day")
    assert _explicit_date("Friday, February 29", base, "past") is None  # dateparser looks for a leap year
    assert _explicit_date("February 30", base, "past") is None
    assert _explicit_date("next Tuesday", base, "past") is None
    assert _explicit_date("July 10", None, "past") is None  # no year to give it


def _matcher_reference(vocab) -> tuple[Matcher, Matcher]:
    """The Matcher patterns DateFinder used before its token scan."""
    words = Matcher(vocab)
    words.add("DATE", [
        [{"LOWER": {"IN": sorted(WEEKDAY_PREFIXES)}, "OP": "?"}, {"LOWER": {"IN": WEEKDAYS}}],
        [{"LOWER": {"IN": sorted(RELATIVE_DAY_WORDS)}}],
        [{"LOWER": {"IN": MONTHS}}, {"TEXT": {"REGEX": r"^[0-3]?\d(st|nd|rd|th)?$"}}],
    ])
    ordinal = Matcher(vocab)
    ordinal.add("DAY", [[{"LOWER": "on"}, {"LOWER": "the"}, {"TEXT": {"REGEX": r"^[0-3]?\d(st|nd|rd|th)$"}}]])
    return words, ordinal


@pytest.mark.parametrize("text", TEXTS)
def test_date_token_scan_agrees_with_the_matcher(blank, text):
    doc = blank(text)
    words, ordinal = _matcher_reference(blank.vocab)
    finder = DateFinder()
    assert finder._word_dates(doc) == [(s, e) for _, s, e in words(doc)]
    assert finder._ordinal_days(doc) == [(s, e) for _, s, e in ordinal(doc)]


def test_date_token_scan_finds_the_phrases(blank):
    doc = blank("They met on Friday and will meet tomorrow, on July 4th and on the 7th.")
    spans = {doc[s:e].text for s, e in DateFinder()._word_dates(doc)}
    assert {"on Friday", "Friday", "tomorrow", "July 4th"} <= spans
    assert [doc[s:e].text for s, e in DateFinder()._ordinal_days(doc)] == ["on the 7th"]


@pytest.mark.parametrize("text", TEXTS)
def test_token_table_and_span_text_agree_with_spacy(blank, text):
    doc = blank(text)
    table = token_table(doc)
    assert table.text == doc.text
    assert table.texts == [t.text for t in doc]
    assert table.lowers == [t.lower_ for t in doc]
    assert table.caps == [t.text[:1].isupper() and any(c.isalpha() for c in t.text) for t in doc]
    for start in range(len(doc)):
        for end in range(start, min(len(doc), start + 12) + 1):
            assert span_text(doc[start:end]) == doc[start:end].text


def _line_starts_reference(doc: Doc) -> list[int]:
    """The per-token setter rule diplokg_lines used before it set the array at once."""
    previous = None
    for token in doc:
        if token.i == 0:
            previous = token
            continue
        if "\n" in previous.text or previous.text_with_ws.endswith("\n"):
            token.is_sent_start = True
        elif not previous.is_space and previous.text not in SENTENCE_END and not previous.text.endswith("."):
            token.is_sent_start = False
        elif previous.text in TITLE_ABBREVIATIONS and token.text[:1].isupper():  # "Gen. | López-Obrador"
            token.is_sent_start = False
        previous = token
    return [t.is_sent_start for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_line_starts_agree_with_the_per_token_rule(blank, text):
    assert [t.is_sent_start for t in _set_line_starts(blank(text))] == _line_starts_reference(blank(text))


@pytest.mark.parametrize("text", TEXTS)
def test_one_pass_quotation_scan_agrees_with_the_per_token_test(blank, text):
    doc = blank(text)
    sent = doc[0:len(doc)]
    assert _quoted_tokens(sent) == {i for i in range(len(doc)) if _in_quote(doc, sent, i)}


def test_quotation_scan_marks_the_quoted_words(blank):
    doc = blank("“We will meet again,” she said.")
    assert {doc[i].text for i in _quoted_tokens(doc[0:len(doc)])} == {"We", "will", "meet", "again", ",", "”"}  # the closing mark too


def test_topic_coordination_only_joins_pairs_that_are_labels(rule_nlp, ontology):
    """Two Matcher patterns over all modifiers and heads, then a label check: every coordinated
    mention is a real two-word label of its topic (no cross-label pair such as "border ... smuggling")."""
    finder_pipe = rule_nlp.get_pipe("diplokg_topics")
    doc = rule_nlp("Talks covered border and human smuggling, drug and arms trafficking, and human smuggling and trafficking.")
    doc = finder_pipe(doc)
    labels = {
        topic.iri: {tuple(label.lower().split()) for label in {topic.label, *topic.alt_labels}}
        for topic in ontology.topics.values()
    }
    coordinated = [m for m in doc._.topics if len(m.text.split()) > 2]
    assert coordinated
    for mention in coordinated:
        words = mention.text.lower().split()
        assert (words[0], words[-1]) in labels[mention.topic], mention
    found = {ontology.topics[m.topic].label.lower() for m in doc._.topics if m.topic in ontology.topics}
    assert {"human smuggling", "human trafficking", "drug trafficking", "arms trafficking"} <= found
