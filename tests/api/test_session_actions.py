"""Every write on a session: who may, what they get, what is refused and how."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.sessions.models import Session
from supervise.sessions.services import record_decline, typist_assign
from tests import factories as f
from tests.api.conftest import as_, error_fields, finalised, held, last_week, planned, sent
from tests.conftest import Team

pytestmark = pytest.mark.django_db


def typing_pool(team: Team) -> str:
    """The username of business support in the team's organisation (made once)."""
    from supervise.accounts.models import User

    user = User.objects.filter(organisation=team.org, username=f"pool-{team.org.slug}").first()
    if user is None:
        user = f.UserFactory(
            organisation=team.org, username=f"pool-{team.org.slug}", roles=["business_support"]
        )
    return user.username


def declined(team: Team) -> Session:
    return record_decline(actor=team.worker.user, session=sent(team), reason="Not what we said")


@dataclass(frozen=True)
class Act:
    name: str
    state: Any  # team -> session in the state the action needs
    actor: str  # the Team attribute who may do it
    body: Any  # team -> the request body (None: no body)
    wrong: str  # someone who can see the record but is not the one to do this
    bad: Any  # team -> a body with one bad field, or None (then the path id is bad)
    bad_field: str
    then: Any  # session -> the change to check

    def path(self, session: Session) -> str:
        return f"/sessions/{session.pk}/{self.name}"


ACTS = [
    Act("cancel", planned, "manager",
        lambda t: {"cancelled_by": "supervisor", "reason": "other", "note": "Court hearing"},
        "head", lambda t: {"cancelled_by": "the cat", "reason": "other"}, "cancelled_by",
        lambda s: s.status == "cancelled" and s.cancelled_by == "supervisor"),
    Act("hold", planned, "manager", lambda t: {"held_on": last_week().isoformat()},
        "worker", lambda t: {"held_on": "yesterday"}, "held_on",
        lambda s: s.status == "held" and s.held_on == last_week()),
    Act("record", held, "manager", lambda t: {"entries": {"wellbeing": "Fine"}},
        "worker", lambda t: {"entries": {"hobbies": "Chess"}}, "hobbies",
        lambda s: s.entries.get(heading="wellbeing").text == "Fine"),
    Act("discussions", held, "manager",
        lambda t: {"child": t.child.pk, "fields": {"childs_voice": "Wants to stay",
                                                   "direction_of_risk": "reducing"}},
        "worker", lambda t: {"child": t.child.pk, "fields": {"mood": "x"}}, "mood",
        lambda s: s.discussions.get().direction_of_risk == "reducing"),
    Act("send", held, "manager", lambda t: None, "worker", None, "session_id",
        lambda s: s.record_status == "awaiting_supervisee"),
    Act("sign", sent, "worker", lambda t: {"comment": "Agreed"}, "manager",
        lambda t: {"comment": "x" * 2001}, "comment",
        lambda s: s.record_status == "finalised" and s.supervisee_comment == "Agreed"),
    Act("decline", sent, "worker", lambda t: {"reason": "My view is missing"}, "manager",
        lambda t: {"reason": "   "}, "reason",
        lambda s: s.record_status == "declined" and s.declined_reason == "My view is missing"),
    Act("reopen", declined, "manager", lambda t: None, "worker", None, "session_id",
        lambda s: s.record_status == "draft" and s.supervisor_signed_on is None),
    Act("addenda", finalised, "worker", lambda t: {"text": "I also agreed to shadow a court day"},
        "head", lambda t: {"text": ""}, "text",
        lambda s: s.addenda.get().text == "I also agreed to shadow a court day"),
    Act("typist", held, "manager", lambda t: {"username": typing_pool(t)}, "worker",
        lambda t: {"username": t.worker.user.username}, "username",
        lambda s: s.typist.username.startswith("pool-")),
]  # fmt: skip
BY_NAME = {act.name: act for act in ACTS}


