"""Compliance snapshot rows in the viewer's scope: the whole organisation for org-wide roles,
otherwise the rows of supervisors in the viewer's chain (and their own)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from supervise.accounts.access import ORG_WIDE_COMPLIANCE, Viewer
from supervise.api.selectors.findings import team_of
from supervise.compliance.models import ComplianceSnapshot


def snapshots_visible_to(
    viewer: Viewer, *, since: date | None, until: date | None, team_id: int | None
) -> QuerySet[ComplianceSnapshot]:
    rows = ComplianceSnapshot.objects.filter(organisation_id=viewer.organisation_id)
    if not viewer.has(*ORG_WIDE_COMPLIANCE):
        rows = rows.filter(supervisor_id__in=team_of(viewer))
    if since is not None:
        rows = rows.filter(taken_on__gte=since)
    if until is not None:
        rows = rows.filter(taken_on__lte=until)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return rows.select_related("team", "supervisor").order_by(
        "taken_on", "team__name", "supervisor__name", "rule", "id"
    )
