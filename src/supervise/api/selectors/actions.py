"""The caller's own actions, across their sessions."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from supervise.people.models import StaffMember
from supervise.sessions.models import Action
from supervise.sessions.states import ActionStatus


def actions_owned_by(staff: StaffMember, status: str | None = None) -> QuerySet[Action]:
    """What `staff` agreed to do (as My supervision lists them): open ones first, then by due
    date (undated last)."""
    actions = Action.objects.filter(
        owner=staff, organisation_id=staff.organisation_id
    ).select_related("owner", "child", "session")
    if status is not None:
        actions = actions.filter(status=status)
    open_first = Case(
        When(status=ActionStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return actions.order_by(open_first, F("due_on").asc(nulls_last=True), "id")
