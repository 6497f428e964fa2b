"""Listing sessions and reading a record: the personal-record rule, audited reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.audit.models import AuditEntry
from supervise.files.models import AccessRequest, AccessStatus
from supervise.sessions.models import Session
from supervise.sessions.services import record_save, record_send, typist_assign
from tests import factories as f
from tests.api.conftest import as_, error_fields, finalised, first_heading, held, planned
from tests.conftest import Team

pytestmark = pytest.mark.django_db


def grant(team: Team, user, **scope) -> AccessRequest:
    """An approved, unexpired request to read the worker's supervision file for an audit."""
    return AccessRequest.objects.create(
        organisation=team.org, requested_by=user, subject=team.worker, purpose="audit",
        reason="Annual audit of supervision", status=AccessStatus.APPROVED,
        expires_on=timezone.localdate() + timedelta(days=30), **scope,
    )  # fmt: skip


def listed(person, **params) -> set[int]:
    response = as_(person).get("/sessions", **params)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_the_list_follows_the_personal_record_rule(team) -> None:
    session = planned(team)
    for person in (team.worker, team.manager, team.head):
        assert listed(person) == {session.pk}
    for person in (team.colleague, team.other_manager, team.other_worker):
        assert listed(person) == set()


def test_the_list_agrees_with_the_access_rules_for_everyone(team, other_org) -> None:
    """Every session of both organisations, every person: listed exactly when
    `Viewer.can_view_record` allows (one-to-one, group, typed-up, other organisation)."""
    support = f.UserFactory(organisation=team.org, roles=["business_support"])
    typed = held(team)
    typist_assign(actor=team.manager.user, session=typed, typist=support)
    f.SessionFactory(supervisor=team.other_manager, supervisee=team.other_worker)
    group = f.SessionFactory(supervisor=team.manager, supervisee=None, kind="group")
    group.participants.add(team.worker, team.other_worker)
    f.SessionFactory(supervisor=other_org.manager, supervisee=other_org.worker)
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    grant(team, auditor, scope_from=typed.held_on, scope_to=timezone.localdate())
    planned(team)  # not held yet: judged by its planned day, inside the range
    f.SessionFactory(
        supervisor=team.manager, supervisee=team.worker, status="planned",
        scheduled_on=typed.held_on - timedelta(days=30),
    )  # planned (and never held) before the range: its agenda is outside it too  # fmt: skip
    sent_typed = held(team)
    typist_assign(actor=team.manager.user, session=sent_typed, typist=support)
    record_save(actor=team.manager.user, session=sent_typed,
                entries={first_heading(team): "Checked"})  # fmt: skip
    record_send(actor=team.manager.user, session=sent_typed)  # the typist's access has ended
    f.SessionFactory(
        supervisor=team.manager,
        supervisee=team.worker,
        status="held",
        held_on=typed.held_on - timedelta(days=60),
    )  # before the grant's range
    everyone = [
        *(s.user for s in (team.head, team.manager, team.worker, team.colleague,
                           team.other_manager, team.other_worker, other_org.manager)),
        support,
        auditor,
        f.UserFactory(organisation=team.org, roles=["quality_assurance"]),
    ]  # fmt: skip
    for user in everyone:
        viewer = Viewer(user)
        expected = {s.pk for s in Session.objects.all() if viewer.can_view_record(s)}
        assert listed(user) == expected, user


def test_the_list_filters_and_pages(team) -> None:
    first = planned(team)
    second = held(team)
    assert listed(team.manager, status="held") == {second.pk}
    assert listed(team.manager, record_status="not_started") == {first.pk}
    assert listed(team.manager, supervisee=team.colleague.pk) == set()
    page = as_(team.manager).get("/sessions", limit=1, offset=1).json()
    assert page["count"] == 2
    assert len(page["items"]) == 1


def test_filtering_by_another_organisations_person_is_404(team, other_org) -> None:
    assert as_(other_org.manager).get("/sessions", supervisee=team.worker.pk).status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "postponed"}, "status"), ({"limit": 0}, "limit"),
     ({"supervisee": "alex"}, "supervisee")],
)  # fmt: skip
def test_bad_list_parameters_are_422_naming_them(team, params, field) -> None:
    assert error_fields(as_(team.manager).get("/sessions", **params)) == {field}


