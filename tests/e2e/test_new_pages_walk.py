"""The pages added since the first walks, checked like the others (axe, one h1, title, 400px,
CSP): an import's problems, paged with their summary; the API token pages; correcting the
date a session took place, and confirming a date far from its booking."""

from __future__ import annotations

from datetime import timedelta

from supervise.accounts.models import Role
from supervise.imports.models import ImportRun, ImportStatus
from tests import factories as f
from tests.conftest import Team
from tests.web.record.helpers import held_session, planned_session


def test_an_imports_problems_paged_with_a_summary(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    admin = f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR],
                          first_name="Ari", last_name="Admin")  # fmt: skip
    bad_day = "held_on: '2026-02-30' is not a real date"
    problems = [f"sessions.csv:{n}: {bad_day}" for n in range(2, 160)]
    problems += [f"staff.csv:{n}: role: unknown value 'boss'" for n in range(2, 12)]
    run = ImportRun.objects.create(
        organisation=team.org, source="web", name="export.zip", digest="0" * 64,
        status=ImportStatus.INVALID, problems=problems, started_by=admin,
    )  # fmt: skip
    administrator = site.person(admin, who="administrator")
    administrator.sign_in()
    administrator.open(f"/imports/{run.pk}/")
    assert "The folder has 168 problems" in administrator.text()
    administrator.check("import problems, page 1")
    administrator.link("Next", exact=False)
    administrator.check("import problems, page 2")


def test_api_token_pages(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    worker = site.person(team.worker.user, who="worker")
    worker.sign_in()
    worker.link("Your account", exact=False)
    worker.link("Manage", exact=False)
    worker.check("API tokens, none yet")
    worker.open("/api/tokens/new/")
    worker.check("new API token")
    from supervise.api.services import token_issue

    token_issue(actor=team.worker.user, days=30, purpose="Team spreadsheet")
    worker.open("/api/tokens/")
    assert "Team spreadsheet" in worker.text()
    worker.check("API tokens, one active")
    worker.open("/api/v1/docs")
    worker.check("API reference")


def test_correcting_the_date_a_session_took_place(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    draft = held_session(team)
    booked = planned_session(team)
    manager = site.person(team.manager.user, who="manager")
    manager.sign_in()
    manager.open(f"/sessions/{draft.pk}/")
    manager.link("Change the date it took place", exact=False)
    assert manager.heading() == "Change the date the session took place"
    manager.check("change the date it took place")
    manager.open(f"/sessions/{booked.pk}/held/")
    manager.fill_date("Date it took place", booked.scheduled_on - timedelta(days=400))
    manager.press("Continue to the record", exact=True)
    assert "Yes, it took place on that date" in manager.text()
    manager.check("hold, a date far before the booking")


def test_the_childrens_list_and_the_findings_download(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    team.org.case_record_roles = [Role.QUALITY_ASSURANCE]
    team.org.save(update_fields=["case_record_roles"])
    for n in range(55):
        child = f.ChildFactory(organisation=team.org, name=f"Sample Child{n:02d}")
        f.AllocationFactory(child=child, staff=team.worker)
    quinn = f.UserFactory(organisation=team.org, roles=[Role.QUALITY_ASSURANCE],
                          first_name="Quinn", last_name="Assurance")  # fmt: skip
    qa = site.person(quinn, who="qa")
    qa.sign_in()
    qa.link("Children")
    assert "57 children" in qa.text()
    qa.check("children, page 1 of 2")
    qa.link("Next", exact=False)
    qa.check("children, page 2")
    qa.fill("Name or case number", "robin")
    qa.press("Search")
    assert "robin" not in qa.page.url
    qa.link("Robin Elsewhere")
    qa.check("a child's record, reached from the list")
    qa.link("Back to children")
    assert "1 child" in qa.text()  # the search is kept until cleared
    qa.link("Clear")
    assert "57 children" in qa.text()
    qa.open("/compliance/findings/")
    qa.check("findings with a download")


def test_the_drift_list_and_a_childs_actions(site) -> None:  # type: ignore[no-untyped-def]
    """Actions carried from session to session: the manager's list, and the child's record
    with its actions and the drift warning."""
    from supervise.sessions.models import Action

    team = Team()
    session = held_session(team)
    Action.objects.create(
        organisation=team.org, session=session, owner=team.worker, child=team.child,
        description="Chase the CAMHS referral", times_carried=4,
        due_on=session.held_on + timedelta(days=7),
    )  # fmt: skip
    manager = site.person(team.manager.user, who="manager")
    manager.sign_in()
    manager.open("/compliance/")
    manager.link("see the actions carried from session to session", exact=False)
    assert "Chase the CAMHS referral" in manager.text()
    manager.check("actions carried from session to session")
    manager.link("Casey Child")
    assert "carried into three sessions or more" in manager.text()
    manager.check("a child's record with drifting actions")
    from supervise.sessions.services import discussion_save

    fields = {"childs_voice": "Wants to stay", "decisions": "Visit weekly"}
    discussion_save(actor=team.manager.user, session=session, child=team.child, fields=fields)
    manager.open("/compliance/")
    manager.link("See how often case discussions record", exact=False)
    assert "Case discussions: what they record" in manager.text()
    manager.check("what case discussions record")
