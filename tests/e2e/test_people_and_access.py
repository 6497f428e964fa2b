"""An administrator gives a newcomer from the HR export an account and a role, the newcomer
chooses a password with the set-up link and is asked to set up the authenticator app; every
page is checked (axe, one h1, title, 400px, CSP)."""

from __future__ import annotations

from supervise.accounts.models import Role, User
from tests import factories as f
from tests.conftest import Team


def test_an_administrator_gives_a_newcomer_an_account(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    f.StaffFactory(organisation=team.org, name="Nia Newcomer", user=None,
                   email="nia.newcomer@example.test")  # fmt: skip
    admin = f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR],
                          first_name="Ari", last_name="Admin")  # fmt: skip
    administrator = site.person(admin, who="administrator")
    administrator.sign_in()
    administrator.link("People and access", exact=True)
    assert administrator.heading() == "People and access"
    administrator.check("people and access")
    administrator.choose("Staff without an account")
    administrator.press("Show", exact=True)
    administrator.check("people, staff without an account")
    administrator.link("Create an account for Nia Newcomer", exact=True)
    administrator.fill("Username", "")
    administrator.press("Create account", exact=True)
    summary = administrator.page.locator(".govuk-error-summary").inner_text()
    assert "Enter a username" in summary, summary
    administrator.check("create an account, with errors")
    administrator.fill("Username", "nia.newcomer")
    administrator.choose("Quality assurance")
    administrator.press("Create account", exact=True)
    assert administrator.page.locator(".govuk-panel__title").inner_text() == "Account created"
    administrator.check("set-up link")
    link = administrator.page.get_by_label("Set-up link").input_value()

    nia = User.objects.get(username="nia.newcomer")
    assert list(nia.role_grants.values_list("role", flat=True)) == [Role.QUALITY_ASSURANCE]
    newcomer = site.person(nia, who="newcomer", enrolled=False)
    newcomer.open(link)
    assert newcomer.heading() == "Choose your password"
    newcomer.check("choose your password")
    newcomer.fill("Choose a password", "kettle orbit gravel tulip")
    newcomer.fill("Confirm your password", "kettle orbit gravel tulip")
    newcomer.press("Set password", exact=True)
    assert "/sign-in/" in newcomer.page.url
    newcomer.fill("Username", "nia.newcomer")
    newcomer.fill("Password", "kettle orbit gravel tulip")
    newcomer.press("Sign in", exact=True)
    assert newcomer.heading() == "Set up two-factor authentication", newcomer.text()

    administrator.link("Go to Nia Newcomer’s account", exact=True)
    administrator.check("an account")
    administrator.press("Disable account", exact=True)
    assert "is disabled" in administrator.text()
    administrator.check("an account, disabled")
    newcomer.open(link)
    assert newcomer.heading() == "This link does not work"
    newcomer.check("a used set-up link")
