"""Supervision sessions: formal one-to-ones, informal chats and management oversight.

Formal sessions follow each usual line at the pair's habit (weekly, then fortnightly, for an
ASYE; about monthly for most; less often for sessional and admin staff; fortnightly under
capability; never less often than an agreed frequency), drifting late by days or weeks with the
less reliable supervisors. An absence moves a session: a sick supervisee or supervisor cancels it,
and it is replaced after their return; while the usual supervisor is away a cover supervisor holds
it, if there is one. Some sessions are cancelled for other reasons and most of those are
rearranged within days. Records are completed, signed by the supervisor, then by the supervisee,
and finalised, in that order and on working days, a few days after the session: some late, some
never. Every line still in force gets one planned session after as_of.
"""

from __future__ import annotations

from supervise.generate.days import FOREVER, open_day, poisson, text
from supervise.generate.discussions import Discussions, group_sessions
from supervise.generate.lines import FREQUENCIES
from supervise.generate.model import ADMIN, FRONTLINE, SESSIONAL, Line, Person, World
from supervise.generate.writer import Folder, Table

RECORD_DELAY = (0, 0, 1, 1, 1, 2, 2, 3, 4, 5)
DURATIONS = (60, 75, 90, 90, 90, 105, 120)


class SessionTable:
    """Writes session rows with fresh ids."""

    def __init__(self, world: World, table: Table) -> None:
        self.world = world
        self.table = table
        self.count = 0

    def add(
        self,
        kind: str,
        supervisor: Person,
        supervisee: Person | None,
        status: str,
        *,
        scheduled: int | None = None,
        held: int | None = None,
        duration: int | None = None,
        cancelled_by: str = "",
        reason: str = "",
        records: tuple[int | None, int | None, int | None, int | None] = (None, None, None, None),
    ) -> str:
        self.count += 1
        session_id = f"SE{self.count:07d}"
        self.table.add(
            (
                session_id,
                kind,
                supervisor.staff_id,
                supervisee.staff_id if supervisee is not None else "",
                text(scheduled),
                status,
                text(held),
                str(duration) if duration else "",
                cancelled_by,
                reason,
                *(text(day) for day in records),
            )
        )
        return session_id


