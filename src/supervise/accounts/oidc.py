"""Single sign-on with the council's identity provider: OpenID Connect, authorisation code flow
with PKCE, as a confidential client. Off unless SUPERVISE_OIDC_ISSUER and its companions are set
(supervise.config.settings.security; docs/security.md "Single sign-on").

What is checked: `state` (against cross-site request forgery), PKCE (against a stolen code),
the ID token's signature with a key from the provider's published JWKS (asymmetric algorithms
only, never "none" or a shared secret), its issuer, audience (and `azp` when there are several),
expiry and issue time, and the `nonce` (against replay). People are matched to existing
accounts of the configured organisation: by the provider's subject once linked, otherwise by
email address, which links them. Nobody is created unless SUPERVISE_OIDC_CREATE_USERS is on.

HTTP uses the standard library (urllib) with a timeout; signatures are checked by PyJWT.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import jwt
from django.conf import settings

ASYMMETRIC_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
DISCOVERY_TTL = 3600.0
LEEWAY_SECONDS = 60
TIMEOUT_SECONDS = 10


class SingleSignOnError(Exception):
    """The provider's answer cannot be trusted or used. `reason` is a short code for the audit
    trail (never token content)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    organisation: str
    scopes: str = "openid email profile"
    button_label: str = "Sign in with your council account"
    email_claim: str = "email"
    create_users: bool = False
    trust_provider_mfa: bool = True
    redirect_uri: str = ""


@dataclass(frozen=True, slots=True)
class Identity:
    subject: str
    email: str
    amr: tuple[str, ...]
    claims: dict[str, Any] = field(default_factory=dict)

    @property
    def provider_did_mfa(self) -> bool:
        return "mfa" in self.amr


def provider() -> Provider | None:
    config = getattr(settings, "SUPERVISE_OIDC", None)
    if not config:
        return None
    return Provider(**config)


# --- HTTP ------------------------------------------------------------------------------------


def _check_url(url: str) -> str:
    """HTTPS only, except for a provider on this machine (the tests' stub)."""
    parsed = urllib.parse.urlparse(url)
    loopback = parsed.hostname in ("127.0.0.1", "localhost", "::1")
    if parsed.scheme != "https" and not (parsed.scheme == "http" and loopback):
        raise SingleSignOnError("insecure_url")
    return url


def _fetch_json(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        _check_url(url), data=data, headers={"Accept": "application/json", **(headers or {})}
    )
    try:
        # _check_url allows only https (or http to this machine, for the test's stub provider).
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310  # nosec B310
            return json.loads(response.read(1_000_000))
    except urllib.error.HTTPError as error:
        raise SingleSignOnError(f"http_{error.code}") from None
    except (urllib.error.URLError, TimeoutError, ValueError):
        raise SingleSignOnError("provider_unreachable") from None


_discovery: dict[str, tuple[float, dict[str, Any]]] = {}
_key_clients: dict[str, jwt.PyJWKClient] = {}


def discovery(config: Provider) -> dict[str, Any]:
    cached = _discovery.get(config.issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    document = _fetch_json(config.issuer.rstrip("/") + "/.well-known/openid-configuration")
    if not isinstance(document, dict) or document.get("issuer") != config.issuer:
        raise SingleSignOnError("discovery_issuer_mismatch")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        _check_url(str(document.get(key, "")))
    _discovery[config.issuer] = (time.monotonic(), document)
    return document


def _key_client(jwks_uri: str) -> jwt.PyJWKClient:
    client = _key_clients.get(jwks_uri)
    if client is None:
        client = jwt.PyJWKClient(_check_url(jwks_uri), lifespan=3600, timeout=TIMEOUT_SECONDS)
        _key_clients[jwks_uri] = client
    return client


def forget_cached_provider_data() -> None:
    """For tests, and after the provider rotates its configuration."""
    _discovery.clear()
    _key_clients.clear()


# --- the flow -------------------------------------------------------------------------------


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def authorisation_request(config: Provider, redirect_uri: str) -> tuple[str, dict[str, str]]:
    """The provider URL to send the browser to, and what to keep in the session for the
    callback (state, nonce, PKCE verifier)."""
    document = discovery(config)
    kept = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(64),
        "redirect_uri": redirect_uri,
    }
    challenge = _b64url(hashlib.sha256(kept["verifier"].encode("ascii")).digest())
    query = urllib.parse.urlencode({
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": redirect_uri,
        "scope": config.scopes,
        "state": kept["state"],
        "nonce": kept["nonce"],
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    })  # fmt: skip
    endpoint = str(document["authorization_endpoint"])
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}", kept


