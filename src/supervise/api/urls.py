"""The API's URLs: /api/v1/… (operations, /api/v1/openapi.json and the /api/v1/docs page),
and /api/tokens/…, the pages where a signed-in person lists, creates and revokes their personal
API tokens."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import URLPattern, path
from ninja import Router

from supervise.api.api import ROUTERS, api
from supervise.api.permissions import declared_operations
from supervise.api.token_page import token_new, token_revoke, tokens
from supervise.web.permissions import PUBLIC

app_name = "api"

# The OpenAPI document, its reference page and the API's root: public, by choice.
PUBLIC_NAMES = ("openapi-json", "openapi-view", "api-root")


def declare_permissions(patterns: list[URLPattern], routers: Iterable[Router]) -> list[URLPattern]:
    """Stamp each operation's URL with what its operations declare
    (`supervise.api.permissions.declare`), for the web's static check. ninja makes one URL per
    operation, but a URL answers every operation on its path (GET and POST /sessions), so the
    stamp is what all of them declare together; an undeclared operation leaves its URLs
    unstamped, and the static check fails on them."""
    declared = {op.name: op for op in declared_operations(routers)}
    names_on: dict[str, list[str | None]] = {}
    for pattern in patterns:
        names_on.setdefault(str(pattern.pattern), []).append(pattern.name)
    for pattern in patterns:
        if pattern.name in PUBLIC_NAMES:
            pattern.callback.supervise_permission = (PUBLIC,)  # type: ignore[attr-defined]
            continue
        operations = [declared.get(name) for name in names_on[str(pattern.pattern)]]
        if all(op is not None and op.permission for op in operations):
            permission = tuple(dict.fromkeys(p for op in operations for p in op.permission or ()))
            pattern.callback.supervise_permission = permission  # type: ignore[attr-defined]
    return patterns


v1_patterns, v1_app, v1_namespace = api.urls
urlpatterns = [
    path(
        "v1/",
        (declare_permissions(v1_patterns, (api.default_router, *ROUTERS)), v1_app, v1_namespace),
    ),
    path("tokens/", tokens, name="tokens"),
    path("tokens/new/", token_new, name="token-new"),
    path("tokens/<int:token_id>/revoke/", token_revoke, name="token-revoke"),
]
