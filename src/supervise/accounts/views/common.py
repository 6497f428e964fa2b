"""What the sign-in pages share: where to go after signing in, the lockout refusal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from supervise.accounts import signin, throttle, two_factor
from supervise.accounts.models import SignInFailure


def lockout_message() -> str:
    # The same words whether or not the account exists, and for an address as for an account.
    return (
        "There have been too many attempts to sign in. "
        f"Wait {throttle.window_minutes()} minutes, then try again."
    )


def destination(request: HttpRequest, user: Any, next_url: str) -> str:
    if next_url:
        return next_url
    if user.organisation_id is None and user.is_staff:
        return reverse("admin:index")
    return reverse("web:home")


def after_first_factor(
    request: HttpRequest, user: Any, *, method: str, next_url: str, backend: str
) -> HttpResponse:
    """The first factor is done: on to the code, or to setting up the app."""
    signin.begin(request, user, method=method, next_url=next_url, backend=backend)
    if two_factor.is_enrolled(user):
        return redirect("account:code")
    return redirect("account:sign-in-set-up")


def code_failed(request: HttpRequest, pending: signin.Pending, *, kind: str) -> bool:
    """Count and audit a wrong code; True (and the pending sign-in abandoned) if that locks the
    account out."""
    address = signin.client_address(request)
    username = pending.user.get_username()
    throttle.record_failure(username, address, SignInFailure.CODE)
    signin.audit_failure(
        request, "auth.totp_failed", user=pending.user, first_factor_met=True, detail={"kind": kind}
    )
    if throttle.locked_out(username, address):
        refuse_locked_out(request, pending)
        return True
    return False


def refuse_locked_out(request: HttpRequest, pending: signin.Pending) -> None:
    signin.abandon(request)
    signin.audit_failure(
        request,
        "auth.locked_out",
        user=pending.user,
        first_factor_met=True,
        detail={"step": "code"},
    )
    messages.error(request, lockout_message())


def finish(
    request: HttpRequest, pending: signin.Pending, *, second: str, message: str = ""
) -> HttpResponse:
    signin.complete(
        request, pending.user, method=pending.method, backend=pending.backend, second=second
    )
    if message:
        messages.info(request, message)
    return redirect(destination(request, pending.user, pending.next_url))
