"""Calendar arithmetic of RULES.md section 1: calendar months with clamping, ISO durations, and
working days in England and Wales (the day itself never counts)."""

from __future__ import annotations

from datetime import date

import pytest

from supervise.policy.dates import Interval, WorkingCalendar, add_months, working_calendar


def day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param("2026-01-31", 1, "2026-02-28", id="31 Jan + 1 month = 28 Feb"),
        pytest.param("2028-01-31", 1, "2028-02-29", id="31 Jan + 1 month = 29 Feb in a leap year"),
        pytest.param("2028-02-29", 12, "2029-02-28", id="29 Feb + 1 year = 28 Feb"),
        pytest.param("2028-02-29", 48, "2032-02-29", id="29 Feb + 4 years = 29 Feb"),
        pytest.param("2026-03-31", -1, "2026-02-28", id="31 Mar - 1 month = 28 Feb"),
        pytest.param("2028-03-31", -1, "2028-02-29", id="31 Mar - 1 month = 29 Feb in a leap year"),
        pytest.param("2026-05-31", 1, "2026-06-30", id="31 May + 1 month = 30 Jun"),
        pytest.param("2026-12-15", 1, "2027-01-15", id="mid December + 1 month crosses the year"),
        pytest.param("2026-01-15", -1, "2025-12-15", id="mid January - 1 month crosses the year"),
        pytest.param("2025-08-31", 6, "2026-02-28", id="31 Aug + 6 months = 28 Feb"),
        pytest.param("2026-08-31", -6, "2026-02-28", id="31 Aug - 6 months = 28 Feb"),
        pytest.param("2026-02-28", 1, "2026-03-28", id="28 Feb + 1 month stays on the 28th"),
    ],
)
def test_calendar_months_clamp_to_the_last_day(start: str, months: int, expected: str) -> None:
    assert add_months(day(start), months) == day(expected)


