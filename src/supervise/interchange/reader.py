"""Read and validate an interchange folder into the engine's `Dataset`.

Every problem is collected, not just the first, as `FILE:LINE: column: message`: unknown or missing
columns, bad dates, booleans, enum values and durations, duplicate ids, references that resolve to
nothing, overlapping supervision lines or allocations, and rows that contradict themselves (a held
session without `held_on`…). A folder with any problem gives no dataset to import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from supervise.interchange import schema
from supervise.interchange.checks import check_rows
from supervise.interchange.rows import FileRows, Problem, read_rows
from supervise.policy.model import Dataset

__all__ = ["Problem", "ReadResult", "read_folder"]


@dataclass(slots=True)
class ReadResult:
    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    # file name -> line number of each row, parallel to the dataset's list for that file
    lines: dict[str, list[int]] = field(default_factory=dict)
    # file name -> every id it declares, rows with problems included (so that a bad staff row
    # does not also make every reference to that staff member look dangling)
    ids: dict[str, set[str]] = field(default_factory=dict)
    # files whose id column is missing: references to them are not checked (that one problem
    # is reported, not a knock-on "no such id" for every row that refers to them)
    ids_unknown: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems

    def row_counts(self) -> dict[str, int]:
        return {name: len(numbers) for name, numbers in self.lines.items()}


def read_folder(folder: Path) -> ReadResult:
    """Read every file of the folder; `problems` is empty when the folder is valid."""
    folder = Path(folder)
    result = ReadResult(dataset=Dataset())
    if not folder.is_dir():
        message = (
            "is a file, not a folder: give the folder that holds staff.csv and the other files"
            if folder.exists()
            else "no such folder"
        )
        result.problems.append(Problem(str(folder), 0, "-", message))
        return result
    known = {spec.name for spec in schema.FILES}
    for path in sorted(folder.glob("*.csv")):
        if path.name not in known:
            message = f"unknown file; the folder's files are {', '.join(sorted(known))}"
            result.problems.append(Problem(str(path), 1, "-", message))
    for spec in schema.FILES:
        path = folder / spec.name
        label = str(path)
        if not path.is_file():
            if spec.required:
                result.problems.append(Problem(label, 1, "-", "this file is required"))
            read = FileRows()
        else:
            read = _read_file(path, label, spec)
        setattr(result.dataset, spec.attribute, read.rows)
        result.lines[spec.name] = read.lines
        result.ids[spec.name] = read.ids
        if read.ids_unknown:
            result.ids_unknown.add(spec.name)
        result.problems += read.problems
    check_rows(result.dataset, result, lambda name: str(folder / name))
    result.problems.sort(key=lambda p: (p.file, p.line, p.column, p.message))
    return result


def _read_file(path: Path, label: str, spec: schema.FileSpec) -> FileRows:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None:
                return FileRows(problems=[Problem(label, 1, "-", "the file is empty: it needs "
                                                  "a header row")])  # fmt: skip
            return read_rows(reader, label, spec, header)
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return FileRows(problems=[Problem(label, line, "-", "not UTF-8 text")])
    except csv.Error as error:
        line = getattr(error, "line_num", 0) or 0
        return FileRows(problems=[Problem(label, line, "-", f"not valid CSV: {error}")])
