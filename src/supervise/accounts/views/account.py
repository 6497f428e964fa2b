"""Your account: how you sign in, changing your password, setting up two-factor authentication
after postponing it, and new recovery codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from supervise.accounts import signin, throttle, two_factor
from supervise.accounts.forms import CodeForm, PasswordChangeForm
from supervise.accounts.models import SignInFailure
from supervise.accounts.services import password_change
from supervise.accounts.views.common import lockout_message
from supervise.accounts.views.second_factor import (
    audit_enrolled,
    recovery_codes_page,
    set_up_page,
)
from supervise.audit.services import audit_record
from supervise.web.permissions import requires


@requires()
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = two_factor.device_of(user)
    return render(
        request,
        "web/account/overview.html",
        {
            "account": user,
            "device": device if device and device.confirmed else None,
            "codes_left": two_factor.recovery_codes_left(user),
            "need": two_factor.requirement(user),
            "signed_in": request.session.get(signin.SIGNED_IN) or {},
            "has_password": user.has_usable_password(),
            "idle_minutes": settings.SUPERVISE_SESSION_IDLE_MINUTES,
            "absolute_hours": settings.SUPERVISE_SESSION_ABSOLUTE_HOURS,
        },
    )


@requires()
@require_http_methods(["GET", "POST"])
def password(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_usable_password():
        messages.info(request, "You sign in with your council account, so you have no "
                      "Supervise password to change.")  # fmt: skip
        return redirect("account:overview")
    form = PasswordChangeForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            password_change(
                user=user,
                new_password=form.cleaned_data["new_password"],
                address=signin.client_address(request),
            )
            # Keeps this session; every other session of the account ends.
            update_session_auth_hash(request, user)
            messages.success(request, "Your password has been changed. You have been signed "
                             "out everywhere else.")  # fmt: skip
            return redirect("account:overview")
        if "current_password" in form.errors:
            audit_record(
                action="auth.password_change_failed",
                actor=user,
                organisation=user.organisation,
                obj=user,
                address=signin.client_address(request),
            )
            # Counted with the sign-in failures: someone holding a stolen session cannot try
            # passwords here without limit (found in a security review).
            if _count_failure_and_lock(request, SignInFailure.PASSWORD):
                return redirect("web:sign-in")
    return render(request, "web/account/password.html", {"form": form})


@requires()
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """Setting up the app after postponing it at sign-in."""
    user = request.user
    if two_factor.is_enrolled(user):
        messages.info(request, "Two-factor authentication is already set up for your account.")
        return redirect("account:overview")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.enrolment_confirm(user=user, code=form.cleaned_data["code"])
        except two_factor.CodeRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            audit_enrolled(request, user)
            return recovery_codes_page(request, codes, "")
    return set_up_page(request, user, form, need=None, during_sign_in=False)


@requires()
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), after a code from the app."""
    user = request.user
    if not two_factor.is_enrolled(user):
        return redirect("account:set-up")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.code_verify(user=user, code=form.cleaned_data["code"])
        except two_factor.KeyUnreadable as refusal:  # not their mistake: not counted
            form.add_error("code", str(refusal))
        except two_factor.CodeRefused as refusal:
            audit_record(action="auth.totp_failed", actor=user, organisation=user.organisation,
                         obj=user, address=signin.client_address(request),
                         detail={"kind": "new recovery codes"})  # fmt: skip
            if _count_failure_and_lock(request):
                return redirect("web:sign-in")
            form.add_error("code", str(refusal))
        else:
            codes = two_factor.recovery_codes_issue(user=user)
            audit_record(action="auth.recovery_codes_issued", actor=user,
                         organisation=user.organisation, obj=user,
                         address=signin.client_address(request))  # fmt: skip
            return recovery_codes_page(request, codes, "")
    return render(request, "web/account/new_recovery_codes.html", {"form": form})


def _count_failure_and_lock(request: HttpRequest, kind: str = SignInFailure.CODE) -> bool:
    """A wrong code (or current password) while signed in counts like one at sign-in: a stolen
    session cannot guess codes or the password for ever. At the limit the session ends."""
    username, address = request.user.get_username(), signin.client_address(request)
    throttle.record_failure(username, address, kind)
    if not throttle.locked_out(username, address):
        return False
    signin.audit_failure(
        request,
        "auth.locked_out",
        user=request.user,
        first_factor_met=True,
        detail={"step": "code" if kind == SignInFailure.CODE else "password change"},
    )
    logout(request)
    messages.error(request, lockout_message())
    return True
