"""My team for a team manager of 8 workers and 120 children: one row per supervisee, the
children needing a case discussion first, the others folded away (a <details>, no script
needed), and the whole page a few screens long rather than dozens. Checked like every page (axe,
one h1, 400px, CSP), folded and unfolded."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.conftest import Team
from tests.web.team.helpers import CALENDAR, held, next_working_day, planned

WORKERS = 8
CHILDREN_EACH = 15  # 120 children
OVERDUE_EACH = 2  # allocated long ago and never discussed: overdue
# Every supervisee here has an overdue agreement and a record waiting, each with its why: about
# 8,200 pixels at 1280 wide. The old page (a card per supervisee, every child in full) was over
# 17,000 pixels for the demo's 10 supervisees and 70 children; its children alone would be
# about 10,000 here.
MOST_PIXELS = 10_000


def _working_day_before(day: date) -> date:
    while not CALENDAR.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _big_team() -> Team:
    team = Team()
    today = timezone.localdate()
    for n in range(WORKERS - 2):  # the Team has two workers already
        person = f.StaffFactory(organisation=team.org, name=f"Worker {chr(65 + n)}ardy")
        f.LineFactory(supervisee=person, supervisor=team.manager)
    workers = [line.supervisee for line in team.manager.supervisee_lines.all()]
    assert len(workers) == WORKERS
    for index, worker in enumerate(workers):
        for k in range(CHILDREN_EACH):
            long_ago = k < OVERDUE_EACH
            child = f.ChildFactory(organisation=team.org, name=f"Child {index}-{k}")
            starts = date(2025, 1, 6) if long_ago else today - timedelta(days=3)
            f.AllocationFactory(child=child, staff=worker, starts_on=starts)
        held(team, _working_day_before(today - timedelta(days=20)), supervisee=worker,
             record_status=RecordStatus.AWAITING_SUPERVISEE)  # fmt: skip
        planned(team, supervisee=worker, scheduled_on=next_working_day(today + timedelta(days=7)))
    return team


def test_my_team_for_eight_workers_and_120_children(site) -> None:  # type: ignore[no-untyped-def]
    team = _big_team()
    manager = site.person(team.manager.user, who="manager")
    manager.sign_in()
    assert manager.heading() == "My team"
    page = manager.page
    assert page.locator("#supervisees + div table tbody tr").count() == WORKERS
    later = page.locator("#children-later")
    assert later.get_attribute("open") is None
    first_rows = page.locator("#children + p + div table tbody tr")
    assert first_rows.count() == WORKERS * OVERDUE_EACH + 1  # and Casey Child (Team's own)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MOST_PIXELS, f"My team is {height} pixels tall"
    manager.check("my team, 8 workers and 120 children")

    later.locator("summary").click()
    assert later.locator("tbody tr").count() == WORKERS * (CHILDREN_EACH - OVERDUE_EACH)
    assert later.get_by_role("link", name="Child 7-14", exact=True).is_visible()
    manager.check("my team, every child unfolded")
