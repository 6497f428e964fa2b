"""Writing up a session: the pack's headings, case discussions (each written to the child's
record), actions, then send, sign or decline, finalise; afterwards only addenda.

Record states and their edges are in `supervise.sessions.states`. The supervisor writes (or
business support types up a draft they were asked to); only the supervisee signs; only the
supervisor finalises.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role
from supervise.audit.services import audit_record
from supervise.cases.models import Child
from supervise.cases.services import case_note_for_discussion
from supervise.people.models import StaffMember
from supervise.sessions.models import (
    Action,
    Addendum,
    AgendaItem,
    CaseDiscussion,
    RecordEntry,
    Session,
)
from supervise.sessions.services.common import (
    ActionRefused,
    lock_session,
    refuse_if_finalised,
    same_organisation,
    staff_of,
    today,
)
from supervise.sessions.states import (
    ACTION_TRANSITIONS,
    EDITABLE_RECORD,
    RECORD_TRANSITIONS,
    ActionStatus,
    RecordStatus,
    SessionStatus,
    check_record_transition,
    check_transition,
)

DISCUSSION_FIELDS = (
    "experience", "reflection", "analysis", "action_planning",
    "previous_actions_reviewed", "childs_voice", "progress_against_plan", "direction_of_risk",
    "worried_about", "working_well", "needs_to_happen",
    "equality_and_diversity", "decisions",
)  # fmt: skip


def _editor(actor: Any, session: Session) -> None:
    """The supervisor, or business support typing up this draft; the record must be editable."""
    same_organisation(actor, session)
    refuse_if_finalised(session)
    if session.status != SessionStatus.HELD:
        raise ActionRefused("Only a session that took place can be written up.")
    if session.record_status not in EDITABLE_RECORD:
        raise ActionRefused(
            "This record has been sent for signature. The supervisor can reopen it if the "
            "supervisee declines it."
        )
    if not Viewer(actor).can_edit_record(session):
        raise ActionRefused(
            "Only the supervisor, or business support asked to type it up, can write this record."
        )


def _supervisor_only(actor: Any, session: Session, what: str) -> StaffMember:
    same_organisation(actor, session)
    me = staff_of(actor)
    if me.pk != session.supervisor_id:
        raise ActionRefused(f"Only the supervisor can {what}.")
    return me


@transaction.atomic
def record_save(
    *,
    actor: Any,
    session: Session,
    entries: dict[str, str],
    confidential: set[str] | None = None,
) -> Session:
    """Save the text under the pack's personal-record headings (unknown headings refused).

    `confidential`, when given, names the headings supervisor and supervisee agreed to keep
    between themselves (the others become not confidential). Only the supervisor decides
    that: business support typing up the notes may write the text, never lift (or set) the
    mark, which would show a confidential item to the line manager (Bath & NE Somerset s.12)."""
    session = lock_session(session)
    _editor(actor, session)
    template = session.organisation.pack.recording
    allowed = {h.key for h in template.personal} if template else set()
    unknown = (set(entries) | (confidential or set())) - allowed
    if unknown:
        raise ActionRefused(f"Unknown headings: {', '.join(sorted(unknown))}")
    marked = dict(session.entries.values_list("heading", "confidential"))
    changes = {
        heading: heading in confidential
        for heading in entries
        if confidential is not None and marked.get(heading, False) != (heading in confidential)
    }
    if changes and not _is_supervisor(actor, session):
        raise ActionRefused("Only the supervisor can say which items are confidential.")
    for heading, text in entries.items():
        defaults: dict[str, Any] = {"text": text}
        if heading in changes:
            defaults["confidential"] = changes[heading]
        RecordEntry.objects.update_or_create(session=session, heading=heading, defaults=defaults)
    if session.record_status == RecordStatus.NOT_STARTED:
        session.record_status = RecordStatus.DRAFT
        session.save(update_fields=["record_status"])
    detail: dict[str, Any] = {"headings": sorted(entries)}
    if changes:  # who marked or unmarked what is part of the trail (the headings, never text)
        detail["confidential"] = {h: changes[h] for h in sorted(changes)}
    audit_record(action="record.saved", actor=actor, obj=session, detail=detail)
    return session


def _is_supervisor(actor: Any, session: Session) -> bool:
    staff = StaffMember.objects.filter(
        user=actor, organisation_id=getattr(actor, "organisation_id", None)
    ).first()
    return staff is not None and staff.pk == session.supervisor_id


@transaction.atomic
def discussion_save(
    *, actor: Any, session: Session, child: Child, fields: dict[str, str]
) -> CaseDiscussion:
    """Record a child's discussion and write it onto the child's record (first write dates it)."""
    session = lock_session(session)
    _editor(actor, session)
    same_organisation(actor, child)
    unknown = set(fields) - set(DISCUSSION_FIELDS)
    if unknown:
        raise ActionRefused(f"Unknown fields: {', '.join(sorted(unknown))}")
    discussion, created = CaseDiscussion.objects.get_or_create(
        session=session,
        child=child,
        defaults={"organisation": session.organisation, "worker": session.supervisee},
    )
    for name, value in fields.items():
        setattr(discussion, name, value)
    if discussion.recorded_on is None:
        discussion.recorded_on = today()
    discussion.save()
    case_note_for_discussion(discussion)
    audit_record(
        action="case_discussion.saved",
        actor=actor,
        obj=discussion,
        detail={"session": session.pk, "child": child.pk, "created": created},
    )
    return discussion


@transaction.atomic
def agenda_item_add(
    *, actor: Any, session: Session, text: str, child: Child | None = None
) -> AgendaItem:
    """Supervisor or supervisee adds an item (or tables a case) before the session: once it
    has taken place, what was discussed is the record's to say, not the agenda's."""
    session = lock_session(session)
    same_organisation(actor, session)
    refuse_if_finalised(session)
    me = staff_of(actor)
    if me.pk not in (session.supervisor_id, session.supervisee_id):
        raise ActionRefused("Only the supervisor and supervisee can add to this agenda.")
    if session.status == SessionStatus.CANCELLED:
        raise ActionRefused("This session was cancelled.")
    if session.status != SessionStatus.PLANNED:
        raise ActionRefused("This session has taken place: its agenda is closed.")
    if not text.strip() and child is None:
        raise ActionRefused("Say what to discuss.")
    item = AgendaItem.objects.create(session=session, added_by=me, text=text.strip(), child=child)
    audit_record(
        action="agenda.item_added",
        actor=actor,
        obj=session,
        detail={"item": item.pk, "child": child.pk if child else None},
    )
    return item


@transaction.atomic
def action_add(
    *,
    actor: Any,
    session: Session,
    owner: StaffMember,
    description: str,
    due_on: date | None = None,
    child: Child | None = None,
) -> Action:
    session = lock_session(session)
    _editor(actor, session)
    same_organisation(actor, owner)
    if owner.pk not in (session.supervisor_id, session.supervisee_id) and session.kind != "group":
        raise ActionRefused("An action belongs to the supervisor or the supervisee.")
    if not description.strip():
        raise ActionRefused("Describe the action.")
    action = Action.objects.create(
        organisation=session.organisation,
        session=session,
        owner=owner,
        description=description.strip(),
        due_on=due_on,
        child=child,
    )
    audit_record(action="action.added", actor=actor, obj=action, detail={"session": session.pk})
    return action


@transaction.atomic
def action_remove(*, actor: Any, action: Action) -> None:
    """Take back an action agreed by mistake (a typo, the wrong owner) while its session's
    record can still be written; once sent or finalised it stays, and an addendum corrects it.
    Not an action already carried into a later session: that is history, marked done or no
    longer needed instead."""
    session = lock_session(action.session)
    _editor(actor, session)
    refuse_if_finalised(session)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.times_carried or action.agenda_items.exists():
        raise ActionRefused(
            "This action has been carried into a later session: mark it done or no longer "
            "needed instead."
        )
    detail = {"session": session.pk, "action": action.pk}
    action.delete()
    audit_record(action="action.removed", actor=actor, obj=session, detail=detail)


@transaction.atomic
def action_set_status(*, actor: Any, action: Action, status: str) -> Action:
    """The owner or the supervisor marks an action done, no longer needed, or open again."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    same_organisation(actor, action)
    me = staff_of(actor)
    if me.pk not in (action.owner_id, action.session.supervisor_id):
        raise ActionRefused("Only the action's owner or the supervisor can change it.")
    check_transition(ACTION_TRANSITIONS, action.status, status, "An action")
    action.status = status
    action.completed_on = today() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "completed_on"])
    audit_record(action="action.status_changed", actor=actor, obj=action, detail={"status": status})
    return action


