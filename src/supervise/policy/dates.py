"""Calendar arithmetic in the words of RULES.md section 1.

Intervals are calendar months and days (weeks are 7 days, years are 12 months); adding months clamps
to the month's last day (31 Jan + 1 month = 28/29 Feb; 29 Feb + 1 year = 28 Feb). Working days are
Monday to Friday less the bank holidays of a UK nation, from the `holidays` package.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def add_months(day: date, months: int) -> date:
    """`day` plus whole calendar months, clamped to the last day of the resulting month."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


@dataclass(frozen=True, slots=True)
class Interval:
    """A span of calendar months plus days, written as an ISO 8601 duration (`P1M`, `P21D`)."""

    months: int = 0
    days: int = 0
    text: str = field(default="", compare=False)

    @classmethod
    def parse(cls, text: str) -> Interval:
        """Read `P7D`, `P3W`, `P1M`, `P2Y`, `P1M14D`…; raise ValueError for anything else."""
        match = _DURATION.match(text)
        if not match or text == "P":
            raise ValueError(f"{text!r} is not an ISO 8601 duration such as P14D, P3W or P1M")
        years, months, weeks, days = (int(part) if part else 0 for part in match.groups())
        interval = cls(months=years * 12 + months, days=weeks * 7 + days, text=text)
        if interval.months == 0 and interval.days == 0:
            raise ValueError(f"{text!r} is an empty duration")
        return interval

    @classmethod
    def of_days(cls, days: int) -> Interval:
        return cls(days=days, text=f"P{days}D")

    @classmethod
    def of_months(cls, months: int) -> Interval:
        return cls(months=months, text=f"P{months}M")

    def after(self, day: date) -> date:
        """The day `self` after `day`: months first (clamped), then days."""
        if self.months:
            day = add_months(day, self.months)
        if self.days:
            day = day + timedelta(days=self.days)
        return day

    def before(self, day: date) -> date:
        """The day `self` before `day` (months back, clamped, then days back)."""
        if self.months:
            day = add_months(day, -self.months)
        if self.days:
            day = day - timedelta(days=self.days)
        return day

    def __str__(self) -> str:
        return self.text or _format(self.months, self.days)


def _format(months: int, days: int) -> str:
    return "P" + (f"{months}M" if months else "") + (f"{days}D" if days or not months else "")


# Names a pack may give for its bank holidays, and the `holidays` subdivision each means.
NATIONS = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}


class WorkingCalendar:
    """Working days of one UK nation: Monday to Friday, less its bank holidays."""

    def __init__(self, nation: str = "england-and-wales") -> None:
        if nation not in NATIONS:
            raise ValueError(f"unknown nation {nation!r}; expected one of {', '.join(NATIONS)}")
        self.nation = nation
        self._holidays = holidays.country_holidays("GB", subdiv=NATIONS[nation])

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def holiday_name(self, day: date) -> str | None:
        name = self._holidays.get(day)
        return str(name) if name else None

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` ("within N working days of D"; D never counts)."""
        return _add_working_days(self, day, count)

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


@lru_cache(maxsize=65536)
def _add_working_days(calendar_: WorkingCalendar, day: date, count: int) -> date:
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if calendar_.is_working_day(day):
            remaining -= 1
    return day


@lru_cache(maxsize=8)
def working_calendar(nation: str = "england-and-wales") -> WorkingCalendar:
    return WorkingCalendar(nation)


def format_long(day: date) -> str:
    """'Tuesday 3 November 2026', the GOV.UK style for dates."""
    return f"{day:%A} {day.day} {day:%B %Y}"
