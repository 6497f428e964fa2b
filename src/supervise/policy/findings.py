"""Findings: duties that are overdue or due soon on `as_of` (RULES.md section 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from supervise.policy.pack import Source

OVERDUE = "overdue"
DUE_SOON = "due_soon"
DEFAULT_SOON_DAYS = 7

Facts = dict[str, Any]


@dataclass(slots=True)
class Duty:
    """An unmet duty a rule found: who or what it is about, when it is due, and why."""

    rule: str
    subject_type: str  # staff | child | session | case_discussion
    subject_id: str
    due_on: date
    source: Source
    facts: Facts = field(default_factory=dict)

    def as_finding(self, status: str) -> Finding:
        return Finding(
            rule=self.rule,
            status=status,
            subject_type=self.subject_type,
            subject_id=self.subject_id,
            due_on=self.due_on,
            source=self.source,
            facts=self.facts,
        )


@dataclass(slots=True)
class Finding:
    rule: str
    status: str
    subject_type: str
    subject_id: str
    due_on: date
    source: Source
    facts: Facts

    @property
    def sort_key(self) -> tuple[date, str, str]:
        return (self.due_on, self.rule, self.subject_id)

    def days_overdue(self, as_of: date) -> int:
        return (as_of - self.due_on).days

    def to_json(self) -> dict[str, Any]:
        facts = {key: _plain(value) for key, value in self.facts.items()}
        if self.source.quote:
            facts["policy_says"] = self.source.quote
        if self.source.note:
            facts["policy_note"] = self.source.note
        return {
            "rule": self.rule,
            "status": self.status,
            "subject": {"type": self.subject_type, "id": self.subject_id},
            "due_on": self.due_on.isoformat(),
            "facts": facts,
            "source": self.source.label,
        }


def status_of(due_on: date, as_of: date, soon_days: int) -> str | None:
    """`overdue` when as_of > due_on; `due_soon` when due in 0..soon_days days; else nothing."""
    if as_of > due_on:
        return OVERDUE
    if (due_on - as_of).days <= soon_days:
        return DUE_SOON
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
