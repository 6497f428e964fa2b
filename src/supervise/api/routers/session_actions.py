"""What people do to a session: cancel, hold, write up, send, sign or decline, finalise, and add
addenda. Each calls the service in `supervise.sessions.services` (which refuses what policy
forbids: 409) after the API has checked the viewer may see the session (else 404) and plays the
part the action needs (else 403)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import ValidationError

from supervise.api.guards import (
    SUPERVISEE,
    SUPERVISOR,
    TYPIST,
    require_party,
    visible_child,
    visible_session,
)
from supervise.api.permissions import declare
from supervise.api.schemas.common import errors
from supervise.api.schemas.sessions import (
    ALWAYS_RECORDED,
    CASE_SECTION_FIELDS,
    AddendumIn,
    AddendumOut,
    CancelIn,
    DeclineIn,
    DiscussionIn,
    DiscussionOut,
    HoldIn,
    RecordIn,
    SessionSummary,
    SignIn,
    TypistIn,
    TypistOut,
)
from supervise.sessions import services
from supervise.sessions.models import Session
from supervise.sessions.record_selectors import business_support_users

router = Router(tags=["Session actions"])

WRITE = errors(400, 401, 403, 404, 409, 422)
ACT = errors(401, 403, 404, 409, 422)


def _session_for(request: HttpRequest, session_id: int, parts: set[str], message: str) -> Session:
    session = visible_session(request, session_id)
    require_party(request, session, parts, message)
    return session


def _field_errors(names: list[str], where: tuple[str, ...], message: str) -> ValidationError:
    return ValidationError(
        [{"type": "value_error", "loc": [*where, name], "msg": message} for name in names]
    )


@router.post(
    "/sessions/{session_id}/cancel",
    response={200: SessionSummary, **WRITE},
    summary="Cancel a planned session",
)
@declare(rule="the session's supervisor or supervisee (403), of a record you may read (404)")
def session_cancel(request: HttpRequest, session_id: int, payload: CancelIn) -> Any:
    session = _session_for(
        request,
        session_id,
        {SUPERVISOR, SUPERVISEE},
        "Only the supervisor or the supervisee can cancel this session.",
    )
    return services.session_cancel(
        actor=request.user,
        session=session,
        cancelled_by=payload.cancelled_by,
        reason=payload.reason,
        note=payload.note,
    )


@router.post(
    "/sessions/{session_id}/hold",
    response={200: SessionSummary, **WRITE},
    summary="Say a session took place",
)
@declare(rule="the session's supervisor (403), of a record you may read (404)")
def session_hold(request: HttpRequest, session_id: int, payload: HoldIn) -> Any:
    session = _session_for(
        request, session_id, {SUPERVISOR}, "Only the supervisor can say a session took place."
    )
    return services.session_hold(
        actor=request.user,
        session=session,
        held_on=payload.held_on,
        duration_minutes=payload.duration_minutes,
    )


@router.post(
    "/sessions/{session_id}/record",
    response={200: SessionSummary, **WRITE},
    summary="Write the record's headings",
)
@declare(rule="the supervisor or the typist (403), of a record you may read (404)")
def record_save(request: HttpRequest, session_id: int, payload: RecordIn) -> Any:
    """Text under the authority's personal-record headings (see `headings` in the record);
    headings not sent are left as they are."""
    session = _session_for(
        request,
        session_id,
        {SUPERVISOR, TYPIST},
        "Only the supervisor, or business support asked to type it up, can write this record.",
    )
    template = session.organisation.pack.recording
    known = {heading.key for heading in template.personal} if template else set()
    unknown = sorted(set(payload.entries) - known)
    if unknown:
        raise _field_errors(
            unknown,
            ("body", "payload", "entries"),
            f"Not a heading of this authority's record; use one of {', '.join(sorted(known))}",
        )
    confidential = set(payload.confidential) if payload.confidential is not None else None
    not_sent = sorted((confidential or set()) - set(payload.entries))
    if not_sent:
        raise _field_errors(
            not_sent, ("body", "payload", "confidential"), "Send this heading's text as well"
        )
    return services.record_save(
        actor=request.user, session=session, entries=payload.entries, confidential=confidential
    )


@router.post(
    "/sessions/{session_id}/discussions",
    response={200: DiscussionOut, **WRITE},
    summary="Record a child's discussion",
)
@declare(rule="the supervisor or the typist (403), of a record you may read (404)")
def discussion_save(request: HttpRequest, session_id: int, payload: DiscussionIn) -> Any:
    """Write (or add to) a child's discussion in this session; it is written onto the child's
    record. Only the fields sent change; the authority's case template decides which exist."""
    session = _session_for(
        request,
        session_id,
        {SUPERVISOR, TYPIST},
        "Only the supervisor, or business support asked to type it up, can write this record.",
    )
    child = visible_child(request, payload.child)
    fields = payload.fields.model_dump(exclude_unset=True)
    template = session.organisation.pack.recording
    sections = template.case_sections if template else ()
    allowed = {f for s in sections for f in CASE_SECTION_FIELDS[s]} | set(ALWAYS_RECORDED)
    outside = sorted(name for name in fields if name not in allowed)
    if outside:
        raise _field_errors(
            outside,
            ("body", "payload", "fields"),
            "Not part of this authority's case template",
        )
    return services.discussion_save(actor=request.user, session=session, child=child, fields=fields)


