"""Group case supervision: one session, several workers and children; one entry per child,
written to each child's record without re-keying."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.audit.services import audit_record
from supervise.cases.models import Child
from supervise.cases.services import case_note_for_discussion
from supervise.people.models import StaffMember
from supervise.policy.dates import format_long
from supervise.sessions.models import CaseDiscussion, Session
from supervise.sessions.services.common import (
    ActionRefused,
    lock_session,
    new_external_id,
    same_organisation,
    staff_of,
    today,
)
from supervise.sessions.services.recording import DISCUSSION_FIELDS
from supervise.sessions.states import (
    GROUP_RECORD_TRANSITIONS,
    RecordStatus,
    SessionStatus,
    check_transition,
)


@dataclass(frozen=True, slots=True)
class GroupEntry:
    child: Child
    worker: StaffMember | None
    fields: dict[str, str]


@transaction.atomic
def group_session_record(
    *,
    actor: Any,
    held_on: date,
    participants: list[StaffMember],
    entries: list[GroupEntry],
    duration_minutes: int | None = None,
) -> Session:
    """The facilitator records a held group session; each child's entry goes to their record."""
    facilitator = staff_of(actor)
    if held_on > today():
        raise ActionRefused("A session cannot be held in the future.")
    for person in (facilitator, *participants):
        if held_on < person.started_on:
            raise ActionRefused(
                f"The session cannot have taken place before {person} started, on "
                f"{format_long(person.started_on)}."
            )
    if not entries:
        raise ActionRefused("Add at least one child discussed.")
    viewer = Viewer(actor)
    for entry in entries:
        same_organisation(actor, entry.child)
        if not viewer.can_view_child(entry.child):
            raise ActionRefused(f"You cannot record on {entry.child}'s record.")
        unknown = set(entry.fields) - set(DISCUSSION_FIELDS)
        if unknown:
            raise ActionRefused(f"Unknown fields: {', '.join(sorted(unknown))}")
    children = [e.child.pk for e in entries]
    if len(set(children)) != len(children):
        raise ActionRefused("Each child is discussed once in a session.")
    session = Session.objects.create(
        organisation=facilitator.organisation,
        external_id=new_external_id("G"),
        kind=Session.Kind.GROUP,
        status=SessionStatus.HELD,
        supervisor=facilitator,
        held_on=held_on,
        duration_minutes=duration_minutes,
        record_status=RecordStatus.DRAFT,
    )
    for person in participants:
        same_organisation(actor, person)
    session.participants.set(participants)
    for entry in entries:
        discussion = CaseDiscussion.objects.create(
            organisation=session.organisation,
            session=session,
            child=entry.child,
            worker=entry.worker,
            recorded_on=today(),
            **entry.fields,
        )
        case_note_for_discussion(discussion)
    audit_record(
        action="group_session.recorded",
        actor=actor,
        obj=session,
        detail={"children": children, "participants": [p.pk for p in participants]},
    )
    return session


@transaction.atomic
def group_session_complete(*, actor: Any, session: Session) -> Session:
    """The facilitator reviews the entries and finalises the group record."""
    session = lock_session(session)
    same_organisation(actor, session)
    if staff_of(actor).pk != session.supervisor_id or session.kind != Session.Kind.GROUP:
        raise ActionRefused("Only the facilitator can finalise a group session's record.")
    check_transition(
        GROUP_RECORD_TRANSITIONS, session.record_status, RecordStatus.FINALISED, "A group record"
    )
    now = timezone.now()
    session.record_status = RecordStatus.FINALISED
    session.record_completed_on = timezone.localdate(now)
    session.finalised_on = timezone.localdate(now)
    session.finalised_at = now
    session.save()
    audit_record(action="group_session.finalised", actor=actor, obj=session)
    return session
