"""`supervise db grant --app-role NAME [--retention-role NAME] [--apply]`: the PostgreSQL grants
of the production role layout (docs/security.md, "Database roles"; `supervise.audit.roles`).

Prints the SQL for a database administrator to read and run as the tables' owner; with
`--apply`, runs it on DATABASE_URL's database (connected as the owner or a superuser) in one
transaction, then checks the application role: exit 1, naming each, if it could still get
round the guards (a superuser, an owner of tables, a member of a lift role, UPDATE or DELETE on
the audit tables). Run it again after every `supervise migrate`."""

from __future__ import annotations

import argparse
import sys

from supervise.commands.common import require_migrated, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="database roles and grants (PostgreSQL)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    grant = actions.add_parser("grant", help="the grants of the production role layout")
    grant.add_argument("--app-role", required=True, metavar="NAME")
    grant.add_argument("--retention-role", metavar="NAME", help="the retention job's role")
    grant.add_argument("--schema", default="public", metavar="NAME")
    grant.add_argument("--apply", action="store_true", help="run it, then check the app role")
    grant.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import connection, transaction

    from supervise.audit.roles import grant_sql, role_problems

    if connection.vendor != "postgresql":
        print("supervise db grant: only for PostgreSQL (SQLite has no roles)", file=sys.stderr)
        return 2
    try:
        statements = grant_sql(
            app_role=args.app_role,
            retention_role=args.retention_role,
            database=connection.settings_dict["NAME"],
            schema=args.schema,
        )
    except ValueError as error:
        print(f"supervise db grant: {error}", file=sys.stderr)
        return 2
    if not args.apply:
        print("-- As the tables' owner (or a superuser), after every `supervise migrate`:")
        print("BEGIN;")
        for statement in statements:
            print(f"{statement};")
        print("COMMIT;")
        return 0
    if not require_migrated("db grant"):
        return 2
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        problems = role_problems(cursor, app_role=args.app_role, schema=args.schema)
    for problem in problems:
        print(f"supervise db grant: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"supervise db grant: {args.app_role} cannot get round the database guards")
    return 0
