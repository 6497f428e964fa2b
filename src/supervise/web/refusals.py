"""Every refused access is audited (issue 4, "Audit trail: … every refused access").

A record outside the viewer's rights is 404 and `get_visible` audits it. The other refusals are
403s: a page for other roles (`@requires`), a view's own `PermissionDenied` (a manager asking
for the PDF that only the worker or a third party may download). They are audited here, in one
place rather than in each view, so that a new view cannot forget; the API's 403s are audited by
its exception handling (`supervise.api.api`), which answers them before Django would see them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from supervise.web.shortcuts import audit_refusal


class RefusalAuditMiddleware:
    """Audits a `PermissionDenied` raised by a view (or its decorators), then lets Django
    answer it with the 403 page as before. Last in `MIDDLEWARE`, so that it sees the
    exception first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            audit_refusal(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`: a post without a valid form token (a forged cross-site request, or
    a form left open past the session) is a refused access too, audited like the others; the
    person sees the project's own 403 page, not Django's."""
    from django.shortcuts import render

    audit_refusal(request, reason="csrf")
    return render(request, "web/errors/403.html", status=403)
