"""Children's records, agreements and compliance snapshots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from supervise.agreements.models import AgreementStatus
from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.compliance.services import snapshot_take
from tests import factories as f
from tests.api.conftest import agreement, as_, error_fields, finalised

pytestmark = pytest.mark.django_db


# --- children ---------------------------------------------------------------------------------


def test_the_allocated_worker_their_chain_and_granted_roles_read_the_childs_record(team) -> None:
    finalised(team)
    quality = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    for reader in (team.worker, team.manager, team.head, quality):
        response = as_(reader).get(f"/children/{team.child.pk}")
        assert response.status_code == 200, reader
    child = response.json()
    assert child["external_id"] == team.child.external_id
    assert child["allocations"][0]["staff"]["id"] == team.worker.pk
    [entry] = child["entries"]
    assert entry["kind"] == "case_supervision"
    assert "Visit weekly" in entry["body"]
    assert entry["session_id"] is not None


def test_reading_a_childs_record_is_audited_without_content(team) -> None:
    finalised(team)
    as_(team.manager).get(f"/children/{team.child.pk}")
    entry = AuditEntry.objects.get(action="child.viewed")
    assert entry.object_id == str(team.child.pk)
    assert entry.actor == team.manager.user
    assert "Visit weekly" not in str(entry.detail)


def test_others_get_404_for_a_childs_record(team, other_org) -> None:
    inspector = f.UserFactory(organisation=team.org, roles=["inspector"])  # not granted
    for reader in (team.colleague, team.other_manager, other_org.head, inspector):
        assert as_(reader).get(f"/children/{team.child.pk}").status_code == 404
    assert AuditEntry.objects.filter(action="access.refused").count() == 4
    assert error_fields(as_(team.worker).get("/children/casey")) == {"child_id"}


def test_a_manager_writes_oversight_on_the_childs_record(team) -> None:
    response = as_(team.manager).post(f"/children/{team.child.pk}/notes", {
        "kind": "management_oversight", "body": "Agreed to convene a strategy meeting",
        "happened_on": timezone.localdate().isoformat(),
    })  # fmt: skip
    assert response.status_code == 201, response.content
    note = CaseNote.objects.get(pk=response.json()["id"])
    assert note.child == team.child
    assert note.author == team.manager
    assert response.json()["kind"] == "management_oversight"


def test_writing_on_a_childs_record_needs_a_staff_record(team) -> None:
    quality = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    response = as_(quality).post(f"/children/{team.child.pk}/notes", {
        "kind": "decision", "body": "x", "happened_on": timezone.localdate().isoformat(),
    })  # fmt: skip
    assert response.status_code == 403
    assert not CaseNote.objects.exists()


def test_writing_on_a_child_outside_ones_rights_is_404(team, other_org) -> None:
    body = {"kind": "decision", "body": "x", "happened_on": timezone.localdate().isoformat()}
    for writer in (team.colleague, team.other_manager, other_org.manager):
        assert as_(writer).post(f"/children/{team.child.pk}/notes", body).status_code == 404
    assert not CaseNote.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"kind": "gossip"}, "kind"), ({"body": "  "}, "body"),
     ({"happened_on": "2099-01-01"}, "happened_on"), ({"happened_on": "soon"}, "happened_on")],
)  # fmt: skip
def test_bad_notes_are_422_naming_the_field(team, change, field) -> None:
    body = {"kind": "decision", "body": "Close the case",
            "happened_on": timezone.localdate().isoformat(), **change}  # fmt: skip
    response = as_(team.manager).post(f"/children/{team.child.pk}/notes", body)
    assert error_fields(response) == {field}
    assert not CaseNote.objects.exists()


# --- agreements -------------------------------------------------------------------------------


def test_the_two_parties_and_the_supervisors_manager_read_an_agreement(team) -> None:
    pending = agreement(team)
    for reader in (team.worker, team.manager, team.head):
        response = as_(reader).get(f"/agreements/{pending.pk}")
        assert response.status_code == 200
    assert response.json()["frequency"] == "P28D"
    assert response.json()["supervisee"]["id"] == team.worker.pk
    assert AuditEntry.objects.filter(action="agreement.viewed").count() == 3


def test_others_get_404_for_an_agreement(team, other_org) -> None:
    pending = agreement(team)
    hr = f.UserFactory(organisation=team.org, roles=["hr"])
    for reader in (team.colleague, team.other_manager, other_org.manager, hr):
        assert as_(reader).get(f"/agreements/{pending.pk}").status_code == 404
    assert error_fields(as_(team.worker).get("/agreements/latest")) == {"agreement_id"}


def test_the_supervisee_signs_and_the_agreement_is_in_force(team) -> None:
    pending = agreement(team)
    response = as_(team.worker).post(f"/agreements/{pending.pk}/sign")
    assert response.status_code == 200
    assert response.json()["status"] == "signed"
    assert response.json()["signed_on"] == timezone.localdate().isoformat()


def test_signing_an_agreement_refusals(team, other_org) -> None:
    pending = agreement(team)
    assert as_(team.head).post(f"/agreements/{pending.pk}/sign").status_code == 403
    for outsider in (team.other_manager, team.colleague, other_org.worker):
        assert as_(outsider).post(f"/agreements/{pending.pk}/sign").status_code == 404
    already = as_(team.manager).post(f"/agreements/{pending.pk}/sign")
    assert already.status_code == 409
    draft = agreement(team, status=AgreementStatus.DRAFT)
    assert as_(team.worker).post(f"/agreements/{draft.pk}/sign").status_code == 409
    pending.refresh_from_db()
    assert pending.status == AgreementStatus.AWAITING_SIGNATURES
    assert error_fields(as_(team.worker).post("/agreements/x/sign")) == {"agreement_id"}


# --- compliance snapshots ---------------------------------------------------------------------


@pytest.fixture
def snapshots(team):
    today = timezone.localdate()
    snapshot_take(organisation=team.org, as_of=today - timedelta(days=30))
    snapshot_take(organisation=team.org, as_of=today)
    return today


def supervisors(response) -> set:
    assert response.status_code == 200, response.content
    return {row["supervisor"]["id"] if row["supervisor"] else None
            for row in response.json()["items"]}  # fmt: skip


def test_org_wide_roles_see_every_snapshot_row(team, snapshots) -> None:
    inspector = f.UserFactory(organisation=team.org, roles=["inspector"])
    found = supervisors(as_(inspector).get("/compliance/snapshots"))
    assert {team.manager.pk, team.other_manager.pk, team.head.pk} <= found


def test_a_manager_sees_the_rows_of_their_own_chain(team, snapshots) -> None:
    assert supervisors(as_(team.manager).get("/compliance/snapshots")) == {team.manager.pk}
    neighbour = supervisors(as_(team.other_manager).get("/compliance/snapshots"))
    assert neighbour == {team.other_manager.pk}
    # A service manager is a senior manager: the whole organisation, unattributed rows too.
    assert {team.head.pk, team.manager.pk, None} <= supervisors(
        as_(team.head).get("/compliance/snapshots")
    )


def test_snapshots_by_date_range_and_team(team, snapshots) -> None:
    inspector = f.UserFactory(organisation=team.org, roles=["inspector"])
    today = snapshots.isoformat()
    rows = as_(inspector).get("/compliance/snapshots", **{"from": today, "to": today}).json()
    assert rows["count"] > 0
    assert {row["taken_on"] for row in rows["items"]} == {today}
    empty_team = f.TeamFactory(organisation=team.org)
    assert as_(inspector).get("/compliance/snapshots", team=empty_team.pk).json()["count"] == 0


def test_workers_get_403_for_compliance(team, snapshots) -> None:
    assert as_(team.worker).get("/compliance/snapshots").status_code == 403


def test_another_organisations_team_is_404(team, other_org, snapshots) -> None:
    theirs = f.TeamFactory(organisation=team.org)
    inspector = f.UserFactory(organisation=other_org.org, roles=["inspector"])
    assert as_(inspector).get("/compliance/snapshots", team=theirs.pk).status_code == 404
    assert as_(inspector).get("/compliance/snapshots").json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [({"from": "2026-02-01", "to": "2026-01-01"}, "from"), ({"to": "tomorrow"}, "to"),
     ({"limit": 5000}, "limit"), ({"team": "blue"}, "team")],
)  # fmt: skip
def test_bad_snapshot_parameters_are_422(team, params, field) -> None:
    assert error_fields(as_(team.head).get("/compliance/snapshots", **params)) == {field}
