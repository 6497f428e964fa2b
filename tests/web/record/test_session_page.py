"""The session page: who can see it (404 for everyone else, audited), what it says about the
record, and which buttons each person gets in each state."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.audit.models import AuditEntry
from supervise.sessions.models import Action
from supervise.sessions.services import (
    action_add,
    agenda_item_add,
    record_decline,
    record_send,
)
from tests import factories as f
from tests.conftest import Team
from tests.web.record.helpers import (
    finalised_session,
    held_after,
    held_session,
    page_text,
    planned_session,
    sent_session,
    written_session,
)

pytestmark = pytest.mark.django_db


def url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:detail", kwargs={"pk": session.pk})


def test_a_planned_session_shows_the_length_booked(client, team) -> None:
    from supervise.sessions.services import session_schedule
    from tests.web.record.helpers import next_monday

    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker,
                                 on=next_monday(), duration_minutes=90)  # fmt: skip
    for who in (team.manager, team.worker):
        client.force_login(who.user)
        text = page_text(client.get(url(session)))
        assert "booked for 90 minutes" in text, who
    session.duration_minutes = None
    session.save(update_fields=["duration_minutes"])
    assert "booked for" not in page_text(client.get(url(session)))


def test_the_supervisor_sees_the_record_and_its_state(client, team) -> None:
    session = written_session(team)
    client.force_login(team.manager.user)
    response = client.get(url(session))
    assert response.status_code == 200
    text = page_text(response)
    assert "Draft: the supervisor is writing up the record." in text
    assert "Managing well" in text  # the personal heading's text
    assert "Visit weekly" in text  # the child's decisions
    assert "Casey Child" in text
    assert "govuk-task-list" in text
    assert reverse("sessions:send", kwargs={"pk": session.pk}) in text
    assert reverse("sessions:record", kwargs={"pk": session.pk}) in text
    assert reverse("sessions:sign", kwargs={"pk": session.pk}) not in text


def test_reading_the_record_is_audited_without_its_content(client, team) -> None:
    session = written_session(team)
    client.force_login(team.worker.user)
    client.get(url(session))
    entry = AuditEntry.objects.filter(action="record.viewed", object_id=str(session.pk)).get()
    assert entry.actor_id == team.worker.user.pk
    assert "Managing well" not in str(entry.detail)


def test_the_supervisee_sees_sign_once_it_is_sent(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    text = page_text(client.get(url(session)))
    assert f"Sent to {team.worker} to read and sign." in text
    assert reverse("sessions:sign", kwargs={"pk": session.pk}) in text
    assert reverse("sessions:send", kwargs={"pk": session.pk}) not in text
    assert reverse("sessions:record", kwargs={"pk": session.pk}) not in text


def test_the_supervisors_line_manager_reads_but_has_no_buttons(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.head.user)
    response = client.get(url(session))
    assert response.status_code == 200
    text = page_text(response)
    assert "Visit weekly" in text
    for name in ("send", "sign", "record", "finalise", "addendum", "reopen"):
        assert reverse(f"sessions:{name}", kwargs={"pk": session.pk}) not in text


@pytest.mark.parametrize("who", ["colleague", "other_manager", "other_worker"])
def test_people_outside_the_record_get_404(client, team, who) -> None:
    session = written_session(team)
    client.force_login(getattr(team, who).user)
    assert client.get(url(session)).status_code == 404
    assert AuditEntry.objects.filter(action="access.refused", object_id=str(session.pk)).exists()


def test_another_organisation_gets_404(client, team) -> None:
    session = written_session(team)
    elsewhere = Team(slug="other-org")
    client.force_login(elsewhere.manager.user)
    assert client.get(url(session)).status_code == 404


def test_business_support_not_asked_to_type_gets_404(client, team, support) -> None:
    session = written_session(team)
    client.force_login(support)
    assert client.get(url(session)).status_code == 404


def test_a_finalised_record_shows_the_locked_panel(client, team) -> None:
    session = finalised_session(team)
    client.force_login(team.worker.user)
    text = page_text(client.get(url(session)))
    assert "this record cannot be changed." in text
    assert "Finalised on" in text
    assert reverse("sessions:addendum", kwargs={"pk": session.pk}) in text
    assert reverse("sessions:sign", kwargs={"pk": session.pk}) not in text


def test_a_declined_record_shows_the_reason_and_reopen_to_the_supervisor(client, team) -> None:
    session = sent_session(team)
    record_decline(actor=team.worker.user, session=session, reason="The date is wrong")
    client.force_login(team.manager.user)
    text = page_text(client.get(url(session)))
    assert "The date is wrong" in text
    assert reverse("sessions:reopen", kwargs={"pk": session.pk}) in text


def test_a_planned_session_offers_the_agenda_to_both(client, team) -> None:
    session = planned_session(team)
    agenda_item_add(actor=team.worker.user, session=session, text="My caseload", child=team.child)
    for person in (team.worker, team.manager):
        client.force_login(person.user)
        text = page_text(client.get(url(session)))
        assert "My caseload" in text
        assert "<strong>Tabled case:</strong> Casey Child" in text
        assert reverse("sessions:agenda-add", kwargs={"pk": session.pk}) in text
        assert "has not taken place yet" in text


def test_an_action_carried_three_times_is_flagged(client, team) -> None:
    first = held_session(team)
    action_add(actor=team.manager.user, session=first, owner=team.worker, description="Do the PDR")
    record_send(actor=team.manager.user, session=first)
    # Three later sessions each carry the open action forward.
    later = first
    for _ in range(3):
        later = held_after(team, later)
    assert Action.objects.get().times_carried == 3
    client.force_login(team.worker.user)
    text = page_text(client.get(url(later)))
    assert "Carried 3 times" in text
    assert "Do the PDR" in text


def queries_for(client, session) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(session)).status_code == 200
    return len(captured)


def test_the_page_reads_with_a_fixed_number_of_queries(client, team) -> None:
    from supervise.sessions.services import discussion_save

    session = written_session(team)
    client.force_login(team.manager.user)
    queries_for(client, session)  # warm caches (the pack, the session's user)
    few = queries_for(client, session)
    for number in range(4):
        child = f.ChildFactory(organisation=team.org)
        f.AllocationFactory(child=child, staff=team.worker)
        discussion_save(
            actor=team.manager.user, session=session, child=child, fields={"decisions": "x"}
        )
        action_add(actor=team.manager.user, session=session, owner=team.worker,
                   description=f"Action {number}")  # fmt: skip
    assert queries_for(client, session) == few


def test_the_steps_after_a_decline(client, team) -> None:
    session = sent_session(team)
    record_decline(actor=team.worker.user, session=session, reason="Wrong")
    client.force_login(team.worker.user)
    text = page_text(client.get(url(session)))
    assert '<strong class="govuk-tag govuk-tag--red">Declined</strong>' in text


def test_a_group_session_goes_to_its_own_page(client, team) -> None:
    group = f.SessionFactory(supervisor=team.manager, supervisee=None, kind="group")
    client.force_login(team.manager.user)
    response = client.get(url(group))
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions:group-detail", kwargs={"pk": group.pk})


def test_a_cancelled_session_says_who_cancelled_and_why(client, team) -> None:
    from supervise.sessions.services import session_cancel

    session = planned_session(team)
    session_cancel(actor=team.worker.user, session=session, cancelled_by="supervisee",
                   reason="sickness", note="Flu")  # fmt: skip
    client.force_login(team.worker.user)
    text = page_text(client.get(url(session)))
    assert "Cancelled</strong> by the supervisee (sickness)" in text
    assert "Flu" in text
    assert reverse("sessions:agenda-add", kwargs={"pk": session.pk}) not in text
