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

    from supervise.commands.common import unapplied_migrations

    pending = unapplied_migrations()
    call_command("migrate", verbosity=0, interactive=False)
    done = f"applied {len(pending)} migration(s)" if pending else "nothing to apply"
    print(f"supervise migrate: {database_label()} is up to date ({done})")
    return 0
