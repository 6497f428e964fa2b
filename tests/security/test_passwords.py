"""Password rules: 12 characters or more, not common, not like the name; no composition rules;
Argon2 in the real settings; changing one's password."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from supervise.accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.security.helpers import signed_in


def messages_for(password: str, user: User | None = None) -> list[str]:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return list(error.messages)
    return []


@pytest.mark.django_db
def test_too_short_is_refused_in_plain_words() -> None:
    assert messages_for("Tr0ub4dor&3") == ["Your password must be 12 characters or more"]


@pytest.mark.django_db
def test_a_common_password_is_refused_even_when_long_enough() -> None:
    # In Django's bundled list of 20,000 common passwords.
    assert "Your password is a commonly used password: choose one that is harder to guess" in (
        messages_for("qwertyuiop123")
    )


@pytest.mark.django_db
def test_a_long_lowercase_passphrase_is_accepted_without_composition_rules() -> None:
    assert messages_for("kettle orbit gravel tulip") == []
    assert messages_for("allinlowercasewithnodigits") == []


@pytest.mark.django_db
def test_a_password_like_the_username_is_refused() -> None:
    user = UserFactory(username="morgan.manager", first_name="Morgan", last_name="Manager")
    assert "Your password is too like your username, name or email address" in messages_for(
        "morgan.manager1", user
    )


def test_production_settings_hash_with_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPERVISE_SECRET_KEY", "x" * 60)
    production = importlib.reload(importlib.import_module("supervise.config.settings.production"))
    dev = importlib.reload(importlib.import_module("supervise.config.settings.dev"))
    for settings in (production, dev):
        assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
        names = [v["NAME"] for v in settings.AUTH_PASSWORD_VALIDATORS]
        assert names == [
            "supervise.accounts.passwords.LengthValidator",
            "supervise.accounts.passwords.CommonPasswordValidator",
            "supervise.accounts.passwords.UserAttributeSimilarityValidator",
        ]


def test_argon2_really_hashes(settings) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    encoded = make_password("kettle orbit gravel tulip")
    assert encoded.startswith("argon2$argon2id$")
    assert check_password("kettle orbit gravel tulip", encoded)


# --- the change password page ----------------------------------------------------------------


def test_change_password_happy_path_keeps_this_session(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    signed_in(client, user)
    response = client.post(
        "/account/password/",
        {"current_password": PASSWORD, "new_password": "kettle orbit gravel tulip",
         "new_password_again": "kettle orbit gravel tulip"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    user.refresh_from_db()
    assert user.check_password("kettle orbit gravel tulip")
    assert client.get("/account/").status_code == 200  # still signed in here
    from supervise.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="auth.password_changed", actor=user).exists()


def test_change_password_refuses_and_explains(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    signed_in(client, user)
    response = client.post(
        "/account/password/",
        {"current_password": "wrong", "new_password": "short",
         "new_password_again": "different"},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Your current password is not correct" in page
    assert "Your password must be 12 characters or more" in page
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_guessing_the_current_password_is_throttled_like_signing_in(client, team) -> None:  # type: ignore[no-untyped-def]
    """Someone holding a stolen session cannot try passwords without limit: wrong current
    passwords count with sign-in failures, and at the limit the session ends (security
    review)."""
    from supervise.accounts.models import SignInFailure
    from supervise.audit.models import AuditEntry

    user = team.worker.user
    signed_in(client, user)
    wrong = {"current_password": "not-it-at-all", "new_password": "a long new passphrase",
             "new_password_again": "a long new passphrase"}  # fmt: skip
    for _ in range(4):
        assert client.post("/account/password/", wrong).status_code == 200
    assert SignInFailure.objects.filter(kind=SignInFailure.PASSWORD).count() == 4
    response = client.post("/account/password/", wrong)  # the fifth
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert client.get("/account/").status_code in (302, 403)  # signed out
    assert AuditEntry.objects.filter(action="auth.locked_out", actor=user).exists()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_password_ends_other_sessions(client, team) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    user = team.worker.user
    other = Client()
    other.force_login(user)
    assert other.get("/account/").status_code == 200
    signed_in(client, user)
    client.post(
        "/account/password/",
        {"current_password": PASSWORD, "new_password": "kettle orbit gravel tulip",
         "new_password_again": "kettle orbit gravel tulip"},
    )  # fmt: skip
    response = other.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
