"""People and access: an organisation's administrator creates accounts (for staff in the HR
export and for others), grants and withdraws roles, disables and enables accounts, resets
two-factor authentication and issues set-up links; the person chooses their own password."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from supervise.accounts.administration import (
    account_create,
    account_roles_set,
    account_set_up_link_issue,
    set_up_tokens,
)
from supervise.accounts.models import Role, RoleGrant, TwoFactor, User
from supervise.audit.models import AuditEntry
from tests import factories as f
from tests.conftest import Team
from tests.security.helpers import enrol

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "kettle orbit gravel tulip"  # noqa: S105 - a test password


@pytest.fixture
def admin(team: Team) -> User:
    return f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR], first_name="Ada")


@pytest.fixture
def browser(client: Client, admin: User) -> Client:
    client.force_login(admin)
    return client


def newcomer(team: Team, **extra: Any) -> Any:
    return f.StaffFactory(
        organisation=team.org, name="Nia Newcomer", email="nia.newcomer@example.test", user=None,
        **extra,
    )  # fmt: skip


def link_in(response: Any) -> str:
    match = re.search(r"http://testserver(/account/set-up/[^<\s]+/)", response.content.decode())
    assert match, "no set-up link on the page"
    return match.group(1)


# --- services ---------------------------------------------------------------------------------


def test_an_administrator_creates_an_account_for_a_staff_member(team: Team, admin: User) -> None:
    staff = newcomer(team)
    user, link = account_create(
        actor=admin, username="nia.newcomer", first_name="Nia", last_name="Newcomer",
        email="nia.newcomer@example.test", roles={Role.HR}, staff_member=staff,
    )  # fmt: skip
    staff.refresh_from_db()
    assert staff.user == user
    assert user.organisation == team.org
    assert not user.has_usable_password()  # nobody but Nia will know her password
    assert list(user.role_grants.values_list("role", flat=True)) == [Role.HR]
    assert link.path.startswith("/account/set-up/")
    entry = AuditEntry.objects.get(action="account.created")
    assert entry.actor == admin
    assert entry.object_id == str(user.pk)
    assert entry.detail == {"roles": ["hr"], "staff_member": staff.pk}
    assert link.path.split("/")[-2] not in str(entry.detail)  # the link is never audited


def test_only_an_administrator_of_the_same_organisation_may_create(team: Team) -> None:
    staff = newcomer(team)
    elsewhere = Team(slug="elsewhere")
    foreign_admin = f.UserFactory(organisation=elsewhere.org, roles=[Role.ADMINISTRATOR])
    for actor in (team.manager.user, foreign_admin):
        with pytest.raises(PermissionDenied):
            account_create(
                actor=actor, username="nia", first_name="Nia", last_name="Newcomer", email="",
                roles=set(), staff_member=staff,
            )  # fmt: skip
    assert not User.objects.filter(username="nia").exists()
    staff.refresh_from_db()
    assert staff.user is None


def test_a_staff_member_gets_one_account_and_usernames_are_unique(team: Team, admin: User) -> None:
    with pytest.raises(ValidationError, match="already has an account"):
        account_create(
            actor=admin, username="second", first_name="W", last_name="W", email="",
            roles=set(), staff_member=team.worker,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="already taken"):
        account_create(
            actor=admin, username=admin.username.upper(), first_name="A", last_name="B",
            email="", roles=set(),
        )  # fmt: skip
    assert not User.objects.filter(username="second").exists()


def test_roles_are_granted_and_withdrawn_with_an_audit_row(team: Team, admin: User) -> None:
    user = team.worker.user
    account_roles_set(actor=admin, user=user, roles={Role.QUALITY_ASSURANCE, Role.INSPECTOR})
    account_roles_set(actor=admin, user=user, roles={Role.INSPECTOR, Role.HR})
    assert set(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == {
        Role.INSPECTOR, Role.HR,
    }  # fmt: skip
    last = AuditEntry.objects.filter(action="account.roles_changed").order_by("-id").first()
    assert last.detail == {"granted": ["hr"], "withdrawn": ["quality_assurance"]}


def test_supervisor_and_practitioner_are_not_granted_roles(team: Team, admin: User) -> None:
    with pytest.raises(ValidationError, match="Not a role"):
        account_roles_set(actor=admin, user=team.worker.user, roles={Role.SUPERVISOR})
    assert not RoleGrant.objects.filter(user=team.worker.user).exists()


def test_an_administrator_cannot_remove_their_own_administrator_role(admin: User) -> None:
    with pytest.raises(ValidationError, match="your own administrator role"):
        account_roles_set(actor=admin, user=admin, roles={Role.HR})
    assert RoleGrant.objects.filter(user=admin, role=Role.ADMINISTRATOR).exists()


# --- the set-up link ------------------------------------------------------------------------


def test_the_person_chooses_their_password_with_the_link_once(
    client: Client, team: Team, admin: User
) -> None:
    user, link = account_create(
        actor=admin, username="nia", first_name="Nia", last_name="Newcomer", email="",
        roles=set(),
    )  # fmt: skip
    page = client.get(link.path)
    assert page.status_code == 200
    assert b"Choose your password" in page.content
    assert page["Cache-Control"] == "no-store"
    response = client.post(
        link.path, {"new_password": GOOD_PASSWORD, "new_password_again": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert AuditEntry.objects.filter(action="account.set_up_completed", actor=user).exists()
    again = client.get(link.path)
    assert again.status_code == 404
    assert b"This link does not work" in again.content


def test_a_weak_password_is_refused_and_nothing_is_set(
    client: Client, team: Team, admin: User
) -> None:
    user, link = account_create(
        actor=admin, username="nia", first_name="Nia", last_name="Newcomer", email="",
        roles=set(),
    )  # fmt: skip
    response = client.post(link.path, {"new_password": "password123", "new_password_again": "x"})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_an_altered_expired_or_disabled_link_does_not_work(
    client: Client, team: Team, admin: User
) -> None:
    user, link = account_create(
        actor=admin, username="nia", first_name="Nia", last_name="Newcomer", email="",
        roles=set(),
    )  # fmt: skip
    altered = link.path[:-3] + ("a" if link.path[-3] != "a" else "b") + link.path[-2:]
    assert client.get(altered).status_code == 404
    assert client.get("/account/set-up/not-base64/x/").status_code == 404
    in_eight_days = datetime.now() + timedelta(days=8)
    with mock.patch.object(set_up_tokens, "_now", return_value=in_eight_days):
        assert client.get(link.path).status_code == 404
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(link.path).status_code == 404
    chosen = {"new_password": GOOD_PASSWORD, "new_password_again": GOOD_PASSWORD}
    assert client.post(link.path, chosen).status_code == 404
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_new_link_for_a_forgotten_password_leaves_the_old_one_working(
    team: Team, admin: User
) -> None:
    worker = team.worker.user
    link = account_set_up_link_issue(actor=admin, user=worker)
    worker.refresh_from_db()
    assert worker.check_password(f.PASSWORD)  # until they choose a new one
    assert set_up_tokens.check_token(worker, link.path.split("/")[-2])
    with pytest.raises(PermissionDenied):
        account_set_up_link_issue(actor=team.manager.user, user=worker)


# --- the pages --------------------------------------------------------------------------------


def test_the_list_shows_this_organisations_accounts_only(browser: Client, team: Team) -> None:
    elsewhere = Team(slug="elsewhere")
    page = browser.get("/organisation/people/")
    assert page.status_code == 200
    assert team.worker.user.get_username().encode() in page.content
    assert elsewhere.worker.user.get_username().encode() not in page.content
    found = browser.post("/organisation/people/", {"q": team.worker.user.last_name}, follow=True)
    assert team.worker.user.get_username().encode() in found.content
    assert team.colleague.user.get_username().encode() not in found.content


def test_staff_without_an_account_are_listed_and_get_one(browser: Client, team: Team) -> None:
    staff = newcomer(team)
    left = f.StaffFactory(organisation=team.org, name="Lou Leaver", user=None,
                          left_on=team.worker.started_on)  # fmt: skip
    listing = browser.get("/organisation/people/", {"show": "without-account"})
    assert b"Nia Newcomer" in listing.content
    assert b"Lou Leaver" not in listing.content  # people who have left need none
    form = browser.get(f"/organisation/people/staff/{staff.pk}/account/")
    assert b'value="nia.newcomer@example.test"' in form.content  # prefilled from the export
    response = browser.post(
        f"/organisation/people/staff/{staff.pk}/account/",
        {"first_name": "Nia", "last_name": "Newcomer", "email": "nia.newcomer@example.test",
         "username": "nia.newcomer", "roles": [Role.QUALITY_ASSURANCE]},
    )  # fmt: skip
    assert response.status_code == 200
    assert b"Account created" in response.content
    assert response["Cache-Control"] == "no-store"
    staff.refresh_from_db()
    assert staff.user.username == "nia.newcomer"
    assert link_in(response).startswith("/account/set-up/")
    assert left.pk  # still without an account
    # Asking again for someone who has an account leads to it.
    again = browser.get(f"/organisation/people/staff/{staff.pk}/account/")
    assert again["Location"] == f"/organisation/people/{staff.user.pk}/"


def test_form_errors_keep_what_was_typed_and_create_nothing(browser: Client, team: Team) -> None:
    response = browser.post(
        "/organisation/people/new/",
        {"first_name": "Iris", "last_name": "", "email": "not an email",
         "username": team.worker.user.username, "roles": [Role.INSPECTOR]},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    for message in ("Enter their last name", "Enter an email address in the correct format",
                    "That username is already taken"):  # fmt: skip
        assert message in body
    assert 'value="Iris"' in body
    assert not User.objects.filter(first_name="Iris").exists()


def test_disabling_from_the_page_signs_the_person_out(browser: Client, team: Team) -> None:
    worker = team.worker.user
    laptop = Client()
    laptop.force_login(worker)
    response = browser.post(f"/organisation/people/{worker.pk}/disable/")
    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    assert laptop.get("/account/").status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(worker.pk) for s in Session.objects.all()
    )
    browser.post(f"/organisation/people/{worker.pk}/enable/")
    worker.refresh_from_db()
    assert worker.is_active


def test_an_administrator_cannot_disable_themselves(browser: Client, admin: User) -> None:
    browser.post(f"/organisation/people/{admin.pk}/disable/")
    admin.refresh_from_db()
    assert admin.is_active


def test_two_factor_reset_from_the_page(browser: Client, team: Team) -> None:
    worker = team.worker.user
    enrol(worker)
    page = browser.get(f"/organisation/people/{worker.pk}/")
    assert b"Reset two-factor authentication" in page.content
    browser.post(f"/organisation/people/{worker.pk}/two-factor-reset/")
    assert not TwoFactor.objects.filter(user=worker, confirmed_at__isnull=False).exists()
    assert AuditEntry.objects.filter(action="account.two_factor_reset").exists()


def test_roles_saved_from_the_page(browser: Client, team: Team) -> None:
    worker = team.worker.user
    browser.post(f"/organisation/people/{worker.pk}/", {"roles": [Role.BUSINESS_SUPPORT]})
    assert list(worker.role_grants.values_list("role", flat=True)) == [Role.BUSINESS_SUPPORT]
    browser.post(f"/organisation/people/{worker.pk}/", {})
    assert not worker.role_grants.exists()


def test_another_organisations_account_is_not_found(browser: Client) -> None:
    elsewhere = Team(slug="elsewhere")
    target = elsewhere.worker.user
    for url in (f"/organisation/people/{target.pk}/",
                f"/organisation/people/staff/{elsewhere.worker.pk}/account/"):  # fmt: skip
        assert browser.get(url).status_code == 404
    assert browser.post(f"/organisation/people/{target.pk}/disable/").status_code == 404
    target.refresh_from_db()
    assert target.is_active
    assert AuditEntry.objects.filter(action="access.refused").count() == 3


def test_the_navigation_offers_people_and_access_to_administrators_only(
    browser: Client, team: Team
) -> None:
    assert b'href="/organisation/people/"' in browser.get("/account/").content
    other = Client()
    other.force_login(team.manager.user)
    assert b'href="/organisation/people/"' not in other.get("/account/").content
    assert other.get("/organisation/people/").status_code == 403


def test_someone_not_in_the_export_needs_a_role(browser: Client) -> None:
    data = {"first_name": "Olu", "last_name": "Inspector", "username": "olu"}
    response = browser.post("/organisation/people/new/", data)
    assert "Select at least one role" in response.content.decode()
    assert not User.objects.filter(username="olu").exists()
    browser.post("/organisation/people/new/", {**data, "roles": [Role.INSPECTOR]})
    assert User.objects.get(username="olu").role_grants.get().role == Role.INSPECTOR


def test_a_refused_role_change_shows_the_roles_as_they_still_are(
    browser: Client, admin: User
) -> None:
    html = browser.post(f"/organisation/people/{admin.pk}/", {"roles": [Role.HR]}).content.decode()
    assert "You cannot remove your own administrator role" in html
    assert re.search(r'value="administrator" checked', html)
    assert not re.search(r'value="hr" checked', html)


def test_the_page_says_why_two_factor_is_required_for_them(browser: Client, admin: User) -> None:
    html = browser.get(f"/organisation/people/{admin.pk}/").content.decode()
    assert "Required, because they have the administrator role" in html


def test_a_leaver_is_flagged_on_the_create_form(browser: Client, team: Team) -> None:
    leaver = newcomer(team, left_on=team.worker.started_on)
    html = browser.get(f"/organisation/people/staff/{leaver.pk}/account/").content.decode()
    assert "Nia Newcomer left on" in html


# --- set-up links by email --------------------------------------------------------------------


def create_nia(browser: Client, team: Team, email: str = "nia.newcomer@example.test") -> Any:
    staff = newcomer(team)
    return browser.post(
        f"/organisation/people/staff/{staff.pk}/account/",
        {"first_name": "Nia", "last_name": "Newcomer", "email": email,
         "username": "nia.newcomer", "roles": [Role.QUALITY_ASSURANCE]},
    )  # fmt: skip


def test_the_set_up_link_is_emailed_to_the_person_and_works(
    browser: Client, team: Team, mailoutbox: list
) -> None:
    response = create_nia(browser, team)
    assert b"We have emailed Nia Newcomer a set-up link" in response.content
    [message] = mailoutbox
    assert message.to == ["nia.newcomer@example.test"]
    assert message.subject == "Set up your Supervise account"
    link = link_in(response)
    assert f"http://testserver{link}" in message.body
    assert "Your username is nia.newcomer" in message.body
    assert "works once, for 7 days" in message.body
    entry = AuditEntry.objects.get(action="account.set_up_link_emailed")
    assert "example.test" not in str(entry.detail)
    assert entry.object_id == str(User.objects.get(username="nia.newcomer").pk)
    anonymous = Client()
    assert anonymous.get(link).status_code == 200  # the emailed link is the page's link


def test_without_an_email_address_the_administrator_hands_the_link_over(
    browser: Client, team: Team, mailoutbox: list
) -> None:
    response = create_nia(browser, team, email="")
    assert response.status_code == 200
    assert b"Give Nia Newcomer this link" in response.content
    assert not mailoutbox
    assert not AuditEntry.objects.filter(action="account.set_up_link_emailed").exists()


def test_a_mail_server_failure_leaves_the_link_on_the_page(
    browser: Client, team: Team, mailoutbox: list
) -> None:
    with mock.patch(
        "supervise.accounts.administration.send_mail", side_effect=OSError("relay down")
    ):
        response = create_nia(browser, team)
    assert b"could not be sent" in response.content
    assert link_in(response).startswith("/account/set-up/")
    assert User.objects.filter(username="nia.newcomer").exists()  # nothing lost
    assert not AuditEntry.objects.filter(action="account.set_up_link_emailed").exists()


def test_a_new_link_for_a_forgotten_password_is_emailed_too(
    browser: Client, team: Team, mailoutbox: list
) -> None:
    create_nia(browser, team)
    user = User.objects.get(username="nia.newcomer")
    response = browser.post(f"/organisation/people/{user.pk}/set-up-link/")
    assert b"We have emailed Nia Newcomer a new set-up link" in response.content
    assert len(mailoutbox) == 2
    assert link_in(response) in mailoutbox[1].body


def test_no_email_when_sending_is_not_configured(
    browser: Client, team: Team, mailoutbox: list, settings: Any
) -> None:
    settings.SUPERVISE_EMAIL_SET_UP_LINKS = False
    response = create_nia(browser, team)
    assert b"Give Nia Newcomer this link" in response.content
    assert b"could not be sent" not in response.content
    assert not mailoutbox
