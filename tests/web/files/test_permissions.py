"""Every page of the supervision file declares who may open it, and nobody signed out reaches
one."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver, reverse

from supervise.web.permissions import PUBLIC


def files_patterns() -> list[URLPattern]:
    for entry in get_resolver().url_patterns:
        if getattr(entry, "namespace", None) == "files":
            return list(entry.url_patterns)
    raise AssertionError("the files URLs are not included")


def test_every_files_view_declares_who_may_open_it() -> None:
    patterns = files_patterns()
    assert len(patterns) == 22
    for pattern in patterns:
        declared = getattr(pattern.callback, "supervise_permission", None)
        assert declared, pattern.name
        assert declared != (PUBLIC,), pattern.name


@pytest.mark.django_db
def test_signed_out_visitors_are_sent_to_sign_in(client) -> None:
    for pattern in files_patterns():
        args = [1] * len(pattern.pattern.converters)
        url = reverse(f"files:{pattern.name}", args=args)
        response = client.get(url)
        if response.status_code == 405:  # POST only (archive)
            response = client.post(url)
        assert response.status_code == 302, url
        assert "sign-in" in response["Location"], url


@pytest.mark.django_db
def test_read_only_pages_answer_get_only_and_archiving_post_only(client, team) -> None:
    client.force_login(team.worker.user)
    for name, args in (
        ("files:mine", []),
        ("files:file", [team.worker.pk]),
        ("files:readers", []),
        ("files:pdf", [team.worker.pk]),
    ):
        assert client.put(reverse(name, args=args)).status_code == 405, name
        assert client.delete(reverse(name, args=args)).status_code == 405, name
    assert client.get(reverse("files:archive", args=[team.worker.pk])).status_code == 405
