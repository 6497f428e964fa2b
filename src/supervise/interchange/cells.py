"""Reading one cell: strict dates, booleans, enum values, durations and whole numbers.

Each reader raises `CellError` with a message for people. The caches double as the fast path's
lookup tables (`supervise.interchange.rows`): a value seen once is not parsed again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from supervise.interchange import schema
from supervise.policy.dates import Interval


class CellError(ValueError):
    """A cell that cannot be read; the message says why, for people."""


DATES: dict[str, date] = {}
DURATIONS: dict[str, Interval] = {}
BOOLEANS = {"true": True, "false": False}


def read_date(text: str) -> date:
    cached = DATES.get(text)
    if cached is not None:
        return cached
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise CellError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise CellError(f"{text!r} is not a real date") from None
    DATES[text] = value
    return value


def read_bool(text: str) -> bool:
    try:
        return BOOLEANS[text]
    except KeyError:
        raise CellError(f"{text!r} is not a boolean: write true or false") from None


def read_duration(text: str) -> Interval:
    cached = DURATIONS.get(text)
    if cached is None:
        try:
            cached = DURATIONS[text] = Interval.parse(text)
        except ValueError as error:
            raise CellError(str(error)) from None
    return cached


def read_int(text: str) -> int:
    if not text.isdigit():
        raise CellError(f"{text!r} is not a whole number of minutes")
    return int(text)


def enum_reader(choices: tuple[str, ...]) -> Callable[[str], str]:
    allowed = frozenset(choices)

    def read(text: str) -> str:
        if text not in allowed:
            raise CellError(f"unknown value {text!r}; expected one of {', '.join(choices)}")
        return text

    return read


def converter(column: schema.Column) -> Callable[[str], Any] | None:
    """How a column's text becomes a value; None keeps the text (ids and free text)."""
    if column.kind == schema.DATE:
        return read_date
    if column.kind == schema.BOOL:
        return read_bool
    if column.kind == schema.ENUM:
        return enum_reader(column.choices)
    if column.kind == schema.DURATION:
        return read_duration
    if column.kind == schema.INT:
        return read_int
    return None
