"""The product's own reader accepts what the generator writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def test_generated_folder_passes_the_interchange_reader(tmp_path: Path) -> None:
    from supervise.generate import write_authority
    from supervise.interchange.reader import read_folder

    summary = write_authority(
        tmp_path, staff=120, children=1000, years=2, seed=3, as_of=date(2026, 11, 22)
    )
    result = read_folder(tmp_path)
    assert [str(problem) for problem in result.problems] == []
    assert result.problems == []
    assert len(result.dataset.staff) == summary.rows["staff.csv"]
    assert len(result.dataset.sessions) == summary.rows["sessions.csv"]
    assert len(result.dataset.case_discussions) == summary.rows["case_discussions.csv"]
