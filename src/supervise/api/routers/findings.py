"""The engine's findings for what the viewer may see, and one person's duties."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from supervise.accounts.access import ORG_WIDE_COMPLIANCE
from supervise.api.guards import viewer, visible_staff
from supervise.api.permissions import declare
from supervise.api.schemas.common import errors
from supervise.api.schemas.findings import DutiesOut, FindingsOut
from supervise.api.schemas.queries import DayQuery, FindingsQuery
from supervise.api.selectors.findings import duties_of, findings_for, team_of

router = Router(tags=["Findings"])


@router.get("/findings", response={200: FindingsOut, **errors(401, 403, 422)}, summary="Findings")
@declare(rule="scope=team: you and your chain; scope=org: organisation-wide roles (else 403)")
def findings(request: HttpRequest, params: Query[FindingsQuery]) -> Any:
    """Overdue and due-soon duties, each as the CLI report writes it (`rule`, `status`,
    `subject` {type, id}, `due_on`, `facts`, `source`); ids are external ids."""
    current = viewer(request)
    day = params.as_of or timezone.localdate()
    if params.scope == "org":
        if not current.has(*ORG_WIDE_COMPLIANCE):
            raise PermissionDenied(
                "Organisation-wide findings are for senior managers, quality "
                "assurance, HR and inspectors."
            )
        staff_ids = None
    else:
        staff_ids = team_of(current)
    organisation = request.user.organisation
    return {
        "policy": organisation.pack.slug,
        "as_of": day,
        "scope": params.scope,
        "findings": findings_for(organisation, staff_ids, day, params.rule),
    }


@router.get(
    "/staff/{staff_id}/duties",
    response={200: DutiesOut, **errors(401, 403, 404, 422)},
    summary="A person's duties",
)
@declare(rule="the person, their chain and organisation-wide compliance roles (else 404)")
def staff_duties(request: HttpRequest, staff_id: int, params: Query[DayQuery]) -> Any:
    """Every unmet duty about this person (theirs, their sessions' records, the children
    allocated to them), however far off. For the person, their management chain and
    organisation-wide roles; anyone else gets 404."""
    staff = visible_staff(request, staff_id)
    day = params.as_of or timezone.localdate()
    return {
        "staff": staff,
        "as_of": day,
        "duties": duties_of(request.user.organisation, staff, day),
    }
