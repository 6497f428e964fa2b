"""Local development and the demo (`make run`). Never for real data."""

from supervise.config.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - a fixed key for the local demo only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
