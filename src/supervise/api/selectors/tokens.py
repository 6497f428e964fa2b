"""A person's own API tokens: the list (newest first) and one of them by id."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from supervise.api.models import ApiToken
from supervise.web.shortcuts import get_visible


def tokens_of(user: Any) -> list[ApiToken]:
    """Every token the person has made, live or not, so that they can see what exists. The
    rows carry no secret: the key id, what it is for and its dates."""
    tokens = list(ApiToken.objects.filter(user=user))
    for token in tokens:
        token.user = user  # `state()` reads the account; it is the same one for every row
    return tokens


def own_token(request: HttpRequest, token_id: int) -> ApiToken:
    """One of the signed-in person's tokens. Anyone else's, an administrator's colleague's
    included, is 404 (audited as `access.refused`), so token ids cannot be probed."""
    return get_visible(
        request,
        ApiToken.objects.select_related("user"),
        token_id,
        allowed=lambda token: token.user_id == request.user.pk,
    )
