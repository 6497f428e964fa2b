"""The agenda of a planned session, actions on a held session's record, and "my actions":
who may, what they get, what is refused and how."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from supervise.audit.models import AuditEntry
from supervise.policy.dates import working_calendar
from supervise.sessions.models import Action, AgendaItem, Session
from supervise.sessions.services import action_add, group_session_record, session_cancel
from supervise.sessions.services.group import GroupEntry
from tests import factories as f
from tests.api.conftest import as_, error_fields, finalised, held, last_week, planned, sent
from tests.conftest import Team

pytestmark = pytest.mark.django_db


def changes() -> tuple[int, int, int]:
    """Agenda items, actions and business audit rows: what a refused request must not add."""
    return (
        AgendaItem.objects.count(),
        Action.objects.count(),
        AuditEntry.objects.exclude(action__in=("access.refused", "record.viewed")).count(),
    )


def colleagues_child(team: Team):  # type: ignore[no-untyped-def]
    """A child the manager may see (on their colleague's caseload) but not the worker's."""
    child = f.ChildFactory(organisation=team.org, name="Charlie Colleague")
    f.AllocationFactory(child=child, staff=team.colleague)
    return child


def an_action(team: Team, session: Session | None = None, **fields) -> Action:
    session = session or held(team)
    return action_add(
        actor=team.manager.user, session=session, owner=fields.pop("owner", team.worker),
        description=fields.pop("description", "Read the neglect toolkit"), **fields,
    )  # fmt: skip


def due(session: Session, days: int = 14) -> str:
    return (session.held_on + timedelta(days=days)).isoformat()


# --- the agenda -------------------------------------------------------------------------------


def test_supervisor_and_supervisee_add_to_a_planned_sessions_agenda(team) -> None:
    session = planned(team)
    response = as_(team.manager).post(
        f"/sessions/{session.pk}/agenda", {"text": "  Caseload weighting  "}
    )
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["text"] == "Caseload weighting"
    assert item["added_by"]["id"] == team.manager.pk
    assert item["child"] is None
    tabled = as_(team.worker).post(f"/sessions/{session.pk}/agenda", {"child": team.child.pk})
    assert tabled.status_code == 201, tabled.content
    assert tabled.json()["child"]["id"] == team.child.pk
    agenda = as_(team.worker).get(f"/sessions/{session.pk}").json()["agenda"]
    assert [(a["text"], a["child"] and a["child"]["id"]) for a in agenda] == [
        ("Caseload weighting", None), ("", team.child.pk),
    ]  # fmt: skip
    assert AuditEntry.objects.filter(action="agenda.item_added").count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "text"), ({"text": "   "}, "text"), ({"text": "x" * 501}, "text"),
     ({"text": "Hi", "child": "Casey"}, "child"), ({"text": "Hi", "by": 3}, "by")],
)  # fmt: skip
def test_bad_agenda_input_is_422_naming_the_field(team, body, field) -> None:
    session = planned(team)
    before = changes()
    assert field in error_fields(as_(team.manager).post(f"/sessions/{session.pk}/agenda", body))
    assert changes() == before


def test_tabling_a_child_who_is_not_the_supervisees_is_422_or_404(team, other_org) -> None:
    session = planned(team)
    before = changes()
    response = as_(team.manager).post(
        f"/sessions/{session.pk}/agenda", {"child": colleagues_child(team).pk}
    )
    assert error_fields(response) == {"child"}
    for child in (team.other_child, other_org.child):  # not theirs to see at all
        response = as_(team.manager).post(f"/sessions/{session.pk}/agenda", {"child": child.pk})
        assert response.status_code == 404
    assert changes() == before


def test_others_cannot_add_to_the_agenda(team, other_org) -> None:
    session = planned(team)
    before = changes()
    for outsider in (team.other_manager, team.colleague, other_org.manager):
        response = as_(outsider).post(f"/sessions/{session.pk}/agenda", {"text": "Mine"})
        assert response.status_code == 404, (outsider, response.content)
    # The supervisor's line manager reads the record but does not write its agenda.
    response = as_(team.head).post(f"/sessions/{session.pk}/agenda", {"text": "Mine"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Only the supervisor and the supervisee")
    assert changes() == before


@pytest.mark.parametrize("state", ["held", "finalised", "cancelled"])
def test_only_a_planned_sessions_agenda_takes_items(team, state) -> None:
    if state == "cancelled":
        session = session_cancel(
            actor=team.manager.user, session=planned(team), cancelled_by="supervisor",
            reason="other", note="Room flooded",
        )  # fmt: skip
    else:
        session = {"held": held, "finalised": finalised}[state](team)
    before = changes()
    response = as_(team.worker).post(f"/sessions/{session.pk}/agenda", {"text": "Late item"})
    assert response.status_code == 409, response.content
    if state == "finalised":
        assert "finalised" in response.json()["detail"]
    assert changes() == before


def test_a_planned_sessions_agenda_has_the_open_actions_it_will_carry(client, team) -> None:
    """As on the session page (`supervise.sessions.carrying`): before the session its agenda
    lists the open actions of earlier sent records, unsaved (`id` null), to the supervisor, the
    supervisee and the supervisor's line manager; holding the session stores them, once."""
    from supervise.sessions.services import (
        record_save,
        record_send,
        session_hold,
        session_schedule,
    )

    earlier = held(team)
    action = an_action(team, earlier, description="Read the CAMHS report", child=team.child)
    record_save(actor=team.manager.user, session=earlier, entries={"wellbeing": "Settled"})
    record_send(actor=team.manager.user, session=earlier)
    day = earlier.held_on + timedelta(days=1)
    while not working_calendar().is_working_day(day):
        day += timedelta(days=1)
    [later] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=day)
    expected = [(None, "Carried forward: Read the CAMHS report", action.pk, team.child.pk)]
    for who in (team.manager, team.worker, team.head):
        agenda = as_(who).get(f"/sessions/{later.pk}").json()["agenda"]
        assert [(a["id"], a["text"], a["carried_action_id"], a["child"] and a["child"]["id"])
                for a in agenda] == expected, who  # fmt: skip
    client.force_login(team.worker.user)
    page = client.get(f"/sessions/{later.pk}/").content.decode()
    assert "<strong>Carried forward:</strong> Read the CAMHS report" in page  # the page agrees
    assert AgendaItem.objects.count() == 0  # shown, not stored
    session_hold(actor=team.manager.user, session=later, held_on=later.scheduled_on)
    [item] = as_(team.worker).get(f"/sessions/{later.pk}").json()["agenda"]
    stored = AgendaItem.objects.get()
    assert (item["id"], item["carried_action_id"]) == (stored.pk, action.pk)


