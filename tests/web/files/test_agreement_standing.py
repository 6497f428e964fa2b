"""The file's agreements say which one is in force and what became of the others (renewed with
the same supervisor, replaced when supervision moved, ended), in words: an imported history is
all "signed", one a year, so the dates decide. The PDF says the same."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

from supervise.agreements.models import Agreement
from supervise.files.selectors import agreement_rows
from supervise.policy.dates import format_long
from tests.web.files.helpers import login, pdf_text, text, today

pytestmark = pytest.mark.django_db


def signed(team, key: str, days_ago: int | None, *, supervisor=None, status="signed"):  # type: ignore[no-untyped-def]
    day = today() - timedelta(days=days_ago) if days_ago is not None else None
    return Agreement.objects.create(
        organisation=team.org,
        external_id=key,
        supervisee=team.worker,
        supervisor=supervisor or team.manager,
        status=status,
        supervisee_signed_on=day,
        supervisor_signed_on=day,
    )


def status_cells(page: str) -> list[str]:
    table = page[page.index("Supervision agreements, latest first") :]
    table = table[: table.index("</table>")]
    rows = table.split('<tr class="govuk-table__row">')[2:]  # after the header row
    return [unescape(row.split('<td class="govuk-table__cell">')[3]) for row in rows]


def test_the_latest_agreement_is_in_force_and_the_yearly_ones_before_it_renewed(
    client, team
) -> None:
    # Imported as the trial's data had them: all "signed", one a year, in no particular order.
    for n in (2, 0, 3, 1):
        signed(team, f"AG-{n}", 30 + 365 * n)
    page = text(login(client, team.worker).get(reverse("files:mine")))
    cells = status_cells(page)
    assert len(cells) == 4
    assert "In force" in cells[0]
    assert sum("In force" in cell for cell in cells) == 1
    assert 'govuk-tag--green">In force<' in cells[0]  # a tag with words, the colour only helps
    for earlier in cells[1:]:
        assert ">Renewed<" in earlier
        assert "Renewed by the agreement signed on" in earlier
    # Latest first, and each says which agreement renewed it.
    newest = today() - timedelta(days=30)
    assert f"Renewed by the agreement signed on {format_long(newest)}." in cells[1]
    # The PDF says the same.
    words = " ".join(
        pdf_text(client.get(reverse("files:pdf", args=[team.worker.pk])).content).split()
    )
    assert words.count("In force.") == 1
    assert words.count("Renewed by the agreement signed on") == 3
    assert f"Renewed by the agreement signed on {format_long(newest)}." in words


def test_a_change_of_supervisor_replaces_the_agreement(client, team) -> None:
    signed(team, "AG-OLD", 400, supervisor=team.other_manager)
    signed(team, "AG-NEW", 20)
    cells = status_cells(text(login(client, team.worker).get(reverse("files:mine"))))
    assert "In force" in cells[0]
    assert ">Replaced<" in cells[1]
    assert "Replaced by the agreement signed on" in cells[1]


def test_an_agreement_with_someone_who_no_longer_supervises_is_not_in_force(client, team) -> None:
    signed(team, "AG-GONE", 100, supervisor=team.other_manager)
    signed(team, "AG-WAIT", None, status="awaiting_signatures")
    cells = status_cells(text(login(client, team.worker).get(reverse("files:mine"))))
    assert "Waiting for signatures" in cells[0]
    assert ">Ended<" in cells[1]
    assert "Nina Neighbour no longer supervises them" in cells[1]
    assert not any("In force" in cell for cell in cells)


def test_where_each_agreement_stands(team) -> None:
    old = signed(team, "AG-A", 800, status="superseded")
    current = signed(team, "AG-B", 10)
    waiting = signed(team, "AG-C", None, status="awaiting_signatures")
    rows = agreement_rows(
        [old, current, waiting], today=today(), supervisors={team.manager.pk}, left_on=None
    )
    assert [(r.agreement, r.standing, r.tag) for r in rows] == [
        (waiting, "unsigned", "Waiting for signatures"),
        (current, "in force", "In force"),
        (old, "replaced", "Renewed"),
    ]
    assert rows[1].in_force
    assert not rows[2].in_force
    # A leaver's last agreement ended when they left.
    left_on = today() - timedelta(days=2)
    rows = agreement_rows([current], today=today(), supervisors=set(), left_on=left_on)
    assert (rows[0].standing, rows[0].detail) == (
        "ended",
        f"Ended when they left on {format_long(left_on)}.",
    )
    # Superseded with its successor out of sight (a third party's dates): still not in force.
    rows = agreement_rows([old], today=today(), supervisors={team.manager.pk}, left_on=None)
    assert (rows[0].standing, rows[0].tag) == ("replaced", "Replaced")
