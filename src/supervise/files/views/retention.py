"""HR's leavers and retention: archive a leaver's file, place and lift legal holds, see the
destruction date the policy sets and the tombstones of destroyed files. Destruction is the
scheduled job's (`supervise retention`); "Destroy now" is offered only once the date has come
and no hold is in place, after a confirmation page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from supervise.accounts.models import Role
from supervise.files.forms import HoldForm
from supervise.files.models import LegalHold
from supervise.files.selectors_pages import leavers_page
from supervise.files.services.retention import (
    active_hold,
    destroy_on,
    file_archive,
    file_destroy,
    legal_hold_lift,
    legal_hold_place,
)
from supervise.files.views.common import REFUSALS, refusal_words, staff_for
from supervise.people.models import StaffMember
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import get_visible


def _leaver(request: HttpRequest, staff_id: int) -> StaffMember:
    """A leaver of the organisation whose file still exists (404 otherwise)."""
    today = viewer_of(request).day
    return staff_for(
        request,
        staff_id,
        lambda s: s.left_on is not None and s.left_on <= today and s.file_destroyed_on is None,
    )


@requires(Role.HR, methods=READ)
def leavers(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    organisation = request.user.organisation
    return render(
        request,
        "files/leavers.html",
        {"page": leavers_page(organisation, viewer.day), "today": viewer.day},
    )


@requires(Role.HR, methods=("POST",))
def archive(request: HttpRequest, staff_id: int) -> HttpResponse:
    staff = _leaver(request, staff_id)
    try:
        file_archive(actor=request.user, staff=staff, on=viewer_of(request).day)
    except REFUSALS as error:
        messages.error(request, refusal_words(error))
    else:
        messages.success(request, f"{staff.name}'s file is archived with HR")
    return redirect("files:leavers")


@requires(Role.HR)
def hold_place(request: HttpRequest, staff_id: int) -> HttpResponse:
    staff = _leaver(request, staff_id)
    form = HoldForm(
        request.POST or None,
        label="Why must the file be kept?",
        hint="For example, the employment tribunal claim or investigation that needs it",
        required="Give the reason for the legal hold",
    )
    held = active_hold(staff)
    if request.method == "POST" and held is None and form.is_valid():
        try:
            legal_hold_place(actor=request.user, staff=staff, reason=form.cleaned_data["reason"])
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(
                request, f"{staff.name}'s file is under a legal hold: it will not be destroyed"
            )
            return redirect("files:leavers")
    return render(request, "files/hold_place.html", {"form": form, "staff": staff, "held": held})


@requires(Role.HR)
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold = get_visible(
        request, LegalHold.objects.select_related("staff", "placed_by"), pk, allowed=lambda h: True
    )
    form = HoldForm(
        request.POST or None,
        label="Why can the hold be lifted?",
        hint="For example, the claim was settled. Once lifted, the file is destroyed when its "
        "retention ends.",
        required="Give the reason for lifting the legal hold",
    )
    if request.method == "POST" and hold.active and form.is_valid():
        try:
            legal_hold_lift(actor=request.user, hold=hold, reason=form.cleaned_data["reason"])
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(request, f"The legal hold on {hold.staff.name}'s file is lifted")
            return redirect("files:leavers")
    return render(request, "files/hold_lift.html", {"form": form, "hold": hold})


@requires(Role.HR)
def destroy(request: HttpRequest, staff_id: int) -> HttpResponse:
    """Confirm, then destroy: allowed only when the policy's date has come and no hold."""
    staff = _leaver(request, staff_id)
    today = viewer_of(request).day
    due_on = destroy_on(staff)
    held = active_hold(staff)
    error = ""
    if request.method == "POST":
        try:
            tombstone = file_destroy(actor=request.user, staff=staff)
        except REFUSALS as refused:
            error = refusal_words(refused)
        else:
            gone = sum(tombstone.counts.values())
            messages.success(
                request,
                f"{staff.name}'s supervision file was destroyed: {gone} items deleted. A "
                "tombstone records whose file it was, when and under which policy.",
            )
            return redirect("files:leavers")
    return render(
        request,
        "files/destroy.html",
        {
            "staff": staff,
            "due_on": due_on,
            "held": held,
            "allowed": due_on is not None and due_on <= today and held is None,
            "error": error,
            "today": today,
        },
    )
