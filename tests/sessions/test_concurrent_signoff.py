"""Two requests sign off one record at the same moment (a double click, two tabs): PostgreSQL
gives one result and no lost update (the services lock the row: SELECT … FOR UPDATE)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections

from supervise.audit.models import AuditEntry
from supervise.sessions.models import Session
from supervise.sessions.services import (
    record_decline,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from supervise.sessions.states import RecordStatus
from tests.conftest import Team

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def race(*calls) -> list[BaseException | object]:
    """Run the calls in threads released together; each gets its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[BaseException | object] = [None] * len(calls)

    def run(index: int, call) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as error:  # noqa: BLE001 - the result under test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def sent_record() -> tuple[Team, Session]:
    team = Team(slug="race")
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=date(2026, 11, 2))
    return team, record_send(actor=team.manager.user, session=session)


def test_two_simultaneous_signatures_give_one_signed_record() -> None:
    assert connection.vendor == "postgresql"
    team, session = sent_record()
    user = team.worker.user
    results = race(
        lambda: record_sign(actor=user, session=session),
        lambda: record_sign(actor=user, session=session),
    )
    signed = [r for r in results if isinstance(r, Session)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(signed) == 1, results
    assert len(refused) == 1
    assert "finalised" in str(refused[0])
    session.refresh_from_db()
    assert session.record_status == RecordStatus.FINALISED
    assert AuditEntry.objects.filter(action="record.signed", object_id=str(session.pk)).count() == 1


def test_sign_and_decline_at_once_never_lose_either_outcome() -> None:
    """Whichever wins, the record is in exactly that state and the other is refused."""
    team, session = sent_record()
    user = team.worker.user
    results = race(
        lambda: record_sign(actor=user, session=session),
        lambda: record_decline(actor=user, session=session, reason="Not accurate"),
    )
    winners = [r for r in results if isinstance(r, Session)]
    assert len(winners) == 1, results
    session.refresh_from_db()
    assert session.record_status == winners[0].record_status
    if session.record_status == RecordStatus.DECLINED:
        assert session.supervisee_signed_at is None
    else:
        assert session.declined_reason == ""
