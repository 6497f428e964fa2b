"""Argument types shared by the subcommands."""

from __future__ import annotations

import argparse
from datetime import date


def parse_date(text: str) -> date:
    """A `YYYY-MM-DD` date, strictly (argparse turns the ValueError into exit status 2)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: {error}") from None


def soon_days(text: str) -> int:
    """The due-soon window: a whole number of days, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days (0 or more)")
    return int(text)
