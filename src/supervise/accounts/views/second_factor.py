"""The second step of signing in: the code from the app, a recovery code, or setting the app up
(or, for accounts that may, "set it up later"). These pages serve a *pending* sign-in only
(supervise.accounts.signin); without one they send people back to the first step."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from supervise.accounts import signin, throttle, totp, two_factor
from supervise.accounts.forms import CodeForm, RecoveryCodeForm
from supervise.accounts.views.common import (
    code_failed,
    destination,
    finish,
    refuse_locked_out,
)
from supervise.audit.services import audit_record
from supervise.web.permissions import public


def _demo_hint(user: Any) -> bool:
    """Development settings only: the demo accounts share a known key, and `supervise totp`
    prints their current code (docs/security.md, "The demo")."""
    demo_secret = getattr(settings, "SUPERVISE_DEMO_TOTP_SECRET", "")
    device = two_factor.device_of(user)
    return bool(
        settings.DEBUG
        and demo_secret
        and device
        and two_factor.device_has_secret(device, demo_secret)
    )


@public
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    pending = signin.pending(request)
    if pending is None:
        return redirect("web:sign-in")
    if not two_factor.is_enrolled(pending.user):
        return redirect("account:sign-in-set-up")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if throttle.locked_out(pending.user.get_username(), signin.client_address(request)):
            refuse_locked_out(request, pending)
            return redirect("web:sign-in")
        if form.is_valid():
            try:
                two_factor.code_verify(user=pending.user, code=form.cleaned_data["code"])
            except two_factor.KeyUnreadable as refusal:  # not their mistake: not counted
                form.add_error("code", str(refusal))
            except two_factor.CodeRefused as refusal:
                if code_failed(request, pending, kind="app code"):
                    return redirect("web:sign-in")
                form.add_error("code", str(refusal))
            else:
                return finish(request, pending, second="code")
    return render(
        request,
        "web/account/sign_in_code.html",
        {"form": form, "demo_username": pending.user.get_username()
         if _demo_hint(pending.user) else ""},
    )  # fmt: skip


@public
@require_http_methods(["GET", "POST"])
def recovery(request: HttpRequest) -> HttpResponse:
    pending = signin.pending(request)
    if pending is None:
        return redirect("web:sign-in")
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST":
        if throttle.locked_out(pending.user.get_username(), signin.client_address(request)):
            refuse_locked_out(request, pending)
            return redirect("web:sign-in")
        if form.is_valid():
            try:
                left = two_factor.recovery_code_use(
                    user=pending.user, code=form.cleaned_data["code"]
                )
            except two_factor.CodeRefused as refusal:
                if code_failed(request, pending, kind="recovery code"):
                    return redirect("web:sign-in")
                form.add_error("code", str(refusal))
            else:
                return finish(
                    request,
                    pending,
                    second="recovery code",
                    message=f"You used a recovery code. You have {left} left. "
                    "If you have lost your phone, set up two-factor authentication again "
                    "or ask your administrator to reset it.",
                )
    return render(request, "web/account/sign_in_recovery.html", {"form": form})


@public
@require_http_methods(["GET", "POST"])
def sign_in_set_up(request: HttpRequest) -> HttpResponse:
    """Setting up the app during sign-in (or postponing it, when the account may)."""
    pending = signin.pending(request)
    if pending is None:
        return redirect("web:sign-in")
    user = pending.user
    if two_factor.is_enrolled(user):
        return redirect("account:code")
    need = two_factor.requirement(user)
    if request.method == "POST" and request.POST.get("action") == "later":
        if need.required:
            return redirect("account:sign-in-set-up")
        left = two_factor.postpone(user=user)
        audit_record(
            action="auth.two_factor_postponed",
            actor=user,
            organisation=user.organisation,
            obj=user,
            address=signin.client_address(request),
            detail={"postponements_left": left},
        )
        message = (
            "You chose to set up two-factor authentication later. "
            + (f"You can do this {left} more time{'s' if left != 1 else ''}. " if left else "")
            + "Set it up from ‘Your account’."
        )
        return finish(request, pending, second="postponed", message=message)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.enrolment_confirm(user=user, code=form.cleaned_data["code"])
        except two_factor.CodeRefused as refusal:
            signin.audit_failure(request, "auth.totp_failed", user=user, first_factor_met=True,
                                 detail={"kind": "set-up code"})  # fmt: skip
            form.add_error("code", str(refusal))
        else:
            audit_enrolled(request, user)
            finish(request, pending, second="set up now")
            return recovery_codes_page(request, codes, pending.next_url)
    return set_up_page(request, user, form, need=need, during_sign_in=True)


def audit_enrolled(request: HttpRequest, user: Any) -> None:
    audit_record(
        action="auth.two_factor_enrolled",
        actor=user,
        organisation=user.organisation,
        obj=user,
        address=signin.client_address(request),
    )


def set_up_page(
    request: HttpRequest,
    user: Any,
    form: CodeForm,
    *,
    need: two_factor.Requirement | None,
    during_sign_in: bool,
) -> HttpResponse:
    key = two_factor.enrolment_key(user=user)
    uri = totp.provisioning_uri(key, user.get_username(), two_factor.issuer_name())
    return render(
        request,
        "web/account/set_up.html",
        {
            "form": form,
            "key": totp.grouped(key),
            "qr_code": totp.qr_svg_data_uri(uri),
            "need": need,
            "during_sign_in": during_sign_in,
            "issuer": two_factor.issuer_name(),
        },
    )


def recovery_codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    """Shown once, in the response to the POST that made them: the codes are never stored in
    plain text, not even in the session."""
    return render(
        request,
        "web/account/recovery_codes.html",
        {"codes": codes, "continue_to": destination(request, request.user, next_url)},
    )
