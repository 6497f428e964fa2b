"""Staff categories of RULES.md section 2, derived for a staff member on a given day, and the
precedence of section 4 (asye phase, returning, role rows, newly_qualified, unqualified,
default)."""

from __future__ import annotations

from datetime import date

import pytest

from supervise.policy.categories import asye_phase, categories_on
from supervise.policy.dates import Interval
from supervise.policy.model import Absence, Staff, StaffEvent

TWO_MONTHS = Interval.parse("P2M")


def day(text: str) -> date:
    return date.fromisoformat(text)


def staff(
    role: str = "social_worker",
    started: str = "2015-01-05",
    qualified: str | None = "2014-07-01",
    asye: bool = False,
) -> Staff:
    return Staff(
        staff_id="W1",
        name="W",
        role=role,
        started_on=day(started),
        qualified_on=day(qualified) if qualified else None,
        asye=asye,
    )


def categories(
    on: str,
    person: Staff | None = None,
    absences: tuple[tuple[str, str | None], ...] = (),
    events: tuple[tuple[str, str], ...] = (),
    returning: bool = True,
) -> list[str]:
    return categories_on(
        person or staff(),
        day(on),
        [Absence("W1", day(a), "sickness", day(b) if b else None) for a, b in absences],
        sorted((StaffEvent("W1", day(on_), kind) for on_, kind in events), key=lambda e: e.on),
        28,
        TWO_MONTHS if returning else None,
    )


# --- ASYE phases ---------------------------------------------------------------------------------

ASYE_JAN = staff(started="2026-01-05", qualified="2025-07-01", asye=True)
ASYE_AUG31 = staff(started="2025-08-31", qualified="2025-07-01", asye=True)
ASYE_LEAP = staff(started="2027-08-31", qualified="2027-07-01", asye=True)


@pytest.mark.parametrize(
    ("person", "on", "phase"),
    [
        pytest.param(ASYE_JAN, "2026-01-05", "asye_weeks_1_6", id="ASYE day 0 is week 1"),
        pytest.param(ASYE_JAN, "2026-02-15", "asye_weeks_1_6", id="ASYE day 41 is still weekly"),
        pytest.param(ASYE_JAN, "2026-02-16", "asye_to_6_months", id="ASYE day 42 is fortnightly"),
        pytest.param(
            ASYE_JAN, "2026-07-04", "asye_to_6_months", id="ASYE day before started + 6 months"
        ),
        pytest.param(
            ASYE_JAN, "2026-07-05", "asye_to_12_months", id="ASYE on started + 6 months exactly"
        ),
        pytest.param(
            ASYE_JAN, "2027-01-04", "asye_to_12_months", id="ASYE day before started + 12 months"
        ),
        pytest.param(ASYE_JAN, "2027-01-05", None, id="ASYE over on started + 12 months exactly"),
        pytest.param(
            ASYE_AUG31, "2026-02-27", "asye_to_6_months", id="started 31 Aug: 27 Feb still to 6m"
        ),
        pytest.param(
            ASYE_AUG31, "2026-02-28", "asye_to_12_months", id="started 31 Aug: + 6 months is 28 Feb"
        ),
        pytest.param(
            ASYE_AUG31, "2026-08-30", "asye_to_12_months", id="started 31 Aug: 30 Aug still ASYE"
        ),
        pytest.param(ASYE_AUG31, "2026-08-31", None, id="started 31 Aug: ASYE over on 31 Aug"),
        pytest.param(
            ASYE_LEAP, "2028-02-28", "asye_to_6_months", id="started 31 Aug 2027: 28 Feb 2028 to 6m"
        ),
        pytest.param(
            ASYE_LEAP, "2028-02-29", "asye_to_12_months", id="started 31 Aug 2027: + 6m is 29 Feb"
        ),
        pytest.param(
            staff(started="2026-01-05", qualified="2025-07-01"),
            "2026-01-05",
            None,
            id="not in the ASYE (asye=false): no phase",
        ),
    ],
)
def test_asye_phase_boundaries(person: Staff, on: str, phase: str | None) -> None:
    assert asye_phase(person, day(on)) == phase
    found = categories(on, person)
    if phase:
        assert found[0] == phase
    else:
        assert not any(c.startswith("asye") for c in found)


# --- qualification -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "on", "expected"),
    [
        pytest.param(
            staff(qualified="2025-11-22", started="2025-12-01"),
            "2026-11-21",
            "newly_qualified",
            id="qualified 22 Nov 2025: newly qualified on 21 Nov 2026",
        ),
        pytest.param(
            staff(qualified="2025-11-22", started="2025-12-01"),
            "2026-11-22",
            "default",
            id="qualified 22 Nov 2025: experienced on 22 Nov 2026 exactly",
        ),
        pytest.param(
            staff(qualified="2024-02-29", started="2024-03-01"),
            "2025-02-27",
            "newly_qualified",
            id="qualified 29 Feb 2024: newly qualified on 27 Feb 2025",
        ),
        pytest.param(
            staff(qualified="2024-02-29", started="2024-03-01"),
            "2025-02-28",
            "default",
            id="qualified 29 Feb 2024: experienced on 28 Feb 2025",
        ),
        pytest.param(
            staff(role="family_support_worker", qualified=None),
            "2026-11-22",
            "unqualified",
            id="family support worker with no qualification is unqualified",
        ),
        pytest.param(
            staff(role="student", qualified=None, started="2026-09-01"),
            "2026-11-22",
            "unqualified",
            id="student is unqualified",
        ),
        pytest.param(
            staff(asye=True, started="2025-01-06", qualified="2025-06-01"),
            "2026-01-06",
            "newly_qualified",
            id="ASYE year over but qualified under 12 months: newly qualified",
        ),
    ],
)
def test_qualification_categories(person: Staff, on: str, expected: str) -> None:
    assert categories(on, person)[0] == expected


