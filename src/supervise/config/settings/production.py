"""Production: every secret from the environment; refuses to start without them.

`manage.py check --deploy` must report nothing with these settings (tests/security). The
deployment checklist is in docs/security.md.
"""

import os

from supervise.config.settings.base import *  # noqa: F403


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "")
    return default if value == "" else value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ["SUPERVISE_SECRET_KEY"]
ALLOWED_HOSTS = [h for h in os.environ.get("SUPERVISE_ALLOWED_HOSTS", "").split(",") if h]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("SUPERVISE_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# HTTPS only. Behind a proxy that ends TLS, set SUPERVISE_BEHIND_TLS_PROXY=1 (the proxy must
# set X-Forwarded-Proto and strip any the client sent).
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer's plain-HTTP health check
if _flag("SUPERVISE_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SUPERVISE_HSTS_SECONDS", 365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only a request to the browsers' preload list (never made by this setting) would make it bind.
SECURE_HSTS_PRELOAD = True

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# "__Host-": the browser keeps it to this exact host, HTTPS and path "/" only.
SESSION_COOKIE_NAME = "__Host-supervise-session"

SUPERVISE_DEMO_TOTP_SECRET = ""  # never in production (and `check --deploy` says so)

# Comma-separated Fernet keys, newest first (docs/security.md, "Secrets at rest"). Without one
# `manage.py check` (and --deploy), `migrate` and `runserver` stop with supervise.E007.
SUPERVISE_FIELD_ENCRYPTION_KEYS = [
    k.strip() for k in os.environ.get("SUPERVISE_FIELD_ENCRYPTION_KEYS", "").split(",") if k.strip()
]

# Email (docs/security.md, "Set-up links by email"): the council's SMTP relay, over TLS.
EMAIL_HOST = os.environ.get("SUPERVISE_EMAIL_HOST", "")
SUPERVISE_EMAIL_SET_UP_LINKS = bool(EMAIL_HOST)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("SUPERVISE_EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("SUPERVISE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SUPERVISE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("SUPERVISE_EMAIL_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("SUPERVISE_EMAIL_FROM", "Supervise <supervise@localhost>")
