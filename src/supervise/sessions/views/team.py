"""The supervisor's pages: My team, a supervisee, scheduling, cancelling and holding sessions.
Group case supervision is in team_group.py (its views are named here for the URL map)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from supervise.accounts.models import Role
from supervise.people.models import StaffMember
from supervise.policy.dates import Interval, format_long, working_calendar
from supervise.sessions.duty_words import every
from supervise.sessions.forms_team import CancelForm, HoldForm, ScheduleForm
from supervise.sessions.models import Session
from supervise.sessions.selectors import team_page
from supervise.sessions.selectors_supervisee import may_view_supervisee, supervisee_page
from supervise.sessions.services import (
    ActionRefused,
    InputRefused,
    replacement_proposal,
    session_cancel,
    session_held_on_change,
    session_hold,
    session_schedule,
)
from supervise.sessions.services.scheduling import required_interval
from supervise.sessions.states import EDITABLE_RECORD, SessionStatus, TransitionError
from supervise.sessions.views.team_group import group_detail, group_finalise, group_new
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import get_visible

__all__ = [
    "cancel", "group_detail", "group_finalise", "group_new", "hold", "my_team", "schedule",
    "supervisee",
]  # fmt: skip

# What a service raises when it will not do what was asked; each carries words for people.
REFUSALS = (ActionRefused, TransitionError, PermissionDenied)

NOT_PLANNED = {
    SessionStatus.HELD: "This session has already taken place, so it cannot be changed here.",
    SessionStatus.CANCELLED: "This session has already been cancelled.",
}


def refusal_words(error: Exception) -> str:
    if isinstance(error, TransitionError):
        return "That cannot be done: the session is no longer planned."
    return str(error.args[0]) if error.args else "You cannot do that."


def _formal_session(request: HttpRequest, pk: int, *, supervisee_too: bool) -> Session:
    """A formal session of the viewer's (as supervisor, or supervisee when allowed); else 404."""
    viewer = viewer_of(request)
    me = viewer.staff.pk if viewer.staff else None

    def mine(session: Session) -> bool:
        return me is not None and (
            session.supervisor_id == me or (supervisee_too and session.supervisee_id == me)
        )

    queryset = Session.objects.filter(kind=Session.Kind.FORMAL).select_related(
        "supervisor", "supervisee", "organisation"
    )
    return get_visible(request, queryset, pk, allowed=mine)


