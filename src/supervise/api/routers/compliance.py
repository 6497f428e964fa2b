"""Compliance snapshots (counts, no names of supervisees): organisation-wide roles see the
whole organisation, managers the supervisors in their chain; others are refused."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import ValidationError

from supervise.api.guards import viewer, visible_team
from supervise.api.permissions import declare
from supervise.api.schemas.common import errors
from supervise.api.schemas.compliance import SnapshotPage
from supervise.api.schemas.queries import SnapshotsQuery
from supervise.api.selectors.compliance import snapshots_visible_to

router = Router(tags=["Compliance"])


@router.get(
    "/compliance/snapshots",
    response={200: SnapshotPage, **errors(401, 403, 404, 422)},
    summary="Compliance snapshots",
)
@declare(rule="managers: their chain; organisation-wide compliance roles: all (else 403)")
def snapshots(request: HttpRequest, params: Query[SnapshotsQuery]) -> Any:
    """What the engine counted on each snapshot day, by team, supervisor and rule: staff or
    children with the duty (`subjects`), how many overdue, how many due soon."""
    current = viewer(request)
    if not current.can_view_org_compliance():
        raise PermissionDenied("Compliance figures are for managers and organisation-wide roles.")
    if params.since and params.until and params.since > params.until:
        raise ValidationError(
            [{"type": "value_error", "loc": ["query", "from"], "msg": "Must not be after `to`"}]
        )
    if params.team is not None:
        visible_team(request, params.team)
    rows = snapshots_visible_to(
        current, since=params.since, until=params.until, team_id=params.team
    )
    start, end = params.offset, params.offset + params.limit
    return {
        "count": rows.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": list(rows[start:end]),
    }
