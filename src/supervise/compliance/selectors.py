"""Reads for the compliance pages: figures from `ComplianceSnapshot` rows, summed in the database.

Every function here runs a fixed number of queries whatever the number of teams, supervisors or
days shown: the sums are done by the database (`GROUP BY` with conditional `SUM`s), and names
come through joins, never a query per row. Who sees which rows: `compliance.scope`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from django.db.models import Max, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from supervise.compliance.models import ComplianceSnapshot
from supervise.compliance.scope import ComplianceScope
from supervise.policy.dates import add_months

PERIODS = (3, 6, 12)
DEFAULT_PERIOD = 12

PERSONAL = "personal_supervision"
CASE_RULES = (
    "case_supervision",
    "case_every_other_session",
    "group_case_supervision",
    "case_first_discussion",
)
RECORDING_RULES = ("personal_record", "record_signoff", "record_finalised", "case_record")
# Rules whose snapshot `subjects` is everyone the duty applies to (met or not), so that
# compliance is 1 - overdue / subjects. P3 (every other session) is left out on purpose: the
# engine only yields it once two sessions have passed without the child, so its subjects are
# unmet duties, like the recording rules'.
FREQUENCY_RULES = (
    PERSONAL,
    "case_supervision",
    "group_case_supervision",
    "appraisal",
    "observation_of_practice",
    "observation_of_supervision",
)


# --- figures ----------------------------------------------------------------------------------


def _sum(column: str, rules: Iterable[str]) -> Coalesce:
    return Coalesce(Sum(column, filter=Q(rule__in=list(rules))), 0)


# The columns of the tables, as conditional sums the database works out.
FIGURE_SUMS = {
    "supervisees": _sum("subjects", [PERSONAL]),
    "overdue_supervision": _sum("overdue", [PERSONAL]),
    "due_soon_supervision": _sum("due_soon", [PERSONAL]),
    "children_overdue": _sum("overdue", CASE_RULES),
    "records_outstanding": _sum("subjects", RECORDING_RULES),
    "records_overdue": _sum("overdue", RECORDING_RULES),
    "agreements_missing": _sum("subjects", ["agreement"]),
}


@dataclass(slots=True)
class Figures:
    supervisees: int = 0
    overdue_supervision: int = 0
    due_soon_supervision: int = 0
    children_overdue: int = 0
    records_outstanding: int = 0
    records_overdue: int = 0
    agreements_missing: int = 0

    @classmethod
    def of(cls, row: dict[str, Any]) -> Figures:
        return cls(**{name: int(row.get(name) or 0) for name in FIGURE_SUMS})

    def add(self, other: Figures) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def anything(self) -> bool:
        """Is there a figure to show (rows of leavers' files only have none)?"""
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def up_to_date(self) -> int:
        return self.supervisees - self.overdue_supervision

    @property
    def compliance(self) -> float | None:
        """Share of supervisees not overdue for personal supervision (0 to 1), or None."""
        if not self.supervisees:
            return None
        return self.up_to_date / self.supervisees


@dataclass(slots=True)
class Row:
    """One line of the by-team or by-supervisor table."""

    team_id: int | None
    team: str
    supervisor_id: int | None = None
    supervisor: str = ""
    figures: Figures = field(default_factory=Figures)
    team_link: bool = False
    supervisor_link: bool = False
    supervisor_left_on: date | None = None  # a leaver still has records outstanding
    # A team row that counts only the part of the team supervised within the viewer's
    # management chain (a team manager's own supervision, cover by a neighbour): the team's
    # whole figures are for those who see the whole organisation.
    partial: bool = False

    # Links made by formatting, not by `reverse` once a row: the tables have hundreds of rows.
    @property
    def team_url(self) -> str:
        return _url_of("compliance:team", self.team_id)

    @property
    def supervisor_url(self) -> str:
        return _url_of("compliance:supervisor", self.supervisor_id)


_URL_PATTERNS: dict[str, str] = {}


def _url_of(name: str, pk: int | None) -> str:
    pattern = _URL_PATTERNS.get(name)
    if pattern is None:
        pattern = _URL_PATTERNS[name] = reverse(name, args=[987654321]).replace("987654321", "{}")
    return pattern.format(pk)


@dataclass(slots=True)
class RuleCounts:
    rule: str
    subjects: int
    overdue: int
    due_soon: int

    @property
    def due_later(self) -> int:
        """Open duties neither overdue nor due within the week (the rest of `subjects`)."""
        return max(0, self.subjects - self.overdue - self.due_soon)

    @property
    def compliance(self) -> float | None:
        if self.rule not in FREQUENCY_RULES or not self.subjects:
            return None
        return (self.subjects - self.overdue) / self.subjects


@dataclass(slots=True)
class Series:
    """One team's (or supervisor's) figures on each day shown."""

    key: int | None
    label: str
    by_day: dict[date, Figures] = field(default_factory=dict)

    def latest(self, day: date | None) -> Figures:
        return self.by_day.get(day, Figures()) if day else Figures()


@dataclass(slots=True)
class Compliance:
    days: list[date]  # the snapshot days shown, oldest first
    totals: dict[date, Figures]  # everything in view, by day
    series: list[Series]  # by team (overview) or by supervisor (team page), largest first
    by_team: list[Row]  # on the latest day
    by_supervisor: list[Row]  # on the latest day
    rules: list[RuleCounts]  # on the latest day, every rule with something to count
    counted_at: datetime | None = None  # when the latest day's figures were worked out

    @property
    def latest(self) -> date | None:
        return self.days[-1] if self.days else None

    @property
    def first(self) -> date | None:
        return self.days[0] if self.days else None

    @property
    def current(self) -> Figures:
        return self.totals.get(self.latest, Figures()) if self.latest else Figures()

    def rule(self, rule: str) -> RuleCounts | None:
        return next((r for r in self.rules if r.rule == rule), None)


NO_TEAM = "No team recorded"
NO_SUPERVISOR = "No current supervisor"


def snapshot_days(organisation_id: int, months: int) -> list[date]:
    """The days to show for the last `months` months: about one a month, latest first kept.

    Snapshots may be daily; a chart of a year needs one point a month, so for each month step
    back from the latest snapshot the latest snapshot on or before it is taken.
    """
    days = list(
        ComplianceSnapshot.objects.filter(organisation_id=organisation_id)
        .values_list("taken_on", flat=True)
        .distinct()
        .order_by("taken_on")
    )
    if not days:
        return []
    latest = days[-1]
    start = add_months(latest, -months)
    chosen: list[date] = []
    for back in range(months, -1, -1):
        target = add_months(latest, -back)
        at = bisect_right(days, target)
        if at and days[at - 1] >= start and (not chosen or days[at - 1] > chosen[-1]):
            chosen.append(days[at - 1])
    return chosen


def partial_teams(scope: ComplianceScope, days: list[date]) -> set[tuple[date, int]]:
    """(day, team) pairs where some of the team's supervision is outside the scope (one
    query; none for organisation-wide scopes)."""
    outside = scope.rows_outside()
    if outside is None or not days:
        return set()
    return set(
        ComplianceSnapshot.objects.filter(outside, taken_on__in=days, team_id__isnull=False)
        .values_list("taken_on", "team_id")
        .distinct()
        .order_by()
    )


def compliance(
    scope: ComplianceScope,
    months: int = DEFAULT_PERIOD,
    *,
    team_id: int | None = None,
    supervisor_id: int | None = None,
    series_by: str = "team",
) -> Compliance:
    """Figures for the scope (or one team or supervisor in it) over the last `months` months.

    Five queries at most: the days, the series (by day and team or supervisor), the latest day
    by team and supervisor, the latest day by rule, and (for a management chain) which teams
    it sees only part of.
    """
    days = snapshot_days(scope.organisation_id, months)
    rows = ComplianceSnapshot.objects.filter(scope.rows())
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    if supervisor_id is not None:
        rows = rows.filter(supervisor_id=supervisor_id)
    if not days:
        return Compliance(days=[], totals={}, series=[], by_team=[], by_supervisor=[], rules=[])
    latest = days[-1]

    key, label = (
        ("team_id", "team__name") if series_by == "team" else ("supervisor_id", "supervisor__name")
    )
    series: dict[int | None, Series] = {}
    totals: dict[date, Figures] = {day: Figures() for day in days}
    for row in (
        rows.filter(taken_on__in=days)
        .values("taken_on", key, label)
        .annotate(**FIGURE_SUMS)
        .order_by()
    ):
        figures = Figures.of(row)
        default = NO_TEAM if series_by == "team" else NO_SUPERVISOR
        line = series.setdefault(row[key], Series(row[key], row[label] or default))
        line.by_day[row["taken_on"]] = figures
        totals[row["taken_on"]].add(figures)

    by_team: dict[int | None, Row] = {}
    by_supervisor: list[Row] = []
    counted_at: datetime | None = None
    for row in (
        rows.filter(taken_on=latest)
        .values("team_id", "team__name", "supervisor_id", "supervisor__name", "supervisor__left_on")
        .annotate(**FIGURE_SUMS, counted_at=Max("computed_at"))
        .order_by()
    ):
        figures = Figures.of(row)
        counted_at = max(filter(None, (counted_at, row["counted_at"])), default=None)
        team_name = row["team__name"] or NO_TEAM
        by_supervisor.append(
            Row(
                team_id=row["team_id"],
                team=team_name,
                supervisor_id=row["supervisor_id"],
                supervisor=row["supervisor__name"] or NO_SUPERVISOR,
                figures=figures,
                team_link=scope.allows_team(row["team_id"]),
                supervisor_link=scope.allows_supervisor(row["supervisor_id"]),
                supervisor_left_on=row["supervisor__left_on"],
            )
        )
        team_row = by_team.setdefault(
            row["team_id"],
            Row(row["team_id"], team_name, team_link=scope.allows_team(row["team_id"])),
        )
        team_row.figures.add(figures)
    if supervisor_id is None:  # a supervisor's own page is one supervisor's part by design
        for _, partial_team in partial_teams(scope, [latest]):
            if partial_team in by_team:
                by_team[partial_team].partial = True

    rules = [
        RuleCounts(r["rule"], r["subjects"], r["overdue"], r["due_soon"])
        for r in rows.filter(taken_on=latest)
        .values("rule")
        .annotate(
            subjects=Coalesce(Sum("subjects"), 0),
            overdue=Coalesce(Sum("overdue"), 0),
            due_soon=Coalesce(Sum("due_soon"), 0),
        )
        .order_by()
    ]

    ordered = sorted(series.values(), key=lambda s: (-s.latest(latest).supervisees, s.label))
    return Compliance(
        days=days,
        totals=totals,
        series=ordered,
        by_team=list(by_team.values()),
        by_supervisor=by_supervisor,
        rules=rules,
        counted_at=counted_at,
    )


# --- sorting the tables by query string -------------------------------------------------------

SORTS: dict[str, Any] = {
    "team": lambda r: (r.team.casefold(), r.supervisor.casefold()),
    "supervisor": lambda r: (r.supervisor.casefold(), r.team.casefold()),
    "supervisees": lambda r: r.figures.supervisees,
    "overdue": lambda r: r.figures.overdue_supervision,
    "children": lambda r: r.figures.children_overdue,
    "records": lambda r: r.figures.records_outstanding,
    # Teams with nobody to supervise have no percentage: they go last either way.
    "compliance": lambda r: (r.figures.compliance is None, r.figures.compliance or 0),
}
DEFAULT_SORT = "compliance"


def parse_sort(value: str | None) -> tuple[str, bool]:
    """`?sort=overdue` or `?sort=-overdue` to (column, descending); unknown gives the default."""
    value = (value or "").strip()
    descending = value.startswith("-")
    column = value.lstrip("-")
    if column not in SORTS:
        return DEFAULT_SORT, False
    return column, descending


def sort_rows(rows: list[Row], column: str, descending: bool) -> list[Row]:
    """Rows with no figure at all are left out; the rest sorted (ties by team name)."""
    by_name = sorted((r for r in rows if r.figures.anything), key=SORTS["team"])
    if column == "compliance":
        # Missing percentages stay at the end whichever way the column is sorted.
        present = [r for r in by_name if r.figures.compliance is not None]
        missing = [r for r in by_name if r.figures.compliance is None]
        return sorted(present, key=SORTS[column], reverse=descending) + missing
    return sorted(by_name, key=SORTS[column], reverse=descending)


# --- the tables over a period, for the exports -----------------------------------------------


@dataclass(slots=True)
class PeriodTables:
    days: list[date]
    by_team: list[tuple[date, Row]]
    by_supervisor: list[tuple[date, Row]]


def period_tables(scope: ComplianceScope, months: int = DEFAULT_PERIOD) -> PeriodTables:
    """The by-team and by-supervisor tables on each day of the period (three queries)."""
    days = snapshot_days(scope.organisation_id, months)
    teams: dict[tuple[date, int | None], Row] = {}
    supervisors: list[tuple[date, Row]] = []
    for row in (
        ComplianceSnapshot.objects.filter(scope.rows(), taken_on__in=days)
        .values("taken_on", "team_id", "team__name", "supervisor_id", "supervisor__name")
        .annotate(**FIGURE_SUMS)
        .order_by()
    ):
        day, figures = row["taken_on"], Figures.of(row)
        team_name = row["team__name"] or NO_TEAM
        supervisors.append(
            (
                day,
                Row(
                    row["team_id"],
                    team_name,
                    row["supervisor_id"],
                    row["supervisor__name"] or NO_SUPERVISOR,
                    figures,
                ),
            )
        )
        teams.setdefault((day, row["team_id"]), Row(row["team_id"], team_name)).figures.add(figures)
    for key in partial_teams(scope, days):
        if key in teams:
            teams[key].partial = True
    by_team = sorted(
        ((day, r) for (day, _), r in teams.items()), key=lambda x: (x[0], *SORTS["team"](x[1]))
    )
    by_supervisor = sorted(supervisors, key=lambda x: (x[0], *SORTS["team"](x[1])))
    return PeriodTables(days=days, by_team=by_team, by_supervisor=by_supervisor)
