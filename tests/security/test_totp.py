"""RFC 6238 TOTP: the RFC's own test vectors, the window, and the QR code."""

from __future__ import annotations

import base64

import pytest

from supervise.accounts import totp

RFC_SEED = base64.b32encode(b"12345678901234567890").decode()  # RFC 6238 appendix B, SHA-1


@pytest.mark.parametrize(
    ("unix_time", "expected"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc_6238_vectors(unix_time: int, expected: str) -> None:
    assert totp.hotp(totp._key(RFC_SEED), totp.step_at(unix_time), digits=8) == expected


def test_six_digit_code_is_the_last_six_of_the_rfc_value() -> None:
    assert totp.code_at(RFC_SEED, 59) == "287082"


def test_window_accepts_one_step_either_side_only() -> None:
    now = 1_700_000_000.0
    step = totp.step_at(now)
    for offset in (-1, 0, 1):
        code = totp.code_at(RFC_SEED, now + offset * totp.STEP_SECONDS)
        assert totp.matching_step(RFC_SEED, code, now) == step + offset
    for offset in (-3, -2, 2, 3):
        code = totp.code_at(RFC_SEED, now + offset * totp.STEP_SECONDS)
        if code not in {totp.code_at(RFC_SEED, now + o * 30) for o in (-1, 0, 1)}:
            assert totp.matching_step(RFC_SEED, code, now) is None


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5"])
def test_malformed_codes_never_match(bad: str) -> None:
    assert totp.matching_step(RFC_SEED, bad, 59) is None


def test_spaces_in_a_code_are_ignored() -> None:
    code = totp.code_at(RFC_SEED, 59)
    assert totp.matching_step(RFC_SEED, f"{code[:3]} {code[3:]}", 59) == 1


def test_new_secrets_are_random_base32_of_160_bits() -> None:
    one, two = totp.new_secret(), totp.new_secret()
    assert one != two
    assert len(totp._key(one)) == 20


def test_provisioning_uri_and_qr_code_are_made_on_the_server() -> None:
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", "alex", "Supervise")
    assert uri.startswith("otpauth://totp/Supervise%3Aalex?secret=JBSWY3DPEHPK3PXP")
    assert "issuer=Supervise" in uri
    assert "period=30" in uri
    assert "digits=6" in uri
    image = totp.qr_svg_data_uri(uri)
    assert image.startswith("data:image/svg+xml")
