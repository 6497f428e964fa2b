"""Send, sign, decline, reopen, finalise, addendum through the views: each calls its service for
the right person, and refuses everyone else (404 when they cannot see the record, a message when
they can see it but may not act)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.sessions.models import Addendum, Session
from supervise.sessions.services import record_decline, record_send, record_sign
from supervise.sessions.states import RecordStatus
from tests.conftest import Team
from tests.web.record.helpers import (
    finalised_session,
    held_session,
    page_text,
    sent_session,
    written_session,
)

pytestmark = pytest.mark.django_db


def url(name, session) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"sessions:{name}", kwargs={"pk": session.pk})


def status(session) -> str:  # type: ignore[no-untyped-def]
    return Session.objects.get(pk=session.pk).record_status


# --- send -------------------------------------------------------------------------------------


def test_send_shows_the_whole_record_and_the_signing_statement(client, team) -> None:
    session = written_session(team)
    client.force_login(team.manager.user)
    text = page_text(client.get(url("send", session)))
    assert "By sending you sign this record" in text
    assert "Managing well" in text
    assert "Visit weekly" in text


def test_send_signs_for_the_supervisor_and_sends(client, team) -> None:
    session = written_session(team)
    client.force_login(team.manager.user)
    response = client.post(url("send", session), follow=True)
    assert "sent to Alex Worker to sign" in page_text(response)
    session.refresh_from_db()
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    assert session.supervisor_signed_at is not None


def test_an_empty_record_cannot_be_sent(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    assert "Write the record before you send it." in page_text(client.get(url("send", session)))
    response = client.post(url("send", session), follow=True)
    assert "Write the record before you send it." in page_text(response)
    assert status(session) == RecordStatus.DRAFT


@pytest.mark.parametrize("who", ["worker", "head"])
def test_send_is_refused_with_a_message_to_others_who_can_see_it(client, team, who) -> None:
    session = written_session(team)
    client.force_login(getattr(team, who).user)
    response = client.post(url("send", session), follow=True)
    assert "Only the supervisor can send this record" in page_text(response)
    assert status(session) == RecordStatus.DRAFT


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_send_gives_404_to_people_outside_the_record(client, team, who) -> None:
    session = written_session(team)
    client.force_login(getattr(team, who).user)
    assert client.post(url("send", session)).status_code == 404
    assert status(session) == RecordStatus.DRAFT


def test_send_gives_404_to_another_organisation(client, team) -> None:
    session = written_session(team)
    client.force_login(Team(slug="other-org").manager.user)
    assert client.post(url("send", session)).status_code == 404


# --- sign and decline -----------------------------------------------------------------------------


def test_the_sign_page_has_the_record_a_comment_box_and_a_decline_form(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    text = page_text(client.get(url("sign", session)))
    assert "Visit weekly" in text
    assert 'name="comment"' in text
    assert "Sign this record" in text
    assert "Decline to sign" in text
    assert 'name="reason"' in text
    assert url("decline", session) in text


def test_the_supervisee_signs_with_a_comment(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    response = client.post(url("sign", session), {"comment": "Agreed, thanks"}, follow=True)
    assert "It is finalised and cannot be changed." in page_text(response)
    session.refresh_from_db()
    assert session.record_status == RecordStatus.FINALISED  # Hull: no manager review
    assert session.supervisee_comment == "Agreed, thanks"
    assert session.supervisee_signed_at is not None
    assert "Agreed, thanks" in page_text(response)


@pytest.mark.parametrize("who", ["manager", "head"])
def test_sign_is_refused_with_a_message_to_others_who_can_see_it(client, team, who) -> None:
    session = sent_session(team)
    client.force_login(getattr(team, who).user)
    response = client.post(url("sign", session), {"comment": ""}, follow=True)
    assert "Only the supervisee can sign" in page_text(response)
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_sign_gives_404_to_people_outside_the_record(client, team, who) -> None:
    session = sent_session(team)
    client.force_login(getattr(team, who).user)
    assert client.post(url("sign", session)).status_code == 404
    assert client.post(url("decline", session), {"reason": "x"}).status_code == 404
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


def test_sign_and_decline_give_404_to_another_organisation(client, team) -> None:
    session = sent_session(team)
    client.force_login(Team(slug="other-org").worker.user)
    assert client.post(url("sign", session)).status_code == 404
    assert client.post(url("decline", session), {"reason": "x"}).status_code == 404


def test_the_supervisee_declines_with_a_reason(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    response = client.post(url("decline", session), {"reason": "The actions are wrong"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.record_status == RecordStatus.DECLINED
    assert session.declined_reason == "The actions are wrong"


def test_declining_needs_a_reason_and_keeps_the_comment_page(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    response = client.post(url("decline", session), {"reason": "   "})
    assert response.status_code == 200
    text = page_text(response)
    assert "Enter why you are not signing the record" in text
    assert "There is a problem" in text
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


def test_too_long_a_comment_is_an_error_and_kept(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    response = client.post(url("sign", session), {"comment": "Long " * 1001})
    text = page_text(response)
    assert "Your comment must be 5,000 characters or fewer" in text
    assert "Long Long Long" in text
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


def _boxes(text: str) -> tuple[str, str]:
    """What the page's two boxes hold: (the comment, the reason for not signing)."""
    import html
    import re

    def box(name: str) -> str:
        found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', text, re.S)
        assert found, name
        return html.unescape(found.group(1)).strip()

    return box("comment"), box("reason")