def _token_request(config: Provider, document: dict[str, Any], code: str, kept: dict[str, str]):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": kept["redirect_uri"],
        "code_verifier": kept["verifier"],
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if "client_secret_basic" in methods:
        # RFC 6749 2.3.1: the id and secret are form-encoded before Basic encoding.
        quote = urllib.parse.quote_plus
        pair = f"{quote(config.client_id)}:{quote(config.client_secret)}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode("ascii")
    else:
        form |= {"client_id": config.client_id, "client_secret": config.client_secret}
    data = urllib.parse.urlencode(form).encode("ascii")
    return _fetch_json(str(document["token_endpoint"]), data=data, headers=headers)


def verify_id_token(config: Provider, document: dict[str, Any], token: str, nonce: str) -> dict:
    offered = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [alg for alg in offered if alg in ASYMMETRIC_ALGORITHMS]
    if not algorithms:
        raise SingleSignOnError("no_acceptable_algorithm")
    try:
        key = _key_client(str(document["jwks_uri"])).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=algorithms,
            audience=config.client_id,
            issuer=config.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.InvalidIssuerError:
        raise SingleSignOnError("wrong_issuer") from None
    except jwt.InvalidAudienceError:
        raise SingleSignOnError("wrong_audience") from None
    except jwt.ExpiredSignatureError:
        raise SingleSignOnError("expired") from None
    except jwt.InvalidSignatureError:
        raise SingleSignOnError("bad_signature") from None
    except (jwt.PyJWKClientError, jwt.InvalidTokenError):
        raise SingleSignOnError("invalid_id_token") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != config.client_id:
        raise SingleSignOnError("wrong_authorised_party")
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SingleSignOnError("wrong_nonce")
    return claims


def identity_from_callback(config: Provider, params: dict[str, str], kept: dict[str, str]):
    """Everything after the provider sends the browser back: state, code exchange, ID token,
    and the email from the ID token (or the userinfo endpoint when the token lacks it)."""
    if not kept or not secrets.compare_digest(params.get("state", ""), kept.get("state", "")):
        raise SingleSignOnError("wrong_state")
    if params.get("error"):
        raise SingleSignOnError("provider_refused")
    if not params.get("code"):
        raise SingleSignOnError("no_code")
    document = discovery(config)
    tokens = _token_request(config, document, params["code"], kept)
    if not isinstance(tokens, dict) or not tokens.get("id_token"):
        raise SingleSignOnError("no_id_token")
    claims = verify_id_token(config, document, str(tokens["id_token"]), kept["nonce"])
    email = claims.get(config.email_claim)
    if not email and document.get("userinfo_endpoint") and tokens.get("access_token"):
        info = _fetch_json(
            str(document["userinfo_endpoint"]),
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
        )
        if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
            raise SingleSignOnError("userinfo_subject_mismatch")
        claims = {**info, **claims}
        email = info.get(config.email_claim)
    if claims.get("email_verified") is False:
        raise SingleSignOnError("email_not_verified")
    if not email or "@" not in str(email):
        raise SingleSignOnError("no_email")
    amr = claims.get("amr") or []
    return Identity(
        subject=str(claims["sub"]),
        email=str(email).strip(),
        amr=tuple(str(a) for a in amr) if isinstance(amr, list) else (),
        claims=claims,
    )
