"""The sign-in page itself: validation, redirects after signing in, and declared permissions."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from supervise.web.permissions import PUBLIC
from tests.factories import PASSWORD
from tests.security.helpers import enrol, fresh_code, sign_in_password, signed_in

pytestmark = pytest.mark.django_db


def test_empty_fields_are_explained_and_the_username_kept(client) -> None:  # type: ignore[no-untyped-def]
    page = client.post("/sign-in/", {"username": "alex", "password": ""}).content.decode()
    assert "Enter your password" in page
    assert 'value="alex"' in page
    page = client.post("/sign-in/", {"username": "", "password": "x"}).content.decode()
    assert "Enter your username" in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_next_cannot_send_people_to_another_site(client, team, target) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    enrol(user)
    sign_in = {"username": user.username, "password": PASSWORD, "next": target}
    client.post("/sign-in/", sign_in)
    response = client.post("/sign-in/code/", {"code": fresh_code(user)})
    assert response["Location"] == "/"


def test_a_signed_in_person_is_sent_on_from_the_sign_in_page(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.worker.user)
    assert client.get("/sign-in/")["Location"] == "/"


def test_wrong_codes_while_signed_in_also_lock_out(client, team) -> None:  # type: ignore[no-untyped-def]
    user = team.worker.user
    signed_in(client, user)
    wrong = f"{(int(fresh_code(user)) + 500_000) % 1_000_000:06d}"
    for _ in range(4):
        assert client.post("/account/recovery-codes/", {"code": wrong}).status_code == 200
    response = client.post("/account/recovery-codes/", {"code": wrong})
    assert response["Location"] == "/sign-in/"
    assert client.get("/account/").status_code == 302
    assert "too many attempts" in sign_in_password(client, user.username).content.decode()


def _patterns(resolver: URLResolver, namespace: str = ""):  # type: ignore[no-untyped-def]
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield namespace, entry


def test_every_sign_in_and_account_view_declares_who_may_open_it() -> None:
    mine = [p for ns, p in _patterns(get_resolver()) if ns == "account"]
    assert len(mine) == 18  # 9 for signing in and your account, 9 for people and access
    for _, name in (("web", "sign-in"), ("web", "sign-out")):
        mine += [p for ns, p in _patterns(get_resolver()) if ns == "web" and p.name == name]
    for pattern in mine:
        declared = getattr(pattern.callback, "supervise_permission", None)
        assert declared, pattern.name
        if pattern.name.startswith("sign-in") or pattern.name in {
            "code",
            "recovery",
            "single-sign-on-callback",
            "single-sign-on",
            "sign-out",
            "set-up-password",  # the set-up link is the right (tests/access/test_people_and_access)
        }:
            assert declared == (PUBLIC,), pattern.name  # fmt: skip
        else:
            assert declared != (PUBLIC,), pattern.name


def test_signed_in_pages_offer_sign_out_in_the_header(client, team) -> None:  # type: ignore[no-untyped-def]
    client.force_login(team.worker.user)
    html = client.get("/account/").content.decode()
    header = html.split("</header>")[0]
    assert '<form method="post" action="/sign-out/"' in header  # a POST, not a link
    assert ">Sign out</button>" in header
    assert 'href="/account/"' in header
    assert "Sign out" not in html.split("</header>")[1]  # once, where people look for it


def test_opening_sign_out_asks_rather_than_signing_out(client, team) -> None:  # type: ignore[no-untyped-def]
    client.force_login(team.worker.user)
    page = client.get("/sign-out/")
    assert page.status_code == 200
    assert "Sign out of Supervise" in page.content.decode()
    assert client.get("/account/").status_code == 200  # still signed in: a GET changes nothing
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/account/").status_code == 302
    assert client.get("/sign-out/")["Location"] == "/sign-in/"  # nobody to sign out
