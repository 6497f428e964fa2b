"""A child's discussion: the pack's case sections with hints in the policies' words, decisions
always; saved with discussion_save, which writes it onto the child's record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.cases.models import CaseNote
from supervise.sessions.models import CaseDiscussion
from supervise.sessions.services import agenda_item_add, session_hold
from tests import factories as f
from tests.conftest import Team
from tests.web.record.helpers import held_session, last_monday, page_text, planned_session

pytestmark = pytest.mark.django_db


def url(session, child) -> str:  # type: ignore[no-untyped-def]
    return reverse("sessions:discussion", kwargs={"pk": session.pk, "child_id": child.pk})


def test_hull_shows_its_recording_elements_and_signs_of_safety(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    text = page_text(client.get(url(session, team.child)))
    assert "Discussion of Casey Child" in text
    assert "The child&#x27;s voice and lived experience" in text
    assert "incorporating what we&#x27;re worried about and what&#x27;s working well" in text
    assert 'name="direction_of_risk"' in text
    assert 'type="radio"' in text
    assert "What are we worried about?" in text
    assert "Equality and diversity" in text
    assert 'name="decisions"' in text


def test_hertfordshire_shows_the_reflective_cycle_only(client) -> None:
    herts = Team(policy="hertfordshire", slug="herts")
    session = held_session(herts)
    client.force_login(herts.manager.user)
    text = page_text(client.get(url(session, herts.child)))
    assert 'name="experience"' in text
    assert 'name="action_planning"' in text
    assert 'name="worried_about"' not in text
    assert 'name="childs_voice"' not in text


def test_saving_writes_the_discussion_onto_the_childs_record(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        url(session, team.child),
        {"worried_about": "Missed visits", "direction_of_risk": "reducing",
         "decisions": "Visit weekly until review"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].endswith("#discussions")
    discussion = CaseDiscussion.objects.get(session=session, child=team.child)
    assert discussion.direction_of_risk == "reducing"
    note = CaseNote.objects.get(case_discussion=discussion)
    assert "Visit weekly until review" in note.body
    assert "Risk reducing" in note.body


def test_changing_a_discussion_shows_what_was_written(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    client.post(url(session, team.child), {"decisions": "First decision"})
    text = page_text(client.get(url(session, team.child)))
    assert "First decision" in text


def test_decisions_are_required_and_everything_typed_is_kept(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    response = client.post(
        url(session, team.child),
        {"childs_voice": "Says school is better", "working_well": "Grandma helps",
         "direction_of_risk": "same", "decisions": ""},
    )  # fmt: skip
    assert response.status_code == 200
    text = page_text(response)
    assert "Enter the decisions made about this child" in text
    assert "Says school is better" in text
    assert "Grandma helps" in text
    assert 'value="same" checked' in text
    assert not CaseDiscussion.objects.exists()


def test_a_tabled_case_can_be_discussed(client, team) -> None:
    tabled = f.ChildFactory(organisation=team.org, name="Tabled Child")
    session = planned_session(team)
    agenda_item_add(actor=team.worker.user, session=session, text="", child=tabled)
    session = session_hold(actor=team.manager.user, session=session, held_on=last_monday())
    client.force_login(team.manager.user)
    assert client.get(url(session, tabled)).status_code == 200


def test_a_child_of_someone_else_cannot_be_discussed(client, team) -> None:
    session = held_session(team)
    client.force_login(team.manager.user)
    assert client.get(url(session, team.other_child)).status_code == 404
    assert client.post(url(session, team.other_child), {"decisions": "x"}).status_code == 404
    assert not CaseDiscussion.objects.exists()


def test_the_supervisee_cannot_record_a_discussion(client, team) -> None:
    session = held_session(team)
    client.force_login(team.worker.user)
    response = client.post(url(session, team.child), {"decisions": "My own"}, follow=True)
    assert "Only the supervisor" in page_text(response)
    assert not CaseDiscussion.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "other_manager"])
def test_others_get_404(client, team, who) -> None:
    session = held_session(team)
    client.force_login(getattr(team, who).user)
    assert client.post(url(session, team.child), {"decisions": "x"}).status_code == 404
    assert not CaseDiscussion.objects.exists()


def test_another_organisation_gets_404(client, team) -> None:
    session = held_session(team)
    client.force_login(Team(slug="other-org").manager.user)
    assert client.post(url(session, team.child), {"decisions": "x"}).status_code == 404


def test_the_childs_record_says_a_draft_entry_may_change_and_when_it_did(client, team) -> None:
    """While the session's record is a draft its entry on the child's record can still change:
    the record says so, and says when it changed; once finalised, neither."""
    from supervise.sessions.services import discussion_save, record_send, record_sign
    from tests.web.record.helpers import written_session

    session = written_session(team)
    child_page = reverse("cases:child", args=[team.child.pk])
    client.force_login(team.manager.user)
    page = page_text(client.get(child_page))
    assert "this entry may still change" in page
    assert "changed " not in page
    note = CaseNote.objects.get(case_discussion__session=session)
    assert note.changed_at is None
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=team.child,
        fields={"decisions": "Visit twice a week"},
    )
    note.refresh_from_db()
    assert note.changed_at is not None
    assert "Visit twice a week" in note.body
    assert "· changed " in page_text(client.get(child_page))
    # Saving the same words again is not a change.
    first_change = note.changed_at
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=team.child,
        fields={"decisions": "Visit twice a week"},
    )
    note.refresh_from_db()
    assert note.changed_at == first_change
    sent = record_send(actor=team.manager.user, session=session)
    record_sign(actor=team.worker.user, session=sent)
    assert "this entry may still change" not in page_text(client.get(child_page))


def test_the_record_and_the_childs_record_follow_the_forms_order(client, team) -> None:
    """Hull's recording elements come first on the form (previous actions, the child's voice,
    progress and the direction of risk), then the reflective cycle: the check page before
    sending, the session page and the child's record read the discussion in the same order."""
    session = held_session(team)
    client.force_login(team.manager.user)
    form = page_text(client.get(url(session, team.child)))
    fields = [
        "previous_actions_reviewed", "childs_voice", "progress_against_plan",
        "direction_of_risk", "experience", "reflection", "analysis", "action_planning",
        "worried_about", "working_well", "needs_to_happen", "equality_and_diversity",
        "decisions",
    ]  # fmt: skip
    at = [form.index(f'name="{name}"') for name in fields]
    assert at == sorted(at)  # the form's order (Hull: recording elements first)
    written = {name: f"Written under {name}" for name in fields}
    written["direction_of_risk"] = "reducing"
    response = client.post(url(session, team.child), written)
    assert response.status_code == 302
    texts = [written[name] for name in fields if name != "direction_of_risk"]
    note = CaseNote.objects.get(case_discussion__session=session)
    child_record = page_text(client.get(reverse("cases:child", kwargs={"pk": team.child.pk})))
    for page in (
        page_text(client.get(reverse("sessions:send", kwargs={"pk": session.pk}))),
        page_text(client.get(reverse("sessions:detail", kwargs={"pk": session.pk}))),
        note.body,
        child_record,
    ):
        at = [page.index(text) for text in texts]
        assert at == sorted(at), [texts[i] for i in range(len(at)) if at[i] != sorted(at)[i]]
        assert page.index("Risk reducing") < page.index("Written under experience")
