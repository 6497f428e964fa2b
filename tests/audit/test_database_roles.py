"""The production role layout on PostgreSQL (docs/security.md, "Database roles"): an application
role that owns nothing, granted by `supervise db grant`, cannot get round the guards by any
means the security review found (setting a lift itself, disabling a trigger, a temporary table
standing in for one the guards consult), while everything the application does still works for
it; and only the retention job's role destroys a file that is due. The roles are created for the
test and dropped after it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

import psycopg
import pytest
from django.db import connection, connections

from supervise.audit.models import AuditAnchor, AuditEntry
from supervise.audit.roles import LIFT_ROLES, grant_sql, role_problems
from supervise.audit.services import audit_anchor, audit_record, audit_verify
from supervise.cli import main
from supervise.demo.services import demo_load
from supervise.files.models import Tombstone
from supervise.files.services.retention import RetentionRefused, file_destroy, retention_run
from supervise.generate import write_authority
from supervise.imports.services import folder_import
from supervise.organisations.services import organisation_create
from supervise.people.models import StaffMember
from supervise.sessions.models import Action, RecordEntry, Session
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.conftest import EXAMPLES
from tests.files.test_retention import finalised

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "not os.environ.get('DATABASE_URL', '').startswith('postgres')",
        reason="needs PostgreSQL (roles): run by scripts/test-postgres",
    ),
]
APP = f"supervise_test_app_{os.getpid()}"
RETENTION = f"supervise_test_retention_{os.getpid()}"
AS_OF = date(2026, 11, 23)
DENIED = psycopg.errors.InsufficientPrivilege
GUARDED = psycopg.errors.IntegrityConstraintViolation


def sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


@pytest.fixture
def roles(transactional_db) -> Iterator[None]:
    """The application and retention roles (and the lift roles, if this cluster has none yet),
    granted as `supervise db grant` grants them; all dropped afterwards."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [list(LIFT_ROLES.values())]
        )
        existing = {name for (name,) in cursor.fetchall()}
    sql(f"CREATE ROLE {APP} LOGIN")
    sql(f"CREATE ROLE {RETENTION} LOGIN")
    try:
        for statement in grant_sql(
            app_role=APP, retention_role=RETENTION, database=connection.settings_dict["NAME"]
        ):
            sql(statement)
        yield
    finally:
        connections["default"].close()
        for role in (APP, RETENTION):
            sql(f"DROP OWNED BY {role}")  # its grants in this database
            sql(f"DROP ROLE {role}")
        for role in set(LIFT_ROLES.values()) - existing:
            sql(f"DROP ROLE IF EXISTS {role}")


def raw_as(role: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=int(settings["PORT"] or 5432),
        user=role,
        dbname=settings["NAME"],
    )


def refused(conn: psycopg.Connection, error: type[Exception], *statements: str) -> None:
    """The last statement fails (the ones before it, settings, succeed), in one transaction."""
    *before, last = statements
    with conn.transaction(force_rollback=True):
        for statement in before:
            conn.execute(statement)
        with pytest.raises(error):
            conn.execute(last)


@contextmanager
def as_role(role: str) -> Iterator[None]:
    """The application's code, connected as `role` (and without the test settings'
    maintenance option, which only a superuser's connection may use)."""
    original = connections["default"]
    wrapper = original.copy()
    wrapper.settings_dict["USER"] = role
    wrapper.settings_dict["OPTIONS"] = {}
    connections["default"] = wrapper
    try:
        yield
    finally:
        wrapper.close()
        connections["default"] = original


def test_the_application_role_cannot_get_round_the_guards(roles, team) -> None:
    session = finalised(team, team.worker, date(2026, 3, 2))
    entry = audit_record(action="test.event")
    with connection.cursor() as cursor:
        assert role_problems(cursor, app_role=APP) == []
    with raw_as(APP) as conn:
        for lift in ("", "SET LOCAL supervise.maintenance = 'on'"):
            for statement in (
                f"UPDATE audit_auditentry SET action = 'x' WHERE id = {entry.pk}",
                f"DELETE FROM audit_auditentry WHERE id = {entry.pk}",
                "TRUNCATE audit_auditentry",
                "DELETE FROM audit_auditanchor",
            ):
                refused(conn, DENIED, *filter(None, [lift, statement]))
        protected = (
            f"UPDATE supervision_session SET held_on = '2026-01-01' WHERE id = {session.pk}",
            f"DELETE FROM supervision_recordentry WHERE session_id = {session.pk}",
            f"DELETE FROM supervision_session WHERE id = {session.pk}",
            "INSERT INTO supervision_recordentry (session_id, heading, text, confidential) "
            f"VALUES ({session.pk}, 'health', 'added', false)",
        )
        for flag in ("retention", "import", "maintenance"):
            lift = f"SET LOCAL supervise.{flag} = 'on'"
            for statement in protected:
                refused(conn, GUARDED, lift, statement)
            with conn.transaction():
                conn.execute(lift)
                assert conn.execute(f"SELECT supervise_guard('{flag}')").fetchone() == (False,)
        for table in ("audit_auditentry", "supervision_session", "supervision_recordentry"):
            refused(conn, DENIED, f"ALTER TABLE {table} DISABLE TRIGGER ALL")
            refused(conn, DENIED, f"DROP TRIGGER supervise_guard_{table} ON {table}")
        refused(conn, DENIED, "SET session_replication_role = replica")
        refused(conn, DENIED, "CREATE OR REPLACE FUNCTION supervise_guard(name text) "
                "RETURNS boolean AS $$ SELECT true $$ LANGUAGE sql")  # fmt: skip
        refused(conn, DENIED, "CREATE SCHEMA shadow")
        refused(conn, DENIED, "CREATE TEMPORARY TABLE supervision_session (id bigint)")
    assert AuditEntry.objects.filter(pk=entry.pk, action="test.event").exists()
    assert RecordEntry.objects.get(session=session).text == "Private matter"


