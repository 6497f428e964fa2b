"""When a new agreement is due, in words and preselected in the form: annually (Hertfordshire),
change of supervisor, return from extended absence (York), grade change (Nottingham)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from supervise.people.models import StaffEvent
from supervise.policy.dates import add_months, format_long
from tests import factories as f
from tests.conftest import Team
from tests.web.agreements.helpers import signed_on
from tests.web.record.helpers import page_text

pytestmark = pytest.mark.django_db


def held(team, day: date):  # type: ignore[no-untyped-def]
    return f.SessionFactory(
        supervisor=team.manager, supervisee=team.worker, status="held", scheduled_on=day,
        held_on=day, record_status="finalised",
    )  # fmt: skip


def new_form(client, team) -> str:  # type: ignore[no-untyped-def]
    client.force_login(team.manager.user)
    return page_text(client.get(reverse("agreements:new", kwargs={"staff_id": team.worker.pk})))


def test_hertfordshire_annual_review_is_shown_on_the_agreement(client) -> None:
    herts = Team(policy="hertfordshire", slug="herts")
    day = timezone.localdate() - timedelta(days=300)
    agreement = signed_on(herts, day)
    client.force_login(herts.worker.user)
    text = page_text(client.get(reverse("agreements:detail", kwargs={"pk": agreement.pk})))
    assert f"Renewal due by {format_long(add_months(day, 12))} (annual review)" in text
    assert 'value="annual_review" checked' in new_form(client, herts)


def test_change_of_supervisor_is_preselected(client, team) -> None:
    signed_on(team, date(2024, 3, 1), supervisor=team.other_manager)
    held(team, timezone.localdate() - timedelta(days=10))
    assert 'value="change_of_supervisor" checked' in new_form(client, team)


def test_york_return_from_extended_absence(client) -> None:
    york = Team(policy="york", slug="york")
    today = timezone.localdate()
    signed_on(york, today - timedelta(days=400))
    f.AbsenceFactory(
        staff=york.worker, starts_on=today - timedelta(days=120), ends_on=today - timedelta(days=60)
    )
    held(york, today - timedelta(days=50))
    assert 'value="return_from_absence" checked' in new_form(client, york)


def test_nottingham_grade_change(client) -> None:
    notts = Team(policy="nottingham", slug="notts")
    today = timezone.localdate()
    signed_on(notts, today - timedelta(days=400))
    StaffEvent.objects.create(
        organisation=notts.org, staff=notts.worker, on=today - timedelta(days=30),
        kind="grade_change",
    )  # fmt: skip
    held(notts, today - timedelta(days=20))
    text = new_form(client, notts)
    assert 'value="grade_change" checked' in text
    assert "grade change" in text
