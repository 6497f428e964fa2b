"""Reads for the session record pages, My supervision and the typing queue.

Each function reads with a fixed number of queries whatever the number of rows. What a viewer may
do with a record is decided here once (`abilities_of`) so that the buttons a page shows and the
refusals a view gives agree; the services check again before they write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role, User
from supervise.cases.models import Allocation, Child
from supervise.cases.selectors import visible_child_ids
from supervise.cases.services import ENTRY_LABELS
from supervise.compliance.dataset import dataset_from_db, scope_for
from supervise.organisations.models import Organisation
from supervise.people.models import StaffMember
from supervise.policy.engine import duties
from supervise.sessions.carrying import agenda_to_come
from supervise.sessions.case_template import discussion_order_of
from supervise.sessions.models import Action, AgendaItem, CaseDiscussion, Session
from supervise.sessions.states import EDITABLE_RECORD, ActionStatus, RecordStatus, SessionStatus

FINALISED_REFUSAL = "This record is finalised and cannot be changed. Add an addendum instead."


def sessions_for_page() -> QuerySet[Session]:
    return Session.objects.select_related(
        "organisation", "supervisor", "supervisee", "typist", "replaces"
    )


def may_view(viewer: Viewer, session: Session) -> bool:
    """The access rules, and business support only while the record they type is a draft."""
    if session.kind == Session.Kind.GROUP or not viewer.can_view_record(session):
        return False
    if viewer.record_relationship(session) == "typing up":
        return session.record_status in EDITABLE_RECORD and session.status == SessionStatus.HELD
    return True


def needs_manager_review(session: Session) -> bool:
    """Hertfordshire: "Once the casenote has been added, the manager will have 5 working days to
    review the casenote for accuracy ... the casenote will be finalised by the Manager"."""
    return "record_finalised" in session.organisation.pack.rules


@dataclass(frozen=True, slots=True)
class Abilities:
    relation: str | None
    add_agenda: bool
    write: bool
    assign_typist: bool
    send: bool
    sign: bool
    reopen: bool
    finalise: bool
    addendum: bool
    hold: bool

    @property
    def any_button(self) -> bool:
        return any((self.write, self.send, self.sign, self.reopen, self.finalise, self.addendum))


def abilities_of(viewer: Viewer, session: Session) -> Abilities:
    relation = viewer.record_relationship(session)
    supervisor = relation == "supervisor"
    supervisee = relation == "supervisee"
    held = session.status == SessionStatus.HELD
    formal = session.kind == Session.Kind.FORMAL
    state = session.record_status
    return Abilities(
        relation=relation,
        add_agenda=(supervisor or supervisee) and session.status == SessionStatus.PLANNED,
        write=held and viewer.can_edit_record(session),
        assign_typist=supervisor and held and state in EDITABLE_RECORD,
        send=supervisor and held and formal and state == RecordStatus.DRAFT,
        sign=supervisee and state == RecordStatus.AWAITING_SUPERVISEE,
        reopen=supervisor and state == RecordStatus.DECLINED,
        # The state alone decides: a record imported as signed by both but not finalised
        # must be finalisable whatever the pack (decision 0005).
        finalise=supervisor and state == RecordStatus.AWAITING_FINALISATION,
        addendum=(supervisor or supervisee) and state == RecordStatus.FINALISED,
        hold=supervisor and session.status == SessionStatus.PLANNED,
    )


def edit_refusal(viewer: Viewer, session: Session) -> str | None:
    """Why this viewer cannot change the record's content now (None when they can)."""
    if session.record_status == RecordStatus.FINALISED:
        return FINALISED_REFUSAL
    if session.status == SessionStatus.CANCELLED:
        return "This session was cancelled. There is no record to write."
    if session.status != SessionStatus.HELD:
        return "Only a session that took place can be written up."
    if session.record_status == RecordStatus.DECLINED:
        return f"{session.supervisee} declined to sign this record. Reopen it to change it."
    if session.record_status not in EDITABLE_RECORD:
        return (
            "This record has been sent for signature. The supervisor can reopen it if the "
            "supervisee declines it."
        )
    if not viewer.can_edit_record(session):
        return (
            "Only the supervisor, or business support asked to type it up, can write this record."
        )
    return None


def action_refusal(ability: str, session: Session, abilities: Abilities) -> str:
    """The message for an action the viewer may not take (the finalised lock comes first)."""
    if session.record_status == RecordStatus.FINALISED and ability != "addendum":
        return FINALISED_REFUSAL
    return {
        "send": "Only the supervisor can send this record, once it is written and not yet sent.",
        "sign": "Only the supervisee can sign or decline this record, while it waits for them.",
        "reopen": "Only the supervisor can reopen a record, after the supervisee declines it.",
        "finalise": "Only the supervisor can finalise this record, after the supervisee signs, "
        "where the policy asks for a manager review.",
        "addendum": "Only the supervisor or the supervisee can add an addendum, once the record "
        "is finalised.",
        "typist": "Only the supervisor can ask business support to type up a draft record.",
    }[ability]


