"""Security headers on every response, and no-store on anything a signed-in person sees."""

from __future__ import annotations

import pytest

from tests.security.helpers import signed_in

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


def assert_protective_headers(response) -> None:  # type: ignore[no-untyped-def]
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_sign_in_page(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sign-in/")
    assert response.status_code == 200
    assert_protective_headers(response)
    assert response["Cache-Control"] == "no-store"


def test_a_signed_in_page_is_never_stored(client, team) -> None:  # type: ignore[no-untyped-def]
    signed_in(client, team.manager.user)
    response = client.get("/account/")
    assert response.status_code == 200
    assert_protective_headers(response)
    assert response["Cache-Control"] == "no-store"


def test_an_error_page(client, team) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_protective_headers(response)
    signed_in(client, team.worker.user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_protective_headers(response)
    assert response["Cache-Control"] == "no-store"


def test_a_plain_text_response_without_static_files(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/health/")
    assert response.content == b"ok"
    assert_protective_headers(response)


def test_redirects_from_middleware_carry_the_headers_too(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/account/")  # not signed in
    assert response.status_code == 302
    assert_protective_headers(response)


def test_a_view_that_sets_its_own_cache_control_is_overruled_for_signed_in_people(
    client, team, rf
) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from supervise.web.security import SecurityHeadersMiddleware

    def cached_view(request):  # type: ignore[no-untyped-def]
        response = HttpResponse("x")
        response["Cache-Control"] = "max-age=3600"
        return response

    middleware = SecurityHeadersMiddleware(cached_view)
    request = rf.get("/static-ish/")
    request.user = AnonymousUser()
    assert middleware(request)["Cache-Control"] == "max-age=3600"
    request.user = team.worker.user
    assert middleware(request)["Cache-Control"] == "no-store"


def test_hsts_with_the_production_values_on_https(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/sign-in/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_pages_have_no_inline_script_or_style(client, team) -> None:  # type: ignore[no-untyped-def]
    import re

    signed_in(client, team.worker.user)
    for path in ("/account/", "/account/password/", "/account/recovery-codes/"):
        page = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert "<style" not in page, path
        assert " style=" not in page, path
        assert " on" + "click=" not in page


def test_client_address_behind_a_trusted_proxy(client, team, settings) -> None:  # type: ignore[no-untyped-def]
    from supervise.accounts.models import SignInFailure

    settings.SUPERVISE_TRUSTED_PROXY_COUNT = 1
    client.post("/sign-in/", {"username": "x", "password": "not my password"},
                HTTP_X_FORWARDED_FOR="203.0.113.250, 198.51.100.4")  # fmt: skip
    # The client may write anything on the left; the proxy's own entry is the last one.
    assert SignInFailure.objects.get().address == "198.51.100.4"