@pytest.mark.parametrize(
    ("text", "months", "days"),
    [
        pytest.param("P7D", 0, 7, id="P7D is 7 days (weekly)"),
        pytest.param("P14D", 0, 14, id="P14D is 14 days (fortnightly)"),
        pytest.param("P3W", 0, 21, id="P3W is 21 days (3-weekly)"),
        pytest.param("P1M", 1, 0, id="P1M is one calendar month"),
        pytest.param("P1Y", 12, 0, id="P1Y is 12 calendar months"),
        pytest.param("P7Y", 84, 0, id="P7Y is 7 years (Hull retention)"),
        pytest.param("P1M14D", 1, 14, id="P1M14D is a month and 14 days"),
        pytest.param("P56D", 0, 56, id="P56D is 8 weeks (Nottingham backstop)"),
    ],
)
def test_iso_durations_are_read(text: str, months: int, days: int) -> None:
    interval = Interval.parse(text)
    assert (interval.months, interval.days) == (months, days)
    assert str(interval) == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("P", id="P alone is empty"),
        pytest.param("1M", id="1M has no P"),
        pytest.param("P1.5M", id="fractional months"),
        pytest.param("PT1H", id="a time of day part"),
        pytest.param("P0D", id="zero days"),
        pytest.param("", id="empty text"),
        pytest.param("P-1M", id="negative months"),
        pytest.param("P1M ", id="trailing space"),
        pytest.param("monthly", id="a word"),
    ],
)
def test_malformed_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        Interval.parse(text)


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        pytest.param("P1M", "2026-01-31", "2026-02-28", id="monthly from 31 Jan is due 28 Feb"),
        pytest.param("P1M14D", "2026-01-31", "2026-03-14", id="P1M14D: months first, then days"),
        pytest.param("P1Y", "2028-02-29", "2029-02-28", id="a year from 29 Feb is 28 Feb"),
        pytest.param("P3W", "2026-11-02", "2026-11-23", id="3 weeks from Monday is Monday"),
        pytest.param("P2M", "2026-12-31", "2027-02-28", id="bi-monthly from New Year's Eve"),
        pytest.param("P6Y", "2026-11-22", "2032-11-22", id="6 years"),
    ],
)
def test_an_interval_after_a_day(text: str, start: str, expected: str) -> None:
    assert Interval.parse(text).after(day(start)) == day(expected)


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        pytest.param("P6M", "2026-08-31", "2026-02-28", id="6 months before 31 Aug is 28 Feb"),
        pytest.param("P6M", "2026-09-10", "2026-03-10", id="6 months before 10 Sep is 10 Mar"),
        pytest.param("P1M", "2026-03-31", "2026-02-28", id="a month before 31 Mar is 28 Feb"),
        pytest.param("P14D", "2026-03-01", "2026-02-15", id="14 days before 1 Mar"),
    ],
)
def test_an_interval_before_a_day(text: str, end: str, expected: str) -> None:
    assert Interval.parse(text).before(day(end)) == day(expected)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        pytest.param(
            "2026-12-18",
            5,
            "2026-12-29",
            id="spec example: Fri 18 Dec 2026 + 5 working days is Tue 29 Dec (25, 28 Dec off)",
        ),
        pytest.param("2026-12-24", 1, "2026-12-29", id="Christmas Eve + 1 skips 25-28 Dec 2026"),
        pytest.param(
            "2026-12-31", 1, "2027-01-04", id="New Year's Eve + 1 skips New Year's Day 2027"
        ),
        pytest.param(
            "2027-12-24",
            1,
            "2027-12-29",
            id="Christmas 2027 on a weekend: substitutes Mon 27 and Tue 28 Dec",
        ),
        pytest.param(
            "2027-12-31", 1, "2028-01-04", id="1 Jan 2028 on a Saturday: substitute Mon 3 Jan"
        ),
        pytest.param(
            "2026-04-02", 1, "2026-04-07", id="Easter 2026: Good Friday 3 Apr and Monday 6 Apr"
        ),
        pytest.param(
            "2027-03-25", 1, "2027-03-30", id="Easter 2027: Good Friday 26 Mar and Monday 29 Mar"
        ),
        pytest.param("2026-05-01", 1, "2026-05-05", id="Early May bank holiday Mon 4 May 2026"),
        pytest.param("2026-05-22", 1, "2026-05-26", id="Spring bank holiday Mon 25 May 2026"),
        pytest.param("2027-04-30", 1, "2027-05-04", id="Early May bank holiday Mon 3 May 2027"),
        pytest.param("2026-08-28", 1, "2026-09-01", id="Summer bank holiday Mon 31 Aug 2026"),
        pytest.param("2026-11-20", 1, "2026-11-23", id="Friday + 1 is Monday"),
        pytest.param("2026-11-21", 1, "2026-11-23", id="Saturday + 1 is Monday"),
        pytest.param("2026-11-22", 1, "2026-11-23", id="Sunday + 1 is Monday"),
        pytest.param("2026-11-23", 1, "2026-11-24", id="Monday itself never counts: + 1 is Tue"),
        pytest.param("2026-11-23", 5, "2026-11-30", id="Monday + 5 working days is next Monday"),
        pytest.param("2026-11-13", 2, "2026-11-17", id="Friday + 2 working days is Tuesday"),
    ],
)
def test_working_days_in_england_and_wales(start: str, count: int, expected: str) -> None:
    assert working_calendar().add_working_days(day(start), count) == day(expected)


@pytest.mark.parametrize(
    ("text", "working"),
    [
        pytest.param("2026-12-25", False, id="Christmas Day"),
        pytest.param("2026-12-28", False, id="Boxing Day substitute Monday 28 Dec 2026"),
        pytest.param("2026-12-29", True, id="Tuesday 29 Dec 2026 is a working day"),
        pytest.param("2026-11-21", False, id="a Saturday"),
        pytest.param("2026-11-20", True, id="an ordinary Friday"),
        pytest.param("2026-04-03", False, id="Good Friday 2026"),
        pytest.param("2026-04-06", False, id="Easter Monday 2026"),
        pytest.param("2027-01-04", True, id="4 Jan 2027 works in England"),
    ],
)
def test_working_day_or_not(text: str, working: bool) -> None:
    assert working_calendar().is_working_day(day(text)) is working


def test_scotland_keeps_2_january_and_not_easter_monday() -> None:
    scotland = WorkingCalendar("scotland")
    assert scotland.add_working_days(day("2026-12-31"), 1) == day("2027-01-05")
    assert scotland.is_working_day(day("2026-04-06"))  # Easter Monday is not a Scottish holiday


def test_an_unknown_nation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown nation"):
        WorkingCalendar("wessex")