# --- the record's content ------------------------------------------------------------------------

# Case supervision follows the child's record (issue 4): the people in the room read the whole
# record they wrote and sign (and business support the draft they were asked to type up);
# anyone else who may read the session (the supervisor's line manager, a new supervisor after a
# transfer, a third party under an access request) reads a child's discussion, and any action or
# agenda item about the child, only where they may read that child's record.
IN_THE_ROOM = ("supervisor", "supervisee", "typing up")


def readable_children(viewer: Viewer, session: Session, child_ids: set[int]) -> set[int]:
    """Which of these children, discussed or named in `session`, the viewer may read about
    there (`Viewer.can_view_child`'s rule, in one query)."""
    child_ids = {pk for pk in child_ids if pk}
    if not child_ids:
        return set()
    if viewer.record_relationship(session) in IN_THE_ROOM:
        return child_ids
    return visible_child_ids(viewer, child_ids, viewer.day)


def about_child_id(item: Any) -> int | None:
    """The child an action or agenda item is about (a carried action's child for an item that
    carried it), or None."""
    carried = getattr(item, "carried_action", None)
    return item.child_id or (carried.child_id if carried is not None else None)


@dataclass(frozen=True, slots=True)
class ChildFiltered:
    """Items of a record kept to the children the viewer may read, and how many were not."""

    shown: list[Any]
    withheld: int


def children_filtered(
    viewer: Viewer, session: Session, items: list[Any], readable: set[int] | None = None
) -> ChildFiltered:
    """`items` (discussions, actions, agenda items) without those about a child whose record
    the viewer may not read (`readable`, when already known for the session)."""
    if readable is None:
        readable = readable_children(viewer, session, {about_child_id(i) or 0 for i in items})
    shown = [i for i in items if about_child_id(i) is None or about_child_id(i) in readable]
    return ChildFiltered(shown=shown, withheld=len(items) - len(shown))


@dataclass(slots=True)
class Discussed:
    discussion: CaseDiscussion
    parts: list[tuple[str, str]]  # (label, text) of what was written, decisions last


@dataclass(slots=True)
class RecordView:
    headings: list[tuple[str, str, str]]  # (key, label, text), only those the viewer may read
    discussions: list[Discussed]
    actions: list[Action]
    agenda: list[AgendaItem]
    addenda: list[Any]
    written: bool = field(default=False)
    confidential: set[str] = field(default_factory=set)  # headings kept between the two
    # Case discussions (and actions or agenda items about a child) left out because the viewer
    # may not read the child's record: counted, never named.
    discussions_withheld: int = 0
    actions_withheld: int = 0
    agenda_withheld: int = 0
    # heading -> why a third party does not read it (a request to remove it, York standard 7)
    withheld: dict[str, str] = field(default_factory=dict)


def personal_headings(organisation: Organisation) -> list[tuple[str, str, str]]:
    """(key, label, hint) of the pack's personal record template."""
    template = organisation.pack.recording
    return [(h.key, h.label, h.hint) for h in template.personal] if template else []


