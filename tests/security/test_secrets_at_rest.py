"""The TOTP keys are encrypted at rest (supervise.accounts.secrets_at_rest): a database dump
alone gives no working second factors; keys rotate; a wrong key is a clear refusal."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.utils import timezone

from supervise.accounts import secrets_at_rest, totp, two_factor
from supervise.accounts.models import SignInFailure, TwoFactor
from supervise.commands import secrets as secrets_command
from tests.security.helpers import KNOWN_SECRET, enrol, sign_in_password

OLD_KEY = secrets_at_rest.new_key()
NEW_KEY = secrets_at_rest.new_key()
SRC = Path(__file__).resolve().parents[2] / "src" / "supervise"
migration = importlib.import_module("supervise.accounts.migrations.0005_encrypt_two_factor_secrets")


def stored_column(user_id: int) -> str:
    """The column as a database dump would show it (raw SQL, past the model)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT secret_encrypted FROM accounts_twofactor WHERE user_id = %s", [user_id]
        )
        return str(cursor.fetchone()[0])


def assert_not_revealed(secret: str, stored: str) -> None:
    assert stored != secret
    for form in (secret, secret.lower(), totp.grouped(secret)):
        assert form not in stored
    assert stored.startswith(secrets_at_rest.PREFIX)


# --- the pure functions ------------------------------------------------------------------------


def test_round_trip_and_each_encryption_differs() -> None:
    one = secrets_at_rest.encrypt(KNOWN_SECRET, keys=[NEW_KEY])
    two = secrets_at_rest.encrypt(KNOWN_SECRET, keys=[NEW_KEY])
    assert one != two  # random IV: equal keys do not give equal rows
    assert_not_revealed(KNOWN_SECRET, one)
    assert secrets_at_rest.decrypt(one, keys=[NEW_KEY]) == KNOWN_SECRET


def test_rotated_key_list_still_decrypts_and_reencrypts_with_the_first_key() -> None:
    stored = secrets_at_rest.encrypt(KNOWN_SECRET, keys=[OLD_KEY])
    rotated = [NEW_KEY, OLD_KEY]
    assert secrets_at_rest.decrypt(stored, keys=rotated) == KNOWN_SECRET
    again = secrets_at_rest.reencrypt(stored, keys=rotated)
    assert secrets_at_rest.decrypt(again, keys=[NEW_KEY]) == KNOWN_SECRET  # old key not needed
    with pytest.raises(secrets_at_rest.SecretUnreadable):
        secrets_at_rest.decrypt(again, keys=[OLD_KEY])


def test_a_wrong_key_is_a_clear_error_that_reveals_nothing() -> None:
    stored = secrets_at_rest.encrypt(KNOWN_SECRET, keys=[OLD_KEY])
    with pytest.raises(secrets_at_rest.SecretUnreadable) as raised:
        secrets_at_rest.decrypt(stored, keys=[NEW_KEY])
    message = str(raised.value)
    assert "SUPERVISE_FIELD_ENCRYPTION_KEYS" in message
    assert KNOWN_SECRET not in message
    assert NEW_KEY not in message
    assert stored not in message
    with pytest.raises(secrets_at_rest.SecretUnreadable):  # tampered
        secrets_at_rest.decrypt(stored[:-4] + "AAAA", keys=[OLD_KEY])
    with pytest.raises(secrets_at_rest.SecretUnreadable):  # plain: written around the module
        secrets_at_rest.decrypt(KNOWN_SECRET, keys=[OLD_KEY])


def test_missing_or_malformed_keys_are_refused() -> None:
    with pytest.raises(secrets_at_rest.KeysMissing):
        secrets_at_rest.encrypt(KNOWN_SECRET, keys=[])
    with pytest.raises(secrets_at_rest.KeyInvalid, match="key 2 of"):
        secrets_at_rest.encrypt(KNOWN_SECRET, keys=[NEW_KEY, "not-a-key"])


def test_missing_setting_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(secrets_at_rest.KeysMissing):
        secrets_at_rest.encrypt(KNOWN_SECRET)


def test_the_development_key_is_derived_from_secret_key_and_usable() -> None:
    key = secrets_at_rest.development_key("one")
    assert key == secrets_at_rest.development_key("one")
    assert key != secrets_at_rest.development_key("two")
    assert secrets_at_rest.key_problems([key]) == []


