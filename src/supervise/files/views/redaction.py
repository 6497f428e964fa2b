"""Requests to keep a sensitive section of a record from a third party (York standard 7): the
supervisor or supervisee asks, the Assistant Director decides, and the decision is kept."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from supervise.accounts.models import Role
from supervise.files.forms import RedactionDecisionForm, RedactionRequestForm
from supervise.files.models import RedactionRequest, RedactionStatus
from supervise.files.selectors_pages import redaction_queue
from supervise.files.services.third_party import redaction_decide, redaction_request_make
from supervise.files.views.common import REFUSALS, refusal_words
from supervise.sessions.models import RecordEntry, Session
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import audit_read, get_visible

DECIDING = "Deciding a request to remove a section before a third party reads it"


def _heading_label(entry: RecordEntry) -> str:
    recording = entry.session.organisation.pack.recording
    labels = {h.key: h.label for h in recording.personal} if recording else {}
    return labels.get(entry.heading, entry.heading.replace("_", " ").capitalize())


@requires()
def redaction_new(request: HttpRequest, entry_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    me = viewer.staff.pk if viewer.staff else None
    entry = (
        RecordEntry.objects.select_related("session")
        .filter(pk=entry_id, session__organisation_id=viewer.organisation_id)
        .first()
    )
    # Only the two people in the room ask: 404 for anyone else (audited by get_visible).
    session = get_visible(
        request,
        Session.objects.select_related("organisation", "supervisee", "supervisor"),
        entry.session_id if entry else 0,
        allowed=lambda s: me is not None and me in (s.supervisor_id, s.supervisee_id),
    )
    entry.session = session
    open_requests = list(
        entry.redaction_requests.exclude(status=RedactionStatus.REFUSED).select_related(
            "decided_by"
        )
    )
    form = RedactionRequestForm(request.POST or None)
    if request.method == "POST" and not open_requests and form.is_valid():
        try:
            redaction_request_make(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(
                request,
                f"Your request about ‘{_heading_label(entry)}’ has been sent to the Assistant "
                "Director to decide",
            )
            if session.supervisee and viewer.file_relationship(session.supervisee):
                if session.supervisee_id == me:
                    return redirect("files:mine")
                return redirect("files:file", staff_id=session.supervisee_id)
            return redirect("sessions:detail", pk=session.pk)
    # The page shows the section's text: a read of the record, audited as the record's page is.
    audit_read(request, session, "record.viewed")
    return render(
        request,
        "files/redaction_new.html",
        {
            "form": form,
            "entry": entry,
            "session": session,
            "label": _heading_label(entry),
            "open_requests": open_requests,
            "own": session.supervisee_id == me,
        },
    )


@requires(Role.ASSISTANT_DIRECTOR, methods=READ)
def redactions(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    return render(
        request, "files/redactions.html", {"queue": redaction_queue(viewer.organisation_id)}
    )


@requires(Role.ASSISTANT_DIRECTOR)
def redaction_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    redaction = get_visible(
        request,
        RedactionRequest.objects.select_related(
            "entry__session__organisation",
            "entry__session__supervisee",
            "entry__session__supervisor",
            "requested_by",
            "decided_by",
        ),
        pk,
        allowed=lambda r: True,
    )
    entry = redaction.entry
    session = entry.session
    # The Assistant Director reads the section to decide: a read of the worker's record, audited
    # with why. A confidential section stays between the two (its text is not shown).
    if request.method == "GET" and not entry.confidential:
        audit_read(request, session, "record.viewed", purpose=DECIDING)
    form = RedactionDecisionForm(request.POST or None)
    decidable = redaction.status == RedactionStatus.REQUESTED
    if request.method == "POST" and decidable and form.is_valid():
        grant = form.cleaned_data["decision"] == "grant"
        try:
            redaction_decide(
                actor=request.user,
                request=redaction,
                grant=grant,
                reason=form.cleaned_data["reason"],
            )
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(
                request,
                f"Decided: ‘{_heading_label(entry)}’ in {session.supervisee}'s record is "
                + ("removed from what third parties read" if grant else "not removed"),
            )
            return redirect("files:redactions")
    return render(
        request,
        "files/redaction_decide.html",
        {
            "form": form,
            "redaction": redaction,
            "entry": entry,
            "session": session,
            "label": _heading_label(entry),
            "decidable": decidable,
        },
    )
