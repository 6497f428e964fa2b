"""P2 `case_supervision`, P3 `case_every_other_session`, P4 `group_case_supervision` and
P5 `case_first_discussion` (RULES.md sections 1, 3 and 4)."""

from __future__ import annotations

import pytest

from supervise.policy.findings import Finding
from tests.policy.world import World, d


def caseload(pack: str, as_of: str = "2026-11-22") -> World:
    world = World(pack, as_of=as_of)
    world.manager("M1")
    world.manager("M2")
    world.worker("W1").supervised_by("M1", "2020-01-06")
    world.worker("W2").supervised_by("M1", "2020-01-06")
    return world


# --- P2 backstops ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        pytest.param("hertfordshire", "2026-12-01", id="Hertfordshire: every 3 months"),
        pytest.param("york", "2026-12-01", id="York: every 3 months"),
        pytest.param("hull", "2026-11-01", id="Hull: bi-monthly"),
        pytest.param("nottingham", "2026-10-27", id="Nottingham: every 8 weeks (56 days)"),
        pytest.param("bath-ne-somerset", None, id="Bath & NE Somerset: no backstop (uses P3)"),
    ],
)
def test_backstop_for_every_open_allocated_child(pack: str, expected: str | None) -> None:
    world = caseload(pack)
    world.child("C1", allocated_to="W1", opened="2025-01-06")
    world.held("W1", "2026-09-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d(expected)


# --- P2 shortest interval -----------------------------------------------------------------------

NOTTINGHAM_MONTHLY = (
    "child_protection_plan",
    "section47_enquiry",
    "court_proceedings",
    "missing_or_exploitation",
    "non_permanent_placement",
    "recently_placed",
    "unregulated_placement",
)


@pytest.mark.parametrize("status", NOTTINGHAM_MONTHLY)
def test_nottingham_monthly_statuses(status: str) -> None:
    world = caseload("nottingham")
    world.child("C1", allocated_to="W1", statuses=(status,))
    world.held("W1", "2026-09-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d("2026-10-01")


@pytest.mark.parametrize(
    ("statuses", "plan", "expected"),
    [
        pytest.param(("child_in_need",), None, "2026-10-27", id="child in need: 8-week backstop"),
        pytest.param(
            ("short_breaks",), None, "2026-10-27", id="short breaks keep the 8-week backstop"
        ),
        pytest.param(
            ("stable_independent",), None, "2026-10-27", id="stable young person: 8 weeks"
        ),
        pytest.param(("child_in_care",), None, "2026-09-29", id="in care, no permanence plan: 28d"),
        pytest.param(
            ("child_in_care",), "2026-06-01", "2026-10-27", id="in care with a permanence plan: 56d"
        ),
        pytest.param(
            ("child_in_care",), "2026-11-22", "2026-10-27", id="permanence plan dated on as_of"
        ),
        pytest.param(
            ("child_in_care",), "2026-11-23", "2026-09-29", id="permanence plan dated after as_of"
        ),
        pytest.param(
            ("child_in_care", "child_protection_plan"),
            None,
            "2026-09-29",
            id="in care (28d) and on a plan (1 month): the shorter 28 days",
        ),
        pytest.param(
            ("child_in_care", "court_proceedings"),
            "2026-06-01",
            "2026-10-01",
            id="in care with a plan (56d) and in court (1 month): monthly",
        ),
    ],
)
def test_nottingham_shortest_interval(statuses: tuple, plan: str | None, expected: str) -> None:
    world = caseload("nottingham")
    world.child("C1", allocated_to="W1", statuses=statuses, permanence_plan_on=plan)
    world.held("W1", "2026-09-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d(expected)


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        pytest.param(("2026-01-01", "2026-10-01"), "2026-10-27", id="plan ended before as_of"),
        pytest.param(("2026-01-01", "2026-11-22"), "2026-10-01", id="plan ending on as_of"),
        pytest.param(("2026-11-23", None), "2026-10-27", id="plan starting after as_of"),
    ],
)
def test_nottingham_status_in_force_on_as_of(span: tuple[str, str | None], expected: str):
    world = caseload("nottingham")
    world.child("C1", allocated_to="W1")
    world.status("C1", "child_protection_plan", span[0], span[1])
    world.held("W1", "2026-09-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d(expected)


@pytest.mark.parametrize(
    ("vulnerable", "expected"),
    [
        pytest.param(True, "2026-10-01", id="Hull particularly vulnerable: monthly"),
        pytest.param(False, "2026-11-01", id="Hull not particularly vulnerable: bi-monthly"),
    ],
)
def test_hull_particularly_vulnerable(vulnerable: bool, expected: str) -> None:
    world = caseload("hull")
    world.child("C1", allocated_to="W1", particularly_vulnerable=vulnerable)
    world.held("W1", "2026-09-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d(expected)


def test_hull_ignores_nottingham_statuses() -> None:
    world = caseload("hull")
    world.child("C1", allocated_to="W1", statuses=("child_protection_plan", "child_in_care"))
    world.held("W1", "2026-09-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d("2026-11-01")


@pytest.mark.parametrize(
    ("service", "agreed", "by", "expected"),
    [
        pytest.param("0-25 Together", "P6M", "M1", "2027-03-01", id="0-25 Together agreed: 6m"),
        pytest.param("0-25 Together", "P6M", None, "2026-12-01", id="no agreed_by: 3 months"),
        pytest.param("0-25 Together", None, None, "2026-12-01", id="not agreed: 3 months"),
        pytest.param(
            "Family Safeguarding", "P6M", "M1", "2026-12-01", id="other service: 3 months"
        ),
        pytest.param("0-25 Together", "P1M", "M1", "2026-12-01", id="agreed P1M: still 3 months"),
        pytest.param("0-25 Together", "P4M", "M1", "2026-12-01", id="agreed P4M: still 3 months"),
        pytest.param("0-25 Together", "P9M", "M1", "2026-12-01", id="agreed P9M: still 3 months"),
        pytest.param("0-25 Together", "P182D", "M1", "2026-12-01", id="agreed P182D: not P6M"),
    ],
)
def test_hertfordshire_0_25_together(service, agreed, by, expected) -> None:  # type: ignore[no-untyped-def]
    world = caseload("hertfordshire")
    world.child("C1", allocated_to="W1", service=service, agreed_interval=agreed, agreed_by=by)
    world.held("W1", "2026-09-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d(expected)


# --- P2 reference date and which children ---------------------------------------------------------


def test_reference_is_the_allocation_start_when_the_discussion_predates_it() -> None:
    world = caseload("hull")
    world.child("C1", opened="2025-01-06")
    world.allocate("C1", "W1", "2025-01-06", "2026-09-14")
    world.allocate("C1", "W2", "2026-09-15")
    world.held("W1", "2026-05-01", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d("2026-11-15")


def test_a_new_child_is_due_from_its_allocation() -> None:
    world = caseload("hull")
    world.child("C1", allocated_to="W1", opened="2026-08-03")
    assert world.due("case_supervision", "C1") == d("2026-10-03")
    assert world.statuses("case_supervision") == {"C1": "overdue"}


@pytest.mark.parametrize(
    ("child", "allocation", "listed"),
    [
        pytest.param({}, ("2025-01-06", None), True, id="control: open and allocated"),
        pytest.param({"closed": "2026-11-22"}, ("2025-01-06", None), False, id="closed on as_of"),
        pytest.param({"closed": "2026-11-23"}, ("2025-01-06", None), True, id="closes tomorrow"),
        pytest.param({"opened": "2026-11-23"}, ("2026-11-23", None), False, id="opens tomorrow"),
        pytest.param({}, None, False, id="unallocated child: front door's list, no finding"),
        pytest.param({}, ("2025-01-06", "2026-11-21"), False, id="allocation ended yesterday"),
        pytest.param({}, ("2025-01-06", "2026-11-22"), True, id="allocation ending today"),
        pytest.param({}, ("2026-11-23", None), False, id="allocation starting tomorrow"),
    ],
)
def test_only_open_allocated_children(child: dict, allocation: tuple | None, listed: bool):
    world = caseload("hull")
    world.child("C1", opened=child.get("opened", "2025-01-06"), closed=child.get("closed"))
    if allocation:
        world.allocate("C1", "W1", allocation[0], allocation[1])
    world.held("W1", "2026-01-05", discussed=("C1",))
    assert (world.finding("case_supervision", "C1") is not None) is listed


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        pytest.param("nottingham", "2026-12-10", id="Nottingham: a group discussion counts"),
        pytest.param("hull", "2026-11-01", id="Hull: group does not replace case supervision"),
        pytest.param("hertfordshire", "2026-12-01", id="Hertfordshire: group is P4, not P2"),
    ],
)
def test_group_discussions_count_only_where_the_pack_says(pack: str, expected: str) -> None:
    world = caseload(pack)
    world.child("C1", allocated_to="W1")
    world.held("W1", "2026-09-01", discussed=("C1",))
    world.group("M2", "2026-10-15", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d(expected)


@pytest.mark.parametrize(
    ("kind", "status", "on"),
    [
        pytest.param("informal", "held", "2026-10-15", id="informal discussion"),
        pytest.param("oversight", "held", "2026-10-15", id="management oversight"),
        pytest.param("formal", "cancelled", "2026-10-15", id="cancelled session"),
        pytest.param("formal", "planned", "2026-10-15", id="planned session"),
        pytest.param("formal", "held", "2026-11-23", id="session held after as_of"),
    ],
)
def test_discussions_that_do_not_count(kind: str, status: str, on: str) -> None:
    world = caseload("hull")
    world.child("C1", allocated_to="W1")
    world.held("W1", "2026-09-01", discussed=("C1",))
    world.other(kind, "W1", on, status=status, discussed=("C1",))
    assert world.due("case_supervision", "C1") == d("2026-11-01")


def test_a_discussion_in_another_workers_session_counts() -> None:
    world = caseload("hull")
    world.child("C1", allocated_to="W1")
    world.held("W1", "2026-09-01", discussed=("C1",))
    world.held("W2", "2026-10-15", discussed=("C1",))
    assert world.due("case_supervision", "C1") == d("2026-12-15")


# --- P3 every other session (Bath & NE Somerset) --------------------------------------------------


def bath(*sessions: tuple[str, str, tuple[str, ...]], allocated: str = "2026-01-05") -> World:
    world = caseload("bath-ne-somerset")
    world.child("C1", allocated_to="W1", opened="2025-01-06", allocated=allocated)
    for on, supervisor, discussed in sessions:
        world.held("W1", on, supervisor_id=supervisor, discussed=discussed)
    return world


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        pytest.param(
            [("2026-09-01", "M1", ("C1",)), ("2026-09-22", "M1", ())],
            None,
            id="one session without the child: not yet",
        ),
        pytest.param(
            [("2026-09-01", "M1", ("C1",)), ("2026-09-22", "M1", ()), ("2026-10-13", "M1", ())],
            "2026-10-13",
            id="two sessions without the child: due on the second",
        ),
        pytest.param(
            [
                ("2026-09-01", "M1", ("C1",)),
                ("2026-09-22", "M1", ()),
                ("2026-10-13", "M1", ()),
                ("2026-11-03", "M1", ()),
            ],
            "2026-10-13",
            id="three sessions without the child: still due on the second",
        ),
        pytest.param(
            [
                ("2026-09-01", "M1", ("C1",)),
                ("2026-09-22", "M1", ()),
                ("2026-10-13", "M1", ("C1",)),
            ],
            None,
            id="discussed at the second session: met",
        ),
        pytest.param(
            [("2026-09-01", "M2", ("C1",)), ("2026-09-22", "M2", ()), ("2026-10-13", "M1", ())],
            "2026-10-13",
            id="the worker's sessions with any supervisor count",
        ),
        pytest.param(
            [("2026-09-22", "M1", ()), ("2026-11-22", "M1", ())],
            "2026-11-22",
            id="second session on as_of: due today",
        ),
        pytest.param(
            [("2026-09-22", "M1", ()), ("2026-11-23", "M1", ())],
            None,
            id="second session after as_of is ignored",
        ),
    ],
)
def test_case_discussed_every_other_session(sessions: list, expected: str | None) -> None:
    world = bath(*sessions)
    assert world.due("case_every_other_session", "C1") == d(expected)


def test_p3_due_on_as_of_is_due_soon_and_the_day_after_overdue() -> None:
    world = bath(("2026-09-22", "M1", ()), ("2026-11-20", "M1", ()))
    assert world.statuses("case_every_other_session", "2026-11-20") == {"C1": "due_soon"}
    assert world.statuses("case_every_other_session", "2026-11-21") == {"C1": "overdue"}


def test_p3_counts_only_sessions_strictly_after_the_allocation() -> None:
    world = bath(("2026-10-01", "M1", ()), ("2026-10-22", "M1", ()), allocated="2026-10-01")
    assert world.due("case_every_other_session", "C1") is None
    world.held("W1", "2026-11-12")
    assert world.due("case_every_other_session", "C1") == d("2026-11-12")


@pytest.mark.parametrize(
    ("kind", "status"),
    [("formal", "cancelled"), ("group", "held"), ("informal", "held")],
)
def test_p3_other_sessions_neither_count_nor_discuss(kind: str, status: str) -> None:
    world = bath(("2026-09-01", "M1", ("C1",)), ("2026-09-22", "M1", ()))
    world.other(kind, "W1", "2026-10-01", status=status, discussed=("C1",))
    world.held("W1", "2026-10-13")
    assert world.due("case_every_other_session", "C1") == d("2026-10-13")


# --- P4 group case supervision (Hertfordshire) ----------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        pytest.param("red", "2026-11-01", id="red: monthly"),
        pytest.param("amber", "2026-11-01", id="amber: monthly"),
        pytest.param("green", "2026-12-01", id="green: every two months"),
        pytest.param(None, None, id="no risk rating: not in group case supervision"),
    ],
)
def test_group_case_supervision_by_risk_rating(rating: str | None, expected: str | None):
    world = caseload("hertfordshire")
    world.child("C1", allocated_to="W1", risk_rating=rating, service="Family Safeguarding")
    world.group("M2", "2026-10-01", discussed=("C1",))
    world.held("W1", "2026-11-10", discussed=("C1",))  # formal: does not count for P4
    assert world.due("group_case_supervision", "C1") == d(expected)


def test_group_case_supervision_counts_from_allocation() -> None:
    world = caseload("hertfordshire")
    world.child("C1", allocated_to="W1", risk_rating="red", allocated="2026-10-10")
    world.group("M2", "2026-09-01", discussed=("C1",))
    assert world.due("group_case_supervision", "C1") == d("2026-11-10")


def test_group_case_supervision_only_in_hertfordshire() -> None:
    world = caseload("nottingham")
    world.child("C1", allocated_to="W1", risk_rating="red")
    assert world.due("group_case_supervision", "C1") is None


# --- P5 first discussion within 28 days (Nottingham) ----------------------------------------------


@pytest.mark.parametrize(
    ("discussion", "expected"),
    [
        pytest.param(None, "2026-11-29", id="not yet discussed: due 28 days after allocation"),
        pytest.param(("formal", "2026-11-05"), None, id="discussed after allocation: met"),
        pytest.param(("formal", "2026-11-01"), None, id="discussed on the allocation day: met"),
        pytest.param(("group", "2026-11-05"), None, id="a group discussion counts in Nottingham"),
        pytest.param(
            ("formal", "2026-10-20"), "2026-11-29", id="discussed under the previous worker"
        ),
        pytest.param(("informal", "2026-11-05"), "2026-11-29", id="informal does not count"),
    ],
)
def test_first_discussion_within_28_days(discussion, expected) -> None:  # type: ignore[no-untyped-def]
    world = caseload("nottingham")
    world.child("C1", opened="2026-09-01")
    world.allocate("C1", "W2", "2026-09-01", "2026-10-31")
    world.allocate("C1", "W1", "2026-11-01")
    if discussion:
        kind, on = discussion
        supervisor = "M2" if kind == "group" else None
        world.other(
            kind, None if kind == "group" else "W1", on, supervisor_id=supervisor, discussed=("C1",)
        )
    assert world.due("case_first_discussion", "C1") == d(expected)


def test_first_discussion_overdue_after_28_days() -> None:
    world = caseload("nottingham")
    world.child("C1", allocated_to="W1", opened="2026-10-01")
    assert world.due("case_first_discussion", "C1") == d("2026-10-29")
    assert world.statuses("case_first_discussion") == {"C1": "overdue"}


@pytest.mark.parametrize("pack", ["hertfordshire", "york", "hull"])
def test_first_discussion_only_in_nottingham(pack: str) -> None:
    world = caseload(pack)
    world.child("C1", allocated_to="W1", opened="2026-10-01")
    assert world.due("case_first_discussion", "C1") is None
    assert world.due("case_supervision", "C1") is not None  # the child is open and allocated


# --- a later discussion the pack does not count --------------------------------------------------


def discussed_formally_then_in_a_group(pack: str, formal: str, group: str) -> Finding:
    """C1's P2 finding after a formal discussion and a group one (in either order)."""
    world = caseload(pack)
    world.child("C1", allocated_to="W1", opened="2025-01-06")
    world.held("W1", formal, discussed=("C1",))
    world.group("M1", group, discussed=("C1",))
    finding = world.finding("case_supervision", "C1")
    assert finding is not None
    return finding


def test_hull_says_a_later_group_discussion_does_not_count() -> None:
    """Hull: group supervision "does not replace individual reflective case supervision". The
    finding keeps its date from the last formal discussion and names the later group one."""
    finding = discussed_formally_then_in_a_group("hull", "2025-11-21", "2026-10-14")
    assert finding.due_on == d("2026-01-21")
    assert finding.facts["uncounted_kind"] == "group"
    assert finding.facts["uncounted_on"] == d("2026-10-14")


def test_an_earlier_group_discussion_is_not_mentioned() -> None:
    finding = discussed_formally_then_in_a_group("hull", "2025-11-21", "2025-10-14")
    assert "uncounted_kind" not in finding.facts


def test_nottingham_counts_group_discussions_so_there_is_nothing_to_say() -> None:
    finding = discussed_formally_then_in_a_group("nottingham", "2025-11-21", "2026-09-14")
    assert finding.facts["last_discussed_on"] == d("2026-09-14")
    assert "uncounted_kind" not in finding.facts


def test_the_words_say_why_the_group_discussion_does_not_count() -> None:
    from supervise.sessions.duty_words import why

    words = why(discussed_formally_then_in_a_group("hull", "2025-11-21", "2026-10-14"))
    assert words.endswith(
        "discussed in group supervision on Wednesday 14 October 2026, which does not count "
        "under this policy"
    )
