"""The file's agreements say how often in words, as the agreement page does: never the stored
ISO 8601 code ("P3W"), and "as the policy requires" when the agreement leaves it to the policy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.agreements.models import Agreement
from supervise.agreements.services import template_terms
from tests.web.files.helpers import login, pdf_text, text, today

pytestmark = pytest.mark.django_db

# Stored value -> the words the agreement page uses for it.
SEEN = {
    "P3W": "every 3 weeks",
    "P28D": "every 4 weeks",
    "P1M": "every month",
    "": "as the policy requires",
}


def agreements(team) -> None:  # type: ignore[no-untyped-def]
    """One agreement per stored value, as the demo data has them (signed earlier, superseded)."""
    for n, frequency in enumerate(SEEN):
        day = today() - timedelta(days=100 + 30 * n)
        Agreement.objects.create(
            organisation=team.org,
            external_id=f"AG-{n}",
            supervisee=team.worker,
            supervisor=team.manager,
            status="signed" if n == 0 else "superseded",
            frequency=frequency,
            supervisee_signed_on=day,
            supervisor_signed_on=day,
            **template_terms(team.org.pack),
        )


def how_often_cells(page: str) -> list[str]:
    table = page[page.index("Supervision agreements, latest first") :]
    table = table[: table.index("</table>")]
    rows = table.split('<tr class="govuk-table__row">')[2:]  # after the header row
    return [row.split('<td class="govuk-table__cell">')[-1].split("</td>")[0] for row in rows]


def test_the_file_page_says_how_often_in_words(client, team) -> None:
    agreements(team)
    page = text(login(client, team.worker).get(reverse("files:mine")))
    cells = how_often_cells(page)
    expected = [f"{words[0].upper()}{words[1:]}, 90 minutes" for words in SEEN.values()]
    assert sorted(cells) == sorted(expected)
    for code in ("P3W", "P28D", "P1M"):
        assert code not in page


def test_the_pdf_says_how_often_in_words(client, team) -> None:
    agreements(team)
    response = login(client, team.worker).get(reverse("files:pdf", args=[team.worker.pk]))
    words = " ".join(pdf_text(response.content).split())  # lines wrap anywhere
    for expected in SEEN.values():
        assert f"How often: {expected};" in words
    assert "P3W" not in words
    assert "Frequency" not in words


def test_the_agreement_page_uses_the_same_words(client, team) -> None:
    agreements(team)
    signed = Agreement.objects.get(external_id="AG-0")
    page = text(login(client, team.worker).get(reverse("agreements:detail", args=[signed.pk])))
    assert "Every 3 weeks" in page
    assert "P3W" not in page
