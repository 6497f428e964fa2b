"""Argument types shared by the subcommands."""

from __future__ import annotations

import argparse
from datetime import date


def parse_date(text: str) -> date:
    """A `YYYY-MM-DD` date, strictly (argparse turns the ValueError into exit status 2)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: {error}") from None


def soon_days(text: str) -> int:
    """The due-soon window: a whole number of days, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days (0 or more)")
    return int(text)


def setup_django() -> None:
    """Django for the database commands; DATABASE_URL chooses the database (INTERCHANGE.md)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supervise.config.settings.dev")
    django.setup()


def unapplied_migrations() -> list[str]:
    """Migrations not yet applied to the database (empty when it is up to date)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(targets)]


def database_label() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"SQLite {settings['NAME']}"
    return f"PostgreSQL {settings.get('HOST') or 'localhost'}/{settings['NAME']}"


def require_migrated(command: str) -> bool:
    """Say so (and return False) when the database has not been set up."""
    import sys

    from django.db.utils import OperationalError, ProgrammingError

    try:
        pending = unapplied_migrations()
    except (OperationalError, ProgrammingError) as error:
        print(
            f"supervise {command}: cannot use the database ({database_label()}): {error}",
            file=sys.stderr,
        )
        return False
    if pending:
        print(
            f"supervise {command}: the database ({database_label()}) is not set up or is out of "
            f"date ({len(pending)} migrations to apply): run `supervise migrate` first",
            file=sys.stderr,
        )
        return False
    return True
