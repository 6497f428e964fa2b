"""The test run: SQLite in memory unless DATABASE_URL names PostgreSQL."""

import os

from supervise.accounts.secrets_at_rest import development_key
from supervise.config.settings.base import *  # noqa: F403
from supervise.config.settings.database import parse_database_url

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SUPERVISE_FIELD_ENCRYPTION_KEYS = [development_key(SECRET_KEY)]  # tests only, like SECRET_KEY
DATABASES = {"default": parse_database_url(os.environ.get("DATABASE_URL") or "sqlite:///:memory:")}
# Lets the test runner empty tables between transactional tests; tests of the database guards
# turn it off (supervise.audit.dbguard, tests/audit/guards.py). On PostgreSQL the setting counts
# only for a role entitled to it: the test user is a superuser; production's roles are not
# (docs/security.md, "Database roles").
SUPERVISE_DB_MAINTENANCE = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c supervise.maintenance=on"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; production: Argon2

# The test client's force_login stands for a complete sign-in (both factors) in these settings
# only: see supervise.accounts.testing. Signing in through the pages is unaffected.
AUTHENTICATION_BACKENDS = [
    "supervise.accounts.testing.TrustForceLoginInTestsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SUPERVISE_OIDC = None  # tests configure the stub provider themselves
