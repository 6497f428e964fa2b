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


def folder_with_first_held(tmp_path: Path, **dates: str) -> Path:
    """hull-basic, its first held session's record dated as given (the rest left empty)."""
    folder = tmp_path / "hull"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    sessions = folder / "sessions.csv"
    header, first, *rest = sessions.read_text().splitlines()
    cells, columns = first.split(","), header.split(",")
    held_on = cells[columns.index("held_on")]
    for column in (
        "record_completed_on", "supervisor_signed_on", "supervisee_signed_on", "finalised_on"
    ):  # fmt: skip
        cells[columns.index(column)] = held_on if column in dates else ""
    sessions.write_text("\n".join([header, ",".join(cells), *rest]) + "\n")
    return folder


def first_session(organisation, folder: Path) -> Session:  # type: ignore[no-untyped-def]
    first_id = (folder / "sessions.csv").read_text().splitlines()[1].split(",")[0]
    return Session.objects.get(organisation=organisation, external_id=first_id)


def test_a_completed_record_the_supervisor_has_not_signed_is_a_draft_they_can_send(
    tmp_path: Path,
) -> None:
    """Completed, signed by nobody: the supervisor can still sign and send it, and the
    supervisee cannot sign (and so finalise) it first; once sent and signed, it is final with
    both signatures."""
    from supervise.people.models import StaffMember
    from supervise.sessions.services import ActionRefused, record_send, record_sign
    from tests.factories import UserFactory

    folder = folder_with_first_held(tmp_path, record_completed_on="x")
    organisation = organisation_create(slug="hull", name="Hull", policy="hull")
    assert folder_import(organisation=organisation, folder=folder).applied
    session = first_session(organisation, folder)
    assert session.record_status == RecordStatus.DRAFT
    assert session.record_completed_on == session.held_on  # P7 still reads it
    people = {}
    for staff in StaffMember.objects.filter(pk__in=(session.supervisor_id, session.supervisee_id)):
        staff.user = UserFactory(organisation=organisation)
        staff.save(update_fields=["user"])
        people[staff.pk] = staff.user
    supervisor, supervisee = people[session.supervisor_id], people[session.supervisee_id]
    with pytest.raises(ActionRefused, match="supervisor has not signed"):
        record_sign(actor=supervisee, session=session)
    session = record_send(actor=supervisor, session=session)
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    assert session.record_completed_on == session.held_on  # completed then, signed now
    session = record_sign(actor=supervisee, session=session)
    assert session.record_status == RecordStatus.FINALISED
    assert session.supervisor_signed_on is not None
    assert session.supervisee_signed_on is not None


def test_a_supervisees_signature_without_the_supervisors_is_a_draft_and_sending_withdraws_it(
    tmp_path: Path,
) -> None:
    from supervise.people.models import StaffMember
    from supervise.sessions.services import record_send
    from tests.factories import UserFactory

    folder = folder_with_first_held(tmp_path, record_completed_on="x", supervisee_signed_on="x")
    organisation = organisation_create(slug="hull", name="Hull", policy="hull")
    assert folder_import(organisation=organisation, folder=folder).applied
    session = first_session(organisation, folder)
    assert session.record_status == RecordStatus.DRAFT
    supervisor = StaffMember.objects.get(pk=session.supervisor_id)
    supervisor.user = UserFactory(organisation=organisation)
    supervisor.save(update_fields=["user"])
    session = record_send(actor=supervisor.user, session=session)
    # Waiting for the supervisee means not signed by them: P8 waits for their signature.
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    assert session.supervisee_signed_on is None


def test_a_record_an_earlier_import_left_waiting_unsigned_is_made_a_draft(tmp_path: Path) -> None:
    """Before this reading, a completed record nobody had signed was imported as waiting for
    the supervisee; the next import puts it right (it made no progress in Supervise)."""
    folder = folder_with_first_held(tmp_path, record_completed_on="x")
    organisation = organisation_create(slug="hull", name="Hull", policy="hull")
    assert folder_import(organisation=organisation, folder=folder).applied
    session = first_session(organisation, folder)
    Session.objects.filter(pk=session.pk).update(record_status=RecordStatus.AWAITING_SUPERVISEE)
    again = folder_import(organisation=organisation, folder=folder)
    assert again.changes["sessions.csv"].updated == 1
    assert again.changes["sessions.csv"].kept == 0
    session.refresh_from_db()
    assert session.record_status == RecordStatus.DRAFT
