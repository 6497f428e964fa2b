"""What the file's views share: fetching a member of staff whose file the viewer may use (404
otherwise, audited), auditing reads of the whole file, and refusals in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from supervise.audit.services import audit_record
from supervise.files.services.retention import RetentionRefused
from supervise.people.models import StaffMember
from supervise.sessions.services import ActionRefused
from supervise.sessions.states import TransitionError
from supervise.web.shortcuts import client_address, get_visible

# What the services raise when they will not do what was asked; each carries words for people.
REFUSALS = (ActionRefused, TransitionError, PermissionDenied, RetentionRefused)


def refusal_words(error: Exception) -> str:
    if isinstance(error, TransitionError):
        return "That cannot be done: it has already been decided or ended."
    return str(error.args[0]) if error.args else "You cannot do that."


def staff_for(
    request: HttpRequest, staff_id: int, allowed: Callable[[StaffMember], bool]
) -> StaffMember:
    """The member of staff, if in the viewer's organisation and `allowed`; else 404 (audited)."""
    return get_visible(
        request,
        StaffMember.objects.select_related("organisation", "team"),
        staff_id,
        allowed=allowed,
    )


def audit_file(
    request: HttpRequest, staff: StaffMember, action: str, *, relationship: str, purpose: str
) -> None:
    """A read of the whole file: whose file, as what, and (for a third party) the purpose, so
    that the worker can see who read their file and why. Never any content."""
    detail: dict[str, Any] = {"file_of": staff.pk, "as": relationship}
    audit_record(
        action=action,
        actor=request.user,
        obj=staff,
        address=client_address(request),
        purpose=purpose,
        detail=detail,
    )
