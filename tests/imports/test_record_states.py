"""An imported record's state follows the organisation's policy: signed by both is final where
the supervisee's signature finalises (Hull, York…), and waits for the manager's review where the
pack has that step (Hertfordshire's P9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supervise.imports.services import folder_import
from supervise.organisations.services import organisation_create
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def folder_signed_by_both_not_finalised(tmp_path: Path, example: str) -> Path:
    """The example, with its first held session signed by both and no finalised_on."""
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    sessions = folder / "sessions.csv"
    header, first, *rest = sessions.read_text().splitlines()
    cells = first.split(",")
    columns = header.split(",")
    assert cells[columns.index("status")] == "held"
    held_on = cells[columns.index("held_on")]
    for column in ("record_completed_on", "supervisor_signed_on", "supervisee_signed_on"):
        cells[columns.index(column)] = held_on
    cells[columns.index("finalised_on")] = ""
    sessions.write_text("\n".join([header, ",".join(cells), *rest]) + "\n")
    return folder


def state_of_first(folder: Path, policy: str) -> str:
    organisation = organisation_create(slug=policy, name=policy.title(), policy=policy)
    assert folder_import(organisation=organisation, folder=folder).applied
    first_id = (folder / "sessions.csv").read_text().splitlines()[1].split(",")[0]
    return Session.objects.get(organisation=organisation, external_id=first_id).record_status


@pytest.mark.parametrize("example", ["hull-basic", "york-basic", "nottingham-basic"])
def test_signed_by_both_is_finalised_where_signing_finalises(tmp_path: Path, example: str) -> None:
    folder = folder_signed_by_both_not_finalised(tmp_path, example)
    assert state_of_first(folder, example.removesuffix("-basic")) == RecordStatus.FINALISED


def test_signed_by_both_waits_for_the_managers_review_in_hertfordshire(tmp_path: Path) -> None:
    folder = folder_signed_by_both_not_finalised(tmp_path, "hertfordshire-basic")
    assert state_of_first(folder, "hertfordshire") == RecordStatus.AWAITING_FINALISATION


def test_a_record_left_waiting_by_an_earlier_import_is_finalised_by_the_next(
    tmp_path: Path,
) -> None:
    folder = folder_signed_by_both_not_finalised(tmp_path, "hull-basic")
    sessions = folder / "sessions.csv"
    signed_by_both = sessions.read_text()
    header, first, *rest = signed_by_both.splitlines()
    cells = first.split(",")
    cells[header.split(",").index("supervisee_signed_on")] = ""  # the supervisee had not signed
    sessions.write_text("\n".join([header, ",".join(cells), *rest]) + "\n")
    organisation = organisation_create(slug="hull", name="Hull", policy="hull")
    assert folder_import(organisation=organisation, folder=folder).applied
    session = Session.objects.get(organisation=organisation, external_id=cells[0])
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    # As an import before this rule left a signed record: waiting for a review Hull lacks.
    Session.objects.filter(pk=session.pk).update(
        record_status=RecordStatus.AWAITING_FINALISATION, supervisee_signed_on=session.held_on
    )
    sessions.write_text(signed_by_both)
    again = folder_import(organisation=organisation, folder=folder)
    assert again.changes["sessions.csv"].updated == 1
    session.refresh_from_db()
    assert session.record_status == RecordStatus.FINALISED


def test_an_imported_agreement_says_it_was_imported_and_keeps_a_reason_given_here(
    tmp_path: Path,
) -> None:
    from supervise.agreements.models import Agreement

    folder = tmp_path / "hull"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    agreements_csv = folder / "agreements.csv"
    header, *rows = agreements_csv.read_text().splitlines()
    columns = header.split(",")
    first_id = rows[0].split(",")[0]

    def write(**values: str) -> None:
        cells = rows[0].split(",")
        for column, value in values.items():
            cells[columns.index(column)] = value
        agreements_csv.write_text("\n".join([header, ",".join(cells), *rows[1:]]) + "\n")

    write(supervisee_signed_on="")  # not signed by both yet: its terms may still change
    organisation = organisation_create(slug="hull", name="Hull", policy="hull")
    assert folder_import(organisation=organisation, folder=folder).applied
    agreements = Agreement.objects.filter(organisation=organisation)
    assert set(agreements.values_list("reason", flat=True)) == {Agreement.Reason.IMPORTED}
    # A reason recorded in Supervise survives the next import of the same agreement.
    agreements.filter(external_id=first_id).update(reason=Agreement.Reason.ANNUAL_REVIEW)
    write(supervisee_signed_on="", frequency="P14D")
    again = folder_import(organisation=organisation, folder=folder)
    assert again.changes["agreements.csv"].updated == 1
    updated = agreements.get(external_id=first_id)
    assert updated.frequency == "P14D"
    assert updated.reason == Agreement.Reason.ANNUAL_REVIEW
