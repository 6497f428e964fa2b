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


DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "client", "admin_client"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database `db`, so that `pytest -m db` reruns exactly
    those against PostgreSQL (scripts/test-postgres)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & DB_FIXTURES:
            item.add_marker(pytest.mark.db)
