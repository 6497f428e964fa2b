"""The compliance period in words."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize(
    ("days", "words"),
    [
        ([date(2025, 11, 22), date(2026, 11, 22)], "November 2025 to November 2026"),
        (
            [date(2026, 11, 1), date(2026, 11, 22)],
            "Sunday 1 November 2026 to Sunday 22 November 2026",
        ),
        ([date(2026, 11, 22)], "Sunday 22 November 2026"),
        ([], ""),
    ],
    ids=["a year", "within one month", "one day", "nothing"],
)
def test_the_period_is_described_in_words_that_tell_the_dates_apart(days, words) -> None:
    from supervise.compliance.presenters import describe_range

    assert describe_range(days) == words
