"""Writing to a child's record: each case discussion's entry, and management oversight or
informal discussions recorded on the child directly (outside a session)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.audit.services import audit_record
from supervise.cases.models import Allocation, CaseNote, Child

# Labels of the case template's fields on the record and the child's record (the order they are
# written in is the template's: `supervise.sessions.case_template.discussion_order`).
ENTRY_LABELS = (
    ("previous_actions_reviewed", "Previous actions reviewed"),
    ("experience", "Experience"),
    ("reflection", "Reflection"),
    ("analysis", "Analysis"),
    ("childs_voice", "The child's voice and lived experience"),
    ("progress_against_plan", "Progress against the plan"),
    ("direction_of_risk", "Direction of risk"),
    ("worried_about", "What are we worried about?"),
    ("working_well", "What is working well?"),
    ("needs_to_happen", "What needs to happen?"),
    ("equality_and_diversity", "Equality and diversity"),
    ("action_planning", "Action planning"),
    ("decisions", "Decisions"),
)

NOTE_KIND_FOR_SESSION = {
    "formal": CaseNote.Kind.CASE_SUPERVISION,
    "group": CaseNote.Kind.GROUP_CASE_SUPERVISION,
    "informal": CaseNote.Kind.INFORMAL_DISCUSSION,
    "oversight": CaseNote.Kind.MANAGEMENT_OVERSIGHT,
}


class NoteRefused(ValueError):
    pass


def entry_text(discussion: Any, order: tuple[str, ...] | None = None) -> str:
    """The child's-record entry for a discussion: only the headings that were filled in, in the
    case template's `order` (by default the discussion's organisation's: pass it when writing
    many)."""
    from supervise.sessions.case_template import discussion_order_of

    if order is None:
        order = discussion_order_of(discussion.organisation)
    labels = dict(ENTRY_LABELS)
    parts = []
    for field in order:
        label = labels[field]
        value = getattr(discussion, field, "")
        if field == "direction_of_risk" and value:
            value = discussion.get_direction_of_risk_display()
        if value:
            # "What are we worried about?" takes no colon after its question mark.
            parts.append(f"{label}{'' if label.endswith('?') else ':'}\n{value}")
    return "\n\n".join(parts)


def case_note_for_discussion(discussion: Any) -> CaseNote:
    """Create or refresh the entry on the child's record (called inside the discussion's save;
    the record's own lock protects it once finalised)."""
    from supervise.sessions.case_template import discussion_order_of

    session = discussion.session
    values = {
        "organisation": discussion.organisation,
        "child": discussion.child,
        "kind": NOTE_KIND_FOR_SESSION[session.kind],
        "author": session.supervisor,
        "happened_on": session.held_on,
        "body": entry_text(discussion, discussion_order_of(session.organisation)),
    }
    note = CaseNote.objects.filter(case_discussion=discussion).first()
    if note is None:
        return CaseNote.objects.create(case_discussion=discussion, **values)
    if note.body != values["body"] or note.happened_on != values["happened_on"]:
        values["changed_at"] = timezone.now()
    for name, value in values.items():
        setattr(note, name, value)
    note.save()
    return note


@transaction.atomic
def child_note_add(
    *, actor: Any, child: Child, kind: str, body: str, happened_on: date
) -> CaseNote:
    """Management oversight, an informal discussion or a decision, recorded on the child.

    It is also a held session of kind `oversight` or `informal` with the child discussed, so
    that it appears in exports and counts where a pack says such discussions count.
    """
    from supervise.sessions.models import CaseDiscussion, Session
    from supervise.sessions.services.common import new_external_id, same_organisation, staff_of
    from supervise.sessions.states import RecordStatus, SessionStatus

    same_organisation(actor, child)
    author = staff_of(actor)
    if not Viewer(actor).can_view_child(child):
        raise NoteRefused("You can only write on the record of a child you work with.")
    if kind not in (
        CaseNote.Kind.MANAGEMENT_OVERSIGHT,
        CaseNote.Kind.INFORMAL_DISCUSSION,
        CaseNote.Kind.DECISION,
    ):
        raise NoteRefused("Choose management oversight, informal discussion or decision.")
    if not body.strip():
        raise NoteRefused("Write what was discussed or decided.")
    worker_id = (
        Allocation.objects.filter(child=child, ends_on__isnull=True)
        .values_list("staff_id", flat=True)
        .first()
    )
    session = Session.objects.create(
        organisation=child.organisation,
        external_id=new_external_id("N"),
        kind=Session.Kind.INFORMAL
        if kind == CaseNote.Kind.INFORMAL_DISCUSSION
        else Session.Kind.OVERSIGHT,
        status=SessionStatus.HELD,
        supervisor=author,
        supervisee_id=worker_id if worker_id != author.pk else None,
        held_on=happened_on,
        record_status=RecordStatus.DRAFT,
    )
    discussion = CaseDiscussion.objects.create(
        organisation=child.organisation,
        session=session,
        child=child,
        worker_id=worker_id,
        decisions=body.strip(),
        recorded_on=happened_on,
    )
    # Finalised only once its discussion exists: the database refuses rows added to a
    # finalised record (supervise.audit.dbguard).
    session.record_status = RecordStatus.FINALISED
    session.finalised_on = happened_on
    session.save(update_fields=["record_status", "finalised_on"])
    note = CaseNote.objects.create(
        organisation=child.organisation,
        child=child,
        kind=kind,
        author=author,
        happened_on=happened_on,
        body=body.strip(),
        case_discussion=discussion,
    )
    audit_record(
        action="child.note_added", actor=actor, obj=note, detail={"child": child.pk, "kind": kind}
    )
    return note
