"""Single sign-on (OpenID Connect) against a real local stub provider."""

from __future__ import annotations

import pytest

from supervise.accounts.models import User
from supervise.audit.models import AuditEntry
from tests.security.helpers import enrol, fresh_code
from tests.security.oidc_stub import StubProvider, follow_to_provider_and_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(settings, team):  # type: ignore[no-untyped-def]
    with StubProvider() as stub:
        settings.SUPERVISE_OIDC = stub.settings(team.org.slug)
        user = team.worker.user
        user.email = "alex.worker@council.example"
        user.save()
        stub.claims = {"sub": "idp-0001", "email": "Alex.Worker@council.example",
                       "amr": ["pwd", "mfa"]}  # fmt: skip
        yield stub


def single_sign_on(client, next_url: str = ""):  # type: ignore[no-untyped-def]
    start = client.get("/sign-in/single-sign-on/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.content
    return client.get(follow_to_provider_and_back(start["Location"]))


def signed_in_as(client):  # type: ignore[no-untyped-def]
    response = client.get("/account/")
    return response.context["account"] if response.status_code == 200 else None


def test_the_sign_in_page_offers_single_sign_on_only_when_configured(
    client, settings, team
) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_OIDC = None
    assert "single-sign-on" not in client.get("/sign-in/").content.decode()
    assert client.get("/sign-in/single-sign-on/").status_code == 404
    settings.SUPERVISE_OIDC = {"issuer": "https://idp.example", "client_id": "c",
                               "client_secret": "s", "organisation": team.org.slug}  # fmt: skip
    assert "Sign in with your council account" in client.get("/sign-in/").content.decode()


def test_happy_path_with_the_providers_mfa(client, provider, team) -> None:  # type: ignore[no-untyped-def]
    response = single_sign_on(client, next_url="/account/")
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert signed_in_as(client) == team.worker.user
    request = provider.token_requests[0]
    assert request["grant_type"] == "authorization_code"
    assert request["code_verifier"]
    entry = AuditEntry.objects.get(action="auth.sign_in")
    assert entry.detail == {"method": "single sign-on",
                            "second_factor": "provider's multi-factor"}  # fmt: skip
    team.worker.user.refresh_from_db()
    assert team.worker.user.single_sign_on_subject == "idp-0001"


def test_without_the_providers_mfa_our_code_is_still_asked(client, provider, team) -> None:  # type: ignore[no-untyped-def]
    provider.claims["amr"] = ["pwd"]
    user = team.worker.user
    enrol(user)
    response = single_sign_on(client)
    assert response["Location"] == "/sign-in/code/"
    assert signed_in_as(client) is None
    client.post("/sign-in/code/", {"code": fresh_code(user)})
    assert signed_in_as(client) == user


def test_mfa_is_not_trusted_when_configured_so(client, provider, settings, team) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_OIDC = {**settings.SUPERVISE_OIDC, "trust_provider_mfa": False}
    enrol(team.worker.user)
    assert single_sign_on(client)["Location"] == "/sign-in/code/"


def test_email_from_userinfo_when_the_id_token_has_none(client, provider, team) -> None:  # type: ignore[no-untyped-def]
    del provider.claims["email"]
    provider.userinfo = {"sub": "idp-0001", "email": "alex.worker@council.example"}
    single_sign_on(client)
    assert signed_in_as(client) == team.worker.user


@pytest.mark.parametrize(
    "misbehaviour", ["bad_signature", "wrong_issuer", "wrong_nonce", "wrong_audience", "expired"]
)
def test_untrustworthy_id_tokens_are_refused(client, provider, misbehaviour) -> None:  # type: ignore[no-untyped-def]
    provider.misbehave = misbehaviour
    response = single_sign_on(client)
    assert response.status_code == 403
    assert "You could not be signed in" in response.content.decode()
    assert signed_in_as(client) is None
    entry = AuditEntry.objects.get(action="auth.sign_in_failed")
    assert entry.detail["method"] == "single sign-on"
    assert entry.detail["reason"] in {"bad_signature", "wrong_issuer", "wrong_nonce",
                                      "wrong_audience", "expired"}  # fmt: skip
    assert "eyJ" not in str(entry.detail)  # no token in the trail


def test_a_forged_callback_is_refused(client, provider) -> None:  # type: ignore[no-untyped-def]
    start = client.get("/sign-in/single-sign-on/")
    back = follow_to_provider_and_back(start["Location"])
    forged = back.replace("state=", "state=x")
    assert client.get(forged).status_code == 400
    assert signed_in_as(client) is None
    # The real callback no longer works either: the state was used up.
    assert client.get(back).status_code == 400


def test_a_callback_without_starting_is_refused(client, provider) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sign-in/single-sign-on/callback/?code=abc&state=def")
    assert response.status_code == 400


def test_no_account_is_created_unless_configured(client, provider, settings, team) -> None:  # type: ignore[no-untyped-def]
    provider.claims = {"sub": "idp-9", "email": "new.starter@council.example", "amr": ["mfa"]}
    assert single_sign_on(client).status_code == 403
    assert not User.objects.filter(email="new.starter@council.example").exists()
    settings.SUPERVISE_OIDC = {**settings.SUPERVISE_OIDC, "create_users": True}
    single_sign_on(client)
    created = User.objects.get(email="new.starter@council.example")
    assert created.organisation == team.org
    assert not created.has_usable_password()
    assert signed_in_as(client) == created


def test_accounts_of_another_organisation_are_never_matched(client, provider, team) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import Team

    elsewhere = Team(slug="other-org")
    team.worker.user.email = "someone@council.example"
    team.worker.user.save()
    elsewhere.worker.user.email = "alex.worker@council.example"
    elsewhere.worker.user.save()
    assert single_sign_on(client).status_code == 403
    assert signed_in_as(client) is None


def test_a_linked_account_refuses_a_different_subject_with_the_same_email(
    client, provider, team
) -> None:  # type: ignore[no-untyped-def]
    single_sign_on(client)
    client.post("/sign-out/")
    provider.claims["sub"] = "idp-someone-new"
    assert single_sign_on(client).status_code == 403
    assert AuditEntry.objects.filter(action="auth.sign_in_failed").last().detail["reason"] == (
        "subject_mismatch"
    )


def test_a_disabled_account_cannot_sign_on(client, provider, team) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(pk=team.worker.user.pk).update(is_active=False)
    assert single_sign_on(client).status_code == 403


def test_the_provider_being_down_is_explained(client, settings, team) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_OIDC = {"issuer": "http://127.0.0.1:9", "client_id": "c",
                               "client_secret": "s", "organisation": team.org.slug}  # fmt: skip
    response = client.get("/sign-in/single-sign-on/")
    assert response.status_code == 502


def test_an_insecure_issuer_is_refused(client, settings, team) -> None:  # type: ignore[no-untyped-def]
    settings.SUPERVISE_OIDC = {"issuer": "http://idp.council.example", "client_id": "c",
                               "client_secret": "s", "organisation": team.org.slug}  # fmt: skip
    assert client.get("/sign-in/single-sign-on/").status_code == 502
    assert AuditEntry.objects.get().detail["reason"] == "insecure_url"


def test_environment_configuration() -> None:
    from supervise.config.settings.oidc import oidc_from_environment

    assert oidc_from_environment({}) is None
    with pytest.raises(ValueError, match="SUPERVISE_OIDC_CLIENT_SECRET"):
        oidc_from_environment({
            "SUPERVISE_OIDC_ISSUER": "https://x",
            "SUPERVISE_OIDC_CLIENT_ID": "c",
            "SUPERVISE_OIDC_ORGANISATION": "o",
        })  # fmt: skip
    config = oidc_from_environment({
        "SUPERVISE_OIDC_ISSUER": "https://x", "SUPERVISE_OIDC_CLIENT_ID": "c",
        "SUPERVISE_OIDC_CLIENT_SECRET": "s", "SUPERVISE_OIDC_ORGANISATION": "o",
        "SUPERVISE_OIDC_TRUST_MFA": "no", "SUPERVISE_OIDC_EMAIL_CLAIM": "upn",
    })  # fmt: skip
    assert config["trust_provider_mfa"] is False
    assert config["email_claim"] == "upn"
    assert config["create_users"] is False