# --- adding actions ---------------------------------------------------------------------------


def test_the_supervisor_adds_an_action_to_a_held_sessions_record(team) -> None:
    session = held(team)
    response = as_(team.manager).post(f"/sessions/{session.pk}/actions", {
        "description": "Update the chronology", "owner": team.worker.pk,
        "due_on": due(session), "child": team.child.pk,
    })  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["owner"]["id"] == team.worker.pk
    assert body["child"]["id"] == team.child.pk
    assert body["due_on"] == due(session)
    assert body["status"] == "open"
    action = Action.objects.get()
    assert (action.session_id, action.description) == (session.pk, "Update the chronology")
    assert [a["id"] for a in as_(team.worker).get(f"/sessions/{session.pk}").json()["actions"]] == [
        action.pk
    ]
    assert AuditEntry.objects.filter(action="action.added", object_id=str(action.pk)).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"owner": "colleague"}, "owner"), ({"due_on": -3}, "due_on"), ({"due_on": "soon"}, "due_on"),
     ({"description": "  "}, "description"), ({"description": "x" * 2001}, "description"),
     ({"child": "colleagues"}, "child"), ({"priority": "high"}, "priority")],
)  # fmt: skip
def test_bad_action_input_is_422_naming_the_field(team, change, field) -> None:
    session = held(team)
    body = {"description": "Visit", "owner": team.worker.pk, "due_on": due(session)}
    for key, value in change.items():
        if value == "colleague":
            value = team.colleague.pk
        elif value == "colleagues":
            value = colleagues_child(team).pk
        elif key == "due_on" and isinstance(value, int):
            value = due(session, value)
        body[key] = value
    before = changes()
    assert field in error_fields(as_(team.manager).post(f"/sessions/{session.pk}/actions", body))
    assert changes() == before


