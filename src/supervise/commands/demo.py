"""`supervise demo`: generate (once) and load the demo authority, with a sign-in per role."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from supervise.commands.common import parse_date, setup_django
from supervise.config.settings.database import project_root


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="load the demo authority (development only)")
    parser.add_argument(
        "--folder",
        type=Path,
        default=None,
        help="interchange folder (default: generate var/demo-authority)",
    )
    parser.add_argument("--org", default="demo")
    parser.add_argument("--policy", default="hull")
    parser.add_argument("--as-of", type=parse_date, default=None)
    parser.set_defaults(run=run)


DEMO_SIZE = {"staff": 80, "children": 700, "years": 2, "seed": 7}


def demo_folder(as_of: date) -> Path:
    """var/demo-authority, generated unless it was generated for this day by this generator:
    a demo's dates are relative to today, and an older folder may hold what the generator now
    avoids (a weekend signature, say)."""
    from supervise.generate import made_with, write_authority
    from supervise.generate.writer import generated_with

    folder = project_root() / "var" / "demo-authority"
    if generated_with(folder) != made_with(**DEMO_SIZE, as_of=as_of):
        write_authority(folder, **DEMO_SIZE, as_of=as_of)
    return folder


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    folder = args.folder or demo_folder(as_of)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from supervise.demo.services import DEMO_PASSWORD, demo_load

    sign_ins = demo_load(
        folder=folder,
        slug=args.org,
        policy=args.policy,
        name="Demo Borough Council (Children's Services)",
        as_of=as_of,
    )
    print(
        f"Demo authority loaded as organisation {args.org!r} ({args.policy} policy): try "
        f"`supervise report --org {args.org} --as-of {as_of.isoformat()}`."
    )
    print(f"Sign in with password {DEMO_PASSWORD!r}:")
    for sign_in in sign_ins:
        print(f"  {sign_in.role:34} {sign_in.username:10} {sign_in.who}")
    from supervise.demo.services import demo_totp_secret

    if demo_totp_secret():
        print("Two-factor code: run `supervise totp USERNAME` (development settings only), or add")
        print(f"the demo key {demo_totp_secret()} to an authenticator app.")
    return 0
