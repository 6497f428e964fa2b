"""Supervision agreements: read by the supervisee, the supervisor and the supervisor's line
manager (as the personal record), signed by the two parties."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from supervise.agreements import services
from supervise.api.guards import SUPERVISEE, SUPERVISOR, require_party, visible_agreement
from supervise.api.permissions import declare
from supervise.api.schemas.agreements import AgreementOut
from supervise.api.schemas.common import errors

router = Router(tags=["Agreements"])


@router.get(
    "/agreements/{agreement_id}",
    response={200: AgreementOut, **errors(401, 403, 404, 422)},
    summary="A supervision agreement",
)
@declare(rule="a record you may read (Viewer.can_view_record; else 404); the read is audited")
def agreement_detail(request: HttpRequest, agreement_id: int) -> Any:
    return visible_agreement(request, agreement_id, read=True)


@router.post(
    "/agreements/{agreement_id}/sign",
    response={200: AgreementOut, **errors(401, 403, 404, 409, 422)},
    summary="Sign an agreement",
)
@declare(rule="the supervisee or the supervisor (403), of an agreement you may read (404)")
def agreement_sign(request: HttpRequest, agreement_id: int) -> Any:
    """The supervisee (or the supervisor, if they have not yet) signs. With both signatures the
    agreement is in force and the earlier one is superseded."""
    agreement = visible_agreement(request, agreement_id)
    require_party(
        request,
        agreement,
        {SUPERVISEE, SUPERVISOR},
        "Only the supervisee or the supervisor can sign this agreement.",
    )
    return services.agreement_sign(actor=request.user, agreement=agreement)
