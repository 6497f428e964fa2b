"""P1 `personal_supervision`: a held formal session at least every interval, by the category the
supervisee is in on the reference date (RULES.md sections 2, 3 P1 and 4)."""

from __future__ import annotations

from datetime import date

import pytest

from supervise.policy.dates import Interval
from tests.policy.world import World, d

PACKS = ("hertfordshire", "bath-ne-somerset", "york", "hull", "nottingham")

# Who the supervisee is on Monday 2 November 2026, the day of their last session.
PEOPLE = {
    "experienced social worker": {},
    "ASYE week 3": {"started": "2026-10-19", "qualified": "2026-07-01", "asye": True},
    "ASYE month 5": {"started": "2026-06-01", "qualified": "2026-05-01", "asye": True},
    "ASYE month 8": {"started": "2026-03-02", "qualified": "2026-02-01", "asye": True},
    "qualified under 12 months, not ASYE": {"started": "2026-04-01", "qualified": "2026-03-01"},
    "unqualified family support worker": {"role": "family_support_worker", "qualified": None},
    "senior practitioner": {"role": "senior_practitioner"},
    "sessional worker": {"role": "sessional_worker"},
    "admin": {"role": "admin", "qualified": None},
    "team manager": {"role": "team_manager"},
    "assistant team manager": {"role": "assistant_team_manager"},
    "service manager": {"role": "service_manager"},
    "group manager": {"role": "group_manager"},
    "returning after a role change on 5 October": {"event": "role_change"},
}

# RULES.md section 4, one column per pack: hertfordshire, bath-ne-somerset, york, hull, nottingham.
# None: not covered.
TABLE = {
    "experienced social worker": ("P1M", "P21D", "P1M", "P1M", "P1M"),
    "ASYE week 3": ("P1M", "P7D", "P1M", "P7D", "P1M"),
    "ASYE month 5": ("P1M", "P14D", "P1M", "P14D", "P1M"),
    "ASYE month 8": ("P1M", "P21D", "P1M", "P1M", "P1M"),
    "qualified under 12 months, not ASYE": ("P1M", "P21D", "P1M", "P1M", "P1M"),
    "unqualified family support worker": ("P1M", "P21D", "P1M", "P1M", "P1M"),
    "senior practitioner": ("P1M", "P28D", "P1M", "P1M", "P1M"),
    "sessional worker": ("P1M", "P6M", "P1M", "P1M", "P1M"),
    "admin": (None, "P2M", None, "P1M", "P1M"),
    "team manager": ("P1M", "P28D", "P1M", "P1M", "P1M"),
    "assistant team manager": ("P1M", "P28D", "P1M", "P1M", "P1M"),
    "service manager": ("P1M", "P28D", "P1M", "P1M", "P1M"),
    "group manager": ("P1M", "P28D", "P1M", "P1M", "P1M"),
    "returning after a role change on 5 October": ("P1M", "P21D", "P1M", "P14D", "P1M"),
}

CASES = [
    pytest.param(pack, who, TABLE[who][i], id=f"{pack}: {who} every {TABLE[who][i] or 'never'}")
    for who in TABLE
    for i, pack in enumerate(PACKS)
]


@pytest.mark.parametrize(("pack", "who", "interval"), CASES)
def test_interval_by_pack_and_category(pack: str, who: str, interval: str | None) -> None:
    kwargs = dict(PEOPLE[who])
    event = kwargs.pop("event", None)
    world = World(pack)
    world.manager("M1")
    world.person("W1", **kwargs).supervised_by("M1", "2020-01-06")  # type: ignore[arg-type]
    if event:
        world.event("W1", "2026-10-05", event)
    world.held("W1", "2026-11-02")
    expected = Interval.parse(interval).after(date(2026, 11, 2)) if interval else None
    assert world.due("personal_supervision", "W1") == expected


def hull_worker(pack: str = "hull", **kwargs: object) -> World:
    world = World(pack)
    world.manager("M1")
    world.manager("M0")
    world.person("W1", **kwargs).supervised_by("M1", "2024-01-08")  # type: ignore[arg-type]
    return world