def discussion_parts(discussion: CaseDiscussion, order: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, text) of what was written, in the case template's `order` (as the form asks it:
    `case_template.discussion_order_of`)."""
    labels = dict(ENTRY_LABELS)
    parts = []
    for name in order:
        label = labels[name]
        value = getattr(discussion, name)
        if name == "direction_of_risk" and value:
            value = discussion.get_direction_of_risk_display()
        if value:
            parts.append((label, value))
    return parts


def _withheld(
    session: Session, viewer: Viewer, entries: list[Any], visible: list[Any]
) -> dict[str, str]:
    """The sections kept from this (third-party) reader by a request to remove them, with the
    words said in their place; a confidential section stays unmentioned, heading and all."""
    from supervise.files.models import RedactionRequest
    from supervise.files.selectors import withheld_words

    shown = {e.pk for e in visible}
    removed = [
        e
        for e in entries
        if e.pk not in shown and (not e.confidential or viewer.can_see_confidential(session))
    ]
    if not removed:
        return {}
    latest = {
        request.entry_id: request
        for request in RedactionRequest.objects.filter(entry__in=removed)
        .select_related("requested_by__staff_member")
        .order_by("requested_at", "pk")
    }
    return {e.heading: withheld_words(latest.get(e.pk), session) for e in removed}


def record_of(session: Session, viewer: Viewer) -> RecordView:
    """The record as `viewer` may read it: entries kept confidential between supervisor and
    supervisee are left out, heading and all, for everyone else (Bath & NE Somerset s12)."""
    all_entries = list(session.entries.all())
    visible = viewer.visible_entries(session, all_entries)
    withheld = _withheld(session, viewer, all_entries, visible)
    hidden = {e.heading for e in all_entries} - {e.heading for e in visible} - set(withheld)
    entries = {e.heading: e.text for e in visible}
    headings = [
        (k, label, entries.pop(k, ""))
        for k, label, _ in personal_headings(session.organisation)
        if k not in hidden
    ]
    # Headings no longer in the template (imported, or the pack changed) are still shown.
    headings += [(k, k.replace("_", " ").capitalize(), text) for k, text in sorted(entries.items())]
    all_discussions = list(session.discussions.select_related("child").order_by("id"))
    all_actions = list(session.actions.select_related("owner", "child").order_by("due_on", "id"))
    all_agenda = list(
        session.agenda.select_related("added_by", "child", "carried_action").order_by("id")
    )
    everything = [*all_discussions, *all_actions, *all_agenda]
    readable = readable_children(viewer, session, {about_child_id(i) or 0 for i in everything})
    discussions = children_filtered(viewer, session, all_discussions, readable)
    actions = children_filtered(viewer, session, all_actions, readable)
    agenda = children_filtered(viewer, session, all_agenda, readable)
    order = discussion_order_of(session.organisation)
    view = RecordView(
        headings=headings,
        discussions=[Discussed(d, discussion_parts(d, order)) for d in discussions.shown],
        actions=actions.shown,
        agenda=agenda.shown,
        addenda=list(session.addenda.select_related("author").order_by("written_at")),
        confidential={e.heading for e in visible if e.confidential},
        withheld=withheld,
        discussions_withheld=discussions.withheld,
        actions_withheld=actions.withheld,
        agenda_withheld=agenda.withheld,
    )
    # Written or not is about the record, not about what this viewer may read of it.
    view.written = any(text for _, _, text in headings) or bool(
        discussions.shown or discussions.withheld
    )
    return view


# --- where the record is: words and the task list ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    status: str
    colour: str | None  # a GOV.UK tag colour for steps still to do; None when done


def state_words(session: Session) -> str:
    supervisee = session.supervisee
    if session.status == SessionStatus.CANCELLED:
        return "This session was cancelled, so there is no record."
    if session.status == SessionStatus.PLANNED:
        return "This session has not taken place yet. The record is written afterwards."
    return {
        RecordStatus.NOT_STARTED: "Nothing has been written yet.",
        RecordStatus.DRAFT: "Draft: the supervisor is writing up the record.",
        RecordStatus.AWAITING_SUPERVISEE: f"Sent to {supervisee} to read and sign.",
        RecordStatus.DECLINED: f"{supervisee} declined to sign. The supervisor can reopen the "
        "record to put it right.",
        RecordStatus.AWAITING_FINALISATION: "Signed by both. Waiting for the manager's review "
        "for accuracy, then finalisation.",
        RecordStatus.FINALISED: "Finalised: the record cannot be changed. Addenda can be added.",
    }.get(session.record_status, session.get_record_status_display())


def record_steps(session: Session, review: bool) -> list[Step]:
    """Write, send, sign, finalise: done, waiting, declined or not yet possible."""
    state = session.record_status
    held = session.status == SessionStatus.HELD
    sent = state in (
        RecordStatus.AWAITING_SUPERVISEE,
        RecordStatus.DECLINED,
        RecordStatus.AWAITING_FINALISATION,
        RecordStatus.FINALISED,
    )
    signed = state in (RecordStatus.AWAITING_FINALISATION, RecordStatus.FINALISED)
    not_yet = ("Cannot start yet", "grey")
    if sent:
        write = ("Completed", None)
    elif not held:
        write = not_yet
    else:
        write = (
            ("In progress", "light-blue")
            if state == RecordStatus.DRAFT
            else ("Not started", "blue")
        )
    if state == RecordStatus.DECLINED:
        sign = ("Declined", "red")
    elif signed:
        sign = ("Completed", None)
    else:
        sign = ("Waiting", "yellow") if sent else not_yet
    if state == RecordStatus.FINALISED:
        final = ("Completed", None)
    else:
        final = ("Waiting", "yellow") if state == RecordStatus.AWAITING_FINALISATION else not_yet
    return [
        Step("Write the record", *write),
        Step("Sent to the supervisee, signed by the supervisor",
             *(("Completed", None) if sent else not_yet)),
        Step("Signed by the supervisee", *sign),
        Step("Reviewed by the manager and finalised" if review else "Finalised", *final),
    ]  # fmt: skip


# --- children and actions for writing up ---------------------------------------------------------


def allocated_children(supervisee_id: int | None, on: date) -> list[Child]:
    if supervisee_id is None:
        return []
    allocations = Allocation.objects.filter(staff_id=supervisee_id, starts_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )
    return list(Child.objects.filter(allocations__in=allocations).distinct().order_by("name"))


def discussable_children(session: Session, on: date) -> dict[int, Child]:
    """Children this session may discuss: allocated to the supervisee today, tabled on the
    agenda, or already discussed in it."""
    children = {c.pk: c for c in allocated_children(session.supervisee_id, on)}
    tabled = Child.objects.filter(
        Q(pk__in=session.agenda.filter(child__isnull=False).values("child_id"))
        | Q(pk__in=session.discussions.values("child_id"))
    )
    children.update({c.pk: c for c in tabled})
    return dict(sorted(children.items(), key=lambda item: (item[1].name, item[0])))


def carried_actions(session: Session) -> list[AgendaItem]:
    """Agenda items that carried an earlier session's open action into this one."""
    return list(
        session.agenda.filter(carried_action__isnull=False)
        .select_related("carried_action", "carried_action__owner", "carried_action__child")
        .order_by("id")
    )


