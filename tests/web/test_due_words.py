"""How due and overdue are said everywhere: in words (the colour only reinforces them), and a
long time overdue also in years and months."""

from __future__ import annotations

from datetime import date

import pytest

from supervise.web.templatetags.supervise_tags import due_words

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("due_on", "words", "colour"),
    [
        (date(2026, 11, 22), "Overdue by 1 day", "red"),
        (date(2026, 10, 1), "Overdue by 53 days", "red"),  # under two months: days alone
        (date(2026, 9, 23), "Overdue by 61 days (over 2 months)", "red"),
        (date(2025, 11, 24), "Overdue by 364 days (over 11 months)", "red"),
        (date(2023, 4, 27), "Overdue by 1,306 days (over 3 years and 6 months)", "red"),
        (date(2024, 11, 23), "Overdue by 730 days (over 2 years)", "red"),
        (date(2026, 11, 23), "Due today", "orange"),
        (date(2026, 11, 24), "Due in 1 day", "yellow"),
        (date(2026, 11, 30), "Due in 7 days", "yellow"),
        (date(2026, 12, 1), "Due Tuesday 1 December 2026", "grey"),
    ],
)
def test_due_in_words(due_on: date, words: str, colour: str) -> None:
    assert due_words(due_on, TODAY) == (words, colour)


def test_beside_a_date_already_shown_a_later_date_is_said_as_how_far_off() -> None:
    """Not 'Due Tuesday 1 December 2026' next to 'Tuesday 1 December 2026'."""
    assert due_words(date(2026, 12, 1), TODAY, beside=True) == ("Due in 8 days", "grey")
    assert due_words(date(2029, 11, 23), TODAY, beside=True) == ("Due in 1,096 days", "grey")
    # Sooner and overdue are said the same either way.
    for day in (date(2026, 11, 22), TODAY, date(2026, 11, 30)):
        assert due_words(day, TODAY, beside=True) == due_words(day, TODAY)
