"""The overview's figures, worked out by hand from snapshot rows: headline, tables, periods,
sorting, the chart, and a constant number of queries whatever the number of teams."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.compliance.scope import compliance_scope
from supervise.compliance.selectors import compliance, snapshot_days
from supervise.organisations.models import Team as OrgTeam
from tests import factories as f
from tests.web.compliance.conftest import FIVE_MONTHS_AGO, LATEST, MONTH_AGO, snap

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("compliance:overview")


def text(response) -> str:  # type: ignore[no-untyped-def]
    """The page's words, with tags and runs of white space taken out."""
    html = response.content.decode()
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def table_rows(response, table_id: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    body = body.split("<tbody", 1)[1]
    rows = []
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        row = re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", row)
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_headline_figures_are_summed_from_the_latest_snapshot(client, figures, qa) -> None:
    client.force_login(qa)
    page = text(client.get(OVERVIEW))
    # Personal supervision: 10 + 5 + 1 + 1 supervisees, 1 + 2 + 0 + 1 overdue, due soon 3 + 1.
    assert "13 of 17 (76%); 4 overdue, 4 due in 7 days" in page
    # Children: 40 + 20 with 4 + 1 overdue.
    assert "55 of 60 (92%); 5 overdue" in page
    # Records: personal_record 3 + record_signoff 2 + case_record 4, of which 1 + 2 overdue.
    assert "Supervision records outstanding 9 3 of them overdue" in page
    assert "Supervision agreements missing 2 1 of them overdue" in page
    assert "On Monday 23 November 2026" in page


def test_the_tables_by_team_and_by_supervisor(client, figures, qa, team) -> None:
    client.force_login(qa)
    response = client.get(OVERVIEW)
    by_team = table_rows(response, "by-team")
    # Default order: lowest compliance first. Bravo: 6 supervisees, 3 overdue = 50%.
    assert by_team == [
        ["Bravo Team", "6", "3", "1", "4", "50%"],
        ["Alpha Team", "11", "1", "4", "5", "91%"],
    ]
    by_supervisor = table_rows(response, "by-supervisor")
    assert ["Bravo Team", "Sam Service", "1", "1", "0", "0", "0%"] in by_supervisor
    assert ["Alpha Team", "Morgan Manager", "10", "1", "4", "5", "90%"] in by_supervisor
    assert len(by_supervisor) == 4


def test_sorting_by_query_string(client, figures, qa) -> None:
    client.force_login(qa)
    names = lambda r: [row[0] for row in table_rows(r, "by-team")]  # noqa: E731
    assert names(client.get(OVERVIEW, {"sort": "-compliance"})) == ["Alpha Team", "Bravo Team"]
    assert names(client.get(OVERVIEW, {"sort": "supervisees"})) == ["Bravo Team", "Alpha Team"]
    assert names(client.get(OVERVIEW, {"sort": "-supervisees"})) == ["Alpha Team", "Bravo Team"]
    assert names(client.get(OVERVIEW, {"sort": "team"})) == ["Alpha Team", "Bravo Team"]
    assert names(client.get(OVERVIEW, {"sort": "nonsense"})) == ["Bravo Team", "Alpha Team"]
    response = client.get(OVERVIEW, {"sort": "-overdue"})
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_period_selects_the_snapshot_days(client, figures, qa, team) -> None:
    scope = compliance_scope(Viewer(qa))
    assert scope is not None
    assert compliance(scope, 3).days == [MONTH_AGO, LATEST]
    assert compliance(scope, 6).days == [FIVE_MONTHS_AGO, MONTH_AGO, LATEST]
    client.force_login(qa)
    page = text(client.get(OVERVIEW, {"months": "3"}))
    assert "Figures from October 2026 to November 2026" in page
    assert "23 June 2026" not in page
    page = text(client.get(OVERVIEW, {"months": "6"}))
    assert "Figures from June 2026 to November 2026" in page
    # The chart's table: Alpha 50% five months ago (5 of 10 overdue), 100% a month ago.
    assert "Alpha Team 50% 100% 91%" in page


def test_daily_snapshots_are_shown_one_a_month(team, places) -> None:
    start = LATEST - timedelta(days=120)
    for n in range(121):
        snap(team.org, start + timedelta(days=n), places.a, team.manager,
             "personal_supervision", 4, n % 2)  # fmt: skip
    days = snapshot_days(team.org.pk, 3)
    assert days == [date(2026, 8, 23), date(2026, 9, 23), date(2026, 10, 23), LATEST]


def test_the_chart_is_an_accessible_svg_with_its_numbers_in_a_table(client, figures, qa) -> None:
    client.force_login(qa)
    html = client.get(OVERVIEW, {"months": "12"}).content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg
    assert '<title id="chart-teams-title">' in svg
    assert "<desc" in svg
    assert "Whole organisation" in svg
    # Lines told apart by pattern and marker as well as colour, and labelled at their ends.
    assert "stroke-dasharray" in svg
    assert "<polygon" in svg or "<rect" in svg
    assert "Alpha Team 91%" in svg
    assert "Bravo Team 50%" in svg
    assert "Show the chart&#x27;s figures as a table" in html or "Show the chart's figures" in html


def test_a_former_team_is_in_the_table_and_the_caption_says_why_it_is_not_drawn(
    client, figures, places, team, qa
) -> None:
    closed = OrgTeam.objects.create(organisation=team.org, name="Closed Team")
    snap(team.org, MONTH_AGO, closed, team.manager, "personal_supervision", 6, 1, 0)
    client.force_login(qa)
    html = unescape(client.get(OVERVIEW, {"months": "12"}).content.decode())
    caption = html.split("<figcaption", 1)[1].split("</figcaption>", 1)[0]
    assert "1 with no supervisees on the last day (for example a team since closed) is only" in (
        " ".join(caption.split())
    )
    assert "largest of" not in caption  # every current team is drawn
    assert "Closed Team" in html.split("</svg>", 1)[1]  # in the chart's table


def test_no_figures_yet(client, team, qa) -> None:
    client.force_login(qa)
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert "There are no compliance figures yet" in text(response)


def _teams_of_rows(org, count: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        place = OrgTeam.objects.create(organisation=org, name=f"Team {n}")
        supervisor = f.StaffFactory(organisation=org, role="team_manager", team=place)
        for day in (LATEST, MONTH_AGO, FIVE_MONTHS_AGO):
            for rule in ("personal_supervision", "case_supervision", "record_signoff"):
                snap(org, day, place, supervisor, rule, 10, n % 3, 1)


def _queries(client, user) -> int:  # type: ignore[no-untyped-def]
    client.force_login(user)
    client.get(OVERVIEW)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(OVERVIEW, {"sort": "-overdue"})
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_rows_shown(client, db) -> None:
    from supervise.accounts.models import Role

    small = f.OrganisationFactory(slug="small-org")
    large = f.OrganisationFactory(slug="large-org")
    _teams_of_rows(small, 2)
    _teams_of_rows(large, 6)
    few = _queries(client, f.UserFactory(organisation=small, roles=[Role.INSPECTOR]))
    many = _queries(client, f.UserFactory(organisation=large, roles=[Role.INSPECTOR]))
    assert few == many
    assert few <= 12


def _chain_of_teams(org, count: int):  # type: ignore[no-untyped-def]
    """A service manager over `count` teams, each a manager and two workers, with rows."""
    head = f.StaffFactory(organisation=org, role="service_manager")
    for n in range(count):
        place = OrgTeam.objects.create(organisation=org, name=f"Team {n}")
        manager = f.StaffFactory(organisation=org, role="team_manager", team=place)
        f.LineFactory(supervisee=manager, supervisor=head)
        for _ in range(2):
            f.LineFactory(supervisee=f.StaffFactory(organisation=org, team=place),
                          supervisor=manager)  # fmt: skip
        for day in (LATEST, MONTH_AGO):
            snap(org, day, place, manager, "personal_supervision", 2, n % 2)
            snap(org, day, place, head, "personal_supervision", 1, 0)
    return head


def test_a_managers_chain_also_takes_a_fixed_number_of_queries(client, db) -> None:
    few = _queries(client, _chain_of_teams(f.OrganisationFactory(slug="few-org"), 2).user)
    many = _queries(client, _chain_of_teams(f.OrganisationFactory(slug="many-org"), 6).user)
    assert few == many


def test_the_page_says_when_its_figures_were_counted(client, figures, qa) -> None:
    from django.utils import timezone

    from supervise.compliance.models import ComplianceSnapshot

    counted = timezone.make_aware(datetime(2026, 11, 23, 6, 5))
    ComplianceSnapshot.objects.filter(taken_on=LATEST).update(computed_at=counted)
    client.force_login(qa)
    page = text(client.get(reverse("compliance:overview")))
    assert (
        "The latest figures are for Monday 23 November 2026, counted on Monday 23 November "
        "2026 at 6:05am. Anything done since then is in the current findings now" in page
    )


def test_a_supervisor_who_has_left_is_shown_as_a_leaver(client, figures, qa, team) -> None:
    team.manager.left_on = date(2026, 11, 20)
    team.manager.save(update_fields=["left_on"])
    client.force_login(qa)
    page = text(client.get(reverse("compliance:overview")))
    assert "Morgan Manager Left Friday 20 November 2026" in page
    assert "Nina Neighbour Left" not in page


def test_every_rule_table_splits_open_duties_into_overdue_due_soon_and_later(
    client, figures, qa
) -> None:
    """'Open' counts every duty not yet met, however far off: it must add up to overdue, due
    in 7 days and due later, so that it can be reconciled with the findings list."""
    client.force_login(qa)
    page = text(client.get(OVERVIEW))
    # personal_record: 3 open, 1 overdue, 2 due soon; agreement (Bravo): 2 open, 1 overdue.
    assert "Supervision record completed (P7) 3 1 2 0" in page
    assert "Supervision agreement (A1) 2 1 0 1" in page
    assert "Discussion on the child's record (P6) 4 0 4 0" in page
