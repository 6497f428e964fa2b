"""Protection in the database itself, beneath the application.

- The audit trail and its anchors are append-only: an UPDATE of an audit row always fails; a
  DELETE (or TRUNCATE) fails unless the connection is in *maintenance* (only the test suite's
  table flushes are).
- A finalised supervision record cannot be changed: an UPDATE of a finalised session, or of the
  entries, case discussions, agenda, participants and addenda of a finalised record, fails, and
  so does adding any of them (or an action) to it; an action keeps what was agreed (its status
  may move on); the child's-record entry written from it keeps its text and its link to the
  discussion; a signed agreement keeps its terms and never goes back to a draft. Such rows can
  be deleted only by the *retention* job (or in maintenance), which destroys leavers' files when
  the policy's retention period has ended.

On PostgreSQL a flag is a transaction-local setting (`SET LOCAL supervise.retention = 'on'`),
which any role may set: so it counts only for a role entitled to it, a member of the role
`supervise_retention` (`supervise_maintenance`, `supervise_import`) or a superuser. The
application's own role is none of these in production (docs/security.md, "Database roles";
`supervise db grant`), does not own the tables (so cannot disable the triggers) and may only
SELECT and INSERT the audit tables. The trigger functions pin their `search_path`, so that a
temporary table cannot stand in for the table they consult. On SQLite a function registered on
each connection by the application answers the flags, so that any other SQLite client, lacking
the function, fails closed. Both are lifted only by `lifted()`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction

FLAGS = ("maintenance", "retention", "import")
_lifted = threading.local()


def _sqlite_guard(name: str) -> int:
    if name in getattr(_lifted, "names", set()):
        return 1
    if name == "maintenance" and getattr(settings, "SUPERVISE_DB_MAINTENANCE", False):
        return 1
    return 0


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: teach each SQLite connection `supervise_guard(name)`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "supervise_guard", 1, _sqlite_guard, deterministic=False
        )


class LiftRefused(PermissionError):
    """The database role in use may not lift this guard (PostgreSQL: it is neither a member of
    `supervise_NAME` nor a superuser): the statements the guard protects would be refused."""


@contextmanager
def lifted(name: str) -> Iterator[None]:
    """Lift one guard for the block (PostgreSQL: in the transaction; SQLite: in the thread).

    On PostgreSQL, raises `LiftRefused` at once when the role may not lift it, rather than
    letting the first protected statement fail with the guard's message."""
    if name not in FLAGS:
        raise ValueError(f"unknown guard {name!r}")
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic():
        names: set[str] = getattr(_lifted, "names", set())
        _lifted.names = names | {name}
        try:
            if postgresql:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT current_setting(%s, true)", [f"supervise.{name}"])
                    before = cursor.fetchone()[0] or ""
                    cursor.execute("SELECT set_config(%s, 'on', true)", [f"supervise.{name}"])
                    cursor.execute("SELECT supervise_guard(%s), current_user", [name])
                    allowed, role = cursor.fetchone()
                if not allowed:
                    raise LiftRefused(
                        f"the database role {role!r} may not lift the {name} guard: it is not "
                        f"a member of supervise_{name} (docs/security.md, 'Database roles')"
                    )
            yield
        finally:
            _lifted.names = names
        # Only after a block that succeeded: after an error the atomic block rolls back, which
        # undoes the setting too, and no statement may be sent before it has (PostgreSQL would
        # refuse it, hiding the error behind a TransactionManagementError).
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, %s, true)", [f"supervise.{name}", before])


@dataclass(frozen=True, slots=True)
class Guard:
    table: str
    final: str  # SQL on OLD/NEW (written as {row}) that is true for a final row
    message: str
    columns: tuple[str, ...] = ()  # the columns that may not change; empty = none may
    inserts: bool = False  # refuse new rows under a final parent
    audit: bool = False  # the audit table: no update ever; delete only in maintenance
    # An update that is refused besides a change of `columns` (SQL on OLD/NEW; `{differ}` is
    # the vendor's "is distinct from"), e.g. a status moving backwards.
    also_refused: str = ""
    # A flag under which updates are allowed: the retention job's deletions set the link from
    # a child's-record entry to its (destroyed) discussion to NULL, and nothing else.
    updates_lifted_by: str = ""


