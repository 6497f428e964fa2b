"""Shared fixtures. The shared examples are read from ../shared, never copied (shared/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
EXAMPLES = SHARED / "examples"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not EXAMPLES.is_dir():
        pytest.fail(f"the shared examples are missing: expected them at {EXAMPLES}")
    return EXAMPLES
