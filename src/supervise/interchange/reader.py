"""Read and validate an interchange folder into the engine's `Dataset`.

Every problem is collected, not just the first, as `FILE:LINE: column: message`: unknown or missing
columns, bad dates, booleans, enum values and durations, duplicate ids, references that resolve to
nothing, overlapping supervision lines or allocations, and rows that contradict themselves (a held
session without `held_on`…). A folder with any problem gives no dataset to import.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from supervise.interchange import schema
from supervise.interchange.checks import check_rows
from supervise.policy.dates import Interval
from supervise.policy.model import Dataset


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass(slots=True)
class ReadResult:
    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    # file name -> line number of each row, parallel to the dataset's list for that file
    lines: dict[str, list[int]] = field(default_factory=dict)
    # file name -> every id it declares, rows with problems included (so that a bad staff row
    # does not also make every reference to that staff member look dangling)
    ids: dict[str, set[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def row_counts(self) -> dict[str, int]:
        return {name: len(numbers) for name, numbers in self.lines.items()}


class _Cell(ValueError):
    """A cell that cannot be read; the message says why, for people."""


_dates: dict[str, date] = {}


def read_date(text: str) -> date:
    cached = _dates.get(text)
    if cached is not None:
        return cached
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise _Cell(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise _Cell(f"{text!r} is not a real date") from None
    _dates[text] = value
    return value


def read_bool(text: str) -> bool:
    if text == "true":
        return True
    if text == "false":
        return False
    raise _Cell(f"{text!r} is not a boolean: write true or false")


_durations: dict[str, Interval] = {}


def read_duration(text: str) -> Interval:
    cached = _durations.get(text)
    if cached is None:
        try:
            cached = _durations[text] = Interval.parse(text)
        except ValueError as error:
            raise _Cell(str(error)) from None
    return cached


def read_int(text: str) -> int:
    if not text.isdigit():
        raise _Cell(f"{text!r} is not a whole number of minutes")
    return int(text)


def _enum(choices: tuple[str, ...]) -> Callable[[str], str]:
    allowed = frozenset(choices)

    def read(text: str) -> str:
        if text not in allowed:
            raise _Cell(f"unknown value {text!r}; expected one of {', '.join(choices)}")
        return text

    return read


def _converter(column: schema.Column) -> Callable[[str], Any] | None:
    """None means the text is kept as it is (ids and free text)."""
    if column.kind == schema.DATE:
        return read_date
    if column.kind == schema.BOOL:
        return read_bool
    if column.kind == schema.ENUM:
        return _enum(column.choices)
    if column.kind == schema.DURATION:
        return read_duration
    if column.kind == schema.INT:
        return read_int
    return None


def read_folder(folder: Path) -> ReadResult:
    """Read every file of the folder; `problems` is empty when the folder is valid."""
    folder = Path(folder)
    dataset = Dataset()
    result = ReadResult(dataset=dataset)
    if not folder.is_dir():
        result.problems.append(Problem(str(folder), 0, "-", "no such folder"))
        return result
    known = {spec.name for spec in schema.FILES}
    for path in sorted(folder.glob("*.csv")):
        if path.name not in known:
            result.problems.append(
                Problem(
                    _label(folder, path.name),
                    1,
                    "-",
                    f"unknown file; the folder's files are {', '.join(sorted(known))}",
                )
            )
    for spec in schema.FILES:
        path = folder / spec.name
        rows: list[Any] = getattr(dataset, spec.attribute)
        numbers: list[int] = []
        result.lines[spec.name] = numbers
        ids: set[str] = set()
        result.ids[spec.name] = ids
        if not path.is_file():
            if spec.required:
                result.problems.append(
                    Problem(_label(folder, spec.name), 1, "-", "this file is required")
                )
            continue
        _read_file(path, _label(folder, spec.name), spec, rows, numbers, ids, result.problems)
    check_rows(dataset, result, lambda name: _label(folder, name))
    result.problems.sort(key=lambda p: (p.file, p.line, p.column, p.message))
    return result


def _label(folder: Path, name: str) -> str:
    return str(folder / name)


def _read_file(
    path: Path,
    label: str,
    spec: schema.FileSpec,
    rows: list[Any],
    numbers: list[int],
    ids: set[str],
    problems: list[Problem],
) -> None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            try:
                header = next(reader)
            except StopIteration:
                problems.append(Problem(label, 1, "-", "the file is empty: it needs a header row"))
                return
            plan, _ = _plan(header, label, spec, problems)
            _read_rows(reader, label, spec, plan, len(header), rows, numbers, ids, problems)
    except UnicodeDecodeError as error:
        problems.append(Problem(label, _line_of_byte(path, error.start), "-", "not UTF-8 text"))
    except csv.Error as error:
        problems.append(Problem(label, _csv_line(error), "-", f"not valid CSV: {error}"))


def _csv_line(error: csv.Error) -> int:
    return getattr(error, "line_num", 0) or 0


def _line_of_byte(path: Path, offset: int) -> int:
    return path.read_bytes()[:offset].count(b"\n") + 1


_Plan = list[tuple[int, int, Callable[[str], Any] | None, bool, str]]


def _plan(
    header: list[str], label: str, spec: schema.FileSpec, problems: list[Problem]
) -> tuple[_Plan, bool]:
    """Where each known column goes in the model's constructor, and whether rows can be built.

    Unknown and repeated columns are reported and left out, so that the rest of the file is still
    checked; a missing required column means no row can be built (ids are still collected, so
    that references to them are not reported as dangling as well).
    """
    fields = [f.name for f in dataclasses.fields(spec.model)]
    plan: _Plan = []
    seen: set[str] = set()
    complete = True
    for index, name in enumerate(header):
        column = spec.column(name)
        if column is None:
            expected = ", ".join(c.name for c in spec.columns)
            where = name or f"(column {index + 1})"
            problems.append(Problem(label, 1, where, f"unknown column; expected {expected}"))
            continue
        if name in seen:
            problems.append(Problem(label, 1, name, "column given twice"))
            continue
        seen.add(name)
        plan.append(
            (fields.index(column.attribute), index, _converter(column), column.required, name)
        )
    for column in spec.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(label, 1, column.name, "required column is missing"))
            complete = False
    return plan, complete


def _read_rows(
    reader: Iterable[list[str]],
    label: str,
    spec: schema.FileSpec,
    plan: _Plan,
    width: int,
    rows: list[Any],
    numbers: list[int],
    ids: set[str],
    problems: list[Problem],
) -> None:
    model = spec.model
    defaults = [
        f.default if f.default is not dataclasses.MISSING else None
        for f in dataclasses.fields(model)
    ]
    key_indexes = [i for _, i, _, _, name in plan if name in spec.key]
    # Rows of a file missing a required column are checked but never built.
    present = {name for *_, name in plan}
    complete = all(c.name in present for c in spec.columns if c.required)
    seen_keys: dict[tuple[str, ...], int] = {}
    key_label = "/".join(spec.key)
    csv_reader: Any = reader
    for row in reader:
        line = csv_reader.line_num
        if len(row) != width:
            if not row:
                continue  # a blank line
            problems.append(
                Problem(label, line, "-", f"has {len(row)} fields; the header has {width}")
            )
            continue
        args = defaults.copy()
        good = True
        for position, index, convert, required, name in plan:
            text = row[index]
            if not text:
                if required:
                    problems.append(Problem(label, line, name, "is required"))
                    good = False
                continue
            if convert is None:
                args[position] = text
                continue
            try:
                args[position] = convert(text)
            except _Cell as error:
                problems.append(Problem(label, line, name, str(error)))
                good = False
        if key_indexes:
            key = tuple(row[i] for i in key_indexes)
            if len(key) == 1:
                ids.add(key[0])
            first = seen_keys.get(key)
            if first is not None:
                problems.append(
                    Problem(
                        label,
                        line,
                        spec.key[0],
                        f"duplicate {key_label} {'/'.join(key)!r} (first on line {first})",
                    )
                )
                continue
            seen_keys[key] = line
        if good and complete:
            rows.append(model(*args))
            numbers.append(line)
