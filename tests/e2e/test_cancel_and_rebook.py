"""Journey 4: a supervisor cancels a booked session and books the replacement date the service
proposes, from the cancellation page."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from supervise.policy.dates import format_long, working_calendar
from supervise.sessions.models import Session
from supervise.sessions.states import SessionStatus
from tests.conftest import Team


def _a_working_day_next_week() -> date:
    calendar = working_calendar()
    day = timezone.localdate() + timedelta(days=7)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def test_cancel_a_session_and_book_the_proposed_date(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    booked_on = _a_working_day_next_week()
    manager = site.person(team.manager.user, who="manager")
    manager.sign_in()

    manager.link(f"Book supervision with {team.worker.name}", exact=True)
    manager.fill_date("Date of the session", booked_on)
    manager.press("Book", exact=True)
    assert f"Booked 1 session with {team.worker.name}: {format_long(booked_on)}" in manager.text()

    manager.link(f"Cancel the session of {format_long(booked_on)}", exact=True)
    assert manager.heading() == f"Cancel the session of {format_long(booked_on)}"
    manager.check("cancel")
    manager.choose(f"The supervisor, {team.manager.name}")
    manager.choose("Another reason")
    manager.fill("Note", "Called to court at short notice.")
    manager.press("Cancel the session", exact=True)
    assert manager.heading() == "Session cancelled"
    manager.check("cancelled, with a proposed date")

    cancelled = Session.objects.get(supervisee=team.worker, status=SessionStatus.CANCELLED)
    assert cancelled.scheduled_on == booked_on
    assert cancelled.cancel_note == "Called to court at short notice."
    proposal = manager.page.locator(".govuk-inset-text strong").first.inner_text()
    manager.press(f"Book {proposal}", exact=True)
    assert manager.heading() == "Book supervision"
    assert f"This replaces the session of {format_long(booked_on)}" in manager.text()
    manager.check("schedule the replacement")
    manager.press("Book", exact=True)
    assert f"Booked 1 session with {team.worker.name}: {proposal}" in manager.text()

    replacement = Session.objects.get(supervisee=team.worker, status=SessionStatus.PLANNED)
    assert format_long(replacement.scheduled_on) == proposal
    assert replacement.scheduled_on > timezone.localdate()
    assert replacement.supervisor == team.manager
