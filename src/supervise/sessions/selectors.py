"""Reads for the supervisor's pages: My team and a supervisee's page.

Each page runs the engine once (`PageDuties`) and reads the rest in a fixed number of queries,
however many supervisees and children there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.agreements.models import Agreement, AgreementStatus
from supervise.cases.models import Child
from supervise.people.models import StaffMember, SupervisionLine
from supervise.policy.dates import format_long
from supervise.policy.findings import Duty
from supervise.sessions.models import Session
from supervise.sessions.page_duties import (
    CHILD_RULES,
    RULE_ORDER,
    DutyRow,
    PageDuties,
    RecordAccess,
    is_finding,
    rule_title,
)
from supervise.sessions.states import RecordStatus, SessionStatus

# What a held session's record is waiting for, in the words of the team page.
RECORD_WAITING = {
    RecordStatus.NOT_STARTED: "to write",
    RecordStatus.DRAFT: "to write",
    RecordStatus.AWAITING_SUPERVISEE: "awaiting signature",
    RecordStatus.AWAITING_FINALISATION: "awaiting finalisation",
    RecordStatus.DECLINED: "declined",
}
RECORD_WAITING_ORDER = ("to write", "declined", "awaiting signature", "awaiting finalisation")


def in_force(day: date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


@dataclass(frozen=True, slots=True)
class AgreementState:
    words: str
    due_on: date | None = None
    why: str = ""


@dataclass(slots=True)
class SuperviseeRow:
    staff: StaffMember
    cover: bool
    category: str
    absent: bool
    due: DutyRow | None
    last_held_on: date | None
    next_planned: dict[str, Any] | None
    agreement: AgreementState
    records: list[tuple[str, int]]
    # The earliest due date of this supervisee's records still to write, sign or finalise.
    records_due_on: date | None = None

    @property
    def sort_key(self) -> tuple[date, str]:
        """Whatever of theirs is due first (supervision, the agreement, a record) puts them
        first: an agreement two years overdue is not hidden below a session due next week."""
        dates = [
            self.due.due_on if self.due else None,
            self.agreement.due_on,
            self.records_due_on,
        ]
        return (min((d for d in dates if d is not None), default=date.max), self.staff.name)

    @property
    def booked_after_due(self) -> int:
        """Days the next planned session falls after supervision is due (0: in time, or
        nothing booked or due): a session booked late does not stop it being overdue."""
        if self.due is None or self.next_planned is None:
            return 0
        return max(0, (self.next_planned["scheduled_on"] - self.due.due_on).days)


@dataclass(slots=True)
class ChildRow:
    pk: int
    name: str
    worker: StaffMember | None
    last_discussed_on: date | None
    due: DutyRow | None

    @property
    def sort_key(self) -> tuple[date, str]:
        return (self.due.due_on if self.due else date.max, self.name)


@dataclass(slots=True)
class TeamPage:
    today: date
    authority: str
    supervisees: list[SuperviseeRow] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    other: list[tuple[str, list[DutyRow]]] = field(default_factory=list)
    # Supervisees who manage people of their own (a service manager's team managers), with
    # how many: their teams' workers and children are on their compliance pages, not here.
    managers: list[tuple[StaffMember, int]] = field(default_factory=list)

    @property
    def overdue_supervisees(self) -> int:
        return sum(1 for r in self.supervisees if r.due and r.due.due_on < self.today)

    @property
    def overdue_children(self) -> int:
        return sum(1 for r in self.children if r.due and r.due.due_on < self.today)

    @property
    def children_first(self) -> list[ChildRow]:
        """Children whose case discussion is overdue or due soon: shown in full, first."""
        return [r for r in self.children if r.due and is_finding(r.due.due_on, self.today)]

    @property
    def children_later(self) -> list[ChildRow]:
        """The rest (due later, or nothing due), in due order: folded away on the page."""
        return [r for r in self.children if not (r.due and is_finding(r.due.due_on, self.today))]

    @property
    def due_soon_children(self) -> int:
        return len(self.children_first) - self.overdue_children

    @property
    def overdue_other(self) -> int:
        return sum(1 for _, rows in self.other for r in rows if r.due_on < self.today)


def staff_url(staff_id: int) -> str:
    return reverse("sessions:supervisee", args=[staff_id])


def child_url(child_id: int) -> str:
    return reverse("cases:child", args=[child_id])


def agreement_state(
    page: PageDuties, external_id: str, cover: bool, agreements: list[dict[str, Any]]
) -> AgreementState:
    """In force / needed / waiting, from the Agreement rows and the engine's A1 and A2 duties
    (the reasons `agreements.services.agreement_due` gives, for many supervisees at once)."""
    line = page.situation.usual_line(external_id)
    supervisor = line.supervisor_id if line else None
    mine = [a for a in agreements if a["supervisor__external_id"] == supervisor]
    signed = [a for a in mine if a["status"] == AgreementStatus.SIGNED]
    pending = [
        a
        for a in mine
        if a["status"] in (AgreementStatus.DRAFT, AgreementStatus.AWAITING_SIGNATURES)
    ]
    due = sorted(
        (d for d in page.of(external_id) if d.rule in ("agreement", "agreement_review")),
        key=lambda d: d.due_on,
    )
    waiting = ""
    if pending:
        waiting = (
            "draft started"
            if pending[0]["status"] == AgreementStatus.DRAFT
            else "waiting for signatures"
        )
    if due:
        duty = due[0]
        if duty.rule == "agreement_review":
            words = "Annual review needed"
        else:
            words = "Renewal needed" if signed else "Needed"
        if waiting:
            words += f" ({waiting})"
        return AgreementState(words, duty.due_on, page.why(duty))
    if signed:
        on = max(a["signed_on"] for a in signed if a["signed_on"])
        return AgreementState(f"In force, signed {format_long(on)}")
    if cover:
        # A cover arrangement needs no agreement of its own (RULES.md A1).
        return AgreementState("Not needed for cover")
    if waiting:
        return AgreementState(waiting.capitalize())
    return AgreementState("None yet: due by the first session")


def _agreements_by_supervisee(ids: set[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = (
        Agreement.objects.filter(supervisee_id__in=ids)
        .exclude(status=AgreementStatus.SUPERSEDED)
        .values(
            "pk",
            "supervisee_id",
            "supervisor__external_id",
            "status",
            "supervisee_signed_on",
            "supervisor_signed_on",
        )  # fmt: skip
    )
    for row in rows:
        both = row["supervisee_signed_on"] and row["supervisor_signed_on"]
        row["signed_on"] = (
            max(row["supervisee_signed_on"], row["supervisor_signed_on"]) if both else None
        )
        found[row["supervisee_id"]].append(row)
    return found


def _records_waiting(ids: set[int]) -> dict[int, list[tuple[str, int]]]:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        Session.objects.filter(
            supervisee_id__in=ids, kind=Session.Kind.FORMAL, status=SessionStatus.HELD
        )
        .exclude(record_status=RecordStatus.FINALISED)
        .values("supervisee_id", "record_status")
        .annotate(n=Count("id"))
    )
    for row in rows:
        words = RECORD_WAITING.get(row["record_status"])
        if words:
            counts[row["supervisee_id"]][words] += row["n"]
    return {
        staff_id: [(w, by_words[w]) for w in RECORD_WAITING_ORDER if by_words.get(w)]
        for staff_id, by_words in counts.items()
    }


RECORD_RULES = frozenset({"personal_record", "record_signoff", "record_finalised"})


def _records_due(page: PageDuties) -> dict[str, date]:
    """Supervisee (external id) -> the earliest due date of their records' duties."""
    found: dict[str, date] = {}
    for duty in page.duties:
        if duty.rule not in RECORD_RULES:
            continue
        supervisee, _ = page.session_people(duty.subject_id.partition("/")[0])
        if supervisee is not None and (supervisee not in found or duty.due_on < found[supervisee]):
            found[supervisee] = duty.due_on
    return found


