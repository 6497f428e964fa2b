"""Q1 observation of supervision, Q2 observation of practice (Hull), T1 supervisor training (Bath &
NE Somerset), R1 file archive (Hull), R2 file destruction, D1 appraisal (RULES.md section 3)."""

from __future__ import annotations

import pytest

from tests.policy.world import World, d

PACKS = ("hertfordshire", "bath-ne-somerset", "york", "hull", "nottingham")


def office(pack: str = "hull", line_from: str = "2026-01-05") -> World:
    """GM supervises team manager M1, who supervises W1 from `line_from`."""
    world = World(pack)
    world.manager("GM", role="group_manager")
    world.manager("M1").supervised_by("GM", "2015-01-05")
    world.worker("W1").supervised_by("M1", line_from)
    return world


# --- Q1 observation of supervision (Hull) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        pytest.param((), "2026-04-05", id="never observed: 3 months after first supervising"),
        pytest.param((("2026-09-01", "supervision", "GM"),), "2026-12-01", id="observed 1 Sep"),
        pytest.param(
            (("2026-09-01", "supervision", "X9"),), "2026-12-01", id="any observer counts"
        ),
        pytest.param(
            (("2026-09-01", "practice", "GM"),), "2026-04-05", id="a practice observation: no"
        ),
        pytest.param(
            (("2026-11-23", "supervision", "GM"),), "2026-04-05", id="observed after as_of: no"
        ),
        pytest.param(
            (("2026-03-01", "supervision", "GM"), ("2026-08-31", "supervision", "GM")),
            "2026-11-30",
            id="the latest observation counts",
        ),
    ],
)
def test_observation_of_supervision(observations: tuple, expected: str) -> None:
    world = office()
    for on, kind, by in observations:
        world.observed("M1", on, kind, by=by)
    assert world.due("observation_of_supervision", "M1") == d(expected)


def test_q1_counts_from_the_first_day_they_supervised_anyone() -> None:
    world = office()
    world.worker("W0").supervised_by("M1", "2025-03-03", "2025-12-31")
    assert world.due("observation_of_supervision", "M1") == d("2025-06-03")


def test_q1_only_for_supervisors_with_a_usual_line_today() -> None:
    world = office()
    world.manager("M2")
    world.line("W1", "M2", "2026-10-01", cover=True)  # cover only
    world.manager("M3")
    world.worker("W3").supervised_by("M3", "2024-01-08", "2026-10-31")  # ended
    assert world.due("observation_of_supervision", "M2") is None
    assert world.due("observation_of_supervision", "M3") is None
    assert world.due("observation_of_supervision", "GM") is not None
    assert world.due("observation_of_supervision", "W1") is None


def test_q1_not_while_the_supervisor_is_absent() -> None:
    world = office()
    world.absent("M1", "2026-11-01")
    assert world.due("observation_of_supervision", "M1") is None


@pytest.mark.parametrize("pack", ["hertfordshire", "bath-ne-somerset", "york", "nottingham"])
def test_observations_only_in_hull(pack: str) -> None:
    world = office(pack)
    assert world.due("observation_of_supervision", "M1") is None
    assert world.due("observation_of_practice", "W1") is None


# --- Q2 observation of practice (Hull) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        pytest.param((), "2026-09-01", id="never observed: 3 months after the line began"),
        pytest.param((("2026-08-15", "practice", "M1"),), "2026-11-15", id="observed 15 Aug"),
        pytest.param(
            (("2026-05-01", "practice", "M0"),),
            "2026-09-01",
            id="observed before the current line: the line's start counts",
        ),
        pytest.param(
            (("2026-08-15", "supervision", "M1"),), "2026-09-01", id="wrong kind of observation"
        ),
        pytest.param(
            (("2026-11-23", "practice", "M1"),), "2026-09-01", id="observed after as_of: no"
        ),
    ],
)
def test_observation_of_practice(observations: tuple, expected: str) -> None:
    world = office(line_from="2026-06-01")
    for on, kind, by in observations:
        world.observed("W1", on, kind, by=by)
    assert world.due("observation_of_practice", "W1") == d(expected)


