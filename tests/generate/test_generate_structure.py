"""A generated folder is a valid, realistic interchange folder, checked here independently of the
interchange reader: columns, ids, references, vocabularies, spans, overlaps, dates after as_of,
and the shape a demo and a benchmark need (most people supervised on time, not all)."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from supervise.generate import write_authority

AS_OF = date(2026, 11, 22)
NO_DATE = date.min

# The columns of INTERCHANGE.md, in the generator's order; required ones marked with "!".
SPEC = {
    "staff.csv": "staff_id! name! email role! team contract hours started_on! qualified_on asye "
    "left_on supervisor_training_on file_archived_on file_destroyed_on",
    "supervision_lines.csv": "supervisee_id! supervisor_id! from! to cover",
    "absences.csv": "staff_id! from! to reason! planned",
    "events.csv": "staff_id! on! kind! note",
    "agreements.csv": "agreement_id! supervisee_id! supervisor_id! supervisee_signed_on "
    "supervisor_signed_on frequency",
    "children.csv": "child_id! name born_on opened_on! closed_on service particularly_vulnerable "
    "risk_rating agreed_interval agreed_by permanence_plan_on",
    "child_statuses.csv": "child_id! status! from! to",
    "allocations.csv": "child_id! staff_id! from! to",
    "sessions.csv": "session_id! kind! supervisor_id! supervisee_id scheduled_on status! held_on "
    "duration_minutes cancelled_by cancel_reason record_completed_on supervisor_signed_on "
    "supervisee_signed_on finalised_on",
    "case_discussions.csv": "session_id! child_id! recorded_on",
    "observations.csv": "observation_id! kind! observer_id! observed_id! on!",
}
VOCABULARY = {
    "role": {
        "social_worker", "senior_practitioner", "family_support_worker", "personal_adviser",
        "sessional_worker", "student", "admin", "assistant_team_manager", "team_manager",
        "service_manager", "group_manager", "head_of_service",
    },
    "contract": {"permanent", "agency", "temporary", "student", ""},
    "hours": {"full_time", "part_time", ""},
    "reason": {"sickness", "annual_leave", "parental_leave", "career_break", "other"},
    "kind@events.csv": {
        "role_change", "team_transfer", "grade_change", "capability_start", "capability_end",
        "escalated", "appraisal",
    },
    "status@child_statuses.csv": {
        "child_in_need", "section47_enquiry", "child_protection_plan", "child_in_care",
        "care_leaver", "court_proceedings", "missing_or_exploitation", "non_permanent_placement",
        "recently_placed", "unregulated_placement", "short_breaks", "stable_independent",
        "long_term_custody", "chronic_neglect",
    },
    "risk_rating": {"red", "amber", "green", ""},
    "kind@sessions.csv": {"formal", "group", "informal", "oversight"},
    "status@sessions.csv": {"planned", "held", "cancelled"},
    "cancelled_by": {"supervisor", "supervisee", ""},
    "cancel_reason": {"sickness", "other", ""},
    "kind@observations.csv": {"supervision", "practice"},
    "frequency": {"", "P7D", "P14D", "P21D", "P3W", "P4W", "P28D", "P1M"},
    "agreed_interval": {"", "P6M"},
}  # fmt: skip
BOOLEANS = {"asye", "cover", "planned", "particularly_vulnerable"}
PRACTITIONERS = {
    "social_worker", "senior_practitioner", "family_support_worker", "personal_adviser",
    "sessional_worker", "student",
}  # fmt: skip


@dataclass
class Folder:
    path: Path
    tables: dict[str, list[dict[str, str]]]

    def __getitem__(self, name: str) -> list[dict[str, str]]:
        return self.tables[name]


def _read(path: Path) -> Folder:
    tables = {}
    for name in SPEC:
        with (path / name).open(encoding="utf-8", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    return Folder(path, tables)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    path = tmp_path_factory.mktemp("small")
    write_authority(path, staff=60, children=400, years=2, seed=11, as_of=AS_OF)
    return _read(path)


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    path = tmp_path_factory.mktemp("medium")
    write_authority(path, staff=250, children=2500, years=3, seed=5, as_of=AS_OF)
    return _read(path)


@pytest.fixture(params=["small", "medium"])
def folder(request: pytest.FixtureRequest) -> Folder:
    chosen: Folder = request.getfixturevalue(request.param)
    return chosen


def test_files_have_exactly_the_spec_columns_and_plain_line_endings(folder: Folder) -> None:
    for name, spec in SPEC.items():
        raw = (folder.path / name).read_bytes()
        text = raw.decode("utf-8")
        assert b"\r" not in raw, name
        assert text.endswith("\n"), name
        header = text.split("\n", 1)[0].split(",")
        assert header == [column.rstrip("!") for column in spec.split()], name


def test_required_values_are_present_and_vocabularies_respected(folder: Folder) -> None:
    for name, spec in SPEC.items():
        required = [column[:-1] for column in spec.split() if column.endswith("!")]
        for number, row in enumerate(folder[name], start=2):
            for column in required:
                assert row[column], f"{name}:{number}: {column} is empty"
            for column, value in row.items():
                allowed = VOCABULARY.get(f"{column}@{name}", VOCABULARY.get(column))
                if allowed is not None:
                    assert value in allowed, f"{name}:{number}: {column}={value!r}"
                if column in BOOLEANS:
                    assert value in ("true", "false", ""), f"{name}:{number}: {column}={value!r}"
                if column == "duration_minutes" and value:
                    assert 0 < int(value) <= 240


def test_ids_are_unique_and_references_resolve(folder: Folder) -> None:
    for name, key in [
        ("staff.csv", "staff_id"),
        ("agreements.csv", "agreement_id"),
        ("children.csv", "child_id"),
        ("sessions.csv", "session_id"),
        ("observations.csv", "observation_id"),
    ]:
        ids = [row[key] for row in folder[name]]
        assert len(ids) == len(set(ids)), f"duplicate {key} in {name}"
    staff = {row["staff_id"] for row in folder["staff.csv"]}
    children = {row["child_id"] for row in folder["children.csv"]}
    sessions = {row["session_id"] for row in folder["sessions.csv"]}
    references = {
        "supervision_lines.csv": {"supervisee_id": staff, "supervisor_id": staff},
        "absences.csv": {"staff_id": staff},
        "events.csv": {"staff_id": staff},
        "agreements.csv": {"supervisee_id": staff, "supervisor_id": staff},
        "children.csv": {"agreed_by": staff},
        "child_statuses.csv": {"child_id": children},
        "allocations.csv": {"child_id": children, "staff_id": staff},
        "sessions.csv": {"supervisor_id": staff, "supervisee_id": staff},
        "case_discussions.csv": {"session_id": sessions, "child_id": children},
        "observations.csv": {"observer_id": staff, "observed_id": staff},
    }
    for name, columns in references.items():
        for number, row in enumerate(folder[name], start=2):
            for column, known in columns.items():
                value = row[column]
                assert not value or value in known, f"{name}:{number}: {column}={value!r}"


def test_dates_are_valid_spans_run_forward_and_nothing_is_after_as_of(folder: Folder) -> None:
    for name, spec in SPEC.items():
        date_columns = [
            c.rstrip("!")
            for c in spec.split()
            if c.rstrip("!").endswith(("_on", "from", "to")) and c.rstrip("!") != "on" or c == "on!"
        ]
        for number, row in enumerate(folder[name], start=2):
            planned = name == "sessions.csv" and row["status"] == "planned"
            for column in date_columns:
                day = _day(row[column])
                if day is None:
                    continue
                if planned and column == "scheduled_on":
                    assert day > AS_OF, f"{name}:{number}: a planned session in the past"
                else:
                    assert day <= AS_OF, f"{name}:{number}: {column}={day} is after as_of"
            if "from" in row and row["to"]:
                assert row["to"] >= row["from"], f"{name}:{number}: to before from"
    for row in folder["staff.csv"]:
        assert not row["left_on"] or row["left_on"] >= row["started_on"]
        assert (
            not row["qualified_on"]
            or row["asye"] != "true"
            or (
                0 < (_day(row["started_on"]) - _day(row["qualified_on"])).days < 366  # type: ignore[operator]
            )
        )
        assert not row["file_archived_on"] or row["file_archived_on"] > row["left_on"] > ""
        assert not row["file_destroyed_on"] or row["file_destroyed_on"] > row["file_archived_on"]
    for row in folder["children.csv"]:
        assert not row["closed_on"] or row["closed_on"] >= row["opened_on"]
        assert not row["born_on"] or row["born_on"] <= row["opened_on"]


def _spans(rows: list[dict[str, str]], owner: str) -> dict[str, list[tuple[date, date]]]:
    spans: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for row in rows:
        spans[row[owner]].append((_day(row["from"]), _day(row["to"]) or date.max))  # type: ignore[arg-type]
    for items in spans.values():
        items.sort()
    return spans


def _assert_no_overlap(spans: dict[str, list[tuple[date, date]]], what: str) -> None:
    for owner, items in spans.items():
        for (_, end), (start, _) in zip(items, items[1:], strict=False):
            assert start > end, f"{what} of {owner} overlap ({start} <= {end})"


def test_lines_allocations_and_absences_never_overlap(folder: Folder) -> None:
    usual = [row for row in folder["supervision_lines.csv"] if row["cover"] != "true"]
    _assert_no_overlap(_spans(usual, "supervisee_id"), "supervision lines")
    _assert_no_overlap(_spans(folder["allocations.csv"], "child_id"), "allocations")
    _assert_no_overlap(_spans(folder["absences.csv"], "staff_id"), "absences")
    for row in folder["supervision_lines.csv"]:
        assert row["supervisee_id"] != row["supervisor_id"]


def test_lines_and_allocations_stay_inside_employment_and_the_case(folder: Folder) -> None:
    staff = {row["staff_id"]: row for row in folder["staff.csv"]}
    children = {row["child_id"]: row for row in folder["children.csv"]}
    for row in folder["supervision_lines.csv"]:
        for who in (row["supervisee_id"], row["supervisor_id"]):
            person = staff[who]
            assert row["from"] >= person["started_on"]
            if person["left_on"]:
                assert row["to"], (row, person)
                assert row["to"] <= person["left_on"], (row, person)
    promoted: dict[str, str] = {}  # staff id -> day of their latest role change
    for row in folder["events.csv"]:
        if row["kind"] == "role_change":
            promoted[row["staff_id"]] = max(promoted.get(row["staff_id"], ""), row["on"])
    for row in folder["allocations.csv"]:
        person, child = staff[row["staff_id"]], children[row["child_id"]]
        if person["role"] not in PRACTITIONERS:  # a practitioner then, promoted since
            assert row["to"], (row, person)
            assert row["to"] < promoted[row["staff_id"]], (row, person)
        assert row["from"] >= max(person["started_on"], child["opened_on"])
        for end in (person["left_on"], child["closed_on"]):
            if end:
                assert row["to"], (row, person, child)
                assert row["to"] <= end, (row, person, child)


def test_sessions_are_self_consistent(folder: Folder) -> None:
    staff = {row["staff_id"]: row for row in folder["staff.csv"]}
    for row in folder["sessions.csv"]:
        status, kind = row["status"], row["kind"]
        assert (status == "held") == bool(row["held_on"]), row
        assert (status == "cancelled") == bool(row["cancelled_by"]), row
        assert kind != "formal" or row["supervisee_id"], row
        assert (kind == "group") == (not row["supervisee_id"]), row
        assert row["supervisee_id"] != row["supervisor_id"]
        if status == "planned":
            assert row["scheduled_on"], row
            assert not row["record_completed_on"], row
        if status == "held":
            for column in ("record_completed_on", "supervisor_signed_on", "supervisee_signed_on"):
                assert not row[column] or row[column] >= row["held_on"], row
            signatures = [row["supervisor_signed_on"], row["supervisee_signed_on"]]
            if kind == "formal" and row["finalised_on"]:  # locked once both have signed
                assert all(signatures), row
                assert row["finalised_on"] >= max(signatures), row
            for who in (row["supervisor_id"], row["supervisee_id"]):
                if who:
                    assert staff[who]["started_on"] <= row["held_on"]
                    assert not staff[who]["left_on"] or row["held_on"] <= staff[who]["left_on"]


def _allocated_on(folder: Folder) -> dict[str, list[tuple[str, str, str]]]:
    by_child: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in folder["allocations.csv"]:
        by_child[row["child_id"]].append((row["from"], row["to"] or "9999", row["staff_id"]))
    return by_child


def _worker_on(allocations: list[tuple[str, str, str]], day: str) -> str | None:
    return next((who for start, end, who in allocations if start <= day <= end), None)


def test_case_discussions_are_of_children_allocated_to_the_supervisee(folder: Folder) -> None:
    sessions = {row["session_id"]: row for row in folder["sessions.csv"]}
    allocations = _allocated_on(folder)
    risk = {row["child_id"]: row["risk_rating"] for row in folder["children.csv"]}
    pairs = Counter((row["session_id"], row["child_id"]) for row in folder["case_discussions.csv"])
    assert max(pairs.values(), default=1) == 1, "a (session, child) pair is listed twice"
    for row in folder["case_discussions.csv"]:
        session = sessions[row["session_id"]]
        assert session["status"] == "held"
        worker = _worker_on(allocations[row["child_id"]], session["held_on"])
        if session["kind"] == "group":
            assert worker is not None, row
            assert risk[row["child_id"]], row
        else:
            assert session["kind"] in ("formal", "oversight")
            assert worker == session["supervisee_id"], (row, session)
        assert not row["recorded_on"] or row["recorded_on"] >= session["held_on"]


def test_open_children_are_allocated_to_practitioners_in_post(folder: Folder) -> None:
    staff = {row["staff_id"]: row for row in folder["staff.csv"]}
    allocations = _allocated_on(folder)
    today = AS_OF.isoformat()
    open_children = [row for row in folder["children.csv"] if not row["closed_on"]]
    assert len(open_children) in (400, 2500)
    unallocated = 0
    for child in open_children:
        worker = _worker_on(allocations[child["child_id"]], today)
        if worker is None:
            unallocated += 1
            continue
        person = staff[worker]
        assert person["role"] in PRACTITIONERS
        assert person["started_on"] <= today, (child, person)
        assert not person["left_on"], (child, person)
    assert unallocated < len(open_children) * 0.05


def test_shape_is_realistic(medium: Folder) -> None:
    staff = {row["staff_id"]: row for row in medium["staff.csv"]}
    current = [row for row in staff.values() if not row["left_on"]]
    roles = Counter(row["role"] for row in current)
    assert roles["social_worker"] == max(roles.values())
    assert roles["head_of_service"] == 1
    assert 0.7 * 250 <= len(current) <= 250
    today = AS_OF.isoformat()
    # personal supervision: share of supervisees whose last held session is over a month ago
    in_force = {
        row["supervisee_id"]
        for row in medium["supervision_lines.csv"]
        if row["from"] <= today and (not row["to"] or row["to"] >= today)
    }
    last_held: dict[str, str] = {}
    for row in medium["sessions.csv"]:
        if row["kind"] == "formal" and row["status"] == "held":
            who = row["supervisee_id"]
            last_held[who] = max(last_held.get(who, ""), row["held_on"])
    late = [
        who
        for who in in_force
        if (AS_OF - _day(max(last_held.get(who, ""), staff[who]["started_on"]))).days > 31  # type: ignore[operator]
    ]
    assert 0.03 < len(late) / len(in_force) < 0.5
    # case supervision: most open, allocated children discussed within three months, not all
    sessions = {row["session_id"]: row for row in medium["sessions.csv"]}
    last_discussed: dict[str, str] = {}
    for row in medium["case_discussions.csv"]:
        session = sessions[row["session_id"]]
        if session["kind"] == "formal":
            child = row["child_id"]
            last_discussed[child] = max(last_discussed.get(child, ""), session["held_on"])
    allocations = _allocated_on(medium)
    gaps = []
    for child, spans in allocations.items():
        current_span = next((s for s in spans if s[0] <= today <= s[1]), None)
        if current_span is not None:
            reference = max(last_discussed.get(child, ""), current_span[0])
            gaps.append((AS_OF - _day(reference)).days)  # type: ignore[operator]
    assert 0.5 < sum(gap <= 92 for gap in gaps) / len(gaps) < 0.99
    # caseloads: roughly 12-20 for a social worker with this many children per member of staff
    loads = Counter(_worker_on(spans, today) for spans in allocations.values())
    social_workers = sorted(loads[s["staff_id"]] for s in current if s["role"] == "social_worker")
    assert 10 <= social_workers[len(social_workers) // 2] <= 22


def test_everything_a_demo_needs_is_there(medium: Folder) -> None:
    staff = medium["staff.csv"]
    assert {row["role"] for row in staff} == VOCABULARY["role"]
    assert {row["contract"] for row in staff} == {"permanent", "agency", "temporary", "student"}
    assert {row["hours"] for row in staff} == {"full_time", "part_time"}
    assert any(row["asye"] == "true" and row["started_on"] > "2025-01-01" for row in staff)
    assert any(not row["qualified_on"] for row in staff)
    assert any(row["left_on"] and row["file_archived_on"] for row in staff)
    assert any(row["left_on"] and not row["file_archived_on"] for row in staff)
    assert any(row["file_destroyed_on"] for row in staff)
    assert any(row["supervisor_training_on"] for row in staff)
    lines = medium["supervision_lines.csv"]
    assert any(row["cover"] == "true" for row in lines)
    absences = medium["absences.csv"]
    assert {row["reason"] for row in absences} >= {"sickness", "annual_leave", "parental_leave"}
    assert any(row["reason"] == "sickness" and not row["to"] for row in absences)
    long_sickness = [
        row
        for row in absences
        if row["reason"] == "sickness"
        and row["to"]
        and (_day(row["to"]) - _day(row["from"])).days >= 27  # type: ignore[operator]
    ]
    assert long_sickness
    kinds = Counter(row["kind"] for row in medium["events.csv"])
    assert set(kinds) == VOCABULARY["kind@events.csv"]
    assert kinds["capability_end"] <= kinds["capability_start"] < kinds["appraisal"] / 10
    agreements = medium["agreements.csv"]
    assert any(row["frequency"] for row in agreements)
    assert any(
        bool(r["supervisee_signed_on"]) != bool(r["supervisor_signed_on"]) for r in agreements
    )
    children = medium["children.csv"]
    assert {row["risk_rating"] for row in children} == VOCABULARY["risk_rating"]
    assert any(row["agreed_interval"] == "P6M" and row["agreed_by"] for row in children)
    assert any(row["service"] == "0-25 Together" for row in children)
    assert any(row["service"] == "Family Safeguarding" for row in children)
    assert any(row["permanence_plan_on"] for row in children)
    assert any(row["particularly_vulnerable"] == "true" for row in children)
    assert any(row["closed_on"] for row in children)
    statuses = {row["status"] for row in medium["child_statuses.csv"]}
    assert statuses >= {"child_in_need", "child_protection_plan", "child_in_care", "care_leaver"}
    sessions = medium["sessions.csv"]
    combos = {(row["kind"], row["status"]) for row in sessions}
    assert combos >= {("formal", "held"), ("formal", "cancelled"), ("formal", "planned"),
                      ("group", "held"), ("informal", "held"), ("oversight", "held")}  # fmt: skip
    cancellations = {(r["cancelled_by"], r["cancel_reason"]) for r in sessions if r["cancelled_by"]}
    assert cancellations == {
        (by, why) for by in ("supervisor", "supervisee") for why in ("sickness", "other")
    }
    held = [row for row in sessions if row["kind"] == "formal" and row["status"] == "held"]
    unsigned = sum(not row["supervisee_signed_on"] for row in held)
    assert 0 < unsigned < len(held) * 0.3
    assert any(row["scheduled_on"] and row["scheduled_on"] != row["held_on"] for row in held)
    assert any(not row["recorded_on"] for row in medium["case_discussions.csv"])
    assert {row["kind"] for row in medium["observations.csv"]} == {"practice", "supervision"}


def test_sessions_fall_on_working_days_in_england(folder: Folder) -> None:
    """Offices are shut at weekends and on every bank holiday (Easter, May, August too), not
    only at Christmas: checked with the `holidays` package directly, not the engine's calendar."""
    import holidays

    bank_holidays = holidays.country_holidays("GB", subdiv="ENG")
    off = [
        (row["session_id"], column, row[column])
        for row in folder["sessions.csv"]
        for column in ("held_on", "scheduled_on")
        if row[column] and (_day(row[column]).weekday() >= 5 or _day(row[column]) in bank_holidays)
    ]
    assert off == [], off[:10]
