"""`manage.py check --deploy`: refuse settings that would weaken signing in (and, on every
command, a missing or malformed key for secrets at rest)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from supervise.accounts import secrets_at_rest
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


@register(Tags.security)
def secrets_at_rest_keys(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Every command, not only `check --deploy`: without a usable key the two-factor keys can
    be neither stored nor read (nor migration 0005 run)."""
    keys = secrets_at_rest.configured_keys()
    if not keys:
        return [Error(
            "SUPERVISE_FIELD_ENCRYPTION_KEYS is empty: two-factor keys cannot be encrypted.",
            hint="Set the environment variable SUPERVISE_FIELD_ENCRYPTION_KEYS to a key made "
            "with `supervise secrets new-key` (docs/security.md, \"Secrets at rest\").",
            id="supervise.E007",
        )]  # fmt: skip
    return [Error(f"{problem}.", id="supervise.E008")
            for problem in secrets_at_rest.key_problems(keys)]  # fmt: skip


@register(Tags.security, deploy=True)
def secrets_at_rest_deploy(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    development = secrets_at_rest.development_key(settings.SECRET_KEY)
    if development in secrets_at_rest.configured_keys():
        return [Error(
            "SUPERVISE_FIELD_ENCRYPTION_KEYS holds the development key derived from SECRET_KEY.",
            hint="Use supervise.config.settings.production and a random key from the "
            "environment.",
            id="supervise.E009",
        )]  # fmt: skip
    return []
