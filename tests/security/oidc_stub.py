"""A local OpenID Connect provider for the tests: a real HTTP server on 127.0.0.1 (a thread),
serving discovery, authorisation (redirecting back with a code), token (an ID token signed with
an RSA key it publishes at its JWKS endpoint) and userinfo.

`misbehave` makes it answer as a broken or hostile provider would: "bad_signature" (signed
with a key it does not publish), "wrong_issuer", "wrong_nonce", "wrong_audience", "expired".
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "supervise-test"
CLIENT_SECRET = "stub-client-secret"  # noqa: S105 - a test provider's
KEY_ID = "stub-key-1"


@functools.cache
def _keys() -> tuple[rsa.RSAPrivateKey, rsa.RSAPrivateKey]:
    """The provider's signing key and an impostor's (made once: RSA key generation is slow)."""
    return tuple(  # type: ignore[return-value]
        rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2)
    )


class StubProvider:
    def __init__(self) -> None:
        self.key, self.impostor_key = _keys()
        self.claims: dict[str, Any] = {}
        self.userinfo: dict[str, Any] | None = None
        self.misbehave = ""
        self.codes: dict[str, dict[str, str]] = {}
        self.token_requests: list[dict[str, Any]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> StubProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def settings(self, organisation: str, **overrides: Any) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "organisation": organisation,
            **overrides,
        }

    # --- what the endpoints answer ------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict[str, str]) -> str:
        assert query["client_id"] == CLIENT_ID
        assert query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = query
        back = urllib.parse.urlencode({"code": code, "state": query["state"]})
        return f"{query['redirect_uri']}?{back}"

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != f"Basic {expected}":
            return 401, {"error": "invalid_client"}
        request = self.codes.pop(form.get("code", ""), None)  # a code works once
        if request is None or form.get("redirect_uri") != request["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if challenge.decode() != request["code_challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": request["nonce"],
            **self.claims,
        }
        key = self.key
        if self.misbehave == "bad_signature":
            key = self.impostor_key
        elif self.misbehave == "wrong_issuer":
            claims["iss"] = "http://127.0.0.1:1/someone-else"
        elif self.misbehave == "wrong_nonce":
            claims["nonce"] = "a-nonce-from-another-sign-in"
        elif self.misbehave == "wrong_audience":
            claims["aud"] = "another-client"
        elif self.misbehave == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})
        access_token = secrets.token_urlsafe(16)
        self.access_tokens = {access_token}
        return 200, {"access_token": access_token, "token_type": "Bearer",
                     "expires_in": 300, "id_token": id_token}  # fmt: skip

    def user_info(self, authorization: str) -> tuple[int, dict[str, Any]]:
        token = authorization.removeprefix("Bearer ")
        if token not in getattr(self, "access_tokens", set()) or self.userinfo is None:
            return 401, {"error": "invalid_token"}
        return 200, self.userinfo

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _json(self, status: int, body: Any) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == "/.well-known/openid-configuration":
                    self._json(200, stub.discovery())
                elif url.path == "/jwks":
                    self._json(200, stub.jwks())
                elif url.path == "/authorize":
                    self.send_response(302)
                    self.send_header("Location", stub.authorize(query))
                    self.end_headers()
                elif url.path == "/userinfo":
                    self._json(*stub.user_info(self.headers.get("Authorization", "")))
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                if self.path == "/token":
                    self._json(*stub.token(form, self.headers.get("Authorization", "")))
                else:
                    self._json(404, {"error": "not_found"})

        return Handler


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def follow_to_provider_and_back(url: str) -> str:
    """What the browser does at the provider: returns the callback path and query it is sent
    back to (the person "signs in" at the stub without being asked anything)."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(url, timeout=10)  # noqa: S310 - the stub on 127.0.0.1
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302:
            raise
        location = urllib.parse.urlparse(redirect.headers["Location"])
        return f"{location.path}?{location.query}"
    raise AssertionError("the stub did not redirect back")
