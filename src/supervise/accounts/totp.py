"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps,
6 digits, what every authenticator app uses by default. Pure functions; the models and the
replay rule live in `supervise.accounts.two_factor`.

Written here rather than taken from a package: it is 40 lines, checked against the RFC's test
vectors (tests/security/test_totp.py), and has no other dependency.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
WINDOW = 1  # accept the previous and the next step too: clocks drift, people type slowly
SECRET_BYTES = 20  # 160 bits, as RFC 4226 recommends for HMAC-SHA1


def new_secret() -> str:
    """A random key in Base32 without padding (32 characters), as apps expect it."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def step_at(unix_time: float) -> int:
    return int(unix_time // STEP_SECONDS)


def hotp(key: bytes, counter: int, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 section 5.3: dynamic truncation of the HMAC of the counter."""
    mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, digest)).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def code_at(secret: str, unix_time: float) -> str:
    return hotp(_key(secret), step_at(unix_time))


def matching_step(secret: str, code: str, unix_time: float, window: int = WINDOW) -> int | None:
    """The time step whose code this is (within the window), or None. Compares in constant
    time and checks every step in the window, so timing says nothing about which matched."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    key = _key(secret)
    now = step_at(unix_time)
    found = None
    for step in range(now - window, now + window + 1):
        if hmac.compare_digest(hotp(key, step), code):
            found = step
    return found


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The `otpauth://` link an authenticator app reads from the QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode({"secret": secret, "issuer": issuer, "algorithm": "SHA1",
                       "digits": DIGITS, "period": STEP_SECONDS})  # fmt: skip
    return f"otpauth://totp/{label}?{query}"


def qr_svg_data_uri(text: str) -> str:
    """The QR code as an SVG `data:` URI, drawn on the server (no script, no outside service;
    the Content-Security-Policy allows `data:` images)."""
    import segno

    return str(segno.make(text, error="m").svg_data_uri(scale=5, border=4))


def grouped(secret: str, size: int = 4) -> str:
    """The key in groups of four, easier to type from the screen into an app."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
