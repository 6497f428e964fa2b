"""`supervise totp USERNAME`: the current two-factor code of a demo account.

Development settings only, and only for accounts whose key is the demo's shared key
(SUPERVISE_DEMO_TOTP_SECRET): it can never print the code of a real person's app.
"""

from __future__ import annotations

import argparse
import sys
import time

from supervise.commands.common import setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(
        name, help="print a demo account's current two-factor code (development only)"
    )
    parser.add_argument("username")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from supervise.accounts import totp
    from supervise.accounts.models import TwoFactor
    from supervise.accounts.two_factor import device_has_secret
    from supervise.demo.services import demo_totp_secret

    secret = demo_totp_secret()
    if not secret:
        print("supervise totp works with the development settings only (the demo's key).",
              file=sys.stderr)  # fmt: skip
        return 2
    device = TwoFactor.objects.filter(user__username=args.username).first()
    if device is None or not device_has_secret(device, secret):
        print(f"{args.username!r} is not a demo account with the demo's key.", file=sys.stderr)
        return 2
    now = time.time()
    left = totp.STEP_SECONDS - int(now) % totp.STEP_SECONDS
    print(f"{totp.code_at(secret, now)}  (changes in {left} seconds)")
    return 0
