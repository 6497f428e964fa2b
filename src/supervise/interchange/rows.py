"""Reading a file's rows into model objects, with every problem reported.

Two paths give the same result. The *fast path* is a loop generated for the file's header that
assumes the row is valid and reads each cell with a dictionary lookup (dates and durations
already seen, enum values, booleans); any row it cannot read in that way (a bad value, a date
seen for the first time, a missing field) falls to the *validating path*, which reads it cell by
cell and reports each problem. A large authority has hundreds of thousands of rows, nearly all
valid, so nearly all take the fast path (`make bench` measures it against a bare CSV parse).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from supervise.interchange import cells, schema


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One known column of the header: where it goes in the model and how it is read."""

    position: int  # argument position in the model's constructor
    index: int  # column index in the file
    convert: Callable[[str], Any] | None
    required: bool
    name: str
    kind: str
    choices: tuple[str, ...] = ()


@dataclass(slots=True)
class FileRows:
    """What a file gave: objects with their line numbers, ids (rows with problems included),
    and problems."""

    rows: list[Any] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    ids_unknown: bool = False  # the id column itself is missing: its ids cannot be known


def plan(header: list[str], label: str, spec: schema.FileSpec) -> tuple[list[Cell], list[Problem]]:
    """The header's known columns; unknown, repeated and missing required ones are problems."""
    fields = [f.name for f in dataclasses.fields(spec.model)]
    cells_: list[Cell] = []
    problems: list[Problem] = []
    seen: set[str] = set()
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
        cells_.append(
            Cell(
                fields.index(column.attribute), index, cells.converter(column), column.required,
                name, column.kind, column.choices,
            )
        )  # fmt: skip
    for column in spec.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(label, 1, column.name, "required column is missing"))
    return cells_, problems


def read_rows(
    reader: Iterable[list[str]], label: str, spec: schema.FileSpec, header: list[str]
) -> FileRows:
    result = FileRows()
    layout, header_problems = plan(header, label, spec)
    result.problems += header_problems
    present = {c.name for c in layout}
    # Rows of a file missing a required column are checked but never built.
    complete = all(c.name in present for c in spec.columns if c.required)
    defaults = [
        f.default if f.default is not dataclasses.MISSING else None
        for f in dataclasses.fields(spec.model)
    ]
    key_cells = [c for c in layout if c.name in spec.key]
    result.ids_unknown = bool(spec.key) and len(key_cells) < len(spec.key)
    bad_keys: list[tuple[int, tuple[str, ...]]] = []
    csv_reader: Any = reader
    width = len(header)

    def validate(row: list[str], line: int) -> None:
        """The validating path for one row: report every problem; build it when good."""
        if len(row) != width:
            if row:  # a blank line is not a row
                result.problems.append(
                    Problem(label, line, "-", f"has {len(row)} fields; the header has {width}")
                )
            return
        args = defaults.copy()
        good = True
        for cell in layout:
            text = row[cell.index]
            if not text:
                if cell.required:
                    result.problems.append(Problem(label, line, cell.name, "is required"))
                    good = False
                continue
            if cell.convert is None:
                args[cell.position] = text
                continue
            try:
                args[cell.position] = cell.convert(text)
            except cells.CellError as error:
                result.problems.append(Problem(label, line, cell.name, str(error)))
                good = False
        if good and complete:
            result.rows.append(spec.model(*args))
            result.lines.append(line)
        elif key_cells:
            bad_keys.append((line, tuple(row[c.index] for c in key_cells)))

    if complete:
        fast = _compile(spec, layout, width, defaults)
        fast(reader, csv_reader, result.rows.append, result.lines.append, validate)
    else:
        for row in reader:
            validate(row, csv_reader.line_num)
    if key_cells:
        _check_keys(result, spec, key_cells, bad_keys, label)
    return result