def test_others_cannot_add_actions(team, other_org) -> None:
    session = held(team)
    body = {"description": "Mine", "owner": team.worker.pk, "due_on": due(session)}
    before = changes()
    for outsider in (team.other_manager, team.colleague, other_org.manager):
        response = as_(outsider).post(f"/sessions/{session.pk}/actions", body)
        assert response.status_code == 404, (outsider, response.content)
    for reader in (team.worker, team.head):  # they see the record; writing it is not theirs
        response = as_(reader).post(f"/sessions/{session.pk}/actions", body)
        assert response.status_code == 403
        assert response.json()["detail"].startswith("Only the supervisor")
    other_child = {**body, "child": other_org.child.pk}
    assert as_(team.manager).post(f"/sessions/{session.pk}/actions", other_child).status_code == 404
    assert changes() == before


@pytest.mark.parametrize("state", [planned, sent, finalised], ids=lambda s: s.__name__)
def test_actions_are_added_only_while_the_record_is_a_draft(team, state) -> None:
    session = state(team)
    body = {"description": "Too late", "owner": team.worker.pk,
            "due_on": (session.held_on or last_week()).isoformat()}  # fmt: skip
    before = changes()
    response = as_(team.manager).post(f"/sessions/{session.pk}/actions", body)
    assert response.status_code == 409, response.content
    if state is finalised:
        assert response.json()["detail"].startswith("This record is finalised")
    assert changes() == before


def test_a_group_session_takes_no_actions_or_agenda(team) -> None:
    group = group_session_record(
        actor=team.manager.user, held_on=last_week(), participants=[team.worker],
        entries=[GroupEntry(child=team.child, worker=team.worker, fields={"decisions": "D"})],
    )  # fmt: skip
    before = changes()
    body = {"description": "X", "owner": team.manager.pk, "due_on": due(group)}
    assert as_(team.manager).post(f"/sessions/{group.pk}/actions", body).status_code == 409
    assert as_(team.manager).post(f"/sessions/{group.pk}/agenda", {"text": "X"}).status_code == 409
    assert changes() == before


# --- an action's status -----------------------------------------------------------------------


def test_the_owner_and_the_supervisor_change_an_actions_status(team) -> None:
    action = an_action(team)
    done = as_(team.worker).post(f"/actions/{action.pk}/status", {"status": "done"})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "done"
    assert done.json()["completed_on"] == timezone.localdate().isoformat()
    reopened = as_(team.manager).post(f"/actions/{action.pk}/status", {"status": "open"})
    assert reopened.json()["status"] == "open"
    assert reopened.json()["completed_on"] is None
    assert as_(team.manager).post(f"/actions/{action.pk}/status",
                                  {"status": "dropped"}).json()["status"] == "dropped"  # fmt: skip
    assert AuditEntry.objects.filter(action="action.status_changed").count() == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [({"status": "finished"}, "status"), ({}, "status"), ({"status": "done", "note": "x"}, "note")],
)
def test_bad_status_input_is_422_naming_the_field(team, body, field) -> None:
    action = an_action(team)
    assert field in error_fields(as_(team.worker).post(f"/actions/{action.pk}/status", body))
    assert Action.objects.get(pk=action.pk).status == "open"
    assert "action_id" in error_fields(as_(team.worker).post("/actions/first/status", body))


