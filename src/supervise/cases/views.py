"""A child's record: supervision entries, decisions and oversight notes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from supervise.audit.services import audit_record
from supervise.cases.forms import ChildNoteForm, ChildSearchForm
from supervise.cases.list_selectors import (
    CHILDREN_PER_PAGE,
    child_list_rows,
    children_found,
    sees_every_child,
)
from supervise.cases.models import Child
from supervise.cases.selectors import child_page
from supervise.cases.services import NoteRefused, child_note_add
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.search import posted_search
from supervise.web.shortcuts import client_address, get_visible, page_prefix


def _child(request: HttpRequest, pk: int, *, audit: bool) -> Child:
    viewer = viewer_of(request)
    return get_visible(
        request,
        Child.objects.select_related("organisation"),
        pk,
        allowed=viewer.can_view_child,
        audit_as="child.viewed" if audit else None,
    )


# The words searched are kept in the (server-side) session, never in the address: a child's
# name in a URL ends up in access logs, proxies and the sign-in page's "next" (security review).
SEARCH_KEY = "children_search"


@requires()
def children(request: HttpRequest) -> HttpResponse:
    """Find a child, or take a sample: the children this viewer may open, by name. The search
    is posted, kept in the session and the list shown at a plain address (then paged)."""
    viewer = viewer_of(request)
    search = posted_search(
        request, form_class=ChildSearchForm, session_key=SEARCH_KEY, here=reverse("cases:list")
    )
    if search.response is not None:
        return search.response
    form, saved = search.form, search.saved
    if form is not None and form.is_bound:  # posted with an error
        return _children_page(request, viewer, form, None, searched=True)
    found = children_found(
        viewer,
        viewer.day,
        words=saved.get("q", ""),
        include_closed=bool(saved.get("include_closed")),
    )
    return _children_page(request, viewer, form, found, searched=bool(saved.get("q")))


def _children_page(request, viewer, form, found, *, searched: bool) -> HttpResponse:  # type: ignore[no-untyped-def]
    page = Paginator(found if found is not None else [], CHILDREN_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = (
        child_list_rows(
            list(page.object_list),
            viewer.day,
            linked_staff=viewer.below(),
            counted_kinds=request.user.organisation.pack.qualifying_kinds,
        )
        if found is not None
        else []
    )
    # A list of names is a read: audited with counts only (never the words searched, which
    # may be a child's name).
    audit_record(
        action="children.listed",
        actor=request.user,
        organisation=request.user.organisation,
        address=client_address(request),
        detail={"shown": len(rows), "searched": searched},
    )
    return render(
        request,
        "cases/children.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "page_prefix": page_prefix(request),
            "every_child": sees_every_child(viewer),
            "today": viewer.day,
            "searching": searched,
        },
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
