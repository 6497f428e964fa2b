"""Third-party access to a supervision file, for a stated purpose only: the request, the
requester's list, the senior managers' decisions, and ending an access early."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from supervise.accounts.models import Role
from supervise.files.forms import AccessDecisionForm, AccessRequestForm, StaffSearchForm
from supervise.files.models import AccessPurpose, AccessRequest, AccessStatus
from supervise.files.selectors_pages import access_requests, staff_search
from supervise.files.services.third_party import (
    access_request_decide,
    access_request_make,
    access_request_withdraw,
)
from supervise.files.views.common import REFUSALS, refusal_words, staff_for
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.search import posted_search
from supervise.web.shortcuts import get_visible

# Roles that could need to read someone else's file for one of the stated purposes.
REQUESTERS = (
    Role.QUALITY_ASSURANCE,
    Role.HR,
    Role.INSPECTOR,
    Role.SENIOR_MANAGER,
    Role.ADMINISTRATOR,
)
# What the staff search is for: the page each result leads to.
SEARCH_TARGETS = {
    "access": ("Request access to a supervision file", "files:access-new"),
    "complaint": ("Record a complaint about a member of staff", "files:complaint-new"),
}


# The words searched are kept in the (server-side) session, never in the address: a person's
# name in a URL ends up in access logs, proxies and the sign-in page's "next" (security review;
# the children's search does the same, cases.views).
STAFF_SEARCH_KEY = "staff_search"


@requires(*REQUESTERS)
def find_staff(request: HttpRequest) -> HttpResponse:
    """Choose a member of staff by name (no JavaScript needed): for an access request, or for
    HR to record a complaint. The search is posted, kept in the session and the results shown
    at a plain address; only what the search is for (`for`) stays in it."""
    viewer = viewer_of(request)
    data = request.POST if request.method == "POST" else request.GET
    target = data.get("for", "access")
    if target not in SEARCH_TARGETS or (target == "complaint" and not viewer.has(Role.HR)):
        target = "access"
    here = f"{reverse('files:find-staff')}?for={target}"
    search = posted_search(
        request, form_class=StaffSearchForm, session_key=STAFF_SEARCH_KEY, here=here
    )
    if search.response is not None:
        return search.response
    assert search.form is not None
    text = str(search.saved.get("q") or "")
    return _staff_page(request, viewer, target, search.form, text)


def _staff_page(request, viewer, target: str, form: StaffSearchForm, text: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    title, url_name = SEARCH_TARGETS[target]
    exclude = viewer.staff.pk if viewer.staff and target == "access" else None
    found = staff_search(viewer.organisation_id, text, exclude=exclude)
    results = [
        (
            person,
            f"{reverse(url_name)}?staff={person.pk}"
            if target == "access"
            else reverse(url_name, args=[person.pk]),
        )
        for person in found
    ]
    return render(
        request,
        "files/find_staff.html",
        {
            "title": title,
            "target": target,
            "form": form,
            "q": text,
            "results": results,
            "searched": bool(text),
        },
    )


@requires(*REQUESTERS, methods=READ)
def access_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    return render(
        request,
        "files/access_list.html",
        {
            "lists": access_requests(viewer),
            "today": viewer.day,
            "granted": {g.pk for g in viewer.grants()},
            "is_senior": viewer.has(Role.SENIOR_MANAGER),
        },
    )


@requires(*REQUESTERS)
def access_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    raw = request.GET.get("staff", "")
    if not raw.isdigit():
        return redirect(f"{reverse('files:find-staff')}?for=access")
    me = viewer.staff.pk if viewer.staff else None
    staff = staff_for(request, int(raw), lambda s: s.pk != me and s.file_destroyed_on is None)
    form = AccessRequestForm(request.POST or None, today=viewer.day)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            access_request_make(
                actor=request.user,
                subject=staff,
                purpose=data["purpose"],
                reason=data["reason"],
                scope_from=data["scope_from"],
                scope_to=data["scope_to"],
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(
                request,
                f"Your request to read {staff.name}'s supervision file has been sent to a senior "
                "manager to decide",
            )
            return redirect("files:access")
    return render(request, "files/access_new.html", {"form": form, "staff": staff})


def _request(request: HttpRequest, pk: int, allowed) -> AccessRequest:  # type: ignore[no-untyped-def]
    return get_visible(
        request,
        AccessRequest.objects.select_related("subject", "requested_by", "decided_by"),
        pk,
        allowed=allowed,
    )


@requires(Role.SENIOR_MANAGER)
def access_decide(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    access = _request(request, pk, lambda r: True)
    own = access.requested_by_id == request.user.pk
    decidable = access.status == AccessStatus.REQUESTED and not own
    formal_concern = access.purpose == AccessPurpose.FORMAL_CONCERN
    form = AccessDecisionForm(request.POST or None, today=viewer.day, formal_concern=formal_concern)
    if request.method == "POST" and decidable and form.is_valid():
        data = form.cleaned_data
        approve = data["decision"] == "approve"
        try:
            access_request_decide(
                actor=request.user,
                request=access,
                approve=approve,
                note=data["note"],
                expires_on=data["expires_on"] if approve else None,
                include_confidential=bool(data.get("include_confidential")) and approve,
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            who = access.requested_by.get_full_name() or access.requested_by.get_username()
            messages.success(
                request,
                f"{'Approved' if approve else 'Refused'}: {who}'s request to read "
                f"{access.subject.name}'s file",
            )
            return redirect("files:access")
    return render(
        request,
        "files/access_decide.html",
        {"form": form, "access": access, "own": own, "decidable": decidable},
    )


@requires(*REQUESTERS)
def access_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The requester withdraws (or ends their access); a senior manager ends an access early."""
    viewer = viewer_of(request)
    access = _request(
        request,
        pk,
        lambda r: r.requested_by_id == request.user.pk or viewer.has(Role.SENIOR_MANAGER),
    )
    error = ""
    if request.method == "POST":
        try:
            access_request_withdraw(actor=request.user, request=access)
        except REFUSALS as refused:
            error = refusal_words(refused)
        else:
            messages.success(request, f"Access to {access.subject.name}'s file has ended")
            return redirect("files:access")
    endable = access.status in (AccessStatus.REQUESTED, AccessStatus.APPROVED)
    return render(
        request,
        "files/access_withdraw.html",
        {"access": access, "error": error, "endable": endable},
    )