_SESSION_FINAL = (
    "(SELECT record_status FROM supervision_session WHERE id = {row}.session_id) = 'finalised'"
)
GUARDS = (
    Guard("audit_auditentry", "1 = 1", "audit entries are append-only", audit=True),
    Guard("audit_auditanchor", "1 = 1", "audit anchors are append-only", audit=True),
    Guard("supervision_session", "{row}.record_status = 'finalised'",
          "a finalised supervision record cannot be changed"),
    Guard("supervision_recordentry", _SESSION_FINAL,
          "a finalised supervision record cannot be changed", inserts=True),
    Guard("supervision_casediscussion", _SESSION_FINAL,
          "a finalised supervision record cannot be changed", inserts=True),
    Guard("supervision_addendum", "1 = 1", "an addendum cannot be changed once written"),
    # Its status may change (done, no longer needed, carried on); not what was agreed.
    Guard("supervision_action", _SESSION_FINAL,
          "an action agreed in a finalised record cannot be reworded",
          columns=("description", "owner_id", "session_id", "child_id", "due_on"),
          inserts=True),
    Guard("supervision_agendaitem", _SESSION_FINAL,
          "a finalised supervision record cannot be changed", inserts=True),
    Guard("supervision_session_participants", _SESSION_FINAL,
          "a finalised supervision record cannot be changed", inserts=True),
    # Unlinking the entry from its discussion would free it from this guard: refused too,
    # except when the retention job destroys the discussion (the entry stays, unlinked).
    Guard("cases_casenote", "{row}.case_discussion_id IS NOT NULL AND "
          "(SELECT s.record_status FROM supervision_session s JOIN supervision_casediscussion d "
          "ON d.session_id = s.id WHERE d.id = {row}.case_discussion_id) = 'finalised'",
          "an entry on a child's record from a finalised session cannot be changed",
          columns=("body", "kind", "happened_on", "author_id", "child_id",
                   "case_discussion_id"),
          updates_lifted_by="retention"),
    # A signed agreement only ever moves on to superseded: back to a draft would free its
    # terms from this guard.
    Guard("agreements_agreement", "{row}.status IN ('signed', 'superseded')",
          "a signed agreement's terms cannot be changed",
          columns=("frequency", "duration_minutes", "venue", "cancellation_arrangements",
                   "preparation", "confidentiality", "resolving_difficulties", "other_terms",
                   "supervisee_id", "supervisor_id", "supervisee_signed_on",
                   "supervisor_signed_on", "supervisee_signed_at", "supervisor_signed_at"),
          also_refused="NEW.status {differ} OLD.status AND NOT "
                       "(OLD.status = 'signed' AND NEW.status = 'superseded')"),
)  # fmt: skip


def _changed(guard: Guard, vendor: str) -> str:
    """The rest of an update's condition: which changes are refused, and the lifting flag."""
    differ = "IS NOT" if vendor == "sqlite" else "IS DISTINCT FROM"
    refused = [f"NEW.{c} {differ} OLD.{c}" for c in guard.columns]
    if guard.also_refused:
        refused.append(f"({guard.also_refused.format(differ=differ)})")
    sql = " AND (" + " OR ".join(refused) + ")" if refused else ""
    if guard.updates_lifted_by:
        flag = f"supervise_guard('{guard.updates_lifted_by}')"
        sql += f" AND {flag} = 0" if vendor == "sqlite" else f" AND NOT {flag}"
    return sql


def _quoted(message: str) -> str:
    return message.replace("'", "''")