def test_the_record_shows_headings_discussions_signatures_and_addenda(team) -> None:
    session = finalised(team)
    response = as_(team.head).get(f"/sessions/{session.pk}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"], "records are never cached"
    record = response.json()
    assert record["record_status"] == "finalised"
    headings = {h["key"]: h for h in record["headings"]}
    assert list(headings) == [h.key for h in team.org.pack.recording.personal]
    assert headings["development"]["text"] == "Settled"
    assert headings["development"]["label"]
    [discussion] = record["discussions"]
    assert discussion["child"]["id"] == team.child.pk
    assert discussion["decisions"] == "Visit weekly"
    assert record["signatures"]["supervisee_signed_on"] == session.supervisee_signed_on.isoformat()
    assert record["addenda"] == []


def test_reading_a_record_is_audited_without_its_content(team) -> None:
    session = finalised(team)
    as_(team.worker).get(f"/sessions/{session.pk}")
    entry = AuditEntry.objects.filter(action="record.viewed").get()
    assert entry.actor == team.worker.user
    assert entry.object_id == str(session.pk)
    assert entry.detail == {"file_of": team.worker.pk}
    assert "Settled" not in str(entry.detail)
    assert "Visit weekly" not in str(entry.detail)


def test_a_record_outside_the_viewers_rights_is_404_and_audited(team, other_org) -> None:
    session = finalised(team)
    for person in (team.colleague, team.other_manager, other_org.manager):
        response = as_(person).get(f"/sessions/{session.pk}")
        assert response.status_code == 404
        assert "Settled" not in response.content.decode()
    refusals = AuditEntry.objects.filter(action="access.refused", object_id=str(session.pk))
    assert refusals.count() == 3
    assert not AuditEntry.objects.filter(action="record.viewed").exists()


def test_a_granted_role_does_not_open_personal_records(team) -> None:
    quality = f.UserFactory(organisation=team.org, roles=["quality_assurance", "inspector"])
    assert as_(quality).get(f"/sessions/{finalised(team).pk}").status_code == 404


def test_an_unknown_or_malformed_session_id(team) -> None:
    assert as_(team.manager).get("/sessions/999999").status_code == 404
    assert error_fields(as_(team.manager).get("/sessions/first")) == {"session_id"}


def test_a_third_party_reads_under_an_approved_request_and_the_purpose_is_audited(team) -> None:
    session = finalised(team)
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    assert as_(auditor).get(f"/sessions/{session.pk}").status_code == 404
    request = grant(team, auditor)
    assert listed(auditor) == {session.pk}
    response = as_(auditor).get(f"/sessions/{session.pk}")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="record.viewed")
    assert entry.purpose == f"Audit or quality assurance (access request {request.pk})"
    request.status = AccessStatus.WITHDRAWN
    request.save()
    assert as_(auditor).get(f"/sessions/{session.pk}").status_code == 404


def test_confidential_entries_are_shown_only_to_the_two_people_in_the_room(team) -> None:
    from supervise.sessions.services import record_save, record_send

    session = held(team)
    record_save(actor=team.manager.user, session=session,
                entries={"wellbeing": "Bereavement leave", "career": "Wants to be a PSW"},
                confidential={"wellbeing"})  # fmt: skip
    record_send(actor=team.manager.user, session=session)  # third parties read it once sent
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    grant(team, auditor)
    for person, sees in ((team.worker, True), (team.manager, True), (team.head, False),
                         (auditor, False)):  # fmt: skip
        headings = {h["key"]: h for h in as_(person).get(f"/sessions/{session.pk}")
                    .json()["headings"]}  # fmt: skip
        assert headings["career"]["text"] == "Wants to be a PSW"
        assert (headings["wellbeing"]["text"] == "Bereavement leave") is sees, person
        assert headings["wellbeing"]["confidential"] is sees, person


def test_the_supervisor_marks_headings_confidential_through_the_api(team) -> None:
    session = held(team)
    manager = as_(team.manager)
    response = manager.post(f"/sessions/{session.pk}/record", {
        "entries": {"wellbeing": "Private", "career": "Open"}, "confidential": ["wellbeing"],
    })  # fmt: skip
    assert response.status_code == 200
    assert session.entries.get(heading="wellbeing").confidential
    assert not session.entries.get(heading="career").confidential
    not_sent = manager.post(f"/sessions/{session.pk}/record", {
        "entries": {"career": "Open"}, "confidential": ["learning"],
    })  # fmt: skip
    assert error_fields(not_sent) == {"learning"}
