"""The dates of the generated paperwork are possible ones: a record is completed, signed by the
supervisor, then by the supervisee, then finalised, in that order and each on a working day; an
agreement is signed by the supervisor before the supervisee; nobody signs after leaving. And the
lateness that makes a demo and a benchmark realistic is still there.

Working days are checked with the `holidays` package directly, not the generator's calendar."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import holidays
import pytest

from supervise.generate import write_authority

AS_OF = date(2026, 11, 22)
# The order a session's record goes through (held first); a later step implies the earlier ones.
RECORD_STEPS = (
    "held_on",
    "record_completed_on",
    "supervisor_signed_on",
    "supervisee_signed_on",
    "finalised_on",
)
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2019, 2028))


@dataclass
class Authority:
    staff: dict[str, dict[str, str]]
    sessions: list[dict[str, str]]
    agreements: list[dict[str, str]]
    discussions: list[dict[str, str]]
    observations: list[dict[str, str]]


def _rows(path: Path, name: str) -> list[dict[str, str]]:
    with (path / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module", params=[(11, 60, 400, 2), (5, 200, 1800, 3)], ids=str)
def authority(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Authority:
    seed, staff, children, years = request.param
    path = tmp_path_factory.mktemp(f"paperwork-{seed}")
    write_authority(path, staff=staff, children=children, years=years, seed=seed, as_of=AS_OF)
    return Authority(
        staff={row["staff_id"]: row for row in _rows(path, "staff.csv")},
        sessions=_rows(path, "sessions.csv"),
        agreements=_rows(path, "agreements.csv"),
        discussions=_rows(path, "case_discussions.csv"),
        observations=_rows(path, "observations.csv"),
    )


def _closed(text: str) -> bool:
    day = date.fromisoformat(text)
    return day.weekday() >= 5 or day in BANK_HOLIDAYS


def _held(authority: Authority, kind: str | None = None) -> list[dict[str, str]]:
    return [
        row
        for row in authority.sessions
        if row["status"] == "held" and (kind is None or row["kind"] == kind)
    ]


def test_records_are_completed_signed_and_finalised_in_order(authority: Authority) -> None:
    wrong = []
    for row in _held(authority):
        dates = [row[step] for step in RECORD_STEPS if row[step]]
        if dates != sorted(dates):
            wrong.append({step: row[step] for step in ("session_id", *RECORD_STEPS)})
    assert wrong == [], wrong[:5]


def test_a_later_step_of_a_one_to_one_record_needs_the_earlier_ones(authority: Authority) -> None:
    """The supervisee signs what the supervisor completed, signed and sent; only then is the
    record finalised (a missing earlier step with a later one is an impossible record)."""
    gaps = []
    for row in _held(authority, "formal"):
        present = [bool(row[step]) for step in RECORD_STEPS[1:]]
        if present != sorted(present, reverse=True):
            gaps.append({step: row[step] for step in ("session_id", *RECORD_STEPS)})
    assert gaps == [], gaps[:5]
    for row in _held(authority):
        if row["kind"] != "formal":  # nobody signs a group record, an oversight note, a chat
            assert not row["supervisor_signed_on"], row
            assert not row["supervisee_signed_on"], row


def test_paperwork_is_dated_on_working_days(authority: Authority) -> None:
    """No record completed, signed or finalised, no agreement signed, no discussion written up
    and no observation made on a Saturday, a Sunday or a bank holiday."""
    closed = [
        ("sessions.csv", row["session_id"], step, row[step])
        for row in authority.sessions
        for step in RECORD_STEPS
        if row[step] and _closed(row[step])
    ]
    closed += [
        ("agreements.csv", row["agreement_id"], column, row[column])
        for row in authority.agreements
        for column in ("supervisor_signed_on", "supervisee_signed_on")
        if row[column] and _closed(row[column])
    ]
    closed += [
        ("case_discussions.csv", row["session_id"], "recorded_on", row["recorded_on"])
        for row in authority.discussions
        if row["recorded_on"] and _closed(row["recorded_on"])
    ]
    closed += [
        ("observations.csv", row["observation_id"], "on", row["on"])
        for row in authority.observations
        if _closed(row["on"])
    ]
    assert closed == [], closed[:10]


def test_agreements_are_signed_by_the_supervisor_first(authority: Authority) -> None:
    wrong = [
        row
        for row in authority.agreements
        if row["supervisee_signed_on"]
        and (
            not row["supervisor_signed_on"]
            or row["supervisee_signed_on"] < row["supervisor_signed_on"]
        )
    ]
    assert wrong == [], wrong[:5]


def test_nobody_signs_after_leaving(authority: Authority) -> None:
    staff = authority.staff
    late = []
    for row in _held(authority, "formal"):
        for column, who in (
            ("supervisor_signed_on", "supervisor_id"),
            ("supervisee_signed_on", "supervisee_id"),
        ):
            left = staff[row[who]]["left_on"]
            if row[column] and left and row[column] > left:
                late.append((row["session_id"], column, row[column], left))
    assert late == [], late[:5]


def test_records_are_still_sometimes_late_and_sometimes_unsigned(authority: Authority) -> None:
    held = [row for row in _held(authority, "formal") if row["held_on"] < "2026-07-01"]
    total = len(held)

    def days(row: dict[str, str], column: str) -> int:
        return (date.fromisoformat(row[column]) - date.fromisoformat(row["held_on"])).days

    completed = [row for row in held if row["record_completed_on"]]
    late_records = sum(days(row, "record_completed_on") > 7 for row in completed)
    signed = [row for row in held if row["supervisee_signed_on"]]
    late_signatures = sum(days(row, "supervisee_signed_on") > 21 for row in signed)
    assert 0.02 < late_records / total < 0.3
    assert 0.02 < late_signatures / total < 0.3
    assert 0.8 < len(signed) / total < 1
    recent = [row for row in _held(authority, "formal") if row["held_on"] >= "2026-09-01"]
    assert any(not row["supervisee_signed_on"] for row in recent)
    assert any(row["supervisee_signed_on"] and not row["finalised_on"] for row in recent)
