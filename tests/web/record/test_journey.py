"""The whole journey through the views: the supervisor writes a record with two case
discussions and an action and sends it; the supervisee signs; the record is finalised (Hull) or
the supervisor finalises it after the supervisee signs (Hertfordshire)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.conftest import Team
from tests.web.record.helpers import held_session, page_text

pytestmark = pytest.mark.django_db


def url(name, session, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"sessions:{name}", kwargs={"pk": session.pk, **kwargs})


def write_and_send(client, team, heading: str) -> Session:  # type: ignore[no-untyped-def]
    second = f.ChildFactory(organisation=team.org, name="Second Child")
    f.AllocationFactory(child=second, staff=team.worker)
    session = held_session(team)
    client.force_login(team.manager.user)

    response = client.post(
        url("record", session),
        {f"entry_{heading}": "Feeling supported", "discuss": str(team.child.pk),
         "then": "discuss"},
    )  # fmt: skip
    assert response["Location"] == url("discussion", session, child_id=team.child.pk)
    response = client.post(response["Location"], {"decisions": "Visit weekly"})
    assert response.status_code == 302
    response = client.post(
        url("record", session),
        {f"entry_{heading}": "Feeling supported", "discuss": str(second.pk), "then": "discuss"},
    )
    response = client.post(response["Location"], {"decisions": "Close in March"})
    assert response.status_code == 302
    due = session.held_on + timedelta(days=10)
    response = client.post(
        url("action-new", session),
        {"description": "Book the PQ course", "owner": str(team.worker.pk),
         "due_on_0": str(due.day), "due_on_1": str(due.month), "due_on_2": str(due.year)},
    )  # fmt: skip
    assert response.status_code == 302

    send_page = page_text(client.get(url("send", session)))
    for words in ("Feeling supported", "Visit weekly", "Close in March", "Book the PQ course"):
        assert words in send_page
    assert client.post(url("send", session)).status_code == 302
    assert Session.objects.get(pk=session.pk).record_status == RecordStatus.AWAITING_SUPERVISEE

    client.force_login(team.worker.user)
    assert "Visit weekly" in page_text(client.get(url("sign", session)))
    assert client.post(url("sign", session), {"comment": "A fair record"}).status_code == 302
    notes = CaseNote.objects.filter(case_discussion__session=session)
    assert {n.child_id for n in notes} == {team.child.pk, second.pk}
    return Session.objects.get(pk=session.pk)


def test_hull_journey_the_supervisees_signature_finalises(client, team) -> None:
    session = write_and_send(client, team, "wellbeing")
    assert session.record_status == RecordStatus.FINALISED
    text = page_text(client.get(url("detail", session)))
    assert "this record cannot be changed." in text
    assert "A fair record" in text
    actions = set(
        AuditEntry.objects.filter(object_id=str(session.pk)).values_list("action", flat=True)
    )
    assert {"record.saved", "record.sent", "record.signed", "record.viewed"} <= actions


def test_hertfordshire_journey_the_supervisor_finalises_after_signing(client) -> None:
    herts = Team(policy="hertfordshire", slug="herts")
    session = write_and_send(client, herts, "check_in")
    assert session.record_status == RecordStatus.AWAITING_FINALISATION
    worker_view = page_text(client.get(url("detail", session)))
    assert "Signed by both. Waiting for the manager&#x27;s review" in worker_view
    assert url("finalise", session) not in worker_view

    client.force_login(herts.manager.user)
    assert url("finalise", session) in page_text(client.get(url("detail", session)))
    assert client.post(url("finalise", session)).status_code == 302
    session.refresh_from_db()
    assert session.record_status == RecordStatus.FINALISED
    assert session.finalised_at is not None
    assert "this record cannot be changed." in page_text(client.get(url("detail", session)))
