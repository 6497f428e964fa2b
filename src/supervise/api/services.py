"""Personal API tokens: issuing one, revoking one, and revoking all of an account's (when it is
disabled). The JSON operations and the web pages both call these. Each writes its audit row,
which names the token by its database id and public key id, never by the token or its secret.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from supervise.accounts.services import may_administer
from supervise.api.auth import IssuedToken, issue_token
from supervise.api.models import ApiToken
from supervise.audit.services import audit_record

BY_OWNER = "owner"
BY_ADMINISTRATOR = "administrator"
ACCOUNT_DISABLED = "account disabled"


@transaction.atomic
def token_issue(*, actor: Any, days: int, purpose: str, address: str = "") -> IssuedToken:
    """A token for `actor`, recorded in the audit trail (when and why, never the token)."""
    issued = issue_token(actor, days, purpose)
    audit_record(
        action="api.token_issued",
        actor=actor,
        organisation=actor.organisation,
        obj=issued.record,
        address=address,
        purpose=purpose,
        detail={
            "key_id": issued.record.key_id,
            "expires_on": issued.expires_at.date().isoformat(),
            "days": days,
        },
    )
    return issued


def _revoke(token: ApiToken, *, actor: Any, reason: str, address: str) -> None:
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        action="api.token_revoked",
        actor=actor,
        organisation=token.organisation,
        obj=token,
        address=address,
        detail={"key_id": token.key_id, "owner": token.user_id, "by": reason},
    )


@transaction.atomic
def token_revoke(*, actor: Any, token_id: int, address: str = "") -> ApiToken:
    """Stop one token now, for good. Its owner may, and so may an administrator of the owner's
    organisation (or an installation superuser). Revoking a revoked token changes nothing.

    The pages and operations find the token with `get_visible` first (another person's token is
    404 there, audited); this check is the rule itself, for every caller.
    """
    token = ApiToken.objects.select_for_update(of=("self",)).select_related("user").get(pk=token_id)
    owner = token.user_id == actor.pk and actor.is_active
    if not owner and not may_administer(actor, token.user):
        raise PermissionDenied(
            "Only the token's owner or an administrator of their organisation can revoke it."
        )
    if token.revoked_at is None:
        _revoke(token, actor=actor, reason=BY_OWNER if owner else BY_ADMINISTRATOR, address=address)
    return token


@transaction.atomic
def tokens_revoke_all(*, actor: Any, user: Any, address: str = "") -> int:
    """Revoke every live token of `user` (their account is being disabled); returns how many.

    A disabled account's tokens are refused anyway (`ApiToken.accepted_for`); revoking them as
    well means that enabling the account again does not bring them back."""
    if not may_administer(actor, user):
        raise PermissionDenied("Only an administrator of the organisation can do this.")
    tokens = list(ApiToken.objects.live().filter(user=user).select_for_update())
    for token in tokens:
        _revoke(token, actor=actor, reason=ACCOUNT_DISABLED, address=address)
    return len(tokens)
