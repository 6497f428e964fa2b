"""Throttling failed sign-ins, per account and per client address, in the database (so every
process and server sees the same counts).

A failure is a wrong password or a wrong two-factor code. The account is named by a keyed hash
of the username as typed (case-insensitive), whether or not such an account exists: a name that
is not an account locks out exactly like one that is, so the lockout reveals nothing.

Limits (settings, defaults in brackets): SUPERVISE_SIGN_IN_LIMIT_PER_ACCOUNT [5] and
SUPERVISE_SIGN_IN_LIMIT_PER_ADDRESS [20] failures within SUPERVISE_SIGN_IN_WINDOW_MINUTES [15].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from supervise.accounts.models import SignInFailure

KEY_SALT = "supervise.accounts.throttle"
KEEP_FOR = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Limits:
    per_account: int
    per_address: int
    window: timedelta


def limits() -> Limits:
    return Limits(
        per_account=int(getattr(settings, "SUPERVISE_SIGN_IN_LIMIT_PER_ACCOUNT", 5)),
        per_address=int(getattr(settings, "SUPERVISE_SIGN_IN_LIMIT_PER_ADDRESS", 20)),
        window=timedelta(minutes=int(getattr(settings, "SUPERVISE_SIGN_IN_WINDOW_MINUTES", 15))),
    )


def account_key(username: str) -> str:
    return salted_hmac(KEY_SALT, username.strip().casefold(), algorithm="sha256").hexdigest()


def locked_out(username: str, address: str) -> bool:
    """True when either the account or the address has had too many failures lately."""
    limit = limits()
    since = timezone.now() - limit.window
    recent = SignInFailure.objects.filter(at__gt=since)
    if recent.filter(account_key=account_key(username)).count() >= limit.per_account:
        return True
    return bool(address) and recent.filter(address=address).count() >= limit.per_address


def record_failure(username: str, address: str, kind: str) -> None:
    now = timezone.now()
    SignInFailure.objects.create(
        at=now, account_key=account_key(username), address=address[:64], kind=kind
    )
    # Old rows are no use to the throttle; keeping the table small keeps the counts fast.
    SignInFailure.objects.filter(at__lt=now - KEEP_FOR).delete()


def clear_account(username: str) -> None:
    """After a complete sign-in (both factors) the person has proved who they are."""
    SignInFailure.objects.filter(account_key=account_key(username)).delete()


def window_minutes() -> int:
    return int(limits().window.total_seconds() // 60)
