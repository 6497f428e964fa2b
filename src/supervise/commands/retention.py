"""`supervise retention --org SLUG [--dry-run [--as-of DATE]]`: destroy leavers' supervision
files whose retention has ended (run daily). Files under a legal hold are kept.

Destruction is judged by today's date, always: `--as-of` only previews a day with `--dry-run`
(a date once given to the destroying run destroyed a file due in 2033 at once). Exit status 0
when every file due was destroyed or kept, 1 when one could not be (each is named on stderr
with the reason; the others are still destroyed), 2 for unusable arguments."""

from __future__ import annotations

import argparse
import sys

from supervise.commands.common import parse_date, require_migrated, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(name, help="destroy leavers' files whose retention has ended")
    parser.add_argument("--org", required=True, metavar="SLUG")
    parser.add_argument("--dry-run", action="store_true", help="say what would be destroyed")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="with --dry-run only: what would be destroyed on that day (default today)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.as_of is not None and not args.dry_run:
        print(
            "supervise retention: --as-of is only for a --dry-run preview: files are destroyed "
            "only when their date has come by today's date",
            file=sys.stderr,
        )
        return 2
    setup_django()
    if not require_migrated("retention"):
        return 2
    from django.utils import timezone

    from supervise.files.services.retention import retention_preview, retention_run
    from supervise.organisations.models import Organisation

    organisation = Organisation.objects.filter(slug=args.org).first()
    if organisation is None:
        print(f"supervise retention: no organisation {args.org!r}", file=sys.stderr)
        return 2
    if args.dry_run:
        day = args.as_of or timezone.localdate()
        results = retention_preview(organisation=organisation, on=day)
    else:
        day = timezone.localdate()
        results = retention_run(organisation=organisation)
    for result in results:
        due = result.due
        line = f"  {due.staff.external_id:12} left {due.staff.left_on}  due {due.due_on}  "
        print(line + result.outcome, file=sys.stderr if result.failed else sys.stdout)
    word = "would be destroyed" if args.dry_run else "destroyed"
    count = sum(1 for r in results if r.outcome in ("destroyed", "would be destroyed"))
    print(f"supervise retention: {count} file(s) {word} on {day} for {organisation.slug}")
    failed = [r.due.staff.external_id for r in results if r.failed]
    if failed:
        print(
            f"supervise retention: {len(failed)} file(s) could not be destroyed: "
            f"{', '.join(failed)}",
            file=sys.stderr,
        )
        return 1
    return 0