@requires(Role.SUPERVISOR, methods=READ)
def my_team(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    page = team_page(viewer, viewer.day)
    return render(request, "sessions/team/my_team.html", {"page": page, "today": viewer.day})


@requires(methods=READ)
def supervisee(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    staff = get_visible(
        request,
        StaffMember.objects.select_related("team", "organisation"),
        staff_id,
        allowed=lambda s: may_view_supervisee(viewer, s),
        audit_as="supervisee.viewed",
    )
    page = supervisee_page(viewer, staff, viewer.day)
    return render(request, "sessions/team/supervisee.html", {"page": page, "today": viewer.day})


def _replaced_session(request: HttpRequest, staff: StaffMember) -> Session | None:
    """The cancelled session a booking replaces (from the cancel page's button), if it is one
    of this supervisee's."""
    raw = request.GET.get("replaces", "")
    if not raw.isdigit():
        return None
    return Session.objects.filter(
        pk=int(raw),
        organisation_id=staff.organisation_id,
        supervisee=staff,
        status=SessionStatus.CANCELLED,
    ).first()


def _initial_date(request: HttpRequest, today: date) -> date | None:
    try:
        day = date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return None
    return day if day >= today else None


def _booked_words(sessions: list[Session], interval: Interval | None) -> str:
    """'Monday 30 November 2026, Monday 14 December 2026 (moved from …) and …'."""
    words = []
    for index, session in enumerate(sessions):
        text = format_long(session.scheduled_on)
        if index and interval is not None:
            expected = interval.after(sessions[index - 1].scheduled_on)
            if expected != session.scheduled_on:
                text += f" (moved from {format_long(expected)}, not a working day)"
        words.append(text)
    if len(words) > 1:
        return ", ".join(words[:-1]) + " and " + words[-1]
    return words[0]


@requires(Role.SUPERVISOR)
def schedule(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    staff = get_visible(
        request,
        StaffMember.objects.select_related("organisation"),
        staff_id,
        allowed=lambda s: s.pk in viewer.supervisees(),
    )
    today = viewer.day
    organisation = staff.organisation
    interval = required_interval(organisation, staff, today)
    calendar = working_calendar(organisation.pack.bank_holidays)
    options = {"calendar": calendar, "today": today, "frequency": every(interval)}
    replaced = _replaced_session(request, staff)
    if request.method == "POST":
        form = ScheduleForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                sessions = session_schedule(
                    actor=request.user,
                    supervisee=staff,
                    on=data["on"],
                    repeat=data["repeat"],
                    venue=data["venue"],
                    duration_minutes=data["duration_minutes"],
                    replaces=replaced,
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                count = len(sessions)
                messages.success(
                    request,
                    f"Booked {count} session{'s' if count != 1 else ''} with {staff.name}: "
                    f"{_booked_words(sessions, interval if count > 1 else None)}",
                )
                return redirect("sessions:supervisee", staff_id=staff.pk)
    else:
        initial = {"repeat": 1, "duration_minutes": 90}
        on = _initial_date(request, today)
        if on:
            initial["on"] = on
        form = ScheduleForm(initial=initial, **options)
    return render(
        request,
        "sessions/team/schedule.html",
        {
            "form": form,
            "staff": staff,
            "frequency": every(interval),
            "replaced": replaced,
            "today": today,
        },
    )


@requires()
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _formal_session(request, pk, supervisee_too=True)
    viewer = viewer_of(request)
    names = {
        "supervisor": session.supervisor.name,
        "supervisee": session.supervisee.name if session.supervisee else "",
    }
    form = CancelForm(request.POST or None, **names)
    if request.method == "POST":
        if session.status != SessionStatus.PLANNED:
            form.is_valid()
            form.add_error(None, NOT_PLANNED[session.status])
        elif form.is_valid():
            data = form.cleaned_data
            try:
                session_cancel(
                    actor=request.user,
                    session=session,
                    cancelled_by=data["cancelled_by"],
                    reason=data["reason"],
                    note=data["note"],
                )
            except InputRefused as error:  # beside the field it is about
                form.add_error(error.field if error.field in form.fields else None, str(error))
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                messages.success(
                    request, f"Session of {format_long(session.scheduled_on)} cancelled"
                )
                return redirect("sessions:cancel", pk=session.pk)
    context = {"session": session, "form": form, "today": viewer.day}
    if session.status == SessionStatus.CANCELLED:
        session.refresh_from_db()
        proposal = replacement_proposal(session=session)
        context["proposal"] = proposal
        context["can_rebook"] = viewer.staff is not None and (
            session.supervisor_id == viewer.staff.pk
            and session.supervisee_id in viewer.supervisees()
        )
    return render(request, "sessions/team/cancel.html", context)


@requires(Role.SUPERVISOR)
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Say a planned session took place; or, while its record is a draft, correct that date."""
    session = _formal_session(request, pk, supervisee_too=False)
    today = viewer_of(request).day
    correcting = session.status == SessionStatus.HELD and session.record_status in EDITABLE_RECORD
    booked_for = session.scheduled_on
    started = [(str(p), p.started_on) for p in (session.supervisee, session.supervisor) if p]
    calendar = working_calendar(session.organisation.pack.bank_holidays)
    options = {"today": today, "booked_for": booked_for, "started": started, "calendar": calendar}
    if request.method == "POST":
        form = HoldForm(request.POST, **options)
        if session.status != SessionStatus.PLANNED and not correcting:
            form.is_valid()
            form.add_error(None, NOT_PLANNED[session.status])
        elif form.is_valid():
            act = session_held_on_change if correcting else session_hold
            try:
                act(
                    actor=request.user,
                    session=session,
                    held_on=form.cleaned_data["held_on"],
                    duration_minutes=form.cleaned_data["duration_minutes"],
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                if correcting:
                    messages.success(request, "The date the session took place is changed.")
                else:
                    messages.success(
                        request,
                        f"Session with {session.supervisee} marked as held. Now write the record.",
                    )
                return redirect("sessions:record", pk=session.pk)
    else:
        if correcting:
            default = session.held_on
        else:
            # The day it was booked for, once that has come; before then (held early), today.
            default = booked_for if booked_for and booked_for <= today else today
        form = HoldForm(
            initial={"held_on": default, "duration_minutes": session.duration_minutes}, **options
        )
    return render(
        request,
        "sessions/team/hold.html",
        {"session": session, "form": form, "today": today, "correcting": correcting},
    )
