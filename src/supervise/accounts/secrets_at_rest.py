"""Encrypting secrets at rest: the TOTP keys of `accounts.TwoFactor`, which let whoever holds
them generate a person's codes. A database dump or backup alone then gives no working second
factors; the encryption keys live in the environment, not the database (docs/security.md,
"Secrets at rest").

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`). Keys come from the setting
`SUPERVISE_FIELD_ENCRYPTION_KEYS`: the first encrypts, every one is tried to decrypt, so a key is
rotated by putting a new one first and re-encrypting (`supervise secrets reencrypt`).

Stored form: `fernet1:<token>`. Base32 keys never contain ":", so a stored value without the
prefix is a plain one from before encryption (migration 0005 encrypts those).

Pure functions: `keys` defaults to the setting, and tests pass their own.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "fernet1:"
SETTING = "SUPERVISE_FIELD_ENCRYPTION_KEYS"
_DEVELOPMENT_INFO = b"supervise field encryption keys: development and tests only"


class SecretsAtRestError(Exception):
    """Base of the errors below; the messages are for the installation's staff and never hold
    a secret or a key."""


class KeysMissing(SecretsAtRestError):
    pass


class KeyInvalid(SecretsAtRestError):
    pass


class SecretUnreadable(SecretsAtRestError):
    pass


def new_key() -> str:
    """A new random key for `SUPERVISE_FIELD_ENCRYPTION_KEYS`."""
    return Fernet.generate_key().decode("ascii")


def development_key(secret_key: str) -> str:
    """A key derived from SECRET_KEY with HKDF-SHA256, for the development and test settings
    only: there SECRET_KEY is in the source code, so this key protects nothing. Production
    reads its keys from the environment, and `check --deploy` refuses this one (E009)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_DEVELOPMENT_INFO)
    return base64.urlsafe_b64encode(derived.derive(secret_key.encode("utf-8"))).decode("ascii")


def configured_keys() -> list[str]:
    return list(getattr(settings, SETTING, None) or [])


def key_problems(keys: Sequence[str]) -> list[str]:
    """What is wrong with a list of keys ([] when it is usable); positions count from 1."""
    if not keys:
        return [f"{SETTING} is empty: no key to encrypt two-factor keys with"]
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError, binascii.Error):
            problems.append(
                f"key {position} of {SETTING} is not a Fernet key "
                "(32 random bytes in URL-safe Base64, 44 characters)"
            )
    return problems


def _fernet(keys: Sequence[str] | None) -> MultiFernet:
    keys = configured_keys() if keys is None else list(keys)
    problems = key_problems(keys)
    if not keys:
        raise KeysMissing(problems[0])
    if problems:
        raise KeyInvalid("; ".join(problems))
    return MultiFernet([Fernet(key) for key in keys])


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def encrypt(plaintext: str, *, keys: Sequence[str] | None = None) -> str:
    """The stored form of a secret, encrypted with the first key."""
    if not plaintext:
        raise ValueError("There is no secret to encrypt")
    token = _fernet(keys).encrypt(plaintext.encode("utf-8"))
    return PREFIX + token.decode("ascii")


def decrypt(stored: str, *, keys: Sequence[str] | None = None) -> str:
    """The secret from its stored form, with whichever key encrypted it. A value that is not
    in the stored form is refused rather than passed through: after migration 0005 a plain
    value in the column means someone wrote around this module."""
    if not is_encrypted(stored):
        raise SecretUnreadable("The stored value is not encrypted (expected the fernet1: form)")
    fernet = _fernet(keys)
    try:
        return fernet.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise SecretUnreadable(
            f"The stored value cannot be decrypted with any key in {SETTING}: it was encrypted "
            "with a key that is no longer listed, or it was altered"
        ) from None


def reencrypt(stored: str, *, keys: Sequence[str] | None = None) -> str:
    """The stored form again, encrypted with the first key (rotation); a plain value is
    encrypted. Raises SecretUnreadable if no listed key decrypts it."""
    if not is_encrypted(stored):
        return encrypt(stored, keys=keys)
    fernet = _fernet(keys)
    try:
        return PREFIX + fernet.rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")
    except InvalidToken:
        raise SecretUnreadable(
            f"The stored value cannot be decrypted with any key in {SETTING}"
        ) from None
