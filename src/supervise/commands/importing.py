"""`supervise import FOLDER --org SLUG [--policy SLUG_OR_PATH] [--dry-run]`.

All or nothing: a folder that fails validation is listed on stderr (exit 2) and nothing is
imported, not even the new organisation or the pack `--policy` names; importing the same folder
twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from supervise.commands.common import require_migrated, setup_django


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(
        name,
        help="import an interchange folder into an organisation",
        description="Load FOLDER into organisation SLUG, creating or updating by the ids in the "
        "files. With --dry-run, validate and say what would change.",
    )
    parser.add_argument("folder", type=Path, metavar="FOLDER")
    parser.add_argument("--org", required=True, metavar="SLUG")
    parser.add_argument(
        "--policy",
        metavar="SLUG_OR_PATH",
        help="the organisation's policy pack (needed when the organisation is new)",
    )
    parser.add_argument("--name", help="the organisation's name, when it is new")
    parser.add_argument(
        "--dry-run", action="store_true", help="validate and report; change nothing"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    if not require_migrated("import"):
        return 2
    from supervise.imports.services import organisation_import
    from supervise.organisations.services import OrganisationError

    try:
        # All or nothing, the organisation included: a failed import (or a dry run) creates no
        # organisation and leaves its pack as it was.
        outcome = organisation_import(
            slug=args.org,
            folder=args.folder,
            policy=args.policy,
            name=args.name,
            dry_run=args.dry_run,
        )
    except OrganisationError as error:
        print(f"supervise import: {error}", file=sys.stderr)
        return 2
    if outcome.problems:
        for problem in outcome.problems:
            print(problem, file=sys.stderr)
        print(
            f"supervise import: {len(outcome.problems)} problems in {args.folder}; nothing was "
            "imported",
            file=sys.stderr,
        )
        return 2
    if outcome.policy_changed_from:
        pack = outcome.run.organisation.policy
        print(
            f"supervise import: {args.org}'s policy pack "
            f"{'would be' if args.dry_run else 'is now'} {pack} (was {outcome.policy_changed_from})"
        )
    verb = "would change" if args.dry_run else "imported"
    print(f"supervise import: {args.folder} into {args.org} ({verb}):")
    for file, changes in outcome.changes.items():
        print(
            f"  {file:24} {changes.created:>7} new  {changes.updated:>7} updated  "
            f"{changes.deleted:>7} removed  {changes.unchanged:>7} unchanged"
        )
    if not args.dry_run:
        from supervise.compliance.services import snapshot_take

        snapshot_take(organisation=outcome.run.organisation)
    return 0
