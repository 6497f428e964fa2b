"""Signing in with the council's identity provider (OpenID Connect; supervise.accounts.oidc).

After the provider, the person still meets Supervise's second factor, unless the provider says
they used multi-factor authentication (`amr` contains "mfa") and SUPERVISE_OIDC_TRUST_MFA is on
(the default): the council's own MFA is then the second factor (docs/security.md)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from supervise.accounts import oidc, signin
from supervise.accounts.sso_accounts import account_for
from supervise.accounts.views.common import after_first_factor, finish
from supervise.web.permissions import public

KEPT = "supervise.single_sign_on"
METHOD = "single sign-on"


def _configured() -> oidc.Provider:
    config = oidc.provider()
    if config is None:
        raise Http404("Single sign-on is not configured")
    return config


def _problem(request: HttpRequest, config: oidc.Provider, status: int) -> HttpResponse:
    return render(
        request, "web/account/single_sign_on_problem.html", {"provider": config}, status=status
    )


@public
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    config = _configured()
    redirect_uri = config.redirect_uri or request.build_absolute_uri(
        reverse("account:single-sign-on-callback")
    )
    try:
        url, kept = oidc.authorisation_request(config, redirect_uri)
    except oidc.SingleSignOnError as error:
        signin.audit_failure(request, "auth.sign_in_failed",
                             detail={"method": METHOD, "reason": error.reason})  # fmt: skip
        return _problem(request, config, status=502)
    kept["next"] = signin.safe_next(request, request.GET.get("next"))
    request.session[KEPT] = kept
    return redirect(url)


@public
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    config = _configured()
    kept = request.session.pop(KEPT, None) or {}
    params = {key: request.GET.get(key, "") for key in ("code", "state", "error")}
    try:
        identity = oidc.identity_from_callback(config, params, kept)
        user = account_for(config, identity)
    except oidc.SingleSignOnError as error:
        signin.audit_failure(request, "auth.sign_in_failed",
                             detail={"method": METHOD, "reason": error.reason})  # fmt: skip
        return _problem(request, config, status=400 if error.reason == "wrong_state" else 403)
    backend = signin.MODEL_BACKEND
    next_url = str(kept.get("next", ""))
    if config.trust_provider_mfa and identity.provider_did_mfa:
        signin.begin(request, user, method=METHOD, next_url=next_url, backend=backend)
        pending = signin.pending(request)
        assert pending is not None  # noqa: S101 - just begun, for this active user
        return finish(request, pending, second="provider's multi-factor")
    return after_first_factor(request, user, method=METHOD, next_url=next_url, backend=backend)
