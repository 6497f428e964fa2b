"""Reads use a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supervise.compliance.services import snapshot_take
from supervise.sessions.models import AgendaItem
from supervise.sessions.services import action_add, discussion_save
from tests import factories as f
from tests.api.conftest import as_, held

pytestmark = pytest.mark.django_db


def queries(caller, path: str, **params) -> int:
    # A token's first use in a minute also records when it was used (one write); count the
    # reads of a call after that.
    caller.get(path, **params)
    with CaptureQueriesContext(connection) as captured:
        response = caller.get(path, **params)
    assert response.status_code == 200, response.content
    return len(captured)


def test_the_session_list_does_not_grow_with_sessions(team) -> None:
    manager = as_(team.manager)
    f.SessionFactory(supervisor=team.manager, supervisee=team.worker)
    few = queries(manager, "/sessions")
    for _ in range(10):
        f.SessionFactory(supervisor=team.manager, supervisee=team.colleague)
    assert queries(manager, "/sessions") == few


def test_a_record_does_not_grow_with_its_discussions_and_actions(team) -> None:
    session = held(team)
    manager = as_(team.manager)
    discussion_save(actor=team.manager.user, session=session, child=team.child,
                    fields={"decisions": "One"})  # fmt: skip
    few = queries(manager, f"/sessions/{session.pk}")
    for number in range(5):
        child = f.ChildFactory(organisation=team.org)
        f.AllocationFactory(child=child, staff=team.worker)
        discussion_save(actor=team.manager.user, session=session, child=child,
                        fields={"decisions": f"Decision {number}"})  # fmt: skip
        action_add(actor=team.manager.user, session=session, owner=team.worker,
                   description=f"Action {number}", child=child)  # fmt: skip
        # Items tabled before the session (the agenda closes once it has taken place).
        AgendaItem.objects.create(session=session, added_by=team.manager, text=f"Item {number}")
    assert queries(manager, f"/sessions/{session.pk}") == few


def test_a_childs_record_does_not_grow_with_its_entries(team) -> None:
    manager = as_(team.manager)
    few = queries(manager, f"/children/{team.child.pk}")
    for _ in range(3):
        session = held(team)
        discussion_save(actor=team.manager.user, session=session, child=team.child,
                        fields={"decisions": "Again"})  # fmt: skip
    assert queries(manager, f"/children/{team.child.pk}") == few


def test_snapshots_do_not_grow_with_rows(team) -> None:
    inspector = as_(f.UserFactory(organisation=team.org, roles=["inspector"]))
    snapshot_take(organisation=team.org)
    few = queries(inspector, "/compliance/snapshots")
    snapshot_take(organisation=team.org, as_of=team.org.created_at.date())
    assert queries(inspector, "/compliance/snapshots") == few
