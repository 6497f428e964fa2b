"""The children a viewer may open, to find one or to take a sample: quality assurance and
inspectors (where the organisation grants them case records) see every child; a worker, their
own caseload; a manager, their management chain's. Decided as `Viewer.can_view_child` decides,
in queries (a page of 50 out of 50,000 costs 50)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role
from supervise.cases.models import Allocation, Child, ChildStatus
from supervise.cases.selectors import in_force
from supervise.sessions.models import CaseDiscussion

CHILDREN_PER_PAGE = 50


def sees_every_child(viewer: Viewer) -> bool:
    organisation = viewer.user.organisation
    return organisation is not None and viewer.has(*(organisation.case_record_roles or []))


def may_list_children(viewer: Viewer) -> bool:
    """Whether the Children list has anyone for this viewer today, decided as
    `children_visible` decides: a role the organisation grants children's records to (every
    child), else a caseload of their own or a management chain below them. (A granted senior
    manager or Assistant Director without either reads no child's record: the list is not
    offered to them; docs/decisions/0005-trust.md.)"""
    if sees_every_child(viewer):
        return True
    if viewer.staff is None:
        return False
    if viewer.has(Role.SUPERVISOR):  # someone below them today: their caseloads
        return True
    return Allocation.objects.filter(in_force(viewer.day), staff=viewer.staff).exists()


def children_visible(viewer: Viewer, today: date) -> QuerySet[Child]:
    """Every child the viewer may open today."""
    organisation_id = viewer.organisation_id
    if organisation_id is None:
        return Child.objects.none()
    children = Child.objects.filter(organisation_id=organisation_id)
    if sees_every_child(viewer):
        return children
    if viewer.staff is None:
        return Child.objects.none()
    workers = viewer.below() | {viewer.staff.pk}
    allocated = Allocation.objects.filter(in_force(today), staff_id__in=workers)
    return children.filter(pk__in=allocated.values("child_id"))


def children_found(
    viewer: Viewer, today: date, *, words: str = "", include_closed: bool = False
) -> QuerySet[Child]:
    """The visible children matching the words (in the name or the case number), by name."""
    children = children_visible(viewer, today)
    if not include_closed:
        children = children.filter(opened_on__lte=today).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=today)
        )
    for word in words.split():
        children = children.filter(Q(name__icontains=word) | Q(external_id__icontains=word))
    return children.order_by("name", "external_id")


@dataclass(slots=True)
class ChildListRow:
    child: Child
    worker: str | None
    team: str | None
    last_discussed_on: date | None
    statuses: list[str] = field(default_factory=list)
    worker_url: str | None = None


def child_list_rows(
    children: list[Child],
    today: date,
    *,
    linked_staff: frozenset[int] | set[int] = frozenset(),
    counted_kinds: frozenset[str] | None = None,
) -> list[ChildListRow]:
    """The rows of one page: worker and team today, circumstances today, last discussed in a
    held supervision session (three queries for the page, whatever its length). A worker's
    name links to their supervision page only for `linked_staff` (the people the viewer
    supervises or manages: no one else may open that page). `counted_kinds`: the kinds of
    session the policy counts as case supervision (Hull: one-to-one only), so that "last
    discussed" agrees with the child's record and the findings."""
    supervisee_url = _url_pattern("sessions:supervisee")
    ids = [c.pk for c in children]
    discussions = CaseDiscussion.objects.filter(
        child_id=OuterRef("pk"), session__status="held", session__held_on__lte=today
    )
    if counted_kinds is not None:
        discussions = discussions.filter(session__kind__in=sorted(counted_kinds))
    discussed = discussions.values("child_id").annotate(last=Max("session__held_on")).values("last")
    last = dict(
        Child.objects.filter(pk__in=ids)
        .annotate(last=Subquery(discussed))
        .values_list("pk", "last")
    )
    workers = {
        a.child_id: a
        for a in Allocation.objects.filter(in_force(today), child_id__in=ids)
        .select_related("staff__team")
        .order_by("starts_on")
    }
    statuses: dict[int, list[str]] = {}
    for status in ChildStatus.objects.filter(in_force(today), child_id__in=ids).order_by(
        "starts_on"
    ):
        statuses.setdefault(status.child_id, []).append(status.get_status_display())
    rows = []
    for child in children:
        allocation = workers.get(child.pk)
        team = allocation.staff.team if allocation else None
        rows.append(
            ChildListRow(
                child=child,
                worker=allocation.staff.name if allocation else None,
                team=team.name if team else None,
                last_discussed_on=last.get(child.pk),
                statuses=statuses.get(child.pk, []),
                worker_url=(
                    supervisee_url.format(allocation.staff_id)
                    if allocation and allocation.staff_id in linked_staff
                    else None
                ),
            )
        )
    return rows


def _url_pattern(name: str) -> str:
    return reverse(name, args=[987654321]).replace("987654321", "{}")
