"""`supervise audit verify`: walk the audit trail's hash chain; exit 1 if it is broken."""

from __future__ import annotations

import argparse
import sys

from supervise.commands.common import require_migrated, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="check the audit trail")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check that no audit entry was edited or deleted (exit 1 if one was)",
    )
    verify.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("audit verify"):
        return 2
    from supervise.audit.models import AuditEntry
    from supervise.audit.services import audit_verify

    breaks = list(audit_verify())
    total = AuditEntry.objects.count()
    if breaks:
        for chain_break in breaks:
            print(chain_break, file=sys.stderr)
        print(
            f"supervise audit verify: the chain of {total} entries is BROKEN in "
            f"{len(breaks)} place(s)",
            file=sys.stderr,
        )
        return 1
    print(f"supervise audit verify: {total} entries, chain intact")
    return 0