# --- the reference date ---------------------------------------------------------------------------


def test_a_new_starter_with_no_session_is_due_a_month_after_starting() -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1", started="2026-10-01").supervised_by("M1", "2026-10-01")
    assert world.due("personal_supervision", "W1") == d("2026-11-01")
    assert world.statuses("personal_supervision") == {"W1": "overdue"}


def test_the_last_session_is_the_reference_when_later_than_starting() -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1", started="2026-10-01").supervised_by("M1", "2026-10-01")
    world.held("W1", "2026-10-20")
    assert world.due("personal_supervision", "W1") == d("2026-11-20")


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        pytest.param("york", "2026-11-01", id="York: a month from the return on 1 October"),
        pytest.param("hull", "2026-10-15", id="Hull: fortnightly from the return on 1 October"),
    ],
)
def test_return_from_an_extended_absence_restarts_the_clock(pack: str, expected: str) -> None:
    world = hull_worker(pack)
    world.held("W1", "2026-07-20")
    world.absent("W1", "2026-08-01", "2026-09-30")
    assert world.due("personal_supervision", "W1") == d(expected)


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        pytest.param("york", "2026-11-20", id="York: monthly after the first session back"),
        pytest.param("hull", "2026-11-03", id="Hull: still fortnightly within 2 months of return"),
    ],
)
def test_first_session_after_a_return(pack: str, expected: str) -> None:
    world = hull_worker(pack)
    world.held("W1", "2026-07-20")
    world.absent("W1", "2026-08-01", "2026-09-30")
    world.held("W1", "2026-10-20")
    assert world.due("personal_supervision", "W1") == d(expected)


def test_a_27_day_absence_does_not_restart_the_clock() -> None:
    world = hull_worker("york")
    world.held("W1", "2026-08-20")
    world.absent("W1", "2026-09-01", "2026-09-27")
    assert world.due("personal_supervision", "W1") == d("2026-09-20")


def test_an_extended_absence_ending_yesterday_restarts_the_clock_today() -> None:
    world = hull_worker("york")
    world.held("W1", "2026-08-20")
    world.absent("W1", "2026-09-01", "2026-11-21")
    assert world.due("personal_supervision", "W1") == d("2026-12-22")


@pytest.mark.parametrize(
    ("pack", "kind", "expected"),
    [
        pytest.param("hull", "role_change", "2026-10-19", id="Hull: role change on 5 Oct + 14d"),
        pytest.param("hull", "team_transfer", "2026-10-19", id="Hull: team transfer + 14 days"),
        pytest.param("york", "role_change", "2026-10-01", id="York: a role change is no reference"),
        pytest.param("nottingham", "team_transfer", "2026-10-01", id="Nottingham: nor a transfer"),
        pytest.param("hull", "grade_change", "2026-10-01", id="Hull: a grade change is no return"),
    ],
)
def test_role_change_is_a_reference_date_for_hull_only(pack: str, kind: str, expected: str):
    world = hull_worker(pack)
    world.held("W1", "2026-09-01")
    world.event("W1", "2026-10-05", kind)
    assert world.due("personal_supervision", "W1") == d(expected)


# --- the category is the one on the reference date ------------------------------------------------


@pytest.mark.parametrize(
    ("pack", "session", "expected"),
    [
        pytest.param("hull", "2026-02-15", "2026-02-22", id="Hull ASYE day 41 session: weekly"),
        pytest.param(
            "hull", "2026-02-16", "2026-03-02", id="Hull ASYE day 42 session: fortnightly"
        ),
        pytest.param("hull", "2026-07-04", "2026-07-18", id="Hull ASYE day before 6 months: 14d"),
        pytest.param("hull", "2026-07-05", "2026-08-05", id="Hull ASYE on 6 months: monthly"),
        pytest.param("bath-ne-somerset", "2026-07-05", "2026-07-26", id="B&NES ASYE 6 months: 21d"),
        pytest.param("bath-ne-somerset", "2027-01-04", "2027-01-25", id="B&NES ASYE last day: 21d"),
        pytest.param("bath-ne-somerset", "2026-02-15", "2026-02-22", id="B&NES ASYE day 41: 7d"),
    ],
)
def test_asye_phase_on_the_reference_date(pack: str, session: str, expected: str) -> None:
    world = World(pack, as_of=session)
    world.manager("M1")
    world.asye("W1", started="2026-01-05").supervised_by("M1", "2026-01-05")
    world.held("W1", session)
    assert world.due("personal_supervision", "W1") == d(expected)


