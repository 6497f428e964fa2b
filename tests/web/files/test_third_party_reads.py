"""A third party reads the file within the scope and dates of their approved request only;
every read is audited with the purpose; the worker sees who read their file and why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.files.models import AccessPurpose
from tests.web.files.helpers import (
    PRIVATE,
    SHARED,
    finalised_record,
    login,
    text,
    third_party,
    today,
)

pytestmark = pytest.mark.django_db


def file_url(team) -> str:  # type: ignore[no-untyped-def]
    return reverse("files:file", args=[team.worker.pk])


def test_a_third_party_reads_the_file_until_the_access_expires(client, team) -> None:
    session = finalised_record(team)
    auditor, grant = third_party(team)
    response = login(client, auditor).get(file_url(team))
    assert response.status_code == 200
    page = text(response)
    assert SHARED in page
    assert PRIVATE not in page
    assert "Wellbeing" not in page.split('id="log"')[0]
    assert "You are reading this file for: audit or quality assurance" in page
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 200
    # The access ends after its last day.
    grant.expires_on = today() - timedelta(days=1)
    grant.save(update_fields=["expires_on"])
    assert client.get(file_url(team)).status_code == 404
    assert client.get(reverse("files:pdf", args=[team.worker.pk])).status_code == 404
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404


def test_the_access_covers_only_that_worker(client, team) -> None:
    finalised_record(team, supervisee=team.colleague)
    auditor, _ = third_party(team)
    login(client, auditor)
    assert client.get(reverse("files:file", args=[team.colleague.pk])).status_code == 404


def test_a_third_party_sees_only_the_sessions_in_the_requested_period(client, team) -> None:
    early = finalised_record(team, weeks_ago=6, shared="Early development notes")
    finalised_record(team, weeks_ago=1, shared="Recent development notes")
    auditor, _ = third_party(team, scope_from=early.held_on + timedelta(days=7))
    page = text(login(client, auditor).get(file_url(team)))
    assert "Recent development notes" in page
    assert "Early development notes" not in page
    assert "It covers the sessions held from" in page


def test_a_planned_sessions_agenda_outside_the_period_is_not_readable(client, team) -> None:
    """The date range limits the whole file: a session booked after the period (and its
    agenda, which may name a capability concern) is judged by its planned day (security
    review)."""
    from supervise.sessions.services import agenda_item_add, session_schedule
    from tests.web.team.helpers import next_working_day

    early = finalised_record(team, weeks_ago=6)
    [booked] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=next_working_day()
    )
    agenda_item_add(actor=team.manager.user, session=booked, text="Sickness and capability")
    auditor, _ = third_party(team, scope_from=early.held_on - timedelta(days=7),
                             scope_to=early.held_on + timedelta(days=7))  # fmt: skip
    login(client, auditor)
    assert client.get(reverse("sessions:detail", args=[early.pk])).status_code == 200
    assert client.get(reverse("sessions:detail", args=[booked.pk])).status_code == 404
    assert "Sickness and capability" not in text(client.get(file_url(team)))


def test_confidential_items_only_for_a_formal_concern_whose_approver_allowed_them(
    client, team
) -> None:
    finalised_record(team)
    investigator, _ = third_party(
        team, role="hr", purpose=AccessPurpose.FORMAL_CONCERN, include_confidential=True
    )
    page = text(login(client, investigator).get(file_url(team)))
    assert PRIVATE in page
    assert SHARED in page
    other, _ = third_party(team, role="hr", purpose=AccessPurpose.FORMAL_CONCERN)
    page = text(login(client, other).get(file_url(team)))
    assert SHARED in page
    assert PRIVATE not in page


def test_every_read_under_a_grant_is_audited_with_purpose_and_whose_file(client, team) -> None:
    session = finalised_record(team)
    auditor, grant = third_party(team)
    login(client, auditor)
    client.get(file_url(team))
    client.get(reverse("sessions:detail", args=[session.pk]))
    client.get(reverse("files:pdf", args=[team.worker.pk]))
    rows = AuditEntry.objects.filter(actor=auditor, action__in=[
        "file.viewed", "record.viewed", "file.exported"]).order_by("id")  # fmt: skip
    assert [r.action for r in rows] == ["file.viewed", "record.viewed", "file.exported"]
    for row in rows:
        assert row.detail["file_of"] == team.worker.pk
        assert row.purpose == f"Audit or quality assurance (access request {grant.pk})"
        assert PRIVATE not in str(row.detail)
        assert SHARED not in str(row.detail)


def test_the_worker_sees_who_read_their_file_and_why_but_not_their_own_reads(client, team) -> None:
    finalised_record(team)
    auditor, _ = third_party(team)
    login(client, auditor).get(file_url(team))
    login(client, team.manager).get(file_url(team))
    login(client, team.worker)
    client.get(reverse("files:mine"))  # the worker's own read is not listed
    response = client.get(reverse("files:readers"))
    assert response.status_code == 200
    reads = response.context["reads"]
    assert [r.who for r in reads] == ["Morgan Manager", "Quinn Audit"]
    assert reads[1].purpose.startswith("Audit or quality assurance")
    assert reads[1].what == "Read the whole file"
    assert reads[0].purpose == "As your supervisor"
    page = text(response)
    assert "Quinn Audit" in page
    assert "Audit or quality assurance" in page
    assert PRIVATE not in page
    assert SHARED not in page
    assert team.worker.name not in page.split("<tbody")[1]


def test_who_read_my_file_lists_session_reads_with_their_date(client, team) -> None:
    session = finalised_record(team)
    login(client, team.head).get(reverse("sessions:detail", args=[session.pk]))
    reads = login(client, team.worker).get(reverse("files:readers")).context["reads"]
    assert len(reads) == 1
    assert reads[0].what.startswith("Read the record of the session on")
    assert reads[0].who == "Sam Service"
    assert reads[0].purpose == "No access request: supervision or line management"


def test_nobody_sees_another_persons_readers(client, team) -> None:
    auditor, _ = third_party(team)
    login(client, auditor).get(file_url(team))
    # The page only ever shows the signed-in person's own file's reads.
    reads = login(client, team.colleague).get(reverse("files:readers")).context["reads"]
    assert reads == []


def test_a_third_party_does_not_see_an_unsent_draft(client, team) -> None:
    """A draft (perhaps typed up by business support, not yet checked by the supervisor) is not
    yet the record of the session: third parties see records once sent for signature."""
    from supervise.sessions.services import record_save, record_send, session_hold
    from supervise.sessions.services import session_schedule as book
    from tests.web.files.helpers import working_day_before

    day = working_day_before(today(), 1)
    [draft] = book(actor=team.manager.user, supervisee=team.worker, on=day)
    draft = session_hold(actor=team.manager.user, session=draft, held_on=day)
    record_save(actor=team.manager.user, session=draft,
                entries={"development": "Draft development notes"})  # fmt: skip
    auditor, _ = third_party(team)
    login(client, auditor)
    assert "Draft development notes" not in text(client.get(file_url(team)))
    assert client.get(reverse("sessions:detail", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    record_send(actor=team.manager.user, session=draft)
    assert "Draft development notes" in text(client.get(file_url(team)))
    assert client.get(reverse("sessions:detail", args=[draft.pk])).status_code == 200
    # The people in the room read their draft, of course.
    assert login(client, team.manager).get(file_url(team)).status_code == 200


def test_the_purpose_reads_properly_in_the_banner(client, team) -> None:
    from html import unescape

    from supervise.files.selectors_pages import mid_sentence

    finalised_record(team)
    inspector, _ = third_party(team, role="inspector", purpose=AccessPurpose.INSPECTION)
    page = unescape(text(login(client, inspector).get(file_url(team))))
    assert "You are reading this file for: inspection (Ofsted)." in page
    assert "ofsted" not in page
    assert mid_sentence("Audit or quality assurance") == "audit or quality assurance"
    assert mid_sentence("A formal concern about the worker's practice").startswith("a formal")
    assert mid_sentence("HR investigation") == "HR investigation"


def test_repeated_reads_are_one_row_with_their_count_and_times(client, team) -> None:
    """Each page load is audited (and stays so); the worker's page shows a run of reads of the
    same thing by the same reader for the same purpose on one day as one row."""
    from datetime import datetime
    from types import SimpleNamespace
    from unittest import mock

    from django.utils import timezone

    session = finalised_record(team)
    auditor, _ = third_party(team)
    day = today() - timedelta(days=3)

    def at(days: int, hour: int, minute: int):  # type: ignore[no-untyped-def]
        moment = datetime(day.year, day.month, day.day, hour, minute) + timedelta(days=days)
        return mock.patch(
            "supervise.audit.services.timezone",
            SimpleNamespace(now=lambda: timezone.make_aware(moment)),
        )

    login(client, auditor)
    for minute in (0, 1, 2):
        with at(0, 10, minute):
            client.get(file_url(team))
    with at(0, 10, 3):
        client.get(reverse("sessions:detail", args=[session.pk]))
    for minute in (4, 5):
        with at(0, 10, minute):
            client.get(file_url(team))
    with at(0, 10, 6):
        login(client, team.manager).get(file_url(team))
    with at(1, 9, 0):
        login(client, auditor).get(file_url(team))
    reads_in_trail = AuditEntry.objects.filter(action__in=["file.viewed", "record.viewed"])
    assert reads_in_trail.count() == 8

    response = login(client, team.worker).get(reverse("files:readers"))
    reads = response.context["reads"]
    assert [(r.who, r.count) for r in reads] == [
        ("Quinn Audit", 1),  # the next day
        ("Morgan Manager", 1),
        ("Quinn Audit", 2),
        ("Quinn Audit", 1),  # the session's record, between the runs of the file
        ("Quinn Audit", 3),
    ]
    assert reads[3].what.startswith("Read the record of the session on")
    assert reads[4].what == "Read the whole file"
    assert (
        timezone.localtime(reads[4].first_at).minute,
        timezone.localtime(reads[4].at).minute,
    ) == (0, 2)
    page = text(response)
    assert "10am to 10:02am" in page
    assert "3 times" in page
    assert "10:04am to 10:05am" in page
    # The audit trail itself is untouched: one row per read, still.
    assert reads_in_trail.count() == 8
