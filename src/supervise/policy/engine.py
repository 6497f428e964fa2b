"""The compliance engine: a dataset, a pack and a day in; duties and findings out.

Pure Python and no Django: the web application and the command line both call `evaluate`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from supervise.policy.findings import DEFAULT_SOON_DAYS, Duty, Finding, status_of
from supervise.policy.gc_pause import cyclic_gc_paused
from supervise.policy.model import Dataset
from supervise.policy.pack import Pack
from supervise.policy.rules import RULES
from supervise.policy.situation import Situation


def duties(dataset: Dataset, pack: Pack, as_of: date) -> Iterator[Duty]:
    """Every unmet duty on `as_of`, however far off (dashboards show the next due date)."""
    situation = Situation(dataset, pack, as_of)
    for rule_id, config in pack.rules.items():
        yield from RULES[rule_id].evaluate(situation, config)


def evaluate(
    dataset: Dataset, pack: Pack, as_of: date, soon_days: int = DEFAULT_SOON_DAYS
) -> list[Finding]:
    """Findings (overdue or due within `soon_days`), sorted by due_on, rule, subject id."""
    findings = []
    with cyclic_gc_paused():
        for duty in duties(dataset, pack, as_of):
            status = status_of(duty.due_on, as_of, soon_days)
            if status is not None:
                findings.append(duty.as_finding(status))
    findings.sort(key=lambda f: f.sort_key)
    return findings


@dataclass(slots=True)
class Report:
    policy: str
    as_of: date
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "as_of": self.as_of.isoformat(),
            "findings": [finding.to_json() for finding in self.findings],
        }


def report(dataset: Dataset, pack: Pack, as_of: date, soon_days: int = DEFAULT_SOON_DAYS) -> Report:
    return Report(policy=pack.slug, as_of=as_of, findings=evaluate(dataset, pack, as_of, soon_days))
