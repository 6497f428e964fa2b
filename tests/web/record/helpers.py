"""Sessions in each state of their record, made through the services as people would, and
small helpers for reading responses."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from supervise.accounts.models import Role
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
from tests import factories as f


def _working_day(day: date, step: int) -> date:
    calendar = working_calendar()
    while not calendar.is_working_day(day):
        day += timedelta(days=step)
    return day


def last_monday() -> date:
    """A working day in the week before last (sessions are held in the past)."""
    today = timezone.localdate()
    return _working_day(today - timedelta(days=today.weekday() + 7), -1)


def next_monday() -> date:
    """A working day at least a week ahead (sessions are planned in the future)."""
    today = timezone.localdate()
    return _working_day(today + timedelta(days=7 - today.weekday() + 7), 1)


def held_session(team, supervisee=None) -> Session:  # type: ignore[no-untyped-def]
    supervisee = supervisee or team.worker
    supervisor = team.manager if supervisee in (team.worker, team.colleague) else None
    supervisor = supervisor or team.other_manager
    on = f.free_day(supervisee, last_monday())
    [session] = session_schedule(actor=supervisor.user, supervisee=supervisee, on=on)
    return session_hold(actor=supervisor.user, session=session, held_on=on)


def held_after(team, earlier: Session) -> Session:  # type: ignore[no-untyped-def]
    """The worker's next session, held on the first free working day after `earlier`'s (still
    in the past): one that carries `earlier`'s open actions once its record is sent."""
    assert earlier.held_on is not None
    day = _working_day(earlier.held_on + timedelta(days=1), 1)
    while Session.objects.filter(supervisee=team.worker, held_on=day).exists():
        day = _working_day(day + timedelta(days=1), 1)
    assert day < timezone.localdate()
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=day)
    return session_hold(actor=team.manager.user, session=session, held_on=day)


def written_session(team) -> Session:  # type: ignore[no-untyped-def]
    session = held_session(team)
    keys = [heading.key for heading in team.org.pack.recording.personal]
    heading = "wellbeing" if "wellbeing" in keys else keys[0]  # Hull's, else the pack's first
    record_save(actor=team.manager.user, session=session, entries={heading: "Managing well"})
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=team.child,
        fields={"decisions": "Visit weekly"},
    )
    return Session.objects.get(pk=session.pk)


def sent_session(team) -> Session:  # type: ignore[no-untyped-def]
    return record_send(actor=team.manager.user, session=written_session(team))


def finalised_session(team) -> Session:  # type: ignore[no-untyped-def]
    """Hull: the supervisee's signature finalises and locks the record."""
    return record_sign(actor=team.worker.user, session=sent_session(team))


def planned_session(team) -> Session:  # type: ignore[no-untyped-def]
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=next_monday())
    return session


def support_user(org):  # type: ignore[no-untyped-def]
    """A business support user of the organisation (no staff record)."""
    return f.UserFactory(
        organisation=org, roles=[Role.BUSINESS_SUPPORT], first_name="Bea", last_name="Support"
    )


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def messages_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]] if response.context else []
