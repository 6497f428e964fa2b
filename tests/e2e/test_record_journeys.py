"""The main journeys in a real browser: a supervisor records a session with two case discussions,
the supervisee signs, the record is finalised (Hull: by the signature; Hertfordshire: by the
supervisor after a review), a declined record is put right and signed, and all of it without
JavaScript. Every page reached in journey 1 passes the accessibility and layout checks."""

from __future__ import annotations

from supervise.cases.models import CaseNote
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.conftest import Team
from tests.e2e.journeys import (
    Discussion,
    Heading,
    book_today,
    decline,
    hold_and_write,
    is_finalised,
    open_record_to_sign,
    send,
    sign,
)

HULL_HEADINGS = [
    Heading("Professional development", "Starting the court skills course in January."),
    Heading("Wellbeing and support", "Feeling supported; workload is manageable this month."),
]
HERTS_HEADINGS = [
    Heading("Check in: well-being and the impact of work on you", "Tired after two late visits."),
    Heading("Learning and development", "Shadowing a child protection conference."),
]


def _two_children(team: Team) -> list[Discussion]:
    """The team's child and a second child, both allocated to the worker."""
    second = f.ChildFactory(organisation=team.org, name="Sky Second")
    f.AllocationFactory(child=second, staff=team.worker)
    return [
        Discussion(team.child.name, "Visit weekly until the review conference."),
        Discussion(second.name, "Close the case in March if school attendance holds."),
    ]


def _the_session(team: Team) -> Session:
    return Session.objects.get(supervisor=team.manager, supervisee=team.worker)


def _record_and_sign(site, team, headings, *, check: bool, javascript: bool = True):  # type: ignore[no-untyped-def]
    discussions = _two_children(team)
    manager = site.person(team.manager.user, who="manager", javascript=javascript)
    worker = site.person(team.worker.user, who="worker", javascript=javascript)

    manager.sign_in(check=check)
    book_today(manager, team.worker.name, check=check)
    hold_and_write(manager, headings, discussions, check=check)
    assert _the_session(team).record_status == RecordStatus.AWAITING_SUPERVISEE

    worker.sign_in()
    open_record_to_sign(worker, check=check)
    text = worker.text()
    for words in [h.text for h in headings] + [d.decisions for d in discussions]:
        assert words in text
    sign(worker)
    return manager, worker, discussions


def test_hull_record_two_discussions_signed_and_finalised(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    manager, worker, discussions = _record_and_sign(site, team, HULL_HEADINGS, check=True)

    assert is_finalised(worker), worker.text()
    worker.check("session detail (finalised)")
    assert _the_session(team).record_status == RecordStatus.FINALISED

    manager.page.reload()
    assert is_finalised(manager), manager.text()
    assert "A fair record of what we discussed" in manager.text()

    # The decision is on the child's record, reached from My team (discussed today, the child
    # is among those not due for a while: folded away until asked for).
    manager.link("My team", exact=True)
    manager.page.locator("#children-later summary").click()
    manager.link(team.child.name, exact=True)
    assert manager.heading() == team.child.name
    assert discussions[0].decisions in manager.text()
    manager.check("child record")
    assert CaseNote.objects.filter(child=team.child, case_discussion__isnull=False).count() == 1


def test_hertfordshire_supervisor_finalises_after_the_signature(site) -> None:  # type: ignore[no-untyped-def]
    team = Team(policy="hertfordshire", slug="herts")
    manager, worker, _ = _record_and_sign(site, team, HERTS_HEADINGS, check=False)

    assert "will review it for accuracy and finalise it" in worker.text()
    assert not is_finalised(worker)
    assert _the_session(team).record_status == RecordStatus.AWAITING_FINALISATION

    manager.page.reload()
    manager.press("Review and finalise", exact=True)
    assert manager.heading() == "Review and finalise the record"
    manager.check("finalise")
    manager.press("Finalise the record", exact=True)
    assert "Record finalised" in manager.text()
    assert is_finalised(manager)
    manager.check("session detail (finalised by the supervisor)")
    worker.page.reload()
    assert is_finalised(worker)
    assert _the_session(team).record_status == RecordStatus.FINALISED


def test_declined_record_is_reopened_changed_and_signed(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    discussions = _two_children(team)
    manager = site.person(team.manager.user, who="manager")
    worker = site.person(team.worker.user, who="worker")
    manager.sign_in()
    book_today(manager, team.worker.name)
    hold_and_write(manager, HULL_HEADINGS, discussions)

    reason = "The course starts in February, not January."
    worker.sign_in()
    open_record_to_sign(worker)
    decline(worker, reason, check=True)
    assert _the_session(team).record_status == RecordStatus.DECLINED

    manager.page.reload()
    assert reason in manager.text()
    manager.check("session detail (declined)")
    manager.press("Reopen the record", exact=True)
    assert manager.heading() == "Reopen the record"
    assert reason in manager.text()
    manager.check("reopen")
    manager.press("Reopen the record", exact=True)
    assert manager.heading() == "Write up the record"
    corrected = [
        Heading(HULL_HEADINGS[0].label, "Starting the court skills course in February."),
        HULL_HEADINGS[1],
    ]
    manager.fill(corrected[0].label, corrected[0].text)
    send(manager, corrected, discussions, check=False)

    open_record_to_sign(worker)
    assert "in February" in worker.text()
    sign(worker)
    assert is_finalised(worker)
    assert _the_session(team).record_status == RecordStatus.FINALISED


def test_the_whole_of_journey_one_works_without_javascript(site) -> None:  # type: ignore[no-untyped-def]
    team = Team()
    manager, worker, discussions = _record_and_sign(
        site, team, HULL_HEADINGS, check=True, javascript=False
    )
    assert worker.page.evaluate("document.body.classList.contains('js-enabled')") is False
    assert is_finalised(worker)
    manager.page.reload()
    assert is_finalised(manager)
    manager.link("My team", exact=True)
    manager.page.locator("#children-later summary").click()  # a <details>: no script needed
    manager.link(team.child.name, exact=True)
    assert discussions[0].decisions in manager.text()
    manager.check("child record (no JavaScript)")
