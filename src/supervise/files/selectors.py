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
from typing import Any

from django.db.models import Count, Prefetch

from supervise.accounts.access import Viewer, line_managers_of
from supervise.agreements.models import Agreement
from supervise.files.models import Appraisal, Complaint, Handover, LearningEntry
from supervise.people.models import StaffMember
from supervise.sessions.models import Addendum, RecordEntry, Session
from supervise.sessions.states import EDITABLE_RECORD, SessionStatus


@dataclass(slots=True)
class SessionView:
    session: Session
    entries: list[RecordEntry]
    addenda: list[Addendum]
    children_discussed: int


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


def file_contents(viewer: Viewer, staff: StaffMember) -> FileContents | None:
    """The file as `viewer` may read it, or None when they may not read it at all."""
    relationship = viewer.file_relationship(staff)
    if relationship is None:
        return None
    grant = viewer.grant_for(staff.pk) if relationship == "third party" else None
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
    periods: dict[int, Period] = {}
    for session in log:
        if session.status != SessionStatus.HELD:
            continue
        period = periods.get(session.supervisor_id)
        if period is None:
            period = periods[session.supervisor_id] = Period(
                session.supervisor, session.supervisor_id in current_supervisors
            )
        period.sessions.append(
            SessionView(
                session=session,
                entries=viewer.visible_entries(session, session.entries.all()),
                addenda=list(session.addenda.all()),
                children_discussed=session.children_discussed,
            )
        )

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
    pack = staff.organisation.pack
    headings = {h.key: h.label for h in pack.recording.personal} if pack.recording else {}
    return FileContents(
        staff=staff,
        relationship=relationship,
        agreements=list(
            within(Agreement.objects.filter(supervisee=staff), "created_at__date")
            .select_related("supervisor")
            .exclude(status="draft")
        ),
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
        scope=(grant.scope_from, grant.scope_to) if grant else None,
    )
