"""Actions carried from session to session (drift): counted on the overview, listed for the
viewer's scope, each described only to those who may read the record it is in, and audited
with counts only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.accounts.models import Role
from supervise.audit.models import AuditEntry
from supervise.sessions.models import Action
from tests.web.compliance.conftest import granted
from tests.web.compliance.test_overview import text
from tests.web.team.helpers import held, today

pytestmark = pytest.mark.django_db
DRIFT = reverse("compliance:drift")
OVERVIEW = reverse("compliance:overview")


@pytest.fixture
def actions(team, places):  # type: ignore[no-untyped-def]
    """Alpha: one carried 4 times about Casey Child, one personal carried 3 times, one carried
    twice (not drift), one done. Bravo: one carried 5 times."""
    mine = held(team, today() - timedelta(days=80))
    theirs = held(team, today() - timedelta(days=80), supervisee=team.other_worker,
                  supervisor=team.other_manager)  # fmt: skip

    def action(session, description, carried, child=None, status="open"):  # type: ignore[no-untyped-def]
        return Action.objects.create(
            organisation=team.org, session=session, owner=session.supervisee, child=child,
            description=description, times_carried=carried, status=status,
            due_on=today() - timedelta(days=50),
        )  # fmt: skip

    return {
        "child": action(mine, "Chase the CAMHS referral", 4, child=team.child),
        "personal": action(mine, "Book the court skills course", 3),
        "twice": action(mine, "Read the new procedures", 2),
        "done": action(mine, "Finish the chronology", 6, status="done"),
        "bravo": action(theirs, "Update the safety plan", 5, child=team.other_child),
    }


def test_a_manager_sees_their_chains_drift_described_with_links(client, team, actions) -> None:
    client.force_login(team.manager.user)
    page = text(client.get(DRIFT))
    assert "2 actions carried 3 times or more" in page
    assert "Chase the CAMHS referral" in page
    assert "Book the court skills course" in page
    for absent in ("Read the new procedures", "Finish the chronology", "Update the safety plan"):
        assert absent not in page
    html = client.get(DRIFT).content.decode()
    assert html.index("Chase the CAMHS") < html.index("Book the court")  # most carried first
    session = actions["child"].session
    assert reverse("sessions:detail", args=[session.pk]) in html
    assert reverse("cases:child", args=[team.child.pk]) in html
    overview = text(client.get(OVERVIEW))
    assert "2 open actions have been carried into 3 sessions or more" in overview


def test_organisation_wide_roles_see_every_team_but_read_only_what_they_may(
    client, team, places, actions
) -> None:
    """Quality assurance, granted children's records, reads the actions about children; an
    action from personal supervision is counted for it but not described."""
    team.org.case_record_roles = [Role.QUALITY_ASSURANCE]
    team.org.save(update_fields=["case_record_roles"])
    client.force_login(granted(team.org, Role.QUALITY_ASSURANCE))
    page = text(client.get(DRIFT))
    assert "3 actions carried 3 times or more" in page
    assert "Chase the CAMHS referral" in page
    assert "Update the safety plan" in page
    assert "Book the court skills course" not in page
    assert "Described in a record you may not read" in page
    html = client.get(DRIFT).content.decode()
    assert reverse("sessions:detail", args=[actions["child"].session.pk]) not in html
    # An inspector without children's records reads none of them.
    client.force_login(granted(team.org, Role.INSPECTOR))
    page = text(client.get(DRIFT))
    assert "3 actions carried 3 times or more" in page
    assert "Chase the CAMHS referral" not in page
    assert page.count("Described in a record you may not read") == 3


def test_the_team_filter(client, team, places, actions) -> None:
    client.force_login(granted(team.org, Role.QUALITY_ASSURANCE))
    page = text(client.get(DRIFT, {"team": places.b.pk}))
    assert "1 action carried 3 times or more" in page
    assert "Olly Otherteam, supervised by Nina Neighbour" in page
    client.force_login(team.manager.user)
    page = text(client.get(DRIFT, {"team": places.b.pk}))  # not a team of theirs
    assert "Select a team from the list" in page
    assert "Update the safety plan" not in page


def test_the_list_is_audited_with_counts_never_words(client, team, actions) -> None:
    client.force_login(team.manager.user)
    client.get(DRIFT)
    entry = AuditEntry.objects.filter(action="drift.listed").latest("id")
    assert entry.detail == {"shown": 2, "described": 2}
    assert "CAMHS" not in str(entry.detail)


def test_practitioners_are_refused(client, team, actions) -> None:
    client.force_login(team.worker.user)
    assert client.get(DRIFT).status_code in (403, 404)
