"""Helpers for the supervision file's pages' tests: records made through the services as
people would (dates relative to today: the tests run on any day), third parties with approved
access, and reading responses."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from supervise.files.models import AccessPurpose, AccessRequest
from supervise.files.services.third_party import access_request_decide, access_request_make
from supervise.policy.dates import working_calendar
from supervise.sessions.models import Session
from supervise.sessions.services import (
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from tests import factories as f

PRIVATE = "A health matter kept between us"
SHARED = "Completed the PQ module on court skills"


def today() -> date:
    return timezone.localdate()


def working_day_before(day: date, weeks: int = 1) -> date:
    """A working day about `weeks` weeks before `day` (sessions are held in the past)."""
    calendar = working_calendar()
    day = day - timedelta(days=7 * weeks)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def finalised_record(
    team: Any,
    *,
    supervisee: Any = None,
    supervisor: Any = None,
    weeks_ago: int = 2,
    private: str = PRIVATE,
    shared: str = SHARED,
) -> Session:
    """A finalised Hull record: 'wellbeing' confidential between the two, 'development' not."""
    supervisee = supervisee or team.worker
    supervisor = supervisor or team.manager
    day = working_day_before(today(), weeks_ago)
    [session] = session_schedule(actor=supervisor.user, supervisee=supervisee, on=day)
    session = session_hold(actor=supervisor.user, session=session, held_on=day)
    record_save(
        actor=supervisor.user,
        session=session,
        entries={"wellbeing": private, "development": shared},
        confidential={"wellbeing"},
    )
    record_send(actor=supervisor.user, session=session)
    return record_sign(actor=supervisee.user, session=session)


def third_party(
    team: Any,
    *,
    role: str = "quality_assurance",
    purpose: str = AccessPurpose.AUDIT,
    days: int = 30,
    include_confidential: bool = False,
    subject: Any = None,
    **scope: Any,
) -> tuple[Any, AccessRequest]:
    """A user with `role` whose request to read the worker's file a senior manager approved."""
    user = f.UserFactory(organisation=team.org, roles=[role], first_name="Quinn", last_name="Audit")
    request = access_request_make(
        actor=user,
        subject=subject or team.worker,
        purpose=purpose,
        reason="Annual practice audit",
        **scope,
    )
    request = access_request_decide(
        actor=team.head.user,
        request=request,
        approve=True,
        expires_on=today() + timedelta(days=days),
        include_confidential=include_confidential,
    )
    return user, request


def login(client: Any, who: Any) -> Any:
    """Sign in a StaffMember (by their account) or a User."""
    client.force_login(getattr(who, "user", who))
    return client


def text(response: Any) -> str:
    return response.content.decode()


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def date_fields(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
