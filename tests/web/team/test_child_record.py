"""A child's record: who may open it, what it says, and adding oversight to it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.sessions.models import CaseDiscussion
from tests import factories as f
from tests.web.team.helpers import date_fields, held, login, today

pytestmark = pytest.mark.django_db


def url(child) -> str:  # type: ignore[no-untyped-def]
    return reverse("cases:child", args=[child.pk])


def note_url(child) -> str:  # type: ignore[no-untyped-def]
    return reverse("cases:note-new", args=[child.pk])


def _note(team, session, body: str, days_ago: int) -> CaseNote:  # type: ignore[no-untyped-def]
    discussion = CaseDiscussion.objects.create(
        organisation=team.org, session=session, child=team.child, worker=team.worker,
        decisions=body, recorded_on=session.held_on,
    )  # fmt: skip
    return CaseNote.objects.create(
        organisation=team.org, child=team.child, kind=CaseNote.Kind.CASE_SUPERVISION,
        author=session.supervisor, happened_on=today() - timedelta(days=days_ago), body=body,
        case_discussion=discussion,
    )  # fmt: skip


def test_shows_the_child_the_due_date_and_the_record(client, team) -> None:
    f.ChildStatusFactory(child=team.child, status="child_protection_plan")
    mine = held(team, today() - timedelta(days=20))
    theirs = held(team, today() - timedelta(days=40), supervisor=team.other_manager)
    _note(team, mine, "Decision: visit weekly\nReview in March", 20)
    _note(team, theirs, "Older entry by the previous manager", 40)
    response = login(client, team.manager).get(url(team.child))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Casey Child" in html
    assert "Child protection plan" in html
    assert "Alex Worker" in html
    assert "Case supervision" in html
    assert "every 2 months" in html
    assert "Decision: visit weekly<br>Review in March" in html
    assert html.index("Decision: visit weekly") < html.index("Older entry")  # newest first
    assert reverse("sessions:detail", args=[mine.pk]) in html
    assert reverse("sessions:detail", args=[theirs.pk]) not in html  # not my record to open
    assert reverse("cases:note-new", args=[team.child.pk]) in html
    audit = AuditEntry.objects.get(action="child.viewed", object_id=str(team.child.pk))
    assert "visit weekly" not in str(audit.detail)


@pytest.mark.parametrize("who", ["worker", "head"])
def test_the_worker_and_the_chain_can_open_it(client, team, who) -> None:
    assert login(client, getattr(team, who)).get(url(team.child)).status_code == 200


@pytest.mark.parametrize("who", ["colleague", "other_manager", "other_worker"])
def test_others_get_404(client, team, who) -> None:
    assert login(client, getattr(team, who)).get(url(team.child)).status_code == 404
    assert login(client, getattr(team, who)).get(note_url(team.child)).status_code == 404


def test_another_organisation_gets_404(client, team, other_org) -> None:
    login(client, other_org.manager)
    assert client.get(url(team.child)).status_code == 404
    assert client.post(note_url(team.child), {"kind": "decision", "body": "x"}).status_code == 404


def test_quality_assurance_reads_without_writing(client, team) -> None:
    qa = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    client.force_login(qa)
    html = client.get(url(team.child)).content.decode()
    assert "Casey Child" in html
    assert reverse("cases:note-new", args=[team.child.pk]) not in html


def test_adds_management_oversight(client, team) -> None:
    day = today() - timedelta(days=1)
    response = login(client, team.manager).post(
        note_url(team.child),
        {"kind": "management_oversight", **date_fields("happened_on", day),
         "body": "Agreed to step down to child in need"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == url(team.child)
    note = CaseNote.objects.get(child=team.child)
    assert (note.kind, note.happened_on, note.author) == ("management_oversight", day, team.manager)
    html = client.get(url(team.child)).content.decode()
    assert "Added to Casey Child" in html
    assert "Agreed to step down" in html


def test_note_errors_keep_what_was_typed(client, team) -> None:
    html = (
        login(client, team.manager)
        .post(
            note_url(team.child),
            {**date_fields("happened_on", today() + timedelta(days=2)), "body": "Kept text"},
        )
        .content.decode()
    )
    assert "Select what kind of entry this is" in html
    assert "The date it happened must be today or in the past" in html
    assert "Kept text" in html
    assert not CaseNote.objects.exists()

    html = client.post(note_url(team.child), {"kind": "decision", "body": "  "}).content.decode()
    assert "Enter what was discussed or decided" in html
    assert "Enter the date it happened" in html


def test_a_colleague_cannot_write_on_another_workers_child(client, team) -> None:
    response = login(client, team.colleague).post(
        note_url(team.child),
        {"kind": "decision", **date_fields("happened_on", today()), "body": "Not mine"},
    )
    assert response.status_code == 404
    assert not CaseNote.objects.exists()


def test_imported_discussions_without_notes_show_on_the_record(client, team) -> None:
    """case_discussions.csv says when a child was discussed, not what was said: the record
    shows that it happened, in date order with the written entries."""
    imported = held(team, today() - timedelta(days=30))
    CaseDiscussion.objects.create(
        organisation=team.org, session=imported, child=team.child, worker=team.worker,
        recorded_on=imported.held_on,
    )  # fmt: skip
    written = held(team, today() - timedelta(days=10))
    _note(team, written, "Decision: visit weekly", 10)
    html = login(client, team.manager).get(url(team.child)).content.decode()
    assert "which says when the child was discussed but not what was said" in html
    assert html.index("Decision: visit weekly") < html.index("which says when the child")
    assert reverse("sessions:detail", args=[imported.pk]) in html
    assert CaseNote.objects.filter(child=team.child).count() == 1  # nothing written for it


def test_actions_about_the_child_show_drift_to_whoever_reads_the_record(client, team) -> None:
    """An action carried into three sessions is drift: the child's record shows it, flagged,
    to the manager and to a role granted children's records (who cannot open the session)."""
    from supervise.accounts.models import Role
    from supervise.sessions.models import Action

    session = held(team, today() - timedelta(days=90))
    Action.objects.create(
        organisation=team.org, session=session, child=team.child, owner=team.worker,
        description="Refer to the speech and language service", due_on=today() - timedelta(days=60),
        times_carried=3,
    )  # fmt: skip
    Action.objects.create(
        organisation=team.org, session=session, child=team.child, owner=team.worker,
        description="Visit school", status="done", times_carried=1,
    )  # fmt: skip
    session_link = reverse("sessions:detail", args=[session.pk])
    html = login(client, team.manager).get(url(team.child)).content.decode()
    assert "Refer to the speech and language service" in html
    assert "Carried 3 times" in html
    assert "1 open action carried into three sessions or more" in html
    assert html.index("Refer to the speech") < html.index("Visit school")  # open first
    assert session_link in html
    team.org.case_record_roles = [Role.QUALITY_ASSURANCE]
    team.org.save(update_fields=["case_record_roles"])
    qa = f.UserFactory(organisation=team.org, roles=[Role.QUALITY_ASSURANCE])
    client.force_login(qa)
    html = client.get(url(team.child)).content.decode()
    assert "Carried 3 times" in html
    assert session_link not in html  # a personal supervision record is not theirs to open