def test_a_new_asye_worker_in_hull_is_due_a_week_after_starting() -> None:
    world = World("hull")
    world.manager("M1")
    world.asye("W1", started="2026-11-16").supervised_by("M1", "2026-11-16")
    assert world.due("personal_supervision", "W1") == d("2026-11-23")
    assert world.statuses("personal_supervision") == {"W1": "due_soon"}


def test_returning_on_the_reference_date_keeps_the_fortnight_after_the_window_ends() -> None:
    world = hull_worker()
    world.event("W1", "2026-09-15", "role_change")  # returning until 14 November
    world.held("W1", "2026-11-10")
    assert world.due("personal_supervision", "W1") == d("2026-11-24")


# --- agreed frequency -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agreements", "expected"),
    [
        pytest.param(
            [("M1", "2026-01-10", "same", "P14D")], "2026-11-16", id="agreed fortnightly wins"
        ),
        pytest.param(
            [("M1", "2026-01-10", "same", "P2M")],
            "2026-12-02",
            id="agreed 2 months never lengthens",
        ),
        pytest.param(
            [("M0", "2023-01-10", "same", "P7D")],
            "2026-12-02",
            id="agreement with the previous supervisor does not count",
        ),
        pytest.param(
            [("M1", "2026-01-10", None, "P7D")], "2026-12-02", id="signed by one party only"
        ),
        pytest.param([("M1", "2026-11-23", "same", "P7D")], "2026-12-02", id="signed after as_of"),
        pytest.param(
            [("M1", "2026-01-10", "2026-11-23", "P7D")],
            "2026-12-02",
            id="second signature after as_of",
        ),
        pytest.param(
            [("M1", "2025-01-10", "same", "P7D"), ("M1", "2026-01-10", "same", "P1M")],
            "2026-12-02",
            id="the latest agreement counts, not the shortest",
        ),
        pytest.param(
            [("M1", "2025-01-10", "same", "P1M"), ("M1", "2026-01-10", "same", "P7D")],
            "2026-11-09",
            id="a later weekly agreement wins",
        ),
        pytest.param(
            [("M1", "2026-01-01", "2026-03-01", "P7D"), ("M1", "2026-02-01", "same", "P14D")],
            "2026-11-09",
            id="latest by the later of the two signatures",
        ),
    ],
)
def test_agreed_frequency_only_when_shorter(agreements: list, expected: str) -> None:
    world = hull_worker("york")
    for supervisor, signed, other, frequency in agreements:
        world.agreement("W1", supervisor, signed, other, frequency=frequency)
    world.held("W1", "2026-11-02")
    assert world.due("personal_supervision", "W1") == d(expected)


# --- lines, cover and transfers -------------------------------------------------------------------


def test_a_session_with_the_cover_supervisor_counts() -> None:
    world = hull_worker("york")
    world.manager("M2")
    world.line("W1", "M2", "2026-10-01", cover=True)
    world.held("W1", "2026-11-10", supervisor_id="M2")
    assert world.due("personal_supervision", "W1") == d("2026-12-10")


def test_a_cover_line_alone_is_a_supervision_line() -> None:
    world = World("york")
    world.manager("M1")
    world.manager("M2")
    world.worker("W1").supervised_by("M1", "2024-01-08", "2026-09-30")
    world.line("W1", "M2", "2026-10-01", cover=True)
    world.held("W1", "2026-09-20", supervisor_id="M1")
    assert world.due("personal_supervision", "W1") == d("2026-10-20")


