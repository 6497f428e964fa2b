"""`supervise snapshot --org SLUG [--as-of DATE] [--months N]`: record compliance by team and
supervisor for the senior managers' page (run daily; `--months` backfills history)."""

from __future__ import annotations

import argparse
import sys

from supervise.commands.common import parse_date, require_migrated, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="record today's compliance figures (run daily)")
    parser.add_argument("--org", required=True, metavar="SLUG")
    parser.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--months", type=int, default=0, help="also the same day of each of N months before"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("snapshot"):
        return 2
    from supervise.compliance.services import month_ends, snapshot_series, today
    from supervise.organisations.models import Organisation

    organisation = Organisation.objects.filter(slug=args.org).first()
    if organisation is None:
        print(f"supervise snapshot: no organisation {args.org!r}", file=sys.stderr)
        return 2
    days = month_ends(args.as_of or today(), max(args.months, 0))
    rows = snapshot_series(organisation=organisation, days=days)
    print(f"supervise snapshot: {rows} rows for {len(days)} day(s) of {organisation.slug}")
    return 0
