"""The file's learning module, appraisals and upheld complaints."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role
from supervise.audit.services import audit_record
from supervise.files.models import Appraisal, Complaint, LearningEntry
from supervise.people.models import StaffEvent, StaffMember
from supervise.sessions.services.common import ActionRefused, same_organisation, staff_of


def _self_or_supervisor(actor: Any, staff: StaffMember) -> StaffMember:
    same_organisation(actor, staff)
    me = staff_of(actor)
    if me.pk != staff.pk and Viewer(actor).file_relationship(staff) != "supervisor":
        raise ActionRefused("Only the worker or their supervisor can add to this file.")
    return me


@transaction.atomic
def learning_add(
    *,
    actor: Any,
    staff: StaffMember,
    kind: str,
    title: str,
    on: date | None = None,
    detail: str = "",
) -> LearningEntry:
    _self_or_supervisor(actor, staff)
    if kind not in LearningEntry.Kind.values:
        raise ActionRefused("Choose what kind of learning this is.")
    if not title.strip():
        raise ActionRefused("Give it a title.")
    entry = LearningEntry.objects.create(
        organisation=staff.organisation,
        staff=staff,
        kind=kind,
        title=title.strip(),
        on=on,
        detail=detail.strip(),
    )
    audit_record(action="learning.added", actor=actor, obj=entry, detail={"file_of": staff.pk})
    return entry


@transaction.atomic
def cpd_sign_off(*, actor: Any, entry: LearningEntry, impact_discussion: str) -> LearningEntry:
    """The manager signs off CPD with the recorded discussion of its impact (Bath & NE
    Somerset section 9)."""
    entry = LearningEntry.objects.select_for_update().get(pk=entry.pk)
    same_organisation(actor, entry)
    if Viewer(actor).file_relationship(entry.staff) != "supervisor":
        raise ActionRefused("Only the worker's supervisor signs off their CPD.")
    if entry.signed_off_at is not None:
        raise ActionRefused("This CPD was signed off already: its record stays as it was.")
    if not impact_discussion.strip():
        raise ActionRefused("Record the discussion of the impact on the worker's development.")
    entry.impact_discussion = impact_discussion.strip()
    entry.signed_off_by = staff_of(actor)
    entry.signed_off_at = timezone.now()
    entry.completed = True
    entry.save()
    audit_record(
        action="learning.signed_off", actor=actor, obj=entry, detail={"file_of": entry.staff_id}
    )
    return entry


@transaction.atomic
def appraisal_record(
    *, actor: Any, staff: StaffMember, held_on: date, summary: str, objectives: str = ""
) -> Appraisal:
    """The annual appraisal; also the `appraisal` event the engine counts (rule D1)."""
    same_organisation(actor, staff)
    if Viewer(actor).file_relationship(staff) != "supervisor":
        raise ActionRefused("The worker's supervisor records their appraisal.")
    if held_on > timezone.localdate():
        raise ActionRefused("An appraisal cannot be recorded before it happens.")
    if not summary.strip():
        raise ActionRefused("Summarise the appraisal.")
    appraisal = Appraisal.objects.create(
        organisation=staff.organisation,
        staff=staff,
        held_on=held_on,
        appraiser=staff_of(actor),
        summary=summary.strip(),
        objectives=objectives.strip(),
    )
    StaffEvent.objects.create(
        organisation=staff.organisation, staff=staff, on=held_on, kind="appraisal"
    )
    audit_record(
        action="appraisal.recorded", actor=actor, obj=appraisal, detail={"file_of": staff.pk}
    )
    return appraisal


@transaction.atomic
def complaint_record(
    *,
    actor: Any,
    staff: StaffMember,
    received_on: date,
    summary: str,
    upheld: bool,
    outcome: str = "",
) -> Complaint:
    """HR or the supervisor records a complaint and its outcome; the file shows upheld ones."""
    same_organisation(actor, staff)
    viewer = Viewer(actor)
    if not viewer.has(Role.HR) and viewer.file_relationship(staff) != "supervisor":
        raise ActionRefused("HR or the worker's supervisor records complaints.")
    if not summary.strip():
        raise ActionRefused("Summarise the complaint.")
    complaint = Complaint.objects.create(
        organisation=staff.organisation,
        staff=staff,
        received_on=received_on,
        summary=summary.strip(),
        upheld=upheld,
        outcome=outcome.strip(),
    )
    audit_record(
        action="complaint.recorded",
        actor=actor,
        obj=complaint,
        detail={"file_of": staff.pk, "upheld": upheld},
    )
    return complaint
