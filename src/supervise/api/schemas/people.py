"""Who is calling."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from supervise.api.schemas.common import TeamRef


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