def test_q2_practice_observed_by_someone_else_is_not_by_their_supervisor() -> None:
    world = office(line_from="2026-06-01")
    world.observed("W1", "2026-08-15", "practice", by="GM")
    assert world.due("observation_of_practice", "W1") == d("2026-09-01")


def test_q2_needs_a_usual_line() -> None:
    world = World("hull")
    world.manager("M1")
    world.worker("W1").supervised_by("M1", "2026-06-01", cover=True)
    assert world.due("observation_of_practice", "W1") is None


# --- T1 supervisor training within 6 months (Bath & NE Somerset) ----------------------------------


@pytest.mark.parametrize(
    ("trained", "expected"),
    [
        pytest.param(None, "2026-07-05", id="not trained: 6 months after first supervising"),
        pytest.param("2026-05-01", None, id="trained in time"),
        pytest.param("2026-10-01", None, id="trained late: met"),
        pytest.param("2026-11-23", "2026-07-05", id="training after as_of: not yet"),
    ],
)
def test_supervisor_training(trained: str | None, expected: str | None) -> None:
    world = office("bath-ne-somerset")
    world.data.staff[1].supervisor_training_on = d(trained)
    assert world.due("supervisor_training", "M1") == d(expected)


def test_t1_counts_from_the_earliest_usual_line_as_supervisor() -> None:
    world = office("bath-ne-somerset")
    world.worker("W0").supervised_by("M1", "2020-02-03", "2021-06-30")
    world.worker("W2").supervised_by("M1", "2019-05-01", cover=True)
    assert world.due("supervisor_training", "M1") == d("2020-08-03")


def test_t1_not_for_cover_supervisors_or_non_supervisors() -> None:
    world = office("bath-ne-somerset")
    world.manager("M2")
    world.line("W1", "M2", "2026-10-01", cover=True)
    assert world.due("supervisor_training", "M2") is None
    assert world.due("supervisor_training", "W1") is None


@pytest.mark.parametrize("pack", ["hertfordshire", "york", "hull", "nottingham"])
def test_t1_only_in_bath(pack: str) -> None:
    assert office(pack).due("supervisor_training", "M1") is None


# --- R1 archive and R2 destroy a leaver's file ----------------------------------------------------


def leaver(pack: str, left: str, archived: str | None = None, destroyed: str | None = None):  # type: ignore[no-untyped-def]
    world = World(pack)
    world.manager("M1")
    world.worker("L1", left=left, archived=archived, destroyed=destroyed).supervised_by(
        "M1", "2015-01-05"
    )
    return world


@pytest.mark.parametrize(
    ("left", "archived", "expected"),
    [
        pytest.param("2026-10-15", None, "2026-11-15", id="left 15 Oct: archive by 15 Nov"),
        pytest.param("2026-10-15", "2026-11-01", None, id="archived"),
        pytest.param("2026-10-15", "2026-11-20", None, id="archived late: met"),
        pytest.param("2026-10-15", "2026-11-23", "2026-11-15", id="archived after as_of"),
        pytest.param("2026-11-22", None, "2026-12-22", id="left on as_of: a leaver"),
        pytest.param("2026-11-23", None, None, id="leaves tomorrow: not yet a leaver"),
        pytest.param("2026-01-31", None, "2026-02-28", id="left 31 Jan: due 28 Feb"),
    ],
)
def test_file_archive_hull(left: str, archived: str | None, expected: str | None) -> None:
    assert leaver("hull", left, archived).due("file_archive", "L1") == d(expected)


@pytest.mark.parametrize("pack", ["hertfordshire", "bath-ne-somerset", "york", "nottingham"])
def test_file_archive_only_in_hull(pack: str) -> None:
    assert leaver(pack, "2026-10-15").due("file_archive", "L1") is None


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        pytest.param("bath-ne-somerset", "2026-10-30", id="Bath & NE Somerset: 6 years"),
        pytest.param("york", "2023-10-30", id="York: 3 years, then deleted"),
        pytest.param("hull", "2027-10-30", id="Hull: 7 years"),
        pytest.param("hertfordshire", None, id="Hertfordshire names no period: off"),
        pytest.param("nottingham", None, id="Nottingham names no period: off"),
    ],
)
def test_file_destruction_per_pack(pack: str, expected: str | None) -> None:
    assert leaver(pack, "2020-10-30").due("file_destruction", "L1") == d(expected)


