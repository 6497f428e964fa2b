"""Cancelling a planned session (with a proposed replacement date) and saying it took place."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.policy.dates import format_long
from supervise.sessions.services import ActionRefused, session_held_on_change
from supervise.sessions.states import RecordStatus, SessionStatus
from tests import factories as f
from tests.web.team.helpers import (
    date_fields,
    finalised,
    held,
    last_working_day,
    login,
    next_working_day,
    planned,
    today,
)

pytestmark = pytest.mark.django_db


def cancel_url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:cancel", args=[session.pk])


def hold_url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:hold", args=[session.pk])


# --- cancelling ------------------------------------------------------------------------------


def test_the_supervisor_cancels_and_gets_a_replacement_date(client, team) -> None:
    session = planned(team)
    login(client, team.manager)
    response = client.post(
        cancel_url(session), {"cancelled_by": "supervisor", "reason": "other", "note": "Court"}
    )
    assert response.status_code == 302
    assert response["Location"] == cancel_url(session)
    session.refresh_from_db()
    assert (session.status, session.cancelled_by, session.cancel_reason, session.cancel_note) == (
        SessionStatus.CANCELLED, "supervisor", "other", "Court",
    )  # fmt: skip

    html = client.get(response["Location"]).content.decode()
    assert "Session cancelled" in html
    assert "Proposed:" in html
    assert "The replacement should take place by" in html
    book = reverse("sessions:schedule", args=[team.worker.pk])
    assert f"{book}?on=" in html
    assert f"replaces={session.pk}" in html


def test_a_cancelled_session_says_when_it_was_rearranged_for(client, team) -> None:
    """Booked through "Choose another date": each session names the other."""
    from supervise.sessions.services import session_cancel, session_schedule

    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=next_working_day()
    )
    session = session_cancel(actor=team.manager.user, session=session,
                             cancelled_by="supervisor", reason="other",
                             note="Court hearing")  # fmt: skip
    detail = reverse("sessions:detail", args=[session.pk])
    login(client, team.manager)
    assert "Not rearranged yet" in client.get(detail).content.decode()
    later = next_working_day(session.scheduled_on)
    [replacement] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=later, replaces=session
    )
    html = client.get(detail).content.decode()
    assert reverse("sessions:detail", args=[replacement.pk]) in html
    assert "Rearranged for" in html
    other = client.get(reverse("sessions:detail", args=[replacement.pk])).content.decode()
    assert "Rearranged from" in other


def test_after_sickness_the_date_counts_from_the_return(client, team) -> None:
    session = planned(team, scheduled_on=next_working_day())
    back = session.scheduled_on + timedelta(days=10)
    f.AbsenceFactory(staff=team.worker, starts_on=session.scheduled_on, ends_on=back)
    login(client, team.worker).post(
        cancel_url(session), {"cancelled_by": "supervisee", "reason": "sickness"}
    )
    html = unescape(client.get(cancel_url(session)).content.decode())
    returns = back + timedelta(days=1)
    assert f"counted from {format_long(returns)} (Alex Worker's return to work)" in html
    # The supervisee cannot book: the supervisor will.
    assert reverse("sessions:schedule", args=[team.worker.pk]) not in html
    assert "Morgan Manager will book the new date" in html


def test_validation_errors_keep_the_note(client, team) -> None:
    session = planned(team)
    html = (
        login(client, team.manager)
        .post(cancel_url(session), {"note": "Typed before the error"})
        .content.decode()
    )
    assert "Select who cancelled the session" in html
    assert "Select why the session was cancelled" in html
    assert "Typed before the error" in html
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


@pytest.mark.parametrize("note", ["", "   "])
def test_another_reason_needs_a_note_saying_what_it_was(client, team, note) -> None:
    session = planned(team)
    response = login(client, team.manager).post(
        cancel_url(session), {"cancelled_by": "supervisee", "reason": "other", "note": note}
    )
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('class="govuk-error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert '<a href="#id_note">Enter the reason the session was cancelled</a>' in summary
    assert 'id="id_note-error"' in html
    assert "govuk-textarea--error" in html
    # The choices made are kept.
    assert 'name="cancelled_by" type="radio" value="supervisee" checked' in html
    assert 'name="reason" type="radio" value="other" checked' in html
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_sickness_needs_no_note(client, team) -> None:
    session = planned(team)
    response = login(client, team.manager).post(
        cancel_url(session), {"cancelled_by": "supervisor", "reason": "sickness", "note": ""}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == (SessionStatus.CANCELLED, "sickness")


@pytest.mark.parametrize("state", ["cancelled", "held", "finalised"])
def test_cancelling_refuses_a_session_that_is_no_longer_planned(client, team, state) -> None:
    if state == "cancelled":
        session = planned(team, status=SessionStatus.CANCELLED, cancelled_by="supervisee",
                          cancel_reason="sickness")  # fmt: skip
    elif state == "held":
        session = held(team, last_working_day())
    else:
        session = finalised(team, last_working_day())
    before = (session.status, session.cancelled_by, session.record_status)
    response = login(client, team.manager).post(
        cancel_url(session), {"cancelled_by": "supervisor", "reason": "other", "note": "Court"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    session.refresh_from_db()
    assert (session.status, session.cancelled_by, session.record_status) == before


# --- holding ---------------------------------------------------------------------------------


def test_the_supervisor_says_it_took_place_and_goes_to_the_record(client, team) -> None:
    day = last_working_day()
    session = planned(team, scheduled_on=day)
    login(client, team.manager)
    html = client.get(hold_url(session)).content.decode()
    assert f'name="held_on_0" type="text" inputmode="numeric" value="{day.day}"' in html

    response = client.post(hold_url(session), {**date_fields("held_on", day),
                                               "duration_minutes": "95"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions:record", args=[session.pk])
    session.refresh_from_db()
    assert (session.status, session.held_on, session.duration_minutes) == ("held", day, 95)
    assert session.record_status == RecordStatus.DRAFT


def test_hold_refuses_the_future(client, team) -> None:
    session = planned(team)
    html = login(client, team.manager).post(
        hold_url(session), {**date_fields("held_on", today() + timedelta(days=3)),
                            "duration_minutes": "60"},
    ).content.decode()  # fmt: skip
    assert "The date the session took place must be today or in the past" in html
    assert 'value="60"' in html
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


@pytest.mark.parametrize("state", ["cancelled", "finalised"])
def test_hold_refuses_a_session_that_is_no_longer_planned(client, team, state) -> None:
    if state == "cancelled":
        session = planned(team, status=SessionStatus.CANCELLED, cancelled_by="supervisor",
                          cancel_reason="other")  # fmt: skip
    else:
        session = finalised(team, last_working_day() - timedelta(days=7))
    before = (session.status, session.held_on, session.record_status)
    response = login(client, team.manager).post(
        hold_url(session), date_fields("held_on", last_working_day())
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    session.refresh_from_db()
    assert (session.status, session.held_on, session.record_status) == before


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_manager", "colleague", "head"])
def test_others_get_404_on_cancel(client, team, who) -> None:
    session = planned(team)
    response = login(client, getattr(team, who)).post(
        cancel_url(session), {"cancelled_by": "supervisor", "reason": "other"}
    )
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_hold_is_for_the_supervisor_only(client, team) -> None:
    session = planned(team, scheduled_on=last_working_day())
    data = date_fields("held_on", last_working_day())
    assert login(client, team.other_manager).post(hold_url(session), data).status_code == 404
    assert login(client, team.head).get(hold_url(session)).status_code == 404
    assert login(client, team.worker).post(hold_url(session), data).status_code == 403
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_another_organisation_gets_404(client, team, other_org) -> None:
    session = planned(team)
    login(client, other_org.manager)
    assert client.get(cancel_url(session)).status_code == 404
    assert client.get(hold_url(session)).status_code == 404


# --- a wrong date: confirmed when far from the booking, corrected while a draft --------------


def test_a_date_weeks_before_the_booking_must_be_confirmed(client, team) -> None:
    booked = last_working_day()
    session = planned(team, scheduled_on=booked)
    slip = booked.replace(year=booked.year - 1)
    while slip.weekday() >= 5:
        slip -= timedelta(days=1)
    login(client, team.manager)
    html = unescape(client.post(hold_url(session), date_fields("held_on", slip)).content.decode())
    assert f"about 12 months before it was booked for, {format_long(booked)}" in html
    assert "Yes, it took place on that date" in html
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED  # nothing happened
    response = client.post(
        hold_url(session), {**date_fields("held_on", slip), "date_is_right": "on"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.held_on == slip


def _boxes(html: str) -> tuple[str, str, str]:
    import re

    values = dict(re.findall(r'name="held_on_(\d)" type="text" inputmode="numeric" value="(\d*)"',
                             html))  # fmt: skip
    return values["0"], values["1"], values["2"]


def _as_boxes(day) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    return str(day.day), str(day.month), str(day.year)


def test_the_date_it_took_place_starts_as_the_booked_day_once_that_has_come(client, team) -> None:
    login(client, team.manager)
    booked = last_working_day() - timedelta(days=7)
    earlier = planned(team, scheduled_on=booked)
    assert _boxes(client.get(hold_url(earlier)).content.decode()) == _as_boxes(booked)
    # held before the day it was booked for (brought forward): today
    later = planned(team, scheduled_on=next_working_day(today() + timedelta(days=7)))
    assert _boxes(client.get(hold_url(later)).content.decode()) == _as_boxes(today())


def _last_day(test) -> date:  # type: ignore[no-untyped-def]
    day = today() - timedelta(days=1)
    while not test(day):
        day -= timedelta(days=1)
    return day


@pytest.mark.parametrize("kind", ["weekend", "bank holiday"])
def test_a_weekend_or_bank_holiday_is_asked_about_then_accepted(client, team, kind) -> None:
    from tests.web.team.helpers import CALENDAR

    if kind == "weekend":
        day = _last_day(lambda d: d.weekday() == 5)
        words = f"{format_long(day)} is a weekend"
    else:
        day = _last_day(lambda d: d.weekday() < 5 and CALENDAR.holiday_name(d))
        words = f"{format_long(day)} is a bank holiday ({CALENDAR.holiday_name(day)})"
    session = planned(team, scheduled_on=next_working_day(day))
    login(client, team.manager)
    posted = {**date_fields("held_on", day), "duration_minutes": "75"}
    html = unescape(client.post(hold_url(session), posted).content.decode())
    assert f"{words}. Check the date, or confirm the session took place that day" in html
    assert "There is a problem" in html
    assert "Yes, it took place on that date" in html
    assert _boxes(html) == _as_boxes(day)
    assert 'value="75"' in html
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED  # nothing happened yet
    response = client.post(hold_url(session), {**posted, "date_is_right": "on"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.held_on, session.duration_minutes) == ("held", day, 75)


def test_a_date_before_the_supervisee_started_is_refused(client, team) -> None:
    session = planned(team, scheduled_on=last_working_day())
    before_start = team.worker.started_on - timedelta(days=7)
    login(client, team.manager)
    for confirmed in ({}, {"date_is_right": "on"}):  # refused at once, never "confirm it"
        html = unescape(
            client.post(
                hold_url(session), {**date_fields("held_on", before_start), **confirmed}
            ).content.decode()
        )
        assert f"before {team.worker} started" in html
        assert "Yes, it took place on that date" not in html
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_the_supervisor_corrects_the_date_while_the_record_is_a_draft(client, team) -> None:
    wrong = last_working_day() - timedelta(days=14)
    session = held(team, wrong)
    right = next_working_day(wrong)
    login(client, team.manager)
    page = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert f'href="{hold_url(session)}">Change' in page
    form = client.get(hold_url(session)).content.decode()
    assert "Change the date the session took place" in form
    response = client.post(hold_url(session), date_fields("held_on", right))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.held_on == right
    entry = AuditEntry.objects.get(action="session.held_on_changed")
    assert entry.detail == {"from": wrong.isoformat(), "to": right.isoformat()}


@pytest.mark.parametrize(
    "record_status", [RecordStatus.AWAITING_SUPERVISEE, RecordStatus.FINALISED]
)
def test_the_date_stays_once_the_record_is_sent(client, team, record_status) -> None:
    on = last_working_day() - timedelta(days=14)
    session = held(team, on, record_status=record_status)
    login(client, team.manager)
    response = client.post(hold_url(session), date_fields("held_on", next_working_day(on)))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    session.refresh_from_db()
    assert session.held_on == on
    with pytest.raises(ActionRefused):
        session_held_on_change(actor=team.manager.user, session=session, held_on=on)


def test_only_the_supervisor_corrects_the_date(client, team) -> None:
    on = last_working_day() - timedelta(days=14)
    session = held(team, on)
    for person in (team.worker, team.head):
        with pytest.raises((ActionRefused, PermissionDenied)):
            session_held_on_change(actor=person.user, session=session, held_on=on - timedelta(1))
    session.refresh_from_db()
    assert session.held_on == on
