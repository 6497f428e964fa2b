"""Who sees which figures: the management chain, organisation-wide roles, nobody else; and
never another organisation's teams or staff (404, not 403, so ids cannot be probed)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.accounts.models import Role
from supervise.audit.models import AuditEntry
from tests.conftest import Team
from tests.web.compliance.conftest import granted

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("compliance:overview")


def team_url(place) -> str:  # type: ignore[no-untyped-def]
    return reverse("compliance:team", args=[place.pk])


def supervisor_url(staff) -> str:  # type: ignore[no-untyped-def]
    return reverse("compliance:supervisor", args=[staff.pk])


def test_a_team_manager_sees_only_their_own_chain(client, figures, team, places) -> None:
    client.force_login(team.manager.user)
    page = client.get(OVERVIEW).content.decode()
    assert "Teams in your management chain" in page
    assert "Alpha Team" in page
    assert "Bravo Team" not in page
    assert "Nina Neighbour" not in page
    # Only the rows their chain supervises: 10 supervisees, 1 overdue (not the head's rows).
    assert "9 of 10 (90%)" in page
    # ...and the team's row says it is only that part of Alpha Team.
    assert "Only the supervision done in your management chain" in page
    assert client.get(team_url(places.a)).status_code == 200
    assert client.get(team_url(places.b)).status_code == 404
    assert client.get(supervisor_url(team.manager)).status_code == 200
    assert client.get(supervisor_url(team.other_manager)).status_code == 404
    assert client.get(supervisor_url(team.head)).status_code == 404


def test_a_refused_team_is_audited(client, figures, team, places) -> None:
    client.force_login(team.manager.user)
    client.get(team_url(places.b))
    refusal = AuditEntry.objects.filter(action="access.refused").latest("id")
    assert refusal.object_id == str(places.b.pk)


def test_the_service_manager_sees_every_team_below_them(client, figures, team, places) -> None:
    client.force_login(team.head.user)
    page = client.get(OVERVIEW).content.decode()
    assert "Alpha Team" in page
    assert "Bravo Team" in page
    assert "Only the supervision done in your management chain" not in page
    assert client.get(team_url(places.b)).status_code == 200
    assert client.get(supervisor_url(team.other_manager)).status_code == 200


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.QUALITY_ASSURANCE, Role.HR,
                                  Role.SENIOR_MANAGER])  # fmt: skip
def test_organisation_wide_roles_see_every_team(client, figures, team, places, role) -> None:
    client.force_login(granted(team.org, role))
    response = client.get(OVERVIEW)
    page = response.content.decode()
    assert response.status_code == 200
    assert "All teams in the organisation" in page
    assert "13 of 17 (76%)" in page
    assert client.get(team_url(places.b)).status_code == 200
    assert client.get(supervisor_url(team.head)).status_code == 200


@pytest.mark.parametrize(
    "name", ["compliance:overview", "compliance:findings", "compliance:export-csv",
             "compliance:export-xlsx"],
)  # fmt: skip
def test_a_practitioner_is_refused(client, figures, team, name) -> None:
    client.force_login(team.worker.user)
    assert client.get(reverse(name)).status_code == 403


def test_a_practitioner_is_refused_a_team_page(client, figures, team, places) -> None:
    client.force_login(team.worker.user)
    assert client.get(team_url(places.a)).status_code == 403


def test_business_support_and_administrators_are_refused(client, figures, team) -> None:
    for role in (Role.BUSINESS_SUPPORT, Role.ADMINISTRATOR):
        client.force_login(granted(team.org, role))
        assert client.get(OVERVIEW).status_code == 403


def test_signing_in_is_needed(client, figures) -> None:
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_another_organisations_teams_and_staff_are_not_found(client, figures, places) -> None:
    from supervise.organisations.models import Team as OrgTeam

    other = Team(slug="other-org")
    their_team = OrgTeam.objects.create(organisation=other.org, name="Their Team")
    inspector = granted(places.a.organisation, Role.INSPECTOR)
    client.force_login(inspector)
    assert client.get(team_url(their_team)).status_code == 404
    assert client.get(supervisor_url(other.manager)).status_code == 404
    assert client.get(reverse("compliance:findings"), {"team": their_team.pk}).status_code == 200
    page = client.get(reverse("compliance:findings"), {"team": their_team.pk}).content.decode()
    assert "Select a team from the list" in page


def test_another_organisations_figures_never_show(client, figures, places) -> None:
    from tests.web.compliance.conftest import LATEST, snap

    other = Team(slug="other-org")
    snap(other.org, LATEST, None, other.manager, "personal_supervision", 1000, 1000)
    client.force_login(granted(places.a.organisation, Role.INSPECTOR))
    page = client.get(OVERVIEW).content.decode()
    assert "13 of 17 (76%)" in page
    assert "Morgan Manager" in page
    client.force_login(granted(other.org, Role.INSPECTOR))
    page = client.get(OVERVIEW).content.decode()
    assert "0 of 1,000 (0%)" in page
    assert "Alpha Team" not in page
