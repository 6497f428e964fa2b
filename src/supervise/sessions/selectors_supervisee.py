"""Reads for one supervisee's page: who they are, every duty about them (however far off), their
sessions, open actions and children. A fixed number of queries, whatever the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F
from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.agreements.models import Agreement, AgreementStatus
from supervise.agreements.services import AgreementDue, agreement_due
from supervise.cases.models import Allocation
from supervise.people.models import StaffMember, SupervisionLine
from supervise.policy.dates import format_long
from supervise.policy.engine import duties
from supervise.policy.findings import Duty
from supervise.sessions.models import Action, Session
from supervise.sessions.page_duties import DutyRow, PageDuties, RecordAccess
from supervise.sessions.selectors import child_url, in_force, staff_url
from supervise.sessions.states import ActionStatus, SessionStatus


@dataclass(slots=True)
class SessionRow:
    session: Session
    url: str | None
    can_hold: bool
    can_cancel: bool
    status: str = ""
    detail: str = ""
    # Held after personal supervision had fallen due: when it was due (regularity, in the
    # policy's own terms, for the manager and an inspector reading the history).
    was_due_on: date | None = None

    @property
    def late_by(self) -> int:
        day = self.session.held_on
        if self.was_due_on is None or day is None:
            return 0
        return max(0, (day - self.was_due_on).days)


def due_before_each(page: PageDuties, external_id: str, days: list[date]) -> dict[date, date]:
    """For each day a session was held, when personal supervision was due the day before (the
    engine run as of that day on the page's dataset: the category and interval of the time).
    Only days on which it was already due or overdue are kept."""
    found: dict[date, date] = {}
    for day in sorted(set(days)):
        before = day - timedelta(days=1)
        for duty in duties(page.dataset, page.pack, before):
            if duty.rule == "personal_supervision" and duty.subject_id == external_id:
                if duty.due_on < day:
                    found[day] = duty.due_on
                break
    return found


@dataclass(slots=True)
class ChildOfSupervisee:
    pk: int
    name: str
    allocated_on: date
    due: DutyRow | None


@dataclass(slots=True)
class SuperviseePage:
    staff: StaffMember
    today: date
    category: str
    absent: bool
    qualification: str
    lines: list[SupervisionLine]
    agreement_in_force: Agreement | None
    agreements_pending: list[Agreement]
    agreement_due: AgreementDue | None
    can_book: bool
    can_agree: bool
    duties: list[DutyRow] = field(default_factory=list)
    quotes: list[bool] = field(default_factory=list)  # show the policy's sentence on this row
    planned: list[SessionRow] = field(default_factory=list)
    past: list[SessionRow] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    children: list[ChildOfSupervisee] = field(default_factory=list)

    @property
    def duty_rows(self) -> list[tuple[DutyRow, bool]]:
        return list(zip(self.duties, self.quotes, strict=True))


def may_view_supervisee(viewer: Viewer, staff: StaffMember) -> bool:
    """The supervisee's supervisors (usual or cover) and their management chain only: wider
    than that, `Viewer.can_view_staff` lets organisation-wide roles see figures, not this page."""
    return viewer.same_org(staff) and staff.pk in viewer.below()


def qualification_words(staff: StaffMember, today: date) -> str:
    parts = []
    if staff.asye:
        parts.append(f"ASYE, started {format_long(staff.started_on)}")
    if staff.qualified_on:
        parts.append(f"Qualified {format_long(staff.qualified_on)}")
    return "; ".join(parts) or "Not a qualified social worker"


def _about(page: PageDuties, duty: Duty, external_id: str, children: set[str]) -> bool:
    if duty.subject_type == "staff":
        return duty.subject_id == external_id
    if duty.subject_type == "child":
        return duty.subject_id in children
    session_id, _, child_id = duty.subject_id.partition("/")
    supervisee, _ = page.session_people(session_id)
    return supervisee == external_id or child_id in children


def supervisee_page(viewer: Viewer, staff: StaffMember, today: date) -> SuperviseePage:
    me = viewer.staff.pk if viewer.staff else None
    access = RecordAccess.of(viewer)
    lines = list(
        SupervisionLine.objects.filter(in_force(today), supervisee=staff)
        .select_related("supervisor")
        .order_by("cover", "starts_on")
    )
    supervisors = {line.supervisor_id for line in lines}
    usual = next((line for line in lines if not line.cover), None)
    page = PageDuties(staff.organisation, [staff.pk], today, record_access=access)

    allocations = list(
        Allocation.objects.filter(in_force(today), staff=staff)
        .select_related("child")
        .order_by("child__name")
    )
    child_urls = {a.child.external_id: child_url(a.child_id) for a in allocations}
    staff_urls = {staff.external_id: staff_url(staff.pk)}
    wanted = [d for d in page.duties if _about(page, d, staff.external_id, set(child_urls))]

    agreements = list(
        Agreement.objects.filter(supervisee=staff)
        .exclude(status=AgreementStatus.SUPERSEDED)
        .select_related("supervisor")
    )
    result = SuperviseePage(
        staff=staff,
        today=today,
        category=page.category(staff.external_id, staff.get_role_display()),
        absent=page.absent_today(staff.external_id),
        qualification=qualification_words(staff, today),
        lines=lines,
        agreement_in_force=next(
            (a for a in agreements if a.status == AgreementStatus.SIGNED), None
        ),
        agreements_pending=[a for a in agreements if a.status != AgreementStatus.SIGNED],
        agreement_due=agreement_due(supervisee=staff, on=today),
        can_book=me in supervisors,
        can_agree=usual is not None and usual.supervisor_id == me,
        duties=page.rows(wanted, staff_urls, child_urls),
    )
    # The policy's sentence once per rule and sentence, not on every row it applies to.
    seen: set[tuple[str, str | None]] = set()
    for row in result.duties:
        key = (row.rule, row.source.quote)
        result.quotes.append(key not in seen)
        seen.add(key)

    sessions = (
        Session.objects.filter(supervisee=staff, kind=Session.Kind.FORMAL)
        .select_related("supervisor")
        .order_by(F("held_on").desc(nulls_last=True), "-scheduled_on", "-pk")
    )
    sessions = list(sessions)
    was_due = due_before_each(
        page,
        staff.external_id,
        [s.held_on for s in sessions if s.status == SessionStatus.HELD and s.held_on],
    )
    for session in sessions:
        mine = session.supervisor_id == me and session.status == SessionStatus.PLANNED
        due = session.scheduled_on is not None and session.scheduled_on <= today
        can_open = access.can_open(session.supervisor_id, staff.pk)
        status, detail = session_state(session)
        row = SessionRow(
            session=session,
            url=reverse("sessions:detail", args=[session.pk]) if can_open else None,
            can_hold=mine and due,  # it cannot be said to have taken place before its day
            can_cancel=mine,
            status=status,
            detail=detail,
            was_due_on=was_due.get(session.held_on) if session.held_on else None,
        )
        (result.planned if session.status == SessionStatus.PLANNED else result.past).append(row)
    result.planned.sort(key=lambda r: (r.session.scheduled_on or date.max, r.session.pk))

    result.actions = list(
        Action.objects.filter(session__supervisee=staff, status=ActionStatus.OPEN)
        .select_related("child", "session", "owner")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    for allocation in allocations:
        child = allocation.child
        case = page.case_duties(child.external_id)
        result.children.append(
            ChildOfSupervisee(
                pk=child.pk,
                name=str(child),
                allocated_on=allocation.starts_on,
                due=page.rows(case[:1], staff_urls, child_urls)[0] if case else None,
            )
        )
    return result


def session_state(session: Session) -> tuple[str, str]:
    """(status, detail) in words, for the sessions table."""
    if session.status == SessionStatus.CANCELLED:
        who = session.cancelled_by or "someone"
        why = "sickness" if session.cancel_reason == "sickness" else "another reason"
        return "Cancelled", f"By the {who}, {why}"
    if session.status == SessionStatus.HELD:
        return "Held", f"Record: {session.get_record_status_display().lower()}"
    return "Planned", ""
