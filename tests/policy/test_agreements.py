"""A1 `agreement` and A2 `agreement_review` (RULES.md section 3)."""

from __future__ import annotations

import pytest

from tests.policy.world import World, custom_pack, d

PACKS = ("hertfordshire", "bath-ne-somerset", "york", "hull", "nottingham")


def new_line(pack: str, as_of: str = "2026-11-22") -> World:
    """W1 was supervised by M0 until May 2026 and by M1 since 1 June 2026."""
    world = World(pack, as_of=as_of)
    world.manager("M0")
    world.manager("M1")
    world.worker("W1").supervised_by("M0", "2020-01-06", "2026-05-31")
    world.line("W1", "M1", "2026-06-01")
    world.agreement("W1", "M0", "2020-01-20")
    return world


# --- A1 first session with the current supervisor -------------------------------------------------


@pytest.mark.parametrize("pack", PACKS)
def test_agreement_due_at_the_first_session_with_the_current_supervisor(pack: str) -> None:
    world = new_line(pack)
    world.held("W1", "2026-05-20", supervisor_id="M0")
    world.held("W1", "2026-06-10", supervisor_id="M1")
    world.held("W1", "2026-07-08", supervisor_id="M1")
    assert world.due("agreement", "W1") == d("2026-06-10")
    assert world.statuses("agreement") == {"W1": "overdue"}


def test_no_finding_before_the_first_session() -> None:
    world = new_line("hull")
    world.held("W1", "2026-05-20", supervisor_id="M0")
    assert world.due("agreement", "W1") is None


def test_a_session_with_the_previous_supervisor_after_the_change_is_not_the_first_session():
    world = new_line("hull")
    world.held("W1", "2026-06-03", supervisor_id="M0")
    world.held("W1", "2026-06-17", supervisor_id="M1")
    assert world.due("agreement", "W1") == d("2026-06-17")


def test_first_session_after_as_of_does_not_count() -> None:
    world = new_line("hull")
    world.held("W1", "2026-11-23", supervisor_id="M1")
    assert world.due("agreement", "W1") is None


@pytest.mark.parametrize(
    ("signed", "other", "expected"),
    [
        pytest.param("2026-06-10", "same", None, id="signed by both: met"),
        pytest.param("2026-06-30", "same", None, id="signed by both late: met"),
        pytest.param("2026-06-10", None, "2026-06-10", id="signed by one party only"),
        pytest.param(None, "2026-06-10", "2026-06-10", id="signed by the other party only"),
        pytest.param("2026-06-10", "2026-11-23", "2026-06-10", id="second signature after as_of"),
    ],
)
def test_agreement_signed_by_both(signed: str | None, other: str | None, expected: str | None):
    world = new_line("hull")
    world.held("W1", "2026-06-10", supervisor_id="M1")
    world.agreement("W1", "M1", signed, other)
    assert world.due("agreement", "W1") == d(expected)


def test_an_agreement_with_the_previous_supervisor_does_not_count() -> None:
    world = new_line("hull")
    world.agreement("W1", "M0", "2026-05-20")
    world.held("W1", "2026-06-10", supervisor_id="M1")
    assert world.due("agreement", "W1") == d("2026-06-10")


def test_cover_lines_need_no_agreement() -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1").supervised_by("M1", "2020-01-06", "2026-05-31")
    world.agreement("W1", "M1", "2020-01-20")
    world.manager("M2")
    world.line("W1", "M2", "2026-06-01", cover=True)
    world.held("W1", "2026-06-10", supervisor_id="M2")
    assert world.due("agreement", "W1") is None