def fingerprint(session: Session) -> tuple:
    """Everything an action could change about a session and its record."""
    session = Session.objects.get(pk=session.pk)
    return (
        session.status, session.record_status, session.held_on, session.cancelled_by,
        session.supervisor_signed_at, session.supervisee_signed_at, session.finalised_at,
        session.supervisee_comment, session.declined_reason,
        sorted(session.entries.values_list("heading", "text")),
        sorted(session.discussions.values_list("child_id", "decisions", "childs_voice")),
        sorted(CaseNote.objects.filter(case_discussion__session=session)
               .values_list("id", "body")),
        session.addenda.count(), session.typist_id,
        AuditEntry.objects.exclude(action="access.refused").count(),
    )  # fmt: skip


@pytest.mark.parametrize("act", ACTS, ids=lambda a: a.name)
def test_the_one_whose_action_it_is_can_do_it(team, act) -> None:
    session = act.state(team)
    response = as_(getattr(team, act.actor)).post(act.path(session), act.body(team))
    assert response.status_code in (200, 201), response.content
    assert act.then(Session.objects.get(pk=session.pk))


@pytest.mark.parametrize("act", ACTS, ids=lambda a: a.name)
def test_someone_who_sees_the_record_but_is_not_the_one_to_act_gets_403(team, act) -> None:
    session = act.state(team)
    before = fingerprint(session)
    response = as_(getattr(team, act.wrong)).post(act.path(session), act.body(team))
    assert response.status_code == 403, response.content
    assert response.json()["detail"].startswith("Only the")
    assert fingerprint(session) == before


@pytest.mark.parametrize("act", ACTS, ids=lambda a: a.name)
def test_the_neighbouring_manager_the_colleague_and_other_organisations_get_404(
    team, other_org, act
) -> None:
    session = act.state(team)
    before = fingerprint(session)
    for outsider in (team.other_manager, team.colleague, other_org.manager):
        response = as_(outsider).post(act.path(session), act.body(team))
        assert response.status_code == 404, (outsider, response.content)
    assert fingerprint(session) == before


@pytest.mark.parametrize("act", ACTS, ids=lambda a: a.name)
def test_bad_input_is_422_naming_the_field(team, act) -> None:
    session = act.state(team)
    before = fingerprint(session)
    caller = as_(getattr(team, act.actor))
    if act.bad is None:
        response = caller.post(f"/sessions/not-a-number/{act.name}")
    else:
        response = caller.post(act.path(session), act.bad(team))
    assert act.bad_field in error_fields(response)
    assert fingerprint(session) == before


@pytest.mark.parametrize("note", [None, "", "  "])
def test_cancelling_for_another_reason_without_the_reason_is_422_on_note(team, note) -> None:
    """The service's rule (one place), answered as the schemas answer bad input."""
    session = planned(team)
    before = fingerprint(session)
    body = {"cancelled_by": "supervisor", "reason": "other"}
    if note is not None:
        body["note"] = note
    response = as_(team.manager).post(f"/sessions/{session.pk}/cancel", body)
    assert error_fields(response) == {"note"}
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "payload", "note"]
    assert problem["msg"] == "Enter the reason the session was cancelled"
    assert fingerprint(session) == before


@pytest.mark.parametrize("act", ACTS, ids=lambda a: a.name)
def test_unknown_fields_in_a_body_are_422(team, act) -> None:
    session = act.state(team)
    body = act.body(team) or {}
    response = as_(getattr(team, act.actor)).post(act.path(session), {**body, "signed_by": 7})
    if act.body(team) is None:
        assert response.status_code in (200, 201), "actions without input ignore a body"
    else:
        assert error_fields(response) == {"signed_by"}


@pytest.mark.parametrize(
    ("name", "actor"),
    [("cancel", "manager"), ("hold", "manager"), ("record", "manager"),
     ("discussions", "manager"), ("send", "manager"), ("sign", "worker"),
     ("decline", "worker"), ("reopen", "manager"), ("typist", "manager")],
)  # fmt: skip
def test_a_finalised_record_cannot_be_changed_through_the_api(team, name, actor) -> None:
    session = finalised(team)
    before = fingerprint(session)
    response = as_(getattr(team, actor)).post(f"/sessions/{session.pk}/{name}",
                                              BY_NAME[name].body(team))  # fmt: skip
    assert response.status_code == 409, response.content
    assert response.json()["detail"]
    assert fingerprint(session) == before


