"""An authority's data seen on one day (`as_of`), indexed for the rules.

Everything dated after `as_of` is left out here, once, so that no rule can see it (RULES.md
section 1: "Nothing dated after as_of exists for the report"). An absence, line or allocation that
started on or before `as_of` keeps its planned end even when that end is later: it is known today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypeVar

from supervise.policy.categories import categories_on, is_extended
from supervise.policy.dates import Interval, WorkingCalendar, working_calendar
from supervise.policy.model import (
    Absence,
    Agreement,
    Allocation,
    CaseDiscussion,
    Child,
    ChildStatus,
    Dataset,
    Observation,
    Session,
    Staff,
    StaffEvent,
    SupervisionLine,
)
from supervise.policy.pack import Pack

K = TypeVar("K")
V = TypeVar("V")


class Situation:
    """Indexes of one dataset on `as_of`, built in one pass over each list."""

    def __init__(self, dataset: Dataset, pack: Pack, as_of: date) -> None:
        self.pack = pack
        self.as_of = as_of
        self.calendar: WorkingCalendar = working_calendar(pack.bank_holidays)
        self.staff: dict[str, Staff] = {s.staff_id: s for s in dataset.staff}
        self.children: dict[str, Child] = {c.child_id: c for c in dataset.children}

        self.lines_of: dict[str, list[SupervisionLine]] = defaultdict(list)
        self.lines_supervised_by: dict[str, list[SupervisionLine]] = defaultdict(list)
        for line in dataset.supervision_lines:
            if line.starts_on <= as_of:
                self.lines_of[line.supervisee_id].append(line)
                self.lines_supervised_by[line.supervisor_id].append(line)

        self.absences_of: dict[str, list[Absence]] = _group(
            (a.staff_id, a) for a in dataset.absences if a.starts_on <= as_of
        )
        self.events_of: dict[str, list[StaffEvent]] = _group(
            (e.staff_id, e) for e in dataset.events if e.on <= as_of
        )
        for events in self.events_of.values():
            events.sort(key=lambda e: e.on)

        # Agreements count from the later signature, once both parties have signed.
        self.agreements_of: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in dataset.agreements:
            signed = agreement.signed_on
            if signed is not None and signed <= as_of:
                self.agreements_of[agreement.supervisee_id].append(agreement)

        self.sessions: dict[str, Session] = {}
        self.held: dict[str, Session] = {}  # held on or before as_of, any kind
        self.held_formal_of: dict[str, list[Session]] = defaultdict(list)
        self.cancelled_formal: list[Session] = []
        for session in dataset.sessions:
            self.sessions[session.session_id] = session
            if session.status == "held":
                if session.held_on is not None and session.held_on <= as_of:
                    self.held[session.session_id] = session
                    if session.kind == "formal" and session.supervisee_id is not None:
                        self.held_formal_of[session.supervisee_id].append(session)
            elif (
                session.status == "cancelled"
                and session.kind == "formal"
                and session.scheduled_on is not None
                and session.scheduled_on <= as_of
            ):
                self.cancelled_formal.append(session)
        for sessions in self.held_formal_of.values():
            sessions.sort(key=_held_on)

        # Case discussions, in one pass, indexed for exactly what the rules ask (a large
        # authority has hundreds of thousands): the last day each child was discussed in each
        # kind of session; the discussions not yet on the child's record (P6); and the latest
        # casenote of each session (P9). Only sessions held on or before as_of count.
        self.last_discussed: dict[str, dict[str, date]] = defaultdict(dict)
        self.unrecorded: list[tuple[Session, CaseDiscussion]] = []
        self.latest_casenote: dict[str, date] = {}
        held = self.held
        last_discussed = self.last_discussed
        latest_casenote = self.latest_casenote
        for discussion in dataset.case_discussions:
            held_in = held.get(discussion.session_id)
            if held_in is None:
                continue
            held_on = held_in.held_on
            assert held_on is not None
            by_kind = last_discussed[discussion.child_id]
            previous = by_kind.get(held_in.kind)
            if previous is None or previous < held_on:
                by_kind[held_in.kind] = held_on
            recorded = discussion.recorded_on
            if recorded is None or recorded > as_of:
                self.unrecorded.append((held_in, discussion))
            else:
                latest = latest_casenote.get(discussion.session_id)
                if latest is None or latest < recorded:
                    latest_casenote[discussion.session_id] = recorded

        self.allocations_of: dict[str, list[Allocation]] = _group(
            (a.child_id, a) for a in dataset.allocations if a.starts_on <= as_of
        )
        self.statuses_of: dict[str, list[ChildStatus]] = _group(
            (s.child_id, s) for s in dataset.child_statuses if s.starts_on <= as_of
        )
        self.observations_of: dict[tuple[str, str], list[Observation]] = _group(
            ((o.observed_id, o.kind), o) for o in dataset.observations if o.on <= as_of
        )

    # --- staff ----------------------------------------------------------------------------------

    def exists(self, staff: Staff) -> bool:
        return staff.started_on <= self.as_of

    def has_left(self, staff: Staff) -> bool:
        return staff.left_on is not None and staff.left_on <= self.as_of

    def in_post(self, staff: Staff) -> bool:
        """Started, not left, and not absent today: the staff rules' subjects (bar C2)."""
        return (
            self.exists(staff)
            and not self.has_left(staff)
            and not self.absent_on(staff.staff_id, self.as_of)
        )

    def absent_on(self, staff_id: str, day: date) -> bool:
        return any(a.covers(day) for a in self.absences_of.get(staff_id, ()))

    def absence_covering(self, staff_id: str, day: date) -> Absence | None:
        covering = [a for a in self.absences_of.get(staff_id, ()) if a.covers(day)]
        return max(covering, key=lambda a: a.starts_on) if covering else None

    def usual_line(self, staff_id: str) -> SupervisionLine | None:
        """The non-cover line in force today (at most one: the reader refuses overlaps)."""
        for line in self.lines_of.get(staff_id, ()):
            if not line.cover and line.in_force_on(self.as_of):
                return line
        return None

    def any_line(self, staff_id: str) -> SupervisionLine | None:
        """The line in force today, usual first, else a cover line."""
        usual = self.usual_line(staff_id)
        if usual is not None:
            return usual
        for line in self.lines_of.get(staff_id, ()):
            if line.in_force_on(self.as_of):
                return line
        return None

    def cover_line(self, staff_id: str) -> SupervisionLine | None:
        for line in self.lines_of.get(staff_id, ()):
            if line.cover and line.in_force_on(self.as_of):
                return line
        return None

    def supervised_by_on(self, supervisee_id: str, supervisor_id: str, day: date) -> bool:
        return any(
            line.supervisor_id == supervisor_id and line.in_force_on(day)
            for line in self.lines_of.get(supervisee_id, ())
        )

    def supervises_today(self, staff_id: str) -> bool:
        return any(
            not line.cover and line.in_force_on(self.as_of)
            for line in self.lines_supervised_by.get(staff_id, ())
        )

    def first_supervised_on(self, staff_id: str) -> date | None:
        """The earliest `from` of a usual line where they are the supervisor."""
        starts = [
            line.starts_on for line in self.lines_supervised_by.get(staff_id, ()) if not line.cover
        ]
        return min(starts) if starts else None

    def last_held_formal(self, staff_id: str) -> Session | None:
        held = self.held_formal_of.get(staff_id)
        return held[-1] if held else None

    def first_held_formal_with(
        self, supervisee_id: str, supervisor_id: str, on_or_after: date
    ) -> Session | None:
        for session in self.held_formal_of.get(supervisee_id, ()):
            if session.supervisor_id == supervisor_id and _held_on(session) >= on_or_after:
                return session
        return None

    def latest_extended_absence_end(self, staff_id: str, before: date) -> date | None:
        """The last day of the latest extended absence that ended before `before`."""
        ends = [
            a.ends_on
            for a in self.absences_of.get(staff_id, ())
            if a.ends_on is not None
            and a.ends_on < before
            and is_extended(a, self.pack.extended_absence_days)
        ]
        return max(ends) if ends else None

    def latest_event(self, staff_id: str, kinds: tuple[str, ...]) -> StaffEvent | None:
        latest = None
        for event in self.events_of.get(staff_id, ()):
            if event.kind in kinds:
                latest = event
        return latest

    def categories(self, staff: Staff, day: date, returning_for: Interval | None) -> list[str]:
        return categories_on(
            staff,
            day,
            self.absences_of.get(staff.staff_id, ()),
            self.events_of.get(staff.staff_id, ()),
            self.pack.extended_absence_days,
            returning_for,
        )

    def current_agreement(self, staff_id: str) -> Agreement | None:
        """The latest agreement (by its later signature) with the current usual supervisor."""
        line = self.usual_line(staff_id)
        if line is None:
            return None
        with_supervisor = [
            a for a in self.agreements_of.get(staff_id, ()) if a.supervisor_id == line.supervisor_id
        ]
        if not with_supervisor:
            return None
        return max(with_supervisor, key=lambda a: (a.signed_on, a.agreement_id))

    # --- children -------------------------------------------------------------------------------

    def is_open(self, child: Child) -> bool:
        return child.opened_on <= self.as_of and (
            child.closed_on is None or child.closed_on > self.as_of
        )

    def current_allocation(self, child_id: str) -> Allocation | None:
        for allocation in self.allocations_of.get(child_id, ()):
            if allocation.ends_on is None or allocation.ends_on >= self.as_of:
                return allocation
        return None

    def statuses_today(self, child_id: str) -> set[str]:
        return {
            s.status
            for s in self.statuses_of.get(child_id, ())
            if s.ends_on is None or s.ends_on >= self.as_of
        }

    def last_discussion(self, child_id: str, kinds: frozenset[str]) -> date | None:
        by_kind = self.last_discussed.get(child_id)
        if not by_kind:
            return None
        days = [day for kind, day in by_kind.items() if kind in kinds]
        return max(days) if days else None

    def later_uncounted_discussion(
        self, child_id: str, kinds: frozenset[str], counted: date | None
    ) -> tuple[str, date] | None:
        """The latest discussion of the child in a kind of session the pack does not count
        (Hull: group supervision "does not replace individual reflective case supervision"),
        when it is later than the last one that counts: said with the finding, so that a
        child discussed last month in a group is not taken for a child nobody has discussed."""
        by_kind = self.last_discussed.get(child_id)
        if not by_kind:
            return None
        later = [
            (day, kind)
            for kind, day in by_kind.items()
            if kind not in kinds and (counted is None or day > counted)
        ]
        if not later:
            return None
        day, kind = max(later)
        return kind, day

    def add_working_days(self, day: date, count: int) -> date:
        return self.calendar.add_working_days(day, count)


def _held_on(session: Session) -> date:
    assert session.held_on is not None
    return session.held_on


def _group(pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    grouped: dict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def day_after(day: date) -> date:
    return day + timedelta(days=1)
