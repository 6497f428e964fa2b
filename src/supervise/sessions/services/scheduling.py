"""Planning sessions: schedule (once or recurring), cancel (with who and why, and a proposed
replacement date inside the pack's rescheduling window), and mark as held."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from supervise.audit.services import audit_record
from supervise.compliance.dataset import dataset_from_db, scope_for
from supervise.organisations.models import Organisation
from supervise.people.models import Absence, StaffMember
from supervise.policy.dates import Interval, WorkingCalendar, format_long, working_calendar
from supervise.policy.engine import duties
from supervise.policy.pack import DeadlineRule
from supervise.sessions.carrying import actions_to_carry, carried_item
from supervise.sessions.models import Session
from supervise.sessions.services.common import (
    ActionRefused,
    InputRefused,
    lock_session,
    new_external_id,
    same_organisation,
    staff_of,
    today,
)
from supervise.sessions.states import (
    EDITABLE_RECORD,
    SESSION_TRANSITIONS,
    RecordStatus,
    SessionStatus,
    check_transition,
)

MAX_RECURRING = 26
CANCEL_NOTE_NEEDED = "Enter the reason the session was cancelled"
# Packs without a rescheduling rule: propose within 5 working days (Hull's is the only number
# the five policies give; Bath & NE Somerset says "as soon as possible").
DEFAULT_RESCHEDULE_WORKING_DAYS = 5


def required_interval(organisation: Organisation, supervisee: StaffMember, on: date) -> Interval:
    """How often this supervisee must be supervised, by the pack (and their agreement)."""
    dataset = dataset_from_db(organisation, scope_for(organisation, [supervisee.pk], on))
    for duty in duties(dataset, organisation.pack, on):
        if duty.rule == "personal_supervision" and duty.subject_id == supervisee.external_id:
            return Interval.parse(str(duty.facts["interval"]))
    return Interval.of_months(1)


def _on_a_working_day(day: date, calendar: WorkingCalendar) -> date:
    """Weekends and bank holidays move to the working day before, so the gap never grows."""
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


@transaction.atomic
def session_schedule(
    *,
    actor: Any,
    supervisee: StaffMember,
    on: date,
    repeat: int = 1,
    venue: str = "",
    duration_minutes: int | None = None,
    replaces: Session | None = None,
) -> list[Session]:
    """Book one formal session, or `repeat` of them at the supervisee's required frequency.

    `replaces`: the cancelled session this booking rearranges (linked to the first one booked)."""
    supervisor = staff_of(actor)
    same_organisation(actor, supervisee)
    if supervisee.pk == supervisor.pk:
        raise ActionRefused("You cannot book supervision with yourself.")
    if not 1 <= repeat <= MAX_RECURRING:
        raise ActionRefused(f"Book between 1 and {MAX_RECURRING} sessions at a time.")
    if replaces is not None and (
        replaces.supervisee_id != supervisee.pk or replaces.status != SessionStatus.CANCELLED
    ):
        raise ActionRefused("Only a cancelled session of this supervisee can be replaced.")
    organisation = supervisee.organisation
    calendar = working_calendar(organisation.pack.bank_holidays)
    if not calendar.is_working_day(on):
        raise ActionRefused(
            f"{format_long(on)} is not a working day"
            + (f" ({calendar.holiday_name(on)})" if calendar.holiday_name(on) else "")
        )
    interval = required_interval(organisation, supervisee, on) if repeat > 1 else None
    series = uuid.uuid4() if repeat > 1 else None
    days = [on]
    for _ in range(repeat - 1):
        assert interval is not None
        days.append(_on_a_working_day(interval.after(days[-1]), calendar))
    _refuse_double_booking(supervisee, days)
    sessions = []
    for index, day in enumerate(days):
        session = Session.objects.create(
            organisation=organisation,
            external_id=new_external_id("S"),
            kind=Session.Kind.FORMAL,
            status=SessionStatus.PLANNED,
            supervisor=supervisor,
            supervisee=supervisee,
            scheduled_on=day,
            venue=venue,
            duration_minutes=duration_minutes,
            series=series,
            replaces=replaces if index == 0 else None,
        )
        sessions.append(session)
        audit_record(
            action="session.scheduled",
            actor=actor,
            obj=session,
            detail={
                "series": str(series) if series else None,
                "scheduled_on": day.isoformat(),
                "replaces": replaces.pk if replaces is not None and index == 0 else None,
            },
        )
    return sessions


def _refuse_double_booking(supervisee: StaffMember, days: list[date]) -> None:
    """One formal session a day with a supervisee: a second booking on a day that already has
    a planned or held one is a mistake (two tabs, a series over a single booking)."""
    clashes = Session.objects.filter(
        Q(status=SessionStatus.PLANNED, scheduled_on__in=days)
        | Q(status=SessionStatus.HELD, held_on__in=days),
        supervisee=supervisee,
        kind=Session.Kind.FORMAL,
    )
    taken = sorted(
        {held or planned for planned, held in clashes.values_list("scheduled_on", "held_on")}
    )
    if taken:
        when = ", ".join(format_long(day) for day in taken)
        raise ActionRefused(
            f"{supervisee.name} already has supervision booked on {when}: "
            "choose another date, or cancel that session first."
        )


@dataclass(frozen=True, slots=True)
class ReplacementProposal:
    propose: date
    latest: date
    counted_from: date
    because: str


def replacement_proposal(*, session: Session) -> ReplacementProposal:
    """A date inside the pack's rescheduling window, counted as RULES.md C1 counts it."""
    pack = session.organisation.pack
    calendar = working_calendar(pack.bank_holidays)
    rule = pack.rules.get("reschedule")
    days = DEFAULT_RESCHEDULE_WORKING_DAYS
    if isinstance(rule, DeadlineRule) and rule.deadline.working_days:
        days = rule.deadline.working_days
    scheduled = session.scheduled_on or today()
    counted_from, because = scheduled, "the cancelled session's date"
    if session.cancel_reason == "sickness":
        sick = session.supervisor if session.cancelled_by == "supervisor" else session.supervisee
        absence = (
            Absence.objects.filter(staff=sick, starts_on__lte=scheduled)
            .order_by("-starts_on")
            .first()
        )
        if absence and (absence.ends_on is None or absence.ends_on >= scheduled):
            if absence.ends_on is None:
                counted_from, because = today(), f"{sick}'s return (no return date yet)"
            else:
                counted_from = absence.ends_on + timedelta(days=1)
                because = f"{sick}'s return to work"
    latest = calendar.add_working_days(counted_from, days)
    busy = set(
        Session.objects.filter(
            supervisor=session.supervisor, status=SessionStatus.PLANNED
        ).values_list("scheduled_on", flat=True)
    )
    # The first working day from tomorrow (and after the counting day) when the supervisor has
    # no other session booked; if every day to the deadline is taken, the first day anyway.
    first = calendar.add_working_days(max(counted_from, today()), 1)
    propose = first
    while propose in busy and propose < latest:
        propose = calendar.add_working_days(propose, 1)
    if propose in busy:
        propose = first
    return ReplacementProposal(
        propose=propose, latest=latest, counted_from=counted_from, because=because
    )


