"""Status edges of RULES.md section 1: overdue when as_of > due_on, due soon when due_on - as_of is
0 to `soon_days` (default 7), and the report's order (due_on, then rule, then subject id)."""

from __future__ import annotations

from datetime import date

import pytest

from supervise.policy.engine import report
from supervise.policy.findings import status_of
from tests.policy.world import World, d


def archive_due(left: str) -> World:
    """A Hull leaver whose file must go to HR a month after leaving."""
    world = World("hull")
    world.worker("L1", left=left)
    return world


@pytest.mark.parametrize(
    ("left", "due_on", "status"),
    [
        pytest.param("2026-10-21", "2026-11-21", "overdue", id="due yesterday: overdue"),
        pytest.param("2026-10-22", "2026-11-22", "due_soon", id="due today: due soon"),
        pytest.param("2026-10-23", "2026-11-23", "due_soon", id="due tomorrow: due soon"),
        pytest.param("2026-10-29", "2026-11-29", "due_soon", id="due in 7 days: due soon"),
        pytest.param("2026-10-30", "2026-11-30", None, id="due in 8 days: nothing yet"),
        pytest.param("2025-01-10", "2025-02-10", "overdue", id="long overdue"),
    ],
)
def test_status_edges_with_the_default_window(left: str, due_on: str, status: str | None):
    world = archive_due(left)
    assert world.due("file_archive", "L1") == d(due_on)
    finding = world.finding("file_archive", "L1")
    assert (finding.status if finding else None) == status


@pytest.mark.parametrize(
    ("soon_days", "left", "status"),
    [
        pytest.param(0, "2026-10-22", "due_soon", id="window 0: due today is due soon"),
        pytest.param(0, "2026-10-23", None, id="window 0: due tomorrow is nothing"),
        pytest.param(0, "2026-10-21", "overdue", id="window 0: due yesterday is overdue"),
        pytest.param(14, "2026-11-06", "due_soon", id="window 14: due in 14 days is due soon"),
        pytest.param(14, "2026-11-07", None, id="window 14: due in 15 days is nothing"),
        pytest.param(14, "2026-10-30", "due_soon", id="window 14: due in 8 days is due soon"),
    ],
)
def test_the_window_is_a_report_option(soon_days: int, left: str, status: str | None) -> None:
    world = archive_due(left)
    found = [f for f in world.findings(soon_days=soon_days) if f.rule == "file_archive"]
    assert [f.status for f in found] == ([status] if status else [])


@pytest.mark.parametrize(
    ("due_on", "as_of", "soon", "expected"),
    [
        ("2026-11-21", "2026-11-22", 7, "overdue"),
        ("2026-11-22", "2026-11-22", 7, "due_soon"),
        ("2026-11-29", "2026-11-22", 7, "due_soon"),
        ("2026-11-30", "2026-11-22", 7, None),
        ("2026-11-22", "2026-11-22", 0, "due_soon"),
        ("2026-11-23", "2026-11-22", 0, None),
    ],
)
def test_status_of(due_on: str, as_of: str, soon: int, expected: str | None) -> None:
    assert status_of(date.fromisoformat(due_on), date.fromisoformat(as_of), soon) == expected


def mixed_world() -> World:
    """Several findings, some sharing a due date, entered in no particular order."""
    world = World("hull")
    world.manager("M1")
    # W1 started 10 Nov 2025: appraisal due 10 Nov 2026, personal supervision due 10 Nov 2026.
    world.worker("W1", started="2025-11-10").supervised_by("M1", "2025-11-10")
    world.held("W1", "2026-10-10")
    world.observed("W1", "2026-08-10", "practice", by="M1")
    world.agreement("W1", "M1", "2025-11-10")
    world.observed("M1", "2026-08-10", "supervision")
    world.event("M1", "2026-03-01", "appraisal")
    # Leavers L10 and L2 left on 10 Oct 2026: files due to HR on 10 Nov (string order L10 < L2).
    world.worker("L2", left="2026-10-10")
    world.worker("L10", left="2026-10-10")
    world.worker("L3", left="2026-10-20")  # due 20 Nov
    world.worker("L0", left="2026-09-01")  # due 1 Oct
    return world


def test_findings_are_sorted_by_due_on_then_rule_then_subject() -> None:
    findings = mixed_world().findings()
    keys = [(f.due_on, f.rule, f.subject_id) for f in findings]
    assert keys == sorted(keys)
    assert keys[:6] == [
        (d("2026-10-01"), "file_archive", "L0"),
        (d("2026-11-10"), "appraisal", "W1"),
        (d("2026-11-10"), "file_archive", "L10"),
        (d("2026-11-10"), "file_archive", "L2"),
        (d("2026-11-10"), "observation_of_practice", "W1"),
        (d("2026-11-10"), "observation_of_supervision", "M1"),
    ]
    assert (d("2026-11-20"), "file_archive", "L3") in keys


def test_the_report_carries_the_same_order_in_json() -> None:
    world = mixed_world()
    out = report(world.data, world.pack, world.as_of).to_json()
    rows = [(f["due_on"], f["rule"], f["subject"]["id"]) for f in out["findings"]]
    assert rows == sorted(rows)
    assert out["policy"] == "hull"
    assert out["as_of"] == "2026-11-22"
    assert {f["status"] for f in out["findings"]} <= {"overdue", "due_soon"}
