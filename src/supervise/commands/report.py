"""`supervise report --org SLUG --as-of DATE [--format json|csv|table]`: the report of `check`,
from what is in the database."""

from __future__ import annotations

import argparse
import sys

from supervise.commands.common import parse_date, require_migrated, setup_django, soon_days
from supervise.interchange.output import FORMATS, render


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="print the compliance report of an organisation")
    parser.add_argument("--org", required=True, metavar="SLUG")
    parser.add_argument("--as-of", required=True, type=parse_date, metavar="YYYY-MM-DD")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--soon-days", type=soon_days, default=7, metavar="N")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("report"):
        return 2
    from supervise.commands.check import subject_namer
    from supervise.compliance.dataset import dataset_from_db
    from supervise.organisations.models import Organisation
    from supervise.policy.engine import report

    organisation = Organisation.objects.filter(slug=args.org).first()
    if organisation is None:
        print(f"supervise report: no organisation {args.org!r}", file=sys.stderr)
        return 2
    dataset = dataset_from_db(organisation)
    found = report(dataset, organisation.pack, args.as_of, args.soon_days)
    sys.stdout.write(
        render(found, args.format, subject_namer(dataset), authority=organisation.name)
    )
    return 0