def test_usual_line_with_a_cover_line_alongside_still_needs_the_usual_agreement() -> None:
    world = new_line("hull")
    world.manager("M2")
    world.line("W1", "M2", "2026-10-01", cover=True)
    world.held("W1", "2026-06-10", supervisor_id="M1")
    world.agreement("W1", "M2", "2026-10-01")  # with the cover supervisor: not the current usual
    assert world.due("agreement", "W1") == d("2026-06-10")


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param({"absent": ("2026-11-01", None)}, None, id="absent on as_of: no finding"),
        pytest.param({"left": "2026-11-22"}, None, id="leaver: no finding"),
    ],
)
def test_who_gets_no_agreement_finding(who: dict, expected: None) -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1", left=who.get("left")).supervised_by("M1", "2026-06-01")
    if "absent" in who:
        world.absent("W1", *who["absent"])
    world.held("W1", "2026-06-10")
    assert world.due("agreement", "W1") == expected


def test_relationship_start_makes_it_due_on_the_line_from(tmp_path) -> None:
    pack = custom_pack(tmp_path, "hull", (('due = "first_session"', 'due = "relationship_start"'),))
    world = World(pack)
    world.manager("M1")
    world.worker("W1").supervised_by("M1", "2026-06-01")
    assert world.due("agreement", "W1") == d("2026-06-01")


# --- renewal: York after an extended absence, Nottingham after a grade change ---------------------


def settled(pack: str) -> World:
    """W1 with M1 since 2024 and an agreement signed then."""
    world = World(pack)
    world.manager("M1")
    world.worker("W1").supervised_by("M1", "2024-01-08")
    world.agreement("W1", "M1", "2024-01-20")
    world.held("W1", "2024-01-20")
    return world


@pytest.mark.parametrize(
    ("pack", "absence", "renewal", "expected"),
    [
        pytest.param(
            "york",
            ("2026-06-01", "2026-07-31"),
            None,
            "2026-08-05",
            id="York: renew at the first session after an extended absence",
        ),
        pytest.param(
            "york",
            ("2026-06-01", "2026-07-31"),
            "2026-08-03",
            None,
            id="York: renewed after the return: met",
        ),
        pytest.param(
            "york",
            ("2026-06-01", "2026-07-31"),
            "2026-08-01",
            None,
            id="York: renewed on the day of return: met",
        ),
        pytest.param(
            # Ambiguous: "signed on or after that day", the day the absence ends or the return?
            # The engine reads it as the return (as for P1's clock); we test that choice.
            "york",
            ("2026-06-01", "2026-07-31"),
            "2026-07-31",
            "2026-08-05",
            id="York: signed on the last day of the absence does not count (engine's reading)",
        ),
        pytest.param(
            "york",
            ("2026-06-01", "2026-07-31"),
            "2026-05-20",
            "2026-08-05",
            id="York: an agreement from before the absence does not count",
        ),
        pytest.param(
            "york",
            ("2026-06-01", "2026-06-27"),
            None,
            None,
            id="York: a 27-day absence is not extended",
        ),
        pytest.param(
            "hull",
            ("2026-06-01", "2026-07-31"),
            None,
            None,
            id="Hull: no renewal after an absence",
        ),
        pytest.param(
            "nottingham",
            ("2026-06-01", "2026-07-31"),
            None,
            None,
            id="Nottingham: no renewal after an absence",
        ),
    ],
)
def test_york_renewal_after_extended_absence(pack, absence, renewal, expected) -> None:  # type: ignore[no-untyped-def]
    world = settled(pack)
    world.absent("W1", *absence)
    world.held("W1", "2026-05-25")
    world.held("W1", "2026-08-05")
    if renewal:
        world.agreement("W1", "M1", renewal)
    assert world.due("agreement", "W1") == d(expected)


def test_york_renewal_waits_for_the_first_session_after_the_return() -> None:
    world = settled("york")
    world.absent("W1", "2026-06-01", "2026-07-31")
    assert world.due("agreement", "W1") is None


