"""The whole file as a PDF: the worker's subject access request, or a third party within the
scope of their approved request; never the confidential items for anyone else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from tests import factories as f
from tests.web.files.helpers import (
    PRIVATE,
    SHARED,
    finalised_record,
    login,
    pdf_text,
    third_party,
)

pytestmark = pytest.mark.django_db


def pdf_url(team) -> str:  # type: ignore[no-untyped-def]
    return reverse("files:pdf", args=[team.worker.pk])


def test_the_worker_downloads_their_whole_file(client, team) -> None:
    finalised_record(team)
    response = login(client, team.worker).get(pdf_url(team))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert "no-store" in response["Cache-Control"]
    body = response.content
    assert body.startswith(b"%PDF")
    words = pdf_text(body)
    assert "Supervision file: Alex Worker" in words
    assert PRIVATE in words
    assert SHARED in words
    assert "subject access request" in words
    row = AuditEntry.objects.get(action="file.exported")
    assert row.actor == team.worker.user
    assert row.detail == {"file_of": team.worker.pk, "as": "own file"}
    assert PRIVATE not in str(row.detail) + row.purpose


def test_a_third_party_downloads_only_what_they_may_read(client, team) -> None:
    early = finalised_record(team, weeks_ago=6, shared="Early development notes")
    finalised_record(team, weeks_ago=1)
    auditor, grant = third_party(team, scope_from=early.held_on + timedelta(days=7))
    response = login(client, auditor).get(pdf_url(team))
    assert response.status_code == 200
    words = pdf_text(response.content)
    assert SHARED in words
    assert PRIVATE not in words  # confidential between the two
    assert "Early development notes" not in words  # outside the requested period
    assert "Audit or quality assurance" in words
    row = AuditEntry.objects.get(action="file.exported")
    assert row.purpose == f"Audit or quality assurance (access request {grant.pk})"
    assert row.detail["file_of"] == team.worker.pk


def test_readers_with_a_standing_right_read_the_file_but_do_not_export_it(client, team) -> None:
    finalised_record(team)
    for who in (team.manager, team.head):
        assert login(client, who).get(pdf_url(team)).status_code == 403
    assert not AuditEntry.objects.filter(action="file.exported").exists()


def test_the_pdf_is_404_for_everyone_else(client, team, other_org) -> None:
    finalised_record(team)
    qa = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    for who in (team.colleague, team.other_manager, other_org.head, qa):
        assert login(client, who).get(pdf_url(team)).status_code == 404
    assert not AuditEntry.objects.filter(action="file.exported").exists()


def test_the_pdf_leaves_out_the_agreement_terms_not_recorded(client, team) -> None:
    from supervise.agreements.models import Agreement
    from tests.web.files.helpers import today

    def agreement(key: str, days_ago: int, **terms: object) -> None:
        signed = today() - timedelta(days=days_ago)
        Agreement.objects.create(organisation=team.org, external_id=key, status="signed",
                                 supervisee=team.worker, supervisor=team.manager,
                                 supervisee_signed_on=signed, supervisor_signed_on=signed,
                                 **terms)  # fmt: skip

    agreement("AG-BARE", 400)
    agreement("AG-FULL", 30, duration_minutes=60, venue="Room 2", frequency="P1M")
    words = " ".join(pdf_text(login(client, team.worker).get(pdf_url(team)).content).split())
    agreements = words[words.index("Supervision agreements") :].split("Current supervision")[0]
    assert "—" not in agreements
    assert "How often: every month; 60 minutes; venue: Room 2." in agreements
    bare = agreements[agreements.index("Renewed by the agreement") :]
    assert bare.split("How often: ")[1].startswith("as the policy requires.")
    assert "minutes" not in bare
    assert "venue" not in bare


def test_the_pdf_counts_children_in_words(client, team) -> None:
    from supervise.sessions.services import (
        discussion_save,
        record_save,
        record_send,
        record_sign,
        session_hold,
        session_schedule,
    )
    from tests.web.files.helpers import today, working_day_before

    another = f.ChildFactory(organisation=team.org, name="Drew Second")
    f.AllocationFactory(child=another, staff=team.worker)
    for weeks, children in ((2, [team.child]), (4, [team.child, another])):
        day = working_day_before(today(), weeks)
        [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=day)
        session = session_hold(actor=team.manager.user, session=session, held_on=day)
        record_save(actor=team.manager.user, session=session, entries={"development": "Notes"})
        for child in children:
            discussion_save(actor=team.manager.user, session=session, child=child,
                            fields={"decisions": "Visit weekly"})  # fmt: skip
        record_send(actor=team.manager.user, session=session)
        record_sign(actor=team.worker.user, session=session)
    words = " ".join(pdf_text(login(client, team.worker).get(pdf_url(team)).content).split())
    assert "(ren)" not in words
    assert "1 child discussed" in words
    assert "2 children discussed" in words
    assert "Visit weekly" not in words  # children's details stay on their records


def test_the_pdf_shows_dates_and_times_in_full(client, team) -> None:
    """'Monday 23 November 2026' in the log as everywhere, never '23 Nov 2026'; the moment it
    was produced as 'Monday 23 November 2026 at 2:40pm'."""
    import re

    from supervise.policy.dates import format_long

    session = finalised_record(team)
    words = pdf_text(login(client, team.worker).get(pdf_url(team)).content)
    day = session.held_on
    assert f"{day.day} {day:%b %Y}" not in words
    log = words[words.index("Supervision log") :]
    assert format_long(day) in " ".join(log.split())
    produced = re.search(r"Produced (\w+ \d+ \w+ \d{4}) at (\S+) for", " ".join(words.split()))
    assert produced, words
    assert re.fullmatch(r"\d{1,2}(:\d\d)?(am|pm)|midday|midnight", produced.group(2))
