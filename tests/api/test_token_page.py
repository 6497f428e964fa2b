"""The page where a signed-in person creates a personal API token."""

from __future__ import annotations

import re

import pytest

from supervise.api.auth import user_for_token
from supervise.audit.models import AuditEntry
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/tokens/new/"


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
    token = re.search(r"(sv1\.[^<\s]+)</textarea>", html).group(1)
    assert user_for_token(token) == team.worker.user
    issued = AuditEntry.objects.get(action="api.token_issued")
    assert issued.purpose == "Weekly caseload report"
    assert issued.detail["days"] == 7
    assert token not in str(issued.detail)


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
