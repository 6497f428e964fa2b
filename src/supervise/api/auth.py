"""Who is calling: a personal API token (bearer) or the browser's signed-in session.

Tokens are signed, not stored: `sv1.` followed by a Django-signed payload naming the user, an
expiry and a key derived from the account's password hash, organisation and active flag. So a
token dies when it expires, when the person changes their password, when the account is
deactivated or moves organisation, or when the installation's SECRET_KEY is rotated. What this
cannot do without a table is revoke one token on its own or list a person's tokens (see
docs/api.md, "Tokens").

Tokens can only be issued from a signed-in browser session (POST /api/v1/tokens), never with
another token, so a stolen token cannot extend itself.

Session requests that change something must carry the CSRF token (header `X-CSRFToken`), as the
web forms do. A request with neither a token nor a session gets 401, never a CSRF error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from ninja.errors import AuthorizationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

TOKEN_PREFIX = "sv1."  # noqa: S105 - a format marker, not a secret
TOKEN_SALT = "supervise.api.token"  # noqa: S105 - a namespace; the key is SECRET_KEY
DEFAULT_TOKEN_DAYS = 30
MAX_TOKEN_DAYS = 90
NO_ORGANISATION = "This account does not belong to an organisation."


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_at: datetime


def _account_key(user: Any) -> str:
    """Changes whenever the password, the organisation or the active flag changes."""
    material = f"{user.pk}:{user.password}:{user.organisation_id}:{user.is_active}"
    return salted_hmac(TOKEN_SALT, material, algorithm="sha256").hexdigest()[:32]


def issue_token(user: Any, days: int = DEFAULT_TOKEN_DAYS) -> IssuedToken:
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"A token lasts 1 to {MAX_TOKEN_DAYS} days")
    expires_at = timezone.now() + timedelta(days=days)
    payload = {"u": user.pk, "k": _account_key(user), "e": int(expires_at.timestamp())}
    return IssuedToken(TOKEN_PREFIX + signing.dumps(payload, salt=TOKEN_SALT), expires_at)


def user_for_token(token: str) -> Any | None:
    """The active user the token was issued to, or None if it is not (or no longer) valid."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    try:
        payload = signing.loads(
            token[len(TOKEN_PREFIX) :],
            salt=TOKEN_SALT,
            max_age=timedelta(days=MAX_TOKEN_DAYS),
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(payload, dict) or int(payload.get("e", 0)) < timezone.now().timestamp():
        return None
    user = get_user_model().objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(str(payload.get("k", "")), _account_key(user)):
        return None
    return user


def _member(user: Any) -> Any:
    if getattr(user, "organisation_id", None) is None:
        raise AuthorizationError(403, NO_ORGANISATION)
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sv1.…` — a personal API token."""

    openapi_bearerFormat = "sv1 signed token"
    openapi_description = (
        "A personal API token from POST /api/v1/tokens (issued to a signed-in browser session), "
        "sent as `Authorization: Bearer <token>`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token)
        if user is None:
            return None
        # The access rules (`viewer_of`, `get_visible`, the services) read request.user.
        request.user = user
        request.api_auth = "token"  # type: ignore[attr-defined]
        return _member(user)


class SessionAuth(APIKeyCookie):
    """The browser's signed-in session; unsafe methods need the CSRF token as the web does."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = (
        "The web application's session cookie. POST requests must also send the CSRF token "
        "in the `X-CSRFToken` header (from the `csrftoken` cookie)."
    )

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # not signed in: 401, whatever the method
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        request.api_auth = "session"  # type: ignore[attr-defined]
        return _member(user)
