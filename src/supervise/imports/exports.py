"""Every problem of an import as CSV: for the administrator to sort and share with whoever
produces the folder (the page shows them a hundred at a time)."""

from __future__ import annotations

import csv
import io

from supervise.compliance.exports import safe_text
from supervise.imports.selectors import ProblemRow

PROBLEM_COLUMNS = ("File", "Line", "Column", "Message")


def problems_csv(rows: list[ProblemRow]) -> bytes:
    """UTF-8 CSV with a header row (and a byte order mark, so that Excel reads it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PROBLEM_COLUMNS)
    for row in rows:
        # Column names and values in messages come from the uploaded files: data, never formulas.
        writer.writerow(
            [safe_text(text) for text in (row.file_label, row.line_label, row.column, row.message)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
