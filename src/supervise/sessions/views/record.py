"""The session page (status, where the record is, agenda, the record itself) and adding to the
agenda. Writing up is in record_write.py, signing in record_sign.py, My supervision and the
typing queue in mine.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from supervise.cases.models import Child
from supervise.sessions.carrying import carried_items
from supervise.sessions.forms_record import AgendaForm
from supervise.sessions.models import Session
from supervise.sessions.record_selectors import (
    abilities_of,
    allocated_children,
    children_filtered,
    needs_manager_review,
    record_of,
    record_steps,
    state_words,
)
from supervise.sessions.services import agenda_item_add
from supervise.sessions.states import SessionStatus
from supervise.sessions.views.record_common import (
    REFUSALS,
    detail_url,
    refusal_words,
    refuse,
    safe_next,
    visible_session,
)
from supervise.web.permissions import READ, requires, viewer_of


def _agenda_children(session: Session) -> dict[int, Child]:
    children = allocated_children(session.supervisee_id, timezone.localdate())
    return {child.pk: child for child in children}


@requires(methods=READ)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    group = Session.objects.filter(
        pk=pk, organisation_id=viewer.organisation_id, kind=Session.Kind.GROUP
    ).exists()
    if group:
        return redirect("sessions:group-detail", pk=pk)
    session = visible_session(request, pk, read=True)
    abilities = abilities_of(viewer, session)
    review = needs_manager_review(session)
    agenda_form = None
    if abilities.add_agenda:
        agenda_form = AgendaForm(
            children=_agenda_children(session), initial={"next": detail_url(session)}
        )
    # Before the session its agenda already shows the open actions it will carry, so both can
    # prepare (`supervise.sessions.carrying`). Those about a child follow the child's record,
    # as the record's own do.
    upcoming = children_filtered(
        viewer,
        session,
        carried_items(session) if session.status == SessionStatus.PLANNED else [],
    )
    record = record_of(session, viewer)
    # A cancelled session says when it was rearranged for; a rearranged one, what it replaces.
    replacement = (
        session.replacements.exclude(status=SessionStatus.CANCELLED)
        .order_by("scheduled_on")
        .first()
        if session.status == SessionStatus.CANCELLED
        else None
    )
    return render(
        request,
        "sessions/record/detail.html",
        {
            "session": session,
            "replacement": replacement,
            "can": abilities,
            "record": record,
            "agenda": record.agenda + upcoming.shown,
            "steps": record_steps(session, review),
            "state": state_words(session),
            "review": review,
            "agenda_form": agenda_form,
            "upcoming_withheld": upcoming.withheld,
            "today": timezone.localdate(),
        },
    )


@requires()
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item or table a case. Posted from the session page and from My supervision; on a
    problem the form is shown on its own page with what was typed."""
    viewer = viewer_of(request)
    session = visible_session(request, pk)
    abilities = abilities_of(viewer, session)
    if not abilities.add_agenda:
        return refuse(
            request,
            session,
            "Only the supervisor and the supervisee can add to the agenda, before the session "
            "takes place.",
        )
    children = _agenda_children(session)
    if request.method == "POST":
        form = AgendaForm(request.POST, children=children)
        if form.is_valid():
            child = children.get(int(form.cleaned_data["child"] or 0))
            try:
                agenda_item_add(
                    actor=request.user, session=session, text=form.cleaned_data["text"], child=child
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                tabled_only = child is not None and not form.cleaned_data["text"].strip()
                messages.success(
                    request,
                    f"{child} tabled for the session" if tabled_only else "Added to the agenda",
                )
                return redirect(safe_next(request, form.cleaned_data["next"], detail_url(session)))
    else:
        form = AgendaForm(children=children, initial={"next": detail_url(session)})
    return render(request, "sessions/record/agenda.html", {"session": session, "form": form})
