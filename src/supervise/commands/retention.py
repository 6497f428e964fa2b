"""`supervise retention --org SLUG [--dry-run] [--as-of DATE]`: destroy leavers' supervision
files whose retention has ended (run daily). Files under a legal hold are kept."""

from __future__ import annotations

import argparse
import sys

from supervise.commands.common import parse_date, require_migrated, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="destroy leavers' files whose retention has ended")
    parser.add_argument("--org", required=True, metavar="SLUG")
    parser.add_argument("--dry-run", action="store_true", help="say what would be destroyed")
    parser.add_argument(
        "--as-of", type=parse_date, metavar="YYYY-MM-DD", help="the day to run for (default today)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("retention"):
        return 2
    from django.utils import timezone

    from supervise.files.services.retention import retention_run
    from supervise.organisations.models import Organisation

    organisation = Organisation.objects.filter(slug=args.org).first()
    if organisation is None:
        print(f"supervise retention: no organisation {args.org!r}", file=sys.stderr)
        return 2
    today = args.as_of or timezone.localdate()
    results = retention_run(organisation=organisation, today=today, dry_run=args.dry_run)
    for due, outcome in results:
        print(f"  {due.staff.external_id:12} left {due.staff.left_on}  due {due.due_on}  {outcome}")
    word = "would be destroyed" if args.dry_run else "destroyed"
    count = sum(1 for _, outcome in results if outcome in ("destroyed", "would be destroyed"))
    print(f"supervise retention: {count} file(s) {word} on {today} for {organisation.slug}")
    return 0
