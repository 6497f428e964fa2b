"""Supervision agreements and observations.

Agreements: most relationships get one signed by both at, or a few days after, their first
session (the supervisor signs and sends it, then the supervisee signs, each on a working day);
some are signed late, some only by the supervisor, some never. Some are renewed yearly, after a
grade change, after an extended absence, or with a fortnightly frequency when a capability
procedure starts (and without it when it ends). Observations: practitioners' practice is observed
by their supervisor every two to five months, supervisors' supervising by their own manager.
"""

from __future__ import annotations

from supervise.generate.days import open_day, text
from supervise.generate.lines import supervisor_on
from supervise.generate.model import FRONTLINE, Line, World
from supervise.generate.writer import Table

LONG_ABSENCE = 28


class _Agreements:
    def __init__(self, world: World, table: Table) -> None:
        self.world, self.table = world, table
        self.rng = world.rng("agreements")
        self.count = 0
        self.grade_changes: dict[int, list[int]] = {}
        for day, person, kind, _ in world.events:
            if kind == "grade_change":
                self.grade_changes.setdefault(person, []).append(day)

    def add(self, line: Line, supervisee: int | None, supervisor: int | None, often: str) -> None:
        """One agreement row; nobody signs after the relationship ended or before as_of."""
        last = min(line.end if line.end is not None else self.world.as_of, self.world.as_of)
        supervisee = supervisee if supervisee is not None and supervisee <= last else None
        supervisor = supervisor if supervisor is not None and supervisor <= last else None
        if supervisee is None and supervisor is None:
            return
        self.count += 1
        self.table.add(
            (
                f"AG{self.count:06d}",
                self.world.people[line.supervisee].staff_id,
                self.world.people[line.supervisor].staff_id,
                text(supervisee),
                text(supervisor),
                often,
            )
        )

    def signed(self, line: Line, day: int, often: str) -> None:
        """Signed by both: the supervisor first (sending it), the supervisee on the same working
        day or within a few days."""
        supervisor = open_day(day)
        supervisee = open_day(supervisor + self.rng.choice((0, 0, 0, 1, 2, 5)))
        self.add(line, supervisee, supervisor, often)

    def run(self) -> None:
        for line in self.world.lines:
            if not line.cover:
                self.line(line)

    def line(self, line: Line) -> None:
        world, rng = self.world, self.rng
        end = min(line.end if line.end is not None else world.as_of, world.as_of)
        base: int | None = None
        if line.start < world.start:
            if rng.random() < 0.9:
                base = line.start + rng.randint(0, 30)
                self.signed(line, base, line.frequency)
        elif line.first_held is None:
            if line.start + 7 <= world.as_of and rng.random() < 0.3:
                base = line.start + rng.randint(0, 7)
                self.signed(line, base, line.frequency)
        else:
            first = line.first_held
            draw = rng.random()
            if draw < 0.78:
                base = first + rng.choice((0, 0, 0, 1, 2, 3, 5, 7))
                self.signed(line, base, line.frequency)
            elif draw < 0.86:
                base = first + rng.randint(20, 90)
                self.signed(line, base, line.frequency)
            elif draw < 0.93:  # sent by the supervisor, never signed by the supervisee
                self.add(line, None, open_day(first + rng.randint(0, 10)), line.frequency)
        if base is not None and rng.random() < 0.55:
            day = base + rng.randint(340, 390)
            while day <= end:
                self.signed(line, day, line.frequency if rng.random() < 0.8 else "")
                day += rng.randint(340, 400)
        self.renewals(line, end)

    def renewals(self, line: Line, end: int) -> None:
        rng = self.rng
        person = self.world.people[line.supervisee]
        for day in self.grade_changes.get(person.index, ()):
            if line.start <= day <= end and rng.random() < 0.5:
                signed = day + rng.randint(5, 40)
                if signed <= end:
                    self.signed(line, signed, line.frequency)
        for absence in person.absences:
            if absence.end is None or absence.end - absence.start + 1 < LONG_ABSENCE:
                continue
            if line.start <= absence.end + 1 <= end and rng.random() < 0.4:
                signed = absence.end + 1 + rng.randint(3, 30)
                if signed <= end:
                    self.signed(line, signed, line.frequency)
        for started, ended in person.capability:
            if line.start <= started <= end and rng.random() < 0.7:
                self.signed(line, started + rng.randint(0, 14), "P14D")
                if ended is not None and ended <= end and rng.random() < 0.6:
                    self.signed(line, ended + rng.randint(0, 14), line.frequency)


def write_agreements(world: World, table: Table) -> None:
    _Agreements(world, table).run()


def write_observations(world: World, table: Table) -> None:
    rng = world.rng("observations")
    count = 0

    def add(kind: str, observer: int, observed: int, day: int) -> None:
        nonlocal count
        count += 1
        people = world.people
        table.add((f"OB{count:06d}", kind, people[observer].staff_id, people[observed].staff_id,
                   text(day)))  # fmt: skip

    for person in world.people:
        for line in world.usual_lines.get(person.index, ()):
            first, last = _window(world, line.start, line.end)
            gaps = (45, 160) if person.role in FRONTLINE else (60, 240)
            day = first + rng.randint(20, 110)
            while (day := open_day(day)) <= last:
                supervisor = world.people[line.supervisor]
                if person.absence_on(day) is None and supervisor.absence_on(day) is None:
                    add("practice", line.supervisor, person.index, day)
                day += rng.randint(*gaps)
    for person in world.people:
        for first, last in _supervising_periods(world, person.index):
            day = first + rng.randint(20, 120)
            while (day := open_day(day)) <= last:
                observer = supervisor_on(world, person.index, day)
                if observer is not None and world.people[observer].absence_on(day) is None:
                    add("supervision", observer, person.index, day)
                day += rng.randint(50, 170)


def _window(world: World, start: int, end: int | None) -> tuple[int, int]:
    last = world.as_of if end is None else min(end, world.as_of)
    return max(start, world.start), last


def _supervising_periods(world: World, person: int) -> list[tuple[int, int]]:
    """Spells (inside the history) during which `person` supervised someone."""
    periods: list[list[int]] = []
    for line in sorted(world.supervising.get(person, ()), key=lambda line: line.start):
        first, last = _window(world, line.start, line.end)
        if first > last:
            continue
        if periods and first <= periods[-1][1] + 1:
            periods[-1][1] = max(periods[-1][1], last)
        else:
            periods.append([first, last])
    return [(first, last) for first, last in periods]
