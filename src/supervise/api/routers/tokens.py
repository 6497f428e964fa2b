"""Personal API tokens: issuing one (from a signed-in browser only), listing one's own, and
revoking one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from supervise.api import services
from supervise.api.auth import SessionAuth
from supervise.api.permissions import declare
from supervise.api.schemas.common import errors
from supervise.api.schemas.tokens import TokenIn, TokenInfoOut, TokenList, TokenOut
from supervise.api.selectors.tokens import own_token, tokens_of
from supervise.web.shortcuts import client_address

router = Router(tags=["Tokens"])


@router.post(
    "/tokens",
    auth=[SessionAuth()],
    response={201: TokenOut, **errors(400, 401, 403, 422)},
    summary="Issue a personal API token",
)
@declare(rule="your own tokens, issued from a signed-in browser session only")
def token_create(request: HttpRequest, payload: TokenIn) -> Any:
    """A bearer token for scripts, issued to a signed-in browser session only (a token cannot
    issue tokens). It acts as you, with your rights, until it expires, you revoke it or you
    change your password. It is shown once: Supervise keeps a digest of it, and the audit trail
    records that it was issued, not the token."""
    issued = services.token_issue(
        actor=request.user,
        days=payload.days,
        purpose=payload.purpose,
        address=client_address(request),
    )
    return Status(
        201,
        {
            "token": issued.token,
            "expires_at": issued.expires_at,
            "id": issued.record.pk,
            "key_id": issued.record.key_id,
        },
    )


@router.get("/tokens", response={200: TokenList, **errors(401, 403)}, summary="Your API tokens")
@declare(rule="your own tokens")
def token_list(request: HttpRequest) -> Any:
    """Every token you have made, newest first, with what it is for, when it was made, when it
    expires, when it was last used and whether it still works. Never the tokens themselves."""
    return {"items": tokens_of(request.user)}


@router.post(
    "/tokens/{token_id}/revoke",
    response={200: TokenInfoOut, **errors(401, 403, 404, 422)},
    summary="Revoke a personal API token",
)
@declare(rule="your own tokens (anyone else's is 404)")
def token_revoke(request: HttpRequest, token_id: int) -> Any:
    """Stop one of your tokens now, for good (revoking it again changes nothing). Someone
    else's token id is 404."""
    token = own_token(request, token_id)
    return services.token_revoke(
        actor=request.user, token_id=token.pk, address=client_address(request)
    )
