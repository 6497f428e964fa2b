"""C1 `reschedule` (Hull), C2 `cancellation_escalation` (Bath & NE Somerset) and
C3 `supervisor_absence_cover` (Hertfordshire, Hull)."""

from __future__ import annotations

import pytest

from tests.policy.world import World, d

PACKS = ("hertfordshire", "bath-ne-somerset", "york", "hull", "nottingham")


def pair(pack: str, as_of: str = "2026-11-22") -> World:
    world = World(pack, as_of=as_of)
    world.manager("M1")
    world.manager("M2")
    world.worker("W1").supervised_by("M1", "2020-01-06")
    world.held("W1", "2026-10-26")
    return world


# --- C1 reschedule within 5 working days (Hull) ---------------------------------------------------


def cancelled_monday(pack: str = "hull", **kw: object) -> tuple[World, str]:
    world = pair(pack)
    session = world.cancelled("W1", "2026-11-09", **kw)  # type: ignore[arg-type]
    return world, session.session_id


@pytest.mark.parametrize("pack", PACKS)
def test_reschedule_only_in_hull(pack: str) -> None:
    world, sid = cancelled_monday(pack)
    assert world.due("reschedule", sid) == (d("2026-11-16") if pack == "hull" else None)


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        pytest.param(None, "2026-11-16", id="not rescheduled: due 5 working days after Mon 9 Nov"),
        pytest.param(("2026-11-12", "M1"), None, id="held on Thu 12 Nov: met"),
        pytest.param(("2026-11-20", "M1"), None, id="held late on 20 Nov: no current finding"),
        pytest.param(("2026-11-12", "M2"), None, id="held with another supervisor: met"),
        pytest.param(("2026-11-09", "M1"), "2026-11-16", id="held the same day is not after"),
        pytest.param(("2026-11-23", "M1"), "2026-11-16", id="held after as_of is ignored"),
    ],
)
def test_reschedule_until_a_formal_session_is_held(held, expected) -> None:  # type: ignore[no-untyped-def]
    world, sid = cancelled_monday()
    if held:
        world.held("W1", held[0], supervisor_id=held[1])
    assert world.due("reschedule", sid) == d(expected)


@pytest.mark.parametrize("kind", ["group", "informal", "oversight"])
def test_reschedule_needs_a_formal_session(kind: str) -> None:
    world, sid = cancelled_monday()
    world.other(kind, "W1", "2026-11-12")
    assert world.due("reschedule", sid) == d("2026-11-16")


def test_reschedule_overdue_and_due_soon() -> None:
    world, sid = cancelled_monday()
    assert world.statuses("reschedule") == {sid: "overdue"}
    assert world.statuses("reschedule", "2026-11-16") == {sid: "due_soon"}


@pytest.mark.parametrize(
    ("by", "absent", "expected"),
    [
        pytest.param(
            "supervisor",
            ("M1", "2026-11-09", "2026-11-11"),
            "2026-11-19",
            id="supervisor off sick 9-11 Nov: 5 working days from the return on Thu 12 Nov",
        ),
        pytest.param(
            "supervisor",
            ("M1", "2026-11-02", None),
            None,
            id="supervisor still off sick with no return date: no finding",
        ),
        pytest.param(
            "supervisor", None, "2026-11-16", id="sickness but no absence recorded: from the date"
        ),
        pytest.param(
            "supervisor",
            ("M1", "2026-11-10", "2026-11-20"),
            "2026-11-16",
            id="absence starting after the cancelled date does not cover it",
        ),
        pytest.param(
            "supervisee",
            ("W1", "2026-11-09", "2026-11-11"),
            "2026-11-19",
            id="supervisee off sick 9-11 Nov: from their return",
        ),
        pytest.param(
            "supervisee",
            ("M1", "2026-11-09", "2026-11-11"),
            "2026-11-16",
            id="cancelled by the supervisee: the supervisor's absence is not theirs",
        ),
        pytest.param(
            "supervisor",
            ("M1", "2026-11-06", "2026-11-27"),
            "2026-12-04",
            id="return after as_of: due 5 working days after Sat 28 Nov",
        ),
    ],
)
def test_reschedule_after_sickness(by: str, absent: tuple | None, expected: str | None) -> None:
    world, sid = cancelled_monday(by=by, reason="sickness")
    if absent:
        world.absent(*absent)
    assert world.due("reschedule", sid) == d(expected)


@pytest.mark.parametrize(
    ("by", "absent", "because"),
    [
        ("supervisor", ("M1", "2026-11-09", "2026-11-17"),
         "the supervisor's return to work after sickness"),
        ("supervisee", ("W1", "2026-11-09", "2026-11-11"),
         "the supervisee's return to work after sickness"),
        ("supervisor", None, "cancelled session's date"),
    ],
)  # fmt: skip
def test_reschedule_says_whose_return_it_counts_from(by: str, absent, because: str) -> None:  # type: ignore[no-untyped-def]
    """In words a manager reads on the findings page: a role, never a staff id."""
    world, sid = cancelled_monday(by=by, reason="sickness")
    if absent:
        world.absent(*absent)
    duty = world.duty("reschedule", sid)
    assert duty is not None
    assert duty.facts["because"] == because


