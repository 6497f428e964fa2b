"""The demo's generated folder is generated again when it is from another day or an older
generator, and reused otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from supervise.commands import demo
from supervise.generate import GENERATOR_VERSION, made_with
from supervise.generate.writer import MARKER, generated_with

DAY = date(2026, 11, 23)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(demo, "project_root", lambda: tmp_path)
    monkeypatch.setattr(demo, "DEMO_SIZE", {"staff": 12, "children": 20, "years": 1, "seed": 3})
    return tmp_path


def test_the_marker_says_how_a_folder_was_generated(root: Path) -> None:
    folder = demo.demo_folder(DAY)
    assert generated_with(folder) == made_with(staff=12, children=20, years=1, seed=3, as_of=DAY)
    assert f"generator {GENERATOR_VERSION}" in generated_with(folder)


def test_a_folder_of_the_same_day_is_reused(root: Path) -> None:
    folder = demo.demo_folder(DAY)
    staff = folder / "staff.csv"
    before = staff.stat().st_mtime_ns
    assert demo.demo_folder(DAY) == folder
    assert staff.stat().st_mtime_ns == before


def test_a_folder_of_another_day_is_generated_again(root: Path) -> None:
    folder = demo.demo_folder(date(2026, 11, 20))
    demo.demo_folder(DAY)
    assert "as of 2026-11-23" in generated_with(folder)


def test_a_folder_from_before_the_marker_said_how_is_generated_again(root: Path) -> None:
    folder = demo.demo_folder(DAY)
    (folder / MARKER).write_text("Written by `supervise generate`: synthetic data only.\n")
    assert generated_with(folder) == ""
    demo.demo_folder(DAY)
    assert generated_with(folder) == made_with(staff=12, children=20, years=1, seed=3, as_of=DAY)
