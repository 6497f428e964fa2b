"""What a third party reads of a section someone asked to keep from them (York standard 7): while
the Assistant Director decides, the section is withheld; once the request is granted it stays
removed; either way a marker stands in its place (on the page and in the PDF), so the reader
knows something is not there. A refused request changes nothing. The two people in the room
still read everything."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from supervise.files.models import AccessPurpose
from supervise.files.services.third_party import redaction_decide, redaction_request_make
from supervise.policy.dates import format_long
from tests import factories as f
from tests.web.files.helpers import (
    PRIVATE,
    SHARED,
    finalised_record,
    login,
    pdf_text,
    text,
    third_party,
)

pytestmark = pytest.mark.django_db

PENDING = "Withheld while a request to remove it is decided"
REMOVED = "Removed at the supervisee's request: decided by the Assistant Director on"


def director(team):  # type: ignore[no-untyped-def]
    return f.UserFactory(
        organisation=team.org, roles=["assistant_director"], first_name="Ada", last_name="Director"
    )


def inspector(team):  # type: ignore[no-untyped-def]
    user, _ = third_party(team, role="inspector", purpose=AccessPurpose.INSPECTION)
    return user


def file_page(client, who, team) -> str:  # type: ignore[no-untyped-def]
    return unescape(text(login(client, who).get(reverse("files:file", args=[team.worker.pk]))))


def file_pdf(client, who, team) -> str:  # type: ignore[no-untyped-def]
    response = login(client, who).get(reverse("files:pdf", args=[team.worker.pk]))
    assert response.status_code == 200
    return " ".join(pdf_text(response.content).split())


def records(page: str) -> str:
    """The session records of the file page (before the log, which names no content)."""
    return page.split('id="log"')[0]


def test_a_waiting_request_withholds_the_section_from_a_third_party(client, team) -> None:
    session = finalised_record(team)
    entry = session.entries.get(heading="development")
    redaction_request_make(actor=team.worker.user, entry=entry, reason="Mentions my health")
    reader = inspector(team)

    page = file_page(client, reader, team)
    assert SHARED not in page
    assert PENDING in page
    assert "Professional development" in records(page)  # the heading stays, in its place
    assert "Mentions my health" not in page  # nor why it was asked
    words = file_pdf(client, reader, team)
    assert SHARED not in words
    assert PENDING in words
    assert "Professional development" in words

    # The supervisee and their supervisor still read it, with the request waiting.
    for who in (team.worker, team.manager):
        page = file_page(client, who, team)
        assert SHARED in page
        assert PENDING not in page
        assert "Waiting for a decision" in page
    assert SHARED in file_pdf(client, team.worker, team)  # their subject access request


def test_a_granted_request_leaves_a_marker_saying_who_decided_and_when(client, team) -> None:
    entry = finalised_record(team).entries.get(heading="development")
    request = redaction_request_make(actor=team.worker.user, entry=entry, reason="My health")
    request = redaction_decide(
        actor=director(team), request=request, grant=True, reason="Not needed for inspection"
    )
    decided = format_long(timezone.localdate(request.decided_at))
    reader = inspector(team)

    page = file_page(client, reader, team)
    assert SHARED not in page
    assert f"{REMOVED} {decided}" in page
    assert "Not needed for inspection" not in page  # the reasons stay with the two of them
    assert PENDING not in page
    words = file_pdf(client, reader, team)
    assert SHARED not in words
    assert f"{REMOVED} {decided}" in words
    # The supervisee still reads their record, with the decision.
    page = file_page(client, team.worker, team)
    assert SHARED in page
    assert "Kept from third parties" in page
    assert REMOVED not in page


def test_the_supervisors_request_is_named_as_theirs(client, team) -> None:
    entry = finalised_record(team).entries.get(heading="development")
    request = redaction_request_make(actor=team.manager.user, entry=entry, reason="Sensitive")
    redaction_decide(actor=director(team), request=request, grant=True, reason="Agreed")
    page = file_page(client, inspector(team), team)
    assert "Removed at the supervisor's request: decided by the Assistant Director" in page


def test_a_refused_request_changes_nothing_for_the_third_party(client, team) -> None:
    entry = finalised_record(team).entries.get(heading="development")
    request = redaction_request_make(actor=team.worker.user, entry=entry, reason="My health")
    redaction_decide(actor=director(team), request=request, grant=False, reason="Needed")
    reader = inspector(team)
    page = file_page(client, reader, team)
    assert SHARED in page
    assert PENDING not in page
    assert "Removed at" not in page
    assert SHARED in file_pdf(client, reader, team)


def test_a_confidential_section_under_a_request_stays_out_of_sight(client, team) -> None:
    """A third party who may not read confidential items is not told one exists; one who may
    (a formal concern whose approver allowed it) sees the marker in its place."""
    entry = finalised_record(team).entries.get(heading="wellbeing")
    redaction_request_make(actor=team.worker.user, entry=entry, reason="Private")
    page = records(file_page(client, inspector(team), team))
    assert PRIVATE not in page
    assert PENDING not in page
    assert "Wellbeing and support" not in page
    investigator, _ = third_party(
        team, role="hr", purpose=AccessPurpose.FORMAL_CONCERN, include_confidential=True
    )
    page = records(file_page(client, investigator, team))
    assert PRIVATE not in page
    assert PENDING in page
    assert "Wellbeing and support" in page
    assert SHARED in page  # the other section is read as usual
