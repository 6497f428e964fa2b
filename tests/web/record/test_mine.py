"""My supervision: the next session and its agenda, my actions, records to sign or declined, my
agreement, when my supervision is due and why, and my past sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from supervise.agreements.models import Agreement
from supervise.sessions.services import action_add, agenda_item_add, record_decline
from tests.web.record.helpers import (
    finalised_session,
    page_text,
    planned_session,
    sent_session,
    written_session,
)

pytestmark = pytest.mark.django_db

URL = reverse("sessions:mine")


def test_the_next_session_with_its_agenda_and_a_form_to_add(client, team) -> None:
    session = planned_session(team)
    agenda_item_add(actor=team.manager.user, session=session, text="Caseload weighting")
    client.force_login(team.worker.user)
    response = client.get(URL)
    assert response.status_code == 200
    text = page_text(response)
    assert "Your next session" in text
    assert "Morgan Manager" in text
    assert "Caseload weighting" in text
    assert reverse("sessions:agenda-add", kwargs={"pk": session.pk}) in text
    assert "Casey Child" in text  # can be tabled


def test_the_next_agenda_shows_the_open_actions_it_will_carry_before_it_is_held(
    client, team
) -> None:
    """The supervisee prepares for the actions agreed last time: they are on the next session's
    agenda before it takes place (My supervision and the session page), and showing them there
    does not count them as carried (that happens once, when the session is held)."""
    from supervise.sessions.models import Action, AgendaItem
    from supervise.sessions.services import record_send

    earlier = written_session(team)
    action_add(actor=team.manager.user, session=earlier, owner=team.worker,
               description="Read the CAMHS report")  # fmt: skip
    action_add(actor=team.manager.user, session=earlier, owner=team.manager,
               description="Book the room")  # fmt: skip
    record_send(actor=team.manager.user, session=earlier)
    upcoming = planned_session(team)
    client.force_login(team.worker.user)
    for page in (URL, reverse("sessions:detail", kwargs={"pk": upcoming.pk})):
        text = page_text(client.get(page))
        assert "Nothing on the agenda yet" not in text
        assert "<strong>Carried forward:</strong> Read the CAMHS report" in text
        assert "<strong>Carried forward:</strong> Book the room" in text
    assert set(Action.objects.values_list("times_carried", flat=True)) == {0}
    assert not AgendaItem.objects.exists()


def test_no_session_booked_says_so(client, team) -> None:
    client.force_login(team.worker.user)
    assert "No session is booked yet" in page_text(client.get(URL))


def test_my_actions_with_overdue_in_words(client, team) -> None:
    session = written_session(team)
    action_add(
        actor=team.manager.user,
        session=session,
        owner=team.worker,
        description="Finish the assessment",
        due_on=timezone.localdate() - timedelta(days=3),
    )
    action_add(actor=team.manager.user, session=session, owner=team.manager, description="Not mine")
    client.force_login(team.worker.user)
    text = page_text(client.get(URL))
    assert "Finish the assessment" in text
    assert "Overdue by 3 days" in text
    assert "Not mine" not in text


def test_records_waiting_for_my_signature_and_declined(client, team) -> None:
    waiting = sent_session(team)
    declined = sent_session(team)
    record_decline(actor=team.worker.user, session=declined, reason="Needs my leave dates")
    client.force_login(team.worker.user)
    text = page_text(client.get(URL))
    assert "1 record waiting for your signature" in text
    assert reverse("sessions:sign", kwargs={"pk": waiting.pk}) in text
    assert "Records you declined to sign" in text
    assert "Needs my leave dates" in text


def test_when_my_supervision_is_due_and_why(client, team) -> None:
    finalised_session(team)
    client.force_login(team.worker.user)
    text = page_text(client.get(URL))
    assert "When your supervision is due" in text
    assert "Every month" in text
    assert "last formal session" in text
    assert "supervision as a minimum once a month" in text  # the policy's words


def test_my_agreement_to_sign_and_in_force(client, team) -> None:
    now = timezone.now()
    Agreement.objects.create(
        organisation=team.org, external_id="AG1", supervisee=team.worker,
        supervisor=team.manager, status="signed", supervisee_signed_on=now.date(),
        supervisor_signed_on=now.date(),
    )  # fmt: skip
    pending = Agreement.objects.create(
        organisation=team.org, external_id="AG2", supervisee=team.worker,
        supervisor=team.manager, status="awaiting_signatures", supervisor_signed_on=now.date(),
        supervisor_signed_at=now, reason="annual_review",
    )  # fmt: skip
    client.force_login(team.worker.user)
    text = page_text(client.get(URL))
    assert "is in force" in text
    assert reverse("agreements:sign", kwargs={"pk": pending.pk}) in text
    # The banner says it too, like a record waiting for a signature; not once signed.
    banner = text[text.index("govuk-notification-banner") : text.index("Your next session")]
    assert "A supervision agreement is waiting for your signature" in banner
    pending.supervisee_signed_on = now.date()
    pending.save(update_fields=["supervisee_signed_on"])
    assert "A supervision agreement is waiting" not in page_text(client.get(URL))


def test_no_agreement_says_one_is_needed(client, team) -> None:
    client.force_login(team.worker.user)
    text = page_text(client.get(URL))
    assert "You have no agreement in force." in text
    assert "new supervisory relationship" in text


def test_past_sessions_link_to_their_records(client, team) -> None:
    session = finalised_session(team)
    client.force_login(team.worker.user)
    text = page_text(client.get(URL))
    assert reverse("sessions:detail", kwargs={"pk": session.pk}) in text
    assert "Finalised" in text


def test_only_practitioners_open_my_supervision(client, team, support) -> None:
    client.force_login(support)
    assert client.get(URL).status_code == 403


def test_it_shows_only_my_own_sessions(client, team) -> None:
    colleague_session = sent_session(team)
    client.force_login(team.colleague.user)
    text = page_text(client.get(URL))
    assert reverse("sessions:detail", kwargs={"pk": colleague_session.pk}) not in text
