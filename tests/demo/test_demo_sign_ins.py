"""Each demo sign-in starts where README.md's "Where each role starts" says, and the navigation
offers *Children* exactly to those the Children list has a child for."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.accounts.models import User
from supervise.cases.list_selectors import children_visible
from supervise.demo.services import demo_load
from supervise.generate import write_authority
from tests.conftest import PROJECT

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 23)

# README.md, "Where each role starts": the page each demo sign-in lands on, and the words of the
# README's row that name it.
START = {
    "manager": ("sessions:team", "*My team*"),
    "worker": ("sessions:mine", "*My supervision*"),
    "senior": ("compliance:overview", "*Compliance*"),
    "director": ("compliance:overview", "*Compliance*"),
    "qa": ("compliance:overview", "*Compliance*"),
    "inspector": ("compliance:overview", "*Compliance*"),
    "support": ("sessions:typing", "*Typing*"),
    "hr": ("files:leavers", "leavers' archived files"),
    "admin": ("account:admin-people", "*People and access*"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-sign-ins")
    write_authority(path, staff=24, children=120, years=1, seed=3, as_of=AS_OF)
    return path


def _signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _readme_row(username: str) -> str:
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Where each role starts") :]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    [row] = [line for line in rows if re.search(rf"`{username}`", line.split("|")[1])]
    return row.split("|")[2]


def test_each_demo_sign_in_starts_where_the_readme_says(folder: Path) -> None:
    sign_ins = demo_load(folder=folder, slug="demo", policy="hull", name="Demo", as_of=AS_OF)
    assert {s.username for s in sign_ins} == set(START)
    for username, (url_name, words) in START.items():
        assert _readme_row(username).lstrip().startswith(words), username
        response = _signed_in(username).get("/")
        assert response.status_code == 302, username
        assert response["Location"] == reverse(url_name), username
        # ... and that page opens for them
        assert _signed_in(username).get(response["Location"]).status_code == 200, username


def test_the_children_link_is_offered_exactly_to_those_with_a_child_to_open(folder: Path) -> None:
    demo_load(folder=folder, slug="demo", policy="hull", name="Demo", as_of=AS_OF)
    link = f'href="{reverse("cases:list")}"'
    offered = {}
    for username in START:
        user = User.objects.get(username=username)
        viewer = Viewer(user)
        has_children = children_visible(viewer, viewer.day).exists()
        page = _signed_in(username).get("/", follow=True)  # their start page
        shown = link in page.content.decode()
        assert shown == has_children, (username, shown, has_children)
        offered[username] = shown
    # README: quality assurance and inspectors sample children's records (the organisation's
    # case-record roles in the demo); the Assistant Director's role gives no other rights
    # (docs/decisions/0005-trust.md), and the granted senior manager's role reads compliance
    # figures, not children's records: no Children link for them, none for HR or business support.
    assert offered == {
        "manager": True, "worker": True, "senior": True, "qa": True, "inspector": True,
        "director": False, "support": False, "hr": False, "admin": False,
    }  # fmt: skip
