"""Signing in and out, the home page that sends each role where it works, and error pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from supervise.accounts import oidc, signin, throttle
from supervise.accounts.forms import SignInForm
from supervise.accounts.models import Role, SignInFailure, User
from supervise.accounts.views.common import after_first_factor, lockout_message
from supervise.web.permissions import READ, public, requires, viewer_of

# Where each role starts (README.md, "Where each role starts"), first match wins. A senior
# manager (by post or granted) starts at Compliance even when they supervise team managers:
# their work is across teams, and *My team* is one link away. Anyone else who supervises starts
# at *My team*, whatever other role they hold, because overdue supervision is theirs to act on.
HOME_BY_ROLE = (
    (Role.SENIOR_MANAGER, "compliance:overview"),
    (Role.SUPERVISOR, "sessions:team"),
    (Role.QUALITY_ASSURANCE, "compliance:overview"),
    (Role.INSPECTOR, "compliance:overview"),
    (Role.HR, "files:leavers"),
    (Role.BUSINESS_SUPPORT, "sessions:typing"),
    (Role.PRACTITIONER, "sessions:mine"),
    (Role.ADMINISTRATOR, "account:admin-people"),
    (Role.ASSISTANT_DIRECTOR, "files:redactions"),
)


@requires(methods=READ)
def home(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    for role, url_name in HOME_BY_ROLE:
        if viewer.has(role):
            return redirect(url_name)
    return render(request, "web/no_role.html")


@public
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """The first factor: username and password, throttled per account and per address
    (supervise.accounts.throttle). Success leads to the second factor, not yet into the
    service (supervise.accounts.signin)."""
    next_url = signin.safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated:
        return redirect(next_url or reverse("web:home"))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username, password = form.cleaned_data["username"], form.cleaned_data["password"]
        address = signin.client_address(request)
        if throttle.locked_out(username, address):
            signin.audit_failure(request, "auth.locked_out", user=_account_named(username),
                                 detail={"step": "password"})  # fmt: skip
            form.add_error(None, lockout_message())
        else:
            user = authenticate(request, username=username, password=password)
            if user is None:
                throttle.record_failure(username, address, SignInFailure.PASSWORD)
                signin.audit_failure(request, "auth.sign_in_failed", user=_account_named(username),
                                     detail={"method": "password"})  # fmt: skip
                form.add_error(None, "The username or password is not correct")
            else:
                return after_first_factor(request, user, method="password",
                                          next_url=next_url, backend=user.backend)  # fmt: skip
    return render(
        request,
        "web/sign_in.html",
        {"form": form, "next": next_url, "single_sign_on": oidc.provider()},
    )


def _account_named(username: str) -> Any:
    """For the audit row only (the page says the same whether or not it exists)."""
    return User.objects.filter(username=username).first()


@public
@require_http_methods(["GET", "HEAD", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    """POST signs out (so that another site cannot sign people out with a link); a GET, from a
    bookmark or a typed address, asks with the same button instead of a bare 405."""
    if request.method != "POST":
        if not request.user.is_authenticated:
            return redirect(reverse("web:sign-in"))
        return render(request, "web/sign_out.html")
    was_signed_in = request.user.is_authenticated
    logout(request)  # audited (accounts.signals); also forgets a sign-in waiting for its code
    if was_signed_in:
        messages.success(request, "You have signed out.")
    return redirect(reverse("web:sign-in"))


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@public
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("govuk/assets/images/favicon.ico"))


@public
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "web/errors/500.html", status=500)
