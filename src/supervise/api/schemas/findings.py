"""Findings and duties, in the JSON shape of the CLI report (INTERCHANGE.md "The report")."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from supervise.api.schemas.common import StaffRef


class SubjectOut(Schema):
    type: Literal["staff", "child", "session", "case_discussion"]
    id: str = Field(description="The external id (`SESSION_ID/CHILD_ID` for case discussions).")


class FindingOut(Schema):
    rule: str
    status: Literal["overdue", "due_soon"]
    subject: SubjectOut
    due_on: date
    facts: dict[str, Any]
    source: str


class FindingsOut(Schema):
    policy: str
    as_of: date
    scope: Literal["team", "org"]
    findings: list[FindingOut]


class DutyOut(Schema):
    rule: str
    rule_number: str
    rule_title: str
    status: Literal["overdue", "due_soon", "not_due_yet"]
    subject: SubjectOut
    due_on: date
    facts: dict[str, Any]
    source: str


class DutiesOut(Schema):
    staff: StaffRef
    as_of: date
    duties: list[DutyOut]
