"""Date phrases resolved against the publication date (no model): ranges of days, month-relative
phrases ("last September", "next March"), vague parts of a period ("late last year",
"mid-July"), seasons and weekends, and the guard against impossible years. Invented phrases;
the original phrase is always kept (``ResolvedDate.text``)."""

from __future__ import annotations

import pytest

from diplokg.corpus import PartialDate
from diplokg.extract.dates import resolve_date

THU = PartialDate(2024, 6, 20)  # Thursday, June 20, 2024
JAN = PartialDate(2026, 1, 9)  # Friday, January 9, 2026


@pytest.mark.parametrize(
    "phrase, published, prefer, expected",
    [
        # ranges of days: the first day, never a two-digit "year"
        ("on May 15 and 16", THU, "past", PartialDate(2024, 5, 15)),
        ("on May 15 and 16", THU, "future", PartialDate(2025, 5, 15)),
        ("May 15-16", THU, "past", PartialDate(2024, 5, 15)),
        ("May 15–16", THU, "past", PartialDate(2024, 5, 15)),
        ("15 and 16 May", THU, "past", PartialDate(2024, 5, 15)),
        ("15-16 May", THU, "past", PartialDate(2024, 5, 15)),
        ("from 3 to 5 July", THU, "future", PartialDate(2024, 7, 3)),
        ("July 8 and 9", THU, "future", PartialDate(2024, 7, 8)),
        ("July 8 and 9", THU, "past", PartialDate(2023, 7, 8)),
        ("March 3 and 4, 2023", THU, "past", PartialDate(2023, 3, 3)),
        ("September 10-12, 2023", THU, "past", PartialDate(2023, 9, 10)),
        ("between June 3 and 5", THU, "past", PartialDate(2024, 6, 3)),
        ("May 30 to June 1", THU, "past", PartialDate(2024, 5, 30)),
        ("May 30-June 1, 2023", THU, "past", PartialDate(2023, 5, 30)),
        ("December 30 to January 2, 2026", JAN, "past", PartialDate(2025, 12, 30)),
        ("Wednesday and Thursday, June 12 and 13", THU, "past", PartialDate(2024, 6, 12)),
        ("12th and 13th June", THU, "past", PartialDate(2024, 6, 12)),
        # month-relative phrases
        ("last September", THU, "past", PartialDate(2023, 9)),
        ("last September", THU, None, PartialDate(2023, 9)),
        ("last March", THU, "past", PartialDate(2024, 3)),
        ("last June", THU, "past", PartialDate(2023, 6)),
        ("this past April", THU, "past", PartialDate(2024, 4)),
        ("in September", THU, "past", PartialDate(2023, 9)),
        ("in September", THU, "future", PartialDate(2024, 9)),
        ("in June", THU, "future", PartialDate(2024, 6)),  # the publication's own month
        ("in June", THU, "past", PartialDate(2024, 6)),
        ("next March", THU, "future", PartialDate(2025, 3)),
        ("next March", THU, "past", PartialDate(2025, 3)),
        ("next September", THU, "future", PartialDate(2024, 9)),
        ("this September", THU, "past", PartialDate(2024, 9)),
        ("in late September", THU, "past", PartialDate(2023, 9)),
        ("mid-July", THU, "future", PartialDate(2024, 7)),
        ("early December", JAN, "past", PartialDate(2025, 12)),
        ("the end of May", THU, "past", PartialDate(2024, 5)),
        ("September of last year", THU, "past", PartialDate(2023, 9)),
        ("March next year", THU, "future", PartialDate(2025, 3)),
        ("last Sept.", THU, "past", PartialDate(2023, 9)),
        ("in December", JAN, "past", PartialDate(2025, 12)),
        ("in February", JAN, "future", PartialDate(2026, 2)),
        # periods and their vague parts
        ("earlier this month", THU, "past", PartialDate(2024, 6)),
        ("late last month", JAN, "past", PartialDate(2025, 12)),
        ("late last year", THU, "past", PartialDate(2023)),
        ("earlier this year", THU, "past", PartialDate(2024)),
        ("early next year", THU, "future", PartialDate(2025)),
        ("at the end of last year", THU, "past", PartialDate(2023)),
        ("late 2023", THU, "past", PartialDate(2023)),
        ("mid-2023", THU, "past", PartialDate(2023)),
        ("the beginning of 2025", THU, "future", PartialDate(2025)),
        ("last fall", THU, "past", PartialDate(2023)),
        ("this spring", THU, "past", PartialDate(2024)),
        ("last summer", PartialDate(2024, 10, 2), "past", PartialDate(2024)),
        ("next spring", THU, "future", PartialDate(2025)),
        ("this past weekend", THU, "past", PartialDate(2024, 6)),
        ("last weekend", PartialDate(2024, 6, 3), "past", PartialDate(2024, 6)),
        ("the week of May 13", THU, "past", PartialDate(2024, 5)),
        ("earlier in the month", THU, "past", PartialDate(2024, 6)),
        ("in the spring of 2023", THU, "past", PartialDate(2023)),
        ("this past Monday", THU, "past", PartialDate(2024, 6, 17)),
        ("this coming Monday", THU, "future", PartialDate(2024, 6, 24)),
        ("two weeks ago", THU, "past", PartialDate(2024, 6)),
        ("three months ago", THU, "past", PartialDate(2024, 3)),
        ("a year ago", THU, "past", PartialDate(2023)),
        ("two years ago", THU, "past", PartialDate(2022)),
        # unchanged behaviour
        ("May 15", THU, "past", PartialDate(2024, 5, 15)),
        ("last year", THU, "past", PartialDate(2023)),
        ("September 2023", THU, "past", PartialDate(2023, 9)),
    ],
)
def test_date_phrases(phrase, published, prefer, expected):
    resolved = resolve_date(phrase, published, prefer)
    assert resolved.text == phrase
    assert resolved.value == expected