def test_reschedule_not_while_the_supervisee_is_absent_today() -> None:
    world, sid = cancelled_monday()
    world.absent("W1", "2026-11-16", "2026-12-31", reason="annual_leave", planned=True)
    assert world.due("reschedule", sid) is None


def test_a_session_cancelled_for_after_as_of_is_ignored() -> None:
    world = pair("hull")
    session = world.cancelled("W1", "2026-11-23")
    assert world.due("reschedule", session.session_id) is None


# --- C2 escalation of repeated cancellations (Bath & NE Somerset) ---------------------------------


def escalation(
    cancellations: list[tuple[str, str] | tuple[str, str, str]],
    escalated: tuple[str, ...] = (),
    pack: str = "bath-ne-somerset",
) -> World:
    world = pair(pack)
    for item in cancellations:
        on, supervisor = item[0], item[1]
        by = item[2] if len(item) == 3 else "supervisor"
        world.cancelled("W1", on, by=by, supervisor_id=supervisor)
    for on in escalated:
        world.event("W1", on, "escalated")
    return world


@pytest.mark.parametrize(
    ("cancellations", "escalated", "expected"),
    [
        pytest.param([("2026-06-10", "M1")], (), None, id="one cancellation: nothing"),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-09-10", "M1")],
            (),
            "2026-09-10",
            id="two by the same supervisor in 6 months: due on the second",
        ),
        pytest.param(
            [("2026-03-10", "M1"), ("2026-09-10", "M1")],
            (),
            "2026-09-10",
            id="exactly 6 months apart counts",
        ),
        pytest.param(
            [("2026-03-09", "M1"), ("2026-09-10", "M1")],
            (),
            None,
            id="6 months and a day apart does not",
        ),
        pytest.param(
            [("2026-02-28", "M1"), ("2026-08-31", "M1")],
            (),
            "2026-08-31",
            id="31 Aug - 6 months is 28 Feb: counts",
        ),
        pytest.param(
            [("2026-02-27", "M1"), ("2026-08-31", "M1")],
            (),
            None,
            id="27 Feb is before 31 Aug - 6 months",
        ),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-07-10", "M1"), ("2026-08-10", "M1")],
            (),
            "2026-07-10",
            id="three cancellations: due on the second",
        ),
        pytest.param(
            [("2026-01-05", "M1"), ("2026-08-03", "M1"), ("2026-10-01", "M1")],
            (),
            "2026-10-01",
            id="the first that has an earlier one within 6 months",
        ),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-09-10", "M2")], (), None, id="different supervisors"
        ),
        pytest.param(
            [("2026-06-10", "M1", "supervisee"), ("2026-09-10", "M1", "supervisee")],
            (),
            None,
            id="cancelled by the supervisee: not counted",
        ),
        pytest.param(
            [("2026-06-10", "M1", "supervisee"), ("2026-09-10", "M1")],
            (),
            None,
            id="one by each: not counted",
        ),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-09-10", "M1")],
            ("2026-09-10",),
            None,
            id="escalated on the day: met",
        ),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-09-10", "M1")],
            ("2026-09-15",),
            None,
            id="escalated after: met",
        ),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-09-10", "M1")],
            ("2026-05-01",),
            "2026-09-10",
            id="an escalation before both does not meet it",
        ),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-09-10", "M1")],
            ("2026-07-01",),
            None,
            id="an escalation between them restarts the count",
        ),
        pytest.param(
            [
                ("2026-03-01", "M1"),
                ("2026-04-01", "M1"),
                ("2026-06-10", "M1"),
                ("2026-09-10", "M1"),
            ],
            ("2026-04-15",),
            "2026-09-10",
            id="two more after an escalation: due again",
        ),
        pytest.param(
            [("2026-06-10", "M1"), ("2026-09-10", "M1")],
            ("2026-11-23",),
            "2026-09-10",
            id="an escalation after as_of does not exist yet",
        ),
        pytest.param(
            [("2026-11-10", "M1"), ("2026-11-25", "M1")],
            (),
            None,
            id="a cancellation after as_of does not exist yet",
        ),
    ],
)
def test_cancellation_escalation(cancellations: list, escalated: tuple, expected: str | None):
    world = escalation(cancellations, escalated)
    assert world.due("cancellation_escalation", "W1") == d(expected)


def test_escalation_is_not_suspended_by_absence() -> None:
    world = escalation([("2026-06-10", "M1"), ("2026-09-10", "M1")])
    world.absent("W1", "2026-11-01")
    assert world.statuses("cancellation_escalation") == {"W1": "overdue"}


def test_escalation_not_for_a_leaver() -> None:
    world = escalation([("2026-06-10", "M1"), ("2026-09-10", "M1")])
    world.data.staff[-1].left_on = d("2026-10-31")
    assert world.due("cancellation_escalation", "W1") is None


