"""`supervise secrets new-key` and `supervise secrets reencrypt`: the keys that encrypt the
two-factor keys at rest (docs/security.md, "Secrets at rest").

Rotation: put a new key first in SUPERVISE_FIELD_ENCRYPTION_KEYS (keep the old one after it),
restart, run `supervise secrets reencrypt`, then remove the old key.
"""

from __future__ import annotations

import argparse
import sys

from supervise.commands.common import require_migrated, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="encryption keys for two-factor keys at rest")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser(
        "new-key", help="print a new random key for SUPERVISE_FIELD_ENCRYPTION_KEYS"
    ).set_defaults(run=run_new_key)
    actions.add_parser(
        "reencrypt",
        help="re-encrypt every stored two-factor key with the first key (exit 1 if some "
        "cannot be decrypted)",
    ).set_defaults(run=run_reencrypt)


def run_new_key(args: argparse.Namespace) -> int:
    from supervise.accounts.secrets_at_rest import new_key

    print(new_key())
    return 0


def run_reencrypt(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("secrets reencrypt"):
        return 2
    from supervise.accounts import secrets_at_rest
    from supervise.accounts.two_factor import secrets_reencrypt

    try:
        rewritten, unreadable = secrets_reencrypt()
    except secrets_at_rest.SecretsAtRestError as error:  # no key, or a malformed one
        print(f"supervise secrets reencrypt: {error}", file=sys.stderr)
        return 2
    print(f"supervise secrets reencrypt: {rewritten} two-factor key(s) re-encrypted")
    if unreadable:
        ids = ", ".join(str(user_id) for user_id in unreadable)
        print(
            f"supervise secrets reencrypt: {len(unreadable)} key(s) cannot be decrypted with any "
            f"listed key (user ids {ids}); keep the old key listed, or reset their two-factor "
            "authentication",
            file=sys.stderr,
        )
        return 1
    return 0
