"""Archiving a leaver's file and destroying it when the policy's retention ends.

Destroyed means deleted, not hidden: the leaver's session records, agreements, observations,
learning, appraisals, complaints and handovers are deleted in the database (beneath which the
retention guard is lifted for exactly this), leaving a tombstone (whose file, when, which
policy). Entries on children's records stay: case supervision follows the child's record, not
the worker's file. Nothing is destroyed before its date, judged by the real date (the
destroying path takes none), or while a legal hold is in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from supervise.agreements.models import Agreement
from supervise.audit.dbguard import LiftRefused, lifted
from supervise.audit.services import audit_record
from supervise.files.models import (
    AccessRequest,
    Appraisal,
    Complaint,
    Handover,
    LearningEntry,
    LegalHold,
    Tombstone,
)
from supervise.organisations.models import Organisation
from supervise.people.models import StaffMember
from supervise.policy.dates import format_long
from supervise.policy.pack import Within
from supervise.policy.rules.retention import destruction_date
from supervise.quality.models import Observation
from supervise.sessions.models import Action, Addendum, AgendaItem, CaseDiscussion, Session


class RetentionRefused(ValueError):
    """A file that may not be destroyed (yet), archived or held as asked; says why."""


def _hr_only(actor: Any, staff: StaffMember, what: str) -> None:
    """HR acts on leavers' files (and the retention job, which runs as nobody)."""
    if actor is None:
        return
    from supervise.accounts.access import Viewer
    from supervise.accounts.models import Role

    if getattr(actor, "organisation_id", None) != staff.organisation_id or not Viewer(actor).has(
        Role.HR
    ):
        raise RetentionRefused(f"Only HR can {what}.")


def destroy_on(staff: StaffMember) -> date | None:
    """The first day the pack allows this leaver's file to be destroyed (None: never)."""
    rule = staff.organisation.pack.rules.get("file_destruction")
    if staff.left_on is None or not isinstance(rule, Within):
        return None
    return destruction_date(staff.left_on, rule)


def active_hold(staff: StaffMember) -> LegalHold | None:
    return staff.legal_holds.filter(lifted_at__isnull=True).first()


@transaction.atomic
def file_archive(*, actor: Any, staff: StaffMember, on: date | None = None) -> StaffMember:
    """HR receives a leaver's file (Hull: within 1 month of leaving)."""
    _hr_only(actor, staff, "archive a leaver's file")
    staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
    if staff.left_on is None:
        raise RetentionRefused(f"{staff} has not left: only a leaver's file is archived.")
    if staff.file_archived_on is not None:
        raise RetentionRefused(
            f"{staff}'s file was archived on {format_long(staff.file_archived_on)}."
        )
    staff.file_archived_on = on or timezone.localdate()
    staff.save(update_fields=["file_archived_on"])
    audit_record(
        action="file.archived",
        actor=actor,
        obj=staff,
        detail={"destroy_on": str(destroy_on(staff) or "")},
    )
    return staff


@transaction.atomic
def legal_hold_place(*, actor: Any, staff: StaffMember, reason: str) -> LegalHold:
    _hr_only(actor, staff, "place a legal hold")
    if not reason.strip():
        raise RetentionRefused("Give the reason for the legal hold.")
    if active_hold(staff) is not None:
        raise RetentionRefused(f"{staff}'s file is already under a legal hold.")
    hold = LegalHold.objects.create(
        organisation=staff.organisation, staff=staff, reason=reason.strip(), placed_by=actor
    )
    audit_record(action="file.legal_hold_placed", actor=actor, obj=staff, detail={"hold": hold.pk})
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: Any, hold: LegalHold, reason: str) -> LegalHold:
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    _hr_only(actor, hold.staff, "lift a legal hold")
    if hold.lifted_at is not None:
        raise RetentionRefused("This legal hold has already been lifted.")
    if not reason.strip():
        raise RetentionRefused("Give the reason for lifting the legal hold.")
    hold.lifted_by, hold.lifted_at, hold.lift_reason = actor, timezone.now(), reason.strip()
    hold.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    audit_record(
        action="file.legal_hold_lifted", actor=actor, obj=hold.staff, detail={"hold": hold.pk}
    )
    return hold


@dataclass(frozen=True, slots=True)
class DueFile:
    staff: StaffMember
    due_on: date
    held: bool


def files_due(*, organisation: Organisation, today: date) -> list[DueFile]:
    """Leavers whose file's retention has ended and that still exist."""
    leavers = StaffMember.objects.filter(
        organisation=organisation, left_on__isnull=False, file_destroyed_on__isnull=True
    ).select_related("organisation")
    due = []
    for staff in leavers:
        day = destroy_on(staff)
        if day is not None and day <= today:
            due.append(DueFile(staff, day, active_hold(staff) is not None))
    return due


