"""Settings shared by every environment."""

from __future__ import annotations

import os
from pathlib import Path

from supervise.config.settings.database import database_from_environment, project_root
from supervise.config.settings.oidc import oidc_from_environment

BASE_DIR = project_root()
SRC_DIR = Path(__file__).resolve().parents[2]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "supervise.organisations",
    "supervise.accounts",
    "supervise.people",
    "supervise.cases",
    "supervise.sessions",
    "supervise.agreements",
    "supervise.quality",
    "supervise.files",
    "supervise.audit",
    "supervise.compliance",
    "supervise.imports",
    "supervise.api",
    "supervise.web",
]

AUTH_USER_MODEL = "accounts.User"

# A refused form post (no valid CSRF token) is audited like every other refusal.
CSRF_FAILURE_VIEW = "supervise.web.refusals.csrf_failure"

MIDDLEWARE = [
    # First, so that every response gets the security headers (supervise.web.security).
    "supervise.web.security.SecurityHeadersMiddleware",
    "supervise.web.security.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Both factors, active account, idle and absolute time limits.
    "supervise.web.security.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees a view's PermissionDenied first: every refusal is audited.
    "supervise.web.refusals.RefusalAuditMiddleware",
]

ROOT_URLCONF = "supervise.config.urls"
WSGI_APPLICATION = "supervise.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "supervise.web.navigation.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Built by `npm run build` from the pinned govuk-frontend package (scripts/build-frontend.mjs).
STATICFILES_DIRS = [BASE_DIR / "static_build"]

LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
# How long an administrator's set-up link (choose your password) works: long enough to reach
# someone starting on a Monday from a link made the Monday before (accounts.administration).
PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60
LOGOUT_REDIRECT_URL = "web:sign-in"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- signing in and sessions (issue 4, "Trust"; docs/security.md) ----------------------------

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

# Argon2id first: new and changed passwords use it; older hashes are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Long, not common, not like the person's name; no composition rules (NCSC, NIST SP 800-63B).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "supervise.accounts.passwords.LengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "supervise.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "supervise.accounts.passwords.UserAttributeSimilarityValidator"},
]

# Sessions in the database, so that disabling an account can end them (accounts.services).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60  # the absolute limit; the middleware enforces both limits
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # Lax, not Strict: the single sign-on callback is a cross-site GET
CSRF_COOKIE_SAMESITE = "Lax"
SUPERVISE_SESSION_IDLE_MINUTES = 30
SUPERVISE_SESSION_ABSOLUTE_HOURS = 12

# Throttling failed sign-ins (supervise.accounts.throttle).
SUPERVISE_SIGN_IN_LIMIT_PER_ACCOUNT = 5
SUPERVISE_SIGN_IN_LIMIT_PER_ADDRESS = int(os.environ.get("SUPERVISE_SIGN_IN_LIMIT_PER_ADDRESS", 20))
SUPERVISE_SIGN_IN_WINDOW_MINUTES = 15
# How many reverse proxies of the installation's own stand in front (X-Forwarded-For).
SUPERVISE_TRUSTED_PROXY_COUNT = int(os.environ.get("SUPERVISE_TRUSTED_PROXY_COUNT", 0))

# Two-factor authentication (supervise.accounts.two_factor).
SUPERVISE_TOTP_ISSUER = os.environ.get("SUPERVISE_TOTP_ISSUER", "Supervise")
SUPERVISE_TWO_FACTOR_POSTPONEMENTS = 3
SUPERVISE_DEMO_TOTP_SECRET = ""  # development settings only; `check --deploy` refuses it

# Keys encrypting secrets at rest, the TOTP keys (supervise.accounts.secrets_at_rest): Fernet
# keys, the first encrypts, all are tried to decrypt (rotation). Empty here: production reads
# them from the environment; dev and test derive a development-only one from SECRET_KEY.
SUPERVISE_FIELD_ENCRYPTION_KEYS: list[str] = []

SUPERVISE_OIDC = oidc_from_environment()

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Email: set-up links go to the person's work email when sending is configured. Development
# prints them on the console; production sends through the council's SMTP relay when
# SUPERVISE_EMAIL_HOST is set, and otherwise sends nothing (the administrator hands the link
# over, as the page says). Tests use Django's in-memory outbox.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Supervise <supervise@localhost>"
SUPERVISE_EMAIL_SET_UP_LINKS = True
