"""Recording duties: P6 `case_record`, P7 `personal_record`, P8 `record_signoff`,
P9 `record_finalised`.

A recording duty is met once the date it names is on or before `as_of`, even if late: findings list
what is still outstanding; lateness is a dashboard statistic (RULES.md "Recording duties").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from supervise.policy.findings import Duty
from supervise.policy.pack import Deadline, DeadlineRule
from supervise.policy.situation import Situation


def deadline_after(s: Situation, deadline: Deadline, day: date) -> date:
    if deadline.working_days is not None:
        return s.add_working_days(day, deadline.working_days)
    assert deadline.interval is not None
    return deadline.interval.after(day)


def _done(day: date | None, s: Situation) -> bool:
    return day is not None and day <= s.as_of


def case_record(s: Situation, rule: DeadlineRule) -> Iterator[Duty]:
    # Qualifying kinds and group sessions (Nottingham: the facilitator records on the child's file).
    kinds = s.pack.qualifying_kinds | {"group"}
    for session, discussion in s.unrecorded:
        if session.kind not in kinds:
            continue
        assert session.held_on is not None
        yield Duty(
            rule="case_record",
            subject_type="case_discussion",
            subject_id=f"{session.session_id}/{discussion.child_id}",
            due_on=deadline_after(s, rule.deadline, session.held_on),
            source=rule.source,
            facts={
                "held_on": session.held_on,
                "kind": session.kind,
                "child_id": discussion.child_id,
                "supervisor_id": session.supervisor_id,
                "deadline": rule.deadline.describe(),
            },
        )


def _held_formal(s: Situation) -> Iterator[tuple[str, date]]:
    for sessions in s.held_formal_of.values():
        for session in sessions:
            assert session.held_on is not None
            yield session.session_id, session.held_on


def personal_record(s: Situation, rule: DeadlineRule) -> Iterator[Duty]:
    for session_id, held_on in _held_formal(s):
        session = s.sessions[session_id]
        if _done(session.record_completed_on, s):
            continue
        yield Duty(
            rule="personal_record",
            subject_type="session",
            subject_id=session_id,
            due_on=deadline_after(s, rule.deadline, held_on),
            source=rule.source,
            facts={
                "held_on": held_on,
                "supervisor_id": session.supervisor_id,
                "supervisee_id": session.supervisee_id,
                "deadline": rule.deadline.describe(),
            },
        )


def record_signoff(s: Situation, rule: DeadlineRule) -> Iterator[Duty]:
    for session_id, held_on in _held_formal(s):
        session = s.sessions[session_id]
        supervisor_signed = _done(session.supervisor_signed_on, s)
        supervisee_signed = _done(session.supervisee_signed_on, s)
        if supervisor_signed and supervisee_signed:
            continue
        waiting_for = [
            who
            for who, signed in (
                ("supervisor", supervisor_signed),
                ("supervisee", supervisee_signed),
            )
            if not signed
        ]
        yield Duty(
            rule="record_signoff",
            subject_type="session",
            subject_id=session_id,
            due_on=deadline_after(s, rule.deadline, held_on),
            source=rule.source,
            facts={
                "held_on": held_on,
                "supervisor_id": session.supervisor_id,
                "supervisee_id": session.supervisee_id,
                "waiting_for": waiting_for,
                "deadline": rule.deadline.describe(),
            },
        )


def record_finalised(s: Situation, rule: DeadlineRule) -> Iterator[Duty]:
    # The clock starts when the (latest) casenote is added: sessions with none have no duty.
    for session_id, casenote_on in s.latest_casenote.items():
        session = s.sessions[session_id]
        if _done(session.finalised_on, s):
            continue
        yield Duty(
            rule="record_finalised",
            subject_type="session",
            subject_id=session_id,
            due_on=deadline_after(s, rule.deadline, casenote_on),
            source=rule.source,
            facts={
                "held_on": session.held_on,
                "casenote_added_on": casenote_on,
                "supervisor_id": session.supervisor_id,
                "deadline": rule.deadline.describe(),
            },
        )
