"""The engine's input read from the database: the same `Dataset` the interchange reader builds.

One query per table (never per row), using the external ids the engine and the interchange speak
in. With `scope`, only what the rules need to judge those staff and their children is read, so
that a team's page does not read the whole authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.cases.models import Allocation, Child, ChildStatus
from supervise.organisations.models import Organisation
from supervise.people.models import Absence, StaffEvent, StaffMember, SupervisionLine
from supervise.policy import model as m
from supervise.policy.dates import Interval
from supervise.quality.models import Observation
from supervise.sessions.models import CaseDiscussion, Session


def _interval(text: str) -> Interval | None:
    if not text:
        return None
    try:
        return Interval.parse(text)
    except ValueError:
        return None


SESSION_FIELDS = (
    "external_id", "kind", "supervisor__external_id", "status", "supervisee__external_id",
    "scheduled_on", "held_on", "duration_minutes", "cancelled_by", "cancel_reason",
    "record_completed_on", "supervisor_signed_on", "supervisee_signed_on", "finalised_on",
)  # fmt: skip


@dataclass(slots=True)
class Scope:
    """Staff (database ids) whose duties are wanted, and the children allocated to them."""

    staff: set[int]
    children: set[int] = field(default_factory=set)


def scope_for(organisation: Organisation, staff_ids: Iterable[int], as_of) -> Scope:  # type: ignore[no-untyped-def]
    staff = set(staff_ids)
    children = set(
        Allocation.objects.filter(organisation=organisation, staff_id__in=staff)
        .filter(starts_on__lte=as_of)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=as_of))
        .values_list("child_id", flat=True)
    )
    return Scope(staff=staff, children=children)


def dataset_from_db(organisation: Organisation, scope: Scope | None = None) -> m.Dataset:
    org = organisation
    data = m.Dataset()

    staff_q = StaffMember.objects.filter(organisation=org)
    lines_q = SupervisionLine.objects.filter(organisation=org)
    absences_q = Absence.objects.filter(organisation=org)
    events_q = StaffEvent.objects.filter(organisation=org)
    agreements_q = Agreement.objects.filter(organisation=org).exclude(status=AgreementStatus.DRAFT)
    children_q = Child.objects.filter(organisation=org)
    statuses_q = ChildStatus.objects.filter(organisation=org)
    allocations_q = Allocation.objects.filter(organisation=org)
    sessions_q = Session.objects.filter(organisation=org)
    discussions_q = CaseDiscussion.objects.filter(organisation=org)
    observations_q = Observation.objects.filter(organisation=org)
    sessions_parts = [sessions_q]
    discussions_parts = [discussions_q]

    if scope is not None:
        # Selected by the ids of the scope, which come from this organisation's own rows, and
        # not also by organisation: that second condition leads SQLite to scan the whole
        # organisation's rows by its index instead of using the ids' (make bench measures it).
        people = set(
            StaffMember.objects.filter(organisation=org, id__in=scope.staff).values_list(
                "id", flat=True
            )
        )
        children = set(
            Child.objects.filter(organisation=org, id__in=scope.children).values_list(
                "id", flat=True
            )
        )
        lines_q = SupervisionLine.objects.filter(
            Q(supervisee_id__in=people) | Q(supervisor_id__in=people)
        )
        supervisors = set(lines_q.values_list("supervisor_id", flat=True))
        around = people | supervisors
        staff_q = StaffMember.objects.filter(id__in=around)
        absences_q = Absence.objects.filter(staff_id__in=around)
        events_q = StaffEvent.objects.filter(staff_id__in=people)
        agreements_q = Agreement.objects.filter(supervisee_id__in=people).exclude(
            status=AgreementStatus.DRAFT
        )
        children_q = Child.objects.filter(id__in=children)
        statuses_q = ChildStatus.objects.filter(child_id__in=children)
        allocations_q = Allocation.objects.filter(child_id__in=children)
        own_sessions = Session.objects.filter(supervisee_id__in=people).values("id")
        discussed_in = CaseDiscussion.objects.filter(child_id__in=children).values("session_id")
        # Two queries each, not one OR: each then uses its own index (merged below).
        sessions_parts = [
            Session.objects.filter(supervisee_id__in=people),
            Session.objects.filter(id__in=discussed_in).exclude(supervisee_id__in=people),
        ]
        discussions_parts = [
            CaseDiscussion.objects.filter(child_id__in=children),
            CaseDiscussion.objects.filter(session_id__in=own_sessions).exclude(
                child_id__in=children
            ),
        ]
        observations_q = Observation.objects.filter(observed_id__in=people)

    for row in staff_q.values_list(
        "external_id",
        "name",
        "role",
        "started_on",
        "email",
        "team__name",
        "contract",
        "hours",
        "qualified_on",
        "asye",
        "left_on",
        "supervisor_training_on",
        "file_archived_on",
        "file_destroyed_on",
    ):
        external_id, name, role, started_on, email, team, *rest = row
        data.staff.append(m.Staff(external_id, name, role, started_on, email or None, team, *rest))
    for row in lines_q.values_list(
        "supervisee__external_id", "supervisor__external_id", "starts_on", "ends_on", "cover"
    ):
        data.supervision_lines.append(m.SupervisionLine(*row))
    for staff_id, starts_on, reason, ends_on, planned in absences_q.values_list(
        "staff__external_id", "starts_on", "reason", "ends_on", "planned"
    ):
        data.absences.append(m.Absence(staff_id, starts_on, reason, ends_on, planned))
    for staff_id, on, kind, note in events_q.values_list(
        "staff__external_id", "on", "kind", "note"
    ):
        data.events.append(m.StaffEvent(staff_id, on, kind, note or None))
    for row in agreements_q.values_list(
        "external_id",
        "supervisee__external_id",
        "supervisor__external_id",
        "supervisee_signed_on",
        "supervisor_signed_on",
        "frequency",
    ):
        *head, frequency = row
        data.agreements.append(m.Agreement(*head, _interval(frequency)))
    for row in children_q.values_list(
        "external_id",
        "opened_on",
        "name",
        "born_on",
        "closed_on",
        "service",
        "particularly_vulnerable",
        "risk_rating",
        "agreed_interval",
        "agreed_by__external_id",
        "permanence_plan_on",
    ):
        (
            child_id,
            opened_on,
            name,
            born_on,
            closed_on,
            service,
            vulnerable,
            risk,
            agreed,
            agreed_by,
            plan_on,
        ) = row
        data.children.append(
            m.Child(
                child_id,
                opened_on,
                name or None,
                born_on,
                closed_on,
                service or None,
                vulnerable,
                risk or None,
                _interval(agreed),
                agreed_by,
                plan_on,
            )
        )
    for row in statuses_q.values_list("child__external_id", "status", "starts_on", "ends_on"):
        data.child_statuses.append(m.ChildStatus(*row))
    for row in allocations_q.values_list(
        "child__external_id", "staff__external_id", "starts_on", "ends_on"
    ):
        data.allocations.append(m.Allocation(*row))
    session_rows = (row for part in sessions_parts for row in part.values_list(*SESSION_FIELDS))
    for row in session_rows:
        (
            session_id,
            kind,
            supervisor,
            status,
            supervisee,
            scheduled,
            held,
            minutes,
            by,
            reason,
            *dates,
        ) = row
        data.sessions.append(
            m.Session(
                session_id,
                kind,
                supervisor,
                status,
                supervisee,
                scheduled,
                held,
                minutes,
                by or None,
                reason or None,
                *dates,
            )
        )
    for part in discussions_parts:
        for row in part.values_list("session__external_id", "child__external_id", "recorded_on"):
            data.case_discussions.append(m.CaseDiscussion(*row))
    for row in observations_q.values_list(
        "external_id", "kind", "observer__external_id", "observed__external_id", "on"
    ):
        data.observations.append(m.Observation(*row))
    return data
