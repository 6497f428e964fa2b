"""Group case supervision: a supervisor records a held group session with the people they
supervise, one entry per child (written to each child's record), and reads one back. The same
rules as the web's group pages (`sessions/views/team_group.py`): participants are people the
supervisor supervises today, and each child is on the caseload of the participant named as
their worker."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Status

from supervise.accounts.models import Role
from supervise.api.guards import (
    supervisee_of_viewer,
    viewer,
    visible_child,
    visible_group_session,
)
from supervise.api.permissions import declare
from supervise.api.schemas.common import errors, invalid
from supervise.api.schemas.group import GroupSessionIn, GroupSessionOut
from supervise.api.schemas.sessions import ALWAYS_RECORDED, CASE_SECTION_FIELDS
from supervise.api.selectors.group import group_record
from supervise.sessions import services
from supervise.sessions.selectors_group import group_choices
from supervise.sessions.services.group import GroupEntry

router = Router(tags=["Group case supervision"])


@router.post(
    "/group-sessions",
    response={201: GroupSessionOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record group case supervision",
)
@declare(
    Role.SUPERVISOR,
    rule="people you supervise today and children on their caseloads (else 404)",
    refusal="Only supervisors record group case supervision.",
)
def group_session_record(request: HttpRequest, payload: GroupSessionIn) -> Any:
    """A held group session, facilitated by you, with people you supervise. Each entry is
    one child's discussion (in the authority's case template, `decisions` required) and is
    written to the child's record. The record is then a draft the facilitator finalises."""
    current = viewer(request)
    # Ids outside the caller's rights are 404 (audited), as everywhere; then the checks that
    # name a field.
    people = {pk: supervisee_of_viewer(request, pk) for pk in dict.fromkeys(payload.participants)}
    children = [visible_child(request, entry.child) for entry in payload.entries]
    caseloads = group_choices(current, current.day).caseloads
    template = current.staff.organisation.pack.recording if current.staff else None
    sections = template.case_sections if template else ()
    allowed = {f for s in sections for f in CASE_SECTION_FIELDS[s]} | set(ALWAYS_RECORDED)
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if payload.held_on > current.day:
        problems.append((("held_on",), "The date cannot be in the future"))
    seen: set[int] = set()
    entries = []
    for number, (entry, child) in enumerate(zip(payload.entries, children, strict=True)):
        where = ("entries", number)
        if entry.worker not in people:
            problems.append(((*where, "worker"), "Not one of the participants"))
        elif child.pk not in {pk for pk, _ in caseloads.get(entry.worker, ())}:
            problems.append(((*where, "child"), "Not on this worker's caseload today"))
        if child.pk in seen:
            problems.append(((*where, "child"), "Each child is discussed once in a session"))
        seen.add(child.pk)
        fields = entry.fields.model_dump(exclude_unset=True)
        problems += [
            ((*where, "fields", name), "Not part of this authority's case template")
            for name in sorted(fields)
            if name not in allowed
        ]
        if not fields.get("decisions", "").strip():
            problems.append(
                ((*where, "fields", "decisions"), "Enter the decisions made about this child")
            )
        filled = {name: value for name, value in fields.items() if value}
        entries.append(GroupEntry(child=child, worker=people.get(entry.worker), fields=filled))
    if problems:
        raise invalid(*problems)
    session = services.group_session_record(
        actor=request.user,
        held_on=payload.held_on,
        duration_minutes=payload.duration_minutes,
        participants=list(people.values()),
        entries=entries,
    )
    return Status(201, group_record(session, current))


@router.get(
    "/group-sessions/{session_id}",
    response={200: GroupSessionOut, **errors(401, 403, 404, 422)},
    summary="A group case supervision record",
)
@declare(rule="facilitator, participants, facilitator's line manager (else 404); audited")
def group_session_detail(request: HttpRequest, session_id: int) -> Any:
    """For the facilitator, the participants and the facilitator's line manager. The read is
    audited (without content)."""
    session = visible_group_session(request, session_id, read=True)
    return group_record(session, viewer(request))


@router.post(
    "/group-sessions/{session_id}/finalise",
    response={200: GroupSessionOut, **errors(401, 403, 404, 409, 422)},
    summary="Finalise a group case supervision record (facilitator)",
)
@declare(rule="the facilitator (403), of a group record you may read (404)")
def group_session_finalise(request: HttpRequest, session_id: int) -> Any:
    """The facilitator, having reviewed the entries, finalises the record: it is then locked
    (changes are addenda), as on the web. Participants and line managers may read it but not
    finalise it (403); a record already finalised is 409."""
    session = visible_group_session(request, session_id)
    current = viewer(request)
    if current.staff is None or current.staff.pk != session.supervisor_id:
        raise PermissionDenied("Only the facilitator can finalise a group session's record.")
    session = services.group_session_complete(actor=request.user, session=session)
    return group_record(session, current)