def test_one_form_sends_both_boxes_whichever_button_is_pressed(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    text = page_text(client.get(url("sign", session)))
    form = text[text.index('<form method="post" action="' + url("sign", session)) :]
    form = form[: form.index("</form>")]
    assert 'name="comment"' in form
    assert 'name="reason"' in form
    assert f'formaction="{url("decline", session)}"' in form


def test_a_comment_typed_then_decline_pressed_without_a_reason_is_kept(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    posted = {"comment": "Mostly right, but <the dates> are wrong", "reason": ""}
    response = client.post(url("decline", session), posted)
    text = page_text(response)
    assert response.status_code == 200
    assert "Enter why you are not signing the record" in text
    assert _boxes(text) == ("Mostly right, but <the dates> are wrong", "")
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


def test_declining_with_a_comment_typed_asks_rather_than_dropping_it(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    posted = {"comment": "Thanks for the session", "reason": "The actions are wrong"}
    text = page_text(client.post(url("decline", session), posted))
    assert "You wrote a comment to sign with" in text
    assert "There is a problem" in text
    assert _boxes(text) == ("Thanks for the session", "The actions are wrong")
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


def test_signing_with_a_reason_typed_asks_rather_than_dropping_it(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.worker.user)
    posted = {"comment": "Agreed", "reason": "Half-written reason"}
    text = page_text(client.post(url("sign", session), posted))
    assert "You wrote why you are not signing" in text
    assert _boxes(text) == ("Agreed", "Half-written reason")
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE
    # an error of the sign box keeps the reason too
    text = page_text(
        client.post(
            url("sign", session), {"comment": "Long " * 1001, "reason": "Half-written reason"}
        )
    )
    assert "Your comment must be 5,000 characters or fewer" in text
    assert _boxes(text)[1] == "Half-written reason"


def test_the_supervisor_cannot_decline(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.manager.user)
    response = client.post(url("decline", session), {"reason": "No"}, follow=True)
    assert "Only the supervisee can sign or decline" in page_text(response)
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


# --- reopen ---------------------------------------------------------------------------------------


def test_reopen_shows_the_supervisees_reason_and_reopens(client, team) -> None:
    session = sent_session(team)
    record_decline(actor=team.worker.user, session=session, reason="Missing my PDR goals")
    client.force_login(team.manager.user)
    assert "Missing my PDR goals" in page_text(client.get(url("reopen", session)))
    response = client.post(url("reopen", session))
    assert response["Location"] == url("record", session)
    session.refresh_from_db()
    assert session.record_status == RecordStatus.DRAFT
    assert session.supervisor_signed_at is None


@pytest.mark.parametrize("who", ["worker", "head"])
def test_reopen_is_refused_with_a_message(client, team, who) -> None:
    session = sent_session(team)
    record_decline(actor=team.worker.user, session=session, reason="Wrong")
    client.force_login(getattr(team, who).user)
    response = client.post(url("reopen", session), follow=True)
    assert "Only the supervisor can reopen" in page_text(response)
    assert status(session) == RecordStatus.DECLINED


def test_reopen_gives_404_to_the_colleague(client, team) -> None:
    session = sent_session(team)
    record_decline(actor=team.worker.user, session=session, reason="Wrong")
    client.force_login(team.colleague.user)
    assert client.post(url("reopen", session)).status_code == 404


def test_a_record_waiting_for_signature_cannot_be_reopened(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.manager.user)
    response = client.post(url("reopen", session), follow=True)
    assert "after the supervisee declines it" in page_text(response)
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


# --- finalise (Hertfordshire) ---------------------------------------------------------------------


def herts_signed():  # type: ignore[no-untyped-def]
    herts = Team(policy="hertfordshire", slug="herts")
    session = record_sign(actor=herts.worker.user, session=sent_session(herts))
    assert session.record_status == RecordStatus.AWAITING_FINALISATION
    return herts, session


def test_hertfordshire_supervisor_reviews_and_finalises(client) -> None:
    herts, session = herts_signed()
    client.force_login(herts.manager.user)
    detail = page_text(client.get(url("detail", session)))
    assert "Reviewed by the manager and finalised" in detail
    assert url("finalise", session) in detail
    assert "cannot be changed" in page_text(client.get(url("finalise", session)))
    response = client.post(url("finalise", session), follow=True)
    assert "Record finalised" in page_text(response)
    session.refresh_from_db()
    assert session.record_status == RecordStatus.FINALISED
    assert session.finalised_at is not None


@pytest.mark.parametrize("who", ["worker", "head"])
def test_finalise_is_refused_with_a_message(client, who) -> None:
    herts, session = herts_signed()
    client.force_login(getattr(herts, who).user)
    response = client.post(url("finalise", session), follow=True)
    assert "Only the supervisor can finalise" in page_text(response)
    assert status(session) == RecordStatus.AWAITING_FINALISATION


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_finalise_gives_404_to_people_outside_the_record(client, who) -> None:
    herts, session = herts_signed()
    client.force_login(getattr(herts, who).user)
    assert client.post(url("finalise", session)).status_code == 404
    assert status(session) == RecordStatus.AWAITING_FINALISATION


def test_finalise_gives_404_to_another_organisation(client) -> None:
    _, session = herts_signed()
    client.force_login(Team(slug="other-org").manager.user)
    assert client.post(url("finalise", session)).status_code == 404


def test_hull_has_no_finalise_step(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.manager.user)
    response = client.post(url("finalise", session), follow=True)
    assert "where the policy asks for a manager review" in page_text(response)
    assert status(session) == RecordStatus.AWAITING_SUPERVISEE


# --- addendum -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "worker"])
def test_both_can_add_an_addendum_after_finalisation(client, team, who) -> None:
    session = finalised_session(team)
    person = getattr(team, who)
    client.force_login(person.user)
    response = client.post(url("addendum", session), {"text": "Also agreed leave"}, follow=True)
    assert "Addendum added to the record" in page_text(response)
    addendum = Addendum.objects.get()
    assert addendum.author == person
    assert f"Added by {person}" in page_text(response)


def test_an_empty_addendum_is_an_error(client, team) -> None:
    session = finalised_session(team)
    client.force_login(team.worker.user)
    response = client.post(url("addendum", session), {"text": ""})
    assert "Enter the addendum" in page_text(response)
    assert not Addendum.objects.exists()


def test_the_line_manager_cannot_add_an_addendum(client, team) -> None:
    session = finalised_session(team)
    client.force_login(team.head.user)
    response = client.post(url("addendum", session), {"text": "Mine"}, follow=True)
    assert "Only the supervisor or the supervisee can add an addendum" in page_text(response)
    assert not Addendum.objects.exists()


def test_an_addendum_needs_a_finalised_record(client, team) -> None:
    session = sent_session(team)
    client.force_login(team.manager.user)
    response = client.post(url("addendum", session), {"text": "Early"}, follow=True)
    assert "once the record is finalised" in page_text(response)
    assert not Addendum.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_addendum_gives_404_to_people_outside_the_record(client, team, who) -> None:
    session = finalised_session(team)
    client.force_login(getattr(team, who).user)
    assert client.post(url("addendum", session), {"text": "x"}).status_code == 404


def test_send_after_a_decline_needs_a_reopen(client, team) -> None:
    session = written_session(team)
    record_send(actor=team.manager.user, session=session)
    record_decline(actor=team.worker.user, session=session, reason="Wrong")
    client.force_login(team.manager.user)
    response = client.post(url("send", session), follow=True)
    assert "Only the supervisor can send this record" in page_text(response)
    assert status(session) == RecordStatus.DECLINED