def business_support_users(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=organisation_id,
            is_active=True,
            role_grants__role=Role.BUSINESS_SUPPORT,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def typing_queue(user: Any) -> list[Session]:
    """Drafts this business support user was asked to type up."""
    return list(
        sessions_for_page()
        .filter(
            organisation_id=user.organisation_id,
            typist=user,
            status=SessionStatus.HELD,
            record_status__in=EDITABLE_RECORD,
        )
        .order_by("held_on", "id")
    )


# --- My supervision ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SupervisionDue:
    due_on: date
    every: str  # "every month"
    why: str  # "experienced"
    counted_from: date
    counted_from_is: str  # "last formal session"
    source_quote: str | None


@dataclass(slots=True)
class MySupervision:
    next_session: Session | None
    next_agenda: list[AgendaItem]
    children: list[Child]
    actions: list[Action]
    to_sign: list[Session]
    declined: list[Session]
    past: list[Session]
    due: SupervisionDue | None


def personal_supervision_due(staff: StaffMember, on: date) -> SupervisionDue | None:
    """The engine's P1 duty for this person: when, how often and why."""
    from supervise.agreements.selectors import interval_words

    organisation = staff.organisation
    dataset = dataset_from_db(organisation, scope_for(organisation, [staff.pk], on))
    for duty in duties(dataset, organisation.pack, on):
        if duty.rule == "personal_supervision" and duty.subject_id == staff.external_id:
            facts = duty.facts
            return SupervisionDue(
                due_on=duty.due_on,
                every=interval_words(str(facts["interval"])),
                why=str(facts.get("why", "")),
                counted_from=facts["reference_on"],
                counted_from_is=str(facts.get("reference", "")),
                source_quote=duty.source.quote,
            )
    return None


def my_supervision(staff: StaffMember, on: date) -> MySupervision:
    mine = sessions_for_page().filter(
        organisation_id=staff.organisation_id, supervisee=staff, kind=Session.Kind.FORMAL
    )
    next_session = (
        mine.filter(status=SessionStatus.PLANNED, scheduled_on__gte=on)
        .order_by("scheduled_on", "id")
        .first()
    )
    # With the open actions it will carry, so that the supervisee can prepare for them.
    agenda = agenda_to_come(next_session) if next_session else []
    actions = list(
        Action.objects.filter(owner=staff, status=ActionStatus.OPEN)
        .select_related("session", "child")
        .order_by("due_on", "id")
    )
    waiting = list(
        mine.filter(
            record_status__in=(RecordStatus.AWAITING_SUPERVISEE, RecordStatus.DECLINED)
        ).order_by("held_on", "id")
    )
    past = list(
        mine.filter(
            Q(status=SessionStatus.HELD) | Q(status=SessionStatus.CANCELLED, scheduled_on__lte=on)
        )
        .annotate(on_day=Coalesce("held_on", "scheduled_on"))
        .order_by("-on_day", "-id")[:24]
    )
    return MySupervision(
        next_session=next_session,
        next_agenda=agenda,
        children=allocated_children(staff.pk, on),
        actions=actions,
        to_sign=[s for s in waiting if s.record_status == RecordStatus.AWAITING_SUPERVISEE],
        declined=[s for s in waiting if s.record_status == RecordStatus.DECLINED],
        past=past,
        due=personal_supervision_due(staff, on),
    )
