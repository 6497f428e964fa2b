"""The engine's findings and duties for what a viewer may see, read with `dataset_from_db`.

The engine reads a scoped dataset (the people and their children, plus the supervisors around
them that the rules need); the findings are then kept to subjects inside the scope, so that a
worker does not see their own supervisor's training duty because the dataset held the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from supervise.accounts.access import Viewer
from supervise.cases.models import Child
from supervise.compliance.dataset import Scope, dataset_from_db, scope_for
from supervise.organisations.models import Organisation
from supervise.people.models import StaffMember
from supervise.policy.engine import duties, evaluate
from supervise.policy.findings import DEFAULT_SOON_DAYS, status_of
from supervise.policy.rules import RULES
from supervise.sessions.models import Session

NOT_DUE_YET = "not_due_yet"


@dataclass(frozen=True, slots=True)
class Subjects:
    """External ids of the subjects inside a scope (three queries)."""

    staff: frozenset[str]
    children: frozenset[str]
    sessions: frozenset[str]

    @classmethod
    def of(cls, organisation: Organisation, scope: Scope) -> Subjects:
        people = scope.staff
        return cls(
            staff=frozenset(
                StaffMember.objects.filter(organisation=organisation, pk__in=people).values_list(
                    "external_id", flat=True
                )
            ),
            children=frozenset(
                Child.objects.filter(organisation=organisation, pk__in=scope.children).values_list(
                    "external_id", flat=True
                )
            ),
            sessions=frozenset(
                Session.objects.filter(organisation=organisation)
                .filter(Q(supervisee_id__in=people) | Q(supervisor_id__in=people))
                .values_list("external_id", flat=True)
            ),
        )

    def include(self, subject_type: str, subject_id: str) -> bool:
        if subject_type == "staff":
            return subject_id in self.staff
        if subject_type == "child":
            return subject_id in self.children
        if subject_type == "session":
            return subject_id in self.sessions
        if subject_type == "case_discussion":
            session_id, _, child_id = subject_id.partition("/")
            return session_id in self.sessions or child_id in self.children
        return False


def team_of(viewer: Viewer) -> set[int]:
    """The viewer and everyone in their line-management chain below them, today."""
    if viewer.staff is None:
        return set()
    return {viewer.staff.pk} | viewer.below()


def findings_for(
    organisation: Organisation, staff_ids: set[int] | None, as_of: date, rule: str | None
) -> list[dict[str, Any]]:
    """Findings (overdue or due soon) as the CLI report writes them; `staff_ids=None` is the
    whole organisation."""
    if staff_ids is None:
        dataset, subjects = dataset_from_db(organisation), None
    else:
        # Sessions these people led are theirs too (with people since moved or left).
        scope = scope_for(organisation, staff_ids, as_of, supervisors=staff_ids)
        dataset, subjects = dataset_from_db(organisation, scope), Subjects.of(organisation, scope)
    return [
        finding.to_json()
        for finding in evaluate(dataset, organisation.pack, as_of)
        if (rule is None or finding.rule == rule)
        and (subjects is None or subjects.include(finding.subject_type, finding.subject_id))
    ]


def duties_of(organisation: Organisation, staff: StaffMember, as_of: date) -> list[dict[str, Any]]:
    """Every unmet duty about a person: theirs, their own sessions' records and the children
    allocated to them, however far off; each with its status on `as_of`."""
    scope = scope_for(organisation, [staff.pk], as_of, supervisors=[staff.pk])
    subjects = Subjects.of(organisation, scope)
    found = []
    for duty in duties(dataset_from_db(organisation, scope), organisation.pack, as_of):
        if not subjects.include(duty.subject_type, duty.subject_id):
            continue
        finding = duty.as_finding(status_of(duty.due_on, as_of, DEFAULT_SOON_DAYS) or NOT_DUE_YET)
        rule = RULES[duty.rule]
        found.append({**finding.to_json(), "rule_number": rule.number, "rule_title": rule.title})
    found.sort(key=lambda d: (d["due_on"], d["rule"], d["subject"]["id"]))
    return found