def _check_keys(
    result: FileRows,
    spec: schema.FileSpec,
    key_cells: list[Cell],
    bad_keys: list[tuple[int, tuple[str, ...]]],
    label: str,
) -> None:
    """Ids must be unique in their file: report every repeat (rows with problems included)."""
    key_of = attrgetter(*(_attribute(spec, c.name) for c in key_cells))
    good: list[Any] = list(map(key_of, result.rows))  # a str per row for one-column keys
    single = len(key_cells) == 1
    bad: list[tuple[int, Any]] = [(line, key[0] if single else key) for line, key in bad_keys]
    if single:
        result.ids.update(good)
        result.ids.update(key for _, key in bad)
    if len(set(good)) == len(good) and not bad:
        return
    everything = sorted([*zip(result.lines, good, strict=True), *bad], key=lambda e: e[0])
    first_seen: dict[Any, int] = {}
    repeated: set[int] = set()
    key_label = "/".join(spec.key)
    for line, key in everything:
        first = first_seen.get(key)
        if first is None:
            first_seen[key] = line
            continue
        repeated.add(line)
        shown = key if single else "/".join(key)
        result.problems.append(
            Problem(label, line, spec.key[0],
                    f"duplicate {key_label} {shown!r} (first on line {first})")
        )  # fmt: skip
    if repeated:
        kept = [(o, n) for o, n in zip(result.rows, result.lines, strict=True)
                if n not in repeated]  # fmt: skip
        result.rows[:] = [o for o, _ in kept]
        result.lines[:] = [n for _, n in kept]


def _attribute(spec: schema.FileSpec, column_name: str) -> str:
    column = spec.column(column_name)
    assert column is not None
    return column.attribute


class _Slow(Exception):
    """Raised inside the fast path to send a row to the validating path."""


def _slow() -> Any:
    raise _Slow


_fast_cache: dict[tuple[Any, ...], Callable[..., None]] = {}


def _compile(
    spec: schema.FileSpec, layout: list[Cell], width: int, defaults: list[Any]
) -> Callable[..., None]:
    """Generate the fast loop for this file and header (cached per header layout)."""
    signature = (spec.name, tuple((c.position, c.index, c.name) for c in layout), width)
    cached = _fast_cache.get(signature)
    if cached is not None:
        return cached
    namespace: dict[str, Any] = {
        "model": spec.model,
        "DATES": cells.DATES,
        "DURATIONS": cells.DURATIONS,
        "BOOLEANS": cells.BOOLEANS,
        "slow": _slow,
    }
    args = [f"D{i}" for i in range(len(defaults))]
    for i, value in enumerate(defaults):
        namespace[f"D{i}"] = value
    for cell in layout:
        c = f"c{cell.index}"
        default = f"D{cell.position}"
        if cell.kind == schema.DATE:
            value = f"DATES[{c}]"
        elif cell.kind == schema.DURATION:
            value = f"DURATIONS[{c}]"
        elif cell.kind == schema.BOOL:
            value = f"BOOLEANS[{c}]"
        elif cell.kind == schema.ENUM:
            namespace[f"E{cell.index}"] = {v: v for v in cell.choices}
            value = f"E{cell.index}[{c}]"
        elif cell.kind == schema.INT:
            value = f"(int({c}) if {c}.isdigit() else slow())"
        else:
            value = c
        empty = "slow()" if cell.required else default
        args[cell.position] = f"({value} if {c} else {empty})"
    unpack = ", ".join(f"c{i}" for i in range(width)) + ("," if width == 1 else "")
    source = (
        "def fast(rows, reader, add, add_line, validate):\n"
        "    for row in rows:\n"
        "        try:\n"
        f"            {unpack} = row\n"
        f"            obj = model({', '.join(args)})\n"
        "        except Exception:\n"
        "            validate(row, reader.line_num)\n"
        "            continue\n"
        "        add(obj)\n"
        "        add_line(reader.line_num)\n"
    )
    # The source is built from our own schema and the header's column positions, never from a
    # cell's text: nothing read from the file is executed.
    exec(compile(source, f"<fast reader for {spec.name}>", "exec"), namespace)  # noqa: S102  # nosec B102
    fast: Callable[..., None] = namespace["fast"]
    _fast_cache[signature] = fast
    return fast
