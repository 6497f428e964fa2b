"""Who am I, the engine's findings in the viewer's scope, and one person's duties."""

from __future__ import annotations

import pytest
from django.utils import timezone

from supervise.compliance.dataset import dataset_from_db
from supervise.policy.engine import report
from tests import factories as f
from tests.api.conftest import as_, error_fields

pytestmark = pytest.mark.django_db


def subjects(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {finding["subject"]["id"] for finding in response.json()["findings"]}


# --- /me --------------------------------------------------------------------------------------


def test_me_gives_roles_staff_record_and_organisation(team) -> None:
    body = as_(team.manager).get("/me").json()
    assert body["roles"] == ["practitioner", "supervisor"]
    assert body["staff"]["id"] == team.manager.pk
    assert body["staff"]["external_id"] == team.manager.external_id
    assert body["organisation"] == {
        "id": team.org.pk, "slug": team.org.slug, "name": team.org.name, "policy": "hull",
    }  # fmt: skip


def test_me_for_a_granted_role_without_a_staff_record(team) -> None:
    inspector = f.UserFactory(organisation=team.org, roles=["inspector"])
    body = as_(inspector).get("/me").json()
    assert body["roles"] == ["inspector"]
    assert body["staff"] is None


# --- /findings --------------------------------------------------------------------------------


def test_a_manager_sees_findings_for_themselves_their_team_and_its_children(team) -> None:
    found = subjects(as_(team.manager).get("/findings"))
    assert {team.manager.external_id, team.worker.external_id, team.colleague.external_id,
            team.child.external_id} <= found  # fmt: skip
    assert not found & {team.other_worker.external_id, team.other_child.external_id,
                        team.other_manager.external_id, team.head.external_id}  # fmt: skip


def test_a_worker_sees_only_their_own_findings_and_their_children(team) -> None:
    found = subjects(as_(team.worker).get("/findings"))
    assert found == {team.worker.external_id, team.child.external_id}


def test_a_manager_still_sees_the_records_of_someone_who_has_moved_to_another_team(
    team,
) -> None:
    """The record of a session the manager held is theirs to finish, though the supervisee
    now has another supervisor: the finding stays in the manager's scope."""
    from datetime import timedelta

    from supervise.people.models import SupervisionLine
    from tests.web.team.helpers import held

    session = held(team, timezone.localdate() - timedelta(days=60))  # never written up
    moved_on = timezone.localdate() - timedelta(days=20)
    SupervisionLine.objects.filter(supervisee=team.worker).update(ends_on=moved_on)
    f.LineFactory(supervisee=team.worker, supervisor=team.other_manager,
                  starts_on=moved_on + timedelta(days=1))  # fmt: skip
    assert session.external_id in subjects(as_(team.manager).get("/findings"))


def test_the_service_manager_sees_both_teams(team) -> None:
    found = subjects(as_(team.head).get("/findings"))
    assert {team.worker.external_id, team.other_worker.external_id,
            team.other_child.external_id} <= found  # fmt: skip


def test_organisation_wide_findings_are_the_cli_report_for_org_wide_roles(team) -> None:
    quality = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    response = as_(quality).get("/findings", scope="org")
    body = response.json()
    today = timezone.localdate()
    expected = report(dataset_from_db(team.org), team.org.pack, today).to_json()
    assert body["policy"] == expected["policy"] == "hull"
    assert body["as_of"] == expected["as_of"]
    assert body["scope"] == "org"
    assert body["findings"] == expected["findings"]
    assert team.other_worker.external_id in subjects(response)


def test_organisation_wide_findings_are_refused_to_managers_and_workers(team) -> None:
    for person in (team.manager, team.worker):
        response = as_(person).get("/findings", scope="org")
        assert response.status_code == 403
        assert "senior managers" in response.json()["detail"]


def test_findings_filtered_by_rule_and_judged_on_a_day(team) -> None:
    response = as_(team.manager).get("/findings", rule="case_supervision", as_of="2025-03-02")
    body = response.json()
    assert body["as_of"] == "2025-03-02"
    assert {(f["rule"], f["subject"]["id"], f["status"]) for f in body["findings"]} == {
        ("case_supervision", team.child.external_id, "overdue")
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [({"rule": "tea_breaks"}, "rule"), ({"as_of": "last tuesday"}, "as_of"),
     ({"scope": "everyone"}, "scope")],
)  # fmt: skip
def test_bad_findings_parameters_are_422_naming_them(team, params, field) -> None:
    assert error_fields(as_(team.manager).get("/findings", **params)) == {field}


# --- /staff/{id}/duties -----------------------------------------------------------------------


def test_a_person_sees_their_own_duties_with_rule_numbers(team) -> None:
    response = as_(team.worker).get(f"/staff/{team.worker.pk}/duties")
    assert response.status_code == 200
    body = response.json()
    assert body["staff"] == {"id": team.worker.pk, "external_id": team.worker.external_id,
                             "name": team.worker.name}  # fmt: skip
    duty = next(d for d in body["duties"] if d["rule"] == "personal_supervision")
    assert duty["rule_number"] == "P1"
    assert duty["rule_title"] == "Personal supervision"
    assert duty["status"] == "overdue"
    assert duty["subject"] == {"type": "staff", "id": team.worker.external_id}
    assert {d["subject"]["id"] for d in body["duties"]} <= {
        team.worker.external_id, team.child.external_id,
    }  # fmt: skip


def test_duties_not_yet_due_are_listed_too(team) -> None:
    body = as_(team.worker).get(f"/staff/{team.worker.pk}/duties", as_of="2020-01-10").json()
    duty = next(d for d in body["duties"] if d["rule"] == "personal_supervision")
    assert duty["status"] == "not_due_yet"
    assert duty["due_on"] == "2020-02-06"


def test_the_chain_and_org_wide_roles_see_a_persons_duties(team) -> None:
    hr = f.UserFactory(organisation=team.org, roles=["hr"])
    for viewer in (team.manager, team.head, hr):
        assert as_(viewer).get(f"/staff/{team.worker.pk}/duties").status_code == 200


def test_colleagues_neighbours_and_other_organisations_get_404_for_duties(team, other_org) -> None:
    for viewer in (team.colleague, team.other_manager, other_org.head):
        response = as_(viewer).get(f"/staff/{team.worker.pk}/duties")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_duties_bad_input_is_422(team) -> None:
    assert error_fields(as_(team.worker).get("/staff/me/duties")) == {"staff_id"}
    assert error_fields(
        as_(team.worker).get(f"/staff/{team.worker.pk}/duties", as_of="2026-02-30")
    ) == {"as_of"}
