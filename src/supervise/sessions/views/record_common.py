"""What the record views share: fetching a session the viewer may see (404 otherwise, audited),
turning a refusal into a message, and safe redirects back to where a form was posted from."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from supervise.sessions.models import Session
from supervise.sessions.record_selectors import may_view, sessions_for_page
from supervise.sessions.services import ActionRefused
from supervise.sessions.states import TransitionError
from supervise.web.permissions import viewer_of
from supervise.web.shortcuts import get_visible

# What a service raises when it will not do what was asked; each carries words for people.
REFUSALS = (ActionRefused, TransitionError, PermissionDenied)


def visible_session(request: HttpRequest, pk: int, *, read: bool = False) -> Session:
    """The session if the viewer may see its record (else 404). `read` audits the page as a read
    of the record (pages that show its content); POSTs are audited by their service."""
    viewer = viewer_of(request)
    session = get_visible(
        request,
        sessions_for_page(),
        pk,
        allowed=lambda s: may_view(viewer, s),
        audit_as="record.viewed" if read else None,
    )
    return session


def refusal_words(error: Exception) -> str:
    """A service's refusal in words; a bare transition error gets a plain sentence instead."""
    if isinstance(error, TransitionError):
        return "That cannot be done at this stage of the record."
    text = str(error.args[0]) if error.args else ""
    return text or "You cannot do that."


def refuse(request: HttpRequest, session: Session, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("sessions:detail", pk=session.pk)


def detail_url(session: Session) -> str:
    return reverse("sessions:detail", kwargs={"pk": session.pk})


def safe_next(request: HttpRequest, candidate: str | None, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
