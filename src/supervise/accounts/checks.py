"""`manage.py check --deploy`: refuse settings that would weaken signing in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from supervise.accounts.signin import TESTS_ONLY_BACKEND

REQUIRED_MIDDLEWARE = (
    "supervise.web.security.SecurityHeadersMiddleware",
    "supervise.web.security.SessionSecurityMiddleware",
)


@register(Tags.security, deploy=True)
def sign_in_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    if getattr(settings, "SUPERVISE_DEMO_TOTP_SECRET", ""):
        errors.append(Error(
            "SUPERVISE_DEMO_TOTP_SECRET is set: the demo's shared two-factor key.",
            hint="Use supervise.config.settings.production, which empties it.",
            id="supervise.E001",
        ))  # fmt: skip
    if TESTS_ONLY_BACKEND in settings.AUTHENTICATION_BACKENDS:
        errors.append(Error(
            "The tests-only backend that trusts force_login is configured.",
            hint="It belongs in supervise.config.settings.test only.",
            id="supervise.E002",
        ))  # fmt: skip
    if not settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher"):
        errors.append(Error(
            "Passwords are not hashed with Argon2 first.",
            hint="PASSWORD_HASHERS must start with Argon2PasswordHasher.",
            id="supervise.E003",
        ))  # fmt: skip
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        errors.append(Error(
            "Sessions are not kept in the database: disabling an account cannot end them.",
            id="supervise.E004",
        ))  # fmt: skip
    missing = [m for m in REQUIRED_MIDDLEWARE if m not in settings.MIDDLEWARE]
    if missing:
        errors.append(Error(f"Security middleware missing: {', '.join(missing)}",
                            id="supervise.E005"))  # fmt: skip
    oidc = getattr(settings, "SUPERVISE_OIDC", None)
    if oidc and not str(oidc.get("issuer", "")).startswith("https://"):
        errors.append(Error("The single sign-on issuer is not an https:// address.",
                            id="supervise.E006"))  # fmt: skip
    return errors
