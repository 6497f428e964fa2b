"""The compliance tables as CSV and as an Excel workbook, for the period shown on the page."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from supervise.compliance.selectors import PeriodTables, Row

if TYPE_CHECKING:
    from supervise.compliance.current import FindingRow

TEAM_COLUMNS = (  # the figures, by team; the tables add their own columns
    "Date",
    "Team",
    "Supervisees",
    "Overdue for supervision",
    "Children overdue for discussion",
    "Records outstanding",
    "Personal supervision compliance (%)",
)
SUPERVISOR_COLUMNS = (*TEAM_COLUMNS[:2], "Supervisor", *TEAM_COLUMNS[2:])
# The by-team table says whether a row is the whole team: a manager's export counts only the
# supervision done within their management chain.
TEAM_TABLE_COLUMNS = (*TEAM_COLUMNS[:2], "Whole team", *TEAM_COLUMNS[2:])
# Widths (in characters) for the workbook's columns, by header.
WIDTHS = {"Date": 14, "Team": 40, "Supervisor": 28}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Names from HR systems are data, never formulas, in a spreadsheet (CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _values(day: date, row: Row, with_supervisor: bool) -> list[object]:
    """A row's cells; names as they are (each writer makes them safe its own way)."""
    f = row.figures
    names: list[object] = [row.team]
    if with_supervisor:
        names.append(row.supervisor)
    else:
        names.append("No" if row.partial else "Yes")
    return [
        day,
        *names,
        f.supervisees,
        f.overdue_supervision,
        f.children_overdue,
        f.records_outstanding,
        f.compliance,
    ]


def rows_of(tables: PeriodTables, table: str) -> tuple[tuple[str, ...], list[list[object]]]:
    if table == "supervisor":
        return SUPERVISOR_COLUMNS, [_values(d, r, True) for d, r in tables.by_supervisor]
    return TEAM_TABLE_COLUMNS, [_values(d, r, False) for d, r in tables.by_team]


def to_csv(tables: PeriodTables, table: str = "team") -> tuple[bytes, int]:
    """UTF-8 CSV with a header row (and a byte order mark, so that Excel reads it as UTF-8)."""
    header, rows = rows_of(tables, table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([_csv_cell(v) for v in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), len(rows)


def _csv_cell(value: object) -> object:
    if isinstance(value, str):
        return safe_text(value)  # a spreadsheet opening the CSV must not run a formula
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value * 100:.1f}"
    if value is None:
        return ""
    return value


def to_xlsx(tables: PeriodTables) -> tuple[bytes, int]:
    """A workbook with a sheet by team and a sheet by supervisor."""
    workbook = Workbook()
    count = 0
    for index, (table, title) in enumerate((("team", "By team"), ("supervisor", "By supervisor"))):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        header, rows = rows_of(tables, table)
        _fill(sheet, header, rows)
        count += len(rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def _fill(sheet, header: tuple[str, ...], rows: Iterable[list[object]]) -> None:  # type: ignore[no-untyped-def]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    percent_column = len(header)
    # Rows counted here: asking the sheet for max_row each time walks every cell.
    for line, values in enumerate(rows, start=2):
        sheet.append(values)
        sheet.cell(row=line, column=1).number_format = "d mmm yyyy"
        sheet.cell(row=line, column=percent_column).number_format = "0.0%"
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                # Typed as text, never a formula: no apostrophe needed (it would show).
                sheet.cell(row=line, column=column).data_type = "s"
    for column, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(
            name, max(12, len(name) + 2)
        )


FINDINGS_COLUMNS = (
    "Rule", "Status", "Due on", "Days overdue", "About", "Team", "Supervisor", "Why",
    "Policy", "Rule id", "Subject type", "Subject id",
)  # fmt: skip


def findings_csv(rows: Iterable[FindingRow], as_of: date) -> bytes:
    """The current findings as the page words them: names only where the viewer may see them
    (the rows were made for this viewer), why in words, the policy's section."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FINDINGS_COLUMNS)
    for row in rows:
        late = (as_of - row.due_on).days if row.overdue else ""
        why = "; ".join(f"{label}: {words}" for label, words in row.why)
        writer.writerow(
            [
                safe_text(row.rule_title), "Overdue" if row.overdue else "Due soon",
                row.due_on.isoformat(), late, safe_text(row.about), safe_text(row.team),
                safe_text(row.supervisor), safe_text(why), safe_text(row.policy),
                row.rule, row.subject_type, safe_text(row.subject_id),
            ]
        )  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # so that Excel reads UTF-8
