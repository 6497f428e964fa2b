"""The agenda of a planned session, actions on a held session's record, and the caller's own
actions. Each calls the service in `supervise.sessions.services` (409 when policy or the record's
state refuses) after the viewer is found to see the session (else 404) and to play the part the
operation needs (else 403), by the same rules the web pages use (`record_selectors`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from supervise.api.guards import (
    SUPERVISEE,
    SUPERVISOR,
    TYPIST,
    require_party,
    viewer,
    visible_action,
    visible_child,
    visible_session,
)
from supervise.api.permissions import declare
from supervise.api.schemas.actions import (
    ActionIn,
    ActionStatusIn,
    AgendaItemIn,
    MyActionsPage,
    MyActionsQuery,
)
from supervise.api.schemas.common import errors, invalid
from supervise.api.schemas.sessions import ActionOut, AgendaItemOut
from supervise.api.selectors.actions import actions_owned_by
from supervise.sessions import services
from supervise.sessions.models import Session
from supervise.sessions.record_selectors import (
    FINALISED_REFUSAL,
    abilities_of,
    allocated_children,
    discussable_children,
    edit_refusal,
)
from supervise.sessions.services import ActionRefused
from supervise.sessions.states import RecordStatus

router = Router(tags=["Agenda and actions"])

WRITE = errors(400, 401, 403, 404, 409, 422)


@router.post(
    "/sessions/{session_id}/agenda",
    response={201: AgendaItemOut, **WRITE},
    summary="Add to a planned session's agenda",
)
@declare(rule="the session's supervisor or supervisee (403), of a record you may read (404)")
def agenda_item_add(request: HttpRequest, session_id: int, payload: AgendaItemIn) -> Any:
    """An item to discuss, or a child tabled for discussion (or both), added by the supervisor
    or the supervisee before the session takes place. The agenda is in the session's record
    (`GET /sessions/{session_id}`, `agenda`)."""
    session = visible_session(request, session_id)
    require_party(
        request,
        session,
        {SUPERVISOR, SUPERVISEE},
        "Only the supervisor and the supervisee can add to the agenda.",
    )
    if not abilities_of(viewer(request), session).add_agenda:
        finalised = session.record_status == RecordStatus.FINALISED
        raise ActionRefused(
            FINALISED_REFUSAL
            if finalised
            else "Items can be added to the agenda only before the session takes place."
        )
    child = None
    if payload.child is not None:
        child = visible_child(request, payload.child)
        allocated = allocated_children(session.supervisee_id, timezone.localdate())
        if child not in allocated:
            raise invalid((("child",), "Not allocated to the supervisee: table one of theirs"))
    if not payload.text.strip() and child is None:
        raise invalid((("text",), "Enter what you want to discuss, or choose a child to table"))
    item = services.agenda_item_add(
        actor=request.user, session=session, text=payload.text, child=child
    )
    return Status(201, item)


@router.post(
    "/sessions/{session_id}/actions",
    response={201: ActionOut, **WRITE},
    summary="Add an action to the record",
)
@declare(rule="the supervisor or the typist (403), of a record you may read (404)")
def action_add(request: HttpRequest, session_id: int, payload: ActionIn) -> Any:
    """An action agreed in a held session, for its supervisor or supervisee, while the record
    is a draft. Open actions are carried into each later session's agenda until done."""
    session = visible_session(request, session_id)
    require_party(
        request,
        session,
        {SUPERVISOR, TYPIST},
        "Only the supervisor, or business support asked to type it up, can write this record.",
    )
    # The record's state first (finalised, sent, not held): the web's own words, and 409.
    # Group sessions record decisions per child and have no actions (nor do their web pages).
    refusal = edit_refusal(viewer(request), session)
    if session.kind == Session.Kind.GROUP:
        refusal = "Actions are agreed in one-to-one supervision, not in group case supervision."
    if refusal:
        raise ActionRefused(refusal)
    problems: list[tuple[tuple[str | int, ...], str]] = []
    owners = {session.supervisor_id: session.supervisor, session.supervisee_id: session.supervisee}
    owner = owners.get(payload.owner)
    if owner is None:
        problems.append((("owner",), "Choose the session's supervisor or supervisee"))
    if session.held_on and payload.due_on < session.held_on:
        problems.append((("due_on",), "The due date must be on or after the session date"))
    child = None
    if payload.child is not None:
        child = visible_child(request, payload.child)
        if child.pk not in discussable_children(session, timezone.localdate()):
            problems.append(
                (("child",), "Not a child of this session: allocated, tabled or discussed")
            )
    if problems:
        raise invalid(*problems)
    action = services.action_add(
        actor=request.user,
        session=session,
        owner=owner,
        description=payload.description,
        due_on=payload.due_on,
        child=child,
    )
    return Status(201, action)


@router.post(
    "/actions/{action_id}/status",
    response={200: ActionOut, **WRITE},
    summary="Mark an action done, no longer needed, or open again",
)
@declare(rule="the action's owner or the session's supervisor (403), of a record you may read")
def action_set_status(request: HttpRequest, action_id: int, payload: ActionStatusIn) -> Any:
    """By the action's owner or the session's supervisor. Actions are followed up in later
    sessions, so this works after the session's record is finalised, as on the web."""
    action = visible_action(request, action_id)
    me = viewer(request).staff
    if me is None or me.pk not in (action.owner_id, action.session.supervisor_id):
        raise PermissionDenied("Only the action's owner or the session's supervisor can change it.")
    return services.action_set_status(actor=request.user, action=action, status=payload.status)


@router.get(
    "/me/actions",
    response={200: MyActionsPage, **errors(401, 403, 422)},
    summary="Your actions",
)
@declare(rule="the actions you own")
def my_actions(request: HttpRequest, params: Query[MyActionsQuery]) -> Any:
    """The actions you own, from all your sessions (as supervisee or supervisor): open ones
    first, each by due date, with the session that agreed it."""
    me = viewer(request).staff
    if me is None:
        raise PermissionDenied("Only staff with a staff record have actions.")
    actions = actions_owned_by(me, params.status)
    start, end = params.offset, params.offset + params.limit
    return {
        "count": actions.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": list(actions[start:end]),
    }
