"""A child's record: supervision entries, decisions and oversight notes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from supervise.cases.forms import ChildNoteForm
from supervise.cases.models import Child
from supervise.cases.selectors import child_page
from supervise.cases.services import NoteRefused, child_note_add
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import get_visible


def _child(request: HttpRequest, pk: int, *, audit: bool) -> Child:
    viewer = viewer_of(request)
    return get_visible(
        request,
        Child.objects.select_related("organisation"),
        pk,
        allowed=viewer.can_view_child,
        audit_as="child.viewed" if audit else None,
    )


@requires(methods=READ)
def child_record(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    child = _child(request, pk, audit=True)
    page = child_page(viewer, child, viewer.day)
    return render(request, "cases/child.html", {"page": page, "today": viewer.day})


@requires()
def note_new(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    child = _child(request, pk, audit=False)
    today = viewer.day
    if request.method == "POST":
        form = ChildNoteForm(request.POST, today=today)
        if form.is_valid():
            data = form.cleaned_data
            try:
                child_note_add(
                    actor=request.user,
                    child=child,
                    kind=data["kind"],
                    body=data["body"],
                    happened_on=data["happened_on"],
                )
            except (NoteRefused, PermissionDenied) as error:
                form.add_error(None, str(error.args[0]) if error.args else "You cannot do that.")
            else:
                messages.success(request, f"Added to {child}'s record")
                return redirect("cases:child", pk=child.pk)
    else:
        form = ChildNoteForm(initial={"happened_on": today}, today=today)
    return render(request, "cases/note_new.html", {"child": child, "form": form})
