"""Absences: annual leave, short and long sickness, parental leave, career breaks.

Drawn per person over their employment inside the history, long absences first and short ones in
the gaps, so that one person's absences never overlap. An absence still running on as_of has no
end date (annual leave that would straddle as_of is simply not booked yet). Parental leave and
career breaks are planned: the worker's cases are handed over when they start (`Person.away`).
"""

from __future__ import annotations

import random
from bisect import bisect_left

from supervise.generate.days import FOREVER, open_day, poisson, year_fraction
from supervise.generate.model import STUDENT, Absence, Person, World

# reason, planned, episodes a year, shortest and longest (days)
LONG = (
    ("parental_leave", True, 0.035, 150, 365),
    ("career_break", True, 0.004, 90, 365),
    ("sickness", False, 0.07, 28, 160),
    ("other", True, 0.012, 5, 30),
)
SHORT_SICKNESS = (1, 1, 1, 2, 2, 3, 3, 4, 5, 5, 8, 10, 14)  # days, mostly short
ANNUAL_LEAVE = (3, 5, 5, 5, 8, 10, 12, 15)


def build_absences(world: World) -> None:
    rng = world.rng("absences")
    for person in world.people:
        if person.tenures:
            _absences(world, rng, person)


def _absences(world: World, rng: random.Random, person: Person) -> None:
    first = max(world.start, person.started_on)
    last = person.leave_on if person.leave_on is not None else world.as_of + 180
    if last < first:
        return
    years = year_fraction(first, last)
    placed: list[tuple[int, int, str, bool]] = []

    def place(start: int, length: int, reason: str, planned: bool) -> None:
        if start > last:
            return
        end = min(start + length - 1, last)
        i = bisect_left(placed, (start,))
        if i > 0 and placed[i - 1][1] >= start - 1:
            return
        if i < len(placed) and placed[i][0] <= end + 1:
            return
        placed.insert(i, (start, end, reason, planned))

    if person.role != STUDENT:
        for reason, planned, rate, shortest, longest in LONG:
            for _ in range(poisson(rng, rate * years)):
                place(rng.randint(first, last), rng.randint(shortest, longest), reason, planned)
    for _ in range(poisson(rng, 1.3 * years)):
        place(rng.randint(first, last), rng.choice(SHORT_SICKNESS), "sickness", False)
    for _ in range(poisson(rng, 4.0 * years)):
        place(open_day(rng.randint(first, last)), rng.choice(ANNUAL_LEAVE), "annual_leave", True)

    for start, end, reason, planned in placed:
        if start > world.as_of:
            break
        if end > world.as_of:
            if reason == "annual_leave":
                continue
            person.absences.append(Absence(start, None, reason, planned))
        else:
            person.absences.append(Absence(start, end, reason, planned))
        if reason in ("parental_leave", "career_break"):
            person.away.append((start, end if end <= world.as_of else FOREVER))
    person.absence_starts = [a.start for a in person.absences]
