"""Every sign-out is audited, whichever page did it (ours or the Django admin's), except a
session the middleware ended: that one is audited as `auth.session_ended` with its reason."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from supervise.audit.services import audit_record

QUIET = "_supervise_quiet_logout"


@receiver(user_logged_out, dispatch_uid="supervise.accounts.audit_sign_out")
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None or getattr(request, QUIET, False):
        return
    from supervise.accounts.signin import client_address

    audit_record(
        action="auth.sign_out",
        actor=user,
        organisation=user.organisation,
        obj=user,
        address=client_address(request),
    )
