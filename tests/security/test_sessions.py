"""Sessions: idle and absolute time limits, disabled accounts, and sessions that skipped the
second factor."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from supervise.accounts.models import Role
from supervise.accounts.services import user_disable
from supervise.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.security.helpers import password_only_session, signed_in

pytestmark = pytest.mark.django_db


def at(minutes: float):  # type: ignore[no-untyped-def]
    return mock.patch("django.utils.timezone.now",
                      return_value=timezone.now() + timedelta(minutes=minutes))  # fmt: skip


def test_29_minutes_idle_is_fine_and_use_keeps_it_alive(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.worker.user)
    with at(29):
        assert client.get("/account/").status_code == 200
    with at(29 + 29):
        assert client.get("/account/").status_code == 200


def test_idle_for_more_than_30_minutes_signs_out_with_a_message(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.worker.user)
    with at(31):
        response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=%2Faccount%2F"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used Supervise for 30 minutes" in page
    assert client.get("/account/").status_code == 302
    entry = AuditEntry.objects.filter(action="auth.session_ended").get()
    assert entry.detail == {"reason": "idle"}


def test_absolute_limit_of_12_hours_even_when_in_use(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.worker.user)
    for minutes in range(20, 12 * 60, 20):  # used every 20 minutes all day
        with at(minutes):
            assert client.get("/account/").status_code == 200, minutes
    with at(12 * 60 + 1):
        response = client.get("/account/")
    assert response.status_code == 302
    page = client.get("/sign-in/").content.decode()
    assert "signed in more than 12 hours ago" in page


def test_session_cookie_does_not_outlive_the_absolute_limit(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_disabling_an_account_ends_its_sessions_at_once(team) -> None:  # type: ignore[no-untyped-def]
    worker = team.worker.user
    phone, laptop = Client(), Client()
    signed_in(phone, worker)
    laptop.force_login(worker)
    other = Client()
    signed_in(other, team.colleague.user)
    admin = UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR])
    assert user_disable(actor=admin, user=worker) == 2
    for browser in (phone, laptop):
        assert browser.get("/account/").status_code == 302
    assert other.get("/account/").status_code == 200  # nobody else's
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(worker.pk) for s in Session.objects.all()
    )
    entry = AuditEntry.objects.get(action="account.disabled")
    assert entry.actor == admin
    assert entry.detail == {"sessions_ended": 2}


def test_only_an_administrator_of_the_organisation_may_disable(team) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import Team

    elsewhere = Team(slug="other-org")
    foreign_admin = UserFactory(organisation=elsewhere.org, roles=[Role.ADMINISTRATOR])
    for actor in (team.manager.user, foreign_admin):
        with pytest.raises(PermissionDenied):
            user_disable(actor=actor, user=team.worker.user)
    team.worker.user.refresh_from_db()
    assert team.worker.user.is_active


def test_an_inactive_account_session_is_refused_by_the_middleware(client, team) -> None:  # type: ignore[no-untyped-def]
    worker = team.worker.user
    signed_in(client, worker)
    type(worker).objects.filter(pk=worker.pk).update(is_active=False)  # not through the service
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert "_auth_user_id" not in client.session


def test_a_session_that_skipped_the_second_factor_is_ended(client, team) -> None:  # type: ignore[no-untyped-def]
    password_only_session(client, team.worker.user)
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
    assert client.get("/account/").status_code == 302
    assert AuditEntry.objects.get(action="auth.session_ended").detail == {"reason": "incomplete"}


def test_the_api_treats_an_ended_session_as_signed_out(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.worker.user)
    assert client.get("/api/v1/me").status_code == 200
    with at(31):
        assert client.get("/api/v1/me").status_code == 401


def test_the_admin_login_form_is_replaced_by_the_sign_in_pages(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=%2Fadmin%2F"
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_superuser_reaches_the_admin_after_both_factors(client, db) -> None:  # type: ignore[no-untyped-def]
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    signed_in(client, admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]


def test_sign_out_ends_the_session_and_is_audited(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.worker.user)
    response = client.post("/sign-out/")
    assert response["Location"] == "/sign-in/"
    assert "You have signed out" in client.get("/sign-in/").content.decode()
    assert client.get("/account/").status_code == 302
    assert AuditEntry.objects.filter(action="auth.sign_out", actor=team.worker.user).exists()


def test_force_login_is_trusted_only_with_the_tests_only_backend(client, team, settings) -> None:  # type: ignore[no-untyped-def]
    client.force_login(team.worker.user)
    assert client.get("/account/").status_code == 200
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_signing_out_of_the_admin_is_audited_too(client, db) -> None:  # type: ignore[no-untyped-def]
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    signed_in(client, admin)
    client.post("/admin/logout/")
    assert client.get("/admin/").status_code == 302
    assert AuditEntry.objects.filter(action="auth.sign_out", actor=admin).count() == 1


def test_a_session_ended_by_the_middleware_is_audited_once(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.worker.user)
    with at(31):
        client.get("/account/")
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == ["auth.sign_in", "auth.session_ended"]
