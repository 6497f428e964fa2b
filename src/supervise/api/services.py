"""Issuing personal API tokens (the JSON operation and the web page both call this)."""

from __future__ import annotations

from typing import Any

from supervise.api.auth import IssuedToken, issue_token
from supervise.audit.services import audit_record


def token_issue(*, actor: Any, days: int, purpose: str, address: str = "") -> IssuedToken:
    """A token for `actor`, recorded in the audit trail (when and why, never the token)."""
    issued = issue_token(actor, days)
    audit_record(
        action="api.token_issued",
        actor=actor,
        organisation=actor.organisation,
        object_type="accounts.user",
        object_id=str(actor.pk),
        address=address,
        purpose=purpose,
        detail={"expires_on": issued.expires_at.date().isoformat(), "days": days},
    )
    return issued