@transaction.atomic
def file_destroy(*, actor: Any, staff: StaffMember) -> Tombstone:
    """Delete a leaver's supervision file once the policy allows; keep a tombstone.

    The day is always the real one (`timezone.localdate()`), never a caller's: a date passed in
    once let `--as-of 2099-01-01` destroy a file due in 2033 at once. Previews take a day
    (`retention_preview`); destroying never does."""
    today = timezone.localdate()
    _hr_only(actor, staff, "destroy a file")
    staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
    due_on = destroy_on(staff)
    if due_on is None:
        raise RetentionRefused(
            f"The {staff.organisation.policy} policy names no retention period for leavers' "
            "files, or this person has not left: nothing may be destroyed."
        )
    if today < due_on:
        raise RetentionRefused(
            f"{staff}'s file must be kept until {format_long(due_on)}: not destroyed."
        )
    if active_hold(staff) is not None:
        raise RetentionRefused(f"{staff}'s file is under a legal hold: not destroyed.")
    if staff.file_destroyed_on is not None:
        raise RetentionRefused(
            f"{staff}'s file was destroyed on {format_long(staff.file_destroyed_on)}."
        )
    try:
        with lifted("retention"):
            counts = _delete_file(staff)
    except LiftRefused as refused:
        raise RetentionRefused(f"{staff}'s file was not destroyed: {refused}") from refused
    staff.file_destroyed_on = today
    staff.save(update_fields=["file_destroyed_on"])
    rule = staff.organisation.pack.rules["file_destruction"]
    tombstone = Tombstone.objects.create(
        organisation=staff.organisation,
        staff_external_id=staff.external_id,
        left_on=staff.left_on,
        due_on=due_on,
        destroyed_at=timezone.now(),
        destroyed_by=actor.get_username()
        if getattr(actor, "is_authenticated", False)
        else "retention job",
        policy=staff.organisation.policy,
        policy_source=rule.source.label,
        counts=counts,
    )
    audit_record(
        action="file.destroyed",
        actor=actor,
        obj=staff,
        detail={"tombstone": tombstone.pk, "counts": counts},
    )
    return tombstone


def _delete_file(staff: StaffMember) -> dict[str, int]:
    """Delete the file's rows (the retention guard lifted); how many of each kind."""
    sessions = Session.objects.filter(supervisee=staff)
    counts: dict[str, int] = {}
    for label, queryset in (
        ("addenda", Addendum.objects.filter(session__in=sessions)),
        ("actions", Action.objects.filter(session__in=sessions)),
        ("agenda items", AgendaItem.objects.filter(session__in=sessions)),
        ("case discussions", CaseDiscussion.objects.filter(session__in=sessions)),
        ("sessions", None),
        ("agreements", Agreement.objects.filter(supervisee=staff)),
        ("observations", Observation.objects.filter(observed=staff)),
        ("learning", LearningEntry.objects.filter(staff=staff)),
        ("appraisals", Appraisal.objects.filter(staff=staff)),
        ("complaints", Complaint.objects.filter(staff=staff)),
        ("handovers", Handover.objects.filter(supervisee=staff)),
        ("access requests", AccessRequest.objects.filter(subject=staff)),
        ("legal holds", LegalHold.objects.filter(staff=staff)),
    ):
        if queryset is None:
            counts[label] = _delete_sessions(set(sessions.values_list("pk", flat=True)))
            continue
        _, by_model = queryset.delete()  # the total would include cascaded rows too
        counts[label] = by_model.get(queryset.model._meta.label, 0)
    return counts


def _delete_sessions(remaining: set[int]) -> int:
    """Delete sessions, each only once no remaining session `replaces` it.

    Deleting a cancelled session that a later (finalised) one rearranged would make Django set
    that one's `replaces` to NULL first (on_delete=SET_NULL): an UPDATE of a finalised record,
    which the database refuses even to the retention job. Newest rearrangement first, there is
    never anything left to set to NULL."""
    deleted = 0
    while remaining:
        replaced = set(
            Session.objects.filter(pk__in=remaining, replaces__in=remaining).values_list(
                "replaces_id", flat=True
            )
        )
        ready = remaining - replaced
        if not ready:  # pragma: no cover - a rearrangement is always of an earlier session
            raise RetentionRefused("The file's sessions replace one another in a circle.")
        _, by_model = Session.objects.filter(pk__in=ready).delete()
        deleted += by_model.get(Session._meta.label, 0)
        remaining = remaining - ready
    return deleted


@dataclass(frozen=True, slots=True)
class RetentionOutcome:
    due: DueFile
    outcome: str  # destroyed, would be destroyed, kept: legal hold, NOT destroyed: why
    failed: bool = False


def retention_run(*, organisation: Organisation, actor: Any = None) -> list[RetentionOutcome]:
    """Destroy every file whose date has come by today (skipping legal holds); say what was done.

    Each file is destroyed in its own transaction: one that fails (the database refuses, say)
    is reported with its reason, audited, and left whole, and the others are still destroyed.
    Call it outside a transaction, as the command does, for that to hold."""
    outcomes = []
    for due in files_due(organisation=organisation, today=timezone.localdate()):
        if due.held:
            outcomes.append(RetentionOutcome(due, "kept: legal hold"))
            continue
        try:
            file_destroy(actor=actor, staff=due.staff)
        except (RetentionRefused, DatabaseError) as error:
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            # Its class only: a database's message may quote a row's values.
            audit_record(
                action="file.destroy_failed",
                actor=actor,
                obj=due.staff,
                detail={"error": type(error).__name__},
            )
            outcomes.append(RetentionOutcome(due, f"NOT destroyed: {reason}", failed=True))
        else:
            outcomes.append(RetentionOutcome(due, "destroyed"))
    return outcomes


def retention_preview(
    *, organisation: Organisation, on: date | None = None
) -> list[RetentionOutcome]:
    """What `retention_run` would do on `on` (default today), as things stand: nothing is
    destroyed, so any day may be asked about."""
    day = on or timezone.localdate()
    return [
        RetentionOutcome(due, "kept: legal hold" if due.held else "would be destroyed")
        for due in files_due(organisation=organisation, today=day)
    ]
