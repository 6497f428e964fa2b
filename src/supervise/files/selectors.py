"""What a supervision file holds, as one viewer may see it (for the file page and its PDF).

Organised as the policies describe the file: agreements; session records grouped by supervisor,
the current one first and each earlier one as "Previous supervision — NAME" (Hull); the
supervision log; learning (development plan, induction, CPD with sign-off, training);
appraisals; upheld complaints; handovers. Case discussions are counted but not copied: they
belong to each child's record, and a worker's file (or their subject access request) must not
carry children's details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone

from supervise.accounts.access import Viewer, line_managers_of
from supervise.agreements.models import Agreement, AgreementStatus
from supervise.files.models import (
    Appraisal,
    Complaint,
    Handover,
    LearningEntry,
    RedactionRequest,
    RedactionStatus,
)
from supervise.people.models import StaffMember
from supervise.policy.dates import format_long
from supervise.sessions.models import Addendum, RecordEntry, Session
from supervise.sessions.page_duties import PageDuties
from supervise.sessions.selectors_supervisee import due_before_each
from supervise.sessions.states import EDITABLE_RECORD, SessionStatus

THIRD_PARTY = "third party"
DECIDER = "the Assistant Director"  # the only role that decides a redaction request


@dataclass(frozen=True, slots=True)
class Withheld:
    """A section of a record kept from a third party, shown in its place so that the reader
    knows something is not there: its heading and why, never its text."""

    pk: int  # the entry's, for its place in the record
    label: str
    pending: bool  # a request to remove it waits for a decision
    words: str
    withheld: bool = True  # tells it apart from a RecordEntry in the template


def withheld_words(request: RedactionRequest | None, session: Session) -> str:
    """'Withheld while a request to remove it is decided', or 'Removed at the supervisee's
    request: decided by the Assistant Director on Tuesday 3 November 2026'."""
    if request is None or request.status != RedactionStatus.GRANTED:
        return "Withheld while a request to remove it is decided."
    staff = getattr(request.requested_by, "staff_member", None)
    asker = {
        session.supervisee_id: "the supervisee's",
        session.supervisor_id: "the supervisor's",
    }.get(staff.pk if staff else None, "a")
    decided = (
        f" on {format_long(timezone.localdate(request.decided_at))}" if request.decided_at else ""
    )
    return f"Removed at {asker} request: decided by {DECIDER}{decided}."


@dataclass(slots=True)
class SessionView:
    session: Session
    entries: list[RecordEntry]
    addenda: list[Addendum]
    children_discussed: int
    withheld: list[Withheld] = field(default_factory=list)

    @property
    def sections(self) -> list[RecordEntry | Withheld]:
        """The entries the viewer reads and, in their places, those withheld from them."""
        return sorted([*self.entries, *self.withheld], key=lambda section: section.pk)


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """An agreement and where it stands today, in words (the colour of its tag only
    reinforces them): in force, renewed or replaced by a later one, ended, or not yet signed."""

    agreement: Agreement
    standing: str  # "in force", "replaced", "ended" or "unsigned"
    tag: str  # "In force", "Renewed", "Replaced", "Ended", or the status ("Waiting for…")
    note: str = ""  # what replaced or ended it, "{on}" standing for `on`
    on: date | None = None

    @property
    def detail(self) -> str:
        """'Renewed by the agreement signed on Tuesday 3 November 2026.'"""
        return self.note.format(on=format_long(self.on)) if self.on else self.note

    @property
    def in_force(self) -> bool:
        return self.standing == "in force"

    @property
    def colour(self) -> str:
        return {"in force": "green", "unsigned": "yellow"}.get(self.standing, "grey")


