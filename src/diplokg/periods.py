"""Periods given on the command line (``--since`` / ``--until``) and partial ISO dates as
day intervals: ``2019`` is 2019-01-01 … 2019-12-31, ``2019-06`` the whole of June.

Used by every command that filters by date (report, timeline, viz).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from .errors import DateFormatError

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_interval(text: str) -> tuple[date, date] | None:
    """The first and last day a (partial) ISO date stands for, or None if it is not one.

    >>> date_interval("2019-06")
    (datetime.date(2019, 6, 1), datetime.date(2019, 6, 30))
    >>> date_interval("2019")[1], date_interval("2019-02-30")
    (datetime.date(2019, 12, 31), None)
    """
    match = _DATE.match(text.strip())
    if not match or (match.group(3) and not match.group(2)):
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            day = date(year, int(match.group(2)), int(match.group(3)))
            return day, day
        if match.group(2):
            month = int(match.group(2))
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def parse_period(since: str | date | None = None, until: str | date | None = None) -> tuple[date | None, date | None]:
    """``since`` / ``until`` options as the first day of ``since`` and the last day of ``until``.

    Raises :class:`DateFormatError` for anything but ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or
    when ``since`` is after ``until``.

    >>> parse_period("2018", "2019-06")
    (datetime.date(2018, 1, 1), datetime.date(2019, 6, 30))
    """
    bounds = []
    for option, value, index in (("--since", since, 0), ("--until", until, 1)):
        if value is None or value == "":
            bounds.append(None)
            continue
        interval = date_interval(value.isoformat() if isinstance(value, date) else str(value))
        if interval is None:
            raise DateFormatError(f"{option} takes YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        bounds.append(interval[index])
    start, end = bounds
    if start and end and start > end:
        raise DateFormatError(f"--since {since} is after --until {until}")
    return start, end


def overlaps(values: Iterable[str], start: date | None, end: date | None) -> bool:
    """Whether one of the (partial) ISO dates ``values`` overlaps ``[start, end]``.

    >>> overlaps(["2019-06"], date(2019, 6, 30), None), overlaps(["2019"], None, date(2018, 12, 31))
    (True, False)
    """
    for value in values:
        interval = date_interval(str(value))
        if interval and (start is None or interval[1] >= start) and (end is None or interval[0] <= end):
            return True
    return False
