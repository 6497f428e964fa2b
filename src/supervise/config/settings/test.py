"""The test run: SQLite in memory unless DATABASE_URL names PostgreSQL."""

import os

from supervise.config.settings.base import *  # noqa: F403
from supervise.config.settings.database import parse_database_url

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {"default": parse_database_url(os.environ.get("DATABASE_URL") or "sqlite:///:memory:")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; production: Argon2
