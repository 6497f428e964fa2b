"""Third-party access to a supervision file, for a stated purpose only; and requests to remove
sensitive sections before a third party reads them (York standard 7)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role
from supervise.audit.services import audit_record
from supervise.files.models import (
    ACCESS_TRANSITIONS,
    AccessPurpose,
    AccessRequest,
    AccessStatus,
    RedactionRequest,
    RedactionStatus,
)
from supervise.people.models import StaffMember
from supervise.sessions.models import RecordEntry
from supervise.sessions.services.common import ActionRefused, same_organisation
from supervise.sessions.states import check_transition

MAX_ACCESS_DAYS = 92  # an approval lasts at most about three months; renew if needed
# Who may ask to read someone else's file: the roles whose work the purposes describe.
REQUESTERS = (
    Role.SENIOR_MANAGER, Role.QUALITY_ASSURANCE, Role.HR, Role.INSPECTOR, Role.ADMINISTRATOR,
    Role.SUPERVISOR,
)  # fmt: skip


@transaction.atomic
def access_request_make(
    *,
    actor: Any,
    subject: StaffMember,
    purpose: str,
    reason: str,
    scope_from: date | None = None,
    scope_to: date | None = None,
) -> AccessRequest:
    same_organisation(actor, subject)
    if purpose not in AccessPurpose.values:
        raise ActionRefused("Choose one of the purposes the policy allows.")
    if not reason.strip():
        raise ActionRefused("Say why you need this file for that purpose.")
    if scope_from and scope_to and scope_to < scope_from:
        raise ActionRefused("The end of the period must be after its start.")
    viewer = Viewer(actor)
    if viewer.staff is not None and viewer.staff.pk == subject.pk:
        raise ActionRefused("You can read your own file without a request.")
    if not viewer.has(*REQUESTERS):
        raise ActionRefused("Your role cannot ask to read another person's supervision file.")
    request = AccessRequest.objects.create(
        organisation=subject.organisation,
        requested_by=actor,
        subject=subject,
        purpose=purpose,
        reason=reason.strip(),
        scope_from=scope_from,
        scope_to=scope_to,
    )
    audit_record(
        action="access_request.made",
        actor=actor,
        obj=request,
        purpose=request.get_purpose_display(),
        detail={"file_of": subject.pk},
    )
    return request


@transaction.atomic
def access_request_decide(
    *,
    actor: Any,
    request: AccessRequest,
    approve: bool,
    note: str = "",
    expires_on: date | None = None,
    include_confidential: bool = False,
) -> AccessRequest:
    """A senior manager approves (with an expiry date) or refuses; never their own request."""
    request = AccessRequest.objects.select_for_update().get(pk=request.pk)
    same_organisation(actor, request)
    viewer = Viewer(actor)
    if not viewer.has(Role.SENIOR_MANAGER):
        raise ActionRefused("Only a senior manager can decide an access request.")
    if request.requested_by_id == actor.pk:
        raise ActionRefused("You cannot approve your own request.")
    new = AccessStatus.APPROVED if approve else AccessStatus.REFUSED
    check_transition(ACCESS_TRANSITIONS, request.status, new, "An access request")
    if approve:
        today = timezone.localdate()
        if expires_on is None or expires_on < today:
            raise ActionRefused("Give the date the access ends (today or later).")
        if (expires_on - today).days > MAX_ACCESS_DAYS:
            raise ActionRefused(f"Access can be approved for {MAX_ACCESS_DAYS} days at most.")
        if include_confidential and request.purpose != AccessPurpose.FORMAL_CONCERN:
            raise ActionRefused(
                "Confidential items can only be opened for a formal concern about practice."
            )
        request.expires_on = expires_on
        request.include_confidential = include_confidential
    request.status = new
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    audit_record(
        action="access_request.decided",
        actor=actor,
        obj=request,
        purpose=request.get_purpose_display(),
        detail={
            "approved": approve,
            "file_of": request.subject_id,
            "include_confidential": request.include_confidential,
        },
    )
    return request


@transaction.atomic
def access_request_withdraw(*, actor: Any, request: AccessRequest) -> AccessRequest:
    """The requester withdraws; or a senior manager ends an approved access early."""
    request = AccessRequest.objects.select_for_update().get(pk=request.pk)
    same_organisation(actor, request)
    if request.requested_by_id != actor.pk and not Viewer(actor).has(Role.SENIOR_MANAGER):
        raise ActionRefused("Only the requester or a senior manager can end this access.")
    check_transition(
        ACCESS_TRANSITIONS, request.status, AccessStatus.WITHDRAWN, "An access request"
    )
    request.status = AccessStatus.WITHDRAWN
    request.save(update_fields=["status"])
    audit_record(
        action="access_request.withdrawn",
        actor=actor,
        obj=request,
        detail={"file_of": request.subject_id},
    )
    return request


@transaction.atomic
def redaction_request_make(*, actor: Any, entry: RecordEntry, reason: str) -> RedactionRequest:
    """The supervisor or supervisee asks that a section is not shown to a third party."""
    session = entry.session
    same_organisation(actor, session)
    viewer = Viewer(actor)
    me = viewer.staff.pk if viewer.staff else None
    if me not in (session.supervisor_id, session.supervisee_id):
        raise ActionRefused("Only the supervisor or the supervisee can ask for this.")
    if not reason.strip():
        raise ActionRefused("Say why this section should not be read by a third party.")
    if not entry.text.strip():
        raise ActionRefused("Nothing is written in this section, so there is nothing to keep.")
    request = RedactionRequest.objects.create(
        organisation=session.organisation, entry=entry, requested_by=actor, reason=reason.strip()
    )
    audit_record(
        action="redaction.requested",
        actor=actor,
        obj=request,
        detail={"file_of": session.supervisee_id, "session": session.pk},
    )
    return request


@transaction.atomic
def redaction_decide(
    *, actor: Any, request: RedactionRequest, grant: bool, reason: str
) -> RedactionRequest:
    """The Assistant Director decides, "in the light of any relevant legal or HR advice"."""
    request = RedactionRequest.objects.select_for_update().get(pk=request.pk)
    same_organisation(actor, request)
    if not Viewer(actor).has(Role.ASSISTANT_DIRECTOR):
        raise ActionRefused("Only the Assistant Director can decide this request.")
    if request.status != RedactionStatus.REQUESTED:
        raise ActionRefused("This request has already been decided.")
    if not reason.strip():
        raise ActionRefused("Record the reasons for the decision.")
    request.status = RedactionStatus.GRANTED if grant else RedactionStatus.REFUSED
    request.decided_by, request.decided_at = actor, timezone.now()
    request.decision_reason = reason.strip()
    request.save()
    audit_record(
        action="redaction.decided",
        actor=actor,
        obj=request,
        detail={"granted": grant, "file_of": request.entry.session.supervisee_id},
    )
    return request
