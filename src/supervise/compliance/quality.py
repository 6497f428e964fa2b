"""Reflective quality of case discussions: what share of the case discussions written in
supervision record what the authority's case template asks for (the child's voice, reflection
and analysis, direction of risk, what needs to happen, equality and diversity, decisions).

Ofsted's recurring finding is case oversight that is a task list instead of reflection; these
are the records' own words, counted (never read out) for the scope's supervision over a period,
by team. Imported discussions (the case-management export says a child was discussed, not what
was said) and notes outside sessions are left out: they have no template to fill."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from supervise.compliance.scope import ComplianceScope
from supervise.policy.dates import add_months
from supervise.policy.pack import Pack
from supervise.sessions.models import CaseDiscussion, Session

NO_TEAM = "No team recorded"


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    label: str
    section: str  # the case template section that asks for it ("" = every authority)
    recorded: Q  # the discussion records it


def _written(name: str) -> Q:
    return ~Q(**{name: ""})


INDICATORS = (
    Indicator("childs_voice", "The child's voice", "recording_elements",
              _written("childs_voice")),
    Indicator("reflection", "Reflection and analysis", "reflective_cycle",
              _written("reflection") & _written("analysis")),
    Indicator("risk", "Direction of risk", "recording_elements", _written("direction_of_risk")),
    Indicator("needs", "What needs to happen", "signs_of_safety", _written("needs_to_happen")),
    Indicator("equality", "Equality and diversity", "equality_and_diversity",
              _written("equality_and_diversity")),
    Indicator("decisions", "Decisions", "", _written("decisions")),
)  # fmt: skip


def indicators_for(pack: Pack) -> tuple[Indicator, ...]:
    sections = set(pack.recording.case_sections) if pack.recording else set()
    return tuple(i for i in INDICATORS if not i.section or i.section in sections)


@dataclass(slots=True)
class QualityRow:
    team: str
    discussions: int
    recorded: dict[str, int] = field(default_factory=dict)

    def share(self, key: str) -> float | None:
        return self.recorded.get(key, 0) / self.discussions if self.discussions else None


@dataclass(slots=True)
class Quality:
    since: date
    until: date
    indicators: tuple[Indicator, ...]
    rows: list[QualityRow]
    total: QualityRow


def discussion_quality(scope: ComplianceScope, pack: Pack, today: date, months: int) -> Quality:
    """By team (the supervisee's, or a group's facilitator's), one query."""
    since = add_months(today, -months)
    indicators = indicators_for(pack)
    discussions = CaseDiscussion.objects.filter(
        organisation_id=scope.organisation_id,
        session__status="held",
        session__kind__in=[Session.Kind.FORMAL, Session.Kind.GROUP],
        session__held_on__gt=since,
        session__held_on__lte=today,
        case_note__isnull=False,  # written in Supervise, with its words
    )
    if not scope.org_wide:
        discussions = discussions.filter(session__supervisor_id__in=scope.supervisors)
    # Prefixed: an annotation may not share a field's name (childs_voice, decisions...).
    sums = {f"has_{i.key}": Count("pk", filter=i.recorded) for i in indicators}
    by_team: dict[str, QualityRow] = {}
    for row in (
        discussions.values("session__supervisee__team__name", "session__supervisor__team__name")
        .annotate(n=Count("pk"), **sums)
        .order_by()
    ):
        name = (
            row["session__supervisee__team__name"]
            or row["session__supervisor__team__name"]
            or NO_TEAM
        )
        line = by_team.setdefault(name, QualityRow(name, 0))
        line.discussions += row["n"]
        for indicator in indicators:
            got = row[f"has_{indicator.key}"]
            line.recorded[indicator.key] = line.recorded.get(indicator.key, 0) + got
    total = QualityRow("All teams", sum(r.discussions for r in by_team.values()))
    for indicator in indicators:
        key = indicator.key
        total.recorded[key] = sum(r.recorded.get(key, 0) for r in by_team.values())
    rows = sorted(by_team.values(), key=lambda r: r.team.casefold())
    return Quality(since=since, until=today, indicators=indicators, rows=rows, total=total)
