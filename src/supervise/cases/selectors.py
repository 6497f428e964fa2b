"""Reads for a child's record page: who the child is, who has worked with them, when case
supervision is due and why, and the entries supervision has written (a fixed number of queries,
however long the record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.cases.models import Allocation, CaseNote, Child, ChildStatus
from supervise.cases.services import NOTE_KIND_FOR_SESSION
from supervise.sessions.models import Action, CaseDiscussion, Session
from supervise.sessions.page_duties import DutyRow, PageDuties, RecordAccess, session_url
from supervise.sessions.states import ActionStatus, RecordStatus


def in_force(day: date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


@dataclass(slots=True)
class NoteRow:
    note: CaseNote
    session_url: str | None
    session_words: str
    # From a session whose record is not finalised yet: the entry may still change.
    draft: bool = False


@dataclass(slots=True)
class ActionRow:
    action: Action
    session_url: str | None  # where it was agreed, for those who may open that record


@dataclass(slots=True)
class ChildPage:
    child: Child
    today: date
    statuses: list[ChildStatus]
    allocations: list[Allocation]
    current: Allocation | None
    due: list[DutyRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    can_add_note: bool = False
    worker_url: str | None = None  # only for the worker's supervisors and their chain
    actions: list[ActionRow] = field(default_factory=list)

    @property
    def drifting(self) -> int:
        """Open actions about the child carried into three sessions or more (drift)."""
        return sum(1 for row in self.actions if row.action.flagged)

    @property
    def is_open(self) -> bool:
        child = self.child
        return child.opened_on <= self.today and (
            child.closed_on is None or child.closed_on > self.today
        )


def child_page(viewer: Viewer, child: Child, today: date) -> ChildPage:
    allocations = list(
        Allocation.objects.filter(child=child).select_related("staff").order_by("-starts_on")
    )
    current = next(
        (
            a
            for a in allocations
            if a.starts_on <= today and (a.ends_on is None or a.ends_on >= today)
        ),
        None,
    )
    page = ChildPage(
        child=child,
        today=today,
        statuses=list(ChildStatus.objects.filter(in_force(today), child=child)),
        allocations=allocations,
        current=current,
        can_add_note=viewer.staff is not None,
    )
    access = RecordAccess.of(viewer)
    if current is not None:
        duties = PageDuties(child.organisation, [current.staff_id], today, record_access=access)
        if current.staff_id in viewer.below():
            page.worker_url = reverse("sessions:supervisee", args=[current.staff_id])
        staff_urls = {current.staff.external_id: page.worker_url} if page.worker_url else {}
        page.due = duties.rows(duties.case_duties(child.external_id), staff_urls, {})
    page.notes = note_rows(viewer, access, child)
    page.actions = action_rows(access, child)
    return page


def action_rows(access: RecordAccess, child: Child) -> list[ActionRow]:
    """Actions agreed in supervision about this child, open ones first (most often carried
    first): an action carried from session to session is drift an inspector looks for."""
    actions = sorted(
        Action.objects.filter(child=child).select_related("owner", "session"),
        key=lambda a: (a.status != ActionStatus.OPEN, -a.times_carried, a.due_on or date.max),
    )
    rows = []
    for action in actions:
        session = action.session
        url = None
        if access.can_open(session.supervisor_id, session.supervisee_id):
            url = session_url(session.pk, session.kind)
        rows.append(ActionRow(action=action, session_url=url))
    return rows


def note_rows(viewer: Viewer, access: RecordAccess, child: Child) -> list[NoteRow]:
    """The child's record, newest first, each entry linked to its session when the viewer may
    open that session's record."""
    notes = list(
        CaseNote.objects.filter(child=child)
        .select_related("author", "case_discussion__session")
        .order_by("-happened_on", "-written_at")
    )
    group_ids = [
        n.case_discussion.session_id
        for n in notes
        if n.case_discussion and n.case_discussion.session.kind == Session.Kind.GROUP
    ]
    took_part: set[int] = set()
    if group_ids and access.me is not None:
        took_part = set(
            Session.participants.through.objects.filter(
                session_id__in=group_ids, staffmember_id=access.me
            ).values_list("session_id", flat=True)
        )
    rows = []
    for note in notes:
        session = note.case_discussion.session if note.case_discussion else None
        url, words = None, ""
        if session is not None and session.kind in (Session.Kind.FORMAL, Session.Kind.GROUP):
            words = session.get_kind_display()
            allowed = access.can_open(session.supervisor_id, session.supervisee_id) or (
                session.pk in took_part
            )
            if allowed:
                url = session_url(session.pk, session.kind)
        draft = session is not None and session.record_status != RecordStatus.FINALISED
        rows.append(NoteRow(note=note, session_url=url, session_words=words, draft=draft))
    rows += imported_discussion_rows(access, child)
    rows.sort(key=lambda row: row.note.happened_on, reverse=True)
    return rows


IMPORTED_WORDS = (
    "Discussed in supervision. This discussion came from the case management system's export, "
    "which says when the child was discussed but not what was said: the notes are there."
)


def imported_discussion_rows(access: RecordAccess, child: Child) -> list[NoteRow]:
    """Discussions imported from the interchange folder (case_discussions.csv) carry no text, so
    they have no entry of their own; they still count ("Last discussed"), and the record must
    show that they happened. Shown as unsaved notes, never written to the child's record."""
    discussions = (
        CaseDiscussion.objects.filter(child=child, case_note__isnull=True)
        .select_related("session__supervisor")
        .exclude(session__held_on__isnull=True)
    )
    rows = []
    for discussion in discussions:
        session = discussion.session
        kind = NOTE_KIND_FOR_SESSION.get(session.kind, CaseNote.Kind.CASE_SUPERVISION)
        note = CaseNote(
            child=child,
            kind=kind,
            author=session.supervisor,
            happened_on=session.held_on,
            body=IMPORTED_WORDS,
        )
        url = None
        if session.kind == Session.Kind.FORMAL and access.can_open(
            session.supervisor_id, session.supervisee_id
        ):
            url = session_url(session.pk, session.kind)
        rows.append(NoteRow(note=note, session_url=url, session_words=session.get_kind_display()))
    return rows


def visible_child_ids(viewer: Viewer, child_ids: set[int], today: date) -> set[int]:
    """Which of these children the viewer may open, decided as `Viewer.can_view_child` decides
    (allocated worker, their management chain, roles the organisation grants) in one query."""
    if not child_ids or viewer.organisation_id is None:
        return set()
    children = Child.objects.filter(pk__in=child_ids, organisation_id=viewer.organisation_id)
    if viewer.staff is not None:
        granted = set(viewer.staff.organisation.case_record_roles or [])
    else:
        granted = set(viewer.user.organisation.case_record_roles or [])
    if viewer.has(*granted):
        return set(children.values_list("pk", flat=True))
    if viewer.staff is None:
        return set()
    workers = viewer.below() | {viewer.staff.pk}
    return set(
        Allocation.objects.filter(
            in_force(today), child__in=children, staff_id__in=workers
        ).values_list("child_id", flat=True)
    )
