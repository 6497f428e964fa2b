"""Recording duties P6-P9 (RULES.md section 3): met once the date they name is on or before as_of,
even if late; a date after as_of is not yet there."""

from __future__ import annotations

import pytest

from tests.policy.world import World, d

PACKS = ("hertfordshire", "bath-ne-somerset", "york", "hull", "nottingham")


def team(pack: str, as_of: str = "2026-11-22") -> World:
    world = World(pack, as_of=as_of)
    world.manager("M1")
    world.manager("M2")
    world.worker("W1").supervised_by("M1", "2020-01-06")
    world.child("C1", allocated_to="W1")
    world.child("C2", allocated_to="W1")
    return world


# --- P6 case discussion on the child's record -----------------------------------------------------

P6_DUE = {  # for a session held on Friday 13 November 2026
    "hertfordshire": "2026-11-17",  # 2 working days
    "bath-ne-somerset": "2026-11-20",  # 5 working days
    "york": None,
    "hull": "2026-11-20",  # 5 working days
    "nottingham": "2026-11-17",  # 2 working days
}


@pytest.mark.parametrize("pack", PACKS)
def test_case_record_deadline_per_pack(pack: str) -> None:
    world = team(pack)
    world.held("W1", "2026-11-13", discussed=("C1",), recorded=None, session_id="S1")
    assert world.due("case_record", "S1/C1") == d(P6_DUE[pack])


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        pytest.param(None, "2026-11-20", id="not recorded: due 5 working days after"),
        pytest.param("2026-11-16", None, id="recorded on time: met"),
        pytest.param("2026-11-21", None, id="recorded late but before as_of: met"),
        pytest.param("2026-11-22", None, id="recorded on as_of: met"),
        pytest.param("2026-11-23", "2026-11-20", id="recorded after as_of: not yet recorded"),
    ],
)
def test_case_record_met_even_if_late(recorded: str | None, expected: str | None) -> None:
    world = team("hull")
    world.held("W1", "2026-11-13", discussed=("C1",), recorded=recorded, session_id="S1")
    assert world.due("case_record", "S1/C1") == d(expected)


def test_case_record_over_christmas() -> None:
    world = team("hull", as_of="2026-12-29")
    world.held("W1", "2026-12-18", discussed=("C1",), recorded=None, session_id="S1")
    assert world.due("case_record", "S1/C1") == d("2026-12-29")
    assert world.statuses("case_record") == {"S1/C1": "due_soon"}
    assert world.statuses("case_record", "2026-12-30") == {"S1/C1": "overdue"}


def test_each_child_discussed_is_its_own_duty() -> None:
    world = team("nottingham")
    session = world.held("W1", "2026-11-13", session_id="S1")
    world.discussed(session, "C1", None)
    world.discussed(session, "C2", "2026-11-16")
    assert [f.subject_id for f in world.findings_for("case_record")] == ["S1/C1"]


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        pytest.param("nottingham", "2026-11-17", id="Nottingham: the facilitator records it"),
        pytest.param("hull", "2026-11-20", id="Hull: group discussions are recorded too"),
        pytest.param("york", None, id="York: no recording deadline"),
    ],
)
def test_case_record_of_group_sessions(pack: str, expected: str | None) -> None:
    world = team(pack)
    group = world.other("group", None, "2026-11-13", supervisor_id="M2", session_id="G1")
    world.discussed(group, "C1", None)
    assert world.due("case_record", "G1/C1") == d(expected)


@pytest.mark.parametrize(
    ("kind", "status", "on"),
    [
        pytest.param("informal", "held", "2026-11-13", id="informal discussion"),
        pytest.param("formal", "cancelled", "2026-11-13", id="cancelled session"),
        pytest.param("formal", "planned", "2026-11-13", id="planned session"),
        pytest.param("formal", "held", "2026-11-23", id="held after as_of"),
    ],
)
def test_no_case_record_duty(kind: str, status: str, on: str) -> None:
    world = team("hull")
    session = world.other(kind, "W1", on, status=status, session_id="S1")
    world.discussed(session, "C1", None)
    assert world.due("case_record", "S1/C1") is None


# --- P7 personal record completed -----------------------------------------------------------------

P7_DUE = {
    "hertfordshire": None,
    "bath-ne-somerset": "2026-11-27",  # 14 days ("within 2 weeks")
    "york": None,
    "hull": "2026-11-20",  # 5 working days
    "nottingham": "2026-11-17",  # 2 working days
}


@pytest.mark.parametrize("pack", PACKS)
def test_personal_record_deadline_per_pack(pack: str) -> None:
    world = team(pack)
    world.held("W1", "2026-11-13", record_completed_on=None, session_id="S1")
    assert world.due("personal_record", "S1") == d(P7_DUE[pack])


