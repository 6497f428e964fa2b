"""Why an agreement is needed (RULES.md A1), in words that agree with the finding: a supervisory
relationship that started years before the first session recorded with this supervisor needs its
agreement by that first session, and the words name that session's day, which is the due date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from supervise.compliance.dataset import dataset_from_db
from supervise.policy.dates import format_long
from supervise.policy.engine import duties
from supervise.sessions.duty_words import why
from tests import factories as f
from tests.conftest import Team
from tests.web.agreements.helpers import signed_on
from tests.web.team.helpers import held, login

pytestmark = pytest.mark.django_db

LINE_FROM = date(2020, 1, 6)  # tests.factories.LineFactory


def agreement_finding(team):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    dataset = dataset_from_db(team.org)
    [duty] = [
        d
        for d in duties(dataset, team.org.pack, today)
        if d.rule == "agreement" and d.subject_id == team.worker.external_id
    ]
    return duty, {s.staff_id: s.name for s in dataset.staff}


def test_a_new_relationship_names_the_first_session_that_is_the_due_date(team) -> None:
    first = timezone.localdate() - timedelta(days=20)
    held(team, first)
    held(team, first + timedelta(days=10))
    duty, names = agreement_finding(team)
    assert duty.due_on == first  # the finding: due at the first session together
    assert duty.facts["line_from"] == LINE_FROM

    words = why(duty, names)
    assert words == (
        f"Supervised by Morgan Manager since {format_long(LINE_FROM)}: an agreement signed by "
        f"both was needed by the first session together, held {format_long(first)}"
    )
    assert "New supervisory relationship since" not in words


def test_my_team_shows_the_same_words_with_the_due_date(client, team) -> None:
    first = timezone.localdate() - timedelta(days=20)
    held(team, first)
    html = login(client, team.manager).get(reverse("sessions:team")).content.decode()
    assert (
        f"Supervised by Morgan Manager since {format_long(LINE_FROM)}: an agreement signed by "
        f"both was needed by the first session together, held {format_long(first)}"
    ) in html  # only Alex Worker has had a session, so only they have this finding


def test_a_renewal_after_an_extended_absence_names_its_trigger_and_session(db) -> None:
    york = Team(policy="york", slug="york")
    today = timezone.localdate()
    signed_on(york, today - timedelta(days=400))
    back = today - timedelta(days=59)  # the day after the absence ends
    f.AbsenceFactory(
        staff=york.worker, starts_on=today - timedelta(days=120), ends_on=back - timedelta(days=1)
    )
    first = today - timedelta(days=50)
    held(york, first)
    duty, names = agreement_finding(york)
    assert duty.due_on == first
    assert why(duty, names) == (
        f"Returned from extended absence {format_long(back)}: a new agreement with Morgan "
        "Manager signed by both was needed by the first session together since then, held "
        f"{format_long(first)}"
    )
