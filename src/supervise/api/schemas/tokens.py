"""Personal API tokens: asking for one, the one just made, and the list of one's own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from supervise.api.auth import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from supervise.api.schemas.common import Input


class TokenIn(Input):
    days: int = Field(DEFAULT_TOKEN_DAYS, ge=1, le=MAX_TOKEN_DAYS)
    purpose: str = Field(
        "", max_length=200, description="What the token is for (kept in the audit trail)."
    )


class TokenOut(Schema):
    token: str = Field(description="The token. Shown this once: Supervise keeps only a digest.")
    token_type: str = "Bearer"  # noqa: S105 - the scheme name
    expires_at: datetime
    id: int
    key_id: str = Field(description="The token's public id, as the list of tokens shows it.")


class TokenInfoOut(Schema):
    """A token as its owner sees it in the list: never the token or its secret."""

    id: int
    key_id: str = Field(description="The public part of the token: `sv2.<key_id>.…`.")
    purpose: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None = Field(description="To the minute.")
    revoked_at: datetime | None
    state: str = Field(
        description="`active`, `expired`, `revoked`, or `stopped` (the password was changed, "
        "or the account disabled or moved, after it was made)."
    )

    @staticmethod
    def resolve_state(token: Any) -> str:
        return str(token.state().value)


class TokenList(Schema):
    items: list[TokenInfoOut]
