"""Case supervision follows the child's record (issue 4; security review): whoever may read a
personal supervision record but not the child discussed in it — a third party under an approved
access request, a participant of a group session — reads neither the child's name nor what was
discussed or decided about them, on the page, through the API or in the file's PDF. The page
counts what it leaves out, without naming the child. The people in the room still read it all."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

from supervise.cases.models import Child
from supervise.files.models import AccessPurpose
from supervise.sessions.models import Session
from supervise.sessions.services import (
    action_add,
    discussion_save,
    group_session_record,
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from supervise.sessions.services.group import GroupEntry
from tests import factories as f
from tests.api.conftest import as_
from tests.conftest import Team
from tests.web.files.helpers import pdf_text, third_party, working_day_before
from tests.web.files.helpers import today as today_

pytestmark = pytest.mark.django_db

CHILD = "Casey Child"
DECISION = "Zephyrine placement move agreed at the strategy meeting"
ACTION = "Chase Zephyrine's CAMHS referral"


def discussed_record(team: Team) -> Session:
    """A finalised Hull record in which the manager and the worker discussed the worker's child,
    and agreed an action about them."""
    day = working_day_before(today_(), 2)
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=day)
    session = session_hold(actor=team.manager.user, session=session, held_on=day)
    record_save(actor=team.manager.user, session=session, entries={"development": "PQ module"})
    discussion_save(
        actor=team.manager.user, session=session, child=team.child, fields={"decisions": DECISION}
    )
    action_add(
        actor=team.manager.user, session=session, owner=team.worker, description=ACTION,
        child=team.child, due_on=today_() + timedelta(days=14),
    )  # fmt: skip
    record_send(actor=team.manager.user, session=session)
    return record_sign(actor=team.worker.user, session=session)


def hr_reader(team: Team):  # type: ignore[no-untyped-def]
    """HR, investigating a formal concern about the worker, with an approved access request."""
    user, _ = third_party(team, role="hr", purpose=AccessPurpose.FORMAL_CONCERN)
    return user


def page_of(client, who, session: Session) -> str:  # type: ignore[no-untyped-def]
    client.force_login(getattr(who, "user", who))
    response = client.get(reverse("sessions:detail", args=[session.pk]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_third_party_reads_the_record_but_not_the_childs_discussion(client, team) -> None:
    session = discussed_record(team)
    hr = hr_reader(team)
    client.force_login(hr)
    assert client.get(reverse("cases:child", args=[team.child.pk])).status_code == 404
    page = page_of(client, hr, session)
    assert "PQ module" in page  # the worker's own record: theirs to read under the request
    for words in (CHILD, DECISION, ACTION, "Zephyrine"):
        assert words not in page, words
    assert "1 case discussion is not shown" in page
    assert "follows the child's record" in page
    assert "1 action about a child whose record you may not read is not shown" in page


def test_the_supervisor_and_their_line_manager_still_read_it(client, team) -> None:
    session = discussed_record(team)
    for who in (team.manager, team.worker, team.head):
        page = page_of(client, who, session)
        assert CHILD in page, who
        assert DECISION in page, who
        assert ACTION in page, who
        assert "not shown" not in page, who


def test_through_the_api_the_third_party_gets_no_child(team) -> None:
    session = discussed_record(team)
    hr = hr_reader(team)
    assert as_(hr).get(f"/children/{team.child.pk}").status_code == 404
    response = as_(hr).get(f"/sessions/{session.pk}")
    assert response.status_code == 200
    record = response.json()
    assert record["discussions"] == []
    assert record["discussions_withheld"] == 1
    assert record["actions"] == []
    assert record["actions_withheld"] == 1
    for words in (CHILD, DECISION, "Zephyrine", team.child.external_id):
        assert words not in response.content.decode(), words
    mine = as_(team.manager).get(f"/sessions/{session.pk}").json()
    assert [d["decisions"] for d in mine["discussions"]] == [DECISION]
    assert mine["discussions_withheld"] == 0
    assert [a["description"] for a in mine["actions"]] == [ACTION]


def test_the_file_and_its_pdf_name_no_child(client, team) -> None:
    discussed_record(team)
    hr = hr_reader(team)
    client.force_login(hr)
    page = unescape(client.get(reverse("files:file", args=[team.worker.pk])).content.decode())
    response = client.get(reverse("files:pdf", args=[team.worker.pk]))
    assert response.status_code == 200
    words = pdf_text(response.content)
    for text in (page, words):
        assert "PQ module" in text
        for secret in (CHILD, DECISION, ACTION, "Zephyrine"):
            assert secret not in text, secret
    assert "1 child discussed" in words  # counted, not copied


def test_a_planned_sessions_agenda_and_open_actions_about_the_child_are_left_out(
    client, team
) -> None:
    from supervise.sessions.services import agenda_item_add
    from tests.web.team.helpers import next_working_day

    discussed_record(team)  # its open action joins the next session's agenda
    [booked] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=next_working_day()
    )
    agenda_item_add(actor=team.manager.user, session=booked, text="", child=team.child)
    agenda_item_add(actor=team.worker.user, session=booked, text="Caseload weighting")
    hr = hr_reader(team)
    page = page_of(client, hr, booked)
    assert "Caseload weighting" in page
    assert CHILD not in page
    assert "Zephyrine" not in page
    assert "2 items about a child whose record you may not read are not shown" in page
    api = as_(hr).get(f"/sessions/{booked.pk}").json()
    assert api["agenda_withheld"] == 2  # as on the page: the child tabled, the carried action
    assert [item["text"] for item in api["agenda"]] == ["Caseload weighting"]
    mine = page_of(client, team.manager, booked)
    assert CHILD in mine
    assert "Zephyrine" in mine


def test_a_group_participant_reads_only_the_entries_about_their_own_children(client, team) -> None:
    other: Child = f.ChildFactory(organisation=team.org, name="Drew Second")
    f.AllocationFactory(child=other, staff=team.colleague)
    session = group_session_record(
        actor=team.manager.user,
        held_on=today_() - timedelta(days=1),
        participants=[team.worker, team.colleague],
        entries=[
            GroupEntry(child=team.child, worker=team.worker, fields={"decisions": DECISION}),
            GroupEntry(child=other, worker=team.colleague, fields={"decisions": "Drew's plan"}),
        ],
    )
    url = reverse("sessions:group-detail", args=[session.pk])
    client.force_login(team.colleague.user)
    page = unescape(client.get(url).content.decode())
    assert "Drew Second" in page
    assert CHILD not in page
    assert DECISION not in page
    assert "1 case discussion is not shown" in page
    api = as_(team.colleague).get(f"/group-sessions/{session.pk}").json()
    assert [e["child"]["name"] for e in api["entries"]] == ["Drew Second"]
    assert api["entries_withheld"] == 1
    assert DECISION not in str(api)
    for who in (team.manager, team.head):  # the facilitator and their line manager
        client.force_login(who.user)
        page = unescape(client.get(url).content.decode())
        for words in (CHILD, "Drew Second", DECISION):
            assert words in page, (who, words)
        assert as_(who).get(f"/group-sessions/{session.pk}").json()["entries_withheld"] == 0
