"""Reads for group case supervision: what the facilitator can choose from, and a recorded group
session with its entries (a fixed number of queries, whatever the number of children)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from supervise.accounts.access import Viewer
from supervise.cases.models import Allocation
from supervise.cases.selectors import visible_child_ids
from supervise.cases.services import entry_text
from supervise.people.models import StaffMember
from supervise.sessions.case_template import discussion_order_of
from supervise.sessions.models import CaseDiscussion, Session
from supervise.sessions.selectors import in_force, my_lines
from supervise.sessions.states import RecordStatus


@dataclass(slots=True)
class GroupChoices:
    """My supervisees and the children allocated to each today, by name."""

    staff: dict[int, StaffMember]
    caseloads: dict[int, list[tuple[int, str]]]

    @property
    def names(self) -> dict[int, str]:
        return {pk: staff.name for pk, staff in self.staff.items()}


def group_choices(viewer: Viewer, today: date) -> GroupChoices:
    team = my_lines(viewer, today)
    staff = {pk: member for pk, (member, _) in sorted(team.items(), key=lambda i: i[1][0].name)}
    caseloads: dict[int, list[tuple[int, str]]] = {pk: [] for pk in staff}
    allocations = (
        Allocation.objects.filter(in_force(today), staff_id__in=staff)
        .exclude(child__closed_on__lte=today)
        .select_related("child")
        .order_by("child__name", "child__external_id")
    )
    for allocation in allocations:
        child = allocation.child
        # With the case-system id: two children on one caseload can share a display name
        # ("Caleb R."), and the choice must say which child is meant.
        label = f"{child.name} ({child.external_id})" if child.name else child.external_id
        caseloads[allocation.staff_id].append((child.pk, label))
    return GroupChoices(staff=staff, caseloads=caseloads)


@dataclass(slots=True)
class GroupEntryRow:
    discussion: CaseDiscussion
    text: str
    child_visible: bool


@dataclass(slots=True)
class GroupPage:
    session: Session
    participants: list[StaffMember]
    entries: list[GroupEntryRow] = field(default_factory=list)
    is_facilitator: bool = False
    # Entries about children whose record the viewer may not read: counted, never named.
    withheld: int = 0

    @property
    def can_finalise(self) -> bool:
        return self.is_facilitator and self.session.record_status == RecordStatus.DRAFT


def group_page(viewer: Viewer, session: Session, today: date) -> GroupPage:
    discussions = list(
        CaseDiscussion.objects.filter(session=session)
        .select_related("child", "worker")
        .order_by("child__name", "pk")
    )
    visible = visible_child_ids(viewer, {d.child_id for d in discussions}, today)
    page = GroupPage(
        session=session,
        participants=list(session.participants.order_by("name")),
        is_facilitator=viewer.staff is not None and viewer.staff.pk == session.supervisor_id,
    )
    # Each entry follows its child's record: a participant reads the entries about children
    # whose record they may read (their own caseload), the facilitator's line manager those of
    # their chain. The facilitator wrote every entry and finalises them, so reads them all.
    shown = [d for d in discussions if page.is_facilitator or d.child_id in visible]
    page.withheld = len(discussions) - len(shown)
    order = discussion_order_of(session.organisation)
    page.entries = [
        GroupEntryRow(discussion=d, text=entry_text(d, order), child_visible=d.child_id in visible)
        for d in shown
    ]
    return page
