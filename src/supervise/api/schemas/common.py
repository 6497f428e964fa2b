"""Shapes shared by every subject: references to people, children and teams, errors, pages."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from ninja.errors import ValidationError
from pydantic import ConfigDict


class Input(Schema):
    """Request bodies: a field the API does not know is an error that names it (422)."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


class StaffRef(Schema):
    id: int
    external_id: str
    name: str


class ChildRef(Schema):
    id: int
    external_id: str
    name: str


class TeamRef(Schema):
    id: int
    name: str


def errors(*codes: int) -> dict[int, type[Schema]]:
    """The error responses an operation can give, for the OpenAPI document."""
    return {code: ValidationErrorOut if code == 422 else ErrorOut for code in codes}


def invalid(*problems: tuple[tuple[str | int, ...], str]) -> ValidationError:
    """A 422 in the shape pydantic gives (`loc` ends with the field), for checks that need the
    database: each problem is (where in the body, message)."""
    return ValidationError(
        [
            {"type": "value_error", "loc": ["body", "payload", *where], "msg": message}
            for where, message in problems
        ]
    )
