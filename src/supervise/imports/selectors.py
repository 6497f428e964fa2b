"""Reads for the import pages: the list of runs, a run's problems (as table rows, a page of
them, and a summary by file and kind) and its changes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from pathlib import PurePath

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from supervise.imports.models import ImportRun

# "FILE:LINE: COLUMN: MESSAGE" (interchange.reader.Problem); else "FILE: MESSAGE".
_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<column>.*?): (?P<message>.*)$", re.S)
_FILE_PROBLEM = re.compile(r"^(?P<file>[^:]+?\.(?:csv|zip)): (?P<message>.*)$", re.S | re.I)
# The values in a message (quoted text, dates, numbers): without them, messages of one kind match.
_VALUE = re.compile(r"'[^']*'|\"[^\"]*\"|\d{4}-\d{2}-\d{2}|\d+")
KINDS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class ProblemRow:
    file: str
    line: int | None
    column: str
    message: str

    @property
    def file_label(self) -> str:
        return self.file or "The upload"

    @property
    def line_label(self) -> str:
        """A problem about no one row (a missing file, a left-out record) is the whole file's."""
        return "Whole file" if self.line is None else str(self.line)

    @property
    def kind(self) -> str:
        return problem_kind(self.message)


@dataclass(frozen=True, slots=True)
class FileCount:
    file: str
    count: int
    page: int  # the page of the problems table its first problem is on
    label: str


@dataclass(frozen=True, slots=True)
class KindCount:
    file: str
    column: str
    kind: str
    count: int


@dataclass(frozen=True, slots=True)
class ProblemSummary:
    total: int
    files: list[FileCount]
    kinds: list[KindCount]  # the most frequent first, at most KINDS_SHOWN
    other_kinds: int  # how many kinds are not in `kinds`


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
    # One file's problems together (stable: each file's stay in line order), for the summary.
    rows.sort(key=lambda row: row.file)
    return rows


def problem_kind(message: str) -> str:
    """The message without its values: "'31/02/2020' is not a date" -> "… is not a date"."""
    return _VALUE.sub("…", message)


def problem_summary(rows: list[ProblemRow], per_page: int) -> ProblemSummary:
    """How many problems, in which files, of which kinds: the pattern of thousands at a glance."""
    files: list[FileCount] = []
    start = 0
    for _, group in groupby(rows, key=lambda row: row.file):
        same = list(group)
        files.append(FileCount(same[0].file, len(same), start // per_page + 1, same[0].file_label))
        start += len(same)
    kinds = Counter((row.file_label, row.column, row.kind) for row in rows)
    common = sorted(kinds.items(), key=lambda item: (-item[1], item[0]))[:KINDS_SHOWN]
    return ProblemSummary(
        total=len(rows),
        files=files,
        kinds=[KindCount(*key, count=count) for key, count in common],
        other_kinds=len(kinds) - len(common),
    )


def problem_page(
    rows: list[ProblemRow], summary: ProblemSummary, number: object, per_page: int
) -> tuple[Page[ProblemRow], list[tuple[ProblemRow, int | None]]]:
    """A page of the problems, each with the number of its file if it is that file's first
    (the error summary links there)."""
    page = Paginator(rows, per_page).get_page(number)
    starts, start = {}, 0
    for index, entry in enumerate(summary.files, start=1):
        starts[start] = index
        start += entry.count
    first = page.start_index() - 1
    return page, [(row, starts.get(first + i)) for i, row in enumerate(page.object_list)]


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
