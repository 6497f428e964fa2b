"""The page where a signed-in person creates a personal API token."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from supervise.api.auth import issue_token, user_for_token
from supervise.api.services import token_revoke
from supervise.audit.models import AuditEntry
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/tokens/new/"
LIST = "/api/tokens/"


def test_the_form_asks_what_for_and_how_long(client, team) -> None:
    client.force_login(team.worker.user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Create an API token" in html
    assert 'value="30" checked' in html
    assert 'href="/api/v1/docs"' in html


def test_a_token_is_shown_once_and_works_as_the_person(client, team) -> None:
    client.force_login(team.worker.user)
    response = client.post(URL, {"purpose": "Weekly caseload report", "days": "7"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    token = re.search(r"(sv2\.[^<\s]+)</textarea>", html).group(1)
    assert user_for_token(token) == team.worker.user
    issued = AuditEntry.objects.get(action="api.token_issued")
    assert issued.purpose == "Weekly caseload report"
    assert issued.detail["days"] == 7
    secret = token.rsplit(".", 1)[1]
    assert secret not in str(issued.detail)
    assert client.get(URL).status_code == 200
    assert token not in client.get(LIST).content.decode(), "shown once"


def test_errors_are_summarised_and_what_was_typed_is_kept(client, team) -> None:
    client.force_login(team.worker.user)
    response = client.post(URL, {"purpose": "", "days": "365"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter what the token is for" in html
    assert "Select how long the token should last" in html
    assert not AuditEntry.objects.filter(action="api.token_issued").exists()
    kept = client.post(URL, {"purpose": "x" * 201, "days": "90"}).content.decode()
    assert "200 characters or fewer" in kept
    assert 'value="90" checked' in kept
    assert "x" * 201 in kept


def test_signing_in_is_needed_and_accounts_outside_organisations_are_refused(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "sign-in" in response["Location"]
    client.force_login(f.UserFactory(organisation=None))
    assert client.get(URL).status_code == 403


def revoke_url(token_id: int) -> str:
    return f"/api/tokens/{token_id}/revoke/"


def test_the_list_shows_ones_own_tokens_and_a_revoke_button_for_live_ones(client, team) -> None:
    client.force_login(team.worker.user)
    assert "You have not made any API tokens" in client.get(LIST).content.decode()
    live = issue_token(team.worker.user, purpose="Nightly export")
    gone = issue_token(team.worker.user, purpose="Old report")
    token_revoke(actor=team.worker.user, token_id=gone.record.pk)
    issue_token(team.colleague.user, purpose="Someone else's script")
    user_for_token(live.token)  # used once
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Nightly export" in html
    assert "Old report" in html
    assert "Someone else" not in html
    assert f"<code>{live.record.key_id}</code>" in html
    assert live.token.rsplit(".", 1)[1] not in html, "never the secret"
    assert "Never" not in html.split("Nightly export")[1].split("</tr>")[0], "last used shown"
    assert 'govuk-tag--green">Active' in html
    assert 'govuk-tag--red">Revoked' in html
    forms = re.findall(r'<form method="post" action="(/api/[^"]+)"', html)
    assert forms == [revoke_url(live.record.pk)], "a button for the live token only"
    assert "csrfmiddlewaretoken" in html
    assert 'href="/api/tokens/new/"' in html


def test_revoking_from_the_page_stops_the_token(team) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(team.worker.user)
    issued = issue_token(team.worker.user, purpose="Nightly export")
    html = browser.get(LIST).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert browser.post(revoke_url(issued.record.pk)).status_code == 403, "CSRF needed"
    assert user_for_token(issued.token) == team.worker.user
    response = browser.post(revoke_url(issued.record.pk), {"csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    assert response["Location"] == LIST
    after = browser.get(LIST).content.decode()
    assert f"Token {issued.record.key_id} is revoked" in after
    assert 'govuk-tag--red">Revoked' in after
    assert "/revoke/" not in after
    assert user_for_token(issued.token) is None
    row = AuditEntry.objects.get(action="api.token_revoked")
    assert row.actor == team.worker.user
    assert row.address


def test_another_persons_token_cannot_be_revoked_from_the_page(client, team) -> None:
    issued = issue_token(team.worker.user)
    client.force_login(team.colleague.user)
    assert client.post(revoke_url(issued.record.pk)).status_code == 404
    assert client.get(revoke_url(issued.record.pk)).status_code == 405
    assert user_for_token(issued.token) == team.worker.user
    refused = AuditEntry.objects.get(action="access.refused")
    assert (refused.actor, refused.object_type) == (team.colleague.user, "api.apitoken")
    assert not AuditEntry.objects.filter(action="api.token_revoked").exists()
