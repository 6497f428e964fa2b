"""The HTTP API, version 1: JSON over the same services and access rules as the web pages.

Errors are JSON `{"detail": …}`: 401 not signed in, 403 not yours to do, 404 not found or not
yours to see (audited), 409 refused by policy or by the record's state (a finalised record,
a session already held), 422 invalid input (`detail` lists each field's error with its `loc`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from supervise.api.auth import SessionAuth, TokenAuth, token_for
from supervise.api.docs import ReferencePage
from supervise.api.permissions import declared_operations, enforce_declared
from supervise.api.routers import (
    actions,
    agreements,
    children,
    compliance,
    findings,
    group,
    people,
    session_actions,
    sessions,
    tokens,
)
from supervise.cases.services import NoteRefused
from supervise.sessions.services import ActionRefused, InputRefused
from supervise.sessions.states import TransitionError
from supervise.web.shortcuts import audit_refusal


class SuperviseAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        # The view's name (unique across the API), not ninja's module-qualified default.
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        # Who may call each operation, as it declares it (`supervise.api.permissions`).
        schema = super().get_openapi_schema(**kwargs)
        declared = {op.name: op for op in declared_operations((self.default_router, *ROUTERS))}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                found = declared.get(operation.get("operationId", ""))
                if found is not None and found.permission:
                    operation["x-supervise-permission"] = [str(p) for p in found.permission]
                    operation["x-supervise-rule"] = found.rule
        return schema

    def create_response(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, *args, **kwargs)
        # Records about staff and children: never kept by a browser or a proxy.
        add_never_cache_headers(response)
        return response

    def on_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        response = super().on_exception(request, exc)
        # Every refused access is audited (issue 4). A 404 was audited by `get_visible`; a 403
        # (a role's or a party's refusal, a failed CSRF check, a token where only a session
        # will do) is audited here, once for all operations, as the web's are by middleware.
        if response.status_code == 403:
            audit_refusal(request)
        return response


api = SuperviseAPI(
    title="Supervise API",
    version="1",
    description=(
        "Supervision of children's social workers: sessions and their records, children's "
        "records, agreements and compliance, with the same rights as the web pages. "
        "Authenticate with a personal token (`Authorization: Bearer …`) or the browser's "
        "session (with `X-CSRFToken` on POST). Dates are ISO 8601; ids are database ids and "
        "each object also carries its `external_id`."
    ),
    urls_namespace="api:v1",
    openapi_url="/openapi.json",
    docs=ReferencePage(),
    docs_url="/docs",
    auth=[TokenAuth(), SessionAuth()],
)

ROUTERS = tuple(
    module.router
    for module in (
        people,
        tokens,
        findings,
        sessions,
        session_actions,
        actions,
        group,
        children,
        agreements,
        compliance,
    )
)
# Every operation declares who may call it (`supervise.api.permissions.declare`); this enforces
# the declared roles on every operation, and refuses any operation that declares nothing.
api.add_decorator(enforce_declared)
for router in ROUTERS:
    api.add_router("/", router)


def _refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Policy or the record's state says no: nothing was changed (the services are atomic)."""
    return api.create_response(request, {"detail": str(exc)}, status=409)


def _invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A service refused one field's value (`InputRefused`): 422 naming it, as the schemas'
    own validation does, so that a client finds every input error in the same shape."""
    field = getattr(exc, "field", "")
    problem = {"type": "value_error", "loc": ["body", "payload", field], "msg": str(exc)}
    return api.create_response(request, {"detail": [problem]}, status=422)


def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = str(exc) or "You cannot do this."
    return api.create_response(request, {"detail": message}, status=403)


SESSION_ONLY = (
    "This operation needs a signed-in browser session: a token cannot be used for it (a "
    "token cannot issue tokens)."
)


def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token_for(token.strip()) is not None:
        # A good token where only a browser session is accepted: not "who are you?" but "not
        # with that", so that a script's author is not sent to look for a bad token.
        return api.create_response(request, {"detail": SESSION_ONLY}, status=403)
    response = api.create_response(request, {"detail": "Unauthorized"}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="Supervise"'
    return response


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Never the exception's text: it could say why (another organisation, another team).
    return api.create_response(request, {"detail": "Not found."}, status=404)


handlers: dict[type[Exception], Any] = {
    InputRefused: _invalid,  # before its parent, ActionRefused: the nearest class answers
    ActionRefused: _refused,
    TransitionError: _refused,
    NoteRefused: _refused,
    PermissionDenied: _forbidden,
    Http404: _not_found,
    AuthenticationError: _unauthenticated,
}
for exception, handler in handlers.items():
    api.add_exception_handler(exception, handler)
