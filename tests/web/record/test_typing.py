"""Business support typing up handwritten notes: the supervisor chooses the typist; the typist
sees the draft in their queue and can edit it, but never send, sign or finalise it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.accounts.models import Role
from supervise.sessions.models import Session
from supervise.sessions.services import record_send, typist_assign
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.conftest import Team
from tests.web.record.helpers import held_session, page_text, support_user, written_session

pytestmark = pytest.mark.django_db


def url(name, session) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"sessions:{name}", kwargs={"pk": session.pk})


def test_the_supervisor_chooses_a_typist(client, team, support) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    page = page_text(client.get(url("typist", session)))
    assert "Bea Support" in page
    response = client.post(url("typist", session), {"typist": str(support.pk)}, follow=True)
    assert "Bea Support can now type up this record" in page_text(response)
    assert Session.objects.get(pk=session.pk).typist == support


def test_the_supervisor_can_take_it_back(client, team, support) -> None:
    session = held_session(team)
    typist_assign(actor=team.manager.user, session=session, typist=support)
    client.force_login(team.manager.user)
    client.post(url("typist", session), {"typist": "none"})
    assert Session.objects.get(pk=session.pk).typist is None


def test_only_business_support_of_the_organisation_can_be_chosen(client, team) -> None:
    session = held_session(team)
    elsewhere = support_user(Team(slug="other-org").org)
    plain = f.UserFactory(organisation=team.org)
    client.force_login(team.manager.user)
    for person in (elsewhere, plain):
        response = client.post(url("typist", session), {"typist": str(person.pk)})
        assert response.status_code == 200
        assert "Select a valid choice" in page_text(response)
    response = client.post(url("typist", session), {})
    assert "Select who will type up your notes" in page_text(response)
    assert Session.objects.get(pk=session.pk).typist is None


@pytest.mark.parametrize("who", ["worker", "head"])
def test_only_the_supervisor_chooses_a_typist(client, team, support, who) -> None:
    session = held_session(team)
    client.force_login(getattr(team, who).user)
    response = client.post(url("typist", session), {"typist": str(support.pk)}, follow=True)
    assert "Only the supervisor can ask business support" in page_text(response)
    assert Session.objects.get(pk=session.pk).typist is None


def test_the_queue_lists_my_drafts_with_links(client, team, support) -> None:
    mine = held_session(team)
    typist_assign(actor=team.manager.user, session=mine, typist=support)
    not_mine = held_session(team, supervisee=team.colleague)
    client.force_login(support)
    response = client.get(reverse("sessions:typing"))
    assert response.status_code == 200
    text = page_text(response)
    assert url("record", mine) in text
    assert url("record", not_mine) not in text
    assert "Alex Worker" in text


def test_sent_records_leave_the_queue(client, team, support) -> None:
    session = written_session(team)
    typist_assign(actor=team.manager.user, session=session, typist=support)
    record_send(actor=team.manager.user, session=session)
    client.force_login(support)
    text = page_text(client.get(reverse("sessions:typing")))
    assert "There are no records for you to type up." in text


def test_the_queue_is_for_business_support_only(client, team) -> None:
    client.force_login(team.manager.user)
    assert client.get(reverse("sessions:typing")).status_code == 403


def test_the_typist_has_no_send_sign_or_finalise_buttons(client, team, support) -> None:
    session = written_session(team)
    typist_assign(actor=team.manager.user, session=session, typist=support)
    client.force_login(support)
    for page in (url("detail", session), url("record", session)):
        text = page_text(client.get(page))
        for name in ("send", "sign", "finalise", "reopen", "typist"):
            assert url(name, session) not in text, (page, name)
    assert url("record", session) in page_text(client.get(url("detail", session)))


@pytest.mark.parametrize("name", ["send", "sign", "decline", "finalise", "reopen"])
def test_a_forged_post_from_the_typist_is_refused(client, team, support, name) -> None:
    session = written_session(team)
    typist_assign(actor=team.manager.user, session=session, typist=support)
    client.force_login(support)
    response = client.post(url(name, session), {"reason": "forged", "comment": ""}, follow=True)
    assert response.status_code == 200
    assert "Only the" in page_text(response)
    fresh = Session.objects.get(pk=session.pk)
    assert fresh.record_status == RecordStatus.DRAFT
    assert fresh.supervisor_signed_at is None


def test_a_forged_finalise_from_the_typist_of_a_signed_hertfordshire_record(client) -> None:
    herts = Team(policy="hertfordshire", slug="herts")
    support = support_user(herts.org)
    session = written_session(herts)
    typist_assign(actor=herts.manager.user, session=session, typist=support)
    from supervise.sessions.services import record_sign

    record_sign(actor=herts.worker.user, session=record_send(actor=herts.manager.user,
                                                             session=session))  # fmt: skip
    client.force_login(support)
    # Once sent the typist no longer sees the record at all.
    assert client.post(url("finalise", session)).status_code == 404
    assert Session.objects.get(pk=session.pk).record_status == RecordStatus.AWAITING_FINALISATION


def test_business_support_role_alone_sees_no_records(client, team) -> None:
    session = written_session(team)
    user = f.UserFactory(organisation=team.org, roles=[Role.BUSINESS_SUPPORT])
    client.force_login(user)
    assert client.get(url("detail", session)).status_code == 404
    assert client.post(url("send", session)).status_code == 404