def agreement_rows(
    agreements: list[Agreement], *, today: date, supervisors: set[int], left_on: date | None
) -> list[AgreementRow]:
    """Latest first. An agreement counts from the later of its two signatures (INTERCHANGE.md);
    the latest one signed by both is in force while its supervisor still supervises (imported
    agreements are all "signed": their dates say which one replaced which); each earlier one
    was renewed (same supervisor) or replaced by the next one signed."""
    signed = sorted(
        (a for a in agreements if a.signed_on is not None and a.signed_on <= today),
        key=lambda a: (a.signed_on, a.created_at, a.pk),
    )
    following = {a.pk: later for a, later in zip(signed, signed[1:], strict=False)}
    rows = []
    for agreement in agreements:
        later = following.get(agreement.pk)
        if agreement.signed_on is None or agreement.signed_on > today:
            row = AgreementRow(agreement, "unsigned", agreement.get_status_display())
        elif later is not None:
            how = "Renewed" if later.supervisor_id == agreement.supervisor_id else "Replaced"
            row = AgreementRow(
                agreement,
                "replaced",
                how,
                how + " by the agreement signed on {on}.",
                later.signed_on,
            )
        elif agreement.status == AgreementStatus.SUPERSEDED:
            row = AgreementRow(agreement, "replaced", "Replaced", "Replaced by a later agreement.")
        elif left_on is not None and left_on <= today:
            row = AgreementRow(
                agreement, "ended", "Ended", "Ended when they left on {on}.", left_on
            )
        elif supervisors and agreement.supervisor_id not in supervisors:
            who = agreement.supervisor.name  # no `on`: the note is not formatted
            row = AgreementRow(
                agreement, "ended", "Ended", f"Ended: {who} no longer supervises them."
            )
        else:
            row = AgreementRow(agreement, "in force", "In force")
        rows.append(row)
    return sorted(
        rows,
        key=lambda row: (
            row.agreement.signed_on or date.max,
            row.agreement.created_at,
            row.agreement.pk,
        ),
        reverse=True,
    )


@dataclass(slots=True)
class Period:
    """The sessions with one supervisor: "Current supervision" or "Previous supervision"."""

    supervisor: StaffMember
    current: bool
    sessions: list[SessionView] = field(default_factory=list)

    @property
    def title(self) -> str:
        prefix = "Current supervision" if self.current else "Previous supervision"
        return f"{prefix} — {self.supervisor.name}"


@dataclass(slots=True)
class FileContents:
    staff: StaffMember
    relationship: str
    agreements: list[Agreement]
    periods: list[Period]
    log: list[Session]
    learning: dict[str, list[LearningEntry]]
    appraisals: list[Appraisal]
    complaints: list[Complaint]
    handovers: list[Handover]
    headings: dict[str, str]  # heading key -> label, from the pack's template
    scope: tuple[Any, Any] | None = None  # a third party's date range
    agreement_rows: list[AgreementRow] = field(default_factory=list)  # latest first
    # Session (pk) held after personal supervision had fallen due -> when it was due: the
    # regularity of supervision against the policy, read off the log.
    due_before: dict[int, date] = field(default_factory=dict)

    def late_by(self, session: Session) -> int:
        due = self.due_before.get(session.pk)
        return (session.held_on - due).days if due and session.held_on else 0


