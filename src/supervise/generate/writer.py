"""The interchange folder: one CSV file per table, exactly the columns of INTERCHANGE.md."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

COLUMNS: dict[str, tuple[str, ...]] = {
    "staff.csv": (
        "staff_id", "name", "email", "role", "team", "contract", "hours", "started_on",
        "qualified_on", "asye", "left_on", "supervisor_training_on", "file_archived_on",
        "file_destroyed_on",
    ),
    "supervision_lines.csv": ("supervisee_id", "supervisor_id", "from", "to", "cover"),
    "absences.csv": ("staff_id", "from", "to", "reason", "planned"),
    "events.csv": ("staff_id", "on", "kind", "note"),
    "agreements.csv": (
        "agreement_id", "supervisee_id", "supervisor_id", "supervisee_signed_on",
        "supervisor_signed_on", "frequency",
    ),
    "children.csv": (
        "child_id", "name", "born_on", "opened_on", "closed_on", "service",
        "particularly_vulnerable", "risk_rating", "agreed_interval", "agreed_by",
        "permanence_plan_on",
    ),
    "child_statuses.csv": ("child_id", "status", "from", "to"),
    "allocations.csv": ("child_id", "staff_id", "from", "to"),
    "sessions.csv": (
        "session_id", "kind", "supervisor_id", "supervisee_id", "scheduled_on", "status",
        "held_on", "duration_minutes", "cancelled_by", "cancel_reason", "record_completed_on",
        "supervisor_signed_on", "supervisee_signed_on", "finalised_on",
    ),
    "case_discussions.csv": ("session_id", "child_id", "recorded_on"),
    "observations.csv": ("observation_id", "kind", "observer_id", "observed_id", "on"),
}  # fmt: skip


class Table:
    """One open CSV file: rows go straight to disk (the big tables are never all in memory)."""

    __slots__ = ("name", "rows", "_handle", "_write")

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        self.rows = 0
        self._handle: IO[str] = (folder / name).open("w", encoding="utf-8", newline="")
        self._write = csv.writer(self._handle, lineterminator="\n").writerow
        self._write(COLUMNS[name])

    def add(self, values: Sequence[str]) -> None:
        self._write(values)
        self.rows += 1

    def close(self) -> None:
        self._handle.close()


# Left in every generated folder, so that generating again may replace its files, while a real
# export (which has no such file) is never overwritten by mistake.
MARKER = ".supervise-generated"
MARKER_TEXT = "Written by `supervise generate`: synthetic data only.\n"


def generated_with(folder: Path) -> str:
    """What the folder was generated with (the marker's second line), or "" if not known:
    lets `supervise demo` see that its folder is from an older generator or another day."""
    marker = folder / MARKER
    if not marker.is_file():
        return ""
    lines = marker.read_text(encoding="utf-8").splitlines()
    return lines[1] if len(lines) > 1 else ""


def overwrite_refusal(folder: Path) -> str | None:
    """Why `folder` must not be written into, or None: it holds CSV files that the generator
    did not write (perhaps a real export)."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    if folder.is_dir() and any(folder.glob("*.csv")) and not (folder / MARKER).exists():
        return (
            f"{folder} already holds CSV files that `supervise generate` did not write; "
            "choose an empty or new folder"
        )
    return None


class Folder:
    """All the tables of one interchange folder, open for writing."""

    def __init__(self, folder: Path, made_with: str = "") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MARKER).write_text(MARKER_TEXT + (f"{made_with}\n" if made_with else ""))
        self.path = folder
        self.tables: dict[str, Table] = {}
        try:
            for name in COLUMNS:
                self.tables[name] = Table(folder, name)
        except BaseException:
            self.close()
            raise

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    def close(self) -> None:
        for table in self.tables.values():
            table.close()

    def __enter__(self) -> Folder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        return {name: table.rows for name, table in self.tables.items()}
