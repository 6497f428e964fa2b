"""Failed sign-ins are throttled per account and per address, in the database, with a message
that does not say whether the account exists; every event is audited without secrets."""

from __future__ import annotations

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from supervise.accounts.models import SignInFailure
from supervise.audit.models import AuditEntry
from tests.factories import PASSWORD
from tests.security.helpers import enrol, fresh_code, sign_in_password

pytestmark = pytest.mark.django_db
LOCKED = "There have been too many attempts to sign in. Wait 15 minutes, then try again."
WRONG = "The username or password is not correct"


def page(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_wrong_password_says_so_without_saying_which(client, team) -> None:  # type: ignore[no-untyped-def]
    real = page(sign_in_password(client, team.worker.user.username, "wrong password!"))
    unknown = page(sign_in_password(client, "nobody-at-all", "wrong password!"))
    assert WRONG in real
    assert WRONG in unknown


def test_five_failures_lock_the_account_even_with_the_right_password(client, team) -> None:  # type: ignore[no-untyped-def]
    username = team.worker.user.username
    for _ in range(5):
        assert WRONG in page(sign_in_password(client, username, "not my password"))
    response = sign_in_password(client, username, PASSWORD)
    assert response.status_code == 200
    assert LOCKED in page(response)
    assert AuditEntry.objects.filter(action="auth.locked_out").count() == 1
    # From another address too: it is the account that is locked.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert LOCKED in page(sign_in_password(other, username, PASSWORD))


def test_a_name_that_is_not_an_account_locks_out_the_same_way(client, team) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        sign_in_password(client, "no-such-person", "not my password")
    assert LOCKED in page(sign_in_password(client, "no-such-person", "anything at all"))


def test_the_lock_lifts_after_the_window(client, team) -> None:  # type: ignore[no-untyped-def]
    username = team.worker.user.username
    enrol(team.worker.user)
    for _ in range(5):
        sign_in_password(client, username, "not my password")
    later = timezone.now() + timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = sign_in_password(client, username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/code/"


def test_twenty_failures_from_one_address_lock_that_address(team) -> None:  # type: ignore[no-untyped-def]
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(20):
        sign_in_password(attacker, f"guess-{n}", "not my password")
    # Even a real account with its real password, from that address.
    assert LOCKED in page(sign_in_password(attacker, team.worker.user.username, PASSWORD))
    # Other addresses are unaffected.
    colleague = Client(REMOTE_ADDR="198.51.100.10")
    enrol(team.worker.user)
    assert sign_in_password(colleague, team.worker.user.username)["Location"] == "/sign-in/code/"


def test_counts_live_in_the_database(client, team) -> None:  # type: ignore[no-untyped-def]
    sign_in_password(client, team.worker.user.username, "not my password")
    failure = SignInFailure.objects.get()
    assert failure.kind == "password"
    assert failure.address == "127.0.0.1"
    assert team.worker.user.username not in failure.account_key


def test_wrong_codes_count_and_lock_out(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    sign_in_password(client, user.username)
    right = fresh_code(user)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    for _ in range(4):
        assert client.post("/sign-in/code/", {"code": wrong}).status_code == 200
    response = client.post("/sign-in/code/", {"code": wrong})
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"
    assert LOCKED in page(client.get("/sign-in/"))
    # The pending sign-in is gone: the right code no longer helps, nor does the password.
    assert client.post("/sign-in/code/", {"code": right})["Location"] == "/sign-in/"
    assert LOCKED in page(sign_in_password(client, user.username))


def test_a_complete_sign_in_clears_the_account_failures(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    for _ in range(4):
        sign_in_password(client, user.username, "not my password")
    sign_in_password(client, user.username)
    client.post("/sign-in/code/", {"code": fresh_code(user)})
    assert not SignInFailure.objects.exists()


def test_sign_in_events_are_audited_without_passwords_or_codes(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    secret_password = "hunter2-correct-horse-typo"
    sign_in_password(client, user.username, secret_password)
    sign_in_password(client, "someone-else", secret_password)
    sign_in_password(client, user.username)
    client.post("/sign-in/code/", {"code": "000000"})
    code = fresh_code(user)
    client.post("/sign-in/code/", {"code": code})
    client.post("/sign-out/")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["auth.sign_in_failed", "auth.sign_in_failed", "auth.totp_failed",
                       "auth.sign_in", "auth.sign_out"]  # fmt: skip
    for entry in AuditEntry.objects.all():
        text = json.dumps([entry.actor_label, entry.object_id, entry.detail, entry.purpose])
        assert secret_password not in text
        assert PASSWORD not in text
        assert code not in text
        assert "000000" not in text
        assert "someone-else" not in text
        assert entry.address == "127.0.0.1"
    failed = AuditEntry.objects.filter(action="auth.sign_in_failed").first()
    assert failed.object_id == str(user.pk)
    assert failed.actor is None
