"""Fetching a record for a view: only if the viewer may see it, and the read is audited.

Records outside the viewer's rights give 404, not 403, so that their existence is not revealed
(and another organisation's ids cannot be probed). The refusal is audited, as every refusal is
(`audit_refusal`: also the 403s, from `supervise.web.refusals` and the API).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from supervise.audit.services import audit_record
from supervise.web.permissions import viewer_of

M = TypeVar("M", bound=Model)


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


# Set on a request once its refusal is in the audit trail: a refusal is one row, however many
# layers (the record's 404, then a view's or the API's 403) see it.
REFUSAL_AUDITED = "_supervise_refusal_audited"


def audit_refusal(
    request: HttpRequest, *, object_type: str = "", object_id: str = "", reason: str = ""
) -> None:
    """An `access.refused` row: who, which page or API operation (its URL name) and address,
    when, from where. Never the query string or anything posted: they may hold a name."""
    if getattr(request, REFUSAL_AUDITED, False):
        return
    setattr(request, REFUSAL_AUDITED, True)
    user = request.user if request.user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    audit_record(
        action="access.refused",
        actor=user,
        organisation=getattr(user, "organisation", None),
        object_type=object_type,
        object_id=object_id,
        address=client_address(request),
        detail={
            "path": request.path,
            "operation": match.view_name if match else "",
            "method": request.method,
            **({"reason": reason} if reason else {}),
        },
    )


def get_visible(
    request: HttpRequest,
    queryset: QuerySet[M],
    pk: Any,
    allowed: Callable[[M], bool],
    *,
    audit_as: str | None = None,
    purpose: str = "",
) -> M:
    """The object, if in the viewer's organisation and `allowed(obj)`; else 404 (audited).

    `audit_as` names the read in the audit trail (e.g. "record.viewed"); leave it None for
    objects that are not records (lists, forms).
    """
    viewer = viewer_of(request)
    obj = queryset.filter(pk=pk, organisation_id=viewer.organisation_id).first()
    if obj is None or not allowed(obj):
        audit_refusal(request, object_type=queryset.model._meta.label_lower, object_id=str(pk))
        raise Http404("Not found")
    if audit_as:
        audit_read(request, obj, audit_as, purpose=purpose)
    return obj


def audit_read(
    request: HttpRequest, obj: Model, action: str, purpose: str = "", file_of: int | None = None
) -> None:
    """Audit a read. Reads of a supervisee's records name whose file they belong to (so that the
    supervisee can see who read their file, and why) and, for a third party, the purpose.
    `file_of`: whose file, for a part of a file that does not say it itself (a CPD entry)."""
    detail: dict[str, Any] = {}
    file_of = file_of or getattr(obj, "supervisee_id", None) or getattr(obj, "subject_id", None)
    if file_of:
        detail["file_of"] = file_of
        grant = viewer_of(request).grant_for(file_of)
        if grant is not None and not purpose:
            purpose = f"{grant.get_purpose_display()} (access request {grant.pk})"
    audit_record(
        action=action,
        actor=request.user,
        obj=obj,
        address=client_address(request),
        purpose=purpose,
        detail=detail,
    )


def page_prefix(request: HttpRequest) -> str:
    """The address of this list up to "page=" for the pagination links, keeping every other
    filter of the query string (web/includes/pagination.html)."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"?{encoded}&" if encoded else "?"
