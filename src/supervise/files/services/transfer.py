"""A change of supervisor: the file moves to the new supervisor, the earlier part kept as
"Previous supervision — NAME" (Hull), a three-way handover meeting recorded where possible
(Nottingham, Hull), and a new agreement started."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from supervise.accounts.access import Viewer
from supervise.agreements.models import Agreement
from supervise.agreements.services import template_terms
from supervise.audit.services import audit_record
from supervise.files.models import Handover
from supervise.people.models import StaffMember, SupervisionLine
from supervise.sessions.services.common import ActionRefused, new_external_id, same_organisation


@transaction.atomic
def supervision_transfer(
    *,
    actor: Any,
    supervisee: StaffMember,
    incoming: StaffMember,
    on: date,
    meeting_held_on: date | None = None,
    meeting_notes: str = "",
) -> Handover:
    """Move the supervisee to `incoming` from `on` (a manager above both, or the outgoing
    supervisor, does this)."""
    same_organisation(actor, supervisee, incoming)
    current = (
        SupervisionLine.objects.select_for_update()
        .filter(supervisee=supervisee, cover=False, starts_on__lte=on)
        .filter(ends_on__isnull=True)
        .first()
    )
    if current is None:
        raise ActionRefused(f"{supervisee} has no current supervisor to hand over from.")
    if current.supervisor_id == incoming.pk:
        raise ActionRefused(f"{incoming} already supervises {supervisee}.")
    if incoming.pk == supervisee.pk:
        raise ActionRefused("Nobody supervises themselves.")
    viewer = Viewer(actor)
    me = viewer.staff.pk if viewer.staff else None
    if me != current.supervisor_id and not (
        viewer.line_manager_of(current.supervisor_id) and viewer.line_manager_of(incoming.pk)
    ):
        raise ActionRefused(
            "The outgoing supervisor, or a manager above both supervisors, hands over."
        )
    if on <= current.starts_on:
        raise ActionRefused("The handover must be after the current supervision began.")
    outgoing = current.supervisor
    current.ends_on = on - timedelta(days=1)
    current.save(update_fields=["ends_on"])
    SupervisionLine.objects.create(
        organisation=supervisee.organisation,
        supervisee=supervisee,
        supervisor=incoming,
        starts_on=on,
    )
    handover = Handover.objects.create(
        organisation=supervisee.organisation,
        supervisee=supervisee,
        outgoing=outgoing,
        incoming=incoming,
        transferred_on=on,
        meeting_held_on=meeting_held_on,
        meeting_notes=meeting_notes.strip(),
        recorded_by=actor,
    )
    agreement = Agreement.objects.create(
        organisation=supervisee.organisation,
        external_id=new_external_id("AG"),
        supervisee=supervisee,
        supervisor=incoming,
        reason=Agreement.Reason.CHANGE_OF_SUPERVISOR,
        **template_terms(supervisee.organisation.pack),
    )
    audit_record(
        action="file.transferred",
        actor=actor,
        obj=handover,
        detail={
            "file_of": supervisee.pk,
            "from": outgoing.pk,
            "to": incoming.pk,
            "agreement": agreement.pk,
        },
    )
    return handover
