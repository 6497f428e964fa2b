"""The database guards as production has them, for tests: the test settings keep the connection
in *maintenance* (so that the test runner may empty tables), which would hide what the guards
refuse. Shared by the guard, audit and retention tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, InternalError, OperationalError, connection, transaction
from django.test import override_settings

# What a refused statement raises: SQLite's RAISE(ABORT) is an IntegrityError, PostgreSQL's
# exception an IntegrityError or, for some statements, an InternalError.
REFUSED = (IntegrityError, InternalError, OperationalError)


@contextmanager
def guards_on() -> Iterator[None]:
    """Maintenance off for the block (and the rest of the test's transaction on PostgreSQL)."""
    with override_settings(SUPERVISE_DB_MAINTENANCE=False), transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL supervise.maintenance = 'off'")
        yield
