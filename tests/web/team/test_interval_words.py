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


def test_personal_supervision_at_an_agreed_frequency_names_the_agreement_not_its_id() -> None:
    from datetime import date

    from supervise.policy.findings import Duty
    from supervise.policy.pack import Source
    from supervise.sessions.duty_words import why

    duty = Duty(
        rule="personal_supervision", subject_type="staff", subject_id="S1",
        due_on=date(2026, 12, 1), source=Source(file="hull.md", section="s"),
        facts={"reference": "last formal session", "reference_on": date(2026, 11, 10),
               "why": "frequency agreed in supervision agreement AG-bd3726321c47",
               "interval": "P3W"},
    )  # fmt: skip
    words = why(duty, {})
    assert "AG-bd37" not in words
    assert "Frequency agreed in the supervision agreement: every 3 weeks" in words
