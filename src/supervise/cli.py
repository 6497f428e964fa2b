"""The `supervise` command. Each subcommand lives in its own module with `register` and `run`.

The uses in `../shared/spec/INTERCHANGE.md` are a contract: exit status 0 when the report was
produced, 2 for unusable arguments or input that fails validation (every problem on stderr).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# subcommand name -> module that defines `register(subparsers)` and `run(args) -> int`
COMMANDS = {
    "check": "supervise.commands.check",
    "import": "supervise.commands.importing",
    "report": "supervise.commands.report",
    "migrate": "supervise.commands.migrate",
    "snapshot": "supervise.commands.snapshot",
    "audit": "supervise.commands.audit",
    "db": "supervise.commands.db",
    "retention": "supervise.commands.retention",
    "generate": "supervise.commands.generate",
    "demo": "supervise.commands.demo",
    "totp": "supervise.commands.totp",
    "secrets": "supervise.commands.secrets",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="supervise",
        description="Supervision compliance for children's social care.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        module.register(subparsers, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except BrokenPipeError:  # `supervise check … | head` is fine
        sys.stderr.close()
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
