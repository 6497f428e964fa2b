"""The engine's input read from the database: the same `Dataset` the interchange reader builds.

One query per table (never per row), using the external ids the engine and the interchange speak
in. With `scope`, only what the rules need to judge those staff and their children is read, so
that a team's page does not read the whole authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connections
from django.db.models import F, Func, Q, QuerySet, TextField

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.cases.models import Allocation, Child, ChildStatus
from supervise.organisations.models import Organisation
from supervise.people.models import Absence, StaffEvent, StaffMember, SupervisionLine
from supervise.policy import model as m
from supervise.policy.dates import Interval
from supervise.policy.gc_pause import cyclic_gc_paused
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
    """Staff (database ids) whose duties are wanted, the children allocated to them, and the
    supervisors whose sessions are wanted whoever they were with: a finding about a session
    (its record, its sign-off, a group's entries on children's records) belongs to the
    session's supervisor, also after the supervisee has moved on or left."""

    staff: set[int]
    children: set[int] = field(default_factory=set)
    supervisors: set[int] = field(default_factory=set)


def scope_for(  # type: ignore[no-untyped-def]
    organisation: Organisation,
    staff_ids: Iterable[int],
    as_of,
    *,
    supervisors: Iterable[int] = (),
) -> Scope:
    staff = set(staff_ids)
    children = set(
        Allocation.objects.filter(organisation=organisation, staff_id__in=staff)
        .filter(starts_on__lte=as_of)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=as_of))
        .values_list("child_id", flat=True)
    )
    return Scope(staff=staff, children=children, supervisors=set(supervisors))


def dataset_from_db(organisation: Organisation, scope: Scope | None = None) -> m.Dataset:
    with cyclic_gc_paused():
        return _dataset_from_db(organisation, scope)


