"""A child's record (for the allocated worker, their management chain and the roles the
organisation grants), and writing on it outside a session."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import ValidationError

from supervise.api.guards import visible_child
from supervise.api.permissions import declare
from supervise.api.schemas.children import CaseNoteOut, ChildNoteIn, ChildOut
from supervise.api.schemas.common import errors
from supervise.cases.models import Allocation, CaseNote, Child
from supervise.cases.services import child_note_add

router = Router(tags=["Children"])


@router.get(
    "/children/{child_id}",
    response={200: ChildOut, **errors(401, 403, 404, 422)},
    summary="A child's record",
)
@declare(rule="a child's record you may read (Viewer.can_view_child; else 404); audited")
def child_detail(request: HttpRequest, child_id: int) -> Any:
    """The child, their statuses and allocations, and every entry supervision wrote on their
    record (newest first). The read is audited (without content)."""
    child = visible_child(request, child_id, read=True)
    return Child.objects.prefetch_related(
        "statuses",
        Prefetch("allocations", queryset=Allocation.objects.select_related("staff")),
        Prefetch("notes", queryset=CaseNote.objects.select_related("author", "case_discussion")),
    ).get(pk=child.pk)


@router.post(
    "/children/{child_id}/notes",
    response={201: CaseNoteOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Write on a child's record",
)
@declare(rule="staff who may read the child's record (else 404)")
def child_note_create(request: HttpRequest, child_id: int, payload: ChildNoteIn) -> Any:
    """Management oversight, an informal discussion or a decision, recorded on the child by
    someone who may see their record and has a staff record."""
    child = visible_child(request, child_id)
    if payload.happened_on > timezone.localdate():
        raise ValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ["body", "payload", "happened_on"],
                    "msg": "The date cannot be in the future",
                }
            ]
        )
    note = child_note_add(
        actor=request.user,
        child=child,
        kind=payload.kind,
        body=payload.body,
        happened_on=payload.happened_on,
    )
    return Status(201, note)