@router.post(
    "/sessions/{session_id}/send",
    response={200: SessionSummary, **ACT},
    summary="Sign and send the record to the supervisee",
)
@declare(rule="the session's supervisor (403), of a record you may read (404)")
def record_send(request: HttpRequest, session_id: int) -> Any:
    session = _session_for(
        request, session_id, {SUPERVISOR}, "Only the supervisor can send the record."
    )
    return services.record_send(actor=request.user, session=session)


@router.post(
    "/sessions/{session_id}/sign",
    response={200: SessionSummary, **WRITE},
    summary="Sign the record (supervisee)",
)
@declare(rule="the session's supervisee (403), of a record you may read (404)")
def record_sign(request: HttpRequest, session_id: int, payload: SignIn | None = None) -> Any:
    """The supervisee signs. Where the policy has a manager review (Hertfordshire) the record
    then waits for the supervisor to finalise it; otherwise it is finalised and locked now."""
    session = _session_for(
        request, session_id, {SUPERVISEE}, "Only the supervisee can sign this record."
    )
    comment = payload.comment if payload else ""
    return services.record_sign(actor=request.user, session=session, comment=comment)


@router.post(
    "/sessions/{session_id}/decline",
    response={200: SessionSummary, **WRITE},
    summary="Decline to sign (supervisee)",
)
@declare(rule="the session's supervisee (403), of a record you may read (404)")
def record_decline(request: HttpRequest, session_id: int, payload: DeclineIn) -> Any:
    session = _session_for(
        request, session_id, {SUPERVISEE}, "Only the supervisee can decline this record."
    )
    return services.record_decline(actor=request.user, session=session, reason=payload.reason)


@router.post(
    "/sessions/{session_id}/reopen",
    response={200: SessionSummary, **ACT},
    summary="Reopen a declined record",
)
@declare(rule="the session's supervisor (403), of a record you may read (404)")
def record_reopen(request: HttpRequest, session_id: int) -> Any:
    session = _session_for(
        request, session_id, {SUPERVISOR}, "Only the supervisor can reopen the record."
    )
    return services.record_reopen(actor=request.user, session=session)


@router.post(
    "/sessions/{session_id}/finalise",
    response={200: SessionSummary, **ACT},
    summary="Finalise after review",
)
@declare(rule="the session's supervisor (403), of a record you may read (404)")
def record_finalise(request: HttpRequest, session_id: int) -> Any:
    """The manager's review done (Hertfordshire): finalised and locked."""
    session = _session_for(
        request, session_id, {SUPERVISOR}, "Only the supervisor can finalise the record."
    )
    return services.record_finalise(actor=request.user, session=session)


@router.post(
    "/sessions/{session_id}/addenda",
    response={201: AddendumOut, **WRITE},
    summary="Add an addendum to a finalised record",
)
@declare(rule="the session's supervisor or supervisee (403), of a record you may read (404)")
def addendum_add(request: HttpRequest, session_id: int, payload: AddendumIn) -> Any:
    session = _session_for(
        request,
        session_id,
        {SUPERVISOR, SUPERVISEE},
        "Only the supervisor or the supervisee can add an addendum.",
    )
    addendum = services.addendum_add(actor=request.user, session=session, text=payload.text)
    return Status(201, addendum)


def _typist_out(session: Session, users: list[Any]) -> dict[str, Any]:
    def ref(user: Any) -> dict[str, str]:
        return {"username": user.username, "name": user.get_full_name() or user.username}

    return {
        "session": session.pk,
        "typist": ref(session.typist) if session.typist_id else None,
        "typists": [ref(user) for user in users],
    }


@router.post(
    "/sessions/{session_id}/typist",
    response={200: TypistOut, **WRITE},
    summary="Ask business support to type up the record",
)
@declare(rule="the session's supervisor (403), of a record you may read (404)")
def typist_assign(request: HttpRequest, session_id: int, payload: TypistIn) -> Any:
    """The supervisor names who types up their handwritten notes into the draft (they can
    write it, never send or finalise it); null asks nobody. The answer lists who can be asked."""
    session = _session_for(
        request,
        session_id,
        {SUPERVISOR},
        "Only the supervisor can ask for this record to be typed up.",
    )
    users = business_support_users(session.organisation_id)
    typist = None
    if payload.username is not None:
        typist = next((u for u in users if u.username == payload.username), None)
        if typist is None:
            raise _field_errors(
                ["username"],
                ("body", "payload"),
                "Not business support in your organisation; use one of `typists`",
            )
    session = services.typist_assign(actor=request.user, session=session, typist=typist)
    return _typist_out(session, users)