def cancel_note_problem(reason: str, note: str) -> str | None:
    """The rule for a cancellation's note, in one place (the service refuses, the form shows
    it with the form's other errors): "another reason" needs the reason written."""
    return CANCEL_NOTE_NEEDED if reason == "other" and not note.strip() else None


@transaction.atomic
def session_cancel(
    *, actor: Any, session: Session, cancelled_by: str, reason: str, note: str = ""
) -> Session:
    """Cancel a planned session, recording who cancelled and why. "Another reason" needs the
    reason in `note`: alone it says nothing to whoever reads the record later."""
    session = lock_session(session)
    same_organisation(actor, session)
    me = staff_of(actor)
    if me.pk not in (session.supervisor_id, session.supervisee_id):
        raise ActionRefused("Only the supervisor or the supervisee can cancel this session.")
    if cancelled_by not in ("supervisor", "supervisee"):
        raise InputRefused("cancelled_by", "Say who cancelled: the supervisor or the supervisee.")
    if reason not in ("sickness", "other"):
        raise InputRefused("reason", "Say why: sickness or another reason.")
    note = note.strip()
    problem = cancel_note_problem(reason, note)
    if problem:
        raise InputRefused("note", problem)
    check_transition(SESSION_TRANSITIONS, session.status, SessionStatus.CANCELLED, "A session")
    session.status = SessionStatus.CANCELLED
    session.cancelled_by = cancelled_by
    session.cancel_reason = reason
    session.cancel_note = note
    session.cancelled_at = timezone.now()
    session.save()
    audit_record(
        action="session.cancelled",
        actor=actor,
        obj=session,
        detail={"cancelled_by": cancelled_by, "reason": reason},
    )
    return session


