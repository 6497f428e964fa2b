"""`supervise check FOLDER --policy SLUG_OR_PATH --as-of DATE [--format …] [--soon-days N]`.

The stateless audit of an export: reads and validates the folder, evaluates the pack, prints the
report. Writes nothing anywhere. Exit 0 when the report was produced, 2 when the arguments, the
pack or the folder cannot be used (every problem on stderr as FILE:LINE: column: message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from supervise.commands.common import parse_date, soon_days
from supervise.interchange.output import FORMATS, render
from supervise.interchange.reader import read_folder
from supervise.policy.engine import report
from supervise.policy.gc_pause import cyclic_gc_paused
from supervise.policy.model import Dataset
from supervise.policy.pack import PackError, load_pack


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str) -> None:
    parser = subparsers.add_parser(
        name,
        help="check an interchange folder against a policy pack (writes nothing)",
        description="Read and validate an interchange folder, evaluate the policy pack and print "
        "the findings: what is overdue or due soon, and why.",
    )
    parser.add_argument("folder", type=Path, metavar="FOLDER")
    parser.add_argument(
        "--policy",
        required=True,
        metavar="SLUG_OR_PATH",
        help="hertfordshire, bath-ne-somerset, york, hull, nottingham, or a pack file",
    )
    parser.add_argument("--as-of", required=True, type=parse_date, metavar="YYYY-MM-DD")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument(
        "--soon-days",
        type=soon_days,
        default=7,
        metavar="N",
        help="a duty due within N days is 'due soon' (default 7)",
    )
    parser.set_defaults(run=run)


def subject_namer(dataset: Dataset):  # type: ignore[no-untyped-def]
    """Names for the table: staff and children by name, sessions by who and when."""
    staff = {s.staff_id: s.name for s in dataset.staff}
    children = {c.child_id: c.name or c.child_id for c in dataset.children}
    sessions = {s.session_id: s for s in dataset.sessions}

    def name(kind: str, ident: str) -> str:
        if kind == "staff":
            return f"{staff.get(ident, ident)} ({ident})"
        if kind == "child":
            return f"{children.get(ident, ident)} ({ident})"
        if kind == "session":
            session = sessions.get(ident)
            if session and session.supervisee_id:
                who = staff.get(session.supervisee_id, session.supervisee_id)
                return f"{ident}: {who} with {staff.get(session.supervisor_id, '?')}"
            return ident
        session_id, _, child_id = ident.partition("/")
        return f"{ident}: {children.get(child_id, child_id)}"

    return name


def run(args: argparse.Namespace) -> int:
    # A one-shot process building hundreds of thousands of objects that hold no reference
    # cycles: the cyclic collector would only rescan them again and again (`make bench`).
    # Paused, not switched off: `run` is also called in-process (tests, other commands).
    with cyclic_gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    # The pack and the folder are both read before giving up, so that one run lists every
    # problem there is (a broken pack and a broken folder are fixed in one go).
    pack, pack_error = None, None
    try:
        pack = load_pack(args.policy)
    except PackError as error:
        pack_error = error
    result = read_folder(args.folder)
    if pack_error is not None:
        print(f"supervise check: {pack_error}", file=sys.stderr)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.problems:
        count = len(result.problems)
        print(
            f"supervise check: {count} problem{'s' if count != 1 else ''} in {args.folder}; "
            "nothing was checked",
            file=sys.stderr,
        )
    if pack is None or result.problems:
        return 2
    found = report(result.dataset, pack, args.as_of, args.soon_days)
    sys.stdout.write(
        render(found, args.format, subject_namer(result.dataset), authority=pack.authority)
    )
    return 0
