"""Fixtures for the record pages' tests."""

from __future__ import annotations

import pytest

from tests.web.record.helpers import support_user


@pytest.fixture
def support(team):  # type: ignore[no-untyped-def]
    return support_user(team.org)
