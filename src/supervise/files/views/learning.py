"""Adding to the file: learning (the worker or their supervisor), CPD sign-off with the
discussion of its impact and appraisals (the supervisor), complaints (HR or the supervisor)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from supervise.accounts.models import Role
from supervise.files.forms import AppraisalForm, ComplaintForm, CpdSignOffForm, LearningForm
from supervise.files.models import LearningEntry
from supervise.files.services.learning import (
    appraisal_record,
    complaint_record,
    cpd_sign_off,
    learning_add,
)
from supervise.files.views.common import REFUSALS, refusal_words, staff_for
from supervise.people.models import StaffMember
from supervise.web.permissions import requires, viewer_of
from supervise.web.shortcuts import audit_read, get_visible


def _back_to_file(request: HttpRequest, staff: StaffMember, anchor: str) -> HttpResponse:
    """To the file, or HR's leavers page when the viewer cannot read the file itself."""
    viewer = viewer_of(request)
    if viewer.file_relationship(staff) is None:
        return redirect("files:leavers" if viewer.has(Role.HR) else "web:home")
    if viewer.staff is not None and viewer.staff.pk == staff.pk:
        return redirect(f"{reverse('files:mine')}#{anchor}")
    return redirect(f"{reverse('files:file', args=[staff.pk])}#{anchor}")


@requires()
def learning_new(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    staff = staff_for(
        request, staff_id, lambda s: viewer.file_relationship(s) in ("own file", "supervisor")
    )
    form = LearningForm(request.POST or None, today=viewer.day)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = learning_add(
                actor=request.user,
                staff=staff,
                kind=data["kind"],
                title=data["title"],
                on=data["on"],
                detail=data["detail"],
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(request, f"Added to the learning record: {entry.title}")
            return _back_to_file(request, staff, "learning")
    own = viewer.staff is not None and viewer.staff.pk == staff.pk
    return render(request, "files/learning_new.html", {"form": form, "staff": staff, "own": own})


@requires(Role.SUPERVISOR)
def cpd_sign_off_view(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    entry = get_visible(
        request,
        LearningEntry.objects.select_related("staff__organisation", "signed_off_by"),
        pk,
        allowed=lambda e: (
            e.kind == LearningEntry.Kind.CPD and viewer.file_relationship(e.staff) == "supervisor"
        ),
    )
    staff = entry.staff
    form: CpdSignOffForm | None = CpdSignOffForm(request.POST or None)
    if entry.signed_off_by_id:
        form = None  # signed off already: the page shows the sign-off
    elif request.method == "POST" and form.is_valid():
        try:
            cpd_sign_off(
                actor=request.user,
                entry=entry,
                impact_discussion=form.cleaned_data["impact_discussion"],
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(request, f"Signed off: {entry.title}")
            return _back_to_file(request, staff, "learning")
    # The page shows the CPD entry (and its sign-off): a read of the worker's file.
    audit_read(request, entry, "learning.viewed", file_of=staff.pk)
    return render(
        request, "files/cpd_sign_off.html", {"form": form, "entry": entry, "staff": staff}
    )


@requires(Role.SUPERVISOR)
def appraisal_new(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    staff = staff_for(request, staff_id, lambda s: viewer.file_relationship(s) == "supervisor")
    form = AppraisalForm(request.POST or None, today=viewer.day)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appraisal_record(
                actor=request.user,
                staff=staff,
                held_on=data["held_on"],
                summary=data["summary"],
                objectives=data["objectives"],
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(request, f"Recorded {staff.name}'s appraisal")
            return _back_to_file(request, staff, "appraisals")
    return render(request, "files/appraisal_new.html", {"form": form, "staff": staff})


@requires(Role.HR, Role.SUPERVISOR)
def complaint_new(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    staff = staff_for(
        request,
        staff_id,
        lambda s: viewer.has(Role.HR) or viewer.file_relationship(s) == "supervisor",
    )
    form = ComplaintForm(request.POST or None, today=viewer.day)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = complaint_record(
                actor=request.user,
                staff=staff,
                received_on=data["received_on"],
                summary=data["summary"],
                upheld=data["upheld"] == "yes",
                outcome=data["outcome"],
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(
                request,
                f"Recorded the complaint about {staff.name}"
                + (": upheld, so it is in their file" if complaint.upheld else ": not upheld"),
            )
            return _back_to_file(request, staff, "complaints")
    if viewer.file_relationship(staff) is not None:
        back = reverse("files:file", args=[staff.pk]) + "#complaints"
    else:
        back = reverse("files:find-staff") + "?for=complaint"
    return render(request, "files/complaint_new.html", {"form": form, "staff": staff, "back": back})
