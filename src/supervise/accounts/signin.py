"""The steps of signing in, kept in the session.

1. The first factor (password, or the council's single sign-on) proves who someone says they
   are. Nobody is signed in yet: the session only remembers a *pending* sign-in for a few
   minutes (its key is changed first, against session fixation).
2. The second factor: a code from their authenticator app or a recovery code; or setting the
   app up; or, for accounts that may, "set it up later". Single sign-on may skip this step when
   the provider says the person used multi-factor authentication (docs/security.md).
3. `complete` signs them in (Django's `login`), records when and how in the session, clears
   their failure count and writes `auth.sign_in` to the audit trail.

`supervise.web.security.SessionSecurityMiddleware` ends any signed-in session that did not come
through `complete` (for example the Django admin's own login form), and enforces the idle and
absolute time limits using the times recorded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model, login
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from supervise.accounts import throttle
from supervise.audit.services import audit_record

PENDING = "supervise.pending_sign_in"
SIGNED_IN = "supervise.signed_in"
LAST_SEEN = "supervise.last_seen"
PENDING_SECONDS = 10 * 60
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Only tests/…'s settings list this backend; see supervise.accounts.testing.
TESTS_ONLY_BACKEND = "supervise.accounts.testing.TrustForceLoginInTestsBackend"


@dataclass(frozen=True, slots=True)
class Pending:
    user: Any
    method: str  # "password" or "single sign-on"
    next_url: str
    backend: str


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR is the client's own address once ClientAddressMiddleware has applied the
    # trusted proxies setting (supervise.web.security).
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def begin(request: HttpRequest, user: Any, *, method: str, next_url: str, backend: str) -> None:
    """Remember that the first factor succeeded; nobody is signed in yet."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "method": method,
        "next": next_url,
        "backend": backend,
        "at": timezone.now().timestamp(),
    }


def pending(request: HttpRequest) -> Pending | None:
    """The sign-in waiting for its second factor, if it is recent and the account is active."""
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    if timezone.now().timestamp() - float(data.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return None
    return Pending(user, str(data["method"]), str(data.get("next", "")), str(data["backend"]))


def abandon(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def complete(request: HttpRequest, user: Any, *, method: str, backend: str, second: str) -> None:
    """Sign the person in. `second` says how the second factor was met (for the audit trail):
    "code", "recovery code", "provider's multi-factor", "set up now" or "postponed"."""
    request.session.pop(PENDING, None)
    login(request, user, backend=backend)
    now = timezone.now().timestamp()
    request.session[SIGNED_IN] = {"at": now, "method": method, "second": second}
    request.session[LAST_SEEN] = now
    throttle.clear_account(user.get_username())
    audit_record(
        action="auth.sign_in",
        actor=user,
        organisation=user.organisation,
        obj=user,
        address=client_address(request),
        detail={"method": method, "second_factor": second},
    )


def audit_failure(
    request: HttpRequest,
    action: str,
    *,
    user: Any = None,
    first_factor_met: bool = False,
    detail: dict[str, Any] | None = None,
) -> None:
    """A failed step. The audit row names the account tried when there is one (as the actor
    only once its password or single sign-on succeeded: before that, anyone may have typed
    its name); never what was typed (a password typed into the username box must not end up
    in the trail)."""
    audit_record(
        action=action,
        actor=user if first_factor_met else None,
        organisation=getattr(user, "organisation", None),
        object_type="accounts.user" if user is not None else "",
        object_id=str(user.pk) if user is not None else "",
        address=client_address(request),
        detail=detail or {},
    )


def is_complete(request: HttpRequest) -> bool:
    """This signed-in session came through `complete` (or, in the test settings only, through
    the test client's force_login: see supervise.accounts.testing)."""
    if isinstance(request.session.get(SIGNED_IN), dict):
        return True
    return trusted_test_session(request)


def trusted_test_session(request: HttpRequest) -> bool:
    return request.session.get(
        BACKEND_SESSION_KEY
    ) == TESTS_ONLY_BACKEND and TESTS_ONLY_BACKEND in getattr(
        settings, "AUTHENTICATION_BACKENDS", ()
    )
