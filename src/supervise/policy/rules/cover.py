"""C3 `supervisor_absence_cover`: a cover line when the supervisor is away too long."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from supervise.policy.findings import Duty
from supervise.policy.pack import SupervisorAbsenceCover
from supervise.policy.situation import Situation


def supervisor_absence_cover(s: Situation, rule: SupervisorAbsenceCover) -> Iterator[Duty]:
    threshold = rule.absent_longer_than_days
    for staff in s.staff.values():
        if not s.pack.covers(staff.role) or not s.in_post(staff):
            continue
        line = s.usual_line(staff.staff_id)
        if line is None:
            continue
        supervisor_id = line.supervisor_id
        dues = []
        for absence in s.absences_of.get(supervisor_id, ()):
            if not absence.covers(s.as_of) or (rule.unplanned_only and absence.planned):
                continue
            # Only when the absence is known to be longer than the threshold.
            last_day = absence.ends_on if absence.ends_on is not None else s.as_of
            if (last_day - absence.starts_on).days + 1 <= threshold:
                continue
            due_on = absence.starts_on + timedelta(days=threshold + rule.cover_within_days)
            dues.append((due_on, absence))
        if not dues or s.cover_line(staff.staff_id) is not None:
            continue
        due_on, absence = min(dues, key=lambda d: d[0])
        yield Duty(
            rule="supervisor_absence_cover",
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=due_on,
            source=rule.source,
            facts={
                "supervisor_id": supervisor_id,
                "supervisor_absent_from": absence.starts_on,
                "supervisor_absent_to": absence.ends_on,
                "absence_planned": absence.planned,
                "threshold_days": threshold,
                "cover_within_days": rule.cover_within_days,
            },
        )
