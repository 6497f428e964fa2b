"""A child and the entries on their record written by supervision."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, field_validator

from supervise.api.schemas.common import Input, StaffRef


class ChildStatusOut(Schema):
    status: str
    starts_on: date
    ends_on: date | None


class AllocationOut(Schema):
    staff: StaffRef
    starts_on: date
    ends_on: date | None


class CaseNoteOut(Schema):
    id: int
    kind: str
    author: StaffRef
    happened_on: date
    written_at: datetime
    body: str
    session_id: int | None = Field(description="The session that discussed the child, if any.")

    @staticmethod
    def resolve_session_id(note: Any) -> int | None:
        return note.case_discussion.session_id if note.case_discussion_id else None


class ChildOut(Schema):
    id: int
    external_id: str
    name: str
    born_on: date | None
    opened_on: date
    closed_on: date | None
    service: str
    particularly_vulnerable: bool
    risk_rating: str
    permanence_plan_on: date | None
    statuses: list[ChildStatusOut]
    allocations: list[AllocationOut]
    entries: list[CaseNoteOut] = Field(description="The child's record, newest first.")

    @staticmethod
    def resolve_entries(child: Any) -> list[Any]:
        return list(child.notes.all())


class ChildNoteIn(Input):
    kind: Literal["management_oversight", "informal_discussion", "decision"]
    body: str = Field(max_length=20000)
    happened_on: date

    @field_validator("body")
    @classmethod
    def _written(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank: write what was discussed or decided")
        return value
