"""A small builder for engine tests, so that each test reads as the situation it describes.

world = World("hull")
world.worker("W1", started="2020-03-02", qualified="2019-07-01").supervised_by("M1", "2024-01-01")
world.held("W1", "2026-10-27")
assert world.finding("personal_supervision", "W1").due_on == d("2026-11-27")
"""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from supervise.policy.dates import Interval
from supervise.policy.engine import duties, evaluate
from supervise.policy.findings import Duty, Finding
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
from supervise.policy.pack import PACKS_DIR, Pack, load_pack


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def pack_text(slug: str) -> str:
    """The TOML text of a built-in pack, to copy and change in a test."""
    return (PACKS_DIR / f"{slug}.toml").read_text(encoding="utf-8")


def custom_pack(
    folder: Path,
    slug: str = "hull",
    replace: tuple[tuple[str, str], ...] = (),
    text: str | None = None,
    name: str = "custom.toml",
) -> Pack:
    """A pack file written to `folder`: a built-in pack's text with each `old` replaced by `new`
    (each `old` must occur), or the given `text`; loaded through `load_pack(path)`."""
    body = pack_text(slug) if text is None else text
    for old, new in replace:
        if old not in body:
            raise AssertionError(f"{old!r} is not in the {slug} pack")
        body = body.replace(old, new)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return load_pack(path)


class StaffBuilder:
    def __init__(self, world: World, staff: Staff) -> None:
        self.world = world
        self.staff = staff

    def supervised_by(
        self, supervisor_id: str, starts: str, ends: str | None = None, cover: bool = False
    ) -> StaffBuilder:
        self.world.line(self.staff.staff_id, supervisor_id, starts, ends, cover)
        return self


