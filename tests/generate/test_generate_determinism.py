"""The generator is a pure function of its arguments: same arguments, same bytes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from supervise.generate import write_authority

AS_OF = date(2026, 11, 22)
FILES = (
    "staff.csv",
    "supervision_lines.csv",
    "absences.csv",
    "events.csv",
    "agreements.csv",
    "children.csv",
    "child_statuses.csv",
    "allocations.csv",
    "sessions.csv",
    "case_discussions.csv",
    "observations.csv",
)


def _generate(folder: Path, seed: int, as_of: date = AS_OF) -> dict[str, bytes]:
    write_authority(folder, staff=40, children=250, years=2, seed=seed, as_of=as_of)
    return {name: (folder / name).read_bytes() for name in FILES}


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    first = _generate(tmp_path / "a", seed=7)
    second = _generate(tmp_path / "b", seed=7)
    assert sorted(first) == sorted(FILES)
    for name in FILES:
        assert first[name] == second[name], f"{name} differs between two runs with the same seed"


def test_different_seed_gives_different_files(tmp_path: Path) -> None:
    first = _generate(tmp_path / "a", seed=7)
    second = _generate(tmp_path / "b", seed=8)
    differing = [name for name in FILES if first[name] != second[name]]
    assert len(differing) >= 9, f"only {differing} changed with the seed"


def test_as_of_moves_the_whole_history(tmp_path: Path) -> None:
    earlier = date(2025, 3, 31)
    _generate(tmp_path, seed=7, as_of=earlier)
    with (tmp_path / "sessions.csv").open(encoding="utf-8", newline="") as handle:
        sessions = list(csv.DictReader(handle))
    held = sorted(row["held_on"] for row in sessions if row["status"] == "held")
    assert held[0] >= "2023-04-01"  # two years of history
    assert "2025-03-01" <= held[-1] <= earlier.isoformat()
    planned = [row["scheduled_on"] for row in sessions if row["status"] == "planned"]
    assert planned
    assert min(planned) > earlier.isoformat()


def test_rewriting_a_folder_replaces_its_files(tmp_path: Path) -> None:
    first = _generate(tmp_path, seed=3)
    _generate(tmp_path, seed=4)
    again = _generate(tmp_path, seed=3)
    assert first == again


def test_summary_says_what_was_written(tmp_path: Path) -> None:
    summary = write_authority(tmp_path, staff=40, children=250, years=2, seed=1, as_of=AS_OF)
    assert summary.open_children == 250
    assert summary.posts == 40
    assert 30 <= summary.staff_in_post <= 40
    assert set(summary.rows) == set(FILES)
    for name, count in summary.rows.items():
        lines = (tmp_path / name).read_bytes().count(b"\n")
        assert lines == count + 1, name  # rows plus the header
    text = str(summary)
    assert str(tmp_path) in text
    assert "\n" not in text
    assert f"sessions.csv {summary.rows['sessions.csv']:,}" in text


@pytest.mark.parametrize(("staff", "children", "years"), [(9, 10, 1), (10, -1, 1), (10, 10, 0)])
def test_unusable_sizes_are_refused(tmp_path: Path, staff: int, children: int, years: int) -> None:
    with pytest.raises(ValueError, match=">="):
        write_authority(tmp_path, staff=staff, children=children, years=years, seed=1, as_of=AS_OF)


def test_smallest_authority_is_complete(tmp_path: Path) -> None:
    summary = write_authority(tmp_path, staff=10, children=0, years=1, seed=1, as_of=AS_OF)
    assert summary.posts == 10
    assert summary.open_children == 0
    assert summary.rows["staff.csv"] >= 10
    assert summary.rows["sessions.csv"] > 0


def test_the_command_never_writes_over_a_folder_it_did_not_generate(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from supervise.cli import main

    export = tmp_path / "real-export"
    export.mkdir()
    (export / "staff.csv").write_text(
        "staff_id,name,role,started_on\nW1,Real Person,social_worker,2020-01-01\n"
    )
    before = (export / "staff.csv").read_bytes()
    args = ["--staff", "20", "--children", "50", "--years", "1", "--seed", "1"]
    assert main(["generate", str(export), *args]) == 2
    assert "did not write" in capsys.readouterr().err
    assert (export / "staff.csv").read_bytes() == before
    generated = tmp_path / "generated"
    assert main(["generate", str(generated), *args]) == 0
    assert (generated / ".supervise-generated").is_file()
    assert main(["generate", str(generated), *args]) == 0  # its own folder: written again
