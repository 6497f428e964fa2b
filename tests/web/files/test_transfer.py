"""A change of supervisor through the page: the file moves, the earlier sessions are kept as
"Previous supervision — NAME", the handover meeting is recorded and a new agreement started."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.agreements.models import Agreement
from supervise.files.models import Handover
from supervise.people.models import SupervisionLine
from tests.web.files.helpers import SHARED, date_fields, finalised_record, login, text, today

pytestmark = pytest.mark.django_db


def transfer_url(team) -> str:  # type: ignore[no-untyped-def]
    return reverse("files:transfer", args=[team.worker.pk])


def test_the_outgoing_supervisor_hands_over_and_the_file_moves(client, team) -> None:
    finalised_record(team)
    login(client, team.manager)
    page = text(client.get(transfer_url(team)))
    assert "Previous supervision — Morgan Manager" in page
    assert "a new supervision agreement is started" in page
    response = client.post(
        transfer_url(team),
        {
            "incoming": team.other_manager.pk,
            **date_fields("on", today()),
            **date_fields("meeting_held_on", today()),
            "meeting_notes": "Three of us met",
        },
    )
    assert response.status_code == 302
    # The outgoing supervisor no longer reads the file: they are sent to their team.
    assert response["Location"] == reverse("sessions:team")
    handover = Handover.objects.get()
    assert (handover.outgoing, handover.incoming) == (team.manager, team.other_manager)
    assert handover.meeting_notes == "Three of us met"
    assert SupervisionLine.objects.get(supervisee=team.worker, ends_on__isnull=True).supervisor == (
        team.other_manager
    )
    assert Agreement.objects.get(supervisee=team.worker).supervisor == team.other_manager
    assert (
        login(client, team.manager).get(reverse("files:file", args=[team.worker.pk])).status_code
        == 404
    )

    page = text(login(client, team.other_manager).get(reverse("files:file", args=[team.worker.pk])))
    assert "Previous supervision — Morgan Manager" in page
    assert "Current supervision — Nina Neighbour" in page
    assert SHARED in page
    assert "Three of us met" in page
    assert "Ask that third parties do not read this" not in page  # only the two in the room ask


def test_a_manager_above_both_hands_over(client, team) -> None:
    login(client, team.head)
    client.post(
        transfer_url(team), {"incoming": team.other_manager.pk, **date_fields("on", today())}
    )
    assert Handover.objects.get().recorded_by == team.head.user


def test_the_transfer_form_shows_errors_and_keeps_what_was_typed(client, team) -> None:
    login(client, team.manager)
    page = text(client.post(transfer_url(team), {"meeting_notes": "Kept notes"}))
    assert "Select the new supervisor" in page
    assert "Enter the date the new supervisor takes over" in page
    assert "Enter the date of the handover meeting, or leave its notes empty" in page
    assert "Kept notes" in page
    # A date before the current supervision began: the service refuses, in words.
    page = text(
        client.post(
            transfer_url(team),
            {"incoming": team.other_manager.pk, **date_fields("on", team.worker.started_on)},
        )
    )
    assert "The handover must be after the current supervision began" in page
    assert not Handover.objects.exists()


def test_nobody_else_hands_over(client, team, other_org) -> None:
    data = {"incoming": team.other_manager.pk, **date_fields("on", today())}
    assert login(client, team.worker).post(transfer_url(team), data).status_code == 403
    assert login(client, team.other_manager).post(transfer_url(team), data).status_code == 404
    assert login(client, other_org.manager).post(transfer_url(team), data).status_code == 404
    assert not Handover.objects.exists()
