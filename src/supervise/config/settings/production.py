"""Production: every secret from the environment; refuses to start without them."""

import os

from supervise.config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["SUPERVISE_SECRET_KEY"]
ALLOWED_HOSTS = [h for h in os.environ.get("SUPERVISE_ALLOWED_HOSTS", "").split(",") if h]