def test_an_asye_worker_is_not_also_newly_qualified() -> None:
    person = staff(asye=True, started="2026-09-07", qualified="2026-07-01")
    assert "newly_qualified" not in categories("2026-11-22", person)


# --- role rows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("senior_practitioner", "senior_practitioner"),
        ("sessional_worker", "sessional"),
        ("admin", "admin"),
        ("assistant_team_manager", "manager"),
        ("team_manager", "manager"),
        ("service_manager", "manager"),
        ("group_manager", "manager"),
        pytest.param("head_of_service", "default", id="head_of_service has no row of its own"),
        pytest.param("social_worker", "default", id="an experienced social worker is default"),
    ],
)
def test_role_rows(role: str, expected: str) -> None:
    assert categories("2026-11-22", staff(role=role))[0] == expected


# --- returning (Hull) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("absences", "events", "on", "returning"),
    [
        pytest.param(
            (("2026-03-01", "2026-03-28"),),
            (),
            "2026-03-29",
            True,
            id="28-day absence is extended: returning the day after it ends",
        ),
        pytest.param(
            (("2026-03-01", "2026-03-28"),),
            (),
            "2026-05-28",
            True,
            id="returning until 2 months after the return",
        ),
        pytest.param(
            (("2026-03-01", "2026-03-28"),),
            (),
            "2026-05-29",
            False,
            id="no longer returning 2 months after the return",
        ),
        pytest.param(
            (("2026-03-01", "2026-03-27"),),
            (),
            "2026-03-28",
            False,
            id="27-day absence is not extended",
        ),
        pytest.param(
            (("2026-03-01", None),),
            (),
            "2026-05-01",
            False,
            id="still absent (no end date): not yet returning",
        ),
        pytest.param(
            (), (("2026-06-10", "role_change"),), "2026-06-10", True, id="role change day"
        ),
        pytest.param(
            (), (("2026-06-10", "role_change"),), "2026-08-09", True, id="role change + 2m - 1 day"
        ),
        pytest.param(
            (), (("2026-06-10", "role_change"),), "2026-08-10", False, id="role change + 2 months"
        ),
        pytest.param(
            (), (("2026-06-10", "role_change"),), "2026-06-09", False, id="day before role change"
        ),
        pytest.param((), (("2026-06-10", "team_transfer"),), "2026-07-01", True, id="transfer"),
        pytest.param(
            (),
            (("2026-06-10", "grade_change"),),
            "2026-07-01",
            False,
            id="a grade change is not a return",
        ),
    ],
)
def test_returning_window(
    absences: tuple[tuple[str, str | None], ...],
    events: tuple[tuple[str, str], ...],
    on: str,
    returning: bool,
) -> None:
    assert ("returning" in categories(on, absences=absences, events=events)) is returning


def test_returning_is_off_for_packs_that_do_not_use_it() -> None:
    found = categories("2026-06-11", events=(("2026-06-10", "role_change"),), returning=False)
    assert "returning" not in found


# --- capability ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "on", "inside"),
    [
        pytest.param(
            (("2026-03-01", "capability_start"), ("2026-06-01", "capability_end")),
            "2026-04-15",
            True,
            id="between capability start and end",
        ),
        pytest.param(
            (("2026-03-01", "capability_start"), ("2026-06-01", "capability_end")),
            "2026-02-28",
            False,
            id="before capability starts",
        ),
        pytest.param(
            (("2026-03-01", "capability_start"), ("2026-06-01", "capability_end")),
            "2026-07-01",
            False,
            id="after capability ends",
        ),
        pytest.param(
            (("2026-03-01", "capability_start"),),
            "2026-11-22",
            True,
            id="capability started and not yet ended",
        ),
        pytest.param(
            (
                ("2025-03-01", "capability_start"),
                ("2025-06-01", "capability_end"),
                ("2026-03-01", "capability_start"),
            ),
            "2026-04-01",
            True,
            id="a second capability pair",
        ),
        pytest.param(
            (
                ("2025-03-01", "capability_start"),
                ("2025-06-01", "capability_end"),
                ("2026-03-01", "capability_start"),
            ),
            "2025-12-01",
            False,
            id="between two capability pairs",
        ),
    ],
)
def test_capability_pairs(events: tuple[tuple[str, str], ...], on: str, inside: bool) -> None:
    assert ("capability" in categories(on, events=events)) is inside
