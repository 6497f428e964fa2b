"""`supervise migrate`: create or upgrade the database's tables."""

from __future__ import annotations

import argparse

from supervise.commands.common import database_label, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(
        name,
        help="create or upgrade the database's tables (DATABASE_URL, default var/)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print(f"supervise migrate: {database_label()} is up to date")
    return 0
