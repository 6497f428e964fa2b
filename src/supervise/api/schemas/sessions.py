"""Supervision sessions: the summary in lists, the whole record, and the bodies of each action."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StringConstraints, field_validator

from supervise.api.schemas.common import ChildRef, Input, StaffRef
from supervise.sessions.services.scheduling import MAX_RECURRING

# Long enough for any real write-up; a bound so that one request cannot fill the disk.
MAX_TEXT = 50_000
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]

SessionStatusName = Literal["planned", "held", "cancelled"]
RecordStatusName = Literal[
    "not_started", "draft", "awaiting_supervisee", "declined", "awaiting_finalisation", "finalised"
]


class SessionSummary(Schema):
    """Dates and states only: no record content."""

    id: int
    external_id: str
    kind: str
    status: str
    record_status: str
    supervisor: StaffRef
    supervisee: StaffRef | None
    scheduled_on: date | None
    held_on: date | None
    duration_minutes: int | None
    venue: str
    cancelled_by: str
    cancel_reason: str
    record_completed_on: date | None
    supervisor_signed_on: date | None
    supervisee_signed_on: date | None
    finalised_on: date | None


class SessionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SessionSummary]


class HeadingOut(Schema):
    key: str
    label: str
    hint: str
    text: str
    confidential: bool = Field(
        description="Kept between supervisor and supervisee (shown only to those who may read it)."
    )


class DiscussionOut(Schema):
    id: int
    child: ChildRef
    worker: StaffRef | None
    recorded_on: date | None
    experience: str
    reflection: str
    analysis: str
    action_planning: str
    previous_actions_reviewed: str
    childs_voice: str
    progress_against_plan: str
    direction_of_risk: str
    worried_about: str
    working_well: str
    needs_to_happen: str
    equality_and_diversity: str
    decisions: str


class AgendaItemOut(Schema):
    id: int | None = Field(
        description="Null for an open action a planned session will carry: shown before the "
        "session so that both can prepare, stored as an item when the session is held."
    )
    text: str
    added_by: StaffRef
    child: ChildRef | None
    carried_action_id: int | None = Field(
        description="The open action of an earlier session this item carries forward, if any."
    )


class ActionOut(Schema):
    id: int
    description: str
    owner: StaffRef
    child: ChildRef | None
    due_on: date | None
    status: str
    completed_on: date | None
    times_carried: int
    flagged: bool


class SignaturesOut(Schema):
    supervisor_signed_on: date | None
    supervisor_signed_at: datetime | None
    supervisee_signed_on: date | None
    supervisee_signed_at: datetime | None
    finalised_on: date | None
    finalised_at: datetime | None
    declined_reason: str
    supervisee_comment: str


class AddendumOut(Schema):
    id: int
    author: StaffRef
    written_at: datetime
    text: str


WITHHELD = (
    "How many {} about a child whose record you may not read are left out (case supervision "
    "follows the child's record): counted, never named."
)


class SessionRecord(SessionSummary):
    cancel_note: str
    headings: list[HeadingOut]
    discussions: list[DiscussionOut]
    discussions_withheld: int = Field(0, description=WITHHELD.format("case discussions"))
    agenda: list[AgendaItemOut]
    agenda_withheld: int = Field(0, description=WITHHELD.format("agenda items"))
    actions: list[ActionOut]
    actions_withheld: int = Field(0, description=WITHHELD.format("actions"))
    signatures: SignaturesOut
    addenda: list[AddendumOut]


# --- what the actions take ------------------------------------------------------------------


class ScheduleIn(Input):
    supervisee: int = Field(description="The database id of someone you supervise.")
    on: date = Field(description="The first session's date (a working day).")
    repeat: int = Field(
        1,
        ge=1,
        le=MAX_RECURRING,
        description="How many sessions to book, at the required frequency.",
    )
    venue: str = Field("", max_length=200)
    duration_minutes: int | None = Field(None, ge=1, le=480)


class CancelIn(Input):
    cancelled_by: Literal["supervisor", "supervisee"]
    reason: Literal["sickness", "other"]
    note: str = Field("", max_length=2000)


class HoldIn(Input):
    held_on: date
    duration_minutes: int | None = Field(None, ge=1, le=480)


class RecordIn(Input):
    entries: dict[str, Text] = Field(
        description="Text under the authority's personal-record headings, by heading key."
    )
    confidential: list[str] | None = Field(
        None,
        description="Headings (of those sent) that supervisor and supervisee agreed to keep "
        "between themselves; when given, the other headings sent are not confidential.",
    )


class DiscussionFieldsIn(Input):
    """Only the fields sent are changed. Which fields an authority uses is in its template."""

    experience: Text = ""
    reflection: Text = ""
    analysis: Text = ""
    action_planning: Text = ""
    previous_actions_reviewed: Text = ""
    childs_voice: Text = ""
    progress_against_plan: Text = ""
    direction_of_risk: Literal["", "reducing", "same", "increasing"] = ""
    worried_about: Text = ""
    working_well: Text = ""
    needs_to_happen: Text = ""
    equality_and_diversity: Text = ""
    decisions: Text = ""


class DiscussionIn(Input):
    child: int = Field(description="The database id of the child discussed.")
    fields: DiscussionFieldsIn


class SignIn(Input):
    comment: str = Field("", max_length=2000)


def not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


class DeclineIn(Input):
    reason: str = Field(max_length=2000, description="Why you are not signing.")

    _reason = field_validator("reason")(not_blank)


class AddendumIn(Input):
    text: str = Field(max_length=10000)

    _text = field_validator("text")(not_blank)


# The case template's sections (pack `recording.case.sections`) and the fields each one adds;
# every authority records decisions.
CASE_SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "reflective_cycle": ("experience", "reflection", "analysis", "action_planning"),
    "recording_elements": (
        "previous_actions_reviewed", "childs_voice", "progress_against_plan", "direction_of_risk",
    ),
    "signs_of_safety": ("worried_about", "working_well", "needs_to_happen"),
    "equality_and_diversity": ("equality_and_diversity",),
}  # fmt: skip
ALWAYS_RECORDED = ("decisions",)


class TypistIn(Input):
    username: str | None = Field(
        max_length=150,
        description="Business support's username (see `typists`), or null for nobody.",
    )


class TypistRef(Schema):
    username: str
    name: str


class TypistOut(Schema):
    """Who may type up the record's draft; `typists` are the people who can be asked."""

    session: int
    typist: TypistRef | None
    typists: list[TypistRef]
