"""Adding to the file: learning (the worker or their supervisor), CPD sign-off with the
discussion of its impact and appraisals (the supervisor), complaints (HR or the supervisor)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.files.models import Appraisal, Complaint, LearningEntry
from supervise.people.models import StaffEvent
from tests import factories as f
from tests.web.files.helpers import date_fields, login, messages_of, text, today

pytestmark = pytest.mark.django_db


def cpd(team, title="Court skills day"):  # type: ignore[no-untyped-def]
    return LearningEntry.objects.create(
        organisation=team.org, staff=team.worker, kind="cpd", title=title
    )


def test_the_worker_adds_learning_to_their_own_file(client, team) -> None:
    url = reverse("files:learning-new", args=[team.worker.pk])
    login(client, team.worker)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"kind": "cpd", "title": "Court skills day", **date_fields("on", today())},
        follow=True,
    )
    assert "Added to the learning record: Court skills day" in messages_of(response)
    entry = LearningEntry.objects.get()
    assert (entry.staff, entry.kind, entry.on) == (team.worker, "cpd", today())
    assert "Court skills day" in text(response)  # back on their file


def test_the_supervisor_adds_learning_and_errors_keep_what_was_typed(client, team) -> None:
    url = reverse("files:learning-new", args=[team.worker.pk])
    login(client, team.manager)
    response = client.post(url, {"title": "Kept title", "on_0": "31", "on_1": "2", "on_2": "2026"})
    page = text(response)
    assert "Select what kind of learning it is" in page
    assert "The date must be a real date" in page
    assert "Kept title" in page
    assert not LearningEntry.objects.exists()
    client.post(url, {"kind": "training", "title": "Safeguarding refresher"})
    assert LearningEntry.objects.get().kind == "training"


@pytest.mark.parametrize("who", ["colleague", "other_manager", "head"])
def test_nobody_else_adds_learning(client, team, who) -> None:
    url = reverse("files:learning-new", args=[team.worker.pk])
    response = login(client, getattr(team, who)).post(url, {"kind": "cpd", "title": "Probe"})
    assert response.status_code == 404
    assert not LearningEntry.objects.exists()


def test_the_supervisor_signs_off_cpd_with_the_discussion_of_its_impact(client, team) -> None:
    entry = cpd(team)
    url = reverse("files:cpd-sign-off", args=[entry.pk])
    login(client, team.manager)
    page = text(client.get(reverse("files:file", args=[team.worker.pk])))
    assert url in page  # offered on the file
    page = text(client.post(url, {"impact_discussion": ""}))
    assert "Record the discussion of the impact on the worker&#x27;s development" in page
    client.post(url, {"impact_discussion": "Now plans court statements earlier"})
    entry.refresh_from_db()
    assert entry.signed_off_by == team.manager
    assert entry.impact_discussion == "Now plans court statements earlier"
    assert entry.completed
    page = text(client.get(reverse("files:file", args=[team.worker.pk])))
    assert "Signed off" in page
    assert "Now plans court statements earlier" in page
    # Signed off once: the page shows the sign-off, a second POST changes nothing.
    client.post(url, {"impact_discussion": "Overwritten"})
    entry.refresh_from_db()
    assert entry.impact_discussion == "Now plans court statements earlier"


def test_the_worker_cannot_sign_off_their_own_cpd(client, team) -> None:
    entry = cpd(team)
    url = reverse("files:cpd-sign-off", args=[entry.pk])
    assert login(client, team.worker).post(url, {"impact_discussion": "Mine"}).status_code == 403
    assert (
        login(client, team.other_manager).post(url, {"impact_discussion": "X"}).status_code == 404
    )
    entry.refresh_from_db()
    assert entry.signed_off_by is None


def test_the_supervisor_records_an_appraisal(client, team) -> None:
    url = reverse("files:appraisal-new", args=[team.worker.pk])
    login(client, team.manager)
    page = text(
        client.post(url, {**date_fields("held_on", today() + timedelta(days=3)), "summary": "Kept"})
    )
    assert "The date of the appraisal must be today or in the past" in page
    assert "Kept" in page
    client.post(
        url,
        {**date_fields("held_on", today()), "summary": "A strong year", "objectives": "Lead PLO"},
    )
    appraisal = Appraisal.objects.get()
    assert (appraisal.appraiser, appraisal.summary) == (team.manager, "A strong year")
    assert StaffEvent.objects.filter(staff=team.worker, kind="appraisal").exists()
    assert "A strong year" in text(client.get(reverse("files:file", args=[team.worker.pk])))


def test_appraisals_are_the_supervisors(client, team) -> None:
    url = reverse("files:appraisal-new", args=[team.worker.pk])
    data = {**date_fields("held_on", today()), "summary": "Probe"}
    assert login(client, team.worker).post(url, data).status_code == 403
    assert login(client, team.other_manager).post(url, data).status_code == 404
    assert login(client, team.head).post(url, data).status_code == 404
    assert not Appraisal.objects.exists()


def test_hr_records_a_complaint_found_by_name(client, team) -> None:
    hr = f.UserFactory(organisation=team.org, roles=["hr"])
    login(client, hr)
    page = text(
        client.post(reverse("files:find-staff"), {"for": "complaint", "q": "Alex"}, follow=True)
    )
    url = reverse("files:complaint-new", args=[team.worker.pk])
    assert url in page
    page = text(client.post(url, {"summary": "Kept summary"}))
    assert "Select whether the complaint was upheld" in page
    assert "Enter the date the complaint was received" in page
    assert "Kept summary" in page
    response = client.post(
        url,
        {
            **date_fields("received_on", today()),
            "summary": "Late visit report",
            "upheld": "yes",
            "outcome": "Apology given",
        },
        follow=True,
    )
    assert "upheld, so it is in their file" in messages_of(response)[0]
    complaint = Complaint.objects.get()
    assert complaint.upheld
    assert complaint.outcome == "Apology given"


def test_the_supervisor_records_a_complaint_not_upheld_which_stays_out_of_the_file(
    client, team
) -> None:
    url = reverse("files:complaint-new", args=[team.worker.pk])
    login(client, team.manager)
    client.post(url, {**date_fields("received_on", today()), "summary": "Grumble", "upheld": "no"})
    assert Complaint.objects.get().upheld is False
    assert "Grumble" not in text(client.get(reverse("files:file", args=[team.worker.pk])))


def test_complaints_are_for_hr_and_the_supervisor(client, team, other_org) -> None:
    url = reverse("files:complaint-new", args=[team.worker.pk])
    data = {**date_fields("received_on", today()), "summary": "Probe", "upheld": "yes"}
    assert login(client, team.worker).post(url, data).status_code == 403
    assert login(client, team.other_manager).post(url, data).status_code == 404
    hr_elsewhere = f.UserFactory(organisation=other_org.org, roles=["hr"])
    assert login(client, hr_elsewhere).post(url, data).status_code == 404
    assert not Complaint.objects.exists()