def file_contents(viewer: Viewer, staff: StaffMember) -> FileContents | None:
    """The file as `viewer` may read it, or None when they may not read it at all."""
    relationship = viewer.file_relationship(staff)
    if relationship is None:
        return None
    grant = viewer.grant_for(staff.pk) if relationship == THIRD_PARTY else None
    sessions = (
        Session.objects.filter(supervisee=staff, kind=Session.Kind.FORMAL)
        .select_related("supervisor", "organisation")
        .prefetch_related(
            Prefetch("entries", queryset=RecordEntry.objects.order_by("id")),
            Prefetch("addenda", queryset=Addendum.objects.select_related("author")),
        )
        .annotate(children_discussed=Count("discussions"))
        .order_by("-held_on", "-scheduled_on", "-id")
    )
    if grant is not None:
        # Drafts are not yet the record (Viewer.can_view_record); planned and cancelled
        # sessions stay in the log, which says only that they were booked.
        sessions = sessions.exclude(status=SessionStatus.HELD, record_status__in=EDITABLE_RECORD)
        if grant.scope_from:
            sessions = sessions.filter(held_on__gte=grant.scope_from)
        if grant.scope_to:
            sessions = sessions.filter(held_on__lte=grant.scope_to)
    log = list(sessions)
    current_supervisors = line_managers_of(staff.pk, viewer.day)
    pack = staff.organisation.pack
    headings = {h.key: h.label for h in pack.recording.personal} if pack.recording else {}
    kept = _kept_from_third_parties(staff) if grant is not None else {}
    periods: dict[int, Period] = {}
    for session in log:
        if session.status != SessionStatus.HELD:
            continue
        period = periods.get(session.supervisor_id)
        if period is None:
            period = periods[session.supervisor_id] = Period(
                session.supervisor, session.supervisor_id in current_supervisors
            )
        entries = viewer.visible_entries(session, session.entries.all())
        withheld = []
        if grant is not None:
            # Under a request (waiting or granted) a section is not for third parties; it is
            # marked in its place, unless it is confidential and would not be shown anyway.
            readable = [
                e
                for e in session.entries.all()
                if not e.confidential or viewer.can_see_confidential(session)
            ]
            withheld = [
                Withheld(
                    pk=e.pk,
                    label=headings.get(e.heading, e.heading),
                    pending=kept[e.pk].status != RedactionStatus.GRANTED,
                    words=withheld_words(kept[e.pk], session),
                )
                for e in readable
                if e.pk in kept
            ]
            entries = [e for e in entries if e.pk not in kept]
        period.sessions.append(
            SessionView(
                session=session,
                entries=entries,
                addenda=list(session.addenda.all()),
                children_discussed=session.children_discussed,
                withheld=withheld,
            )
        )

    held_days = [s.held_on for s in log if s.status == SessionStatus.HELD and s.held_on]
    was_due: dict[date, date] = {}
    if held_days:
        duties_page = PageDuties(staff.organisation, [staff.pk], viewer.day)
        was_due = due_before_each(duties_page, staff.external_id, held_days)
    due_before = {
        s.pk: was_due[s.held_on]
        for s in log
        if s.status == SessionStatus.HELD and s.held_on in was_due
    }

    def within(queryset: Any, day_field: str) -> Any:
        """A third party sees only what falls inside the dates they were given."""
        if grant is not None and grant.scope_from:
            queryset = queryset.filter(**{f"{day_field}__gte": grant.scope_from})
        if grant is not None and grant.scope_to:
            queryset = queryset.filter(**{f"{day_field}__lte": grant.scope_to})
        return queryset

    learning: dict[str, list[LearningEntry]] = {kind: [] for kind in LearningEntry.Kind.values}
    for entry in within(LearningEntry.objects.filter(staff=staff), "on").select_related(
        "signed_off_by"
    ):
        learning[entry.kind].append(entry)
    agreements = list(
        within(Agreement.objects.filter(supervisee=staff), "created_at__date")
        .select_related("supervisor")
        .exclude(status=AgreementStatus.DRAFT)
    )
    return FileContents(
        staff=staff,
        relationship=relationship,
        agreements=agreements,
        periods=sorted(periods.values(), key=lambda p: (not p.current, p.supervisor.name)),
        log=log,
        learning=learning,
        appraisals=list(
            within(Appraisal.objects.filter(staff=staff), "held_on").select_related("appraiser")
        ),
        complaints=list(within(Complaint.objects.filter(staff=staff, upheld=True), "received_on")),
        handovers=list(
            within(Handover.objects.filter(supervisee=staff), "transferred_on").select_related(
                "outgoing", "incoming"
            )
        ),
        headings=headings,
        due_before=due_before,
        scope=(grant.scope_from, grant.scope_to) if grant else None,
        agreement_rows=agreement_rows(
            agreements,
            today=viewer.day,
            supervisors=current_supervisors,
            left_on=staff.left_on,
        ),
    )


def _kept_from_third_parties(staff: StaffMember) -> dict[int, RedactionRequest]:
    """Entry id -> the request keeping it from third parties: granted, or still waiting for
    the decision (until then the section is withheld, York standard 7). Refused: not kept."""
    kept: dict[int, RedactionRequest] = {}
    for request in (
        RedactionRequest.objects.filter(
            organisation_id=staff.organisation_id,
            entry__session__supervisee=staff,
            status__in=(RedactionStatus.REQUESTED, RedactionStatus.GRANTED),
        )
        .select_related("requested_by__staff_member")
        .order_by("requested_at", "id")
    ):
        if kept.get(request.entry_id) is None or request.status == RedactionStatus.GRANTED:
            kept[request.entry_id] = request
    return kept
