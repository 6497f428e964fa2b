"""Keeping a sensitive section from a third party (York standard 7): the supervisor or the
supervisee asks, only the Assistant Director decides, the decision is kept and shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.files.models import RedactionRequest, RedactionStatus
from supervise.files.services.third_party import redaction_request_make
from tests import factories as f
from tests.web.files.helpers import SHARED, finalised_record, login, messages_of, text, third_party

pytestmark = pytest.mark.django_db


def development_entry(team):  # type: ignore[no-untyped-def]
    return finalised_record(team).entries.get(heading="development")


def director(team):  # type: ignore[no-untyped-def]
    return f.UserFactory(
        organisation=team.org, roles=["assistant_director"], first_name="Ada", last_name="Director"
    )


def test_the_worker_asks_from_their_file(client, team) -> None:
    entry = development_entry(team)
    url = reverse("files:redaction-new", args=[entry.pk])
    login(client, team.worker)
    assert url in text(client.get(reverse("files:mine")))
    page = text(client.post(url, {"reason": ""}))
    assert "Say why this section should not be read by a third party" in page
    response = client.post(url, {"reason": "Mentions my health"}, follow=True)
    assert "sent to the Assistant Director" in messages_of(response)[0]
    request = RedactionRequest.objects.get()
    assert (request.entry, request.requested_by, request.status) == (
        entry,
        team.worker.user,
        RedactionStatus.REQUESTED,
    )
    assert "Waiting for a decision" in text(client.get(reverse("files:mine")))
    # One request at a time: the page now says it is waiting instead of offering the form.
    assert "is waiting for the Assistant Director" in text(client.get(url))
    client.post(url, {"reason": "Again"})
    assert RedactionRequest.objects.count() == 1


def test_the_supervisor_asks_too(client, team) -> None:
    entry = development_entry(team)
    login(client, team.manager)
    client.post(reverse("files:redaction-new", args=[entry.pk]), {"reason": "Sensitive"})
    assert RedactionRequest.objects.get().requested_by == team.manager.user


@pytest.mark.parametrize("who", ["head", "colleague", "other_manager"])
def test_nobody_else_asks(client, team, who) -> None:
    entry = development_entry(team)
    url = reverse("files:redaction-new", args=[entry.pk])
    assert login(client, getattr(team, who)).post(url, {"reason": "Probe"}).status_code == 404
    assert not RedactionRequest.objects.exists()


def test_only_the_assistant_director_decides_and_third_parties_then_see_less(client, team) -> None:
    entry = development_entry(team)
    request = redaction_request_make(actor=team.worker.user, entry=entry, reason="My health")
    url = reverse("files:redaction-decide", args=[request.pk])
    senior = f.UserFactory(organisation=team.org, roles=["senior_manager"])
    for who in (team.manager.user, team.head.user, senior):
        assert login(client, who).get(reverse("files:redactions")).status_code == 403
        assert client.post(url, {"decision": "grant", "reason": "X"}).status_code == 403
    request.refresh_from_db()
    assert request.status == RedactionStatus.REQUESTED

    ad = director(team)
    login(client, ad)
    assert url in text(client.get(reverse("files:redactions")))
    page = text(client.get(url))
    assert SHARED in page  # the director reads the section to decide; the read is audited
    read = AuditEntry.objects.get(actor=ad, action="record.viewed")
    assert read.detail["file_of"] == team.worker.pk
    assert read.purpose.startswith("Deciding")
    page = text(client.post(url, {"decision": "grant"}))
    assert "Record the reasons for the decision" in page
    client.post(url, {"decision": "grant", "reason": "Health detail not needed for audit"})
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (RedactionStatus.GRANTED, ad)
    assert "Health detail not needed for audit" in text(client.get(reverse("files:redactions")))

    # The decision is kept and shown on the file to the worker and their supervisor.
    for who in (team.worker, team.manager):
        page = text(login(client, who).get(reverse("files:file", args=[team.worker.pk])))
        assert "Kept from third parties" in page
        assert "Health detail not needed for audit" in page
        assert SHARED in page  # the record itself is unchanged for them
    # A third party no longer reads that section.
    auditor, _ = third_party(team)
    page = text(login(client, auditor).get(reverse("files:file", args=[team.worker.pk])))
    assert SHARED not in page
    assert "Health detail not needed" not in page


def test_a_refusal_is_kept_and_decided_once(client, team) -> None:
    entry = development_entry(team)
    request = redaction_request_make(actor=team.manager.user, entry=entry, reason="Sensitive")
    url = reverse("files:redaction-decide", args=[request.pk])
    login(client, director(team))
    client.post(url, {"decision": "refuse", "reason": "Needed for the inspection"})
    request.refresh_from_db()
    assert request.status == RedactionStatus.REFUSED
    client.post(url, {"decision": "grant", "reason": "Changed my mind"})
    request.refresh_from_db()
    assert (request.status, request.decision_reason) == (
        RedactionStatus.REFUSED,
        "Needed for the inspection",
    )
    assert "Request refused" in text(
        login(client, team.worker).get(reverse("files:file", args=[team.worker.pk]))
    )


def test_a_confidential_section_is_not_shown_to_the_director(client, team) -> None:
    entry = finalised_record(team).entries.get(heading="wellbeing")
    request = redaction_request_make(actor=team.worker.user, entry=entry, reason="Private")
    page = text(
        login(client, director(team)).get(reverse("files:redaction-decide", args=[request.pk]))
    )
    assert entry.text not in page
    assert "its text is not shown here" in page


def test_another_organisations_director_gets_404(client, team, other_org) -> None:
    entry = development_entry(team)
    request = redaction_request_make(actor=team.worker.user, entry=entry, reason="Mine")
    elsewhere = f.UserFactory(organisation=other_org.org, roles=["assistant_director"])
    url = reverse("files:redaction-decide", args=[request.pk])
    assert login(client, elsewhere).get(url).status_code == 404
    assert client.post(url, {"decision": "grant", "reason": "X"}).status_code == 404
    assert "Alex Worker" not in text(client.get(reverse("files:redactions")))
