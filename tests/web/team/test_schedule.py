"""Booking supervision: one session or a series at the supervisee's required frequency."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.policy.dates import add_months, format_long
from supervise.sessions.models import Session
from supervise.sessions.states import SessionStatus
from tests.web.team.helpers import (
    CALENDAR,
    date_fields,
    holiday_a_month_after_a_working_day,
    last_working_day,
    login,
    next_weekend_day,
    next_working_day,
    planned,
)

pytestmark = pytest.mark.django_db


def url(staff) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:schedule", args=[staff.pk])


def test_the_form_shows_the_required_frequency(client, team) -> None:
    html = login(client, team.manager).get(url(team.worker)).content.decode()
    assert "needs supervision <strong>every month</strong>" in html
    assert 'name="on_0"' in html
    assert 'name="repeat"' in html


def test_books_a_single_session(client, team) -> None:
    day = next_working_day()
    response = login(client, team.manager).post(
        url(team.worker), {**date_fields("on", day), "repeat": "1", "venue": "Room 2",
                           "duration_minutes": "90"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions:supervisee", args=[team.worker.pk])
    session = Session.objects.get(supervisee=team.worker)
    assert (session.scheduled_on, session.venue, session.duration_minutes) == (day, "Room 2", 90)
    assert session.supervisor == team.manager
    assert session.status == SessionStatus.PLANNED
    page = client.get(response["Location"]).content.decode()
    assert f"Booked 1 session with Alex Worker: {format_long(day)}" in page


def test_a_series_skips_bank_holidays(client, team) -> None:
    start, holiday = holiday_a_month_after_a_working_day()
    response = login(client, team.manager).post(
        url(team.worker), {**date_fields("on", start), "repeat": "3"}
    )
    assert response.status_code == 302
    days = list(
        Session.objects.filter(supervisee=team.worker)
        .order_by("scheduled_on")
        .values_list("scheduled_on", flat=True)
    )
    assert len(days) == 3
    assert days[0] == start
    before = holiday - timedelta(days=1)
    while not CALENDAR.is_working_day(before):
        before -= timedelta(days=1)
    assert add_months(start, 1) == holiday
    assert days[1] == before
    message = client.get(response["Location"]).content.decode()
    assert f"(moved from {format_long(holiday)}, not a working day)" in message


def test_refuses_a_weekend_with_a_clear_error_and_keeps_what_was_typed(client, team) -> None:
    saturday = next_weekend_day()
    response = login(client, team.manager).post(
        url(team.worker), {**date_fields("on", saturday), "repeat": "2", "venue": "Room 9"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "<title>Error:" in html
    assert f"{format_long(saturday)} is not a working day because it is a weekend" in html
    assert 'value="Room 9"' in html
    assert f'value="{saturday.day}"' in html
    assert not Session.objects.filter(supervisee=team.worker).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"repeat": "1"}, "Enter the date of the first session"),
        ({"on_0": "31", "on_1": "2", "on_2": "2027", "repeat": "1"},
         "The date of the first session must be a real date"),
        ({"repeat": "40"}, "Book no more than 26 sessions at a time"),
        ({"on_0": "3", "on_1": "2", "on_2": "27", "repeat": "1"},
         "The date of the first session must have a year with 4 numbers, like 20"),
        ({"repeat": "two"}, "How many sessions must be a whole number"),
        ({"repeat": "1", "duration_minutes": "ninety"},
         "The length must be a whole number of minutes, like 90"),
    ],
)  # fmt: skip
def test_validation_errors(client, team, data, message) -> None:
    if "on_0" not in data and "Enter" not in message:
        data = {**date_fields("on", next_working_day()), **data}
    html = login(client, team.manager).post(url(team.worker), data).content.decode()
    assert message in html


def test_refuses_a_date_in_the_past(client, team) -> None:
    html = (
        login(client, team.manager)
        .post(url(team.worker), {**date_fields("on", last_working_day()), "repeat": "1"})
        .content.decode()
    )
    assert "The date of the first session must be today or later" in html


def test_prefills_the_proposed_replacement(client, team) -> None:
    day = next_working_day()
    cancelled = planned(team, status=SessionStatus.CANCELLED, cancelled_by="supervisor",
                        cancel_reason="other")  # fmt: skip
    html = (
        login(client, team.manager)
        .get(f"{url(team.worker)}?on={day.isoformat()}&replaces={cancelled.pk}")
        .content.decode()
    )
    assert f'name="on_0" type="text" inputmode="numeric" value="{day.day}"' in html
    assert "This replaces the session of" in html


def test_the_booking_is_linked_to_the_session_it_replaces(client, team) -> None:
    cancelled = planned(team, status=SessionStatus.CANCELLED, cancelled_by="supervisor",
                        cancel_reason="other")  # fmt: skip
    response = login(client, team.manager).post(
        f"{url(team.worker)}?replaces={cancelled.pk}",
        {**date_fields("on", next_working_day()), "repeat": "1"},
    )
    assert response.status_code == 302
    assert Session.objects.get(replaces=cancelled).supervisee == team.worker


def test_only_my_supervisees(client, team, other_org) -> None:
    assert login(client, team.manager).get(url(team.other_worker)).status_code == 404
    assert (
        login(client, team.other_manager)
        .post(url(team.worker), {**date_fields("on", next_working_day()), "repeat": "1"})
        .status_code
        == 404
    )
    assert login(client, other_org.manager).get(url(team.worker)).status_code == 404
    assert login(client, team.head).get(url(team.worker)).status_code == 404  # chain, not line
    assert login(client, team.worker).get(url(team.colleague)).status_code == 403
    assert not Session.objects.exists()
