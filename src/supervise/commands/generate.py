"""`supervise generate OUT --staff N --children M --years Y [--seed S]`: a synthetic authority."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from supervise.commands.common import parse_date


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(
        name,
        help="write a realistic synthetic authority as an interchange folder",
        description="Write a synthetic authority (staff, children, sessions…) as an interchange "
        "folder. The same seed and --as-of give the same folder, byte for byte.",
    )
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to write (created if needed)")
    parser.add_argument(
        "--staff",
        type=int,
        required=True,
        help="number of posts (about that many staff in post on the last day; leavers are extra)",
    )
    parser.add_argument(
        "--children",
        type=int,
        required=True,
        help="number of children open on the last day (closed cases are extra)",
    )
    parser.add_argument("--years", type=int, default=3, help="years of history (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        default=None,
        help="last day of the generated history (default today)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from supervise.generate import write_authority

    if args.staff < 10 or args.children < 0 or args.years < 1:
        print(
            "supervise generate: need --staff >= 10, --children >= 0, --years >= 1", file=sys.stderr
        )
        return 2
    from supervise.generate.writer import overwrite_refusal

    refusal = overwrite_refusal(Path(args.out))
    if refusal:
        print(f"supervise generate: {refusal}", file=sys.stderr)
        return 2
    summary = write_authority(
        args.out,
        staff=args.staff,
        children=args.children,
        years=args.years,
        seed=args.seed,
        as_of=args.as_of or date.today(),
    )
    print(summary)
    return 0
