"""Day arithmetic for the generator on proleptic ordinals (`date.toordinal()`).

Plain ints are much faster to add and compare than `date` objects, and the generator handles
hundreds of thousands of dates; they become `YYYY-MM-DD` text only when a row is written.
"""

from __future__ import annotations

import calendar
import random
from datetime import date

from supervise.policy.dates import working_calendar

# A day after every real day: "still going" in interval arithmetic (never written out).
FOREVER = 10**9

_TEXT: dict[int, str] = {}
_OPEN: dict[int, int] = {}


def add_months(day: int, months: int) -> int:
    """`day` plus calendar months, clamped to the last day of the month (31 Jan + 1 = 28/29 Feb)."""
    d = date.fromordinal(day)
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1])).toordinal()


def weekday(day: int) -> int:
    """Monday 0 … Sunday 6 (ordinal 1, 1 January of year 1, was a Monday)."""
    return (day - 1) % 7


def open_day(day: int) -> int:
    """`day` when the office is open (a working day in England and Wales: a weekday that is not
    a bank holiday), else the next day it is. Synthetic sessions fall on working days, as real
    ones do, so that the engine's working-day rules meet realistic data."""
    found = _OPEN.get(day)
    if found is None:
        calendar_ = working_calendar()
        found = day
        while weekday(found) >= 5 or not calendar_.is_working_day(date.fromordinal(found)):
            found += 1
        _OPEN[day] = found
    return found


def text(day: int | None) -> str:
    """`YYYY-MM-DD`, or the empty cell for no date."""
    if day is None:
        return ""
    found = _TEXT.get(day)
    if found is None:
        found = _TEXT[day] = date.fromordinal(day).isoformat()
    return found


def year_fraction(first: int, last: int) -> float:
    """Length of `first`…`last` in years (0 when empty)."""
    return max(0, last - first + 1) / 365.25


def poisson(rng: random.Random, mean: float) -> int:
    """How many events of a Poisson process with this mean happen (counting exponential gaps)."""
    count, elapsed = 0, rng.expovariate(1.0)
    while elapsed < mean:
        count += 1
        elapsed += rng.expovariate(1.0)
    return count
