"""Personal API tokens, stored so that a person can list theirs and revoke any one of them.

A row never holds the token: only its public key id (shown in lists, useless on its own) and a
SHA-256 digest of its secret part. The token itself is shown once, when it is made
(supervise.api.auth).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

ACCOUNT_KEY_SALT = "supervise.api.token.account"  # noqa: S105 - a namespace, not a secret


def account_key(user: Any) -> str:
    """Changes whenever the account's password does (or SECRET_KEY is rotated).

    Stored on each token when it is made and compared at every use, so that changing one's
    password still stops every token one has made, as it ends every other session. An HMAC of
    the (already hashed) password, never the password hash itself.
    """
    material = f"{user.pk}:{user.password}"
    return salted_hmac(ACCOUNT_KEY_SALT, material, algorithm="sha256").hexdigest()


class TokenState(models.TextChoices):
    """What a token's owner is told about it (not stored: it follows from the row and time)."""

    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"
    # Not revoked and not expired, but no longer accepted: the password was changed, or the
    # account was disabled or moved to another organisation after the token was made.
    STOPPED = "stopped", "Stopped"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self, now: datetime | None = None) -> QuerySet[ApiToken]:
        """Not revoked and not expired (whether the account still accepts them or not)."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    # The organisation the account belonged to when the token was made: a token is accepted
    # only while the account is still in it (tenancy), and `get_visible` scopes by it.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(max_length=200, blank=True, help_text="What the person said.")
    key_id = models.CharField(
        max_length=12,
        unique=True,
        help_text="The public part of the token (`sv2.<key_id>.<secret>`), shown in lists.",
    )
    digest = models.CharField(max_length=64, help_text="SHA-256 of the secret part, in hex.")
    account_key = models.CharField(max_length=64, help_text="See `account_key()`.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(
        null=True, blank=True, help_text="To the minute: updated at most once a minute."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.key_id} ({self.purpose or 'no purpose given'})"

    def state(self, now: datetime | None = None) -> TokenState:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return TokenState.REVOKED
        if self.expires_at <= now:
            return TokenState.EXPIRED
        if not self.accepted_for(self.user):
            return TokenState.STOPPED
        return TokenState.ACTIVE

    def accepted_for(self, user: Any) -> bool:
        """The account still is what it was when the token was made: active, in the same
        organisation, with the same password."""
        return (
            user.is_active
            and user.organisation_id == self.organisation_id
            and constant_time_compare(self.account_key, account_key(user))
        )
