"""A person's name searched for never appears in an address (security review): addresses end up
in access logs, proxies and the sign-in page's `next`. The staff searches (whose file, for an
access request or a complaint; People and access) are posted, kept in the server-side session
and shown at a plain address, as the children's search is; they work without JavaScript (a
plain form and a submit button)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from supervise.accounts.models import Role
from tests import factories as f
from tests.conftest import Team

pytestmark = pytest.mark.django_db

FIND = reverse("files:find-staff")
PEOPLE = reverse("account:admin-people")


def addresses(response) -> list[str]:  # type: ignore[no-untyped-def]
    """Every address the browser went to, and every link and form target on the last page."""
    html = response.content.decode()
    return [url for url, _ in response.redirect_chain] + re.findall(
        r'(?:href|action)="([^"]*)"', html
    )


def test_finding_whose_file_keeps_the_name_out_of_the_address(client: Client, team: Team) -> None:
    client.force_login(f.UserFactory(organisation=team.org, roles=[Role.QUALITY_ASSURANCE]))
    page = client.get(FIND, {"for": "access"}).content.decode()
    assert re.search(r'<form method="post" action="/files/staff/"', page)  # no script needed
    assert 'type="submit"' in page
    response = client.post(FIND, {"for": "access", "q": "Alex Work"})
    assert response.status_code == 302
    assert response["Location"] == f"{FIND}?for=access"
    shown = client.get(response["Location"])
    assert "Alex Worker" in shown.content.decode()
    assert 'value="Alex Work"' in shown.content.decode()  # the box shows what was searched
    followed = client.post(FIND, {"for": "access", "q": "Alex Work"}, follow=True)
    for url in addresses(followed):
        assert "Alex" not in url, url
        assert "Work" not in url, url
    # A name put in the address by hand is not searched for.
    client.get(f"{FIND}?for=access&clear=1")
    assert "Alex Worker" not in client.get(FIND, {"for": "access", "q": "Alex"}).content.decode()


def test_hr_finds_someone_for_a_complaint_the_same_way(client: Client, team: Team) -> None:
    client.force_login(f.UserFactory(organisation=team.org, roles=[Role.HR]))
    response = client.post(FIND, {"for": "complaint", "q": "Jordan"}, follow=True)
    assert response.redirect_chain == [(f"{FIND}?for=complaint", 302)]
    assert reverse("files:complaint-new", args=[team.colleague.pk]) in response.content.decode()
    assert all("Jordan" not in url for url in addresses(response))


def test_a_search_too_long_is_an_error_on_the_page(client: Client, team: Team) -> None:
    client.force_login(f.UserFactory(organisation=team.org, roles=[Role.QUALITY_ASSURANCE]))
    html = client.post(FIND, {"for": "access", "q": "x" * 101}).content.decode()
    assert "There is a problem" in html
    assert "must be 100 characters or fewer" in html


def test_people_and_access_keeps_the_name_out_of_the_address(client: Client, team: Team) -> None:
    for n in range(55):  # more than a page, so that the page links are there too
        f.UserFactory(organisation=team.org, first_name="Zed", last_name=f"Sample{n:02d}")
    client.force_login(f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR]))
    page = client.get(PEOPLE).content.decode()
    assert re.search(r'<form method="post" action="/organisation/people/"', page)
    response = client.post(PEOPLE, {"show": "accounts", "q": "Sample"}, follow=True)
    assert response.redirect_chain == [(f"{PEOPLE}?show=accounts", 302)]
    html = response.content.decode()
    assert "Sample00" in html
    assert team.worker.user.get_username() not in html
    assert 'rel="next"' in html
    for url in addresses(response):
        assert "Sample" not in url, url
        assert "q=" not in url, url
    second = client.get(PEOPLE, {"show": "accounts", "page": "2"}).content.decode()
    assert "Sample54" in second  # the search holds across pages
    cleared = client.get(PEOPLE, {"show": "accounts", "clear": "1"}, follow=True)
    assert team.worker.user.get_username() in cleared.content.decode()
    # A name put in the address by hand is not searched for.
    by_hand = client.get(PEOPLE, {"q": "Sample"}).content.decode()
    assert team.worker.user.get_username() in by_hand


def test_people_and_access_shows_staff_without_an_account_by_a_posted_name(
    client: Client, team: Team
) -> None:
    f.StaffFactory(organisation=team.org, name="Nia Newcomer", user=None)
    client.force_login(f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR]))
    response = client.post(PEOPLE, {"show": "without-account", "q": "Nia"}, follow=True)
    assert response.redirect_chain == [(f"{PEOPLE}?show=without-account", 302)]
    assert "Nia Newcomer" in response.content.decode()
    assert all("Nia" not in url for url in addresses(response))
