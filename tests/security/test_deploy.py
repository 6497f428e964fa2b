"""`manage.py check --deploy` is clean with the production settings, and catches the demo and
test shortcuts."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parents[2]


def check_deploy(settings_module: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SUPERVISE_SECRET_KEY": secrets.token_urlsafe(64),
        "SUPERVISE_ALLOWED_HOSTS": "supervise.council.example",
        "DATABASE_URL": "sqlite:///:memory:",
        "SUPERVISE_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        **env,
    }
    for name in list(environment):
        if name.startswith("SUPERVISE_OIDC_"):
            del environment[name]
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_any_issue() -> None:
    result = check_deploy("supervise.config.settings.production")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_with_single_sign_on_configured_is_still_clean() -> None:
    result = check_deploy(
        "supervise.config.settings.production",
        SUPERVISE_OIDC_ISSUER="https://login.council.example/tenant/v2.0",
        SUPERVISE_OIDC_CLIENT_ID="supervise",
        SUPERVISE_OIDC_CLIENT_SECRET=secrets.token_urlsafe(32),
        SUPERVISE_OIDC_ORGANISATION="council",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_development_and_test_settings_are_refused_for_deployment() -> None:
    dev = check_deploy("supervise.config.settings.dev")
    assert dev.returncode != 0
    assert "supervise.E001" in dev.stderr  # the demo's shared two-factor key
    test = check_deploy("supervise.config.settings.test")
    assert "supervise.E002" in test.stderr  # force_login trusted
    assert "supervise.E003" in test.stderr  # not Argon2
    assert "supervise.E009" in dev.stderr
    assert "supervise.E009" in test.stderr


def test_production_without_an_encryption_key_is_refused() -> None:
    result = check_deploy(
        "supervise.config.settings.production", SUPERVISE_FIELD_ENCRYPTION_KEYS=""
    )
    assert result.returncode != 0
    assert "supervise.E007" in result.stderr  # two-factor keys could not be encrypted


def test_production_with_a_malformed_encryption_key_is_refused() -> None:
    new, old = Fernet.generate_key().decode(), "not-a-fernet-key"
    result = check_deploy(
        "supervise.config.settings.production", SUPERVISE_FIELD_ENCRYPTION_KEYS=f"{new}, {old}"
    )
    assert result.returncode != 0
    assert "supervise.E008" in result.stderr
    assert "key 2 of" in result.stderr


def test_production_accepts_a_rotated_key_list() -> None:
    keys = f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}"
    result = check_deploy("supervise.config.settings.production",
                          SUPERVISE_FIELD_ENCRYPTION_KEYS=keys)  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
