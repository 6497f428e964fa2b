"""`supervise audit verify [--anchor ID:HASH …] [--no-anchor]`: walk the audit trail's hash chain
and check its anchors; exit 1 if either is broken. `supervise audit anchor`: pin the trail's
head (run daily; keep the line it prints outside the database, e.g. in the job's log)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from supervise.commands.common import require_migrated, setup_django


def anchor_text(text: str) -> tuple[int, str]:
    """`ID:HASH` as `supervise audit anchor` prints it."""
    entry_id, _, digest = text.partition(":")
    if not entry_id.isdigit() or len(digest) != 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not ID:HASH (a 64-character hash)")
    return int(entry_id), digest.lower()


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="check the audit trail")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    verify = actions.add_parser(
        "verify",
        help="check that no audit entry was edited or deleted (exit 1 if one was)",
    )
    verify.add_argument(
        "--anchor",
        type=anchor_text,
        action="append",
        default=[],
        metavar="ID:HASH",
        help="also check an anchor kept outside the database (repeatable)",
    )
    verify.add_argument(
        "--no-anchor", action="store_true", help="do not anchor the head after a clean check"
    )
    verify.set_defaults(run=run)
    anchor = actions.add_parser("anchor", help="pin the trail's head (run daily)")
    anchor.set_defaults(run=run_anchor)


def run(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("audit verify"):
        return 2
    from supervise.audit.models import AuditAnchor, AuditEntry
    from supervise.audit.services import audit_anchor, audit_verify

    breaks = list(audit_verify(anchors=args.anchor))
    total = AuditEntry.objects.count()
    anchors = AuditAnchor.objects.count() + len(args.anchor)
    if breaks:
        for chain_break in breaks:
            print(chain_break, file=sys.stderr)
        print(
            f"supervise audit verify: the chain of {total} entries is BROKEN in "
            f"{len(breaks)} place(s)",
            file=sys.stderr,
        )
        return 1
    if not anchors:
        # Nothing can tell an emptied (or cut back) trail from a new one without an anchor.
        print(
            "supervise audit verify: no anchor yet: rows deleted from the end of the trail "
            "could not be detected (run `supervise audit anchor` daily)",
            file=sys.stderr,
        )
    print(f"supervise audit verify: {total} entries, chain intact, {anchors} anchor(s) hold")
    if not args.no_anchor:
        print(f"supervise audit verify: {_anchored(audit_anchor())}")
    return 0


def run_anchor(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("audit anchor"):
        return 2
    from supervise.audit.services import audit_anchor

    print(f"supervise audit anchor: {_anchored(audit_anchor())}")
    return 0


def _anchored(anchor: Any) -> str:
    """The line to keep: `verify --anchor ID:HASH` checks the trail against it later."""
    return f"anchored {anchor.entry_id}:{anchor.entry_hash} at {anchor.at:%Y-%m-%d %H:%M:%S} UTC"
