"""The API's URLs: /api/v1/… (operations, /api/v1/openapi.json and the /api/v1/docs page),
and /api/tokens/…, the pages where a signed-in person lists, creates and revokes their personal
API tokens."""

from __future__ import annotations

from django.urls import path

from supervise.api.api import api
from supervise.api.token_page import token_new, token_revoke, tokens
from supervise.web.permissions import PUBLIC

app_name = "api"

API_PERMISSION = "api: token or session, then the access rules per record"


def _declare_permissions(patterns: list) -> list:  # type: ignore[type-arg]
    """Every view declares who may open it (the web's static check reads this attribute): the
    OpenAPI document and its reference page are public, the operations authenticate."""
    for pattern in patterns:
        public = pattern.name in ("openapi-json", "openapi-view", "api-root")
        pattern.callback.supervise_permission = (PUBLIC,) if public else (API_PERMISSION,)
    return patterns


v1_patterns, v1_app, v1_namespace = api.urls
urlpatterns = [
    path("v1/", (_declare_permissions(v1_patterns), v1_app, v1_namespace)),
    path("tokens/", tokens, name="tokens"),
    path("tokens/new/", token_new, name="token-new"),
    path("tokens/<int:token_id>/revoke/", token_revoke, name="token-revoke"),
]
