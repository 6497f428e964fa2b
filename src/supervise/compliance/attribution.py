"""Whose is a duty? Every finding is attributed to a team and a supervisor, so that compliance
can be shown by team and by supervisor and each team manager sees their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supervise.policy.findings import Duty
from supervise.policy.model import Dataset


@dataclass(frozen=True, slots=True)
class Owner:
    team: str | None
    supervisor: str | None  # staff external id
    worker: str | None  # the staff member the duty is about or whose case it is


class Attribution:
    def __init__(self, dataset: Dataset, as_of: date) -> None:
        self.team = {s.staff_id: s.team for s in dataset.staff}
        self.supervisor: dict[str, str] = {}
        for line in sorted(dataset.supervision_lines, key=lambda x: (x.cover, x.starts_on)):
            if line.starts_on <= as_of and (line.ends_on is None or line.ends_on >= as_of):
                # usual lines are sorted first, so a cover line never hides the usual one
                self.supervisor.setdefault(line.supervisee_id, line.supervisor_id)
        self.session_people = {
            s.session_id: (s.supervisee_id, s.supervisor_id) for s in dataset.sessions
        }

    def of_staff(self, staff_id: str) -> Owner:
        return Owner(self.team.get(staff_id), self.supervisor.get(staff_id), staff_id)

    def of(self, duty: Duty) -> Owner:
        if duty.subject_type == "staff":
            return self.of_staff(duty.subject_id)
        if duty.subject_type == "child":
            worker = duty.facts.get("allocated_to")
            return self.of_staff(worker) if worker else Owner(None, None, None)
        session_id = duty.subject_id.partition("/")[0]
        supervisee, supervisor = self.session_people.get(session_id, (None, None))
        if supervisee:
            return Owner(self.team.get(supervisee), supervisor, supervisee)
        return Owner(self.team.get(supervisor or ""), supervisor, None)
