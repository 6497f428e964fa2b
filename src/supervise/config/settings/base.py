"""Settings shared by every environment."""

from __future__ import annotations

from pathlib import Path

from supervise.config.settings.database import database_from_environment, project_root

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
    "supervise.web",
]

AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
LOGOUT_REDIRECT_URL = "web:sign-in"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
