"""Turning the selectors' figures into what the pages show: headline figures in words, the
measures table, the chart and the table of the chart's numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString

from supervise.compliance.chart import MAX_LINES, Line, line_chart, percent
from supervise.compliance.selectors import (
    CASE_RULES,
    FREQUENCY_RULES,
    Compliance,
    Figures,
    RuleCounts,
    Series,
)
from supervise.policy.dates import format_long
from supervise.policy.rules import RULES

# What each frequency rule's population is called in a headline: "<subjects> up to date".
POPULATION = {
    "personal_supervision": "Supervisees up to date with supervision",
    "case_supervision": "Children discussed in supervision on time",
    "group_case_supervision": "Children discussed in group case supervision on time",
    "appraisal": "Staff with an appraisal on time",
    "observation_of_practice": "Staff whose practice has been observed on time",
    "observation_of_supervision": "Supervisors observed supervising on time",
}


@dataclass(frozen=True, slots=True)
class Headline:
    label: str
    figure: str  # the big number
    detail: str  # the words around it


@dataclass(frozen=True, slots=True)
class Measure:
    rule: str
    title: str
    counts: RuleCounts

    @property
    def frequency(self) -> bool:
        return self.rule in FREQUENCY_RULES

    @property
    def up_to_date(self) -> int:
        return self.counts.subjects - self.counts.overdue

    @property
    def percent(self) -> str:
        return percent(self.counts.compliance)


def _of(numerator: int, denominator: int) -> str:
    share = percent(numerator / denominator) if denominator else ""
    return f"{numerator:,} of {denominator:,}" + (f" ({share})" if share else "")


def headlines(data: Compliance, pack_rules: set[str]) -> list[Headline]:
    now = data.current
    out = [
        Headline(
            "Supervisees up to date with supervision",
            percent(now.compliance) or "None",
            _of(now.up_to_date, now.supervisees)
            + f"; {now.overdue_supervision:,} overdue, {now.due_soon_supervision:,} due in 7 days",
        )
    ]
    case = data.rule("case_supervision")
    if "case_supervision" in pack_rules and case is not None:
        out.append(
            Headline(
                "Children discussed in supervision on time",
                percent(case.compliance) or "None",
                _of(case.subjects - case.overdue, case.subjects) + f"; {case.overdue:,} overdue",
            )
        )
    elif pack_rules & set(CASE_RULES):
        out.append(
            Headline(
                "Children overdue for discussion in supervision",
                f"{now.children_overdue:,}",
                "across the case supervision rules",
            )
        )
    out.append(
        Headline(
            "Supervision records outstanding",
            f"{now.records_outstanding:,}",
            f"{now.records_overdue:,} of them overdue "
            "(written up, signed or on the child's record)",
        )
    )
    if "agreement" in pack_rules:
        agreement = data.rule("agreement")
        overdue = agreement.overdue if agreement else 0
        out.append(
            Headline(
                "Supervision agreements missing",
                f"{now.agreements_missing:,}",
                f"{overdue:,} of them overdue",
            )
        )
    return out


def measures(data: Compliance, pack_rules: list[str]) -> tuple[list[Measure], list[Measure]]:
    """Every rule of the pack on the latest day: (frequency rules, the other duties)."""
    frequency, others = [], []
    for rule in pack_rules:
        counts = data.rule(rule) or RuleCounts(rule, 0, 0, 0)
        info = RULES.get(rule)
        title = f"{info.title} ({info.number})" if info else rule
        measure = Measure(rule, title, counts)
        (frequency if measure.frequency else others).append(measure)
    return frequency, others


def _day(day: date) -> str:
    return format_long(day)


def describe_range(days: list[date]) -> str:
    """'November 2025 to November 2026', or whole dates when months would say too little."""
    if not days:
        return ""
    if len(days) == 1:
        return _day(days[0])
    if (days[0].year, days[0].month) == (days[-1].year, days[-1].month):
        return f"{_day(days[0])} to {_day(days[-1])}"
    return f"{days[0]:%B %Y} to {days[-1]:%B %Y}"


@dataclass(slots=True)
class Chart:
    svg: SafeString
    lines: list[tuple[str, list[str], bool]]  # label, percentages by day, drawn or not
    shown: int  # how many of the series are drawn
    hidden: int  # how many are only in the table
    current: int = 0  # series with supervisees on the last day (the candidates for a line)
    former: int = 0  # series with none on the last day (a team since closed): table only


def compliance_chart(
    *,
    chart_id: str,
    data: Compliance,
    total_label: str,
    what: str,
    series: list[Series] | None = None,
) -> Chart:
    """Personal supervision compliance by day: the total, then the largest series."""
    days = data.days
    series = data.series if series is None else series
    # Only series with supervisees on the last day are drawn, so that every line runs to the
    # right-hand edge where it is labelled; the table keeps the others.
    latest = days[-1] if days else None
    current = [s for s in series if s.latest(latest).supervisees]
    drawn = current[: MAX_LINES - 1]
    lines = [Line(total_label, [data.totals[d].compliance for d in days], emphasis=True)]
    lines += [Line(s.label, [s.by_day.get(d, Figures()).compliance for d in days]) for s in drawn]
    description = _describe(data, total_label, what, drawn, series)
    svg = line_chart(
        chart_id=chart_id,
        title=f"Personal supervision compliance {what}, {describe_range(days)}",
        description=description,
        days=days,
        lines=lines,
    )
    rest = [s for s in series if s not in drawn]
    table = [(total_label, [percent(data.totals[d].compliance) for d in days], True)]
    table += [
        (s.label, [percent(s.by_day.get(d, Figures()).compliance) for d in days], s in drawn)
        for s in [*drawn, *rest]
    ]
    return Chart(
        svg=svg,
        lines=table,
        shown=len(drawn),
        hidden=len(series) - len(drawn),
        current=len(current),
        former=len(series) - len(current),
    )


def _describe(data: Compliance, total_label: str, what: str, drawn, series) -> str:  # type: ignore[no-untyped-def]
    days = data.days
    if not days:
        return "No figures yet."
    first, last = data.totals[days[0]].compliance, data.totals[days[-1]].compliance
    words = [
        f"Share of supervisees not overdue for personal supervision {what}, "
        f"on {len(days)} dates from {_day(days[0])} to {_day(days[-1])}.",
        f"{total_label}: {percent(first) or 'no figure'} then {percent(last) or 'no figure'}.",
    ]
    latest = [(s.by_day.get(days[-1], Figures()).compliance, s.label) for s in series]
    latest = [(value, label) for value, label in latest if value is not None]
    if latest:
        low = min(latest)
        high = max(latest)
        words.append(f"Lowest on the last date: {low[1]} at {percent(low[0])}.")
        words.append(f"Highest: {high[1]} at {percent(high[0])}.")
    if len(series) > len(drawn):
        words.append(f"The chart shows the {len(drawn)} largest; the table has all {len(series)}.")
    words.append("The same figures are in the table that follows the chart.")
    return " ".join(words)


def over_time(data: Compliance) -> list[tuple[date, Figures]]:
    """The totals on each day, latest first, for the over-time table."""
    return [(day, data.totals[day]) for day in reversed(data.days)]
