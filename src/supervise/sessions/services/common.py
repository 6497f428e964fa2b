"""What the session services share: refusals, ids, the acting person, and locking."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from supervise.people.models import StaffMember
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus


class ActionRefused(ValueError):
    """A business action that cannot be done as asked; the message says why, for people."""


class InputRefused(ActionRefused):
    """What was given for one field (`field`) is missing or wrong: a form shows the message
    beside that field, the API answers 422 naming it (not 409: nothing about the record's state
    stands in the way)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def new_external_id(prefix: str) -> str:
    """Ids for records created in Supervise (imported ones keep their source system's ids)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def today() -> date:
    return timezone.localdate()


def staff_of(actor: Any) -> StaffMember:
    """The acting user's staff record in their own organisation (PermissionDenied if none)."""
    staff = StaffMember.objects.filter(
        user=actor, organisation_id=getattr(actor, "organisation_id", None)
    ).first()
    if staff is None:
        raise PermissionDenied("Only staff with a staff record can do this.")
    return staff


def same_organisation(actor: Any, *objects: Any) -> None:
    org = getattr(actor, "organisation_id", None)
    if org is None or any(obj.organisation_id != org for obj in objects):
        raise PermissionDenied("That record belongs to another organisation.")


def lock_session(session: Session) -> Session:
    """Re-read the session FOR UPDATE, so two requests cannot change it at once."""
    return Session.objects.select_for_update().get(pk=session.pk)


def refuse_if_finalised(session: Session) -> None:
    if session.record_status == RecordStatus.FINALISED:
        raise ActionRefused(
            "This record is finalised and cannot be changed. Add an addendum instead."
        )
