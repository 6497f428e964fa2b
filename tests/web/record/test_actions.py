"""Actions: added with an owner (supervisor or supervisee), a due date and optionally a child;
marked done, no longer needed, or open again by the owner or the supervisor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.sessions.models import Action
from supervise.sessions.services import action_add
from tests.conftest import Team
from tests.web.record.helpers import held_session, page_text, written_session

pytestmark = pytest.mark.django_db


def new_url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:action-new", kwargs={"pk": session.pk})


def status_url(action) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:action-status", kwargs={"pk": action.pk})


def due(session) -> dict[str, str]:  # type: ignore[no-untyped-def]
    day = session.held_on + timedelta(days=14)
    return {"due_on_0": str(day.day), "due_on_1": str(day.month), "due_on_2": str(day.year)}


def test_the_supervisor_adds_an_action_for_the_supervisee(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        new_url(session),
        {"description": "Update the chronology", "owner": str(team.worker.pk),
         "child": str(team.child.pk), **due(session)},
    )  # fmt: skip
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner == team.worker
    assert action.child == team.child
    assert action.due_on == session.held_on + timedelta(days=14)


def test_errors_are_shown_and_what_was_typed_is_kept(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        new_url(session),
        {"description": "Keep this text", "owner": "", "due_on_0": "31", "due_on_1": "2",
         "due_on_2": "2027"},
    )  # fmt: skip
    assert response.status_code == 200
    text = page_text(response)
    assert "Select who will do it" in text
    assert "The due date must be a real date" in text
    assert "Keep this text" in text
    assert 'value="31"' in text
    assert not Action.objects.exists()


def test_a_due_date_before_the_session_is_refused(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    day = session.held_on - timedelta(days=3)
    response = client.post(
        new_url(session),
        {"description": "Late", "owner": str(team.worker.pk), "due_on_0": str(day.day),
         "due_on_1": str(day.month), "due_on_2": str(day.year)},
    )  # fmt: skip
    assert "The due date must be on or after the session date" in page_text(response)


def test_an_owner_outside_the_session_is_refused(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        new_url(session),
        {"description": "X", "owner": str(team.colleague.pk), **due(session)},
    )
    assert "Select a valid choice" in page_text(response)
    assert not Action.objects.exists()


def test_the_supervisee_cannot_add_actions_to_the_record(client, team) -> None:
    session = held_session(team)
    client.force_login(team.worker.user)
    response = client.post(
        new_url(session),
        {"description": "Mine", "owner": str(team.worker.pk), **due(session)},
        follow=True,
    )
    assert "Only the supervisor" in page_text(response)
    assert not Action.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_others_get_404_for_adding(client, team, who) -> None:
    session = held_session(team)
    client.force_login(getattr(team, who).user)
    assert client.get(new_url(session)).status_code == 404


def test_the_owner_marks_their_action_done(client, team) -> None:
    session = written_session(team)
    action = action_add(
        actor=team.manager.user, session=session, owner=team.worker, description="Read policy"
    )
    client.force_login(team.worker.user)
    response = client.post(status_url(action), {"status": "done", "next": reverse("sessions:mine")})
    assert response["Location"] == reverse("sessions:mine")
    action.refresh_from_db()
    assert action.status == "done"
    assert action.completed_on is not None
    response = client.post(status_url(action), {"status": "open"}, follow=True)
    assert "Action marked as open again" in page_text(response)


def test_the_supervisor_marks_an_action_no_longer_needed(client, team) -> None:
    session = written_session(team)
    action = action_add(
        actor=team.manager.user, session=session, owner=team.worker, description="Old task"
    )
    client.force_login(team.manager.user)
    client.post(status_url(action), {"status": "dropped"})
    action.refresh_from_db()
    assert action.status == "dropped"


def test_the_line_manager_cannot_change_an_action(client, team) -> None:
    session = written_session(team)
    action = action_add(
        actor=team.manager.user, session=session, owner=team.worker, description="Theirs"
    )
    client.force_login(team.head.user)
    response = client.post(status_url(action), {"status": "done"}, follow=True)
    assert "Only the action&#x27;s owner or the supervisor can change it." in page_text(response)
    action.refresh_from_db()
    assert action.status == "open"


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_others_get_404_for_changing_status(client, team, who) -> None:
    session = written_session(team)
    action = action_add(actor=team.manager.user, session=session, owner=team.worker,
                        description="Private")  # fmt: skip
    client.force_login(getattr(team, who).user)
    assert client.post(status_url(action), {"status": "done"}).status_code == 404
    action.refresh_from_db()
    assert action.status == "open"


def test_another_organisation_gets_404_for_changing_status(client, team) -> None:
    session = written_session(team)
    action = action_add(actor=team.manager.user, session=session, owner=team.worker,
                        description="Private")  # fmt: skip
    client.force_login(Team(slug="other-org").manager.user)
    assert client.post(status_url(action), {"status": "done"}).status_code == 404
