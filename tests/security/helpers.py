"""Signing in through the real pages in tests (both factors), and codes from a test "app"."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from supervise.accounts import totp, two_factor
from supervise.accounts.models import TwoFactor
from supervise.accounts.signin import MODEL_BACKEND
from tests.factories import PASSWORD

KNOWN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol(user: Any, secret: str = KNOWN_SECRET) -> TwoFactor:
    """An authenticator app already set up for this account (as if they had enrolled)."""
    return two_factor.device_install(user=user, secret=secret)


def fresh_code(user: Any) -> str:
    """A code the app would show now that has not been used yet (the current step, or the
    next one, which the one-step window accepts)."""
    device = TwoFactor.objects.get(user=user)
    now = timezone.now().timestamp()
    step = max(totp.step_at(now), device.last_used_step + 1)
    assert step <= totp.step_at(now) + totp.WINDOW, "no unused code left in this time window"
    return totp.hotp(totp._key(two_factor.device_secret(device)), step)


def sign_in_password(client: Client, username: str, password: str = PASSWORD, **extra: Any):
    return client.post("/sign-in/", {"username": username, "password": password}, **extra)


def signed_in(client: Client, user: Any) -> Client:
    """Sign in through the pages: password, then a code from the app (enrolled if needed)."""
    if not TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists():
        enrol(user)
    response = sign_in_password(client, user.get_username())
    assert response.status_code == 302, response
    assert response["Location"] == "/sign-in/code/", response
    response = client.post("/sign-in/code/", {"code": fresh_code(user)})
    assert response.status_code == 302, response.content
    return client


def password_only_session(client: Client, user: Any) -> Client:
    """A session signed in without the sign-in pages, as the Django admin's form would: the
    tests-only trust of force_login does not apply to it."""
    client.force_login(user, backend=MODEL_BACKEND)
    return client