@pytest.mark.parametrize(
    ("left", "destroyed", "expected"),
    [
        pytest.param("2020-10-30", "2023-11-01", None, id="destroyed"),
        pytest.param("2020-10-30", "2026-11-23", "2023-10-30", id="destroyed after as_of"),
        pytest.param("2024-02-29", None, "2027-02-28", id="left 29 Feb 2024: 3 years is 28 Feb"),
    ],
)
def test_file_destruction_york(left: str, destroyed: str | None, expected: str | None) -> None:
    assert leaver("york", left, destroyed=destroyed).due("file_destruction", "L1") == d(expected)


def test_a_leaver_gets_only_retention_findings() -> None:
    world = leaver("hull", "2026-10-15")
    world.held("L1", "2025-01-10")  # long overdue for supervision, appraisal, observation…
    world.worker("W1").supervised_by("L1", "2024-01-08")  # …and still named as a supervisor
    rules = {f.rule for f in world.findings() if f.subject_id == "L1"}
    assert rules == {"file_archive"}


# --- D1 annual appraisal -------------------------------------------------------------------------


@pytest.mark.parametrize("pack", PACKS)
def test_appraisal_a_year_after_starting(pack: str) -> None:
    world = World(pack)
    world.manager("M1")
    world.worker("W1", started="2025-12-01").supervised_by("M1", "2025-12-01")
    assert world.due("appraisal", "W1") == d("2026-12-01")


@pytest.mark.parametrize(
    ("appraisals", "expected", "status"),
    [
        pytest.param((), "2016-01-05", "overdue", id="never appraised since starting in 2015"),
        pytest.param(("2025-11-01",), "2026-11-01", "overdue", id="last appraised 1 Nov 2025"),
        pytest.param(("2025-11-29",), "2026-11-29", "due_soon", id="due in 7 days"),
        pytest.param(("2024-11-01", "2026-03-01"), "2027-03-01", None, id="the latest counts"),
        pytest.param(("2014-06-01",), "2016-01-05", "overdue", id="before starting: started"),
        pytest.param(("2026-11-23",), "2016-01-05", "overdue", id="appraisal after as_of"),
    ],
)
def test_appraisal(appraisals: tuple, expected: str, status: str | None) -> None:
    world = World("york")
    world.manager("M1")
    world.worker("W1", started="2015-01-05").supervised_by("M1", "2015-01-05")
    for on in appraisals:
        world.event("W1", on, "appraisal")
    assert world.due("appraisal", "W1") == d(expected)
    assert world.statuses("appraisal").get("W1") == status


@pytest.mark.parametrize(
    ("pack", "setup", "listed"),
    [
        pytest.param("hull", {}, True, id="control"),
        pytest.param("hull", {"line": False}, False, id="no supervisor in the data"),
        pytest.param("hertfordshire", {"role": "admin"}, False, id="Hertfordshire admin"),
        pytest.param("hull", {"role": "admin"}, True, id="Hull admin"),
        pytest.param("hull", {"absent": True}, False, id="absent on as_of"),
        pytest.param("hull", {"left": "2026-11-01"}, False, id="a leaver"),
        pytest.param("hull", {"cover": True}, True, id="a cover line is a line"),
    ],
)
def test_who_gets_an_appraisal_finding(pack: str, setup: dict, listed: bool) -> None:
    world = World(pack)
    world.manager("M1")
    world.worker("W1", role=setup.get("role", "social_worker"), left=setup.get("left"))
    if setup.get("line", True):
        world.line("W1", "M1", "2015-01-05", cover=setup.get("cover", False))
    if setup.get("absent"):
        world.absent("W1", "2026-11-01")
    assert (world.finding("appraisal", "W1") is not None) is listed
