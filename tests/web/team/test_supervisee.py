"""A supervisee's page: for their supervisors and management chain only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.sessions.models import Action
from supervise.sessions.states import RecordStatus, SessionStatus
from tests import factories as f
from tests.web.team.helpers import held, login, planned, today

pytestmark = pytest.mark.django_db


def url(staff) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:supervisee", args=[staff.pk])


def test_shows_duties_sessions_actions_and_children(client, team) -> None:
    last = today() - timedelta(days=3)
    session = held(team, last, record_status=RecordStatus.AWAITING_SUPERVISEE)
    upcoming = planned(team)
    overdue = planned(team, scheduled_on=today() - timedelta(days=1))
    planned(
        team, scheduled_on=today() - timedelta(days=30), status=SessionStatus.CANCELLED,
        cancelled_by="supervisee", cancel_reason="sickness",
    )  # fmt: skip
    Action.objects.create(
        organisation=team.org, session=session, owner=team.worker,
        description="Chase the health assessment", times_carried=3,
    )  # fmt: skip
    Action.objects.create(
        organisation=team.org, session=session, owner=team.worker, description="Book the visit"
    )
    html = login(client, team.manager).get(url(team.worker)).content.decode()

    assert "<h1" in html
    assert html.count("<h1") == 1
    assert "Social worker" in html
    assert "Qualified Monday 1 July 2019" in html
    # Every duty, including ones far off: the next supervision is a month away.
    assert "Personal supervision" in html
    assert f"Last supervised {last:%A} {last.day} {last:%B %Y}" in html
    assert "Observation of practice" in html
    # Sessions: planned with actions for the supervisor, cancelled with who and why.
    assert reverse("sessions:cancel", args=[upcoming.pk]) in html
    assert reverse("sessions:hold", args=[upcoming.pk]) not in html  # not before its day
    assert reverse("sessions:hold", args=[overdue.pk]) in html
    assert "By the supervisee, sickness" in html
    assert "Record: waiting for the supervisee to sign" in html
    assert reverse("sessions:detail", args=[session.pk]) in html
    # Open actions, the one carried three times flagged in words.
    assert "Chase the health assessment" in html
    assert "Carried 3 times" in html
    assert html.count("Carried 3 times") == 1
    # Children, and the buttons.
    assert reverse("cases:child", args=[team.child.pk]) in html
    assert reverse("sessions:schedule", args=[team.worker.pk]) in html
    assert reverse("agreements:new", args=[team.worker.pk]) in html
    assert AuditEntry.objects.filter(
        action="supervisee.viewed", object_id=str(team.worker.pk)
    ).exists()


def test_the_management_chain_can_view_but_not_book(client, team) -> None:
    response = login(client, team.head).get(url(team.worker))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("sessions:schedule", args=[team.worker.pk]) not in html
    assert reverse("agreements:new", args=[team.worker.pk]) not in html


def test_a_cover_supervisor_can_view_and_book(client, team) -> None:
    f.LineFactory(
        supervisee=team.worker, supervisor=team.other_manager, cover=True,
        starts_on=today() - timedelta(days=5),
    )  # fmt: skip
    html = login(client, team.other_manager).get(url(team.worker)).content.decode()
    assert reverse("sessions:schedule", args=[team.worker.pk]) in html
    assert reverse("agreements:new", args=[team.worker.pk]) not in html  # not the usual one


@pytest.mark.parametrize("who", ["other_manager", "colleague", "worker", "other_worker"])
def test_others_get_404(client, team, who) -> None:
    assert login(client, getattr(team, who)).get(url(team.worker)).status_code == 404
    assert AuditEntry.objects.filter(action="access.refused").exists()


def test_another_organisation_gets_404(client, team, other_org) -> None:
    assert login(client, other_org.manager).get(url(team.worker)).status_code == 404
    assert login(client, other_org.head).get(url(team.worker)).status_code == 404


def test_each_session_held_after_supervision_fell_due_says_how_late(client, team) -> None:
    """Regularity in the policy's terms (Hull, experienced worker: every month): a session
    held 45 days after the one before came about two weeks after it was due."""
    from datetime import date

    from supervise.policy.dates import add_months

    first = date(2026, 6, 1)
    second = date(2026, 7, 16)  # 45 days later
    third = date(2026, 8, 10)  # within the month
    for day in (first, second, third):
        held(team, day, record_status=RecordStatus.FINALISED)
    html = login(client, team.manager).get(url(team.worker)).content.decode()
    due = add_months(first, 1)
    late = (second - due).days
    assert f"{late} day{'s' if late != 1 else ''} after supervision was due on" in html
    # The first came after years without any (counted from the start in post); the third on
    # time.
    assert html.count(">Late</strong>") == 2
    third_row = html[html.index("Monday 10 August 2026") :].split("</tr>", 1)[0]
    assert "Late" not in third_row
