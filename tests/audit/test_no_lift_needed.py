"""Imports and the demo write finalised records without lifting any guard: each record's rows
go in before the record is finalised. Shown on SQLite by taking the lift away beneath the
application (the connection's guard function answers "no" for `import`); on PostgreSQL the
role test (test_database_roles.py) imports as an application role that may not lift it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from supervise.audit.dbguard import _sqlite_guard
from supervise.demo.services import demo_load
from supervise.generate import write_authority
from supervise.imports.services import folder_import
from supervise.organisations.services import organisation_create
from supervise.sessions.models import Action, CaseDiscussion, RecordEntry, Session
from supervise.sessions.states import RecordStatus
from tests.audit.guards import guards_on
from tests.conftest import EXAMPLES

pytestmark = [
    pytest.mark.django_db,
    # On PostgreSQL, test_database_roles.py imports as a role that cannot lift the guards;
    # scripts/test-postgres leaves these out (never a skip).
    pytest.mark.sqlite,
]


@contextmanager
def import_lift_refused() -> Iterator[None]:
    """The database answers "not lifted" for `import`, whatever the application asks."""
    connection.ensure_connection()
    raw = connection.connection
    raw.create_function(
        "supervise_guard", 1, lambda name: 0 if name == "import" else _sqlite_guard(name)
    )
    try:
        with guards_on():
            yield
    finally:
        raw.create_function("supervise_guard", 1, _sqlite_guard, deterministic=False)


def test_an_import_of_finalised_records_needs_no_lift(db) -> None:
    organisation = organisation_create(slug="hull-x", name="Hull", policy="hull")
    with import_lift_refused():
        outcome = folder_import(organisation=organisation, folder=EXAMPLES / "hull-basic")
    assert outcome.ok, outcome.problems
    final = Session.objects.filter(organisation=organisation, record_status=RecordStatus.FINALISED)
    assert final.exists()
    assert CaseDiscussion.objects.filter(session__in=final).exists()
    with import_lift_refused():  # importing it again changes nothing
        again = folder_import(organisation=organisation, folder=EXAMPLES / "hull-basic")
    assert again.ok, again.problems
    assert all(c.created == c.updated == c.deleted == 0 for c in again.changes.values())


def test_the_demo_writes_finalised_records_without_a_lift(db, tmp_path: Path) -> None:
    as_of = date(2026, 11, 23)
    write_authority(tmp_path, staff=12, children=40, years=1, seed=5, as_of=as_of)
    with import_lift_refused():
        demo_load(folder=tmp_path, slug="demo", policy="hull", name="Demo", as_of=as_of)
    final = Session.objects.filter(record_status=RecordStatus.FINALISED)
    assert final.exists()
    assert RecordEntry.objects.filter(session__in=final).exists()
    assert Action.objects.filter(session__in=final).exists()
    assert (
        not Session.objects.filter(finalised_on__isnull=False)
        .exclude(record_status=RecordStatus.FINALISED)
        .exists()
    )