@transaction.atomic
def typist_assign(*, actor: Any, session: Session, typist: Any) -> Session:
    """The supervisor asks business support to type up their handwritten notes."""
    session = lock_session(session)
    _supervisor_only(actor, session, "ask for a record to be typed up")
    refuse_if_finalised(session)
    if typist is not None:
        same_organisation(actor, typist)
        if not Viewer(typist).has(Role.BUSINESS_SUPPORT):
            raise ActionRefused("Records can only be typed up by business support.")
    session.typist = typist
    session.save(update_fields=["typist"])
    audit_record(
        action="record.typist_assigned",
        actor=actor,
        obj=session,
        detail={"typist": typist.pk if typist else None},
    )
    return session


@transaction.atomic
def record_send(*, actor: Any, session: Session) -> Session:
    """The supervisor completes and signs the record and sends it to the supervisee."""
    session = lock_session(session)
    _supervisor_only(actor, session, "send the record")
    refuse_if_finalised(session)
    if session.kind != Session.Kind.FORMAL:
        raise ActionRefused("Only one-to-one records are signed by a supervisee.")
    now = timezone.now()
    session.record_completed_on = session.record_completed_on or timezone.localdate(now)
    session.supervisor_signed_on = timezone.localdate(now)
    session.supervisor_signed_at = now
    # The supervisee signs what the supervisor sent. An export can date a supervisee's
    # signature on a record the supervisor had not signed (imported as a draft): that one is
    # withdrawn, or the record would count as signed by both while it waits for them.
    withdrawn = session.supervisee_signed_on
    session.supervisee_signed_on = None
    session.supervisee_signed_at = None
    check_record_transition(session, RecordStatus.AWAITING_SUPERVISEE)
    session.record_status = RecordStatus.AWAITING_SUPERVISEE
    session.declined_reason = ""
    session.save()
    detail = {"supervisee_signature_withdrawn": withdrawn.isoformat()} if withdrawn else None
    audit_record(action="record.sent", actor=actor, obj=session, detail=detail)
    return session


