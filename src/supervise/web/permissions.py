"""Every view declares who may open it. The decorator enforces the role part; the view then
checks the user's right to the particular record through `supervise.accounts.access`.

A static test walks every URL and fails on any view without a declared permission.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from supervise.accounts.access import Viewer

View = Callable[..., HttpResponse]
ANY_MEMBER = "any member of the organisation"
PUBLIC = "public"


def viewer_of(request: HttpRequest) -> Viewer:
    """The request's `Viewer`, computed once per request."""
    cached = getattr(request, "_viewer", None)
    if cached is None:
        cached = Viewer(request.user)
        request._viewer = cached  # type: ignore[attr-defined]
    return cached


READ = ("GET", "HEAD")
READ_WRITE = ("GET", "HEAD", "POST")


def requires(*roles: str, methods: tuple[str, ...] = READ_WRITE) -> Callable[[View], View]:
    """Signed in, a member of an organisation, and (when roles are named) holding one of them.

    `methods`: the HTTP methods the view answers (HTML forms need GET and POST only; read-only
    pages say `methods=READ`). Anything else is 405, before any record is touched.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            viewer = viewer_of(request)
            if viewer.organisation_id is None:
                raise PermissionDenied("This account does not belong to an organisation.")
            if roles and not viewer.has(*roles):
                raise PermissionDenied("This page is for other roles.")
            return view(request, *args, **kwargs)

        wrapped.supervise_permission = roles or (ANY_MEMBER,)  # type: ignore[attr-defined]
        return wrapped

    return decorate


def public(view: View) -> View:
    """Open to anyone (sign-in page, health check). Declared, so that it is a choice."""
    view.supervise_permission = (PUBLIC,)  # type: ignore[attr-defined]
    return view
