"""The agenda of a planned session, the actions agreed in a held one, and the caller's own
actions across their sessions."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Schema
from pydantic import Field, field_validator

from supervise.api.schemas.common import Input
from supervise.api.schemas.queries import QueryParams
from supervise.api.schemas.sessions import ActionOut, not_blank

ActionStatusName = Literal["open", "done", "dropped"]
MAX_ACTIONS_PAGE = 500


class AgendaItemIn(Input):
    text: str = Field(
        "", max_length=500, description="What to discuss (may be left out when tabling a child)."
    )
    child: int | None = Field(
        None,
        description="A child to table for discussion (database id): one allocated to the "
        "supervisee.",
    )


class ActionIn(Input):
    description: str = Field(max_length=2000, description="What needs to be done.")
    owner: int = Field(description="Who will do it: the session's supervisor or supervisee.")
    due_on: date = Field(description="Due by: on or after the day the session was held.")
    child: int | None = Field(
        None,
        description="The child it is about (database id): one allocated to the supervisee, "
        "tabled on the agenda or discussed in the session.",
    )

    _description = field_validator("description")(not_blank)


class ActionStatusIn(Input):
    status: ActionStatusName = Field(
        description="`done`, `dropped` (no longer needed) or `open` (again)."
    )


class ActionSessionRef(Schema):
    id: int
    external_id: str
    kind: str
    held_on: date | None
    record_status: str


class MyActionOut(ActionOut):
    session: ActionSessionRef = Field(description="The session that agreed the action.")


class MyActionsPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MyActionOut]


class MyActionsQuery(QueryParams):
    status: ActionStatusName | None = Field(None, description="Only actions in this state.")
    limit: int = Field(100, ge=1, le=MAX_ACTIONS_PAGE)
    offset: int = Field(0, ge=0)
