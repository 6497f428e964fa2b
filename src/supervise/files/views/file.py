"""The supervision file as the viewer may read it, its PDF (a subject access request, or an
approved third party within their scope), and the worker's "who read my file"."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from supervise.files.pdf import file_pdf
from supervise.files.selectors import file_contents
from supervise.files.selectors_pages import file_page, purpose_of
from supervise.files.selectors_reads import read_rows, reads_of
from supervise.files.views.common import audit_file, staff_for
from supervise.people.models import StaffMember
from supervise.web.permissions import READ, requires, viewer_of

READS_PER_PAGE = 50


def _own_staff(request: HttpRequest) -> StaffMember:
    staff = viewer_of(request).staff
    if staff is None:
        raise PermissionDenied("You have no supervision file in this organisation.")
    return staff


def _render_file(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    viewer = viewer_of(request)
    contents = file_contents(viewer, staff)
    if contents is None:  # the access rules changed between the check and now
        raise Http404("Not found")
    audit_file(
        request,
        staff,
        "file.viewed",
        relationship=contents.relationship,
        purpose=purpose_of(viewer, contents.relationship, staff.pk),
    )
    page = file_page(viewer, contents)
    return render(request, "files/file.html", {"page": page, "today": viewer.day})


@requires(methods=READ)
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in worker's own file ("My file")."""
    staff = _own_staff(request)
    staff = StaffMember.objects.select_related("organisation", "team").get(pk=staff.pk)
    return _render_file(request, staff)


@requires(methods=READ)
def file(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    staff = staff_for(request, staff_id, lambda s: viewer.file_relationship(s) is not None)
    return _render_file(request, staff)


@requires(methods=READ)
def pdf(request: HttpRequest, staff_id: int) -> HttpResponse:
    """The whole file for download: the worker's own (subject access request) or a third
    party's within the scope of their approved request."""
    viewer = viewer_of(request)
    staff = staff_for(request, staff_id, lambda s: viewer.file_relationship(s) is not None)
    contents = file_contents(viewer, staff)
    if contents is None:
        raise Http404("Not found")
    if contents.relationship not in ("own file", "third party"):
        raise PermissionDenied(
            "Only the worker (a subject access request) or a third party with approved access "
            "can download the whole file."
        )
    purpose = purpose_of(viewer, contents.relationship, staff.pk)
    who = request.user.get_full_name() or request.user.get_username()
    body = file_pdf(
        contents,
        requested_by=who,
        purpose="subject access request" if contents.relationship == "own file" else purpose,
    )
    audit_file(request, staff, "file.exported", relationship=contents.relationship, purpose=purpose)
    name = f"supervision-file-{staff.external_id}-{timezone.localdate():%Y-%m-%d}.pdf"
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@requires(methods=READ)
def who_read(request: HttpRequest) -> HttpResponse:
    """Every read of the worker's file by someone else: who, when, what, and why; repeated reads
    of the same thing by the same person on the same day are one row with their count."""
    staff = _own_staff(request)
    reads = reads_of(staff, exclude_user_id=request.user.pk)
    page = Paginator(reads, READS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "files/readers.html",
        {"staff": staff, "page": page, "reads": read_rows(page.object_list)},
    )
