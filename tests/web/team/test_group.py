"""Group case supervision: two steps without JavaScript, one entry per child written to the
child's record, then finalised by the facilitator."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

from supervise.cases.models import CaseNote
from supervise.sessions.models import CaseDiscussion, Session
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.web.team.helpers import date_fields, login, today

pytestmark = pytest.mark.django_db
NEW = reverse("sessions:group-new")


def step_1(team, children, participants=None) -> dict:  # type: ignore[no-untyped-def]
    return {
        "step": "choose",
        **date_fields("held_on", today() - timedelta(days=1)),
        "duration_minutes": "120",
        "participants": [str(p.pk) for p in participants or (team.worker, team.colleague)],
        "children": [str(c.pk) for c in children],
    }


def step_2(team, children, **entries) -> dict:  # type: ignore[no-untyped-def]
    data = {**step_1(team, children), "step": "record"}
    for child in children:
        for name, value in entries.get(str(child.pk), {}).items():
            data[f"child-{child.pk}-{name}"] = value
    return data


@pytest.fixture
def second_child(team):  # type: ignore[no-untyped-def]
    child = f.ChildFactory(organisation=team.org, name="Drew Second")
    f.AllocationFactory(child=child, staff=team.colleague)
    return child


def test_step_1_offers_my_supervisees_and_their_caseloads(client, team, second_child) -> None:
    html = unescape(login(client, team.manager).get(NEW).content.decode())
    assert "Alex Worker's children" in html
    assert "Jordan Colleague's children" in html
    assert "Casey Child" in html
    assert "Drew Second" in html
    assert "Robin Elsewhere" not in html
    assert "Olly Otherteam" not in html


def test_step_2_has_the_packs_case_sections_per_child(client, team, second_child) -> None:
    response = login(client, team.manager).post(NEW, step_1(team, [team.child, second_child]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Step 2 of 2" in html
    for section in ("Recording elements", "Signs of Safety", "Reflective cycle",
                    "Equality and diversity"):  # fmt: skip
        assert html.count(section) >= 2  # Hull's template, once per child
    assert f'name="child-{team.child.pk}-decisions"' in html
    assert f'name="child-{second_child.pk}-childs_voice"' in html
    assert 'type="hidden" name="held_on_0"' in html


def test_a_child_must_be_on_a_participants_caseload(client, team, second_child) -> None:
    data = step_1(team, [team.child, second_child], participants=[team.worker])
    html = unescape(login(client, team.manager).post(NEW, data).content.decode())
    assert "Step 1 of 2" in html
    # Named with the case-system id: two children on a caseload may share a display name.
    assert f"Drew Second ({second_child.external_id}) is on Jordan Colleague's caseload" in html
    # The error summary links to that child's box (Drew is not the page's first child, whose
    # box is _0), and the page has it.
    summary = html.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    assert f'href="#id_children_{second_child.pk}"' in summary
    assert f'id="id_children_{second_child.pk}"' in html


def test_records_each_child_on_their_record(client, team, second_child) -> None:
    children = [team.child, second_child]
    entries = {
        str(team.child.pk): {"worried_about": "Missed visits", "decisions": "Visit weekly"},
        str(second_child.pk): {"childs_voice": "Wants to stay at school",
                               "decisions": "Review in 4 weeks"},
    }  # fmt: skip
    login(client, team.manager)
    response = client.post(NEW, step_2(team, children, **entries))
    assert response.status_code == 302
    session = Session.objects.get(kind=Session.Kind.GROUP)
    assert response["Location"] == reverse("sessions:group-detail", args=[session.pk])
    assert set(session.participants.all()) == {team.worker, team.colleague}
    assert session.duration_minutes == 120
    note = CaseNote.objects.get(child=team.child)
    assert note.kind == CaseNote.Kind.GROUP_CASE_SUPERVISION
    assert "Visit weekly" in note.body
    assert "What are we worried about?\nMissed visits" in note.body  # no "?:"
    assert "Decisions:\nVisit weekly" in note.body
    assert "Wants to stay at school" in CaseNote.objects.get(child=second_child).body
    assert CaseDiscussion.objects.get(child=second_child).worker == team.colleague

    html = client.get(response["Location"]).content.decode()
    assert "2 entries written to the children" in html
    assert reverse("cases:child", args=[team.child.pk]) in html
    assert reverse("sessions:group-finalise", args=[session.pk]) in html


def test_step_2_errors_name_the_child_and_keep_the_text(client, team, second_child) -> None:
    entries = {str(team.child.pk): {"worried_about": "Kept words"}}
    html = (
        login(client, team.manager)
        .post(NEW, step_2(team, [team.child], **entries))
        .content.decode()
    )
    assert "Casey Child: Enter the decisions made about this child" in html
    assert f'href="#id_child-{team.child.pk}-decisions"' in html
    assert "Kept words" in html
    assert not Session.objects.filter(kind=Session.Kind.GROUP).exists()


def test_cannot_record_a_child_of_another_team(client, team) -> None:
    entries = {str(team.other_child.pk): {"decisions": "Not mine"}}
    html = (
        login(client, team.manager)
        .post(NEW, step_2(team, [team.other_child], **entries))
        .content.decode()
    )
    assert "Step 1 of 2" in html
    assert "There is a problem" in html
    assert not CaseNote.objects.exists()


def _recorded(client, team) -> Session:  # type: ignore[no-untyped-def]
    login(client, team.manager).post(
        NEW, step_2(team, [team.child], **{str(team.child.pk): {"decisions": "Visit weekly"}})
    )
    return Session.objects.get(kind=Session.Kind.GROUP)


def test_participants_and_the_chain_can_view(client, team) -> None:
    session = _recorded(client, team)
    detail = reverse("sessions:group-detail", args=[session.pk])
    for who in (team.worker, team.colleague, team.head):
        response = login(client, who).get(detail)
        assert response.status_code == 200
        assert (
            reverse("sessions:group-finalise", args=[session.pk]) not in response.content.decode()
        )


def test_others_get_404(client, team, other_org) -> None:
    session = _recorded(client, team)
    session.participants.remove(team.colleague)
    detail = reverse("sessions:group-detail", args=[session.pk])
    finalise = reverse("sessions:group-finalise", args=[session.pk])
    for who in (team.colleague, team.other_manager, other_org.manager):
        assert login(client, who).get(detail).status_code == 404
        assert login(client, who).post(finalise).status_code == 404
    session.refresh_from_db()
    assert session.record_status == RecordStatus.DRAFT


def test_the_facilitator_finalises_once(client, team) -> None:
    session = _recorded(client, team)
    finalise = reverse("sessions:group-finalise", args=[session.pk])
    assert login(client, team.worker).post(finalise).status_code == 200  # refused, in words
    session.refresh_from_db()
    assert session.record_status == RecordStatus.DRAFT

    assert login(client, team.manager).get(finalise).status_code == 405
    response = client.post(finalise)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.record_status == RecordStatus.FINALISED

    again = client.post(finalise)
    assert again.status_code == 200
    assert "already finalised and cannot be changed" in again.content.decode()
    html = client.get(reverse("sessions:group-detail", args=[session.pk])).content.decode()
    assert finalise not in html


def test_a_practitioner_gets_403(client, team) -> None:
    assert login(client, team.worker).get(NEW).status_code == 403


def test_going_back_keeps_the_choices(client, team, second_child) -> None:
    data = {**step_2(team, [team.child, second_child]), "back": "1"}
    html = login(client, team.manager).post(NEW, data).content.decode()
    assert "Step 1 of 2" in html
    assert f'value="{second_child.pk}" checked' in html
    assert f'value="{team.colleague.pk}" checked' in html
    assert not Session.objects.filter(kind=Session.Kind.GROUP).exists()


def test_going_back_and_on_again_keeps_what_was_written_for_each_child(
    client, team, second_child
) -> None:
    """Step 2 half written, back to step 1 to change the date, then on: the entries return."""
    written = {str(team.child.pk): {"decisions": "Keep the weekly visits"},
               str(second_child.pk): {"childs_voice": "Wants to see Nan"}}  # fmt: skip
    data = {**step_2(team, [team.child, second_child], **written), "back": "1"}
    login(client, team.manager)
    step_1_page = client.post(NEW, data).content.decode()
    assert "Step 1 of 2" in step_1_page
    assert f'name="child-{team.child.pk}-decisions" value="Keep the weekly visits"' in step_1_page
    # Continue: step 1's form posts its fields and the carried entries.
    again = {**step_1(team, [team.child, second_child]),
             f"child-{team.child.pk}-decisions": "Keep the weekly visits",
             f"child-{second_child.pk}-childs_voice": "Wants to see Nan"}  # fmt: skip
    step_2_page = unescape(client.post(NEW, again).content.decode())
    assert "Step 2 of 2" in step_2_page
    assert "Keep the weekly visits</textarea>" in step_2_page
    assert "Wants to see Nan</textarea>" in step_2_page
    assert "This field is required" not in step_2_page  # not bound: no errors before saving
    assert not Session.objects.filter(kind=Session.Kind.GROUP).exists()


def test_step_1_says_up_front_when_the_policy_does_not_count_group_supervision(
    client, team
) -> None:
    """Hull counts only one-to-one case supervision: the supervisor learns it before writing
    the entries, not from the findings afterwards. Nottingham counts groups: no such words."""
    page = login(client, team.manager).get(NEW).content.decode()
    assert 'id="group-does-not-count"' in page
    team.org.policy = "nottingham"
    team.org.save(update_fields=["policy"])
    page = login(client, team.manager).get(NEW).content.decode()
    assert 'id="group-does-not-count"' not in page


def test_an_entry_of_a_draft_group_record_can_be_changed_then_not_once_finalised(
    client, team, second_child
) -> None:
    written = {str(team.child.pk): {"decisions": "Keep the weekly visits"},
               str(second_child.pk): {"decisions": "Start the family conference"}}  # fmt: skip
    login(client, team.manager)
    response = client.post(NEW, step_2(team, [team.child, second_child], **written))
    session = Session.objects.get(kind=Session.Kind.GROUP)
    detail = reverse("sessions:group-detail", args=[session.pk])
    change = reverse("sessions:group-entry", args=[session.pk, team.child.pk])
    assert response["Location"] == detail
    html = client.get(detail).content.decode()
    assert f'href="{change}"' in html
    assert "Keep the weekly visits" in client.get(change).content.decode()
    response = client.post(change, {"decisions": "Visit twice a week"})
    assert response["Location"] == detail
    note = CaseNote.objects.get(case_discussion__session=session, child=team.child)
    assert "Visit twice a week" in note.body
    client.post(reverse("sessions:group-finalise", args=[session.pk]))
    assert f'href="{change}"' not in client.get(detail).content.decode()
    refused = client.post(change, {"decisions": "Too late"}).content.decode()
    assert "This record is finalised and cannot be changed" in refused
    note.refresh_from_db()
    assert "Too late" not in note.body
