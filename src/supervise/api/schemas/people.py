"""Who is calling, and the tokens they use."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from supervise.api.auth import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from supervise.api.schemas.common import Input, TeamRef


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    policy: str


class StaffOut(Schema):
    id: int
    external_id: str
    name: str
    role: str
    team: TeamRef | None


class MeOut(Schema):
    id: int
    username: str
    name: str
    roles: list[str] = Field(description="Roles the access rules give this person today.")
    staff: StaffOut | None = Field(description="Their staff record (none for some roles).")
    organisation: OrganisationOut
    authenticated_by: str = Field(description="`token` or `session`.")


class TokenIn(Input):
    days: int = Field(DEFAULT_TOKEN_DAYS, ge=1, le=MAX_TOKEN_DAYS)
    purpose: str = Field(
        "", max_length=200, description="What the token is for (kept in the audit trail)."
    )


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme name
    expires_at: datetime