@pytest.mark.parametrize(
    ("pack", "renewal", "expected"),
    [
        pytest.param("nottingham", None, "2026-09-10", id="Nottingham: renew after grade change"),
        pytest.param("nottingham", "2026-09-05", None, id="Nottingham: renewed after: met"),
        pytest.param("nottingham", "2026-09-01", None, id="Nottingham: renewed on the day: met"),
        pytest.param("nottingham", "2026-08-31", "2026-09-10", id="Nottingham: renewed before"),
        pytest.param("york", None, None, id="York: a grade change needs no renewal"),
        pytest.param("hull", None, None, id="Hull: a grade change needs no renewal"),
    ],
)
def test_nottingham_renewal_after_grade_change(pack, renewal, expected) -> None:  # type: ignore[no-untyped-def]
    world = settled(pack)
    world.event("W1", "2026-09-01", "grade_change")
    world.held("W1", "2026-08-20")
    world.held("W1", "2026-09-10")
    if renewal:
        world.agreement("W1", "M1", renewal)
    assert world.due("agreement", "W1") == d(expected)


def test_nottingham_renewal_with_a_new_supervisor_counts_from_the_later_line() -> None:
    world = settled("nottingham")
    world.event("W1", "2026-09-01", "grade_change")
    world.data.supervision_lines[0].ends_on = d("2026-09-30")
    world.manager("M2")
    world.line("W1", "M2", "2026-10-01")
    world.held("W1", "2026-09-10", supervisor_id="M1")
    world.held("W1", "2026-10-12", supervisor_id="M2")
    assert world.due("agreement", "W1") == d("2026-10-12")


# --- A2 annual review (Hertfordshire) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("agreements", "expected", "status"),
    [
        pytest.param([("2025-11-29", "same")], "2026-11-29", "due_soon", id="due a year on"),
        pytest.param([("2025-10-01", "same")], "2026-10-01", "overdue", id="over a year ago"),
        pytest.param(
            [("2025-10-01", "2025-12-01")], "2026-12-01", None, id="a year from the later signature"
        ),
        pytest.param(
            [("2024-11-01", "same"), ("2026-01-15", "same")],
            "2027-01-15",
            None,
            id="reviewed: the latest agreement counts",
        ),
        pytest.param(
            [("2024-11-01", "same"), ("2026-01-15", None)],
            "2025-11-01",
            "overdue",
            id="a review signed by one party does not count",
        ),
    ],
)
def test_hertfordshire_annual_review(agreements: list, expected: str, status: str | None) -> None:
    world = World("hertfordshire")
    world.manager("M1")
    world.worker("W1").supervised_by("M1", "2024-10-01")
    world.held("W1", "2026-11-02")
    for signed, other in agreements:
        world.agreement("W1", "M1", signed, other)
    assert world.due("agreement_review", "W1") == d(expected)
    assert world.statuses("agreement_review").get("W1") == status


def test_annual_review_is_not_about_an_agreement_with_a_previous_supervisor() -> None:
    world = new_line("hertfordshire")
    world.held("W1", "2026-06-10", supervisor_id="M1")
    assert world.due("agreement_review", "W1") is None
    assert world.due("agreement", "W1") == d("2026-06-10")


@pytest.mark.parametrize("pack", ["bath-ne-somerset", "york", "hull", "nottingham"])
def test_annual_review_only_in_hertfordshire(pack: str) -> None:
    world = World(pack)
    world.manager("M1")
    world.worker("W1").supervised_by("M1", "2024-10-01")
    world.agreement("W1", "M1", "2024-10-01")
    assert world.due("agreement_review", "W1") is None


@pytest.mark.parametrize(("pack", "covered"), [("york", False), ("hull", True)])
def test_admin_staff_need_an_agreement_only_where_covered(pack: str, covered: bool) -> None:
    world = World(pack)
    world.manager("M1")
    world.person("A1", role="admin", qualified=None).supervised_by("M1", "2026-06-01")
    world.held("A1", "2026-06-10")
    assert world.due("agreement", "A1") == (d("2026-06-10") if covered else None)