def _dataset_from_db(organisation: Organisation, scope: Scope | None) -> m.Dataset:
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
        led_by = set(
            StaffMember.objects.filter(organisation=org, id__in=scope.supervisors).values_list(
                "id", flat=True
            )
        )
        # Everyone `led_by` has supervised is read in full (lines, absences, sessions): the
        # rules about a session look at the supervisee's other sessions (was a cancelled one
        # rescheduled, with whoever supervises them now?). Their own duties are not wanted:
        # they belong to their present supervisors, and the callers keep to their owners.
        people |= set(
            Session.objects.filter(supervisor_id__in=led_by, supervisee_id__isnull=False)
            .values_list("supervisee_id", flat=True)
            .distinct()
            .order_by()
        )
        lines_q = SupervisionLine.objects.filter(
            Q(supervisee_id__in=people) | Q(supervisor_id__in=people)
        )
        discussed_in = CaseDiscussion.objects.filter(child_id__in=children).values("session_id")
        # Sessions of `people`'s children led by others, and groups led by `led_by`: their
        # supervisors and supervisees are read too, for their names and teams.
        others = Session.objects.filter(id__in=discussed_in).exclude(supervisee_id__in=people)
        groups = Session.objects.filter(supervisor_id__in=led_by, supervisee_id__isnull=True)
        named = {
            pk
            for pair in others.order_by().values_list("supervisor_id", "supervisee_id")
            for pk in pair
            if pk is not None
        }
        supervisors = set(lines_q.values_list("supervisor_id", flat=True))
        around = people | supervisors | named | led_by
        staff_q = StaffMember.objects.filter(id__in=around)
        absences_q = Absence.objects.filter(staff_id__in=around)
        events_q = StaffEvent.objects.filter(staff_id__in=people)
        agreements_q = Agreement.objects.filter(supervisee_id__in=people).exclude(
            status=AgreementStatus.DRAFT
        )
        children_q = Child.objects.filter(id__in=children)
        statuses_q = ChildStatus.objects.filter(child_id__in=children)
        allocations_q = Allocation.objects.filter(child_id__in=children)
        own_sessions = Session.objects.filter(
            Q(supervisee_id__in=people) | Q(supervisor_id__in=led_by, supervisee_id__isnull=True)
        ).values("id")
        # Separate queries, not one OR: each then uses its own index (merged below); the
        # parts do not overlap.
        sessions_parts = [
            Session.objects.filter(supervisee_id__in=people),
            others,
            groups.exclude(id__in=discussed_in),
        ]
        discussions_parts = [
            CaseDiscussion.objects.filter(child_id__in=children),
            CaseDiscussion.objects.filter(session_id__in=own_sessions).exclude(
                child_id__in=children
            ),
        ]
        observations_q = Observation.objects.filter(observed_id__in=people)

    # The whole organisation: rows name each other by database id, turned into external ids
    # from the staff, children and sessions read here, instead of a join per reference (the
    # joins were most of the time on a large authority: `make bench`). For a scope, rows can
    # name staff and children outside it, so the joins stay (few rows).
    joined = scope is not None
    staff_ext: dict[Any, Any] = _Same() if joined else {None: None}
    child_ext: dict[Any, Any] = _Same() if joined else {}
    session_ext: dict[Any, Any] = _Same() if joined else {}

    def ref(fk: str) -> str:
        return f"{fk}__external_id" if joined else f"{fk}_id"

    day = _Days()
    for row in _values(
        staff_q,
        "id",
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
        pk, external_id, name, role, started_on, email, team, contract, hours, qualified = row[:10]
        asye, left_on, trained_on, archived_on, destroyed_on = row[10:]
        if not joined:
            staff_ext[pk] = external_id
        data.staff.append(
            m.Staff(
                external_id, name, role, day[started_on], email or None, team, contract, hours,
                day[qualified], bool(asye), day[left_on], day[trained_on], day[archived_on],
                day[destroyed_on],
            )
        )  # fmt: skip
    for supervisee, supervisor, starts_on, ends_on, cover in _values(
        lines_q, ref("supervisee"), ref("supervisor"), "starts_on", "ends_on", "cover"
    ):
        data.supervision_lines.append(
            m.SupervisionLine(
                staff_ext[supervisee], staff_ext[supervisor], day[starts_on], day[ends_on],
                bool(cover),
            )
        )  # fmt: skip
    for staff, starts_on, reason, ends_on, planned in _values(
        absences_q, ref("staff"), "starts_on", "reason", "ends_on", "planned"
    ):
        data.absences.append(
            m.Absence(staff_ext[staff], day[starts_on], reason, day[ends_on], bool(planned))
        )
    for staff, on, kind, note in _values(events_q, ref("staff"), "on", "kind", "note"):
        data.events.append(m.StaffEvent(staff_ext[staff], day[on], kind, note or None))
    for agreement_id, supervisee, supervisor, supervisee_on, supervisor_on, frequency in _values(
        agreements_q,
        "external_id",
        ref("supervisee"),
        ref("supervisor"),
        "supervisee_signed_on",
        "supervisor_signed_on",
        "frequency",
    ):
        data.agreements.append(
            m.Agreement(
                agreement_id, staff_ext[supervisee], staff_ext[supervisor], day[supervisee_on],
                day[supervisor_on], _interval(frequency),
            )
        )  # fmt: skip
    for row in _values(
        children_q,
        "id",
        "external_id",
        "opened_on",
        "name",
        "born_on",
        "closed_on",
        "service",
        "particularly_vulnerable",
        "risk_rating",
        "agreed_interval",
        ref("agreed_by"),
        "permanence_plan_on",
    ):
        pk, child_id, opened_on, name, born_on, closed_on, service, vulnerable = row[:8]
        risk, agreed, agreed_by, plan_on = row[8:]
        if not joined:
            child_ext[pk] = child_id
        data.children.append(
            m.Child(
                child_id, day[opened_on], name or None, day[born_on], day[closed_on],
                service or None, bool(vulnerable), risk or None, _interval(agreed),
                staff_ext[agreed_by], day[plan_on],
            )
        )  # fmt: skip
    for child, status, starts_on, ends_on in _values(
        statuses_q, ref("child"), "status", "starts_on", "ends_on"
    ):
        data.child_statuses.append(
            m.ChildStatus(child_ext[child], status, day[starts_on], day[ends_on])
        )
    for child, staff, starts_on, ends_on in _values(
        allocations_q, ref("child"), ref("staff"), "starts_on", "ends_on"
    ):
        data.allocations.append(
            m.Allocation(child_ext[child], staff_ext[staff], day[starts_on], day[ends_on])
        )
    fields = ("id", *SESSION_FIELDS)
    if not joined:
        fields = tuple(f.replace("__external_id", "_id") for f in fields)
    for part in sessions_parts:
        for row in _values(part, *fields):
            pk, session_id, kind, supervisor, status, supervisee, scheduled, held = row[:8]
            minutes, by, reason, completed, supervisor_on, supervisee_on, finalised = row[8:]
            if not joined:
                session_ext[pk] = session_id
            data.sessions.append(
                m.Session(
                    session_id, kind, staff_ext[supervisor], status, staff_ext[supervisee],
                    day[scheduled], day[held], minutes, by or None, reason or None,
                    day[completed], day[supervisor_on], day[supervisee_on], day[finalised],
                )
            )  # fmt: skip
    for part in discussions_parts:
        for session, child, recorded_on in _values(
            part, ref("session"), ref("child"), "recorded_on"
        ):
            data.case_discussions.append(
                m.CaseDiscussion(session_ext[session], child_ext[child], day[recorded_on])
            )
    for observation_id, kind, observer, observed, on in _values(
        observations_q, "external_id", "kind", ref("observer"), ref("observed"), "on"
    ):
        data.observations.append(
            m.Observation(observation_id, kind, staff_ext[observer], staff_ext[observed], day[on])
        )
    return data


class _Same(dict[Any, Any]):
    """The identity mapping: with joins, rows already carry external ids."""

    def __missing__(self, key: Any) -> Any:
        return key


class _Days(dict[Any, "date | None"]):
    """A date column's value (text on SQLite, a date on PostgreSQL, or None) -> the date,
    each distinct value parsed once: a large authority has a million dates over a few
    thousand days."""

    def __missing__(self, key: Any) -> date | None:
        value = key if key is None or isinstance(key, date) else date.fromisoformat(key)
        self[key] = value
        return value


_AS_STORED = ("DateField", "BooleanField")


def _values(queryset: QuerySet[Any], *fields: str) -> QuerySet[Any]:
    """`values_list(*fields)`, with SQLite's dates and booleans read as stored.

    SQLite would turn each date into a date object twice over, by the column's declared type
    (sqlite3's converter) and by Django's converters: a second and more for a million dates.
    `+column` is the same value with no declared type, so neither runs, and `_Days` parses each
    distinct date once. PostgreSQL's driver already gives dates and booleans."""
    if connections[queryset.db].vendor != "sqlite":
        return queryset.values_list(*fields)
    meta = queryset.model._meta
    columns: list[Any] = []
    for name in fields:
        if "__" not in name and meta.get_field(name).get_internal_type() in _AS_STORED:
            columns.append(Func(F(name), template="+%(expressions)s", output_field=TextField()))
        else:
            columns.append(name)
    return queryset.values_list(*columns)