@pytest.mark.parametrize(
    ("completed", "expected"),
    [
        pytest.param("2026-11-21", None, id="completed late: met"),
        pytest.param("2026-11-23", "2026-11-17", id="completed after as_of: outstanding"),
        pytest.param(None, "2026-11-17", id="not completed"),
    ],
)
def test_personal_record_met_even_if_late(completed: str | None, expected: str | None) -> None:
    world = team("nottingham")
    world.held("W1", "2026-11-13", record_completed_on=completed, session_id="S1")
    assert world.due("personal_record", "S1") == d(expected)


@pytest.mark.parametrize(
    ("kind", "status"), [("group", "held"), ("formal", "cancelled"), ("informal", "held")]
)
def test_personal_record_only_for_held_formal_sessions(kind: str, status: str) -> None:
    world = team("hull")
    world.other(kind, "W1", "2026-11-13", status=status, session_id="S1")
    assert world.due("personal_record", "S1") is None


# --- P8 signed by both ----------------------------------------------------------------------------

P8_DUE = {
    "hertfordshire": None,
    "bath-ne-somerset": "2026-11-27",  # 14 days
    "york": None,  # jointly agreed, no deadline: default off
    "hull": "2026-11-20",  # 5 working days
    "nottingham": None,
}


@pytest.mark.parametrize("pack", PACKS)
def test_signoff_deadline_per_pack(pack: str) -> None:
    world = team(pack)
    world.held("W1", "2026-11-13", supervisee_signed_on=None, session_id="S1")
    assert world.due("record_signoff", "S1") == d(P8_DUE[pack])


@pytest.mark.parametrize(
    ("supervisor", "supervisee", "expected"),
    [
        pytest.param("2026-11-16", "2026-11-16", None, id="signed by both: met"),
        pytest.param("2026-11-16", None, "2026-11-20", id="supervisee has not signed"),
        pytest.param(None, "2026-11-16", "2026-11-20", id="supervisor has not signed"),
        pytest.param(None, None, "2026-11-20", id="neither has signed"),
        pytest.param("2026-11-16", "2026-11-23", "2026-11-20", id="one signature after as_of"),
        pytest.param("2026-11-21", "2026-11-22", None, id="both signed late: met"),
    ],
)
def test_signoff_needs_both_signatures(supervisor, supervisee, expected) -> None:  # type: ignore[no-untyped-def]
    world = team("hull")
    world.held(
        "W1",
        "2026-11-13",
        supervisor_signed_on=supervisor,
        supervisee_signed_on=supervisee,
        session_id="S1",
    )
    assert world.due("record_signoff", "S1") == d(expected)


# --- P9 manager review and finalise (Hertfordshire) -----------------------------------------------


def herts_session(recorded: tuple[str | None, ...], finalised: str | None = None) -> World:
    world = team("hertfordshire")
    session = world.held("W1", "2026-11-09", finalised_on=finalised, session_id="S1")
    for child_id, on in zip(("C1", "C2"), recorded, strict=False):
        world.discussed(session, child_id, on)
    return world


@pytest.mark.parametrize(
    ("recorded", "finalised", "expected"),
    [
        pytest.param(
            ("2026-11-10", "2026-11-12"),
            None,
            "2026-11-19",
            id="5 working days after the latest casenote (Thu 12 Nov)",
        ),
        pytest.param(("2026-11-10",), None, "2026-11-17", id="one casenote on Tue 10 Nov"),
        pytest.param(("2026-11-10", "2026-11-12"), "2026-11-20", None, id="finalised (late): met"),
        pytest.param(
            ("2026-11-10", "2026-11-12"), "2026-11-23", "2026-11-19", id="finalised after as_of"
        ),
        pytest.param((None, None), None, None, id="no casenote yet: the clock has not started"),
        pytest.param(
            ("2026-11-10", "2026-11-23"),
            None,
            "2026-11-17",
            id="a casenote after as_of is not yet there",
        ),
        pytest.param(("2026-11-23",), None, None, id="only casenote after as_of: no duty"),
        pytest.param((), None, None, id="no case discussed: nothing to finalise"),
    ],
)
def test_record_finalised(recorded: tuple, finalised: str | None, expected: str | None) -> None:
    world = herts_session(recorded, finalised)
    assert world.due("record_finalised", "S1") == d(expected)


@pytest.mark.parametrize("pack", ["bath-ne-somerset", "york", "hull", "nottingham"])
def test_record_finalised_only_in_hertfordshire(pack: str) -> None:
    world = team(pack)
    world.held("W1", "2026-11-09", finalised_on=None, discussed=("C1",), session_id="S1")
    assert world.due("record_finalised", "S1") is None
