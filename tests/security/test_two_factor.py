"""Two-factor authentication at sign-in: the code, replays, recovery codes, enrolment, and who
may postpone it."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from supervise.accounts import totp, two_factor
from supervise.accounts.models import RecoveryCode, Role, TwoFactor
from supervise.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.security.helpers import KNOWN_SECRET, enrol, fresh_code, sign_in_password

pytestmark = pytest.mark.django_db


def is_signed_in(client) -> bool:  # type: ignore[no-untyped-def]
    return client.get("/account/").status_code == 200


def test_password_alone_does_not_sign_in(client, team) -> None:  # type: ignore[no-untyped-def]
    enrol(team.worker.user)
    response = sign_in_password(client, team.worker.user.username)
    assert response["Location"] == "/sign-in/code/"
    assert not is_signed_in(client)
    assert client.get("/").status_code == 302  # home sends them to sign in


def test_the_right_code_signs_in_and_goes_to_next(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    client.post("/sign-in/?next=/account/", {"username": user.username,
                "password": "correct horse battery staple", "next": "/account/"})  # fmt: skip
    response = client.post("/sign-in/code/", {"code": fresh_code(user)})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert is_signed_in(client)
    entry = AuditEntry.objects.filter(action="auth.sign_in").last()
    assert entry.actor == user
    assert entry.detail["second_factor"] == "code"


def test_a_wrong_code_is_refused_with_a_message(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    sign_in_password(client, user.username)
    right = fresh_code(user)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post("/sign-in/code/", {"code": wrong})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert not is_signed_in(client)
    assert AuditEntry.objects.filter(action="auth.totp_failed", actor=user).count() == 1


def test_a_code_that_is_not_six_digits_is_explained(client, team) -> None:  # type: ignore[no-untyped-def]
    enrol(team.worker.user)
    sign_in_password(client, team.worker.user.username)
    page = client.post("/sign-in/code/", {"code": "12ab"}).content.decode()
    assert "The code must be 6 digits" in page
    assert 'value="12ab"' in page  # what was typed is kept


def test_a_replayed_code_is_refused(client, team) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    user = team.worker.user
    enrol(user)
    sign_in_password(client, user.username)
    code = totp.code_at(KNOWN_SECRET, timezone.now().timestamp())
    assert client.post("/sign-in/code/", {"code": code}).status_code == 302
    # Someone who watched it being typed tries it at once, with the password.
    attacker = Client()
    sign_in_password(attacker, user.username)
    response = attacker.post("/sign-in/code/", {"code": code})
    assert response.status_code == 200
    assert "already been used" in response.content.decode()
    assert not is_signed_in(attacker)


def test_an_older_code_than_the_last_used_is_refused(team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    now = timezone.now().timestamp()
    two_factor.code_verify(user=user, code=totp.code_at(KNOWN_SECRET, now))
    with pytest.raises(two_factor.CodeRefused):
        two_factor.code_verify(user=user, code=totp.code_at(KNOWN_SECRET, now - 30))


def test_recovery_code_works_once(client, team) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    user = team.worker.user
    enrol(user)
    codes = two_factor.recovery_codes_issue(user=user)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    sign_in_password(client, user.username)
    response = client.post("/sign-in/recovery-code/", {"code": codes[0].upper()})
    assert response.status_code == 302
    assert is_signed_in(client)
    assert two_factor.recovery_codes_left(user) == 9
    again = Client()
    sign_in_password(again, user.username)
    response = again.post("/sign-in/recovery-code/", {"code": codes[0]})
    assert response.status_code == 200
    assert "already been used" in response.content.decode()
    assert not is_signed_in(again)


def test_recovery_codes_are_stored_hashed(team) -> None:  # type: ignore[no-untyped-def]
    codes = two_factor.recovery_codes_issue(user=team.worker.user)
    stored = " ".join(f"{r.salt} {r.digest}" for r in RecoveryCode.objects.all())
    for code in codes:
        assert code not in stored
        assert code.replace("-", "") not in stored


def test_enrolment_during_sign_in_shows_qr_and_key_then_recovery_codes(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    response = sign_in_password(client, user.username)
    assert response["Location"] == "/sign-in/set-up-two-factor/"
    page = client.get("/sign-in/set-up-two-factor/").content.decode()
    assert 'src="data:image/svg+xml' in page
    secret = two_factor.device_secret(TwoFactor.objects.get(user=user))
    assert totp.grouped(secret) in page  # the key as text too
    assert "<script" not in page.split("</footer>")[0].split("enable.js")[1]
    code = totp.code_at(secret, timezone.now().timestamp())
    response = client.post("/sign-in/set-up-two-factor/", {"action": "confirm", "code": code})
    assert response.status_code == 200
    shown = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>",
                       response.content.decode())  # fmt: skip
    assert len(shown) == 10
    assert two_factor.is_enrolled(user)
    assert is_signed_in(client)
    assert AuditEntry.objects.filter(action="auth.two_factor_enrolled", actor=user).exists()


def test_enrolment_with_a_wrong_code_is_refused(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    sign_in_password(client, user.username)
    client.get("/sign-in/set-up-two-factor/")
    response = client.post("/sign-in/set-up-two-factor/", {"action": "confirm", "code": "000000"})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert not two_factor.is_enrolled(user)
    assert not is_signed_in(client)


@pytest.mark.parametrize("who", ["manager", "head"])
def test_managers_cannot_postpone(client, team, who) -> None:  # type: ignore[no-untyped-def]
    user = getattr(team, who).user
    sign_in_password(client, user.username)
    page = client.get("/sign-in/set-up-two-factor/").content.decode()
    assert "You must set this up before you can use Supervise" in page
    assert "Set up later" not in page
    response = client.post("/sign-in/set-up-two-factor/", {"action": "later"})
    assert response["Location"] == "/sign-in/set-up-two-factor/"
    assert not is_signed_in(client)
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("role", [Role.HR, Role.ADMINISTRATOR, Role.SENIOR_MANAGER])
def test_hr_administrators_and_senior_managers_must_enrol(client, team, role) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(organisation=team.org, roles=[role])
    assert two_factor.requirement(user).required
    sign_in_password(client, user.username)
    client.post("/sign-in/set-up-two-factor/", {"action": "later"})
    assert not is_signed_in(client)


def test_superusers_must_enrol(db) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    assert two_factor.requirement(user).required


def test_a_social_worker_may_postpone_three_times_then_must_enrol(client, team) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    user = team.worker.user
    for left in (2, 1, 0):
        browser = Client()
        sign_in_password(browser, user.username)
        page = browser.get("/sign-in/set-up-two-factor/").content.decode()
        assert "Set up later" in page
        response = browser.post("/sign-in/set-up-two-factor/", {"action": "later"})
        assert response.status_code == 302
        assert is_signed_in(browser)
        assert two_factor.requirement(user).postponements_left == left
    browser = Client()
    sign_in_password(browser, user.username)
    page = browser.get("/sign-in/set-up-two-factor/").content.decode()
    assert "Set up later" not in page
    browser.post("/sign-in/set-up-two-factor/", {"action": "later"})
    assert not is_signed_in(browser)
    entry = AuditEntry.objects.filter(action="auth.sign_in").last()
    assert entry.detail["second_factor"] == "postponed"


def test_the_code_page_needs_a_password_first(client, team) -> None:  # type: ignore[no-untyped-def]
    for path in ("/sign-in/code/", "/sign-in/recovery-code/", "/sign-in/set-up-two-factor/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/sign-in/"


def test_a_pending_sign_in_expires(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    sign_in_password(client, user.username)
    later = timezone.now() + timedelta(minutes=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        code = totp.code_at(KNOWN_SECRET, later.timestamp())
        response = client.post("/sign-in/code/", {"code": code})
    assert response["Location"] == "/sign-in/"


def test_the_session_key_changes_at_each_step(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    client.get("/sign-in/")
    before = client.session.session_key
    sign_in_password(client, user.username)
    middle = client.session.session_key
    client.post("/sign-in/code/", {"code": fresh_code(user)})
    after = client.session.session_key
    assert len({before, middle, after}) == 3


def test_postponed_users_can_enrol_from_their_account(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    sign_in_password(client, user.username)
    client.post("/sign-in/set-up-two-factor/", {"action": "later"})
    assert "Not set up" in client.get("/account/").content.decode()
    client.get("/account/two-factor/")
    secret = two_factor.device_secret(TwoFactor.objects.get(user=user))
    code = totp.code_at(secret, timezone.now().timestamp())
    response = client.post("/account/two-factor/", {"code": code})
    assert response.status_code == 200
    assert "Save your recovery codes" in response.content.decode()
    assert two_factor.is_enrolled(user)


def test_new_recovery_codes_replace_the_old_ones(client, team) -> None:  # type: ignore[no-untyped-def]
    from tests.security.helpers import signed_in

    user = team.worker.user
    signed_in(client, user)
    old = two_factor.recovery_codes_issue(user=user)
    response = client.post("/account/recovery-codes/", {"code": fresh_code(user)})
    assert response.status_code == 200
    with pytest.raises(two_factor.CodeRefused):
        two_factor.recovery_code_use(user=user, code=old[0])
    assert two_factor.recovery_codes_left(user) == 10


def test_the_demo_hint_shows_only_with_the_demo_key_in_development(client, team, settings) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user, secret=KNOWN_SECRET)
    sign_in_password(client, user.username)
    assert "supervise totp" not in client.get("/sign-in/code/").content.decode()
    settings.DEBUG = True
    settings.SUPERVISE_DEMO_TOTP_SECRET = KNOWN_SECRET
    assert f"supervise totp {user.username}" in client.get("/sign-in/code/").content.decode()