@pytest.mark.parametrize("pack", ["hertfordshire", "york", "hull", "nottingham"])
def test_escalation_only_in_bath(pack: str) -> None:
    world = escalation([("2026-06-10", "M1"), ("2026-09-10", "M1")], pack=pack)
    assert world.due("cancellation_escalation", "W1") is None


# --- C3 cover for an absent supervisor ------------------------------------------------------------


@pytest.mark.parametrize(
    ("pack", "absence", "expected"),
    [
        pytest.param(
            "hertfordshire",
            ("2026-10-01", None, False),
            "2026-11-05",
            id="Hertfordshire: absent since 1 Oct: cover due 28 + 7 days later",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-11-01", "2026-12-31", False),
            "2026-12-06",
            id="Hertfordshire: known 61-day absence from 1 Nov",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-11-01", None, False),
            None,
            id="Hertfordshire: open-ended 22 days so far: not yet known to exceed 28",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-10-26", None, False),
            None,
            id="Hertfordshire: open-ended, exactly 28 days so far",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-10-25", None, False),
            "2026-11-29",
            id="Hertfordshire: open-ended, 29 days so far",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-11-01", "2026-11-28", False),
            None,
            id="Hertfordshire: known 28 days is not longer than four weeks",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-11-01", "2026-11-29", False),
            "2026-12-06",
            id="Hertfordshire: known 29 days",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-10-01", "2027-03-31", True),
            "2026-11-05",
            id="Hertfordshire: planned absences count too",
        ),
        pytest.param(
            "hertfordshire",
            ("2026-09-01", "2026-11-21", False),
            None,
            id="Hertfordshire: the absence ended yesterday",
        ),
        pytest.param(
            "hull",
            ("2026-11-01", None, False),
            "2026-11-15",
            id="Hull: unplanned absence over 2 weeks",
        ),
        pytest.param(
            "hull", ("2026-11-01", None, True), None, id="Hull: planned absence is ignored"
        ),
        pytest.param(
            "hull", ("2026-11-10", "2026-11-23", False), None, id="Hull: known 14 days exactly"
        ),
        pytest.param(
            "hull", ("2026-11-10", "2026-11-24", False), "2026-11-24", id="Hull: known 15 days"
        ),
        pytest.param(
            "hull", ("2026-11-09", None, False), None, id="Hull: open-ended, 14 days so far"
        ),
        pytest.param(
            "hull", ("2026-11-08", None, False), "2026-11-22", id="Hull: open-ended, 15 days"
        ),
        pytest.param(
            "hull", ("2026-11-23", "2027-01-31", False), None, id="Hull: absence starts tomorrow"
        ),
        pytest.param("york", ("2026-09-01", None, False), None, id="York: no cover rule"),
        pytest.param("nottingham", ("2026-09-01", None, False), None, id="Nottingham: none"),
        pytest.param("bath-ne-somerset", ("2026-09-01", None, False), None, id="Bath: none"),
    ],
)
def test_supervisor_absence_cover(pack: str, absence: tuple, expected: str | None) -> None:
    world = pair(pack)
    world.absent("M1", absence[0], absence[1], planned=absence[2])
    assert world.due("supervisor_absence_cover", "W1") == d(expected)


@pytest.mark.parametrize(
    ("cover", "expected"),
    [
        pytest.param(("2026-11-01", None), None, id="cover line in force: met"),
        pytest.param(("2026-11-01", "2026-11-22"), None, id="cover line ending today: met"),
        pytest.param(("2026-10-01", "2026-11-21"), "2026-11-15", id="cover line ended yesterday"),
        pytest.param(("2026-11-23", None), "2026-11-15", id="cover line starting tomorrow"),
    ],
)
def test_a_cover_line_meets_it(cover: tuple[str, str | None], expected: str | None) -> None:
    world = pair("hull")
    world.absent("M1", "2026-11-01")
    world.line("W1", "M2", cover[0], cover[1], cover=True)
    assert world.due("supervisor_absence_cover", "W1") == d(expected)


def test_each_supervisee_needs_cover() -> None:
    world = pair("hull")
    world.worker("W2").supervised_by("M1", "2024-01-08")
    world.worker("W3").supervised_by("M2", "2024-01-08")
    world.absent("M1", "2026-11-01")
    assert world.statuses("supervisor_absence_cover") == {"W1": "overdue", "W2": "overdue"}


def test_no_cover_finding_for_an_absent_supervisee() -> None:
    world = pair("hull")
    world.absent("M1", "2026-11-01")
    world.absent("W1", "2026-11-20", "2026-11-30")
    assert world.due("supervisor_absence_cover", "W1") is None


@pytest.mark.parametrize(("role", "listed"), [("admin", False), ("social_worker", True)])
def test_hertfordshire_cover_only_for_covered_staff(role: str, listed: bool) -> None:
    world = World("hertfordshire")
    world.manager("M1")
    world.person("S1", role=role, qualified=None).supervised_by("M1", "2024-01-08")
    world.absent("M1", "2026-10-01")
    assert (world.due("supervisor_absence_cover", "S1") is not None) is listed
