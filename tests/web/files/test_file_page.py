"""The supervision file page: what each reader sees, who gets 404, and that every view is
audited with whose file it is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.files.models import Appraisal, Complaint, LearningEntry
from tests import factories as f
from tests.web.files.helpers import PRIVATE, SHARED, finalised_record, login, text

pytestmark = pytest.mark.django_db


def file_url(staff) -> str:  # type: ignore[no-untyped-def]
    return reverse("files:file", args=[staff.pk])


def test_the_worker_reads_their_whole_file_with_its_confidential_items(client, team) -> None:
    finalised_record(team)
    LearningEntry.objects.create(
        organisation=team.org, staff=team.worker, kind="cpd", title="Court skills day"
    )
    Appraisal.objects.create(
        organisation=team.org,
        staff=team.worker,
        held_on=finalised_record(team, weeks_ago=3).held_on,
        appraiser=team.manager,
        summary="A strong year",
    )
    Complaint.objects.create(
        organisation=team.org,
        staff=team.worker,
        received_on=team.worker.started_on,
        summary="Late visit report",
        upheld=True,
    )
    Complaint.objects.create(
        organisation=team.org,
        staff=team.worker,
        received_on=team.worker.started_on,
        summary="Unfounded grumble",
        upheld=False,
    )
    response = login(client, team.worker).get(reverse("files:mine"))
    assert response.status_code == 200
    page = text(response)
    assert "Your supervision file" in page
    assert "Current supervision — Morgan Manager" in page
    assert PRIVATE in page
    assert SHARED in page
    assert "Confidential between you" in page
    for section in (
        "Supervision agreements",
        "Supervision log",
        "Learning",
        "Appraisals",
        "Upheld complaints",
        "Handovers",
        "Continuing professional development",
    ):
        assert section in page, section  # fmt: skip
    assert "Court skills day" in page
    assert "Not signed off" in page
    assert "A strong year" in page
    assert "Late visit report" in page
    assert "Unfounded grumble" not in page  # only upheld complaints are in the file
    assert "Download the whole file (PDF)" in page
    assert reverse("files:readers") in page
    # The worker's own file by id is the same page.
    assert client.get(file_url(team.worker)).status_code == 200


def test_the_supervisor_reads_it_all_and_the_line_manager_not_the_confidential_items(
    client, team
) -> None:
    finalised_record(team)
    page = text(login(client, team.manager).get(file_url(team.worker)))
    assert PRIVATE in page
    assert SHARED in page
    assert "as their supervisor" in page
    assert "Download the whole file" not in page  # a subject access request is the worker's
    page = text(login(client, team.head).get(file_url(team.worker)))
    assert SHARED in page
    assert PRIVATE not in page
    assert "Wellbeing" not in page.split('id="log"')[0].split("Current supervision")[1]


def test_each_view_is_audited_with_whose_file_it_is(client, team) -> None:
    login(client, team.manager).get(file_url(team.worker))
    row = AuditEntry.objects.get(action="file.viewed")
    assert row.actor == team.manager.user
    assert row.detail == {"file_of": team.worker.pk, "as": "supervisor"}
    assert row.object_id == str(team.worker.pk)
    assert PRIVATE not in str(row.detail) + row.purpose


@pytest.mark.parametrize("who", ["colleague", "other_manager", "other_worker"])
def test_the_file_is_404_for_everyone_else_in_the_organisation(client, team, who) -> None:
    finalised_record(team)
    response = login(client, getattr(team, who)).get(file_url(team.worker))
    assert response.status_code == 404
    assert PRIVATE not in text(response)
    assert SHARED not in text(response)
    assert AuditEntry.objects.filter(action="access.refused").count() == 1
    assert not AuditEntry.objects.filter(action="file.viewed").exists()


@pytest.mark.parametrize("role", ["quality_assurance", "hr", "inspector", "senior_manager"])
def test_org_wide_roles_without_an_approved_request_get_404(client, team, role) -> None:
    finalised_record(team)
    user = f.UserFactory(organisation=team.org, roles=[role])
    assert login(client, user).get(file_url(team.worker)).status_code == 404
    assert client.get(reverse("files:pdf", args=[team.worker.pk])).status_code == 404


def test_another_organisation_gets_404(client, team, other_org) -> None:
    finalised_record(team)
    for who in (other_org.manager, other_org.head, other_org.worker):
        assert login(client, who).get(file_url(team.worker)).status_code == 404


def test_hr_reads_a_leavers_file_but_not_the_confidential_items(client, team) -> None:
    finalised_record(team)
    hr = f.UserFactory(organisation=team.org, roles=["hr"])
    assert login(client, hr).get(file_url(team.worker)).status_code == 404  # not a leaver yet
    team.worker.left_on = finalised_record(team, weeks_ago=1).held_on
    team.worker.save(update_fields=["left_on"])
    # A leaver's file reaches HR when it is archived with them (Hull: within a month).
    assert client.get(file_url(team.worker)).status_code == 404
    team.worker.file_archived_on = team.worker.left_on
    team.worker.save(update_fields=["file_archived_on"])
    page = text(client.get(file_url(team.worker)))
    assert SHARED in page
    assert PRIVATE not in page
    assert "HR, holding a leaver" in page


def test_my_file_is_for_people_with_a_staff_record(client, team) -> None:
    qa = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    assert login(client, qa).get(reverse("files:mine")).status_code == 403
    assert client.get(reverse("files:readers")).status_code == 403


def test_the_file_is_linked_from_my_supervision_and_the_supervisee_page(client, team) -> None:
    page = text(login(client, team.worker).get(reverse("sessions:mine")))
    assert reverse("files:mine") in page
    supervisee_page = reverse("sessions:supervisee", args=[team.worker.pk])
    page = text(login(client, team.manager).get(supervisee_page))
    assert file_url(team.worker) in page


def test_navigation_offers_my_file_to_practitioners_and_marks_it_current(client, team) -> None:
    page = text(login(client, team.worker).get(reverse("files:mine")))
    nav = page.split('id="navigation"')[1].split("</ul>")[0]
    current = nav.split("govuk-service-navigation__item--active")[1].split("</li>")[0]
    assert f'href="{reverse("files:mine")}"' in current
    assert "My file" in current
    qa = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    nav = text(login(client, qa).get(reverse("files:access"))).split('id="navigation"')[1]
    assert "My file" not in nav.split("</ul>")[0]


@pytest.mark.parametrize("who", ["worker", "manager"])
def test_the_file_reads_with_a_fixed_number_of_queries(client, team, who) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = file_url(team.worker)
    login(client, getattr(team, who))
    finalised_record(team, weeks_ago=1)
    client.get(url)  # the first request of a session does its own work (sign-in times)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for weeks in (2, 3, 4):
        finalised_record(team, weeks_ago=weeks)
    LearningEntry.objects.create(organisation=team.org, staff=team.worker, kind="cpd", title="X")
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four.captured_queries) == len(one.captured_queries)


def test_the_log_says_which_sessions_came_after_supervision_was_due(client, team) -> None:
    """Regularity read off the file: Hull asks for monthly supervision; a session ten weeks
    after the one before says how many days after it was due; one three weeks after does not."""
    from supervise.policy.dates import add_months

    early = finalised_record(team, weeks_ago=13)
    late = finalised_record(team, weeks_ago=3)
    on_time = finalised_record(team, weeks_ago=0)
    page = text(login(client, team.worker).get(reverse("files:mine")))
    days = (late.held_on - add_months(early.held_on, 1)).days
    assert f"{days} days after supervision was due on" in page
    assert on_time.held_on - late.held_on < add_months(late.held_on, 1) - late.held_on
    # The first ever came years after the worker started; three are held, two of them late.
    assert page.count("after supervision was due on") == 2
