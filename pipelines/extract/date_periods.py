"""Calendar arithmetic for dates read relative to a document's own date (news): weeks, quarters, halves,
weekdays, shifted months and the nearest reading of a yearless date.

Pure functions over `datetime.date`; the grammar that decides which one applies is in `dates.py`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "FUTURE_WEIGHT",
    "Period",
    "day",
    "half",
    "month",
    "nearest_year",
    "quarter",
    "quarter_of",
    "shift_month",
    "week",
    "weekday_near",
    "weekend",
    "year",
]


FUTURE_WEIGHT = 2  # TimeBank + AQUAINT: 1.5, 2 and 3 give the same values; 1 (plain nearest) loses 5 of them


@dataclass(frozen=True)
class Period:
    """A TIMEX3 value with its precision and the first and last day it covers."""

    value: str
    precision: str
    first: date
    last: date


def day(d: date) -> Period:
    return Period(d.isoformat(), "day", d, d)


def month(y: int, m: int) -> Period:
    return Period(f"{y:04d}-{m:02d}", "month", date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]))


def year(y: int) -> Period:
    return Period(f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31))


def week(d: date) -> Period:
    """The ISO week holding `d` (Monday to Sunday): 2013-03-14 -> 2013-W11."""
    iso_year, number, weekday = d.isocalendar()
    monday = d - timedelta(days=weekday - 1)
    return Period(f"{iso_year:04d}-W{number:02d}", "week", monday, monday + timedelta(days=6))


def weekend(d: date) -> Period:
    """The Saturday and Sunday of the ISO week holding `d` (TIMEX3 2013-W11-WE)."""
    w = week(d)
    return Period(f"{w.value}-WE", "week", w.first + timedelta(days=5), w.last)


def quarter(y: int, q: int) -> Period:
    first = date(y, 3 * q - 2, 1)
    return Period(f"{y:04d}-Q{q}", "quarter", first, month(y, 3 * q).last)


def half(y: int, h: int) -> Period:
    return Period(f"{y:04d}-H{h}", "half", date(y, 6 * h - 5, 1), month(y, 6 * h).last)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_month(d: date, n: int) -> tuple[int, int]:
    """(year, month) `n` months after the month of `d` (before when negative)."""
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def weekday_near(ref: date, weekday: int, offset: int, forward: bool) -> date:
    """The `weekday` (Monday = 0) a news text means, read from its date `ref`.

    offset 0 (a bare "Friday"): the day itself or the last one before it, or with a future cue the day
    itself or the next one; -1 ("last Friday"): strictly before; +1 ("next Friday"): strictly after.
    """
    back = (ref.weekday() - weekday) % 7
    if offset < 0:
        return ref - timedelta(days=back or 7)
    if offset > 0 or forward:
        ahead = (weekday - ref.weekday()) % 7
        return ref + timedelta(days=ahead or (7 if offset > 0 else 0))
    return ref - timedelta(days=back)


def nearest_year(ref: date, m: int, d: int | None, forward: bool) -> int:
    """The year of a yearless "Aug. 2" or "in December" nearest to the document date `ref`.

    Of the readings in the year before, of and after `ref`, the closest one, a reading after `ref` counting
    twice as far (news reports what has happened: "in January" in an October story is the last January);
    with a future cue ("will expire Nov. 21") the closest one not before `ref`'s month or day.
    """
    readings = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        if d is not None and d > calendar.monthrange(y, m)[1]:
            continue  # 29 February
        gap = (y * 12 + m) - (ref.year * 12 + ref.month) if d is None else (date(y, m, d) - ref).days
        if not (forward and gap < 0):
            readings.append((abs(gap) * (FUTURE_WEIGHT if gap > 0 else 1), gap > 0, y))
    return min(readings)[2] if readings else ref.year
