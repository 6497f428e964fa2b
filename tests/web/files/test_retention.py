"""HR's leavers and retention page: archive, legal holds placed and lifted with reasons,
destruction only once the policy's date has come and no hold is in place, tombstones kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from supervise.files.models import LegalHold, Tombstone
from supervise.files.services.retention import legal_hold_place
from supervise.people.models import StaffMember
from supervise.policy.dates import add_months
from supervise.sessions.models import Session
from tests import factories as f
from tests.conftest import Team
from tests.web.files.helpers import finalised_record, login, messages_of, text, today

pytestmark = pytest.mark.django_db


def hr(team):  # type: ignore[no-untyped-def]
    return f.UserFactory(organisation=team.org, roles=["hr"], first_name="Harper", last_name="HR")


def leave(staff: StaffMember, on: date) -> StaffMember:
    StaffMember.objects.filter(pk=staff.pk).update(left_on=on)
    staff.refresh_from_db()
    return staff


@pytest.fixture
def long_gone(team) -> StaffMember:  # type: ignore[no-untyped-def]
    """A worker who left more than Hull's 7 years ago: their file's date has come."""
    finalised_record(team)
    return leave(team.worker, add_months(today(), -12 * 7) - timedelta(days=10))


@pytest.fixture
def recent(team) -> StaffMember:  # type: ignore[no-untyped-def]
    """A worker who left a week ago: their file is kept until 7 years after."""
    finalised_record(team, supervisee=team.colleague)
    return leave(team.colleague, today() - timedelta(days=7))


def test_hr_sees_leavers_with_their_dates(client, team, long_gone, recent) -> None:
    response = login(client, hr(team)).get(reverse("files:leavers"))
    assert response.status_code == 200
    page = text(response)
    assert "Alex Worker" in page
    assert "Jordan Colleague" in page
    assert "keeps a leaver&#x27;s file for 7 years" in page
    assert reverse("files:destroy", args=[long_gone.pk]) in page  # its date has come
    assert reverse("files:destroy", args=[recent.pk]) not in page
    assert "Due by" in page  # Hull: archive with HR within 1 month


def test_a_policy_without_a_retention_period_never_destroys(client, db) -> None:
    herts = Team(policy="hertfordshire", slug="herts")
    leave(herts.worker, today() - timedelta(days=4000))
    user = f.UserFactory(organisation=herts.org, roles=["hr"])
    page = text(login(client, user).get(reverse("files:leavers")))
    assert "Never: the policy names no period" in page
    assert reverse("files:destroy", args=[herts.worker.pk]) not in page
    page = text(client.post(reverse("files:destroy", args=[herts.worker.pk])))
    assert "names no retention period" in page
    herts.worker.refresh_from_db()
    assert herts.worker.file_destroyed_on is None


def test_hr_archives_a_leavers_file(client, team, recent) -> None:
    login(client, hr(team))
    response = client.post(reverse("files:archive", args=[recent.pk]), follow=True)
    assert "archived with HR" in messages_of(response)[0]
    recent.refresh_from_db()
    assert recent.file_archived_on == today()
    response = client.post(reverse("files:archive", args=[recent.pk]), follow=True)
    assert "was archived on" in messages_of(response)[0]  # the service refuses, in words


def test_hr_places_and_lifts_a_legal_hold_with_reasons(client, team, long_gone) -> None:
    login(client, hr(team))
    url = reverse("files:hold-place", args=[long_gone.pk])
    page = text(client.post(url, {"reason": ""}))
    assert "Give the reason for the legal hold" in page
    client.post(url, {"reason": "Employment tribunal claim ET/123"})
    hold = LegalHold.objects.get()
    assert hold.active
    assert hold.reason == "Employment tribunal claim ET/123"
    page = text(client.get(reverse("files:leavers")))
    assert "On hold" in page
    assert "Employment tribunal claim ET/123" in page
    assert reverse("files:destroy", args=[long_gone.pk]) not in page  # not offered under a hold

    lift = reverse("files:hold-lift", args=[hold.pk])
    page = text(client.post(lift, {"reason": ""}))
    assert "Give the reason for lifting the legal hold" in page
    client.post(lift, {"reason": "Claim settled"})
    hold.refresh_from_db()
    assert not hold.active
    assert hold.lift_reason == "Claim settled"
    assert reverse("files:destroy", args=[long_gone.pk]) in text(
        client.get(reverse("files:leavers"))
    )


def test_destruction_is_refused_before_its_date(client, team, recent) -> None:
    login(client, hr(team))
    url = reverse("files:destroy", args=[recent.pk])
    page = text(client.get(url))
    assert "It cannot be destroyed before then" in page
    page = text(client.post(url))
    assert "must be kept until" in page
    assert Session.objects.filter(supervisee=recent).count() == 1
    assert not Tombstone.objects.exists()


def test_destruction_is_refused_under_a_legal_hold(client, team, long_gone) -> None:
    user = hr(team)
    legal_hold_place(actor=user, staff=long_gone, reason="Claim")
    login(client, user)
    url = reverse("files:destroy", args=[long_gone.pk])
    assert "legal hold" in text(client.get(url))
    page = text(client.post(url))
    assert "under a legal hold: not destroyed" in page
    assert Session.objects.filter(supervisee=long_gone).count() == 1


def test_hr_destroys_a_file_whose_date_has_come_and_a_tombstone_is_listed(
    client, team, long_gone
) -> None:
    user = hr(team)
    login(client, user)
    url = reverse("files:destroy", args=[long_gone.pk])
    page = text(client.get(url))
    assert "This cannot be undone" in page
    response = client.post(url, follow=True)
    assert "was destroyed" in messages_of(response)[0]
    assert Session.objects.filter(supervisee=long_gone).count() == 0  # deleted, not hidden
    tombstone = Tombstone.objects.get()
    assert tombstone.staff_external_id == long_gone.external_id
    assert tombstone.destroyed_by == user.username
    page = text(client.get(reverse("files:leavers")))
    destroyed = page.split('id="destroyed"')[1]
    assert long_gone.external_id in destroyed
    assert "1 sessions" in destroyed
    assert "Hull" in destroyed
    assert tombstone.policy_source.split(": ", 1)[-1] in destroyed
    # Gone from the leavers whose files are kept; the file page no longer opens for HR.
    assert reverse("files:destroy", args=[long_gone.pk]) not in page
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("who", ["manager", "head", "worker"])
def test_leavers_pages_are_for_hr_only(client, team, long_gone, who) -> None:
    login(client, getattr(team, who))
    assert client.get(reverse("files:leavers")).status_code == 403
    assert client.post(reverse("files:archive", args=[long_gone.pk])).status_code == 403
    assert client.post(reverse("files:destroy", args=[long_gone.pk])).status_code == 403
    assert (
        client.post(reverse("files:hold-place", args=[long_gone.pk]), {"reason": "X"}).status_code
        == 403
    )
    assert Session.objects.filter(supervisee=long_gone).count() == 1
    assert not LegalHold.objects.exists()


def test_another_organisations_hr_gets_404(client, team, long_gone, other_org) -> None:
    login(client, f.UserFactory(organisation=other_org.org, roles=["hr"]))
    assert client.post(reverse("files:archive", args=[long_gone.pk])).status_code == 404
    assert client.post(reverse("files:destroy", args=[long_gone.pk])).status_code == 404
    assert (
        client.post(reverse("files:hold-place", args=[long_gone.pk]), {"reason": "X"}).status_code
        == 404
    )
    assert Session.objects.filter(supervisee=long_gone).count() == 1
    assert "Alex Worker" not in text(client.get(reverse("files:leavers")))


def test_hr_cannot_destroy_a_file_of_someone_still_in_post(client, team) -> None:
    login(client, hr(team))
    assert client.post(reverse("files:destroy", args=[team.worker.pk])).status_code == 404
