"""Drift: open actions carried from session to session (an action carried into three sessions
or more is flagged, issue 3), the failure Ofsted reports as "actions carried from session to
session". Counted live from the actions, for the scope's supervision; each row is described
only to those who may read it (the session's record, or the child's where it is about one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.cases.selectors import visible_child_ids
from supervise.compliance.scope import ComplianceScope
from supervise.sessions.models import Action
from supervise.sessions.page_duties import RecordAccess, session_url
from supervise.sessions.states import ActionStatus

CARRIED_TOO_OFTEN = Action.CARRIED_TOO_OFTEN


def drifting_actions(scope: ComplianceScope, team_id: int | None = None) -> QuerySet[Action]:
    """Open actions carried `CARRIED_TOO_OFTEN` times or more in the scope's supervision
    (the session's supervisor in the scope), most often carried first."""
    actions = Action.objects.filter(
        organisation_id=scope.organisation_id,
        status=ActionStatus.OPEN,
        times_carried__gte=CARRIED_TOO_OFTEN,
    )
    if not scope.org_wide:
        actions = actions.filter(session__supervisor_id__in=scope.supervisors)
    if team_id is not None:
        # The supervisee's team; a group session's, its supervisor's.
        actions = actions.filter(
            Q(session__supervisee__team_id=team_id)
            | Q(session__supervisee__isnull=True, session__supervisor__team_id=team_id)
        )
    return actions.order_by("-times_carried", "due_on", "pk")


@dataclass(slots=True)
class DriftRow:
    action: Action
    description: str | None  # None: the viewer may not read the record it is in
    child_name: str | None  # None: no child, or one the viewer may not open
    child_url: str | None
    session_url: str | None
    supervisee: str
    supervisor: str
    team: str
    agreed_on: date | None


def drift_rows(viewer: Viewer, actions: list[Action]) -> list[DriftRow]:
    """The rows of one page (a fixed number of queries: the actions come with their people)."""
    access = RecordAccess.of(viewer)
    children = visible_child_ids(viewer, {a.child_id for a in actions if a.child_id}, viewer.day)
    rows = []
    for action in actions:
        session = action.session
        opens_session = access.can_open(session.supervisor_id, session.supervisee_id)
        child_visible = action.child_id in children
        readable = opens_session or child_visible
        team = session.supervisee.team if session.supervisee else session.supervisor.team
        rows.append(
            DriftRow(
                action=action,
                description=action.description if readable else None,
                child_name=action.child.name if action.child and child_visible else None,
                child_url=reverse("cases:child", args=[action.child_id]) if child_visible else None,
                session_url=session_url(session.pk, session.kind) if opens_session else None,
                supervisee=session.supervisee.name if session.supervisee else "Group session",
                supervisor=session.supervisor.name,
                team=team.name if team else "No team recorded",
                agreed_on=session.held_on,
            )
        )
    return rows


def with_people(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related(
        "child",
        "owner",
        "session__supervisor__team",
        "session__supervisee__team",
    )
