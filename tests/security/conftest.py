from __future__ import annotations

import pytest

from supervise.accounts import oidc


@pytest.fixture(autouse=True)
def _fresh_provider_cache():
    oidc.forget_cached_provider_data()
    yield
    oidc.forget_cached_provider_data()