def test_others_cannot_change_an_actions_status(team, other_org) -> None:
    action = an_action(team)
    before = changes()
    for outsider in (team.other_manager, team.colleague, other_org.manager):
        response = as_(outsider).post(f"/actions/{action.pk}/status", {"status": "done"})
        assert response.status_code == 404, (outsider, response.content)
    response = as_(team.head).post(f"/actions/{action.pk}/status", {"status": "done"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Only the action's owner")
    assert Action.objects.get(pk=action.pk).status == "open"
    assert changes() == before


def test_a_status_the_action_already_has_is_409(team) -> None:
    action = an_action(team)
    response = as_(team.worker).post(f"/actions/{action.pk}/status", {"status": "open"})
    assert response.status_code == 409
    assert response.json()["detail"]


def test_an_action_is_followed_up_after_its_record_is_finalised(team) -> None:
    """Actions are carried into later sessions until done (as on the web), so their status is
    not part of the locked record; the record itself does not change."""
    session = held(team)
    action = an_action(team, session)
    Session.objects.filter(pk=session.pk).update(record_status="finalised")
    response = as_(team.worker).post(f"/actions/{action.pk}/status", {"status": "done"})
    assert response.status_code == 200
    assert Session.objects.get(pk=session.pk).record_status == "finalised"


# --- my actions -------------------------------------------------------------------------------


def test_my_actions_are_mine_open_first_by_due_date(team, other_org) -> None:
    session = held(team)
    later = an_action(team, session, description="Later", due_on=session.held_on + timedelta(30))
    sooner = an_action(team, session, description="Sooner", due_on=session.held_on + timedelta(3))
    undated = an_action(team, session, description="Undated")
    finished = an_action(team, session, description="Finished", due_on=session.held_on)
    Action.objects.filter(pk=finished.pk).update(status="done")
    an_action(team, session, owner=team.manager, description="The manager's")
    response = as_(team.worker).get("/me/actions")
    assert response.status_code == 200, response.content
    page = response.json()
    assert [item["id"] for item in page["items"]] == [sooner.pk, later.pk, undated.pk, finished.pk]
    assert page["count"] == 4
    first = page["items"][0]
    assert first["due_on"] == (session.held_on + timedelta(3)).isoformat()
    assert first["session"] == {
        "id": session.pk, "external_id": session.external_id, "kind": "formal",
        "held_on": session.held_on.isoformat(), "record_status": session.record_status,
    }  # fmt: skip
    only_open = as_(team.worker).get("/me/actions", status="open").json()
    assert [item["id"] for item in only_open["items"]] == [sooner.pk, later.pk, undated.pk]
    paged = as_(team.worker).get("/me/actions", limit=1, offset=1).json()
    assert [item["id"] for item in paged["items"]] == [later.pk]
    # Nobody else's: not the supervisor's, not another organisation's.
    assert [i["description"] for i in as_(team.manager).get("/me/actions").json()["items"]] == [
        "The manager's"
    ]
    assert as_(other_org.worker).get("/me/actions").json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "finished"}, "status"), ({"limit": 0}, "limit"), ({"limit": 501}, "limit"),
     ({"offset": -1}, "offset")],
)  # fmt: skip
def test_bad_my_actions_queries_are_422_naming_the_parameter(team, params, field) -> None:
    assert field in error_fields(as_(team.worker).get("/me/actions", **params))


def test_my_actions_need_a_staff_record(team) -> None:
    inspector = f.UserFactory(organisation=team.org, roles=["inspector"])
    an_action(team)
    response = as_(inspector).get("/me/actions")
    assert response.status_code == 403
    assert "staff record" in response.json()["detail"]
