"""Business actions on accounts: disabling (which ends every session at once), enabling,
resetting two-factor authentication, and changing one's own password. Each writes its audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from supervise.accounts import two_factor
from supervise.accounts.models import Role, RoleGrant
from supervise.audit.services import audit_record


def may_administer(actor: Any, user: Any) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    return (
        actor.organisation_id is not None
        and actor.organisation_id == user.organisation_id
        and RoleGrant.objects.filter(user=actor, role=Role.ADMINISTRATOR).exists()
    )


def sessions_end(*, user: Any) -> int:
    """Delete every stored session signed in as this user; returns how many.

    Sessions are in the database (SESSION_ENGINE is checked by `check --deploy`); a session's
    user is inside its encoded data, so the unexpired ones are read. The sessions table holds
    at most a day's sign-ins (12-hour lifetime, `clearsessions` daily), so this stays small.
    """
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


@transaction.atomic
def user_disable(*, actor: Any, user: Any) -> int:
    """Stop the account signing in and end its sessions now; returns how many were ended.
    Its API tokens are revoked too (each audited), so enabling it again does not revive them."""
    if not may_administer(actor, user):
        raise PermissionDenied("Only an administrator of the organisation can disable accounts.")
    if actor.pk == user.pk:
        raise PermissionDenied("You cannot disable your own account.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = sessions_end(user=user)
    from supervise.api.services import tokens_revoke_all  # here: the api app depends on this one

    tokens_revoke_all(actor=actor, user=user)
    audit_record(
        action="account.disabled",
        actor=actor,
        organisation=user.organisation,
        obj=user,
        detail={"sessions_ended": ended},
    )
    return ended


@transaction.atomic
def user_enable(*, actor: Any, user: Any) -> None:
    if not may_administer(actor, user):
        raise PermissionDenied("Only an administrator of the organisation can enable accounts.")
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(action="account.enabled", actor=actor, organisation=user.organisation, obj=user)


@transaction.atomic
def two_factor_reset(*, actor: Any, user: Any) -> None:
    """For a lost phone: the person sets up a new app at their next sign-in. Their sessions
    end, since whoever has the old phone might be using one."""
    if not may_administer(actor, user):
        raise PermissionDenied("Only an administrator of the organisation can do this.")
    two_factor.two_factor_remove(user=user)
    ended = sessions_end(user=user)
    audit_record(
        action="account.two_factor_reset",
        actor=actor,
        organisation=user.organisation,
        obj=user,
        detail={"sessions_ended": ended},
    )


@transaction.atomic
def password_change(*, user: Any, new_password: str, address: str = "") -> None:
    """Set a new password (already validated by the form). Other sessions of this account end
    (Django ties a session to the password hash); the caller keeps the current one."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(
        action="auth.password_changed",
        actor=user,
        organisation=user.organisation,
        obj=user,
        address=address,
    )