@pytest.mark.parametrize(
    "phrase, published",
    [
        ("last September", None),  # nothing to count from
        ("last September", PartialDate(2024)),  # the publication month is unknown
        ("next March", PartialDate(2024)),
        ("last winter", THU),  # a winter straddles two years
        ("May 15 and 16", None),
        ("last weekend", PartialDate(2024, 6)),  # no publication day
        ("the past year", THU),  # a duration, not a date
        ("for years", THU),
        ("in the coming weeks", THU),
    ],
)
def test_unsure_phrases_give_no_date(phrase, published):
    assert resolve_date(phrase, published, "past").value is None


@pytest.mark.parametrize("prefer", ["past", "future", None])
@pytest.mark.parametrize("phrase", ["May 15 and 16", "15-16 May", "June 3 and 4", "on 7 and 8 July",
                                    "Oct. 1 and 2", "November 4 and 25"])
def test_ranges_never_give_a_distant_year(phrase, prefer):
    value = resolve_date(phrase, THU, prefer).value
    assert value is not None and abs(value.year - THU.year) <= 1, value


@pytest.mark.parametrize(
    "when, expected",
    [
        ("on May 15 and 16", "2024-05-15"),
        ("on 15 and 16 May", "2024-05-15"),
        ("on June 3-4", "2024-06-03"),
        ("last September", "2023-09"),
        ("in late May", "2024-05"),
        ("late last year", "2023"),
    ],
)
def test_meeting_dates_from_ranges_and_relative_months(nlp, ontology, when, expected):
    from diplokg.corpus import Document
    from diplokg.extract.document import extract_records

    text = f"Security Secretary Tomás Aldana Ruiz met with U.S. Ambassador Helen Marsh in Monterrey {when}."
    document = Document(doc_id="d", file_name="d.txt", text=text, published=THU)
    meetings = extract_records(nlp(text), document, ontology).meetings
    assert [m.date.isoformat() if m.date else None for m in meetings] == [expected]
