"""The pages the journeys do not reach, checked like theirs (axe, one h1, titles, 400px, CSP):
forms submitted empty so that their errors show, an agreement drafted and sent, the compliance
pages of a senior manager and of quality assurance, an administrator's imports, setting up the
authenticator app, the error pages and the accessibility statement.

Also the supervision file (src/supervise/files/), as the supervisee and as the supervisor sees
it, with a finalised record in it.

The situations are made quickly through the services (tests.web.record.helpers); everything a
page shows is then reached through the pages."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from supervise.accounts.models import Role
from supervise.compliance.services import snapshot_take
from supervise.organisations.models import Team as OrgTeam
from supervise.policy.dates import format_long
from tests import factories as f
from tests.conftest import Team
from tests.factories import PASSWORD
from tests.web.record.helpers import (
    finalised_session,
    held_session,
    planned_session,
    sent_session,
)


def _shows_errors(person, *messages: str) -> None:  # type: ignore[no-untyped-def]
    summary = person.page.locator(".govuk-error-summary").inner_text()
    for message in messages:
        assert message in summary, summary


def test_sign_in_pages_with_errors_and_setting_up_the_app(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    manager = site.person(team.manager.user, who="manager")
    manager.open("/sign-in/")
    manager.press("Sign in", exact=True)
    _shows_errors(manager, "Enter your username", "Enter your password")
    manager.check("sign in, empty")
    manager.fill("Username", team.manager.user.username)
    manager.fill("Password", "not the password")
    manager.press("Sign in", exact=True)
    _shows_errors(manager, "The username or password is not correct")
    manager.check("sign in, wrong password")
    manager.sign_in()  # starts again: password, then the code
    assert manager.heading() == "My team"

    worker = site.person(team.worker.user, who="worker")
    worker.open("/sign-in/")
    worker.fill("Username", team.worker.user.username)
    worker.fill("Password", PASSWORD)
    worker.press("Sign in", exact=True)
    worker.press("Continue", exact=True)
    _shows_errors(worker, "Enter the 6-digit code from your authenticator app")
    worker.check("sign-in code, empty")
    worker.link("Use a recovery code instead", exact=True)
    worker.check("sign-in recovery code")

    # Someone without an authenticator app is asked to set it up.
    newcomer = site.person(team.colleague.user, who="colleague", enrolled=False)
    newcomer.open("/sign-in/")
    newcomer.fill("Username", team.colleague.user.username)
    newcomer.fill("Password", PASSWORD)
    newcomer.press("Sign in", exact=True)
    newcomer.check("set up the authenticator app")


def test_supervisor_forms_with_errors_and_an_agreement(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    colleague_child = f.ChildFactory(organisation=team.org, name="Charlie Colleaguecase")
    f.AllocationFactory(child=colleague_child, staff=team.colleague)
    planned = planned_session(team)
    held = held_session(team, supervisee=team.colleague)
    manager = site.person(team.manager.user, who="manager")
    manager.sign_in()

    manager.link(f"Book supervision with {team.worker.name}", exact=True)
    manager.textbox("How many sessions").fill("")
    manager.press("Book", exact=True)
    _shows_errors(manager, "Enter the date of the first session", "Enter how many sessions")
    manager.check("schedule, empty")

    manager.link(f"Back to {team.worker.name}", exact=True)
    manager.link(f"Cancel the session of {format_long(planned.scheduled_on)}", exact=True)
    manager.press("Cancel the session", exact=True)
    _shows_errors(manager, "Select who cancelled the session")
    manager.check("cancel, empty")
    manager.choose(f"The supervisor, {team.manager.name}")
    manager.choose("Another reason")
    manager.press("Cancel the session", exact=True)
    _shows_errors(manager, "Enter the reason the session was cancelled")
    assert manager.page.get_by_label(f"The supervisor, {team.manager.name}").is_checked()
    manager.check("cancel, another reason without a note")

    manager.open(f"/sessions/{planned.pk}/")
    manager.check("session detail (planned)")

    manager.open(f"/sessions/{held.pk}/record/")
    manager.press("Save and discuss this child", exact=True)
    _shows_errors(manager, "Select a child to discuss")
    manager.check("record, no child chosen")
    manager.field("Add a child to discuss").select_option(label=colleague_child.name)
    manager.press("Save and discuss this child", exact=True)
    manager.press("Save the discussion", exact=True)
    _shows_errors(manager, "Enter the decisions made about this child")
    manager.check("discussion, empty")
    manager.link("Back to the record", exact=True)
    manager.press("Save and add an action", exact=True)
    manager.check("action")
    manager.press("Add the action", exact=True)
    _shows_errors(manager, "Enter what needs to be done")
    manager.check("action, empty")

    # A planned session that cannot be said to have taken place yet: clear the date.
    manager.open(f"/sessions/{planned.pk}/held/")
    manager.page.get_by_role("group", name="Date it took place").get_by_label("Day").fill("")
    manager.press("Continue to the record", exact=True)
    _shows_errors(manager, "The date the session took place must include a day")
    manager.check("hold, no day")

    # An agreement: the form with its errors, the draft, the confirmation, the sent agreement.
    manager.link("My team", exact=True)
    manager.link(team.worker.name, exact=True)
    manager.press("Draft an agreement", exact=True)
    manager.check("agreement new")
    manager.fill("How long each session lasts, in minutes", "")
    manager.fill("Where you will meet", "")
    manager.press("Save the draft", exact=True)
    _shows_errors(manager, "Enter how long each session lasts", "Enter where you will meet")
    manager.check("agreement new, with errors")
    manager.fill("How long each session lasts, in minutes", "90")
    manager.fill("Where you will meet", "The small meeting room, second floor")
    manager.press("Save the draft", exact=True)
    assert "Error" not in manager.page.title(), manager.text()
    manager.check("agreement detail (draft)")
    manager.press("Sign and send", exact=False)
    manager.check("agreement send")
    manager.press("Sign and send", exact=True)
    manager.check("agreement detail (sent)")


def test_supervisee_decline_without_a_reason(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    sent = sent_session(team)
    worker = site.person(team.worker.user, who="worker")
    worker.sign_in()
    worker.link(f"Read and sign the record of {format_long(sent.held_on)}", exact=True)
    worker.press("Decline to sign", exact=True)
    _shows_errors(worker, "Enter why you are not signing the record")
    worker.check("sign, decline without a reason")
    worker.link("Back to the session", exact=True)
    worker.check("session detail (supervisee, to sign)")


def test_pages_of_senior_managers_quality_assurance_and_administrators(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    senior = f.UserFactory(organisation=team.org, roles=[Role.SENIOR_MANAGER],
                           first_name="Sasha", last_name="Senior")  # fmt: skip
    quality = f.UserFactory(organisation=team.org, roles=[Role.QUALITY_ASSURANCE],
                            first_name="Quinn", last_name="Quality")  # fmt: skip
    admin = f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR],
                          first_name="Ari", last_name="Admin")  # fmt: skip

    alpha = OrgTeam.objects.create(organisation=team.org, name="Alpha Team")
    bravo = OrgTeam.objects.create(organisation=team.org, name="Bravo Team")
    for staff, place in ((team.manager, alpha), (team.worker, alpha), (team.colleague, alpha),
                         (team.other_manager, bravo), (team.other_worker, bravo)):  # fmt: skip
        staff.team = place
        staff.save(update_fields=["team"])
    today = timezone.localdate()
    snapshot_take(organisation=team.org, as_of=today - timedelta(days=30))
    snapshot_take(organisation=team.org, as_of=today)

    for user, who in ((senior, "senior manager"), (quality, "quality assurance")):
        person = site.person(user, who=who)
        person.sign_in()
        assert person.heading() == "Supervision compliance", person.text()
        person.check("compliance overview")
    person.link("Alpha Team", exact=True)
    assert "Alpha Team" in person.heading()
    person.check("compliance, a team")

    administrator = site.person(admin, who="administrator")
    administrator.sign_in()
    assert administrator.heading() == "People and access", administrator.text()  # where they start
    administrator.open("/imports/")
    administrator.check("imports")
    administrator.open("/imports/new/")
    administrator.check("imports new")
    administrator.press("Check the folder", exact=True)
    _shows_errors(administrator, "Select a ZIP file of the interchange folder")
    administrator.check("imports new, empty")


def test_error_pages_and_the_accessibility_statement(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    visitor = site.person(team.worker.user, who="visitor")
    visitor.open("/accessibility/")
    visitor.check("accessibility statement")

    worker = site.person(team.worker.user, who="worker")
    worker.sign_in()
    assert worker.open("/sessions/999999/") == 404
    worker.check("404")
    assert worker.open("/team/") == 403  # a practitioner on the supervisors' page
    worker.check("403")
    worker.open("/account/")
    worker.check("your account")


def test_supervision_files(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    finalised_session(team)
    worker = site.person(team.worker.user, who="worker")
    worker.sign_in()
    worker.link("My file", exact=True)
    assert worker.heading() == "Your supervision file"
    worker.check("my supervision file")
    manager = site.person(team.manager.user, who="manager")
    manager.sign_in()
    manager.open(f"/files/{team.worker.pk}/")
    assert manager.heading() == team.worker.name
    manager.check("a supervisee's file")