# --- stored through the product ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_column_never_holds_the_key_and_a_code_from_it_verifies(team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    key = two_factor.enrolment_key(user=user)  # as the set-up page makes it
    assert_not_revealed(key, stored_column(user.pk))
    two_factor.enrolment_confirm(user=user, code=totp.code_at(key, timezone.now().timestamp()))
    assert two_factor.is_enrolled(user)
    assert_not_revealed(key, stored_column(user.pk))
    enrol(user, secret=KNOWN_SECRET)  # the demo's and the tests' way
    assert_not_revealed(KNOWN_SECRET, stored_column(user.pk))
    two_factor.code_verify(user=user, code=totp.code_at(KNOWN_SECRET, timezone.now().timestamp()))


@pytest.mark.django_db
def test_the_set_up_page_shows_the_key_but_stores_it_encrypted(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    sign_in_password(client, user.username)
    page = client.get("/sign-in/set-up-two-factor/").content.decode()
    key = two_factor.device_secret(TwoFactor.objects.get(user=user))
    assert totp.grouped(key) in page
    assert_not_revealed(key, stored_column(user.pk))


@pytest.mark.django_db
def test_a_key_encrypted_with_an_unlisted_key_is_refused_on_the_page(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    TwoFactor.objects.filter(user=user).update(
        secret_encrypted=secrets_at_rest.encrypt(KNOWN_SECRET, keys=[OLD_KEY])
    )
    sign_in_password(client, user.username)
    code = totp.code_at(KNOWN_SECRET, timezone.now().timestamp())
    response = client.post("/sign-in/code/", {"code": code})
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be checked at the moment" in page
    assert "Traceback" not in page
    assert "SecretUnreadable" not in page
    assert not SignInFailure.objects.filter(kind=SignInFailure.CODE).exists()  # not counted


@pytest.mark.django_db
def test_an_unreadable_unconfirmed_key_is_replaced_when_setting_up(team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    TwoFactor.objects.create(
        user=user, secret_encrypted=secrets_at_rest.encrypt(KNOWN_SECRET, keys=[OLD_KEY])
    )
    key = two_factor.enrolment_key(user=user)
    assert key != KNOWN_SECRET
    assert two_factor.device_secret(TwoFactor.objects.get(user=user)) == key


# --- rotation ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reencrypt_moves_every_key_to_the_first_key(team, settings, capsys) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    enrol(team.worker.user, secret=KNOWN_SECRET)
    other = totp.new_secret()
    enrol(team.manager.user, secret=other)
    settings.SUPERVISE_FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert secrets_command.run_reencrypt(argparse.Namespace()) == 0
    assert "2 two-factor key(s) re-encrypted" in capsys.readouterr().out
    settings.SUPERVISE_FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key removed
    for user, secret in ((team.worker.user, KNOWN_SECRET), (team.manager.user, other)):
        assert two_factor.device_secret(TwoFactor.objects.get(user=user)) == secret


@pytest.mark.django_db
def test_reencrypt_reports_keys_no_listed_key_decrypts(team, settings, capsys) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    enrol(team.worker.user)
    before = stored_column(team.worker.user.pk)
    settings.SUPERVISE_FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # old key dropped too early
    assert secrets_command.run_reencrypt(argparse.Namespace()) == 1
    assert f"user ids {team.worker.user.pk}" in capsys.readouterr().err
    assert stored_column(team.worker.user.pk) == before  # left as it was


def test_new_key_prints_a_usable_key(capsys) -> None:  # type: ignore[no-untyped-def]
    assert secrets_command.run_new_key(argparse.Namespace()) == 0
    assert secrets_at_rest.key_problems([capsys.readouterr().out.strip()]) == []


# --- the data migration -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_encrypts_plain_rows_and_reverses(team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    TwoFactor.objects.create(user=user, secret_encrypted=KNOWN_SECRET)  # as before 0005
    migration.encrypt_plaintext_secrets(django_apps, None)
    stored = stored_column(user.pk)
    assert_not_revealed(KNOWN_SECRET, stored)
    assert two_factor.device_secret(TwoFactor.objects.get(user=user)) == KNOWN_SECRET
    migration.encrypt_plaintext_secrets(django_apps, None)  # again: encrypted rows untouched
    assert stored_column(user.pk) == stored
    migration.decrypt_to_plaintext(django_apps, None)
    assert stored_column(user.pk) == KNOWN_SECRET


# --- nothing writes around the accessors ------------------------------------------------------


def test_only_two_factor_touches_the_encrypted_column() -> None:
    allowed = {SRC / "accounts" / "models.py", SRC / "accounts" / "two_factor.py"}
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and path not in allowed
        and "secret_encrypted" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
