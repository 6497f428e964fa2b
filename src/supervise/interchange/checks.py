"""Checks across rows and files: references, overlaps, and rows that contradict themselves."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from supervise.interchange import schema

if TYPE_CHECKING:
    from supervise.interchange.reader import ReadResult
    from supervise.policy.model import Dataset

_NOUN = {"staff": "staff member", "child": "child", "session": "session"}


def check_rows(dataset: Dataset, result: ReadResult, label: Callable[[str], str]) -> None:
    from supervise.interchange.rows import Problem

    problems = result.problems

    def add(file: str, line: int, column: str, message: str) -> None:
        problems.append(Problem(label(file), line, column, message))

    for spec in schema.FILES:
        rows = getattr(dataset, spec.attribute)
        lines = result.lines.get(spec.name, [])
        for column in spec.columns:
            if not column.ref:
                continue
            target_file, _ = schema.REF_TARGETS[column.ref]
            if target_file in result.ids_unknown:
                continue
            known = result.ids.get(target_file, set())
            values = list(map(attrgetter(column.attribute), rows))
            # Sets first: row by row only when something is missing.
            if not (set(values) - known - {None}):
                continue
            for value, line in zip(values, lines, strict=True):
                if value is not None and value not in known:
                    message = f"no {_NOUN[column.ref]} {value!r} in {target_file}"
                    add(spec.name, line, column.name, message)
        contradictions = _CONTRADICTIONS.get(spec.name)
        if contradictions is not None:
            for row, line in zip(rows, lines, strict=True):
                for column_name, message in contradictions(row):
                    add(spec.name, line, column_name, message)

    for file, attribute, owner, noun, keep in (
        ("supervision_lines.csv", "supervision_lines", "supervisee_id", "supervision line",
         lambda row: not row.cover),
        ("allocations.csv", "allocations", "child_id", "allocation", lambda row: True),
    ):  # fmt: skip
        rows = getattr(dataset, attribute)
        lines = result.lines.get(file, [])
        for line, other_line, who in _overlaps(rows, lines, owner, keep):
            add(
                file,
                line,
                "from",
                f"overlaps the {noun} on line {other_line} for {who!r} (at most one on any day)",
            )


def _before(later: date | None, earlier: date | None) -> bool:
    return later is not None and earlier is not None and later < earlier


def _span(row: Any) -> Iterator[tuple[str, str]]:
    if _before(row.ends_on, row.starts_on):
        yield "to", f"{row.ends_on} is before from ({row.starts_on})"


def _line(row: Any) -> Iterator[tuple[str, str]]:
    yield from _span(row)
    if row.supervisee_id == row.supervisor_id:
        yield "supervisor_id", "a staff member cannot supervise themselves"


def _staff(row: Any) -> Iterator[tuple[str, str]]:
    if _before(row.left_on, row.started_on):
        yield "left_on", f"{row.left_on} is before started_on ({row.started_on})"


def _child(row: Any) -> Iterator[tuple[str, str]]:
    if _before(row.closed_on, row.opened_on):
        yield "closed_on", f"{row.closed_on} is before opened_on ({row.opened_on})"


def _session_contradictions(row: Any) -> Iterator[tuple[str, str]]:
    if row.kind == "formal" and not row.supervisee_id:
        yield "supervisee_id", "is required for a formal session"
    if row.supervisee_id and row.supervisee_id == row.supervisor_id:
        yield "supervisee_id", "is the same person as supervisor_id"
    if row.status == "held" and row.held_on is None:
        yield "held_on", "is required when status is held"
    if row.status != "held" and row.held_on is not None:
        yield "held_on", f"is only for held sessions (status is {row.status})"
    if row.status == "cancelled" and row.cancelled_by is None:
        yield "cancelled_by", "is required when status is cancelled"
    if row.status != "cancelled" and row.cancelled_by is not None:
        yield "cancelled_by", f"is only for cancelled sessions (status is {row.status})"


_CONTRADICTIONS: dict[str, Callable[[Any], Iterator[tuple[str, str]]]] = {
    "staff.csv": _staff,
    "supervision_lines.csv": _line,
    "absences.csv": _span,
    "children.csv": _child,
    "child_statuses.csv": _span,
    "allocations.csv": _span,
    "sessions.csv": _session_contradictions,
}


def _overlaps(
    rows: list[Any], lines: list[int], owner: str, keep: Callable[[Any], bool]
) -> Iterator[tuple[int, int, str]]:
    """(line, earlier line, owner) for each row that starts before the previous one ends."""
    by_owner: dict[str, list[tuple[date, date | None, int]]] = defaultdict(list)
    for row, line in zip(rows, lines, strict=True):
        if keep(row):
            by_owner[getattr(row, owner)].append((row.starts_on, row.ends_on, line))
    for who, spans in by_owner.items():
        if len(spans) < 2:
            continue
        spans.sort(key=lambda span: (span[0], span[2]))
        latest_end: date | None = spans[0][1]
        latest_line = spans[0][2]
        for starts_on, ends_on, line in spans[1:]:
            if latest_end is None or starts_on <= latest_end:
                yield line, latest_line, who
            if latest_end is not None and (ends_on is None or ends_on > latest_end):
                latest_end, latest_line = ends_on, line
