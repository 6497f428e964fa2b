"""Query-string parameters of the list operations (each field is one parameter)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from supervise.api.schemas.sessions import RecordStatusName, SessionStatusName
from supervise.policy.rules import RULES

RuleId = Literal[tuple(RULES)]  # type: ignore[valid-type]

MAX_SESSIONS_PAGE = 500
MAX_SNAPSHOTS_PAGE = 2000


class QueryParams(Schema):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class DayQuery(QueryParams):
    as_of: date | None = Field(None, description="The day to judge (default today).")


class FindingsQuery(DayQuery):
    rule: RuleId | None = Field(None, description="Only this rule's findings.")
    scope: Literal["team", "org"] = Field(
        "team",
        description="`team`: you and everyone below you in line management; `org`: the whole "
        "organisation (senior managers, quality assurance, HR, inspectors).",
    )


class SessionsQuery(QueryParams):
    supervisee: int | None = Field(None, description="Only this supervisee's (database id).")
    status: SessionStatusName | None = None
    record_status: RecordStatusName | None = None
    limit: int = Field(100, ge=1, le=MAX_SESSIONS_PAGE)
    offset: int = Field(0, ge=0)


class SnapshotsQuery(QueryParams):
    since: date | None = Field(None, alias="from", description="First day (inclusive).")
    until: date | None = Field(None, alias="to", description="Last day (inclusive).")
    team: int | None = Field(None, description="Only this team (database id).")
    limit: int = Field(500, ge=1, le=MAX_SNAPSHOTS_PAGE)
    offset: int = Field(0, ge=0)
