"""Group case supervision through the API: recorded by a supervisor with people they supervise,
one entry per child written to the child's record, read by those the web page shows it to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.sessions.models import CaseDiscussion, Session
from supervise.sessions.services import group_session_complete
from tests import factories as f
from tests.api.conftest import as_, error_fields, last_week
from tests.conftest import Team

pytestmark = pytest.mark.django_db


def colleagues_child(team: Team):  # type: ignore[no-untyped-def]
    child = f.ChildFactory(organisation=team.org, name="Charlie Colleague")
    f.AllocationFactory(child=child, staff=team.colleague)
    return child


def body(team: Team, **changes) -> dict:
    return {
        "held_on": last_week().isoformat(),
        "duration_minutes": 90,
        "participants": [team.worker.pk, team.colleague.pk],
        "entries": [
            {"child": team.child.pk, "worker": team.worker.pk,
             "fields": {"childs_voice": "Wants to stay", "decisions": "Visit weekly"}},
        ],
        **changes,
    }  # fmt: skip


def recorded(team: Team) -> Session:
    response = as_(team.manager).post("/group-sessions", body(team))
    assert response.status_code == 201, response.content
    return Session.objects.get(pk=response.json()["id"])


def changes() -> tuple[int, int, int]:
    return (
        Session.objects.filter(kind="group").count(),
        CaseNote.objects.count(),
        AuditEntry.objects.exclude(action__in=("access.refused", "record.viewed")).count(),
    )


def test_a_supervisor_records_group_case_supervision(team) -> None:
    second = colleagues_child(team)
    entries = [
        {"child": team.child.pk, "worker": team.worker.pk,
         "fields": {"childs_voice": "Wants to stay", "decisions": "Visit weekly"}},
        {"child": second.pk, "worker": team.colleague.pk, "fields": {"decisions": "Refer"}},
    ]  # fmt: skip
    response = as_(team.manager).post("/group-sessions", body(team, entries=entries))
    assert response.status_code == 201, response.content
    out = response.json()
    assert (out["kind"], out["status"], out["record_status"]) == ("group", "held", "draft")
    assert out["facilitator"]["id"] == team.manager.pk
    assert out["held_on"] == last_week().isoformat()
    assert out["duration_minutes"] == 90
    assert {p["id"] for p in out["participants"]} == {team.worker.pk, team.colleague.pk}
    by_child = {e["child"]["id"]: e for e in out["entries"]}
    assert by_child[team.child.pk]["worker"]["id"] == team.worker.pk
    assert by_child[team.child.pk]["childs_voice"] == "Wants to stay"
    assert "Visit weekly" in by_child[team.child.pk]["text"]
    assert by_child[second.pk]["child_visible"] is True
    # Each entry is on the child's record.
    for child, words in ((team.child, "Visit weekly"), (second, "Refer")):
        note = CaseNote.objects.get(case_discussion__child=child)
        assert words in note.body
    assert AuditEntry.objects.filter(action="group_session.recorded").count() == 1


def test_the_people_the_web_shows_it_to_read_it_and_the_read_is_audited(team) -> None:
    session = recorded(team)
    for reader in (team.manager, team.worker, team.colleague, team.head):
        response = as_(reader).get(f"/group-sessions/{session.pk}")
        assert response.status_code == 200, (reader, response.content)
        assert response.json()["id"] == session.pk
    # The colleague took part but the child is not theirs: the entry follows the child's
    # record, so it is counted, not shown (security review).
    theirs = as_(team.colleague).get(f"/group-sessions/{session.pk}").json()
    assert theirs["entries"] == []
    assert theirs["entries_withheld"] == 1
    assert "Visit weekly" not in str(theirs)
    reads = AuditEntry.objects.filter(action="record.viewed", object_id=str(session.pk))
    assert reads.count() == 5


def test_others_cannot_read_a_group_session(team, other_org) -> None:
    session = recorded(team)
    for outsider in (team.other_manager, team.other_worker, other_org.manager):
        response = as_(outsider).get(f"/group-sessions/{session.pk}")
        assert response.status_code == 404, outsider
        assert team.child.name not in response.content.decode()
    # A one-to-one session is not a group session.
    one_to_one = f.SessionFactory(supervisor=team.manager, supervisee=team.worker)
    assert as_(team.manager).get(f"/group-sessions/{one_to_one.pk}").status_code == 404
    assert error_fields(as_(team.manager).get("/group-sessions/first")) == {"session_id"}


def _future() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": "future"}, "held_on"),
        ({"held_on": "2026-02-30"}, "held_on"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"participants": []}, "participants"),
        ({"entries": []}, "entries"),
        ({"room": "4"}, "room"),
        ({"entry": {"worker": "colleague"}}, "worker"),  # not a participant
        ({"entry": {"child": "colleagues"}}, "child"),  # not on the worker's caseload
        ({"entry": {"fields": {"childs_voice": "Only this"}}}, "decisions"),
        ({"entry": {"fields": {"decisions": "D", "mood": "Fine"}}}, "mood"),
        ({"entry": {"fields": {"decisions": "D", "direction_of_risk": "up"}}}, "direction_of_risk"),
        ({"twice": True}, "child"),
    ],
)
def test_bad_input_is_422_naming_the_field(team, change, field) -> None:
    data = body(team, participants=[team.worker.pk])
    entry = data["entries"][0]
    for key, value in change.items():
        if key == "entry":
            for name, v in value.items():
                if v == "colleague":
                    v = team.colleague.pk
                elif v == "colleagues":
                    v = colleagues_child(team).pk
                entry[name] = v
        elif key == "twice":
            data["entries"] = [entry, dict(entry)]
        else:
            data[key] = _future() if value == "future" else value
    before = changes()
    assert field in error_fields(as_(team.manager).post("/group-sessions", data))
    assert changes() == before


def test_fields_outside_the_authoritys_case_template_are_422(db) -> None:
    york = Team(policy="york", slug="york")  # reflective cycle and equality only
    data = body(york, participants=[york.worker.pk])
    data["entries"][0]["fields"] = {"worried_about": "x", "decisions": "y"}
    response = as_(york.manager).post("/group-sessions", data)
    assert error_fields(response) == {"worried_about"}
    assert response.json()["detail"][0]["loc"] == [
        "body", "payload", "entries", 0, "fields", "worried_about",
    ]  # fmt: skip


def test_people_and_children_outside_the_supervisors_rights_are_404(team, other_org) -> None:
    before = changes()
    for participant in (team.other_worker, other_org.worker, team.head):
        data = body(team, participants=[team.worker.pk, participant.pk])
        response = as_(team.manager).post("/group-sessions", data)
        assert response.status_code == 404, (participant, response.content)
    for child in (team.other_child, other_org.child):
        data = body(team)
        data["entries"][0]["child"] = child.pk
        assert as_(team.manager).post("/group-sessions", data).status_code == 404
    # Another organisation's supervisor, naming this organisation's people.
    assert as_(other_org.manager).post("/group-sessions", body(team)).status_code == 404
    assert changes() == before


def test_only_supervisors_record_group_sessions(team) -> None:
    before = changes()
    response = as_(team.worker).post("/group-sessions", body(team))
    assert response.status_code == 403
    assert response.json()["detail"] == "Only supervisors record group case supervision."
    assert changes() == before


def test_a_finalised_group_record_cannot_be_changed_through_the_api(team) -> None:
    session = group_session_complete(actor=team.manager.user, session=recorded(team))
    before = (changes(), CaseDiscussion.objects.filter(session=session).count())
    base = f"/sessions/{session.pk}"
    for path, data in (
        (f"{base}/actions", {"description": "X", "owner": team.manager.pk,
                             "due_on": last_week().isoformat()}),
        (f"{base}/agenda", {"text": "X"}),
        (f"{base}/discussions", {"child": team.child.pk, "fields": {"decisions": "Changed"}}),
    ):  # fmt: skip
        response = as_(team.manager).post(path, data)
        assert response.status_code == 409, (path, response.content)
    assert (changes(), CaseDiscussion.objects.filter(session=session).count()) == before
    assert CaseDiscussion.objects.get(session=session).decisions == "Visit weekly"


def test_the_facilitator_finalises_the_group_record(team) -> None:
    session = recorded(team)
    response = as_(team.manager).post(f"/group-sessions/{session.pk}/finalise", {})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["record_status"] == "finalised"
    assert out["finalised_on"] == timezone.localdate().isoformat()
    session.refresh_from_db()
    assert session.record_status == "finalised"
    assert AuditEntry.objects.filter(
        action="group_session.finalised", object_id=str(session.pk)
    ).exists()
    again = as_(team.manager).post(f"/group-sessions/{session.pk}/finalise", {})
    assert again.status_code == 409


def test_a_participant_may_read_but_not_finalise(team) -> None:
    session = recorded(team)
    before = changes()
    response = as_(team.worker).post(f"/group-sessions/{session.pk}/finalise", {})
    assert response.status_code == 403
    assert "Only the facilitator" in response.json()["detail"]
    session.refresh_from_db()
    assert session.record_status == "draft"
    assert changes() == before


def test_a_neighbour_or_another_organisation_gets_404(team, other_org) -> None:
    session = recorded(team)
    assert (
        as_(team.other_manager).post(f"/group-sessions/{session.pk}/finalise", {}).status_code
        == 404
    )
    assert (
        as_(other_org.manager).post(f"/group-sessions/{session.pk}/finalise", {}).status_code == 404
    )
    session.refresh_from_db()
    assert session.record_status == "draft"
