"""Leavers' supervision files: R1 `file_archive` and R2 `file_destruction`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from supervise.policy.findings import Duty
from supervise.policy.pack import Within
from supervise.policy.situation import Situation


def _leavers(s: Situation) -> Iterator[tuple[str, date]]:
    for staff in s.staff.values():
        if staff.left_on is not None and staff.left_on <= s.as_of:
            yield staff.staff_id, staff.left_on


def file_archive(s: Situation, rule: Within) -> Iterator[Duty]:
    for staff_id, left_on in _leavers(s):
        archived = s.staff[staff_id].file_archived_on
        if archived is not None and archived <= s.as_of:
            continue
        yield Duty(
            rule="file_archive",
            subject_type="staff",
            subject_id=staff_id,
            due_on=rule.within.after(left_on),
            source=rule.source,
            facts={"left_on": left_on, "within": str(rule.within)},
        )


def file_destruction(s: Situation, rule: Within) -> Iterator[Duty]:
    for staff_id, left_on in _leavers(s):
        destroyed = s.staff[staff_id].file_destroyed_on
        if destroyed is not None and destroyed <= s.as_of:
            continue
        yield Duty(
            rule="file_destruction",
            subject_type="staff",
            subject_id=staff_id,
            due_on=destruction_date(left_on, rule),
            source=rule.source,
            facts={"left_on": left_on, "retention": str(rule.within)},
        )


def destruction_date(left_on: date, rule: Within) -> date:
    """The first day a leaver's file may be destroyed (the product refuses earlier)."""
    return rule.within.after(left_on)
