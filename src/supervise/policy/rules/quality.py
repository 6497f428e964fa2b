"""Quality assurance and supervisor development: Q1 `observation_of_supervision`,
Q2 `observation_of_practice`, T1 `supervisor_training`, D1 `appraisal`."""

from __future__ import annotations

from collections.abc import Iterator

from supervise.policy.findings import Duty
from supervise.policy.pack import Every, Within
from supervise.policy.situation import Situation


def observation_of_supervision(s: Situation, rule: Every) -> Iterator[Duty]:
    # About supervisors: anyone with a usual line in force today as supervisor (not `covers`).
    for staff in s.staff.values():
        if not s.in_post(staff) or not s.supervises_today(staff.staff_id):
            continue
        first = s.first_supervised_on(staff.staff_id)
        assert first is not None
        observations = s.observations_of.get((staff.staff_id, "supervision"), [])
        last = max((o.on for o in observations), default=None)
        reference = max(first, last) if last else first
        yield Duty(
            rule="observation_of_supervision",
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=rule.every.after(reference),
            source=rule.source,
            facts={
                "last_observed_on": last,
                "first_supervised_on": first,
                "interval": str(rule.every),
            },
        )


def observation_of_practice(s: Situation, rule: Every) -> Iterator[Duty]:
    for staff in s.staff.values():
        if not s.pack.covers(staff.role) or not s.in_post(staff):
            continue
        line = s.usual_line(staff.staff_id)
        if line is None:
            continue
        # By their supervisor (RULES.md Q2; unlike Q1, not by anyone): someone who supervised
        # them, by a usual or a cover line, on the day of the observation.
        observations = s.observations_of.get((staff.staff_id, "practice"), [])
        last = max(
            (o.on for o in observations if s.supervised_by_on(staff.staff_id, o.observer_id, o.on)),
            default=None,
        )
        reference = max(line.starts_on, last) if last else line.starts_on
        yield Duty(
            rule="observation_of_practice",
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=rule.every.after(reference),
            source=rule.source,
            facts={
                "last_observed_on": last,
                "line_from": line.starts_on,
                "supervisor_id": line.supervisor_id,
                "interval": str(rule.every),
            },
        )


def supervisor_training(s: Situation, rule: Within) -> Iterator[Duty]:
    for staff in s.staff.values():
        if not s.in_post(staff) or not s.supervises_today(staff.staff_id):
            continue
        trained = staff.supervisor_training_on
        if trained is not None and trained <= s.as_of:
            continue
        first = s.first_supervised_on(staff.staff_id)
        assert first is not None
        yield Duty(
            rule="supervisor_training",
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=rule.within.after(first),
            source=rule.source,
            facts={"first_supervised_on": first, "within": str(rule.within)},
        )


def appraisal(s: Situation, rule: Every) -> Iterator[Duty]:
    for staff in s.staff.values():
        if not s.pack.covers(staff.role) or not s.in_post(staff):
            continue
        if s.any_line(staff.staff_id) is None:
            continue
        last = s.latest_event(staff.staff_id, ("appraisal",))
        reference = max(last.on, staff.started_on) if last else staff.started_on
        yield Duty(
            rule="appraisal",
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=rule.every.after(reference),
            source=rule.source,
            facts={
                "last_appraisal_on": last.on if last else None,
                "started_on": staff.started_on,
                "interval": str(rule.every),
            },
        )