def _next_planned(ids: set[int]) -> dict[int, dict[str, Any]]:
    """Each supervisee's earliest planned formal session (one still planned in the past comes
    first: it needs marking as held or cancelled)."""
    found: dict[int, dict[str, Any]] = {}
    rows = (
        Session.objects.filter(
            supervisee_id__in=ids, kind=Session.Kind.FORMAL, status=SessionStatus.PLANNED
        )
        .order_by("scheduled_on", "pk")
        .values("pk", "supervisee_id", "supervisor_id", "scheduled_on")
    )
    for row in rows:
        found.setdefault(row["supervisee_id"], row)
    return found


def my_lines(viewer: Viewer, today: date) -> dict[int, tuple[StaffMember, bool]]:
    """My supervisees today: staff id -> (staff, is this a cover arrangement)."""
    lines = (
        SupervisionLine.objects.filter(in_force(today), supervisor=viewer.staff)
        .select_related("supervisee__team")
        .order_by("cover", "supervisee__name")
    )
    found: dict[int, tuple[StaffMember, bool]] = {}
    for line in lines:
        found.setdefault(line.supervisee_id, (line.supervisee, line.cover))
    return found


def team_page(viewer: Viewer, today: date) -> TeamPage:
    """Everything a team manager needs to run a month of supervision, overdue first."""
    assert viewer.staff is not None
    me = viewer.staff
    organisation = me.organisation
    team = my_lines(viewer, today)
    ids = set(team)
    access = RecordAccess(me=me.pk, line_managed=frozenset(ids))
    page = PageDuties(organisation, ids, today, record_access=access)
    result = TeamPage(today=today, authority=organisation.pack.authority)

    by_external = {staff.external_id: staff for staff, _ in team.values()}
    staff_urls = {ext: staff_url(s.pk) for ext, s in by_external.items()}
    children = list(
        Child.objects.filter(pk__in=page.scope.children).values_list("pk", "external_id", "name")
    )
    child_urls = {ext: child_url(pk) for pk, ext, _ in children}

    agreements = _agreements_by_supervisee(ids)
    records = _records_waiting(ids)
    records_due = _records_due(page)
    planned = _next_planned(ids)
    for staff_id, (staff, cover) in team.items():
        ext = staff.external_id
        p1 = page.personal_supervision(ext)
        last = page.situation.last_held_formal(ext)
        result.supervisees.append(
            SuperviseeRow(
                staff=staff,
                cover=cover,
                category=page.category(ext, staff.get_role_display()),
                absent=page.absent_today(ext),
                due=page.rows([p1], staff_urls, child_urls)[0] if p1 else None,
                last_held_on=last.held_on if last else None,
                next_planned=planned.get(staff_id),
                agreement=agreement_state(page, ext, cover, agreements.get(staff_id, [])),
                records=records.get(staff_id, []),
                records_due_on=records_due.get(ext),
            )
        )
    result.supervisees.sort(key=lambda r: r.sort_key)

    for pk, ext, name in children:
        child = page.situation.children.get(ext)
        if child is None or not page.situation.is_open(child):
            continue
        allocation = page.situation.current_allocation(ext)
        worker = by_external.get(allocation.staff_id) if allocation else None
        case = page.case_duties(ext)
        result.children.append(
            ChildRow(
                pk=pk,
                name=name or ext,
                worker=worker,
                last_discussed_on=page.last_discussed(ext),
                due=page.rows(case[:1], staff_urls, child_urls)[0] if case else None,
            )
        )
    result.children.sort(key=lambda r: r.sort_key)
    result.other = other_findings(page, set(by_external), me.external_id, staff_urls, child_urls)
    result.managers = _managers_among(team, today)
    return result


