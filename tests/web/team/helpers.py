"""Helpers for the supervisor's pages' tests: dates relative to today (the tests run on any
day), sessions in each state, and signing in."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from supervise.policy.dates import add_months, working_calendar
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus, SessionStatus
from tests import factories as f

CALENDAR = working_calendar("england-and-wales")


def today() -> date:
    return timezone.localdate()


def next_working_day(after: date | None = None) -> date:
    """The first working day after `after` (default today)."""
    return CALENDAR.add_working_days(after or today(), 1)


def last_working_day() -> date:
    day = today() - timedelta(days=1)
    while not CALENDAR.is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_weekend_day() -> date:
    day = today() + timedelta(days=1)
    while day.weekday() < 5:
        day += timedelta(days=1)
    return day


def holiday_a_month_after_a_working_day() -> tuple[date, date]:
    """(start, holiday): a future working day `start` whose one-month step lands on a weekday
    bank holiday, so a monthly series must move that session to the working day before."""
    day = today() + timedelta(days=2)
    for _ in range(3 * 366):
        name = CALENDAR.holiday_name(day)
        start = add_months(day, -1)
        if (
            name
            and day.weekday() < 5
            and start > today()
            and CALENDAR.is_working_day(start)
            and add_months(start, 1) == day
        ):
            return start, day
        day += timedelta(days=1)
    raise AssertionError("no bank holiday found in the next three years")


def planned(team: Any, supervisee: Any = None, supervisor: Any = None, **kw: Any) -> Session:
    return f.SessionFactory(
        supervisor=supervisor or team.manager,
        supervisee=supervisee or team.worker,
        scheduled_on=kw.pop("scheduled_on", next_working_day()),
        **kw,
    )


def held(team: Any, on: date, record_status: str = RecordStatus.DRAFT, **kw: Any) -> Session:
    return planned(
        team,
        scheduled_on=on,
        held_on=on,
        status=SessionStatus.HELD,
        record_status=record_status,
        **kw,
    )


def finalised(team: Any, on: date, **kw: Any) -> Session:
    return held(
        team,
        on,
        record_status=RecordStatus.FINALISED,
        record_completed_on=on,
        supervisor_signed_on=on,
        supervisee_signed_on=on,
        finalised_on=on,
        **kw,
    )


def date_fields(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def login(client: Any, staff: Any) -> Any:
    client.force_login(staff.user)
    return client
