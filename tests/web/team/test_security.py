"""Who may reach the supervisor's pages at all: every page and every POST, for the people who
must not. Records outside one's rights are 404 (never 403), so ids cannot be probed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.cases.models import CaseNote
from supervise.sessions.models import Session
from supervise.sessions.services import group_session_record
from supervise.sessions.services.group import GroupEntry
from tests.web.team.helpers import date_fields, login, next_working_day, planned, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(team):  # type: ignore[no-untyped-def]
    """A planned session and a group session of the manager's team."""
    session = planned(team)
    group = group_session_record(
        actor=team.manager.user,
        held_on=today() - timedelta(days=1),
        participants=[team.worker],
        entries=[GroupEntry(child=team.child, worker=team.worker, fields={"decisions": "Visit"})],
    )
    return {"session": session, "group": group}


def _urls(team, records):  # type: ignore[no-untyped-def]
    session, group = records["session"], records["group"]
    return [
        ("get", reverse("sessions:supervisee", args=[team.worker.pk]), {}),
        ("post", reverse("sessions:schedule", args=[team.worker.pk]),
         {**date_fields("on", next_working_day()), "repeat": "1"}),
        ("post", reverse("sessions:cancel", args=[session.pk]),
         {"cancelled_by": "supervisor", "reason": "other"}),
        ("post", reverse("sessions:hold", args=[session.pk]), date_fields("held_on", today())),
        ("get", reverse("sessions:group-detail", args=[group.pk]), {}),
        ("post", reverse("sessions:group-finalise", args=[group.pk]), {}),
        ("get", reverse("cases:child", args=[team.child.pk]), {}),
        ("post", reverse("cases:note-new", args=[team.child.pk]),
         {"kind": "decision", **date_fields("happened_on", today()), "body": "Probe"}),
    ]  # fmt: skip


def _unchanged(team, records) -> None:  # type: ignore[no-untyped-def]
    session = Session.objects.get(pk=records["session"].pk)
    group = Session.objects.get(pk=records["group"].pk)
    assert session.status == "planned"
    assert group.record_status == "draft"
    assert Session.objects.filter(kind="formal").count() == 1  # nothing booked
    assert not CaseNote.objects.filter(body="Probe").exists()


def test_another_organisations_manager_gets_404_for_everything(
    client, team, other_org, records
) -> None:
    login(client, other_org.manager)
    for method, url, data in _urls(team, records):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
    _unchanged(team, records)


def test_another_organisations_senior_manager_gets_404_too(
    client, team, other_org, records
) -> None:
    login(client, other_org.head)
    for method, url, data in _urls(team, records):
        assert getattr(client, method)(url, data).status_code == 404, url
    _unchanged(team, records)


def test_the_neighbouring_team_manager_gets_404(client, team, records) -> None:
    login(client, team.other_manager)
    for method, url, data in _urls(team, records):
        assert getattr(client, method)(url, data).status_code == 404, url
    _unchanged(team, records)


def test_a_colleague_gets_403_or_404(client, team, records) -> None:
    """A practitioner: 403 on the supervisor's pages, 404 on records of another worker's."""
    login(client, team.colleague)
    for url in (reverse("sessions:team"), reverse("sessions:group-new")):
        assert client.get(url).status_code == 403
    for method, url, data in _urls(team, records):
        assert getattr(client, method)(url, data).status_code in (403, 404), url
    assert client.get(reverse("cases:child", args=[team.child.pk])).status_code == 404
    _unchanged(team, records)


def test_signed_out_people_are_sent_to_sign_in(client, team, records) -> None:
    for method, url, data in _urls(team, records):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert "sign-in" in response["Location"]
    _unchanged(team, records)
