"""Supervision sessions: the list the viewer may see, one record, and booking."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from supervise.accounts.models import Role
from supervise.api.guards import (
    supervisee_of_viewer,
    viewer,
    visible_session,
)
from supervise.api.permissions import declare
from supervise.api.schemas.common import errors
from supervise.api.schemas.queries import SessionsQuery
from supervise.api.schemas.sessions import (
    ScheduleIn,
    SessionPage,
    SessionRecord,
    SessionSummary,
)
from supervise.api.selectors.sessions import session_record, sessions_visible_to
from supervise.people.models import StaffMember
from supervise.sessions.services import session_schedule
from supervise.web.shortcuts import get_visible

router = Router(tags=["Sessions"])


@router.get(
    "/sessions", response={200: SessionPage, **errors(401, 403, 404, 422)}, summary="Sessions"
)
@declare(rule="sessions whose record you may read (Viewer.can_view_record); nothing else listed")
def session_list(request: HttpRequest, params: Query[SessionsQuery]) -> Any:
    """Sessions whose record you may see (as supervisee, supervisor, the supervisor's line
    manager, or business support typing it up), latest first. Dates and states only."""
    current = viewer(request)
    sessions = sessions_visible_to(current)
    if params.supervisee is not None:
        # Another organisation's id is 404, as everywhere (audited).
        get_visible(request, StaffMember.objects.all(), params.supervisee, allowed=lambda s: True)
        sessions = sessions.filter(supervisee_id=params.supervisee)
    if params.status is not None:
        sessions = sessions.filter(status=params.status)
    if params.record_status is not None:
        sessions = sessions.filter(record_status=params.record_status)
    start, end = params.offset, params.offset + params.limit
    return {
        "count": sessions.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": list(sessions[start:end]),
    }


@router.get(
    "/sessions/{session_id}",
    response={200: SessionRecord, **errors(401, 403, 404, 422)},
    summary="A session's record",
)
@declare(rule="a record you may read (Viewer.can_view_record), else 404; the read is audited")
def session_detail(request: HttpRequest, session_id: int) -> Any:
    """The whole record: the authority's headings with their text, case discussions, agenda,
    actions, signatures and addenda. The read is audited (without content)."""
    return session_record(visible_session(request, session_id, read=True), viewer(request))


@router.post(
    "/sessions",
    response={201: list[SessionSummary], **errors(400, 401, 403, 404, 409, 422)},
    summary="Book supervision",
)
@declare(
    Role.SUPERVISOR,
    rule="someone you supervise today (else 404)",
    refusal="Only supervisors book supervision.",
)
def session_create(request: HttpRequest, payload: ScheduleIn) -> Any:
    """Book a one-to-one session with someone you supervise, or `repeat` of them at the
    frequency their authority's policy (or their agreement) requires."""
    supervisee = supervisee_of_viewer(request, payload.supervisee)
    booked = session_schedule(
        actor=request.user,
        supervisee=supervisee,
        on=payload.on,
        repeat=payload.repeat,
        venue=payload.venue,
        duration_minutes=payload.duration_minutes,
    )
    return Status(201, booked)
