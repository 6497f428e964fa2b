"""Writing up the record: the pack's headings, the child to discuss next, carried actions; who may
write (the supervisor, or the business support typist while it is a draft)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.sessions.models import RecordEntry, Session
from supervise.sessions.services import action_add, record_decline, record_send, typist_assign
from supervise.sessions.states import RecordStatus
from tests.conftest import Team
from tests.web.record.helpers import (
    held_after,
    held_session,
    page_text,
    planned_session,
    sent_session,
    written_session,
)

pytestmark = pytest.mark.django_db


def url(session) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:record", kwargs={"pk": session.pk})


def test_the_page_has_a_textarea_per_heading_of_the_pack(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    text = page_text(client.get(url(session)))
    for heading in team.org.pack.recording.personal:
        assert f'name="entry_{heading.key}"' in text
        assert heading.label in text
    assert "Wellness Action Plan" in text  # a hint from Hull's template
    assert "Prompts for equality and diversity" in text
    assert "Casey Child" in text  # allocated to the worker: can be discussed
    assert "Robin Elsewhere" not in text  # allocated to someone else


def test_the_page_does_not_print_its_template_comment(client, team) -> None:
    """A `{# #}` comment over two lines was printed on the page as text."""
    session = held_session(team)
    client.force_login(team.manager.user)
    text = page_text(client.get(url(session)))
    assert "Write up the record" in text
    assert "One form for the whole page" not in text
    assert "so that nothing typed is lost" not in text
    assert "{#" not in text
    assert "#}" not in text


def test_saving_calls_record_save(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        url(session), {"entry_wellbeing": "Coping well", "entry_career": "Wants to be ATM"}
    )
    assert response.status_code == 302
    entries = dict(RecordEntry.objects.filter(session=session).values_list("heading", "text"))
    assert entries["wellbeing"] == "Coping well"
    assert entries["career"] == "Wants to be ATM"
    assert Session.objects.get(pk=session.pk).record_status == RecordStatus.DRAFT


def test_save_and_discuss_goes_to_the_childs_discussion(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        url(session), {"entry_wellbeing": "Fine", "discuss": str(team.child.pk), "then": "discuss"}
    )
    assert response["Location"] == reverse(
        "sessions:discussion", kwargs={"pk": session.pk, "child_id": team.child.pk}
    )
    assert RecordEntry.objects.get(session=session, heading="wellbeing").text == "Fine"


def test_save_and_add_an_action_goes_to_the_action_form(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(url(session), {"entry_wellbeing": "Fine", "then": "action"})
    assert response["Location"] == reverse("sessions:action-new", kwargs={"pk": session.pk})


def test_discuss_without_a_child_is_an_error_and_keeps_the_text(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        url(session), {"entry_wellbeing": "Typed before the mistake", "then": "discuss"}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "Select a child to discuss" in text
    assert "Typed before the mistake" in text
    assert not RecordEntry.objects.filter(session=session).exists()


def test_too_long_a_heading_is_an_error_and_every_heading_is_kept(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        url(session), {"entry_wellbeing": "x" * 20001, "entry_career": "Kept career text"}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Wellbeing and support must be 20,000 characters or fewer" in text
    assert "Kept career text" in text
    assert "<title>Error: " in text


def test_a_record_sent_from_another_tab_is_refused_with_a_message(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    page = client.get(url(session))
    assert page.status_code == 200
    # The record is sent in another tab between opening the page and saving it.
    Session.objects.filter(pk=session.pk).update(record_status=RecordStatus.AWAITING_SUPERVISEE)
    response = client.post(url(session), {"entry_wellbeing": "Lost?"}, follow=True)
    assert "has been sent for signature" in page_text(response)


def test_carried_actions_can_be_marked_done_from_the_record(client, team) -> None:
    first = written_session(team)
    action = action_add(
        actor=team.manager.user, session=first, owner=team.worker, description="Book the course"
    )
    record_send(actor=team.manager.user, session=first)
    second = held_after(team, first)
    client.force_login(team.manager.user)
    text = page_text(client.get(url(second)))
    assert "Actions carried into this session" in text
    assert "Book the course" in text
    assert f'name="carried_status" value="{action.pk}:done"' in text


def test_marking_a_carried_action_done_keeps_what_was_typed(client, team) -> None:
    """Done is pressed with the headings half written: the text is saved, the action done."""
    first = written_session(team)
    action = action_add(
        actor=team.manager.user, session=first, owner=team.worker, description="Book the course"
    )
    record_send(actor=team.manager.user, session=first)
    second = held_after(team, first)
    client.force_login(team.manager.user)
    response = client.post(
        url(second),
        {"entry_wellbeing": "Typed before pressing Done", "carried_status": f"{action.pk}:done"},
    )
    assert response["Location"] == url(second) + "#carried"
    assert RecordEntry.objects.get(session=second, heading="wellbeing").text == (
        "Typed before pressing Done"
    )
    action.refresh_from_db()
    assert action.status == "done"
    page = page_text(client.get(url(second)))
    assert "Typed before pressing Done" in page
    assert f'value="{action.pk}:open"' in page  # and it can be opened again


def test_a_carried_status_naming_an_action_not_carried_here_changes_nothing(client, team) -> None:
    other = Team(slug="elsewhere")
    foreign = action_add(
        actor=other.manager.user,
        session=written_session(other),
        owner=other.worker,
        description="Not yours",
    )
    second = held_session(team)
    client.force_login(team.manager.user)
    client.post(url(second), {"entry_wellbeing": "Saved", "carried_status": f"{foreign.pk}:done"})
    foreign.refresh_from_db()
    assert foreign.status == "open"
    assert RecordEntry.objects.get(session=second, heading="wellbeing").text == "Saved"


def test_the_typist_types_up_a_draft(client, team, support) -> None:
    session = held_session(team)
    typist_assign(actor=team.manager.user, session=session, typist=support)
    client.force_login(support)
    page = client.get(url(session))
    assert page.status_code == 200
    assert "Type up the record" in page_text(page)
    response = client.post(url(session), {"entry_wellbeing": "Typed from notes"})
    assert response.status_code == 302
    assert RecordEntry.objects.get(session=session, heading="wellbeing").text == "Typed from notes"
    # The typist never gets to send.
    assert reverse("sessions:send", kwargs={"pk": session.pk}) not in page_text(page)


def test_the_typist_loses_access_once_the_record_is_sent(client, team, support) -> None:
    session = written_session(team)
    typist_assign(actor=team.manager.user, session=session, typist=support)
    from supervise.sessions.services import record_send

    record_send(actor=team.manager.user, session=session)
    client.force_login(support)
    assert client.get(url(session)).status_code == 404


def test_the_supervisee_cannot_write_the_record(client, team) -> None:
    session = held_session(team)
    client.force_login(team.worker.user)
    response = client.post(url(session), {"entry_wellbeing": "My version"}, follow=True)
    assert "Only the supervisor, or business support asked to type it up" in page_text(response)
    assert not RecordEntry.objects.filter(session=session).exists()


def test_the_line_manager_cannot_write_the_record(client, team) -> None:
    session = held_session(team)
    client.force_login(team.head.user)
    response = client.post(url(session), {"entry_wellbeing": "Edited"}, follow=True)
    assert "Only the supervisor" in page_text(response)
    assert not RecordEntry.objects.filter(session=session).exists()


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_others_get_404(client, team, who) -> None:
    session = held_session(team)
    client.force_login(getattr(team, who).user)
    assert client.get(url(session)).status_code == 404
    assert client.post(url(session), {"entry_wellbeing": "x"}).status_code == 404
    assert not RecordEntry.objects.filter(session=session).exists()


def test_another_organisation_gets_404(client, team) -> None:
    session = held_session(team)
    client.force_login(Team(slug="other-org").manager.user)
    assert client.post(url(session), {"entry_wellbeing": "x"}).status_code == 404


def test_business_support_not_asked_gets_404(client, team, support) -> None:
    session = held_session(team)
    client.force_login(support)
    assert client.post(url(session), {"entry_wellbeing": "x"}).status_code == 404


def test_a_planned_session_cannot_be_written_up(client, team) -> None:
    session = planned_session(team)
    client.force_login(team.manager.user)
    response = client.get(url(session), follow=True)
    assert "Only a session that took place can be written up." in page_text(response)


def test_a_sent_record_cannot_be_edited_until_reopened(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.manager.user)
    response = client.post(url(session), {"entry_wellbeing": "Changed"}, follow=True)
    assert "has been sent for signature" in page_text(response)
    record_decline(actor=team.worker.user, session=session, reason="Wrong")
    response = client.post(url(session), {"entry_wellbeing": "Changed"}, follow=True)
    assert "declined to sign this record. Reopen it to change it." in page_text(response)
    assert RecordEntry.objects.get(session=session, heading="wellbeing").text == "Managing well"


def test_an_action_agreed_by_mistake_can_be_removed_while_the_record_is_a_draft(
    client, team
) -> None:
    from supervise.audit.models import AuditEntry
    from supervise.sessions.models import Action

    session = held_session(team)
    action = action_add(
        actor=team.manager.user, session=session, owner=team.worker, description="Typo actoin"
    )
    client.force_login(team.manager.user)
    assert f'name="remove_action" value="{action.pk}"' in page_text(client.get(url(session)))
    response = client.post(
        url(session), {"entry_wellbeing": "Kept", "remove_action": str(action.pk)}
    )
    assert response["Location"] == url(session) + "#actions"
    assert not Action.objects.filter(pk=action.pk).exists()
    assert RecordEntry.objects.get(session=session, heading="wellbeing").text == "Kept"
    entry = AuditEntry.objects.filter(action="action.removed").latest("id")
    assert entry.detail == {"session": session.pk, "action": action.pk}
    assert "Typo" not in str(entry.detail)


def test_an_action_cannot_be_removed_once_sent_or_once_carried(team) -> None:
    from supervise.sessions.services import action_remove, record_send, record_sign
    from supervise.sessions.services.common import ActionRefused

    session = written_session(team)
    agreed = action_add(
        actor=team.manager.user, session=session, owner=team.worker, description="Agreed"
    )
    session = record_send(actor=team.manager.user, session=session)
    with pytest.raises(ActionRefused, match="sent for signature"):
        action_remove(actor=team.manager.user, action=agreed)
    record_sign(actor=team.worker.user, session=session)
    with pytest.raises(ActionRefused, match="finalised"):
        action_remove(actor=team.manager.user, action=agreed)
    assert agreed.__class__.objects.filter(pk=agreed.pk).exists()
    carried = action_add(
        actor=team.manager.user, session=held_session(team), owner=team.worker,
        description="Carried already",
    )  # fmt: skip
    carried.times_carried = 1
    carried.save(update_fields=["times_carried"])
    with pytest.raises(ActionRefused, match="carried into a later session"):
        action_remove(actor=team.manager.user, action=carried)
    with pytest.raises(ActionRefused):  # the supervisee cannot remove it either
        action_remove(actor=team.worker.user, action=carried)
