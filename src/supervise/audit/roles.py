"""The database roles a production installation uses on PostgreSQL (docs/security.md, "Database
roles"), as SQL that `supervise db grant` prints or applies, and the checks it makes after.

- The **owner** owns the tables and the guards' functions and runs `supervise migrate`. Only it
  (or a superuser) can switch a trigger off, so its credentials are kept from the servers.
- The **application role** (the web servers, `supervise import`, `report`, …) owns nothing; it
  may SELECT, INSERT, UPDATE and DELETE the application's tables, but only SELECT and INSERT
  the audit trail and its anchors; it may create no schema, function or temporary table; it is
  a member of none of the lift roles, so `SET LOCAL supervise.retention = 'on'` does nothing
  for it.
- The **retention role** (`supervise retention`, run with its own credentials) has the
  application's table rights and is a member of `supervise_retention`: only it may delete
  finalised records, and only when they are due.
- `supervise_maintenance` and `supervise_import` have no members: maintenance (emptying the
  audit table) is for tests, and imports and the demo need no lift.
"""

from __future__ import annotations

import re
from typing import Any

from supervise.audit.dbguard import FLAGS, GUARDS

LIFT_ROLES = {flag: f"supervise_{flag}" for flag in FLAGS}
APPEND_ONLY_TABLES = tuple(guard.table for guard in GUARDS if guard.audit)
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def valid_role(name: str) -> bool:
    return ROLE_NAME.fullmatch(name) is not None


def grant_sql(
    *, app_role: str, database: str, retention_role: str | None = None, schema: str = "public"
) -> list[str]:
    """The statements, in order. Run them as the tables' owner or a superuser (creating the
    lift roles, the first time, needs CREATEROLE), and again after every `supervise migrate`:
    a new table has no grants until then."""
    for role in (app_role, retention_role):
        if role is not None and not valid_role(role):
            raise ValueError(f"{role!r} is not a plain role name (a-z, 0-9, _)")
    if app_role == retention_role:
        raise ValueError("the retention job needs a role of its own, not the application's")
    db, s = _q(database), _q(schema)
    tables = ", ".join(f"{s}.{_q(t)}" for t in APPEND_ONLY_TABLES)
    # The lift roles' names are this module's constants (supervise_<flag>), never input.
    statements = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "  # nosec B608
        f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        for role in LIFT_ROLES.values()
    ]
    # Nobody but the owner creates objects: a function or a temporary table named like one
    # the guards use could otherwise stand in for it (the guards also pin their search_path).
    statements += [
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"REVOKE CREATE, TEMPORARY ON DATABASE {db} FROM PUBLIC",
    ]
    for role in (app_role, retention_role):
        if role is None:
            continue
        r = _q(role)
        statements += [
            f"REVOKE CREATE, TEMPORARY ON DATABASE {db} FROM {r}",
            f"GRANT CONNECT ON DATABASE {db} TO {r}",
            f"REVOKE CREATE ON SCHEMA {s} FROM {r}",
            f"GRANT USAGE ON SCHEMA {s} TO {r}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
            # The audit trail and its anchors: read and append, nothing else.
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {tables} FROM {r}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        ]
        lifts = [LIFT_ROLES[f] for f in FLAGS if role == app_role or f != "retention"]
        statements.append(f"REVOKE {', '.join(lifts)} FROM {r}")
        if role == retention_role:
            statements.append(f"GRANT {LIFT_ROLES['retention']} TO {r}")
    return statements


def role_problems(cursor: Any, *, app_role: str, schema: str = "public") -> list[str]:
    """What makes `app_role` able to get round the guards (empty: nothing found)."""
    cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [app_role])
    row = cursor.fetchone()
    if row is None:
        return [f"there is no role {app_role!r}"]
    problems = []
    if row[0]:
        problems.append(f"{app_role} is a superuser: it can switch every guard off")
    cursor.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tableowner = %s",
        [schema, app_role],
    )
    owned = cursor.fetchone()[0]
    if owned:
        problems.append(
            f"{app_role} owns {owned} table(s): an owner can disable their triggers "
            f"(REASSIGN OWNED BY {app_role} TO the owner role, as a superuser)"
        )
    for flag, lift in LIFT_ROLES.items():
        # pg_has_role() fails on a role that does not exist; CASE asks it only when it does.
        cursor.execute(
            "SELECT CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = %s) "
            "THEN pg_has_role(%s, %s, 'MEMBER') ELSE false END",
            [lift, app_role, lift],
        )
        if cursor.fetchone()[0]:
            problems.append(f"{app_role} is a member of {lift}: it can lift the {flag} guard")
    for table in APPEND_ONLY_TABLES:
        for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
            cursor.execute(
                "SELECT has_table_privilege(%s, %s, %s)",
                [app_role, f"{_q(schema)}.{_q(table)}", privilege],
            )
            if cursor.fetchone()[0]:
                problems.append(f"{app_role} has {privilege} on {table}")
    return problems
