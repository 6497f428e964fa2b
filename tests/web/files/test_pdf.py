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