class World:
    """A dataset under construction plus the pack it is judged by."""

    def __init__(self, pack: str | Pack, as_of: str = "2026-11-22") -> None:
        self.pack = pack if isinstance(pack, Pack) else load_pack(pack)
        self.as_of = d(as_of)
        self.data = Dataset()
        self._ids = itertools.count(1)

    # --- staff ---------------------------------------------------------------------------------

    def person(
        self,
        staff_id: str,
        role: str = "social_worker",
        started: str = "2015-01-05",
        qualified: str | None = "2014-07-01",
        asye: bool = False,
        left: str | None = None,
        trained: str | None = None,
        archived: str | None = None,
        destroyed: str | None = None,
    ) -> StaffBuilder:
        staff = Staff(
            staff_id=staff_id,
            name=f"Person {staff_id}",
            role=role,
            started_on=d(started),
            qualified_on=d(qualified),
            asye=asye,
            left_on=d(left),
            supervisor_training_on=d(trained),
            file_archived_on=d(archived),
            file_destroyed_on=d(destroyed),
        )
        self.data.staff.append(staff)
        return StaffBuilder(self, staff)

    def worker(self, staff_id: str, **kw: object) -> StaffBuilder:
        return self.person(staff_id, **kw)  # type: ignore[arg-type]

    def manager(self, staff_id: str, role: str = "team_manager", **kw: object) -> StaffBuilder:
        kw.setdefault("started", "2010-01-04")
        kw.setdefault("qualified", "2005-07-01")
        return self.person(staff_id, role=role, **kw)  # type: ignore[arg-type]

    def asye(self, staff_id: str, started: str) -> StaffBuilder:
        qualified = str(d(started).replace(month=7, day=1)) if d(started).month > 7 else None
        return self.person(staff_id, started=started, qualified=qualified or started, asye=True)

    def line(
        self,
        supervisee_id: str,
        supervisor_id: str,
        starts: str,
        ends: str | None = None,
        cover: bool = False,
    ) -> None:
        self.data.supervision_lines.append(
            SupervisionLine(supervisee_id, supervisor_id, d(starts), d(ends), cover)
        )

    def absent(
        self,
        staff_id: str,
        starts: str,
        ends: str | None = None,
        reason: str = "sickness",
        planned: bool = False,
    ) -> None:
        self.data.absences.append(Absence(staff_id, d(starts), reason, d(ends), planned))

    def event(self, staff_id: str, on: str, kind: str) -> None:
        self.data.events.append(StaffEvent(staff_id, d(on), kind))

    def agreement(
        self,
        supervisee_id: str,
        supervisor_id: str,
        signed: str | None,
        other_signed: str | None = "same",
        frequency: str | None = None,
    ) -> str:
        agreement_id = f"AG{next(self._ids)}"
        second = signed if other_signed == "same" else other_signed
        self.data.agreements.append(
            Agreement(
                agreement_id,
                supervisee_id,
                supervisor_id,
                d(signed),
                d(second),
                Interval.parse(frequency) if frequency else None,
            )
        )
        return agreement_id

    def observed(self, staff_id: str, on: str, kind: str, by: str = "X") -> None:
        self.data.observations.append(Observation(f"O{next(self._ids)}", kind, by, staff_id, d(on)))

    # --- sessions ------------------------------------------------------------------------------

    def session(self, **fields: object) -> Session:
        fields.setdefault("session_id", f"S{next(self._ids)}")
        for key, value in list(fields.items()):
            if key.endswith("_on") and isinstance(value, str):
                fields[key] = d(value)
        session = Session(**fields)  # type: ignore[arg-type]
        self.data.sessions.append(session)
        return session

    def held(
        self,
        supervisee_id: str,
        on: str,
        supervisor_id: str | None = None,
        discussed: tuple[str, ...] = (),
        recorded: str | None = "same",
        **fields: object,
    ) -> Session:
        """A held formal session, its record done the same day unless told otherwise."""
        supervisor_id = supervisor_id or self._supervisor_of(supervisee_id)
        defaults = {
            "record_completed_on": on,
            "supervisor_signed_on": on,
            "supervisee_signed_on": on,
            "finalised_on": on,
        }
        defaults.update(fields)  # type: ignore[arg-type]
        session = self.session(
            kind="formal",
            supervisor_id=supervisor_id,
            supervisee_id=supervisee_id,
            status="held",
            held_on=on,
            **defaults,
        )
        for child_id in discussed:
            self.discussed(session, child_id, on if recorded == "same" else recorded)
        return session

    def group(
        self, facilitator_id: str, on: str, discussed: tuple[str, ...] = (), **kw: object
    ) -> Session:
        session = self.session(
            kind="group", supervisor_id=facilitator_id, status="held", held_on=on, **kw
        )
        for child_id in discussed:
            self.discussed(session, child_id, on)
        return session

    def other(
        self,
        kind: str,
        supervisee_id: str | None,
        on: str,
        status: str = "held",
        supervisor_id: str | None = None,
        discussed: tuple[str, ...] = (),
        **fields: object,
    ) -> Session:
        """A session of any kind and status (`on` is held_on when held, else scheduled_on)."""
        if supervisor_id is None:
            supervisor_id = self._supervisor_of(supervisee_id or "")
        when = {"held_on": on} if status == "held" else {"scheduled_on": on}
        if status == "cancelled":
            fields.setdefault("cancelled_by", "supervisor")
        session = self.session(
            kind=kind,
            supervisor_id=supervisor_id,
            supervisee_id=supervisee_id,
            status=status,
            **when,
            **fields,
        )
        for child_id in discussed:
            self.discussed(session, child_id, on)
        return session

    def cancelled(
        self,
        supervisee_id: str,
        scheduled: str,
        by: str = "supervisor",
        reason: str | None = "other",
        supervisor_id: str | None = None,
    ) -> Session:
        return self.session(
            kind="formal",
            supervisor_id=supervisor_id or self._supervisor_of(supervisee_id),
            supervisee_id=supervisee_id,
            status="cancelled",
            scheduled_on=scheduled,
            cancelled_by=by,
            cancel_reason=reason,
        )

    def discussed(self, session: Session, child_id: str, recorded: str | None) -> None:
        self.data.case_discussions.append(CaseDiscussion(session.session_id, child_id, d(recorded)))

    def _supervisor_of(self, supervisee_id: str) -> str:
        lines = [x for x in self.data.supervision_lines if x.supervisee_id == supervisee_id]
        if not lines:
            raise AssertionError(f"{supervisee_id} has no supervision line: name the supervisor")
        return max(lines, key=lambda x: x.starts_on).supervisor_id

    # --- children ------------------------------------------------------------------------------

    def child(
        self,
        child_id: str,
        allocated_to: str | None = None,
        opened: str = "2025-01-01",
        allocated: str | None = None,
        closed: str | None = None,
        statuses: tuple[str, ...] = (),
        **fields: object,
    ) -> Child:
        for key, value in list(fields.items()):
            if key.endswith("_on") and isinstance(value, str):
                fields[key] = d(value)
            if key == "agreed_interval" and isinstance(value, str):
                fields[key] = Interval.parse(value)
        child = Child(child_id=child_id, opened_on=d(opened), closed_on=d(closed), **fields)  # type: ignore[arg-type]
        self.data.children.append(child)
        if allocated_to:
            self.allocate(child_id, allocated_to, allocated or opened)
        for status in statuses:
            self.status(child_id, status, opened)
        return child

    def allocate(self, child_id: str, staff_id: str, starts: str, ends: str | None = None) -> None:
        self.data.allocations.append(Allocation(child_id, staff_id, d(starts), d(ends)))

    def status(self, child_id: str, status: str, starts: str, ends: str | None = None) -> None:
        self.data.child_statuses.append(ChildStatus(child_id, status, d(starts), d(ends)))

    # --- asking --------------------------------------------------------------------------------

    def statuses(self, rule: str, as_of: str | None = None) -> dict[str, str]:
        """subject id -> status of the rule's findings."""
        return {f.subject_id: f.status for f in self.findings_for(rule, as_of)}

    def findings(self, as_of: str | None = None, soon_days: int = 7) -> list[Finding]:
        return evaluate(self.data, self.pack, d(as_of) if as_of else self.as_of, soon_days)

    def findings_for(self, rule: str, as_of: str | None = None) -> list[Finding]:
        return [f for f in self.findings(as_of) if f.rule == rule]

    def finding(self, rule: str, subject_id: str, as_of: str | None = None) -> Finding | None:
        matches = [f for f in self.findings_for(rule, as_of) if f.subject_id == subject_id]
        assert len(matches) <= 1, matches
        return matches[0] if matches else None

    def due(self, rule: str, subject_id: str, as_of: str | None = None) -> date | None:
        """The due date of the duty however far off (None when met or not applicable)."""
        day = d(as_of) if as_of else self.as_of
        matches = [
            x
            for x in duties(self.data, self.pack, day)
            if x.rule == rule and x.subject_id == subject_id
        ]
        assert len(matches) <= 1, matches
        return matches[0].due_on if matches else None

    def duty(self, rule: str, subject_id: str, as_of: str | None = None) -> Duty | None:
        day = d(as_of) if as_of else self.as_of
        for x in duties(self.data, self.pack, day):
            if x.rule == rule and x.subject_id == subject_id:
                return x
        return None
