"""My team: every supervisee and child with their due dates and why, overdue first, in a fixed
number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.policy.dates import format_long
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.web.team.helpers import held, login, planned, today

pytestmark = pytest.mark.django_db
URL = reverse("sessions:team")


def test_lists_supervisees_with_due_dates_and_why(client, team) -> None:
    last = today() - timedelta(days=40)
    held(team, last, record_status=RecordStatus.AWAITING_SUPERVISEE)
    page = login(client, team.manager).get(URL)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Alex Worker" in html
    assert "Jordan Colleague" in html
    assert "Olly Otherteam" not in html  # the neighbouring team's worker
    assert f"Last supervised {last:%A} {last.day} {last:%B %Y}; Experienced: every month" in html
    assert "Overdue by" in html  # a month has passed since the last session
    assert "1 awaiting signature" in html
    assert reverse("sessions:supervisee", args=[team.worker.pk]) in html
    assert reverse("sessions:schedule", args=[team.worker.pk]) in html
    assert reverse("sessions:group-new") in html


def test_overdue_supervisees_and_children_come_first(client, team) -> None:
    # The colleague was supervised last week, the worker two months ago: the worker is first.
    held(team, today() - timedelta(days=60))
    held(team, today() - timedelta(days=7), supervisee=team.colleague)
    recent = f.ChildFactory(organisation=team.org, name="Recently Allocated")
    f.AllocationFactory(child=recent, staff=team.colleague, starts_on=today() - timedelta(days=3))
    html = login(client, team.manager).get(URL).content.decode()

    assert html.index("Alex Worker") < html.index("Jordan Colleague")
    # Casey Child was allocated in 2025 and never discussed; the new child is not due yet.
    assert html.index("Casey Child") < html.index("Recently Allocated")
    assert "Allocated Wednesday 1 January 2025, not discussed since" in html


def test_children_overdue_or_due_soon_are_listed_in_full_and_the_rest_folded(client, team) -> None:
    """A manager with 120 children reads the ones needing a discussion first, in a table; the
    others (last discussion and next due date each) are folded under a <details>."""
    recent = f.ChildFactory(organisation=team.org, name="Recently Allocated")
    f.AllocationFactory(child=recent, staff=team.colleague, starts_on=today() - timedelta(days=3))
    html = login(client, team.manager).get(URL).content.decode()
    children = html[html.index('id="children"') : html.index('id="other"')]
    first, _, later = children.partition('<details class="govuk-details" id="children-later">')
    assert "Casey Child" in first
    assert "Casey Child" not in later
    assert "Allocated Wednesday 1 January 2025, not discussed since" in first
    assert "Recently Allocated" in later
    assert "Recently Allocated" not in first
    assert "The other 1 child: case discussion not due in the next 7 days" in later
    assert "Jordan Colleague" in later  # the worker, and when it is due
    assert "Never" in later
    assert "Due " in later
    assert "1 overdue for case supervision, 0 due in the next 7 days" in html
    assert f'href="{reverse("cases:list")}"' in children  # the whole list, to find a child


def test_supervisees_are_one_row_each_in_a_table(client, team) -> None:
    html = login(client, team.manager).get(URL).content.decode()
    table = html[html.index('id="supervisees"') : html.index('id="children"')]
    assert "govuk-summary-card" not in table
    assert table.count('<tr class="govuk-table__row" role="row">') == 1 + 2  # head, 2 people
    for label in ("Supervision due", "Last and next session", "Agreement", "Records waiting"):
        assert f'data-label="{label}"' in table


def test_a_supervisee_with_an_overdue_record_comes_before_one_merely_due_soon(client, team) -> None:
    """Supervised last week, but a record from three months ago is still not written: that
    is overdue, and comes before a colleague whose supervision is only due soon."""
    held(team, today() - timedelta(days=90), record_status=RecordStatus.DRAFT)
    held(team, today() - timedelta(days=7), record_status=RecordStatus.FINALISED)
    held(team, today() - timedelta(days=25), supervisee=team.colleague,
         record_status=RecordStatus.FINALISED)  # fmt: skip
    html = login(client, team.manager).get(URL).content.decode()
    assert html.index("Alex Worker") < html.index("Jordan Colleague")
    card = html[html.index("Alex Worker") : html.index("Jordan Colleague")]
    assert "1 to write" in card
    assert "Overdue by" in card
    assert f"{reverse('sessions:supervisee', args=[team.worker.pk])}#sessions" in card


def test_cover_supervisees_are_marked(client, team) -> None:
    covered = f.StaffFactory(organisation=team.org, name="Cora Covered")
    f.LineFactory(supervisee=covered, supervisor=team.other_manager)
    f.LineFactory(
        supervisee=covered, supervisor=team.manager, cover=True,
        starts_on=today() - timedelta(days=10),
    )  # fmt: skip
    html = login(client, team.manager).get(URL).content.decode()

    card = html[html.index("Cora Covered") :]
    assert card.index("Cover") < card.index("Book supervision")


def test_agreement_in_force_or_needed(client, team) -> None:
    signed_on = today() - timedelta(days=100)
    Agreement.objects.create(
        organisation=team.org, external_id="AG1", supervisee=team.worker,
        supervisor=team.manager, status=AgreementStatus.SIGNED,
        supervisee_signed_on=signed_on, supervisor_signed_on=signed_on,
    )  # fmt: skip
    held(team, today() - timedelta(days=20), supervisee=team.colleague)  # first session: A1
    html = login(client, team.manager).get(URL).content.decode()

    worker_card = html[html.index("Alex Worker") : html.index("Jordan Colleague")]
    assert f"In force, signed {format_long(signed_on)}" in worker_card
    colleague_card = html[html.index("Jordan Colleague") :]
    assert "Needed" in colleague_card.split("Records")[0]


def test_lists_other_findings_grouped_by_rule(client, team) -> None:
    held(team, today() - timedelta(days=30), record_status=RecordStatus.DRAFT)
    html = login(client, team.manager).get(URL).content.decode()

    other = html[html.index('id="other"') :]
    assert "Supervision record completed (1)" in other
    assert "Session with Alex Worker" in other
    assert "Observation of practice" in other  # Hull: every 3 months


def test_a_practitioner_gets_403(client, team) -> None:
    assert login(client, team.worker).get(URL).status_code == 403


def test_another_organisations_manager_sees_only_their_own_team(client, team, other_org) -> None:
    html = login(client, other_org.manager).get(URL).content.decode()
    assert "Alex Worker" in html  # the other organisation's own "Alex Worker"
    assert reverse("sessions:supervisee", args=[team.worker.pk]) not in html
    assert reverse("cases:child", args=[team.child.pk]) not in html


def _grow_team(team, size: int, tag: str) -> None:  # type: ignore[no-untyped-def]
    """Give the manager `size` more supervisees, each with children, sessions, an agreement
    and records waiting, so that every kind of row is there."""
    for n in range(size):
        person = f.StaffFactory(
            organisation=team.org, name=f"Extra Person{tag}{n}",
            team=f.TeamFactory(organisation=team.org),
        )  # fmt: skip
        f.LineFactory(supervisee=person, supervisor=team.manager)
        for k in range(3):
            child = f.ChildFactory(organisation=team.org, name=f"Extra Child{tag}{n}-{k}")
            f.AllocationFactory(child=child, staff=person)
        held(team, today() - timedelta(days=50), supervisee=person,
             record_status=RecordStatus.AWAITING_SUPERVISEE)  # fmt: skip
        planned(team, supervisee=person)
        Agreement.objects.create(
            organisation=team.org, external_id=f"AG-{tag}{n}", supervisee=person,
            supervisor=team.manager, status=AgreementStatus.AWAITING_SIGNATURES,
        )  # fmt: skip


def _queries(client, team) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_the_team(client, team) -> None:
    login(client, team.manager)
    client.get(URL)  # the first request after signing in also saves the session
    _grow_team(team, 2, "A")
    small = _queries(client, team)
    _grow_team(team, 6, "B")
    large = _queries(client, team)
    html = client.get(URL).content.decode()
    assert html.count("Extra Child") == 8 * 3
    assert small == large, f"{small} queries for 4 supervisees, {large} for 10"


def test_a_session_booked_after_supervision_is_due_is_flagged(client, team) -> None:
    from supervise.policy.dates import add_months
    from tests.web.team.helpers import next_working_day

    last = today() - timedelta(days=10)
    held(team, last)
    due = add_months(last, 1)  # "Experienced: every month"
    late = next_working_day(due + timedelta(days=7))
    planned(team, scheduled_on=late)
    html = login(client, team.manager).get(URL).content.decode()
    days = (late - due).days
    assert "Booked after it is due" in html
    row = html[html.index("Booked after it is due") :]
    assert (
        f"{days} days after it is due: it will be overdue by then unless a session is held "
        "sooner." in row
    )
    assert f"Due {format_long(due)}" in html  # the due date, once, beside the status
    assert "overdue already" not in html


def test_a_session_booked_for_someone_already_overdue_says_they_are_overdue(client, team) -> None:
    """Not 'it will be overdue by then': it is overdue now, and stays so until a session."""
    from supervise.policy.dates import add_months
    from tests.web.team.helpers import next_working_day

    last = today() - timedelta(days=45)
    held(team, last)
    due = add_months(last, 1)  # about two weeks ago
    late = next_working_day(today() + timedelta(days=3))
    planned(team, scheduled_on=late)
    html = login(client, team.manager).get(URL).content.decode()
    days = (late - due).days
    assert "Booked after it was due" in html
    assert (
        f"{days} days after it was due: it is overdue already, and stays overdue until a session "
        "is held. Hold one sooner if you can." in html
    )
    assert f"Due {format_long(due)}" in html
    assert "it will be overdue by then" not in html
    assert "Booked after it is due" not in html


def test_a_session_booked_after_supervision_due_today_says_so(client, team, time_machine) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from supervise.policy.dates import add_months
    from tests.web.team.helpers import next_working_day

    # On a day that is exactly a month after another (on 29-31 March none is), a Wednesday.
    time_machine.move_to(datetime(2026, 11, 18, 10, tzinfo=ZoneInfo("Europe/London")))
    last = date(2026, 10, 18)
    assert add_months(last, 1) == today()
    held(team, last)
    late = next_working_day(today() + timedelta(days=3))
    planned(team, scheduled_on=late)
    html = login(client, team.manager).get(URL).content.decode()
    days = (late - today()).days
    assert "Booked after it is due" in html
    assert (
        f"{days} days after it is due today: it will be overdue from tomorrow unless a session is "
        "held today." in html
    )


def test_a_session_booked_in_time_is_not_flagged(client, team) -> None:
    from tests.web.team.helpers import next_working_day

    held(team, today() - timedelta(days=10))
    planned(team, scheduled_on=next_working_day(today() + timedelta(days=3)))
    html = login(client, team.manager).get(URL).content.decode()
    assert "Booked after it is due" not in html


def test_a_service_manager_is_led_to_the_teams_of_their_team_managers(client, team) -> None:
    html = login(client, team.head).get(URL).content.decode()
    assert "2 of your supervisees manage people of their own" in html
    for manager in (team.manager, team.other_manager):
        link = reverse("compliance:supervisor", args=[manager.pk])
        assert f'href="{link}">{manager.name}</a>' in html
        assert client.get(link).status_code == 200
    assert "supervises 2" in html  # Morgan Manager: the worker and the colleague


def test_a_team_manager_whose_supervisees_manage_nobody_sees_no_teams_below(client, team) -> None:
    html = login(client, team.manager).get(URL).content.decode()
    assert 'id="teams-below"' not in html