def test_a_temporary_table_cannot_stand_in_for_one_the_guards_consult(roles, team) -> None:
    """Were the application role allowed temporary tables, the guards would still read the real
    `supervision_session`: their search_path puts pg_temp last."""
    session = finalised(team, team.worker, date(2026, 3, 2))
    sql(f"GRANT TEMPORARY ON DATABASE {connection.settings_dict['NAME']} TO {APP}")
    with raw_as(APP) as conn:
        refused(
            conn, GUARDED,
            "CREATE TEMPORARY TABLE supervision_session (id bigint, record_status text)",
            f"INSERT INTO supervision_session VALUES ({session.pk}, 'draft')",
            f"UPDATE public.supervision_recordentry SET text = 'x' WHERE session_id = {session.pk}",
        )  # fmt: skip
    assert RecordEntry.objects.get(session=session).text == "Private matter"


def test_the_application_still_works_for_its_role(roles, team, tmp_path) -> None:
    from supervise.sessions.services import (
        record_save,
        record_send,
        record_sign,
        session_hold,
        session_schedule,
    )

    with as_role(APP):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (APP,)
        [session] = session_schedule(
            actor=team.manager.user, supervisee=team.worker, on=date(2026, 3, 2)
        )
        session = session_hold(actor=team.manager.user, session=session, held_on=date(2026, 3, 2))
        record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Draft"})
        record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Redraft"})
        record_send(actor=team.manager.user, session=session)
        session = record_sign(actor=team.worker.user, session=session)
        assert session.record_status == RecordStatus.FINALISED
        # An import of finalised records with their discussions: no lift needed.
        organisation = organisation_create(slug="hull-app", name="Hull", policy="hull")
        outcome = folder_import(organisation=organisation, folder=EXAMPLES / "hull-basic")
        assert outcome.ok, outcome.problems
        assert Session.objects.filter(
            organisation=organisation,
            record_status=RecordStatus.FINALISED,
            discussions__isnull=False,
        ).exists()
        # The demo writes its finalised records' words, actions and agendas without a lift too.
        write_authority(tmp_path, staff=12, children=40, years=1, seed=5, as_of=AS_OF)
        demo_load(folder=tmp_path, slug="demo", policy="hull", name="Demo", as_of=AS_OF)
        assert Action.objects.filter(session__record_status=RecordStatus.FINALISED).exists()
        audit_anchor()
        assert list(audit_verify()) == []
        assert main(["audit", "verify"]) == 0
    assert AuditAnchor.objects.count() == 2


def test_only_the_retention_role_destroys_a_file_that_is_due(roles, team, time_machine) -> None:
    finalised(team, team.worker, date(2026, 3, 2))
    StaffMember.objects.filter(pk=team.worker.pk).update(left_on=date(2026, 3, 31))
    hr = f.UserFactory(organisation=team.org, roles=["hr"])
    time_machine.move_to(datetime(2033, 4, 1, 12, tzinfo=ZoneInfo("Europe/London")), tick=False)
    with as_role(APP), pytest.raises(RetentionRefused, match="may not lift the retention guard"):
        file_destroy(actor=hr, staff=team.worker)
    assert Session.objects.filter(supervisee=team.worker).exists()
    with as_role(RETENTION):
        [done] = retention_run(organisation=team.org)
    assert (done.outcome, done.failed) == ("destroyed", False)
    assert not Session.objects.filter(supervisee=team.worker).exists()
    assert Tombstone.objects.filter(staff_external_id=team.worker.external_id).exists()


def test_the_grant_command_prints_and_applies_the_layout(roles, capsys) -> None:
    assert main(["db", "grant", "--app-role", APP, "--retention-role", RETENTION]) == 0
    printed = capsys.readouterr().out
    assert "REVOKE UPDATE, DELETE, TRUNCATE ON" in printed
    assert f'GRANT supervise_retention TO "{RETENTION}"' in printed
    sql(f"GRANT supervise_retention TO {APP}")  # a slip an administrator might make
    with connection.cursor() as cursor:
        assert role_problems(cursor, app_role=APP) == [
            f"{APP} is a member of supervise_retention: it can lift the retention guard"
        ]
    assert main(["db", "grant", "--app-role", APP, "--apply"]) == 0  # takes it back
    assert "cannot get round the database guards" in capsys.readouterr().out
    with connection.cursor() as cursor:
        owner = role_problems(cursor, app_role=connection.settings_dict["USER"])
    assert any("superuser" in p for p in owner)
    assert any("owns" in p for p in owner)
