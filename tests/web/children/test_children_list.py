"""The children list: each viewer finds only the children whose records they may open (their
caseload, their chain's, or every child where the organisation grants case records), by name
or case number, open cases unless asked; audited with counts, never names or search words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from supervise.accounts.models import Role
from supervise.audit.models import AuditEntry
from supervise.cases.list_selectors import CHILDREN_PER_PAGE
from supervise.sessions.models import CaseDiscussion
from tests import factories as f
from tests.conftest import Team

pytestmark = pytest.mark.django_db
URL = reverse("cases:list")


def search(client, **words):  # type: ignore[no-untyped-def]
    """Post the search (the words are kept in the session, never in the address)."""
    response = client.post(URL, {"q": "", **words})
    assert response.status_code == 302, response.content
    assert response["Location"] == URL
    return response


def names(client, page=None, **words) -> set[str]:  # type: ignore[no-untyped-def]
    import re

    search(client, **words)
    response = client.get(URL, {"page": page} if page else {})
    assert response.status_code == 200
    return set(re.findall(r'href="/children/\d+/">([^<]+)</a>', response.content.decode()))


def granted(org, *roles):  # type: ignore[no-untyped-def]
    return f.UserFactory(organisation=org, roles=list(roles))


def test_a_worker_finds_their_own_caseload(client, team) -> None:
    client.force_login(team.worker.user)
    assert names(client) == {"Casey Child"}


def test_a_manager_finds_their_chains_children_not_the_neighbours(client, team) -> None:
    client.force_login(team.manager.user)
    assert names(client) == {"Casey Child"}
    client.force_login(team.head.user)
    assert names(client) == {"Casey Child", "Robin Elsewhere"}


def test_a_role_granted_case_records_finds_every_child_of_its_organisation(client, team) -> None:
    elsewhere = Team(slug="elsewhere")
    f.ChildFactory(organisation=elsewhere.org, name="Other Org Child")
    team.org.case_record_roles = [Role.QUALITY_ASSURANCE]
    team.org.save(update_fields=["case_record_roles"])
    qa = granted(team.org, Role.QUALITY_ASSURANCE)
    client.force_login(qa)
    assert names(client) == {"Casey Child", "Robin Elsewhere"}
    # the navigation leads there
    assert f'href="{URL}"' in client.get(reverse("compliance:overview")).content.decode()


def test_a_role_without_case_records_finds_none_and_has_no_link(client, team) -> None:
    inspector = granted(team.org, Role.INSPECTOR)
    client.force_login(inspector)
    assert names(client) == set()
    assert f'href="{URL}"' not in client.get(reverse("compliance:overview")).content.decode()


def _offered(client, user) -> bool:  # type: ignore[no-untyped-def]
    client.force_login(user)
    return f'href="{URL}"' in client.get("/", follow=True).content.decode()


def test_the_link_is_offered_exactly_to_those_the_list_has_a_child_for(client, team) -> None:
    """A supervisee without a caseload (an admin officer) has no child to open; an Assistant
    Director (granted, with the senior manager's role) reads children's records only where the
    organisation grants them to one of those roles, and then has the link."""
    admin_officer = f.StaffFactory(organisation=team.org, role="admin", name="Ali Admin")
    f.LineFactory(supervisee=admin_officer, supervisor=team.manager)
    director = granted(team.org, Role.ASSISTANT_DIRECTOR, Role.SENIOR_MANAGER)
    assert _offered(client, team.worker.user)  # a caseload
    assert _offered(client, team.head.user)  # their chain's caseloads
    assert not _offered(client, admin_officer.user)
    assert names(client) == set()
    assert not _offered(client, director)
    team.org.case_record_roles = [Role.QUALITY_ASSURANCE, Role.SENIOR_MANAGER]
    team.org.save(update_fields=["case_record_roles"])
    assert _offered(client, director)
    assert names(client) == {"Casey Child", "Robin Elsewhere"}


def test_search_by_name_or_case_number(client, team) -> None:
    client.force_login(team.head.user)
    assert names(client, q="casey") == {"Casey Child"}
    assert names(client, q=team.other_child.external_id) == {"Robin Elsewhere"}
    assert names(client, q="robin child") == set()  # every word must match
    search(client, q="nobody")
    assert "No children match." in client.get(URL).content.decode()


def test_closed_cases_only_when_asked(client, team) -> None:
    team.other_child.closed_on = timezone.localdate() - timedelta(days=3)
    team.other_child.save(update_fields=["closed_on"])
    client.force_login(team.head.user)
    assert names(client) == {"Casey Child"}
    # A closed case's allocation has usually ended too: a role granted case records finds it.
    team.org.case_record_roles = [Role.QUALITY_ASSURANCE]
    team.org.save(update_fields=["case_record_roles"])
    client.force_login(granted(team.org, Role.QUALITY_ASSURANCE))
    assert names(client, include_closed="on") == {"Casey Child", "Robin Elsewhere"}
    assert names(client) == {"Casey Child"}


def test_each_row_says_worker_circumstances_and_last_discussion(client, team) -> None:
    from tests.web.team.helpers import held

    on = date(2026, 10, 5)
    session = held(team, on)
    CaseDiscussion.objects.create(organisation=team.org, session=session, child=team.child)
    client.force_login(team.manager.user)
    html = client.get(URL).content.decode()
    assert "Alex Worker" in html
    assert "Monday 5 October 2026" in html


def test_the_list_is_paged_and_audited_without_names(client, team) -> None:
    for n in range(CHILDREN_PER_PAGE + 5):
        child = f.ChildFactory(organisation=team.org, name=f"Zed Sample{n:03d}")
        f.AllocationFactory(child=child, staff=team.worker)
    client.force_login(team.manager.user)
    first = names(client)
    second = names(client, page=2)
    assert len(first) == CHILDREN_PER_PAGE
    assert len(second) == 6  # Casey Child + 55 samples = 56
    assert not first & second
    search(client, q="Casey")
    client.get(URL)
    entry = AuditEntry.objects.filter(action="children.listed").latest("id")
    assert entry.detail == {"shown": 1, "searched": True}
    assert "Casey" not in str(entry.detail)
    assert entry.actor == team.manager.user


def test_a_search_too_long_is_an_error_on_the_page(client, team) -> None:
    client.force_login(team.manager.user)
    response = client.post(URL, {"q": "x" * 101})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Name or case number must be 100 characters or fewer" in html


def test_the_pages_keep_the_search(client, team) -> None:
    for n in range(CHILDREN_PER_PAGE + 1):
        child = f.ChildFactory(organisation=team.org, name=f"Zed Sample{n:03d}")
        f.AllocationFactory(child=child, staff=team.worker)
    client.force_login(team.manager.user)
    search(client, q="zed")
    html = client.get(URL, {"page": "1"}).content.decode()
    assert 'href="?page=2" rel="next"' in html  # the words are not in the address
    assert 'aria-label="Page 2"' in html
    assert 'value="zed"' in html  # the search box shows what was searched
    second = names(client, q="zed", page=2)
    assert second == {f"Zed Sample{CHILDREN_PER_PAGE:03d}"}


def test_a_childs_name_searched_for_never_appears_in_an_address(client, team) -> None:
    """Addresses end up in access logs, proxies and the sign-in page's "next": the search is
    posted, and Clear forgets it (found in a security review)."""
    client.force_login(team.manager.user)
    response = search(client, q="Casey")
    assert "Casey" not in response["Location"]
    assert names(client, q="Casey") == {"Casey Child"}
    cleared = client.get(URL, {"clear": "1"})
    assert cleared["Location"] == URL
    assert 'value="Casey"' not in client.get(URL).content.decode()


def test_the_workers_name_links_to_their_supervision_page_only_for_their_chain(
    client, team
) -> None:
    """A manager goes from a child to the worker's supervision; a role that reads every child
    (quality assurance) sees the name without a link, as it may not open that page."""
    supervisee_url = reverse("sessions:supervisee", args=[team.worker.pk])
    child_url = reverse("cases:child", args=[team.child.pk])
    link = f'<a class="govuk-link" href="{supervisee_url}">Alex Worker</a>'
    for viewer in (team.manager.user, team.head.user):
        client.force_login(viewer)
        assert link in client.get(URL).content.decode()
        assert link in client.get(child_url).content.decode()
        assert client.get(supervisee_url).status_code == 200
    team.org.case_record_roles = [Role.QUALITY_ASSURANCE]
    team.org.save(update_fields=["case_record_roles"])
    client.force_login(granted(team.org, Role.QUALITY_ASSURANCE))
    for url in (URL, child_url):
        html = client.get(url).content.decode()
        assert "Alex Worker" in html
        assert supervisee_url not in html
    assert client.get(supervisee_url).status_code in (403, 404)


def test_last_discussed_counts_only_the_sessions_the_policy_counts(client, team) -> None:
    """Hull counts one-to-one case supervision only: a later group discussion does not make
    the list say the child was discussed then (the child's record says overdue)."""
    from supervise.sessions.models import Session
    from tests.web.team.helpers import held

    one_to_one = date(2026, 9, 7)
    CaseDiscussion.objects.create(
        organisation=team.org, session=held(team, one_to_one), child=team.child
    )
    group = Session.objects.create(
        organisation=team.org, external_id="G1", kind=Session.Kind.GROUP, status="held",
        supervisor=team.manager, scheduled_on=date(2026, 10, 14), held_on=date(2026, 10, 14),
    )  # fmt: skip
    CaseDiscussion.objects.create(organisation=team.org, session=group, child=team.child)
    client.force_login(team.manager.user)
    html = client.get(URL).content.decode()
    assert "Monday 7 September 2026" in html
    assert "Wednesday 14 October 2026" not in html
    team.org.policy = "nottingham"  # counts group case supervision
    team.org.save(update_fields=["policy"])
    assert "Wednesday 14 October 2026" in client.get(URL).content.decode()
