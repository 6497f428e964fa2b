"""TESTS ONLY: lets `client.force_login(user)` stand for a complete sign-in.

Hundreds of view tests sign people in with Django's test client `force_login`, which skips the
sign-in pages and so the second factor. The test settings (supervise.config.settings.test, and
nothing else) list this backend first; `force_login` then records it in the session, and
`supervise.accounts.signin.is_complete` trusts such a session *only while this backend is in
AUTHENTICATION_BACKENDS*. It never accepts a password (authenticate returns None), so signing in
through the pages in tests goes through the real two-factor steps.

`manage.py check --deploy` fails (supervise.E002) if this backend is configured, so it cannot
reach production by accident. Tests of the real flow use `tests/security/helpers.signed_in`,
or `force_login(user, backend="django.contrib.auth.backends.ModelBackend")` for a session that
has not met the second factor.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class TrustForceLoginInTestsBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        return None
