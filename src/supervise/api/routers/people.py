"""Who am I."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from supervise.api.guards import viewer
from supervise.api.permissions import declare
from supervise.api.schemas.common import errors
from supervise.api.schemas.people import MeOut

router = Router(tags=["People"])


@router.get("/me", response={200: MeOut, **errors(401, 403)}, summary="Who am I")
@declare(rule="yourself: your account, roles, staff record and organisation")
def me(request: HttpRequest) -> Any:
    """The signed-in person: the roles the access rules give them today, their staff record
    and their organisation."""
    current = viewer(request)
    user = request.user
    staff = current.staff
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
        "roles": sorted(current.roles),
        "staff": None
        if staff is None
        else {
            "id": staff.pk,
            "external_id": staff.external_id,
            "name": staff.name,
            "role": staff.role,
            "team": staff.team,
        },
        "organisation": user.organisation,
        "authenticated_by": getattr(request, "api_auth", "session"),
    }
