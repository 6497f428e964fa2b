"""Browsers ask for /favicon.ico on every site: it leads to the GOV.UK icon, not a 404."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_icon(client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/govuk/assets/images/favicon.ico")
