"""Who is calling: a personal API token (bearer) or the browser's signed-in session.

A token is `sv2.<key id>.<secret>`. The key id is public (it names the token in lists and in the
audit trail); the secret is 256 random bits, of which only a SHA-256 digest is stored
(`supervise.api.models.ApiToken`). A token is accepted while it is not revoked, not expired, and
its account is still active, in the same organisation and with the same password. Tokens of the
earlier signed format (`sv1.`) are no longer accepted.

Tokens can only be issued from a signed-in browser session (POST /api/v1/tokens), never with
another token, so a stolen token cannot extend itself.

Session requests that change something must carry the CSRF token (header `X-CSRFToken`), as the
web forms do. A request with neither a token nor a session gets 401, never a CSRF error.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from ninja.errors import AuthorizationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from supervise.api.models import ApiToken, account_key

TOKEN_PREFIX = "sv2."  # noqa: S105 - a format marker, not a secret
DEFAULT_TOKEN_DAYS = 30
MAX_TOKEN_DAYS = 90
NO_ORGANISATION = "This account does not belong to an organisation."
KEY_ID = re.compile(r"[0-9a-f]{10}")
SECRET_BYTES = 32  # 256 bits
# Writing `last_used_at` on every request would make each read a write; to the minute is
# enough to tell a person whether (and roughly when) a token was last used.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str  # shown once, never stored
    expires_at: datetime
    record: ApiToken


def secret_digest(secret: str) -> str:
    """SHA-256, unsalted and fast, on purpose. Slow, salted hashes (Argon2, as for passwords)
    protect secrets people choose, which can be guessed; this one is 256 random bits, which no
    amount of hashing speed lets anyone guess from its digest. A slow hash would only add tens
    of milliseconds to every API request."""
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user: Any, days: int = DEFAULT_TOKEN_DAYS, purpose: str = "") -> IssuedToken:
    """Make and store a token for `user`; the returned `token` is the only copy of it."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError(f"A token lasts 1 to {MAX_TOKEN_DAYS} days")
    if user.organisation_id is None:
        raise ValueError(NO_ORGANISATION)
    now = timezone.now()
    secret = secrets.token_urlsafe(SECRET_BYTES)
    for _attempt in range(5):  # a clash of 40-bit key ids is rare; the unique index decides
        key_id = secrets.token_hex(5)
        try:
            with transaction.atomic():
                record = ApiToken.objects.create(
                    user=user,
                    organisation_id=user.organisation_id,
                    purpose=purpose[:200],
                    key_id=key_id,
                    digest=secret_digest(secret),
                    account_key=account_key(user),
                    created_at=now,
                    expires_at=now + timedelta(days=days),
                )
        except IntegrityError:
            continue
        return IssuedToken(f"{TOKEN_PREFIX}{key_id}.{secret}", record.expires_at, record)
    raise RuntimeError("Could not find a free key id for a new token")


def token_for(token: str) -> ApiToken | None:
    """The stored token, if `token` is one that is accepted now (with its user); else None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    key_id, dot, secret = token[len(TOKEN_PREFIX) :].partition(".")
    if not dot or not KEY_ID.fullmatch(key_id) or not 0 < len(secret) <= 100:
        return None
    # The key id is public, so finding the row by it tells nothing; the secret is compared in
    # constant time.
    record = ApiToken.objects.select_related("user").filter(key_id=key_id).first()
    if record is None or not constant_time_compare(record.digest, secret_digest(secret)):
        return None
    now = timezone.now()
    if record.revoked_at is not None or record.expires_at <= now:
        return None
    if not record.accepted_for(record.user):
        return None
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        record.last_used_at = now
    return record


def user_for_token(token: str) -> Any | None:
    """The active user the token was issued to, or None if it is not (or no longer) valid."""
    record = token_for(token)
    return None if record is None else record.user


def _member(user: Any) -> Any:
    if getattr(user, "organisation_id", None) is None:
        raise AuthorizationError(403, NO_ORGANISATION)
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sv2.…` — a personal API token."""

    openapi_bearerFormat = "sv2 personal token"
    openapi_description = (
        "A personal API token from POST /api/v1/tokens (issued to a signed-in browser session), "
        "sent as `Authorization: Bearer <token>`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        record = token_for(token)
        if record is None:
            return None
        user = record.user
        # The access rules (`viewer_of`, `get_visible`, the services) read request.user.
        request.user = user
        request.api_auth = "token"  # type: ignore[attr-defined]
        request.api_token = record  # type: ignore[attr-defined]
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
