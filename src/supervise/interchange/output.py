"""The report in its three formats (`../shared/spec/INTERCHANGE.md`, "The report")."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date

from supervise.policy.dates import format_long
from supervise.policy.engine import Report
from supervise.policy.findings import OVERDUE, Finding
from supervise.policy.rules import RULES

CSV_COLUMNS = ("rule", "status", "subject_type", "subject_id", "due_on", "source")
FORMATS = ("json", "csv", "table")

# How a subject is named for people: (subject_type, subject_id) -> words
Namer = Callable[[str, str], str]


def render(report: Report, fmt: str, namer: Namer | None = None, authority: str = "") -> str:
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "table":
        return render_table(report, namer or (lambda kind, ident: ident), authority)
    raise ValueError(f"unknown format {fmt!r}")


def render_json(report: Report) -> str:
    """The spec's one JSON object, one finding a line.

    Each finding is written by the json module's C encoder (an indented dump falls back to the
    pure-Python encoder, and a large authority has thousands of findings with their facts), and
    keeping one finding a line still lets a person read it and a diff show what changed.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    head = encode({"policy": report.policy, "as_of": report.as_of.isoformat()})[:-1]
    findings = ",\n".join("  " + encode(f.to_json()) for f in report.findings)
    body = f"\n{findings}\n " if findings else ""
    return f'{head}, "findings": [{body}]}}\n'


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in report.findings:
        writer.writerow(
            (f.rule, f.status, f.subject_type, f.subject_id, f.due_on.isoformat(), f.source.label)
        )
    return buffer.getvalue()


def describe_status(finding: Finding, as_of: date) -> str:
    if finding.status == OVERDUE:
        days = finding.days_overdue(as_of)
        return f"overdue by {days} day{'s' if days != 1 else ''}"
    days = (finding.due_on - as_of).days
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"


def rule_title(rule: str) -> str:
    info = RULES[rule]
    return f"{info.title} ({info.number})"


def render_table(report: Report, namer: Namer, authority: str = "") -> str:
    findings = report.findings
    overdue = sum(1 for f in findings if f.status == OVERDUE)
    heading = f"{authority} ({report.policy})" if authority else report.policy
    plural = "s" if len(findings) != 1 else ""
    out = [
        f"Supervision compliance: {heading}",
        f"As of {format_long(report.as_of)}: {len(findings)} finding{plural} "
        f"({overdue} overdue, {len(findings) - overdue} due soon)",
    ]
    order = list(RULES)
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule in sorted(by_rule, key=order.index):
        rows = [
            (
                namer(f.subject_type, f.subject_id),
                f"{f.due_on:%a} {f.due_on.day} {f.due_on:%b %Y}",
                describe_status(f, report.as_of),
            )
            for f in by_rule[rule]
        ]
        widths = [
            max(len(r[i]) for r in [("Subject", "Due on", "Status"), *rows]) for i in range(3)
        ]
        out += ["", f"{rule_title(rule)}: {len(rows)}"]
        for row in [("Subject", "Due on", "Status"), *rows]:
            out.append(
                "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            )
    if not findings:
        out += ["", "Nothing overdue or due soon."]
    return "\n".join(out) + "\n"