class Sessions:
    def __init__(self, world: World, folder: Folder) -> None:
        self.world = world
        self.rng = world.rng("sessions")
        self.table = SessionTable(world, folder["sessions.csv"])
        self.discussions = Discussions(world, folder)

    def run(self) -> None:
        world = self.world
        for person in world.people:
            lines = world.usual_lines.get(person.index)
            if not lines:
                continue
            held: list[tuple[int, str, bool]] = []  # day, session id, formal
            for line in lines:
                self._formal(person, line, held)
            self._ad_hoc(person, lines, held)
            held.sort()
            self.discussions.for_person(person, held)
        group_sessions(world, self.table, self.discussions)

    def _cadence(self, person: Person, day: int, line: Line) -> int:
        if day < person.asye_until:
            days = 7 if day - person.started_on < 42 else 14 if day < person.asye_half else 28
        elif person.role == SESSIONAL:
            days = 56
        elif person.role == ADMIN:
            days = 42
        else:
            days = line.base
        if line.frequency:
            days = min(days, FREQUENCIES[line.frequency])
        if person.capability and person.in_capability(day):
            days = min(days, 14)
        return days

    def _formal(self, person: Person, line: Line, held: list[tuple[int, str, bool]]) -> None:
        world, rng, table = self.world, self.rng, self.table
        end = line.end if line.end is not None else FOREVER
        if line.start >= world.start:
            due = line.start + rng.randint(0, 6 if person.asye else 12)
        else:
            due = world.start + rng.randint(0, self._cadence(person, world.start, line))
        usual = world.people[line.supervisor]
        covers = world.cover_lines.get(person.index, ())
        cancellations: list[int] = []
        while True:
            day = open_day(due)
            if day > end:
                return
            if day > world.as_of:
                if line.end is None:
                    table.add("formal", usual, person, "planned", scheduled=day)
                return
            supervisor = usual
            away = usual.absence_on(day)
            if away is not None:
                cover = next((c for c in covers if c.start <= day <= (c.end or FOREVER)), None)
                if cover is not None and world.people[cover.supervisor].absence_on(day) is None:
                    supervisor = world.people[cover.supervisor]
                else:
                    if away.reason == "sickness" or rng.random() < 0.1:
                        reason = "sickness" if away.reason == "sickness" else "other"
                        table.add("formal", usual, person, "cancelled", scheduled=day,
                                  cancelled_by="supervisor", reason=reason)  # fmt: skip
                        self._escalation(person, cancellations, day)
                    if away.end is None:
                        return
                    due = away.end + 1 + rng.randint(0, 6)
                    continue
            own = person.absence_on(day)
            if own is not None:
                if own.reason == "sickness" and rng.random() < 0.7:
                    table.add("formal", supervisor, person, "cancelled", scheduled=day,
                              cancelled_by="supervisee", reason="sickness")  # fmt: skip
                if own.end is None:
                    return
                due = own.end + 1 + rng.randint(0, 7 if own.end - own.start < 28 else 14)
                continue
            if rng.random() < 0.02 + 0.05 * supervisor.reliability:
                by_supervisor = rng.random() < 0.6
                table.add("formal", supervisor, person, "cancelled", scheduled=day,
                          cancelled_by="supervisor" if by_supervisor else "supervisee",
                          reason="other")  # fmt: skip
                if by_supervisor and supervisor is usual:
                    self._escalation(person, cancellations, day)
                if rng.random() < 0.85:
                    due = day + rng.randint(1, 8)
                else:
                    due = day + self._cadence(person, day, line)
                continue
            scheduled = day
            if rng.random() < 0.07 and open_day(day - 2) == day - 2:
                scheduled = day - 2  # rearranged at short notice
            session_id = table.add("formal", supervisor, person, "held", scheduled=scheduled,
                                   held=day, duration=rng.choice(DURATIONS),
                                   records=self._records(supervisor, person, day))  # fmt: skip
            held.append((day, session_id, True))
            if line.first_held is None and supervisor is usual:
                line.first_held = day
            cadence = self._cadence(person, day, line)
            if rng.random() < 0.06 + 0.3 * usual.reliability:
                drift = rng.randint(cadence // 7 + 1, cadence)
            else:
                drift = rng.randint(-(cadence // 7), cadence // 14)
            due = day + cadence + drift

    def _records(
        self, supervisor: Person, supervisee: Person, day: int
    ) -> tuple[int | None, int | None, int | None, int | None]:
        """Record completed, signed by supervisor, by supervisee, finalised (None: not yet).

        Always in that order, as the application enforces it (the supervisor completes and signs
        the record and sends it, then the supervisee signs, then it is finalised), and each on a
        working day: `held_on <= record_completed_on <= supervisor_signed_on <=
        supervisee_signed_on <= finalised_on`. Nobody signs after they have left. Paperwork left
        undone is mostly recent: older gaps have largely been caught up with."""
        rng = self.rng
        poor = rng.random() < supervisor.reliability * 0.6
        neglect = (3.0 if poor else 1.0) * (1.0 if self.world.as_of - day < 120 else 0.15)
        if rng.random() < 0.02 * neglect:
            return None, None, None, None
        if poor and rng.random() < 0.45:
            record = open_day(day + rng.randint(6, 30))
        else:
            record = open_day(day + rng.choice(RECORD_DELAY))
        by_supervisor: int | None = None
        by_supervisee: int | None = None
        finalised: int | None = None
        signing: tuple[int, ...] = (0, 0, 0, 1, 2, 3) if rng.random() >= 0.1 else (8, 12, 20, 30)
        if rng.random() >= 0.02 * neglect:
            by_supervisor = self._signed(supervisor, open_day(record + rng.choice(signing)))
        signing = (0, 1, 1, 2, 3, 5, 8) if rng.random() >= 0.1 else (10, 15, 25, 40)
        if by_supervisor is not None and rng.random() >= 0.04 * neglect:
            by_supervisee = self._signed(supervisee, open_day(by_supervisor + rng.choice(signing)))
        if by_supervisee is not None and rng.random() >= 0.03 * neglect:
            finalised = open_day(by_supervisee + rng.choice((0, 0, 1, 2, 4, 9)))
        clip = self.world.clip
        return clip(record), clip(by_supervisor), clip(by_supervisee), clip(finalised)

    @staticmethod
    def _signed(person: Person, day: int) -> int | None:
        """`day`, unless `person` had left by then (then never signed)."""
        return day if person.leave_on is None or day <= person.leave_on else None

    def _escalation(self, person: Person, cancellations: list[int], day: int) -> None:
        """Two cancellations by the supervisor within six months: sometimes escalated."""
        cancellations.append(day)
        repeated = len(cancellations) >= 2 and day - cancellations[-2] <= 183
        if repeated and self.rng.random() < 0.3:
            escalated = open_day(day + self.rng.randint(2, 25))
            if person.leave_on is None or escalated <= person.leave_on:
                note = "Repeated cancellations escalated to the service manager"
                self.world.event(person.index, escalated, "escalated", note)
                cancellations.clear()

    def _ad_hoc(self, person: Person, lines: list[Line], held: list[tuple[int, str, bool]]) -> None:
        """Informal conversations, and management oversight of a case outside supervision."""
        world, rng = self.world, self.rng
        for line in lines:
            first = max(line.start, world.start)
            last = min(line.end if line.end is not None else world.as_of, world.as_of)
            if first > last:
                continue
            years = (last - first + 1) / 365.25
            supervisor = world.people[line.supervisor]
            informal = poisson(rng, 1.0 * years)
            oversight = poisson(rng, 2.5 * years) if person.role in FRONTLINE else 0
            for number in range(informal + oversight):
                day = open_day(rng.randint(first, last))
                if day > last or person.absence_on(day) or supervisor.absence_on(day):
                    continue
                kind = "informal" if number < informal else "oversight"
                duration = rng.choice((15, 20, 30, 30, 45))
                records: tuple[int | None, int | None, int | None, int | None] = (
                    (None, None, None, None)
                    if kind == "informal"  # a note written and locked the same day or soon after
                    else (day, None, None, world.clip(open_day(day + rng.choice((0, 0, 1, 2)))))
                )
                session_id = self.table.add(kind, supervisor, person, "held", held=day,
                                            duration=duration, records=records)  # fmt: skip
                if kind == "oversight":
                    held.append((day, session_id, False))


def build_sessions(world: World, folder: Folder) -> None:
    Sessions(world, folder).run()
