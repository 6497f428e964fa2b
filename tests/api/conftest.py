"""API test helpers: calling the API as someone, and records in the states the tests need."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.api.auth import issue_token
from supervise.policy.dates import working_calendar
from supervise.sessions.models import Session
from supervise.sessions.services import (
    discussion_save,
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from tests.conftest import Team
from tests.factories import free_day

API = "/api/v1"


class Caller:
    """Calls the API as one user, with a bearer token (default) or their browser session."""

    def __init__(self, user: Any = None, *, session: bool = False, csrf: bool = False) -> None:
        self.client = Client(enforce_csrf_checks=csrf)
        self.headers: dict[str, str] = {}
        if user is not None and session:
            self.client.force_login(user)
        elif user is not None:
            self.headers["Authorization"] = f"Bearer {issue_token(user).token}"

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def post(self, path: str, body: Any = None) -> Any:
        data = json.dumps(body) if body is not None else ""
        return self.client.post(
            API + path, data, content_type="application/json", headers=self.headers
        )


def as_(staff_or_user: Any, **kwargs: Any) -> Caller:
    user = getattr(staff_or_user, "user", staff_or_user)
    return Caller(user, **kwargs)


def error_fields(response: Any) -> set[str]:
    """The field names a 422 response's errors point at (last part of each `loc`)."""
    assert response.status_code == 422, response.content
    return {str(error["loc"][-1]) for error in response.json()["detail"]}


def working_day_before(day: date, policy_days_back: int = 7) -> date:
    """A working day (England and Wales) at least `policy_days_back` days before `day`."""
    calendar = working_calendar()
    candidate = day - timedelta(days=policy_days_back)
    while not calendar.is_working_day(candidate):
        candidate -= timedelta(days=1)
    return candidate


def last_week() -> date:
    return working_day_before(timezone.localdate())


def planned(team: Team) -> Session:
    on = free_day(team.worker, last_week())
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=on)
    return session


def held(team: Team) -> Session:
    session = planned(team)
    return session_hold(actor=team.manager.user, session=session, held_on=session.scheduled_on)


def first_heading(team: Team) -> str:
    return team.org.pack.recording.personal[0].key


def sent(team: Team) -> Session:
    session = held(team)
    record_save(actor=team.manager.user, session=session, entries={first_heading(team): "Settled"})
    discussion_save(
        actor=team.manager.user, session=session, child=team.child,
        fields={"decisions": "Visit weekly"},
    )  # fmt: skip
    return record_send(actor=team.manager.user, session=session)


def finalised(team: Team) -> Session:
    return record_sign(actor=team.worker.user, session=sent(team))


def agreement(team: Team, status: str = AgreementStatus.AWAITING_SIGNATURES) -> Agreement:
    today = timezone.localdate()
    return Agreement.objects.create(
        organisation=team.org,
        external_id=f"AG-{Agreement.objects.count() + 1}",
        supervisee=team.worker,
        supervisor=team.manager,
        status=status,
        frequency="P28D",
        supervisor_signed_on=today,
        supervisor_signed_at=timezone.now(),
    )


@pytest.fixture
def other_org(db) -> Team:
    """A second authority with the same shape: its people must never reach the first's."""
    return Team(slug="other-org")
