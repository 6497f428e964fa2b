"""Fixtures for the supervision file's pages' tests."""

from __future__ import annotations

import pytest

from tests.conftest import Team


@pytest.fixture
def other_org(db) -> Team:  # type: ignore[no-untyped-def]
    """Another organisation, with its own managers, workers and children."""
    return Team(slug="other-org")
