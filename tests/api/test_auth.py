"""Personal API tokens and browser sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from supervise.api.auth import issue_token, user_for_token
from supervise.audit.models import AuditEntry
from tests import factories as f
from tests.api.conftest import Caller, as_, error_fields, sent

pytestmark = pytest.mark.django_db


def bearer(token: str) -> Caller:
    caller = Caller()
    caller.headers["Authorization"] = f"Bearer {token}"
    return caller


def test_a_signed_in_person_gets_a_token_that_then_acts_as_them(team) -> None:
    browser = as_(team.worker, session=True)
    response = browser.post("/tokens", {"days": 7, "purpose": "case load script"})
    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith(f"sv2.{body['key_id']}.")
    assert body["token_type"] == "Bearer"
    assert body["expires_at"][:10] == (timezone.localdate() + timedelta(days=7)).isoformat()
    me = bearer(body["token"]).get("/me")
    assert me.status_code == 200
    assert me.json()["staff"]["id"] == team.worker.pk
    assert me.json()["authenticated_by"] == "token"
    issued = AuditEntry.objects.get(action="api.token_issued")
    assert issued.actor == team.worker.user
    assert issued.purpose == "case load script"
    assert (issued.object_type, issued.object_id) == ("api.apitoken", str(body["id"]))
    secret = body["token"].rsplit(".", 1)[1]
    assert secret not in str(issued.detail), "the token itself is never kept"


def test_a_token_cannot_issue_tokens_and_is_told_why(team) -> None:
    from supervise.api.models import ApiToken

    script = as_(team.worker)
    before = ApiToken.objects.count()
    response = script.post("/tokens", {"days": 7})
    assert response.status_code == 403
    assert "a token cannot issue tokens" in response.json()["detail"]
    assert ApiToken.objects.count() == before


def test_no_credentials_at_all_is_still_unauthorised(client) -> None:
    assert client.post("/api/v1/tokens", {}, content_type="application/json").status_code == 401


def test_token_lifetime_is_bounded(team) -> None:
    browser = as_(team.worker, session=True)
    assert error_fields(browser.post("/tokens", {"days": 365})) == {"days"}
    assert error_fields(browser.post("/tokens", {"days": 0})) == {"days"}
    assert error_fields(browser.post("/tokens", {"colour": "red"})) == {"colour"}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # secret altered
        lambda t: t.rsplit(".", 1)[0] + ".",  # no secret
        lambda t: t.rsplit(".", 1)[0],  # no secret, no dot
        lambda t: "sv2.0000000000." + t.rsplit(".", 1)[1],  # another key id
        lambda t: t.replace("sv2.", "sv1."),  # the earlier format is no longer accepted
        lambda t: t.replace("sv2.", "sv3."),  # unknown format
        lambda t: t + "A" * 100,  # too long
        lambda t: "",
        lambda t: "not-a-token",
    ],
)
def test_a_spoilt_token_is_401(team, spoil) -> None:
    token = issue_token(team.worker.user).token
    assert bearer(spoil(token)).get("/me").status_code == 401


def test_an_expired_token_is_401(team, monkeypatch) -> None:
    token = issue_token(team.worker.user, days=1).token
    later = timezone.now() + timedelta(days=2)
    monkeypatch.setattr("supervise.api.auth.timezone.now", lambda: later)
    assert user_for_token(token) is None
    assert bearer(token).get("/me").status_code == 401


def test_changing_the_password_or_deactivating_revokes_every_token(team) -> None:
    user = team.worker.user
    token = issue_token(user).token
    assert bearer(token).get("/me").status_code == 200
    user.set_password("a brand new passphrase 42")
    user.save()
    assert bearer(token).get("/me").status_code == 401
    token = issue_token(user).token
    user.is_active = False
    user.save()
    assert bearer(token).get("/me").status_code == 401
    user.is_active = True
    user.save()
    assert bearer(token).get("/me").status_code == 200, "bound to the flag, not revoked"


def test_a_token_stops_when_its_account_moves_to_another_organisation(team, other_org) -> None:
    user = team.worker.user
    token = issue_token(user).token
    user.organisation = other_org.org
    user.save()
    assert bearer(token).get("/me").status_code == 401
    user.organisation = team.org
    user.save()
    assert bearer(token).get("/me").status_code == 200


def test_an_account_outside_any_organisation_is_403(db) -> None:
    installer = f.UserFactory(organisation=None, is_superuser=True)
    with pytest.raises(ValueError, match="does not belong"):
        issue_token(installer)  # a token belongs to an organisation
    assert as_(installer, session=True).get("/me").json() == {
        "detail": "This account does not belong to an organisation."
    }


def test_session_posts_need_the_csrf_token_and_token_posts_do_not(team) -> None:
    session = sent(team)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(team.worker.user)
    browser.get("/api/v1/me")  # a GET is fine without it
    refused = browser.post(f"/api/v1/sessions/{session.pk}/sign", "{}",
                           content_type="application/json")  # fmt: skip
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    session.refresh_from_db()
    assert session.record_status == "awaiting_supervisee"

    browser.get("/api/v1/docs")  # any page that sets the cookie
    csrf = browser.cookies.get("csrftoken")
    if csrf is None:  # the docs page has no form; ask Django for a token directly
        from django.middleware.csrf import _get_new_csrf_string

        csrf_value = _get_new_csrf_string()
        browser.cookies["csrftoken"] = csrf_value
    else:
        csrf_value = csrf.value
    accepted = browser.post(f"/api/v1/sessions/{session.pk}/sign", "{}",
                            content_type="application/json",
                            headers={"X-CSRFToken": csrf_value})  # fmt: skip
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["record_status"] == "finalised"


def test_unauthenticated_post_is_401_not_a_csrf_error(team) -> None:
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.post("/api/v1/sessions", "{}", content_type="application/json")
    assert response.status_code == 401
