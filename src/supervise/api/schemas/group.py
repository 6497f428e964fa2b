"""Group case supervision: several workers and children in one session, one entry per child
(written to each child's record)."""

from __future__ import annotations

from datetime import date

from ninja import Schema
from pydantic import Field

from supervise.api.schemas.common import Input, StaffRef
from supervise.api.schemas.sessions import DiscussionFieldsIn, DiscussionOut

MAX_GROUP_PARTICIPANTS = 100
MAX_GROUP_ENTRIES = 200


class GroupEntryIn(Input):
    child: int = Field(description="The child discussed (database id).")
    worker: int = Field(
        description="Whose case it is (staff database id): one of the participants, with the "
        "child allocated to them today."
    )
    fields: DiscussionFieldsIn = Field(
        description="The entry, in the authority's case template; `decisions` is required."
    )


class GroupSessionIn(Input):
    held_on: date = Field(description="The day it took place (not in the future).")
    duration_minutes: int | None = Field(None, ge=1, le=480)
    participants: list[int] = Field(
        min_length=1,
        max_length=MAX_GROUP_PARTICIPANTS,
        description="Who took part (staff database ids): people you supervise.",
    )
    entries: list[GroupEntryIn] = Field(
        min_length=1, max_length=MAX_GROUP_ENTRIES, description="One entry per child discussed."
    )


class GroupEntryOut(DiscussionOut):
    text: str = Field(description="The entry as written to the child's record.")
    child_visible: bool = Field(description="Whether you may open the child's record.")


class GroupSessionOut(Schema):
    id: int
    external_id: str
    kind: str
    status: str
    record_status: str
    facilitator: StaffRef
    held_on: date | None
    duration_minutes: int | None
    finalised_on: date | None
    participants: list[StaffRef]
    entries: list[GroupEntryOut] = Field(
        description="One per child whose record you may read, by the child's name."
    )
    entries_withheld: int = Field(
        0,
        description="How many entries about a child whose record you may not read are left "
        "out (case supervision follows the child's record): counted, never named.",
    )
