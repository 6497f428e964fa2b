"""A change of supervisor: the file moves to the new supervisor, the earlier part is kept as
"Previous supervision — NAME", a three-way handover meeting can be recorded, and a new
agreement is started (Hull, Nottingham)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from supervise.accounts.models import Role
from supervise.files.forms import TransferForm
from supervise.files.selectors_pages import current_line, transfer_choices
from supervise.files.services.transfer import supervision_transfer
from supervise.files.views.common import REFUSALS, refusal_words, staff_for
from supervise.people.models import StaffMember
from supervise.policy.dates import format_long
from supervise.web.permissions import requires, viewer_of


@requires(Role.SUPERVISOR)
def transfer(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    me = viewer.staff.pk if viewer.staff else None

    def may_hand_over(staff: StaffMember) -> bool:
        # The outgoing supervisor, or a manager above them (the service also asks that the
        # manager is above the new supervisor, once they are chosen).
        line = current_line(staff, viewer.day)
        return line is not None and (
            me == line.supervisor_id or viewer.line_manager_of(line.supervisor_id)
        )

    staff = staff_for(request, staff_id, may_hand_over)
    line = current_line(staff, viewer.day)
    choices = transfer_choices(staff, line, viewer.day)
    form = TransferForm(request.POST or None, today=viewer.day, choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        incoming = StaffMember.objects.get(pk=data["incoming"], organisation=staff.organisation)
        try:
            supervision_transfer(
                actor=request.user,
                supervisee=staff,
                incoming=incoming,
                on=data["on"],
                meeting_held_on=data["meeting_held_on"],
                meeting_notes=data["meeting_notes"],
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(
                request,
                f"{staff.name}'s supervision moves to {incoming.name} from "
                f"{format_long(data['on'])}. Their file goes with it, and a new supervision "
                "agreement has been started for them to draft and sign.",
            )
            if viewer_of(request).file_relationship(staff) is not None:
                return redirect("files:file", staff_id=staff.pk)
            return redirect("sessions:team")
    return render(
        request,
        "files/transfer.html",
        {"form": form, "staff": staff, "line": line, "today": viewer.day},
    )
