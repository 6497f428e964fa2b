"""Fetching records for the API with the web pages' rules (`supervise.accounts.access.Viewer`).

A record outside the viewer's rights or organisation is 404 (audited as `access.refused` by
`get_visible`), so ids cannot be probed. A record the viewer may see, but an action they are not
the one to take (the line manager signing for the supervisee), is 403. Reads of personal
records and children's records are audited without content.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.agreements.models import Agreement
from supervise.cases.models import Child
from supervise.organisations.models import Team
from supervise.people.models import StaffMember
from supervise.sessions.models import Action, Session
from supervise.sessions.record_selectors import may_view
from supervise.sessions.views.team_group import group_session_visible
from supervise.web.permissions import viewer_of
from supervise.web.shortcuts import get_visible

SUPERVISOR = "supervisor"
SUPERVISEE = "supervisee"
TYPIST = "typist"


def viewer(request: HttpRequest) -> Viewer:
    return viewer_of(request)


def visible_session(request: HttpRequest, session_id: int, *, read: bool = False) -> Session:
    """A supervision session the viewer may see (its record, when `read`, is audited)."""
    current = viewer_of(request)
    return get_visible(
        request,
        Session.objects.select_related("supervisor", "supervisee", "organisation"),
        session_id,
        allowed=current.can_view_record,
        audit_as="record.viewed" if read else None,
    )


def visible_group_session(request: HttpRequest, session_id: int, *, read: bool = False) -> Session:
    """A group case supervision session, with the web's rule; its read is audited."""
    return group_session_visible(request, session_id, audit=read)


def visible_action(request: HttpRequest, action_id: int) -> Action:
    """An action whose session's record the viewer may see, by the web's rule (`may_view`:
    one-to-one records only; business support only while the draft they type)."""
    current = viewer_of(request)
    return get_visible(
        request,
        Action.objects.select_related("session", "session__organisation", "owner", "child"),
        action_id,
        allowed=lambda action: may_view(current, action.session),
    )


def visible_child(request: HttpRequest, child_id: int, *, read: bool = False) -> Child:
    current = viewer_of(request)
    return get_visible(
        request,
        Child.objects.select_related("organisation"),
        child_id,
        allowed=current.can_view_child,
        audit_as="child.viewed" if read else None,
    )


def visible_staff(request: HttpRequest, staff_id: int) -> StaffMember:
    """A member of staff whose dates and duties the viewer may see (self, chain, org-wide)."""
    current = viewer_of(request)
    return get_visible(
        request,
        StaffMember.objects.select_related("team"),
        staff_id,
        allowed=current.can_view_staff,
    )


def supervisee_of_viewer(request: HttpRequest, staff_id: int) -> StaffMember:
    """Someone the viewer supervises today (usual or cover line): who they may book."""
    current = viewer_of(request)
    mine = current.supervisees()
    return get_visible(request, StaffMember.objects.all(), staff_id, allowed=lambda s: s.pk in mine)


def agreement_as_record(agreement: Agreement) -> Any:
    """An agreement belongs to the supervisee's supervision file: whoever may read a record
    between the same two people, made the day the agreement was, may read it (supervisee,
    supervisor, supervisor's line manager, a third party under an approved access request)."""
    # `status`/`record_status`: an agreement is never a draft record, so a third party's
    # approved request covers it as it covers a sent record (`Viewer.can_view_record`).
    return SimpleNamespace(
        organisation_id=agreement.organisation_id,
        kind="formal",
        status="held",
        record_status="finalised",
        supervisee_id=agreement.supervisee_id,
        supervisor_id=agreement.supervisor_id,
        typist_id=None,
        held_on=agreement.signed_on or timezone.localtime(agreement.created_at).date(),
    )


def visible_agreement(request: HttpRequest, agreement_id: int, *, read: bool = False) -> Agreement:
    current = viewer_of(request)
    return get_visible(
        request,
        Agreement.objects.select_related("supervisor", "supervisee"),
        agreement_id,
        allowed=lambda a: current.can_view_record(agreement_as_record(a)),
        audit_as="agreement.viewed" if read else None,
    )


def visible_team(request: HttpRequest, team_id: int) -> Team:
    return get_visible(request, Team.objects.all(), team_id, allowed=lambda team: True)


def parties(current: Viewer, session: Any) -> set[str]:
    """Which parts the viewer plays in this session or agreement."""
    played: set[str] = set()
    me = current.staff.pk if current.staff else None
    if me is not None and session.supervisor_id == me:
        played.add(SUPERVISOR)
    if me is not None and session.supervisee_id == me:
        played.add(SUPERVISEE)
    if isinstance(session, Session) and current.record_relationship(session) == "typing up":
        played.add(TYPIST)
    return played


def require_party(request: HttpRequest, obj: Any, allowed: set[str], message: str) -> None:
    """403 unless the viewer plays one of `allowed` parts (they can already see the record)."""
    if not parties(viewer_of(request), obj) & allowed:
        raise PermissionDenied(message)
