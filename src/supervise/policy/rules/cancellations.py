"""Cancelled sessions: C1 `reschedule` and C2 `cancellation_escalation`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from supervise.policy.findings import Duty
from supervise.policy.model import Session
from supervise.policy.pack import CancellationEscalation, DeadlineRule
from supervise.policy.rules.recording import deadline_after
from supervise.policy.situation import Situation


def reschedule(s: Situation, rule: DeadlineRule) -> Iterator[Duty]:
    for session in s.cancelled_formal:
        supervisee = s.staff.get(session.supervisee_id or "")
        if supervisee is None or not s.pack.covers(supervisee.role):
            continue
        # Nothing to rearrange with someone absent today, or who has left.
        if not s.in_post(supervisee):
            continue
        scheduled_on = session.scheduled_on
        assert scheduled_on is not None
        last = s.last_held_formal(supervisee.staff_id)
        if last is not None and last.held_on is not None and last.held_on > scheduled_on:
            continue  # a formal session has been held since (on time or late)
        count_from, because = scheduled_on, "cancelled session's date"
        if session.cancel_reason == "sickness":
            sick_id = (
                session.supervisor_id
                if session.cancelled_by == "supervisor"
                else supervisee.staff_id
            )
            absence = s.absence_covering(sick_id, scheduled_on)
            if absence is not None:
                if absence.ends_on is None:
                    continue  # no return date yet: nothing can be due
                count_from = absence.ends_on + timedelta(days=1)
                who = "supervisor" if sick_id == session.supervisor_id else "supervisee"
                # In words a reader can use (the report carries both ids in other facts).
                because = f"the {who}'s return to work after sickness"
        yield Duty(
            rule="reschedule",
            subject_type="session",
            subject_id=session.session_id,
            due_on=deadline_after(s, rule.deadline, count_from),
            source=rule.source,
            facts={
                "scheduled_on": scheduled_on,
                "cancelled_by": session.cancelled_by,
                "cancel_reason": session.cancel_reason,
                "counted_from": count_from,
                "because": because,
                "supervisee_id": supervisee.staff_id,
                "deadline": rule.deadline.describe(),
            },
        )


def cancellation_escalation(s: Situation, rule: CancellationEscalation) -> Iterator[Duty]:
    by_supervisee: dict[str, list[Session]] = defaultdict(list)
    for session in s.cancelled_formal:
        if session.cancelled_by == "supervisor" and session.supervisee_id is not None:
            by_supervisee[session.supervisee_id].append(session)
    for supervisee_id, cancelled in by_supervisee.items():
        staff = s.staff.get(supervisee_id)
        # C2 is the one staff rule that absence does not suspend (RULES.md section 1).
        if staff is None or not s.pack.covers(staff.role) or not s.exists(staff):
            continue
        if s.has_left(staff):
            continue
        escalated = s.latest_event(supervisee_id, ("escalated",))
        dated = sorted(
            (x for x in cancelled if escalated is None or _on(x) > escalated.on),
            key=lambda x: (_on(x), x.session_id),
        )
        found = _first_repeat(dated, rule)
        if found is None:
            continue
        repeat, earlier = found
        yield Duty(
            rule="cancellation_escalation",
            subject_type="staff",
            subject_id=supervisee_id,
            due_on=_on(repeat),
            source=rule.source,
            facts={
                "supervisor_id": repeat.supervisor_id,
                "cancelled_sessions": [x.session_id for x in (*earlier, repeat)],
                "cancelled_on": [_on(x) for x in (*earlier, repeat)],
                "within": str(rule.within),
                "last_escalated_on": escalated.on if escalated else None,
            },
        )


def _first_repeat(
    dated: list[Session], rule: CancellationEscalation
) -> tuple[Session, list[Session]] | None:
    """The first cancellation with enough earlier ones by the same supervisor inside the window."""
    for index, later in enumerate(dated):
        window_start = rule.within.before(_on(later))  # d2 - 6 months <= d1
        earlier = [
            x
            for x in dated[:index]
            if x.supervisor_id == later.supervisor_id and _on(x) >= window_start
        ]
        if len(earlier) >= rule.cancellations - 1:
            return later, earlier
    return None


def _on(session: Session) -> date:
    assert session.scheduled_on is not None
    return session.scheduled_on
