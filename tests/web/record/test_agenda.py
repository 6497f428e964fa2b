"""Adding to a planned session's agenda and tabling a case, from the session page and from My
supervision."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.sessions.models import AgendaItem
from tests.conftest import Team
from tests.web.record.helpers import finalised_session, page_text, planned_session

pytestmark = pytest.mark.django_db


def url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:agenda-add", kwargs={"pk": session.pk})


def test_the_supervisee_tables_a_case_from_my_supervision(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.worker.user)
    response = client.post(
        url(session), {"text": "", "child": str(team.child.pk), "next": reverse("sessions:mine")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions:mine")
    item = AgendaItem.objects.get(session=session)
    assert item.child == team.child
    assert item.added_by == team.worker


def test_the_supervisor_adds_an_item(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.manager.user)
    response = client.post(url(session), {"text": "Your PDR objectives"}, follow=True)
    assert "Added to the agenda" in page_text(response)
    assert AgendaItem.objects.get(session=session).text == "Your PDR objectives"


def test_nothing_typed_and_no_case_is_an_error_and_keeps_the_page(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.worker.user)
    response = client.post(url(session), {"text": "  ", "child": ""})
    assert response.status_code == 200
    assert "Enter what you want to discuss, or choose a case to table" in page_text(response)
    assert not AgendaItem.objects.exists()


def test_too_long_an_item_keeps_what_was_typed(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.worker.user)
    typed = "Workload " * 80
    response = client.post(url(session), {"text": typed})
    assert "500 characters or fewer" in page_text(response)
    assert "Workload Workload" in page_text(response)


def test_an_unsafe_next_is_not_followed(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.worker.user)
    response = client.post(url(session), {"text": "Leave", "next": "https://example.com/"})
    assert response["Location"] == reverse("sessions:detail", kwargs={"pk": session.pk})


def test_a_child_not_allocated_to_the_supervisee_cannot_be_tabled(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.worker.user)
    response = client.post(url(session), {"child": str(team.other_child.pk)})
    assert response.status_code == 200
    assert "Select a valid choice" in page_text(response)
    assert not AgendaItem.objects.exists()


def test_the_supervisors_line_manager_is_refused_with_a_message(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.head.user)
    response = client.post(url(session), {"text": "Mine"}, follow=True)
    assert "Only the supervisor and the supervisee can add to the agenda" in page_text(response)
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_others_get_404(client, team, who) -> None:
    session = planned_session(team)
    client.force_login(getattr(team, who).user)
    assert client.post(url(session), {"text": "Mine"}).status_code == 404
    assert not AgendaItem.objects.exists()


def test_another_organisation_gets_404(client, team) -> None:
    session = planned_session(team)
    client.force_login(Team(slug="other-org").worker.user)
    assert client.post(url(session), {"text": "Mine"}).status_code == 404


def test_a_finalised_record_takes_no_agenda_items(client, team) -> None:
    session = finalised_session(team)
    client.force_login(team.worker.user)
    client.post(url(session), {"text": "Late item"})
    assert not AgendaItem.objects.filter(text="Late item").exists()
