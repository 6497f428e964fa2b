"""Team and supervisor pages and the findings list: current findings worked out live, kept to
the team or supervisor asked for, in words, linking where the viewer may follow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.compliance.test_overview import text

pytestmark = pytest.mark.django_db
FINDINGS = reverse("compliance:findings")


def team_page(client, place):  # type: ignore[no-untyped-def]
    return client.get(reverse("compliance:team", args=[place.pk]))


def test_the_team_page_lists_that_teams_findings_in_words(
    client, figures, team, places, qa
) -> None:
    client.force_login(qa)
    response = team_page(client, places.a)
    page = text(response)
    assert response.status_code == 200
    assert "Alex Worker" in page
    assert "Jordan Colleague" in page
    assert "Casey Child" in page
    assert "Olly Otherteam" not in page
    assert "Robin Elsewhere" not in page
    assert "Personal supervision (P1)" in page
    assert "Overdue by" in page
    # Why, in words: nobody has had a session, so the clock runs from their start date.
    assert "Counted from: started in post on Monday 6 January 2020" in page
    html = response.content.decode()
    # The child's record is open to QA here (a case-record role); a supervisee's page is for
    # their management chain only, so QA gets the name without a link to a page it can't open.
    assert reverse("cases:child", args=[team.child.pk]) in html
    assert reverse("sessions:supervisee", args=[team.worker.pk]) not in html


def test_the_team_page_shows_the_team_over_time(client, figures, places, qa) -> None:
    client.force_login(qa)
    page = text(team_page(client, places.a))
    assert "The team over time" in page
    # 23 Nov: 11 supervisees (10 + the manager), 1 overdue; 23 Oct: 10 and none.
    assert "Monday 23 November 2026 11 1 91% 4 5 0" in page
    assert "Friday 23 October 2026 10 0 100%" in page


def test_a_child_is_named_only_to_those_who_may_open_the_record(
    client, figures, team, places, inspector
) -> None:
    client.force_login(inspector)
    response = team_page(client, places.a)
    page = text(response)
    assert "Casey Child" not in page
    assert f"Child {team.child.external_id}" in page
    assert reverse("cases:child", args=[team.child.pk]) not in response.content.decode()


def test_a_team_manager_sees_their_chain_not_their_own_findings(
    client, figures, team, places
) -> None:
    client.force_login(team.manager.user)
    response = team_page(client, places.a)
    html = response.content.decode()
    assert "Alex Worker" in html
    assert "Casey Child" in html
    assert reverse("cases:child", args=[team.child.pk]) in html
    # The manager's own supervision is their service manager's business, not on this page.
    assert reverse("sessions:supervisee", args=[team.manager.pk]) not in html


def test_the_supervisor_page(client, figures, team, qa) -> None:
    client.force_login(qa)
    response = client.get(reverse("compliance:supervisor", args=[team.manager.pk]))
    page = text(response)
    assert response.status_code == 200
    assert "Morgan Manager" in page
    assert "Alex Worker" in page
    assert "Jordan Colleague" in page
    assert "Olly Otherteam" not in page
    assert "9 of 10 (90%)" in page


def test_the_findings_list_filters_by_rule_team_and_status(
    client, figures, team, places, qa
) -> None:
    client.force_login(qa)
    page = text(client.get(FINDINGS))
    assert "Alex Worker" in page
    assert "Olly Otherteam" in page
    assert "Casey Child" in page
    page = text(client.get(FINDINGS, {"rule": "personal_supervision", "status": "overdue"}))
    assert "Alex Worker" in page
    assert "Olly Otherteam" in page
    assert "Casey Child" not in page
    assert "Due in " not in page
    assert "Due today" not in page
    page = text(client.get(FINDINGS, {"team": places.b.pk}))
    assert "Olly Otherteam" in page
    assert "Robin Elsewhere" in page
    assert "Alex Worker" not in page
    page = text(client.get(FINDINGS, {"status": "due_soon", "rule": "personal_supervision"}))
    assert "0 findings" in page


def test_the_findings_list_keeps_to_the_managers_chain(client, figures, team, places) -> None:
    client.force_login(team.manager.user)
    response = client.get(FINDINGS)
    page = text(response)
    assert "Alex Worker" in page
    assert "Olly Otherteam" not in page
    assert "Robin Elsewhere" not in page
    assert "Bravo Team" not in page  # not even as a filter option
    page = text(client.get(FINDINGS, {"team": places.b.pk}))
    assert "Select a team from the list" in page
    assert "Olly Otherteam" not in page


def test_a_filter_that_is_not_on_the_list_is_an_error(client, figures, qa) -> None:
    client.force_login(qa)
    response = client.get(FINDINGS, {"rule": "made_up", "status": "late"})
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select a rule from the list" in page
    assert "Select a status from the list" in page
    assert response.content.decode().count('value="made_up"') == 0


@pytest.mark.parametrize("who", ["qa", "inspector", "hr", "head", "manager"])
def test_every_link_on_the_findings_pages_opens_for_the_one_who_sees_it(
    client, figures, team, places, who, request
) -> None:
    """No dead ends: each link on the findings, team and supervisor pages answers 200 for the
    viewer it was shown to (a link to a page they may not open would be a 404)."""
    import re

    from supervise.accounts.models import Role
    from tests.web.compliance.conftest import granted

    users = {
        "qa": lambda: request.getfixturevalue("qa"),
        "inspector": lambda: request.getfixturevalue("inspector"),
        "hr": lambda: granted(team.org, Role.HR),
        "head": lambda: team.head.user,
        "manager": lambda: team.manager.user,
    }
    client.force_login(users[who]())
    pages = [FINDINGS, reverse("compliance:team", args=[places.a.pk])]
    if who != "manager":
        pages.append(reverse("compliance:supervisor", args=[team.manager.pk]))
    followed = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        main = response.content.decode().split('id="main-content"', 1)[1]
        for href in set(re.findall(r'href="(/[^"#]*)"', main)):
            href = href.replace("&amp;", "&")
            if href in followed or href.startswith("/static/"):
                continue
            followed.add(href)
            assert client.get(href).status_code == 200, (who, page, href)
    people = {reverse("sessions:supervisee", args=[s.pk]) for s in (team.worker, team.colleague)}
    if who in ("head", "manager"):
        assert people & followed  # their chain's people are linked, and open
    else:
        assert not people & followed


def test_a_finding_about_a_session_links_to_its_record_for_those_who_may_open_it(
    client, figures, team, places, qa
) -> None:
    """A record not written up is dealt with on the session's page: the supervisor and their
    line manager get that link; quality assurance (who may not open personal records) none."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.web.team.helpers import held

    session = held(team, timezone.localdate() - timedelta(days=60))
    record = reverse("sessions:detail", args=[session.pk])
    for viewer in (team.manager.user, team.head.user):
        client.force_login(viewer)
        html = client.get(FINDINGS, {"rule": "personal_record"}).content.decode()
        assert f'href="{record}"' in html
        assert client.get(record).status_code == 200
    client.force_login(qa)
    html = client.get(FINDINGS, {"rule": "personal_record"}).content.decode()
    assert "Supervision of Alex Worker" in html
    assert record not in html