def test_finalise_on_a_finalised_record_is_409_and_nothing_changes(team) -> None:
    session = finalised(team)
    before = fingerprint(session)
    response = as_(team.manager).post(f"/sessions/{session.pk}/finalise")
    assert response.status_code == 409
    assert fingerprint(session) == before


def test_finalise_after_review_where_the_policy_asks_for_it(db) -> None:
    herts = Team(policy="hertfordshire", slug="herts")
    session = sent(herts)
    signed = as_(herts.worker).post(f"/sessions/{session.pk}/sign")
    assert signed.json()["record_status"] == "awaiting_finalisation"
    assert as_(herts.worker).post(f"/sessions/{session.pk}/finalise").status_code == 403
    assert as_(herts.other_manager).post(f"/sessions/{session.pk}/finalise").status_code == 404
    done = as_(herts.manager).post(f"/sessions/{session.pk}/finalise")
    assert done.status_code == 200
    assert done.json()["record_status"] == "finalised"
    assert done.json()["finalised_on"] == timezone.localdate().isoformat()


def test_a_policy_refusal_is_409_with_the_reason(team) -> None:
    session = planned(team)
    response = as_(team.manager).post(f"/sessions/{session.pk}/send")
    assert response.status_code == 409
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    response = as_(team.manager).post(f"/sessions/{session.pk}/hold", {"held_on": tomorrow})
    assert response.status_code == 409
    assert response.json() == {"detail": "A session cannot be held in the future."}


def test_an_addendum_before_finalisation_is_409(team) -> None:
    response = as_(team.worker).post(f"/sessions/{sent(team).pk}/addenda", {"text": "Early"})
    assert response.status_code == 409
    assert "not finalised" in response.json()["detail"]


def test_discussions_refuse_fields_outside_the_authoritys_template(db) -> None:
    york = Team(policy="york", slug="york")  # reflective cycle and equality only
    session = held(york)
    response = as_(york.manager).post(f"/sessions/{session.pk}/discussions", {
        "child": york.child.pk, "fields": {"worried_about": "x", "decisions": "y"},
    })  # fmt: skip
    assert error_fields(response) == {"worried_about"}


def test_discussions_about_a_child_the_supervisor_cannot_see_are_404(team, other_org) -> None:
    session = held(team)
    for child in (team.other_child, other_org.child):
        response = as_(team.manager).post(
            f"/sessions/{session.pk}/discussions", {"child": child.pk, "fields": {"decisions": "x"}}
        )
        assert response.status_code == 404
    assert not session.discussions.exists()


def test_business_support_types_up_a_draft_they_were_asked_to(team) -> None:
    support = f.UserFactory(organisation=team.org, roles=["business_support"])
    session = held(team)
    assert as_(support).post(f"/sessions/{session.pk}/record",
                             {"entries": {"career": "Typed"}}).status_code == 404  # fmt: skip
    typist_assign(actor=team.manager.user, session=session, typist=support)
    response = as_(support).post(f"/sessions/{session.pk}/record", {"entries": {"career": "Typed"}})
    assert response.status_code == 200
    assert as_(support).post(f"/sessions/{session.pk}/send").status_code == 403


def test_the_typist_answer_names_who_can_be_asked_and_null_asks_nobody(team) -> None:
    username = typing_pool(team)
    session = held(team)
    response = as_(team.manager).post(f"/sessions/{session.pk}/typist", {"username": username})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["typist"]["username"] == username
    assert [t["username"] for t in body["typists"]] == [username]
    # business support of another organisation is not business support of this one
    other = Team(slug="elsewhere")
    response = as_(team.manager).post(
        f"/sessions/{session.pk}/typist", {"username": typing_pool(other)}
    )
    assert "username" in error_fields(response)
    response = as_(team.manager).post(f"/sessions/{session.pk}/typist", {"username": None})
    assert response.json()["typist"] is None
    assert Session.objects.get(pk=session.pk).typist_id is None
