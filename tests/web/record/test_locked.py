"""A finalised record cannot be changed through any of the record views: one test each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.sessions.models import Action, CaseDiscussion, RecordEntry, Session
from tests.web.record.helpers import finalised_session, page_text

pytestmark = pytest.mark.django_db

LOCKED = "This record is finalised and cannot be changed. Add an addendum instead."


@pytest.fixture
def locked(team):  # type: ignore[no-untyped-def]
    session = finalised_session(team)
    return session, snapshot(session)


def snapshot(session) -> tuple:  # type: ignore[no-untyped-def]
    fresh = Session.objects.get(pk=session.pk)
    return (
        fresh.record_status,
        fresh.finalised_at,
        fresh.supervisee_comment,
        fresh.declined_reason,
        fresh.supervisor_signed_at,
        tuple(RecordEntry.objects.filter(session=session).values_list("heading", "text")),
        tuple(CaseDiscussion.objects.filter(session=session).values_list("child_id", "decisions")),
        Action.objects.filter(session=session).count(),
    )


def post(client, name, session, data=None, **kwargs):  # type: ignore[no-untyped-def]
    url = reverse(f"sessions:{name}", kwargs={"pk": session.pk, **kwargs})
    return client.post(url, data or {}, follow=True)


def test_the_record_page(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.manager.user)
    response = post(client, "record", session, {"entry_wellbeing": "Rewritten"})
    assert LOCKED in page_text(response)
    assert snapshot(session) == before


def test_the_discussion_page(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.manager.user)
    response = post(
        client, "discussion", session, {"decisions": "Rewritten"}, child_id=team.child.pk
    )
    assert LOCKED in page_text(response)
    assert snapshot(session) == before


def test_the_action_page(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.manager.user)
    day = session.held_on + timedelta(days=7)
    response = post(
        client,
        "action-new",
        session,
        {"description": "Late action", "owner": str(team.worker.pk), "due_on_0": str(day.day),
         "due_on_1": str(day.month), "due_on_2": str(day.year)},
    )  # fmt: skip
    assert LOCKED in page_text(response)
    assert snapshot(session) == before


def test_send(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.manager.user)
    assert LOCKED in page_text(post(client, "send", session))
    assert snapshot(session) == before


def test_sign(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.worker.user)
    assert LOCKED in page_text(post(client, "sign", session, {"comment": "Changed my mind"}))
    assert snapshot(session) == before


def test_decline(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.worker.user)
    assert LOCKED in page_text(post(client, "decline", session, {"reason": "Changed my mind"}))
    assert snapshot(session) == before


def test_reopen(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.manager.user)
    assert LOCKED in page_text(post(client, "reopen", session))
    assert snapshot(session) == before


def test_finalise(client, team, locked) -> None:
    session, before = locked
    client.force_login(team.manager.user)
    assert LOCKED in page_text(post(client, "finalise", session))
    assert snapshot(session) == before


def test_typist(client, team, locked, support) -> None:
    session, before = locked
    client.force_login(team.manager.user)
    post(client, "typist", session, {"typist": str(support.pk)})
    assert Session.objects.get(pk=session.pk).typist is None
    assert snapshot(session) == before


def test_the_line_manager_is_told_who_can_add_an_addendum_and_given_no_link(
    client, team, locked
) -> None:
    session, _ = locked
    client.force_login(team.head.user)  # the supervisor's line manager may read the record
    response = client.get(reverse("sessions:detail", args=[session.pk]))
    assert response.status_code == 200
    assert "The supervisor or the supervisee can add an addendum." in page_text(response)
    assert reverse("sessions:addendum", args=[session.pk]) not in response.content.decode()
    client.force_login(team.manager.user)
    response = client.get(reverse("sessions:detail", args=[session.pk]))
    assert reverse("sessions:addendum", args=[session.pk]) in response.content.decode()


def test_an_imported_record_final_at_signing_says_when(client, team) -> None:
    """Imported as finalised (signed by both, Hull) with no finalised_on in the folder: the
    page gives the supervisee's signature as the day it became final, never a blank."""
    from datetime import date

    from supervise.sessions.states import RecordStatus, SessionStatus
    from tests import factories as f

    session = f.SessionFactory(
        supervisor=team.manager, supervisee=team.worker, status=SessionStatus.HELD,
        scheduled_on=date(2026, 10, 5), held_on=date(2026, 10, 5),
        supervisor_signed_on=date(2026, 10, 6), supervisee_signed_on=date(2026, 10, 7),
        record_status=RecordStatus.FINALISED,
    )  # fmt: skip
    client.force_login(team.manager.user)
    html = page_text(client.get(reverse("sessions:detail", args=[session.pk])))
    assert "Finalised on Wednesday 7 October 2026" in html
    assert "Wednesday 7 October 2026, when the supervisee signed" in html
    assert "Finalised on  –" not in html
