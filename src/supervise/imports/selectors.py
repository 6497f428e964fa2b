"""Reads for the import pages: the list of runs, a run's problems and changes as table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.db.models import QuerySet

from supervise.imports.models import ImportRun

# "FILE:LINE: COLUMN: MESSAGE" (interchange.reader.Problem); else "FILE: MESSAGE".
_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<column>.*?): (?P<message>.*)$", re.S)
_FILE_PROBLEM = re.compile(r"^(?P<file>[^:]+?\.(?:csv|zip)): (?P<message>.*)$", re.S | re.I)


@dataclass(frozen=True, slots=True)
class ProblemRow:
    file: str
    line: int | None
    column: str
    message: str


@dataclass(frozen=True, slots=True)
class ChangeRow:
    file: str
    created: int
    updated: int
    deleted: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def import_runs(organisation_id: int) -> QuerySet[ImportRun]:
    """The organisation's runs, newest first, without the stored zips (one query a page)."""
    return (
        ImportRun.objects.filter(organisation_id=organisation_id)
        .select_related("started_by")
        .defer("archive")
        .order_by("-started_at", "-pk")
    )


def problem_rows(problems: list[str]) -> list[ProblemRow]:
    """The stored problems as table rows; file names without the temporary folder they were
    checked in."""
    rows = []
    for text in problems:
        match = _PROBLEM.match(text)
        if match:
            column = match["column"]
            rows.append(
                ProblemRow(
                    PurePath(match["file"]).name,
                    int(match["line"]) or None,
                    "" if column == "-" else column,
                    match["message"],
                )
            )
            continue
        match = _FILE_PROBLEM.match(text)
        if match:
            rows.append(ProblemRow(PurePath(match["file"]).name, None, "", match["message"]))
        else:
            rows.append(ProblemRow("", None, "", text))
    return rows


def change_rows(changes: dict[str, dict[str, int]]) -> list[ChangeRow]:
    return [
        ChangeRow(
            file=name,
            created=int(counts.get("created", 0)),
            updated=int(counts.get("updated", 0)),
            deleted=int(counts.get("deleted", 0)),
            unchanged=int(counts.get("unchanged", 0)),
        )
        for name, counts in (changes or {}).items()
    ]


def change_totals(rows: list[ChangeRow]) -> ChangeRow:
    return ChangeRow(
        file="All files",
        created=sum(r.created for r in rows),
        updated=sum(r.updated for r in rows),
        deleted=sum(r.deleted for r in rows),
        unchanged=sum(r.unchanged for r in rows),
    )
