"""Stored personal API tokens: listed to their owner without secrets, revoked one at a time (by
the owner, or by an administrator of the owner's organisation), revoked with a disabled account,
and never written anywhere as text."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from supervise.accounts.services import user_disable, user_enable
from supervise.api import services
from supervise.api.auth import issue_token
from supervise.api.models import ApiToken
from supervise.audit.models import AuditEntry
from tests import factories as f
from tests.api.conftest import Caller, as_

pytestmark = pytest.mark.django_db


def bearer(token: str) -> Caller:
    caller = Caller()
    caller.headers["Authorization"] = f"Bearer {token}"
    return caller


def secret_of(token: str) -> str:
    return token.rsplit(".", 1)[1]


def audit_text(entry: AuditEntry) -> str:
    return " ".join(
        str(value)
        for value in (entry.action, entry.object_id, entry.purpose, entry.detail, entry.address)
    )


def test_issued_tokens_are_listed_to_their_owner_without_secrets(team) -> None:
    browser = as_(team.worker, session=True)
    made = browser.post("/tokens", {"days": 7, "purpose": "caseload script"}).json()
    token = made["token"]
    listed = bearer(token).get("/tokens")
    assert listed.status_code == 200
    [item] = listed.json()["items"]
    assert item["id"] == made["id"]
    assert item["key_id"] == made["key_id"] == token.split(".")[1]
    assert item["purpose"] == "caseload script"
    assert item["state"] == "active"
    assert item["revoked_at"] is None
    assert item["last_used_at"] is not None, "listing used it"
    assert item["expires_at"][:10] == (timezone.localdate() + timedelta(days=7)).isoformat()
    assert secret_of(token) not in listed.content.decode()
    assert secret_of(token) not in browser.get("/tokens").content.decode()
    # Only a digest is stored.
    row = ApiToken.objects.get(pk=made["id"])
    assert row.digest == hashlib.sha256(secret_of(token).encode()).hexdigest()
    stored = " ".join(str(getattr(row, field.attname)) for field in ApiToken._meta.fields)
    assert secret_of(token) not in stored


def test_a_person_sees_only_their_own_tokens(team) -> None:
    mine = issue_token(team.worker.user, purpose="mine")
    issue_token(team.colleague.user, purpose="not mine")
    items = as_(team.worker).get("/tokens").json()["items"]  # as_ makes a token to call with
    assert [item["purpose"] for item in items] == ["", "mine"], "newest first"
    assert items[1]["id"] == mine.record.pk


def test_a_revoked_token_is_401_and_the_revocation_is_audited(team) -> None:
    issued = issue_token(team.worker.user, purpose="to revoke")
    other = issue_token(team.worker.user, purpose="to keep")
    assert bearer(issued.token).get("/me").status_code == 200
    response = as_(team.worker, session=True).post(f"/tokens/{issued.record.pk}/revoke")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "revoked"
    assert bearer(issued.token).get("/me").status_code == 401
    assert bearer(other.token).get("/me").status_code == 200, "one token, not all"
    row = AuditEntry.objects.get(action="api.token_revoked")
    assert row.actor == team.worker.user
    assert (row.object_type, row.object_id) == ("api.apitoken", str(issued.record.pk))
    assert row.detail == {"key_id": issued.record.key_id, "owner": team.worker.user.pk,
                          "by": "owner"}  # fmt: skip
    # Again: nothing changes, nothing more is written.
    again = as_(team.worker, session=True).post(f"/tokens/{issued.record.pk}/revoke")
    assert again.status_code == 200
    assert AuditEntry.objects.filter(action="api.token_revoked").count() == 1


def test_a_token_can_revoke_itself(team) -> None:
    issued = issue_token(team.worker.user)
    assert bearer(issued.token).post(f"/tokens/{issued.record.pk}/revoke").status_code == 200
    assert bearer(issued.token).get("/tokens").status_code == 401


@pytest.mark.parametrize("who", ["colleague", "manager", "outsider"])
def test_another_persons_token_is_404_unchanged_and_the_refusal_audited(
    team, other_org, who
) -> None:
    issued = issue_token(team.worker.user)
    caller = other_org.manager if who == "outsider" else getattr(team, who)
    for way in ({}, {"session": True}):
        response = as_(caller, **way).post(f"/tokens/{issued.record.pk}/revoke")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    issued.record.refresh_from_db()
    assert issued.record.revoked_at is None
    assert bearer(issued.token).get("/me").status_code == 200
    refusals = AuditEntry.objects.filter(action="access.refused", actor=caller.user)
    assert refusals.count() == 2
    assert {(r.object_type, r.object_id) for r in refusals} == {
        ("api.apitoken", str(issued.record.pk))
    }
    assert not AuditEntry.objects.filter(action="api.token_revoked").exists()
    # A token id that does not exist answers the same.
    assert as_(caller).post("/tokens/999999/revoke").status_code == 404


def test_an_administrator_of_the_organisation_may_revoke_a_members_token(team, other_org) -> None:
    issued = issue_token(team.worker.user)
    for stranger in (
        team.colleague.user,  # not an administrator
        f.UserFactory(organisation=other_org.org, roles=["administrator"]),
    ):
        with pytest.raises(PermissionDenied):
            services.token_revoke(actor=stranger, token_id=issued.record.pk)
    issued.record.refresh_from_db()
    assert issued.record.revoked_at is None
    admin = f.UserFactory(organisation=team.org, roles=["administrator"])
    revoked = services.token_revoke(actor=admin, token_id=issued.record.pk, address="10.0.0.1")
    assert revoked.revoked_by == admin
    assert bearer(issued.token).get("/me").status_code == 401
    row = AuditEntry.objects.get(action="api.token_revoked")
    assert (row.actor, row.detail["by"], row.address) == (admin, "administrator", "10.0.0.1")
    with pytest.raises(ApiToken.DoesNotExist):
        services.token_revoke(actor=admin, token_id=999999)


def test_disabling_an_account_revokes_its_tokens_for_good(team) -> None:
    user = team.worker.user
    live = issue_token(user)
    already = issue_token(user)
    services.token_revoke(actor=user, token_id=already.record.pk)
    admin = f.UserFactory(organisation=team.org, roles=["administrator"])
    user_disable(actor=admin, user=user)
    assert bearer(live.token).get("/me").status_code == 401
    live.record.refresh_from_db()
    assert live.record.revoked_by == admin
    rows = AuditEntry.objects.filter(action="api.token_revoked", detail__by="account disabled")
    assert [r.object_id for r in rows] == [str(live.record.pk)], "live tokens only"
    user.refresh_from_db()
    user_enable(actor=admin, user=user)
    assert bearer(live.token).get("/me").status_code == 401, "enabling does not revive them"


def test_an_expired_token_is_401_and_listed_as_expired(team, monkeypatch) -> None:
    issued = issue_token(team.worker.user, days=1)
    later = timezone.now() + timedelta(days=1, seconds=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert bearer(issued.token).get("/me").status_code == 401
    items = as_(team.worker, session=True).get("/tokens").json()["items"]
    assert [item["state"] for item in items] == ["expired"]


def test_a_tampered_secret_is_401_and_leaves_the_token_unused(team) -> None:
    issued = issue_token(team.worker.user)
    secret = secret_of(issued.token)
    tampered = issued.token[: -len(secret)] + ("B" if secret[0] == "A" else "A") + secret[1:]
    assert bearer(tampered).get("/me").status_code == 401
    issued.record.refresh_from_db()
    assert issued.record.last_used_at is None
    assert bearer(issued.token).get("/me").status_code == 200


def test_last_used_is_recorded_at_most_once_a_minute(team, monkeypatch) -> None:
    issued = issue_token(team.worker.user)
    caller = bearer(issued.token)
    start = timezone.now()
    monkeypatch.setattr("django.utils.timezone.now", lambda: start)
    caller.get("/me")
    issued.record.refresh_from_db()
    assert issued.record.last_used_at == start
    monkeypatch.setattr("django.utils.timezone.now", lambda: start + timedelta(seconds=59))
    caller.get("/me")
    issued.record.refresh_from_db()
    assert issued.record.last_used_at == start, "no write within the minute"
    later = start + timedelta(minutes=2)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    caller.get("/me")
    issued.record.refresh_from_db()
    assert issued.record.last_used_at == later


def test_no_audit_row_holds_a_token(team) -> None:
    browser = as_(team.worker, session=True)
    made = browser.post("/tokens", {"days": 30, "purpose": "nightly export"}).json()
    bearer(made["token"]).get("/me")
    browser.post(f"/tokens/{made['id']}/revoke")
    admin = f.UserFactory(organisation=team.org, roles=["administrator"])
    second = issue_token(team.worker.user)
    user_disable(actor=admin, user=team.worker.user)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"api.token_issued", "api.token_revoked", "account.disabled"} <= actions
    for entry in AuditEntry.objects.all():
        for token in (made["token"], second.token):
            assert secret_of(token) not in audit_text(entry), entry.action
