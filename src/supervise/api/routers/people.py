"""Who am I, and personal API tokens."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from supervise.api import services
from supervise.api.auth import SessionAuth
from supervise.api.guards import viewer
from supervise.api.schemas.common import errors
from supervise.api.schemas.people import MeOut, TokenIn, TokenOut
from supervise.web.shortcuts import client_address

router = Router(tags=["People"])


@router.get("/me", response={200: MeOut, **errors(401, 403)}, summary="Who am I")
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


@router.post(
    "/tokens",
    auth=[SessionAuth()],
    response={201: TokenOut, **errors(400, 401, 403, 422)},
    summary="Issue a personal API token",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Any:
    """A bearer token for scripts, issued to a signed-in browser session only (a token cannot
    issue tokens). It acts as you, with your rights, until it expires or you change your
    password. It is shown once; the audit trail records that it was issued, not the token."""
    issued = services.token_issue(
        actor=request.user,
        days=payload.days,
        purpose=payload.purpose,
        address=client_address(request),
    )
    return Status(201, {"token": issued.token, "expires_at": issued.expires_at})