@transaction.atomic
def session_hold(
    *, actor: Any, session: Session, held_on: date, duration_minutes: int | None = None
) -> Session:
    """Mark a planned session as held; open actions of earlier sessions join its agenda."""
    session = lock_session(session)
    same_organisation(actor, session)
    if staff_of(actor).pk != session.supervisor_id:
        raise ActionRefused("Only the supervisor can say a session took place.")
    _check_held_on(session, held_on)
    check_transition(SESSION_TRANSITIONS, session.status, SessionStatus.HELD, "A session")
    session.status = SessionStatus.HELD
    session.held_on = held_on
    session.duration_minutes = duration_minutes or session.duration_minutes
    session.record_status = RecordStatus.DRAFT
    session.save()
    carried = carry_open_actions(session)
    audit_record(
        action="session.held",
        actor=actor,
        obj=session,
        detail={"held_on": held_on.isoformat(), "actions_carried": carried},
    )
    return session


def _check_held_on(session: Session, held_on: date) -> None:
    if held_on > today():
        raise ActionRefused("A session cannot be held in the future.")
    for person in (session.supervisee, session.supervisor):
        if person is not None and held_on < person.started_on:
            raise ActionRefused(
                f"The session cannot have taken place before {person} started, on "
                f"{format_long(person.started_on)}."
            )


@transaction.atomic
def session_held_on_change(
    *, actor: Any, session: Session, held_on: date, duration_minutes: int | None = None
) -> Session:
    """Correct the date a session took place (a slip of the keyboard: 2020 for 2026) while its
    record is still a draft. Once sent, the supervisee signs what it says, so it stays; after
    finalising, only an addendum can say the date was wrong."""
    session = lock_session(session)
    same_organisation(actor, session)
    if staff_of(actor).pk != session.supervisor_id:
        raise ActionRefused("Only the supervisor can change the date a session took place.")
    if session.status != SessionStatus.HELD or session.record_status not in EDITABLE_RECORD:
        raise ActionRefused(
            "The date can be changed only while the record is a draft, before it is sent."
        )
    _check_held_on(session, held_on)
    before = session.held_on
    session.held_on = held_on
    session.duration_minutes = duration_minutes or session.duration_minutes
    session.save(update_fields=["held_on", "duration_minutes"])
    # A date put right (2020 for 2026) makes earlier sessions earlier: their open actions join
    # the agenda now, as they would have when it was held. (Those already carried stay.)
    carried = carry_open_actions(session)
    detail: dict[str, Any] = {
        "from": before.isoformat() if before else None,
        "to": held_on.isoformat(),
    }
    if carried:
        detail["actions_carried"] = carried
    audit_record(action="session.held_on_changed", actor=actor, obj=session, detail=detail)
    return session


def carry_open_actions(session: Session) -> int:
    """Put the open actions of this supervisee's earlier sessions on this one's agenda, each
    counted once as carried (`supervise.sessions.carrying` says which, and why)."""
    count = 0
    for action in actions_to_carry(session).select_related("child").select_for_update(of=("self",)):
        action.times_carried += 1
        action.save(update_fields=["times_carried"])
        carried_item(session, action).save()
        count += 1
    return count