def sqlite_sql(guard: Guard) -> list[str]:
    name = f"supervise_guard_{guard.table}"
    old, new = guard.final.format(row="OLD"), guard.final.format(row="NEW")
    abort = f"BEGIN SELECT RAISE(ABORT, '{_quoted(guard.message)}'); END"
    delete_allowed = (
        "supervise_guard('maintenance') = 0"
        if guard.audit
        else "supervise_guard('retention') = 0 AND supervise_guard('maintenance') = 0"
    )
    statements = [
        f"CREATE TRIGGER {name}_update BEFORE UPDATE ON {guard.table} FOR EACH ROW "
        f"WHEN {old}{_changed(guard, 'sqlite')} {abort}",
        f"CREATE TRIGGER {name}_delete BEFORE DELETE ON {guard.table} FOR EACH ROW "
        f"WHEN {old} AND {delete_allowed} {abort}",
    ]
    if guard.inserts:
        statements.append(
            f"CREATE TRIGGER {name}_insert BEFORE INSERT ON {guard.table} FOR EACH ROW "
            f"WHEN {new} AND supervise_guard('import') = 0 {abort}"
        )
    return statements


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def postgresql_sql(guard: Guard, schema: str = "public") -> list[str]:
    name = f"supervise_guard_{guard.table}"
    # pg_temp last, explicitly: otherwise it is searched first, and a temporary table named
    # like the one a trigger consults (supervision_session) would answer for it.
    pinned = f"SET search_path = pg_catalog, {_identifier(schema)}, pg_temp"
    message = _quoted(guard.message)
    old, new = guard.final.format(row="OLD"), guard.final.format(row="NEW")
    deletable = (
        "supervise_guard('maintenance')"
        if guard.audit
        else "(supervise_guard('retention') OR supervise_guard('maintenance'))"
    )
    raise_ = f"RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation'"
    insert = (
        f"IF TG_OP = 'INSERT' AND {new} AND NOT supervise_guard('import') THEN {raise_}; END IF;"
        if guard.inserts
        else ""
    )
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND {old}{_changed(guard, "postgresql")} THEN
    {raise_};
  END IF;
  IF TG_OP = 'DELETE' AND {old} AND NOT {deletable} THEN
    {raise_};
  END IF;
  {insert}
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql {pinned}""",
        f"CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OR DELETE ON {guard.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {name}()",
        f"""CREATE OR REPLACE FUNCTION {name}_truncate() RETURNS trigger AS $$
BEGIN
  IF NOT supervise_guard('maintenance') THEN {raise_}; END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql {pinned}""",
        f"CREATE TRIGGER {name}_truncate BEFORE TRUNCATE ON {guard.table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}_truncate()",
    ]


# A flag is a setting any role may SET: it counts only for a role entitled to the lift. The
# role is looked up first because pg_has_role() fails on a role that does not exist.
POSTGRESQL_GUARD_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION supervise_guard_entitled(name text)
RETURNS boolean AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
    RETURN true;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'supervise_' || name) THEN
    RETURN false;
  END IF;
  RETURN pg_has_role(current_user, 'supervise_' || name, 'MEMBER');
END $$ LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp""",
    """CREATE OR REPLACE FUNCTION supervise_guard(name text)
RETURNS boolean AS $$
BEGIN
  IF coalesce(current_setting('supervise.' || name, true), '') <> 'on' THEN
    RETURN false;
  END IF;
  RETURN supervise_guard_entitled(name);
END $$ LANGUAGE plpgsql STABLE SET search_path = pg_catalog, {schema}, pg_temp""",
)


def install(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        register_sqlite_functions(None, schema_editor.connection)
        statements = [s for g in GUARDS for s in sqlite_sql(g)]
    elif vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
        statements = [f.format(schema=_identifier(schema)) for f in POSTGRESQL_GUARD_FUNCTIONS] + [
            s for g in GUARDS for s in postgresql_sql(g, schema)
        ]
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"no database guards for {vendor}")
    for statement in statements:
        schema_editor.execute(statement)


def install_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """`post_migrate` receiver: (re)install every guard on the database just migrated."""
    from django.db import connections

    connection_ = connections[using]
    with connection_.schema_editor() as editor:
        uninstall(None, editor)
        install(None, editor)


def uninstall(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for guard in GUARDS:
        name = f"supervise_guard_{guard.table}"
        if vendor == "sqlite":
            for suffix in ("update", "delete", "insert"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {guard.table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_truncate ON {guard.table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}_truncate()")