def test_a_session_with_the_previous_supervisor_is_still_the_last_session() -> None:
    world = World("york")
    world.manager("M1")
    world.manager("M2")
    world.worker("W1").supervised_by("M1", "2024-01-08", "2026-10-31")
    world.line("W1", "M2", "2026-11-01")
    world.held("W1", "2026-10-25", supervisor_id="M1")
    assert world.due("personal_supervision", "W1") == d("2026-11-25")


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(None, id="no supervision line at all (head of service)"),
        pytest.param(("2024-01-08", "2026-11-21"), id="line ended yesterday"),
        pytest.param(("2026-11-23", None), id="line starts tomorrow"),
    ],
)
def test_no_line_in_force_no_finding(line: tuple[str, str | None] | None) -> None:
    world = World("hull")
    world.manager("M1")
    staff = world.worker("W1")
    if line:
        staff.supervised_by("M1", line[0], line[1])
    world.held("W1", "2025-01-10", supervisor_id="M1")
    assert world.due("personal_supervision", "W1") is None
    assert world.findings_for("personal_supervision") == []


def test_line_ending_today_is_still_in_force() -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1").supervised_by("M1", "2024-01-08", "2026-11-22")
    world.held("W1", "2026-09-01")
    assert world.statuses("personal_supervision") == {"W1": "overdue"}


# --- who gets no finding --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(lambda w: None, {"W1": "overdue"}, id="control: overdue worker is listed"),
        pytest.param(
            lambda w: w.absent("W1", "2026-11-01"), {}, id="absent on as_of, open-ended: none"
        ),
        pytest.param(
            lambda w: w.absent("W1", "2026-11-01", "2026-11-22"), {}, id="absence ends on as_of"
        ),
        pytest.param(
            lambda w: w.absent("W1", "2026-11-22", "2026-11-22"), {}, id="one-day absence today"
        ),
        pytest.param(
            lambda w: w.absent("W1", "2026-11-23", "2026-12-20"),
            {"W1": "overdue"},
            id="absence starting tomorrow is ignored",
        ),
    ],
)
def test_absent_on_as_of(change, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    world = hull_worker()
    world.held("W1", "2026-09-01")
    change(world)
    assert world.statuses("personal_supervision") == expected


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        pytest.param("2026-11-22", {}, id="left on as_of: a leaver"),
        pytest.param("2026-10-01", {}, id="left last month"),
        pytest.param("2026-11-23", {"W1": "overdue"}, id="leaves tomorrow: still listed"),
    ],
)
def test_leavers_get_no_personal_supervision_finding(left: str, expected: dict) -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1", left=left).supervised_by("M1", "2024-01-08")
    world.held("W1", "2026-09-01")
    assert world.statuses("personal_supervision") == expected


def test_a_starter_after_as_of_gets_nothing() -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1", started="2026-11-23").supervised_by("M1", "2026-11-01")
    assert world.due("personal_supervision", "W1") is None


@pytest.mark.parametrize(
    ("pack", "covered"),
    [("hertfordshire", False), ("york", False), ("hull", True), ("bath-ne-somerset", True)],
)
def test_admin_staff_are_not_covered_in_hertfordshire_and_york(pack: str, covered: bool) -> None:
    world = World(pack)
    world.manager("M1")
    world.person("A1", role="admin", qualified=None).supervised_by("M1", "2024-01-08")
    world.held("A1", "2026-01-05")
    assert (world.finding("personal_supervision", "A1") is not None) is covered


# --- which sessions meet it -----------------------------------------------------------------------


def test_a_session_after_as_of_is_ignored() -> None:
    world = hull_worker()
    world.held("W1", "2026-10-01")
    world.held("W1", "2026-11-23")
    assert world.due("personal_supervision", "W1") == d("2026-11-01")


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("formal", "cancelled"),
        ("formal", "planned"),
        ("informal", "held"),
        ("group", "held"),
        ("oversight", "held"),
    ],
)
def test_only_a_held_formal_session_meets_it(kind: str, status: str) -> None:
    world = hull_worker()
    world.held("W1", "2026-10-01")
    world.other(kind, "W1", "2026-11-15", status=status)
    assert world.due("personal_supervision", "W1") == d("2026-11-01")