def _managers_among(team: dict[int, tuple[StaffMember, bool]], today: date) -> list:  # type: ignore[type-arg]
    """(supervisee, how many they supervise today) for the supervisees who supervise anyone."""
    counts = dict(
        SupervisionLine.objects.filter(
            Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today)),
            supervisor_id__in=list(team),
            cover=False,
        )
        .values("supervisor_id")
        .annotate(n=Count("supervisee_id", distinct=True))
        .values_list("supervisor_id", "n")
    )
    rows = [(team[pk][0], n) for pk, n in counts.items() if pk in team]
    return sorted(rows, key=lambda row: row[0].name)


# Shown on each supervisee's row already, with the due date and why: not listed again below.
ON_THE_ROWS = frozenset({"personal_supervision", "agreement", "agreement_review"})


def other_findings(
    page: PageDuties,
    team: set[str],
    me: str,
    staff_urls: dict[str, str],
    child_urls: dict[str, str],
) -> list[tuple[str, list[DutyRow]]]:
    """Findings (overdue or due soon) about the team other than personal and case supervision
    and agreements (on the rows above), grouped by rule: records to complete, sessions to
    rearrange, observations, appraisals…"""
    wanted: list[Duty] = []
    for duty in page.duties:
        if duty.rule in ON_THE_ROWS or duty.rule in CHILD_RULES:
            continue
        if not is_finding(duty.due_on, page.today):
            continue
        if _about_the_team(page, duty, team, me, child_urls):
            wanted.append(duty)
    grouped: dict[str, list[DutyRow]] = defaultdict(list)
    for row in page.rows(wanted, staff_urls, child_urls):
        grouped[row.rule].append(row)
    return [
        (rule_title(rule), grouped[rule])
        for rule in sorted(grouped, key=lambda r: RULE_ORDER.get(r, 99))
    ]


def _about_the_team(
    page: PageDuties, duty: Duty, team: set[str], me: str, child_urls: dict[str, str]
) -> bool:
    """Is this duty about one of my supervisees, their sessions, or their children? (The scoped
    dataset also holds other supervisors, whose own duties are not mine to see.)"""
    if duty.subject_type == "staff":
        return duty.subject_id in team
    session_id, _, child_id = duty.subject_id.partition("/")
    supervisee, supervisor = page.session_people(session_id)
    return supervisee in team or supervisor == me or (bool(child_id) and child_id in child_urls)
