"""Third-party access through the pages: choosing whose file, asking for a stated purpose, a
senior manager deciding (never their own request), and ending the access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.files.models import AccessPurpose, AccessRequest, AccessStatus
from supervise.files.services.third_party import MAX_ACCESS_DAYS, access_request_make
from tests import factories as f
from tests.web.files.helpers import date_fields, login, messages_of, text, third_party, today

pytestmark = pytest.mark.django_db


def qa_user(team):  # type: ignore[no-untyped-def]
    return f.UserFactory(
        organisation=team.org, roles=["quality_assurance"], first_name="Quinn", last_name="Audit"
    )


def waiting_request(team, user=None, purpose=AccessPurpose.AUDIT):  # type: ignore[no-untyped-def]
    return access_request_make(
        actor=user or qa_user(team), subject=team.worker, purpose=purpose, reason="Audit 2026"
    )


def test_a_requester_finds_the_worker_by_name_and_asks(client, team) -> None:
    user = qa_user(team)
    login(client, user)
    assert client.get(reverse("files:access-new")).status_code == 302  # choose whose file first
    page = text(
        client.post(reverse("files:find-staff"), {"for": "access", "q": "alex"}, follow=True)
    )
    assert "Alex Worker" in page
    assert "Jordan Colleague" not in page
    url = f"{reverse('files:access-new')}?staff={team.worker.pk}"
    assert url in page
    response = client.post(
        url,
        {
            "purpose": AccessPurpose.AUDIT,
            "reason": "Annual audit of supervision quality",
            **date_fields("scope_from", today() - timedelta(days=90)),
        },
    )
    assert response.status_code == 302
    request = AccessRequest.objects.get()
    assert (request.requested_by, request.subject, request.status) == (
        user,
        team.worker,
        AccessStatus.REQUESTED,
    )
    assert request.scope_from == today() - timedelta(days=90)
    page = text(client.get(reverse("files:access")))
    assert "Waiting for a decision" in page
    assert "Alex Worker" in page
    # Not approved yet: the file stays closed.
    assert client.get(reverse("files:file", args=[team.worker.pk])).status_code == 404


def test_the_request_form_shows_errors_and_keeps_what_was_typed(client, team) -> None:
    login(client, qa_user(team))
    url = f"{reverse('files:access-new')}?staff={team.worker.pk}"
    response = client.post(
        url,
        {
            "reason": "Kept text",
            **date_fields("scope_from", today()),
            **date_fields("scope_to", today() - timedelta(days=3)),
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert "Select what you need the file for" in page
    assert "The end of the period must be the same as or after its start" in page
    assert "Kept text" in page
    assert not AccessRequest.objects.exists()


def test_a_period_starting_in_the_future_is_refused(client, team) -> None:
    login(client, qa_user(team))
    url = f"{reverse('files:access-new')}?staff={team.worker.pk}"
    response = client.post(
        url,
        {"purpose": "audit", "reason": "Audit",
         **date_fields("scope_from", today() + timedelta(days=365 * 14))},
    )  # fmt: skip
    assert "The start of the period must be today or in the past" in text(response)
    assert not AccessRequest.objects.exists()


def test_requesters_cannot_choose_their_own_file_or_another_organisations(
    client, team, other_org
) -> None:
    senior = f.UserFactory(organisation=team.org, roles=["senior_manager"])
    login(client, team.head)  # a service manager: a senior manager by their post
    url = reverse("files:access-new")
    assert client.get(f"{url}?staff={team.head.pk}").status_code == 404
    assert client.get(f"{url}?staff={other_org.worker.pk}").status_code == 404
    login(client, senior)
    page = text(client.post(reverse("files:find-staff"), {"q": "Worker"}, follow=True))
    assert f"?staff={team.worker.pk}" in page
    assert f"?staff={other_org.worker.pk}" not in page  # same name, another organisation


@pytest.mark.parametrize("who", ["worker", "manager"])
def test_access_pages_are_403_for_roles_that_do_not_need_them(client, team, who) -> None:
    login(client, getattr(team, who))
    for name in ("files:access", "files:access-new", "files:find-staff"):
        assert client.get(reverse(name)).status_code == 403, name


def test_a_senior_manager_approves_with_an_expiry_date(client, team) -> None:
    request = waiting_request(team)
    login(client, team.head)
    page = text(client.get(reverse("files:access")))
    assert reverse("files:access-decide", args=[request.pk]) in page
    url = reverse("files:access-decide", args=[request.pk])
    page = text(client.get(url))
    assert "Audit 2026" in page
    assert "include_confidential" not in page  # only offered for a formal concern
    response = client.post(
        url, {"decision": "approve", **date_fields("expires_on", today() + timedelta(days=14))}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessStatus.APPROVED
    assert request.expires_on == today() + timedelta(days=14)
    assert request.decided_by == team.head.user
    assert not request.include_confidential


def test_the_decision_is_refused_past_92_days_and_a_refusal_needs_a_note(client, team) -> None:
    request = waiting_request(team)
    login(client, team.head)
    url = reverse("files:access-decide", args=[request.pk])
    too_late = today() + timedelta(days=MAX_ACCESS_DAYS + 1)
    page = text(client.post(url, {"decision": "approve", **date_fields("expires_on", too_late)}))
    assert "The last day of access must be no later than" in page
    page = text(client.post(url, {"decision": "approve"}))
    assert "Enter the last day of access" in page
    page = text(client.post(url, {"decision": "refuse"}))
    assert "Say why you refuse the request" in page
    request.refresh_from_db()
    assert request.status == AccessStatus.REQUESTED
    client.post(url, {"decision": "refuse", "note": "Use the audit sample instead"})
    request.refresh_from_db()
    assert (request.status, request.decision_note) == (
        AccessStatus.REFUSED,
        "Use the audit sample instead",
    )


def test_confidential_items_can_be_allowed_only_for_a_formal_concern(client, team) -> None:
    concern = waiting_request(team, purpose=AccessPurpose.FORMAL_CONCERN)
    login(client, team.head)
    url = reverse("files:access-decide", args=[concern.pk])
    assert "include_confidential" in text(client.get(url))
    client.post(
        url,
        {
            "decision": "approve",
            "include_confidential": "on",
            **date_fields("expires_on", today() + timedelta(days=7)),
        },
    )
    concern.refresh_from_db()
    assert concern.include_confidential
    audit = waiting_request(team)
    client.post(
        reverse("files:access-decide", args=[audit.pk]),
        {
            "decision": "approve",
            "include_confidential": "on",  # a tampered form: the field is not offered
            **date_fields("expires_on", today() + timedelta(days=7)),
        },
    )
    audit.refresh_from_db()
    assert audit.status == AccessStatus.APPROVED
    assert not audit.include_confidential


def test_a_senior_manager_cannot_decide_their_own_request(client, team) -> None:
    senior = f.UserFactory(organisation=team.org, roles=["senior_manager"])
    request = waiting_request(team, user=senior)
    login(client, senior)
    page = text(client.get(reverse("files:access")))
    assert reverse("files:access-decide", args=[request.pk]) not in page  # not in their queue
    url = reverse("files:access-decide", args=[request.pk])
    assert "another senior manager decides it" in text(client.get(url))
    client.post(url, {"decision": "approve", **date_fields("expires_on", today())})
    request.refresh_from_db()
    assert request.status == AccessStatus.REQUESTED


def test_only_senior_managers_decide(client, team, other_org) -> None:
    request = waiting_request(team)
    url = reverse("files:access-decide", args=[request.pk])
    data = {"decision": "approve", **date_fields("expires_on", today())}
    for who in (qa_user(team), team.manager.user):
        assert login(client, who).post(url, data).status_code == 403
    assert login(client, other_org.head).post(url, data).status_code == 404
    request.refresh_from_db()
    assert request.status == AccessStatus.REQUESTED


def test_the_requester_withdraws_and_a_senior_manager_ends_an_access_early(client, team) -> None:
    user = qa_user(team)
    request = waiting_request(team, user=user)
    login(client, user)
    url = reverse("files:access-withdraw", args=[request.pk])
    assert "Withdraw the request" in text(client.get(url))
    response = client.post(url, follow=True)
    assert "has ended" in messages_of(response)[0]
    request.refresh_from_db()
    assert request.status == AccessStatus.WITHDRAWN

    auditor, grant = third_party(team)
    assert (
        login(client, auditor).get(reverse("files:file", args=[team.worker.pk])).status_code == 200
    )
    login(client, team.head)
    page = text(client.get(reverse("files:access")))
    assert reverse("files:access-withdraw", args=[grant.pk]) in page  # under "Access in force"
    client.post(reverse("files:access-withdraw", args=[grant.pk]))
    grant.refresh_from_db()
    assert grant.status == AccessStatus.WITHDRAWN
    assert (
        login(client, auditor).get(reverse("files:file", args=[team.worker.pk])).status_code == 404
    )


def test_someone_else_cannot_end_a_requesters_access(client, team) -> None:
    _, grant = third_party(team)
    other = qa_user(team)
    assert (
        login(client, other).post(reverse("files:access-withdraw", args=[grant.pk])).status_code
        == 404
    )
    grant.refresh_from_db()
    assert grant.status == AccessStatus.APPROVED


def test_the_approved_requester_reaches_the_file_from_their_list(client, team) -> None:
    auditor, grant = third_party(team)
    page = text(login(client, auditor).get(reverse("files:access")))
    assert reverse("files:file", args=[team.worker.pk]) in page
    assert "Approved" in page
    grant.expires_on = today() - timedelta(days=1)
    grant.save(update_fields=["expires_on"])
    page = text(client.get(reverse("files:access")))
    assert reverse("files:file", args=[team.worker.pk]) not in page
    assert "Expired" in page
