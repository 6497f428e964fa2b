"""Sessions a viewer may see, and one session's whole record."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role
from supervise.sessions.carrying import carried_items
from supervise.sessions.models import Action, AgendaItem, CaseDiscussion, Session
from supervise.sessions.record_selectors import (
    about_child_id,
    children_filtered,
    readable_children,
)
from supervise.sessions.states import EDITABLE_RECORD, SessionStatus


def sessions_visible_to(viewer: Viewer) -> QuerySet[Session]:
    """The sessions whose record `viewer.can_view_record` allows, as one query.

    Mirrors `Viewer.record_relationship` and `can_view_group_session` (a test checks that the
    two agree on every session): one-to-one records for the supervisee, the supervisor, the
    supervisor's line manager, business support typing them up and third parties under an
    approved access request (within its dates); group sessions for the facilitator, the
    participants and the facilitator's line manager.
    """
    base = Session.objects.filter(organisation_id=viewer.organisation_id).select_related(
        "supervisor", "supervisee"
    )
    personal = Q(pk__in=[])
    group = Q(pk__in=[])
    if viewer.staff is not None:
        me = viewer.staff.pk
        managed = viewer.supervisees()  # supervisors whose line manager the viewer is
        personal = Q(supervisee_id=me) | Q(supervisor_id=me) | Q(supervisor_id__in=managed)
        group = Q(supervisor_id=me) | Q(participants=me) | Q(supervisor_id__in=managed)
    if viewer.has(Role.BUSINESS_SUPPORT):
        # Only while the record they type up is a draft: typing done, their access ends.
        personal |= Q(typist_id=viewer.user.pk, record_status__in=EDITABLE_RECORD)
    for grant in viewer.grants():  # a third party under an approved access request
        # Records of the request's date range, each judged by its day (`session_day`: held,
        # else planned; an undated one is outside any range).
        outside = Q(pk__in=[])
        undated = Q(held_on__isnull=True, scheduled_on__isnull=True)
        if grant.scope_from:
            outside |= Q(held_on__lt=grant.scope_from) | undated
            outside |= Q(held_on__isnull=True, scheduled_on__lt=grant.scope_from)
        if grant.scope_to:
            outside |= Q(held_on__gt=grant.scope_to) | undated
            outside |= Q(held_on__isnull=True, scheduled_on__gt=grant.scope_to)
        # A held session's record once sent, not while a draft (Viewer.can_view_record).
        draft = Q(status=SessionStatus.HELD, record_status__in=EDITABLE_RECORD)
        personal |= Q(supervisee_id=grant.subject_id) & ~outside & ~draft
    visible = (~Q(kind=Session.Kind.GROUP) & personal) | (Q(kind=Session.Kind.GROUP) & group)
    return base.filter(visible).distinct()


def session_record(session: Session, viewer: Viewer) -> dict[str, Any]:
    """Everything written in a session that the viewer may read: headings, discussions, agenda,
    actions, signatures and addenda. Entries kept confidential between supervisor and
    supervisee, and sections removed for third parties, are left out for those who may not
    read them (`Viewer.visible_entries`): their heading reads as not written. Discussions,
    actions and agenda items about a child follow the child's record (`children_filtered`,
    as on the web page): left out, and counted, for whoever may not read it. A planned session's
    agenda ends with the open actions it will carry (`id` null until it is held)."""
    session = (
        Session.objects.select_related("supervisor", "supervisee", "organisation")
        .prefetch_related(
            "entries",
            Prefetch(
                "discussions",
                queryset=CaseDiscussion.objects.select_related("child", "worker"),
            ),
            Prefetch(
                "agenda",
                queryset=AgendaItem.objects.select_related("added_by", "child", "carried_action"),
            ),
            Prefetch("actions", queryset=Action.objects.select_related("owner", "child")),
            "addenda__author",
        )
        .get(pk=session.pk)
    )
    shown = viewer.visible_entries(session, session.entries.all())
    texts = {entry.heading: entry.text for entry in shown}
    confidential = {entry.heading for entry in shown if entry.confidential}
    template = session.organisation.pack.recording
    headings = [
        {
            "key": h.key,
            "label": h.label,
            "hint": h.hint,
            "text": texts.pop(h.key, ""),
            "confidential": h.key in confidential,
        }
        for h in (template.personal if template else ())
    ]
    # Imported records may carry headings the authority's template no longer has.
    headings += [
        {"key": k, "label": k, "hint": "", "text": v, "confidential": k in confidential}
        for k, v in sorted(texts.items())
    ]
    agenda = list(session.agenda.all())
    if session.status == SessionStatus.PLANNED:
        # Before the session its agenda shows the open actions it will carry, as the web page
        # does (`supervise.sessions.carrying`): unsaved items, stored when it is held.
        agenda += carried_items(session)
    items = {
        "discussions": list(session.discussions.all()),
        "agenda": agenda,
        "actions": list(session.actions.all()),
    }
    everything = [item for kind in items.values() for item in kind]
    readable = readable_children(viewer, session, {about_child_id(i) or 0 for i in everything})
    discussions, agenda, actions = (
        children_filtered(viewer, session, kind, readable) for kind in items.values()
    )
    return {
        **{field: getattr(session, field) for field in SUMMARY_FIELDS},
        "supervisor": session.supervisor,
        "supervisee": session.supervisee,
        "cancel_note": session.cancel_note,
        "headings": headings,
        "discussions": discussions.shown,
        "discussions_withheld": discussions.withheld,
        "agenda": agenda.shown,
        "agenda_withheld": agenda.withheld,
        "actions": actions.shown,
        "actions_withheld": actions.withheld,
        "signatures": {field: getattr(session, field) for field in SIGNATURE_FIELDS},
        "addenda": list(session.addenda.all()),
    }


SUMMARY_FIELDS = (
    "id", "external_id", "kind", "status", "record_status", "scheduled_on", "held_on",
    "duration_minutes", "venue", "cancelled_by", "cancel_reason", "record_completed_on",
    "supervisor_signed_on", "supervisee_signed_on", "finalised_on",
)  # fmt: skip
SIGNATURE_FIELDS = (
    "supervisor_signed_on", "supervisor_signed_at", "supervisee_signed_on",
    "supervisee_signed_at", "finalised_on", "finalised_at", "declined_reason",
    "supervisee_comment",
)  # fmt: skip
