"""Intervals in words, as people and the policies say them (the duties' "why" and the booking
page): whole weeks as weeks, months as months, anything else in days."""

from __future__ import annotations

import pytest

from supervise.sessions.duty_words import every


@pytest.mark.parametrize(
    ("interval", "words"),
    [
        ("P7D", "every week"),
        ("P14D", "every 2 weeks"),
        ("P21D", "every 3 weeks"),
        ("P10D", "every 10 days"),
        ("P1D", "every day"),
        ("P1M", "every month"),
        ("P6M", "every 6 months"),
        ("P36M", "every 3 years"),
        ("P1M14D", "every 1 month and 14 days"),
    ],
)
def test_intervals_in_words(interval: str, words: str) -> None:
    assert every(interval) == words
