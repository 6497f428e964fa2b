"""The canary: a distinctive fake name and note text, seeded in the records, never appear in
logs, error pages, URLs or audit rows, whatever people do (issue 4)."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.cases.services import child_note_add
from supervise.people.models import StaffMember
from supervise.sessions.services import (
    discussion_save,
    record_save,
    record_send,
    session_hold,
    session_schedule,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

CANARY_NAME = "Zebedee Quillfeather-Canary"
CANARY_NOTE = "CANARY-7f3a9 the dog bit the postman on Tuesday"
NAME_CANARIES = ("Zebedee", "Quillfeather")
NOTE_CANARIES = ("CANARY-7f3a9", "dog bit the postman")
CANARIES = NAME_CANARIES + NOTE_CANARIES


def contains_canary(text: str, canaries: tuple[str, ...] = CANARIES) -> list[str]:
    return [canary for canary in canaries if canary in text]


@pytest.fixture
def seeded(team):
    StaffMember.objects.filter(pk=team.worker.pk).update(name=CANARY_NAME)
    team.worker.refresh_from_db()
    team.child.name = f"{CANARY_NAME} junior"
    team.child.save()
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=date(2026, 11, 2))
    record_save(actor=team.manager.user, session=session, entries={"wellbeing": CANARY_NOTE})
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=team.child,
        fields={"decisions": CANARY_NOTE, "worried_about": CANARY_NOTE},
    )
    child_note_add(
        actor=team.manager.user,
        child=team.child,
        kind="management_oversight",
        body=CANARY_NOTE,
        happened_on=date(2026, 11, 3),
    )
    session = record_send(actor=team.manager.user, session=session)
    return team, session


@override_settings(DEBUG=False)
def test_the_canary_never_leaves_the_records(seeded, client, caplog) -> None:
    team, session = seeded
    caplog.set_level(logging.DEBUG)
    visited: list[str] = []
    bodies: list[tuple[str, tuple[str, ...]]] = []

    def visit(
        user,
        method: str,
        url: str,
        data: dict | None = None,
        *,
        record: bool = False,
        names: bool = False,
    ):
        """`record`: a page of the record itself (the canary rightly shows); `names`: a page
        where staff and children's names rightly show (dashboards), but never record text."""
        client.force_login(user)
        response = getattr(client, method)(url, data or {}, follow=True)
        visited.append(url)
        visited.extend(hop for hop, _ in response.redirect_chain)
        if not record:
            canaries = NOTE_CANARIES if names else CANARIES
            bodies.append((response.content.decode(errors="replace"), canaries))
        return response

    detail = reverse("sessions:detail", kwargs={"pk": session.pk})
    child = reverse("cases:child", kwargs={"pk": team.child.pk})
    # People allowed to read see the canary (it is their record)…
    assert CANARY_NOTE in visit(team.worker.user, "get", detail, record=True).content.decode()
    visit(team.manager.user, "get", child, record=True)
    visit(team.head.user, "get", detail, record=True)
    visit(team.worker.user, "get", reverse("sessions:sign", kwargs={"pk": session.pk}), record=True)
    # …and nothing else carries it: refusals, 404s, forms with errors, the API, exports.
    outsider = f.StaffFactory(
        organisation=f.OrganisationFactory(slug="elsewhere"), role="team_manager"
    )
    for user in (team.colleague.user, team.other_manager.user, outsider.user):
        visit(user, "get", detail)
        visit(user, "get", child)
        visit(user, "post", reverse("sessions:decline", kwargs={"pk": session.pk}), {"reason": "x"})
        visit(user, "get", f"/api/v1/sessions/{session.pk}")
        visit(user, "get", f"/api/v1/children/{team.child.pk}")
    # A validation error on the supervisee's own record page shows their record, rightly.
    visit(
        team.worker.user,
        "post",
        reverse("sessions:decline", kwargs={"pk": session.pk}),
        {"reason": ""},
        record=True,
    )
    # Error pages (as someone else: the footer names the person signed in, rightly).
    visit(team.colleague.user, "get", "/no-such-page/")
    visit(team.colleague.user, "get", f"/sessions/{session.pk + 999}/")
    visit(team.head.user, "get", reverse("compliance:overview"), names=True)
    visit(team.head.user, "get", reverse("compliance:findings"), names=True)
    visit(team.head.user, "get", reverse("compliance:export-csv"), names=True)
    visit(team.manager.user, "get", reverse("sessions:team"), names=True)

    for url in visited:
        assert not contains_canary(url), url
    for body, canaries in bodies:
        assert not contains_canary(body, canaries), body[:500]
    for record in caplog.records:
        assert not contains_canary(record.getMessage()), record.getMessage()
    for row in AuditEntry.objects.all():
        flat = json.dumps(
            [
                row.action,
                row.object_type,
                row.object_id,
                row.actor_label,
                row.purpose,
                row.address,
                row.detail,
            ],
            default=str,
        )
        assert not contains_canary(flat), flat
    assert AuditEntry.objects.filter(action="record.viewed").exists()
    assert AuditEntry.objects.filter(action="access.refused").exists()


@override_settings(DEBUG=False)
def test_the_canary_is_not_on_a_server_error_page_nor_in_its_log(seeded, caplog, monkeypatch):
    """A record page that fails half-way (after reading the record) gives the plain 500 page;
    neither it nor the logged error carries the record's names or text."""
    from django.test import Client

    from supervise.sessions.views import record as record_views

    team, session = seeded
    real_record_of = record_views.record_of

    def failing_record_of(*args, **kwargs):
        real_record_of(*args, **kwargs)  # the record is read, then something breaks
        raise RuntimeError("the database went away")

    monkeypatch.setattr(record_views, "record_of", failing_record_of)
    caplog.set_level(logging.DEBUG)
    client = Client(raise_request_exception=False)
    client.force_login(team.worker.user)
    response = client.get(reverse("sessions:detail", kwargs={"pk": session.pk}))
    assert response.status_code == 500
    body = response.content.decode()
    assert "the database went away" not in body  # no details on the page
    assert not contains_canary(body), body[:500]
    assert "the database went away" in caplog.text  # the error is logged…
    assert not contains_canary(caplog.text)  # …without the record


@override_settings(DEBUG=False)
def test_the_canary_is_not_where_others_ask_for_the_file(seeded, client) -> None:
    """The supervision file and its PDF, asked for by people who may not read them, and the
    sign-in page a signed-out visitor is sent to: no names, no text, no name in an address."""
    team, _ = seeded
    outsider = f.StaffFactory(
        organisation=f.OrganisationFactory(slug="elsewhere"), role="team_manager"
    )
    urls = [
        reverse("files:file", kwargs={"staff_id": team.worker.pk}),
        reverse("files:pdf", kwargs={"staff_id": team.worker.pk}),
        reverse("cases:child", kwargs={"pk": team.child.pk}),
    ]
    for user in (team.colleague.user, team.other_manager.user, outsider.user, None):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url, follow=True)
            assert response.status_code in (200, 403, 404), (url, response.status_code)
            for hop, _ in response.redirect_chain:
                assert not contains_canary(hop), hop
            assert not contains_canary(response.content.decode(errors="replace")), url
