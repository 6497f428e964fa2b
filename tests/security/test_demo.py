"""The demo's two-factor shortcut works only in development and only for demo accounts."""

from __future__ import annotations

import argparse

import pytest
from django.utils import timezone

from supervise.accounts import totp, two_factor
from supervise.accounts.models import TwoFactor
from supervise.commands import totp as totp_command
from supervise.demo.services import _demo_two_factor, demo_totp_secret
from tests.security.helpers import KNOWN_SECRET, enrol

pytestmark = pytest.mark.django_db
DEMO_SECRET = "DEMODEMODEMODEMODEMODEMODEMODEMO"


@pytest.fixture
def development(settings):  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    settings.SUPERVISE_DEMO_TOTP_SECRET = DEMO_SECRET
    return settings


def run_totp(username: str) -> int:
    return totp_command.run(argparse.Namespace(username=username))


def test_demo_accounts_get_the_shared_key_in_development_only(team, settings) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    _demo_two_factor([user.username])
    assert not TwoFactor.objects.exists()  # test settings: off
    settings.DEBUG = True
    settings.SUPERVISE_DEMO_TOTP_SECRET = DEMO_SECRET
    _demo_two_factor([user.username])
    device = TwoFactor.objects.get(user=user)
    assert two_factor.device_secret(device) == DEMO_SECRET
    assert device.confirmed


def test_demo_key_needs_debug_as_well(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    settings.SUPERVISE_DEMO_TOTP_SECRET = DEMO_SECRET
    assert demo_totp_secret() == ""


def test_supervise_totp_prints_the_demo_code(team, development, capsys) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user, secret=DEMO_SECRET)
    assert run_totp(user.username) == 0
    printed = capsys.readouterr().out
    assert printed.split()[0] == totp.code_at(DEMO_SECRET, timezone.now().timestamp())


def test_supervise_totp_never_prints_a_real_persons_code(team, development, capsys) -> None:  # type: ignore[no-untyped-def]
    enrol(team.worker.user, secret=KNOWN_SECRET)
    assert run_totp(team.worker.user.username) == 2
    assert totp.code_at(KNOWN_SECRET, timezone.now().timestamp()) not in capsys.readouterr().out


def test_supervise_totp_refuses_outside_development(team, settings, capsys) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_DEMO_TOTP_SECRET = DEMO_SECRET  # but DEBUG is off
    enrol(team.worker.user, secret=DEMO_SECRET)
    assert run_totp(team.worker.user.username) == 2
    assert "development settings only" in capsys.readouterr().err