def _supervisee_only(actor: Any, session: Session, what: str) -> None:
    same_organisation(actor, session)
    if staff_of(actor).pk != session.supervisee_id:
        raise ActionRefused(f"Only the supervisee can {what}.")


@transaction.atomic
def record_sign(*, actor: Any, session: Session, comment: str = "") -> Session:
    """The supervisee signs. Packs with a manager review (Hertfordshire) wait for it; the rest
    are finalised and locked now."""
    session = lock_session(session)
    _supervisee_only(actor, session, "sign this record")
    refuse_if_finalised(session)
    if not session.supervisor_signed_on:
        # Only a record the supervisor completed, signed and sent is signed by the supervisee:
        # their signature may finalise it, and a record is final when both have signed.
        raise ActionRefused(
            "Your supervisor has not signed this record yet. You can sign it once they have "
            "completed it and sent it to you."
        )
    needs_review = "record_finalised" in session.organisation.pack.rules
    new = RecordStatus.AWAITING_FINALISATION if needs_review else RecordStatus.FINALISED
    now = timezone.now()
    session.supervisee_signed_on = timezone.localdate(now)
    session.supervisee_signed_at = now
    check_record_transition(session, new)
    session.record_status = new
    session.supervisee_comment = comment
    if new == RecordStatus.FINALISED:
        session.finalised_on = timezone.localdate(now)
        session.finalised_at = now
    session.save()
    audit_record(
        action="record.signed",
        actor=actor,
        obj=session,
        detail={"finalised": new == RecordStatus.FINALISED},
    )
    return session


@transaction.atomic
def record_decline(*, actor: Any, session: Session, reason: str) -> Session:
    session = lock_session(session)
    _supervisee_only(actor, session, "decline this record")
    if not reason.strip():
        raise ActionRefused("Say why you are not signing, so your supervisor can put it right.")
    check_transition(RECORD_TRANSITIONS, session.record_status, RecordStatus.DECLINED, "A record")
    session.record_status = RecordStatus.DECLINED
    session.declined_reason = reason.strip()
    session.save(update_fields=["record_status", "declined_reason"])
    audit_record(action="record.declined", actor=actor, obj=session)
    return session


@transaction.atomic
def record_reopen(*, actor: Any, session: Session) -> Session:
    """After a decline, the supervisor reopens the draft; their signature is withdrawn."""
    session = lock_session(session)
    _supervisor_only(actor, session, "reopen the record")
    check_transition(RECORD_TRANSITIONS, session.record_status, RecordStatus.DRAFT, "A record")
    session.record_status = RecordStatus.DRAFT
    session.supervisor_signed_on = None
    session.supervisor_signed_at = None
    session.save(update_fields=["record_status", "supervisor_signed_on", "supervisor_signed_at"])
    audit_record(action="record.reopened", actor=actor, obj=session)
    return session


@transaction.atomic
def record_finalise(*, actor: Any, session: Session) -> Session:
    """The manager's review done (Hertfordshire): finalised and locked."""
    session = lock_session(session)
    _supervisor_only(actor, session, "finalise the record")
    check_record_transition(session, RecordStatus.FINALISED)
    now = timezone.now()
    session.record_status = RecordStatus.FINALISED
    session.finalised_on = timezone.localdate(now)
    session.finalised_at = now
    session.save(update_fields=["record_status", "finalised_on", "finalised_at"])
    audit_record(action="record.finalised", actor=actor, obj=session)
    return session


@transaction.atomic
def addendum_add(*, actor: Any, session: Session, text: str) -> Addendum:
    """A dated, attributed addition to a finalised record; the record itself stays as it was."""
    session = lock_session(session)
    same_organisation(actor, session)
    me = staff_of(actor)
    if me.pk not in (session.supervisor_id, session.supervisee_id):
        raise ActionRefused("Only the supervisor or the supervisee can add an addendum.")
    if session.record_status != RecordStatus.FINALISED:
        raise ActionRefused("The record is not finalised yet: change the record itself.")
    if not text.strip():
        raise ActionRefused("Write the addendum.")
    addendum = Addendum.objects.create(session=session, author=me, text=text.strip())
    audit_record(
        action="record.addendum_added", actor=actor, obj=session, detail={"addendum": addendum.pk}
    )
    return addendum
