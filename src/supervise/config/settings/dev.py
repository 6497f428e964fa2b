"""Local development and the demo (`make run`). Never for real data."""

from supervise.accounts.secrets_at_rest import development_key
from supervise.config.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - a fixed key for the local demo only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Development only: derived from the SECRET_KEY above, which is in the source code.
SUPERVISE_FIELD_ENCRYPTION_KEYS = [development_key(SECRET_KEY)]

# The demo accounts share this authenticator key so that a person trying the product can sign
# in: `supervise demo` sets it on them, the code page says to run `supervise totp USERNAME`
# (or add the key to an authenticator app). Development settings only: production.py empties
# it and `manage.py check --deploy` fails if it is set (docs/security.md, "The demo").
SUPERVISE_DEMO_TOTP_SECRET = "DEMODEMODEMODEMODEMODEMODEMODEMO"  # noqa: S105 - demo only
