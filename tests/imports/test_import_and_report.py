"""`supervise import` then `supervise report`: the same findings as `check`, idempotent, all or
nothing, and never changing a finalised record."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from supervise.compliance.dataset import dataset_from_db
from supervise.imports.models import ImportRun, ImportStatus
from supervise.imports.services import folder_import
from supervise.interchange.reader import read_folder
from supervise.organisations.services import organisation_create
from supervise.people.models import Absence, StaffMember
from supervise.policy.engine import report
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db
AS_OF = "2026-11-22"
FOLDERS = sorted(p.name for p in EXAMPLES.glob("*-basic"))


def keys(findings: list) -> list[tuple]:
    return [(f.rule, f.status, f.subject_type, f.subject_id, f.due_on) for f in findings]


def org_for(folder: str):
    policy = folder.removesuffix("-basic")
    return organisation_create(slug=policy, name=policy.title(), policy=policy)


@pytest.mark.parametrize("folder", FOLDERS)
def test_import_then_report_gives_the_same_findings_as_check(folder: str) -> None:
    from datetime import date

    organisation = org_for(folder)
    outcome = folder_import(organisation=organisation, folder=EXAMPLES / folder)
    assert outcome.ok
    assert outcome.applied
    as_of = date.fromisoformat(AS_OF)
    from_folder = report(read_folder(EXAMPLES / folder).dataset, organisation.pack, as_of)
    from_db = report(dataset_from_db(organisation), organisation.pack, as_of)
    expected = json.loads((EXAMPLES / folder / "expected.json").read_text())["findings"]
    assert keys(from_db.findings) == keys(from_folder.findings)
    assert len(from_db.findings) == len(expected)


def test_importing_the_same_folder_twice_changes_nothing_the_second_time() -> None:
    organisation = org_for("hull-basic")
    first = folder_import(organisation=organisation, folder=EXAMPLES / "hull-basic")
    second = folder_import(organisation=organisation, folder=EXAMPLES / "hull-basic")
    assert any(c.created for c in first.changes.values())
    assert not any(c.changed for c in second.changes.values())
    assert second.changes["sessions.csv"].unchanged == 14


def test_a_dry_run_reports_what_would_change_and_changes_nothing() -> None:
    organisation = org_for("hull-basic")
    outcome = folder_import(organisation=organisation, folder=EXAMPLES / "hull-basic", dry_run=True)
    assert outcome.changes["staff.csv"].created == 9
    assert outcome.run.status == ImportStatus.VALIDATED
    assert StaffMember.objects.count() == 0


def test_a_folder_with_problems_imports_nothing_and_says_why(tmp_path: Path) -> None:
    organisation = org_for("hull-basic")
    folder = tmp_path / "bad"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    sessions = folder / "sessions.csv"
    sessions.write_text(sessions.read_text().replace("2026-10-19", "19/10/2026", 1))
    outcome = folder_import(organisation=organisation, folder=folder)
    assert not outcome.ok
    assert any("sessions.csv:2: held_on: '19/10/2026'" in p for p in outcome.problems)
    assert StaffMember.objects.count() == 0
    assert Session.objects.count() == 0
    assert ImportRun.objects.get().status == ImportStatus.INVALID


def test_rows_without_ids_follow_the_folder(tmp_path: Path) -> None:
    """An absence corrected in the HR system replaces the old row; nothing accumulates."""
    organisation = org_for("hull-basic")
    folder = tmp_path / "hull"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    folder_import(organisation=organisation, folder=folder)
    absences = folder / "absences.csv"
    absences.write_text(
        absences.read_text().replace("W3,2026-10-27,2026-11-06", "W3,2026-10-27,2026-11-13")
    )
    outcome = folder_import(organisation=organisation, folder=folder)
    assert outcome.changes["absences.csv"].as_dict() == {
        "created": 1,
        "updated": 0,
        "deleted": 1,
        "unchanged": 2,
    }
    w3 = Absence.objects.get(staff__external_id="W3")
    assert str(w3.ends_on) == "2026-11-13"


def test_an_import_never_changes_a_finalised_record(tmp_path: Path) -> None:
    organisation = org_for("hull-basic")
    folder = tmp_path / "hull"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    folder_import(organisation=organisation, folder=folder)
    locked = Session.objects.get(external_id="S-W1-1")
    assert locked.record_status == RecordStatus.FINALISED
    sessions = folder / "sessions.csv"
    sessions.write_text(
        sessions.read_text().replace(
            "S-W1-1,formal,M1,W1,,held,2026-10-19", "S-W1-1,formal,M1,W1,,held,2026-10-18"
        )
    )
    discussions = folder / "case_discussions.csv"
    discussions.write_text(discussions.read_text() + "S-W1-1,C6,2026-10-20\n")
    outcome = folder_import(organisation=organisation, folder=folder)
    # Each names the row it is about (the added discussion is the file's 10th line; the
    # session is on line 2) and what the folder would change.
    assert outcome.problems == [
        "case_discussions.csv:10: session: session 'S-W1-1' is finalised in Supervise and its "
        "record cannot be changed by an import (the folder adds 1 case discussion; add an "
        "addendum in Supervise instead)",
        "sessions.csv:2: session_id: session 'S-W1-1' is finalised in Supervise and its record "
        "cannot be changed by an import (the folder changes held_on; add an addendum in "
        "Supervise instead)",
    ]
    locked.refresh_from_db()
    assert str(locked.held_on) == "2026-10-19"
    assert locked.discussions.count() == 0


def test_a_changed_discussion_of_a_finalised_record_names_the_line_of_the_new_row(
    tmp_path: Path,
) -> None:
    organisation = org_for("hull-basic")
    folder = tmp_path / "hull"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    folder_import(organisation=organisation, folder=folder)
    discussions = folder / "case_discussions.csv"
    lines = discussions.read_text().splitlines()
    assert lines[2] == "S-W2-1,C2,2026-09-30"  # S-W2-1 is finalised
    lines[2] = "S-W2-1,C2,2026-09-29"
    discussions.write_text("\n".join(lines) + "\n")
    outcome = folder_import(organisation=organisation, folder=folder)
    assert outcome.problems == [
        "case_discussions.csv:3: session: session 'S-W2-1' is finalised in Supervise and its "
        "record cannot be changed by an import (the folder adds 1 case discussion and leaves "
        "out 1 case discussion recorded in Supervise; add an addendum in Supervise instead)"
    ]


def test_an_import_never_undoes_a_record_made_in_supervise(tmp_path: Path) -> None:
    """The case system's export is behind what was recorded here this morning: the session
    held, written up and sent in Supervise stays so, with its case discussion."""
    from datetime import date

    from supervise.cases.models import Child
    from supervise.sessions.services import (
        discussion_save,
        record_save,
        record_send,
        session_hold,
    )
    from tests.factories import UserFactory

    organisation = org_for("hull-basic")
    folder = tmp_path / "hull"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    sessions_csv = folder / "sessions.csv"
    sessions_csv.write_text(sessions_csv.read_text() + "S-W1-9,formal,M1,W1,2026-11-20,planned"
                            + ",," * 4 + "\n")  # fmt: skip
    assert folder_import(organisation=organisation, folder=folder).ok
    manager = StaffMember.objects.get(organisation=organisation, external_id="M1")
    manager.user = UserFactory(organisation=organisation)
    manager.save(update_fields=["user"])
    session = Session.objects.get(organisation=organisation, external_id="S-W1-9")
    day = date(2026, 11, 20)
    session = session_hold(actor=manager.user, session=session, held_on=day)
    record_save(actor=manager.user, session=session, entries={"wellbeing": "Written here"})
    child = Child.objects.get(organisation=organisation, external_id="C4")
    discussion_save(actor=manager.user, session=session, child=child,
                    fields={"decisions": "Visit weekly"})  # fmt: skip
    record_send(actor=manager.user, session=session)

    again = folder_import(organisation=organisation, folder=folder)
    assert again.ok
    assert again.changes["sessions.csv"].kept == 1
    assert again.changes["sessions.csv"].updated == 0
    session.refresh_from_db()
    assert (session.status, session.held_on) == ("held", day)
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    assert session.discussions.count() == 1
    assert session.entries.get(heading="wellbeing").text == "Written here"


def test_organisations_are_kept_apart_by_import() -> None:
    hull = org_for("hull-basic")
    york = org_for("york-basic")
    folder_import(organisation=hull, folder=EXAMPLES / "hull-basic")
    folder_import(organisation=york, folder=EXAMPLES / "york-basic")
    assert {s.staff_id for s in dataset_from_db(hull).staff} == {
        s.staff_id for s in read_folder(EXAMPLES / "hull-basic").dataset.staff
    }
    assert not {s.staff_id for s in dataset_from_db(york).staff} & {"W1", "M1", "SM1"}


def test_confirming_an_upload_is_one_import_not_two(tmp_path: Path) -> None:
    import io
    import zipfile

    from supervise.imports.services import import_confirm, import_upload
    from tests.factories import UserFactory

    organisation = org_for("hull-basic")
    admin = UserFactory(organisation=organisation, roles=["administrator"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in (EXAMPLES / "hull-basic").glob("*.csv"):
            archive.write(path, f"hull/{path.name}")
    checked = import_upload(
        organisation=organisation, actor=admin, archive=buffer.getvalue(), name="hull.zip"
    )
    assert checked.run.status == ImportStatus.VALIDATED
    outcome = import_confirm(run=checked.run, actor=admin)
    assert outcome.applied
    assert list(ImportRun.objects.values_list("pk", "status")) == [
        (checked.run.pk, ImportStatus.APPLIED)
    ]
    assert ImportRun.objects.get().archive is None


def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bad"
    shutil.copytree(EXAMPLES / "hull-basic", folder)
    sessions = folder / "sessions.csv"
    sessions.write_text(sessions.read_text().replace("2026-10-19", "19/10/2026", 1))
    return folder


def test_a_failed_import_changes_no_pack_and_says_why_on_the_organisation(tmp_path: Path) -> None:
    from supervise.audit.models import AuditEntry
    from supervise.imports.services import organisation_import
    from supervise.organisations.models import Organisation

    hull = org_for("hull-basic")
    outcome = organisation_import(slug="hull", folder=bad_folder(tmp_path), policy="york")
    assert outcome.problems
    assert not outcome.policy_changed_from
    hull.refresh_from_db()
    assert (hull.policy, hull.pack.slug) == ("hull", "hull")
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["hull"]
    assert not AuditEntry.objects.filter(action="organisation.policy_changed").exists()
    assert StaffMember.objects.count() == 0
    # The refusal itself is kept, on the organisation as it was (decision 0004).
    assert list(ImportRun.objects.values_list("organisation__slug", "status")) == [
        ("hull", ImportStatus.INVALID)
    ]
    assert AuditEntry.objects.filter(action="import.refused").count() == 1


def test_a_failed_import_creates_no_organisation(tmp_path: Path) -> None:
    from supervise.audit.models import AuditEntry
    from supervise.imports.services import organisation_import
    from supervise.organisations.models import Organisation

    outcome = organisation_import(slug="newslug", folder=bad_folder(tmp_path), policy="hull")
    assert outcome.problems
    assert not Organisation.objects.exists()
    assert not ImportRun.objects.exists()
    assert not AuditEntry.objects.filter(action="organisation.created").exists()


def test_a_good_import_creates_the_organisation_or_changes_its_pack(tmp_path: Path) -> None:
    from supervise.imports.services import organisation_import
    from supervise.organisations.models import Organisation

    created = organisation_import(slug="hull", folder=EXAMPLES / "hull-basic", policy="hull")
    assert created.applied
    assert not created.policy_changed_from
    dry = organisation_import(slug="hull", folder=EXAMPLES / "hull-basic", policy="york",
                              dry_run=True)  # fmt: skip
    assert dry.policy_changed_from == "hull"  # would be
    assert Organisation.objects.get().policy == "hull"
    changed = organisation_import(slug="hull", folder=EXAMPLES / "hull-basic", policy="york")
    assert changed.applied
    assert changed.policy_changed_from == "hull"
    assert Organisation.objects.get().policy == "york"


def test_an_upload_with_problems_changes_nothing(tmp_path: Path) -> None:
    """The browser's path: the organisation is the signed-in one and its pack is not chosen
    there; a refused upload, checked or confirmed, writes only the run that says why."""
    import io
    import zipfile

    from supervise.imports.services import import_confirm, import_upload
    from tests.factories import UserFactory

    organisation = org_for("hull-basic")
    admin = UserFactory(organisation=organisation, roles=["administrator"])

    def zipped(folder: Path) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path in folder.glob("*.csv"):
                archive.write(path, f"folder/{path.name}")
        return buffer.getvalue()

    bad = import_upload(organisation=organisation, actor=admin,
                        archive=zipped(bad_folder(tmp_path)), name="bad.zip")  # fmt: skip
    assert bad.problems
    assert bad.run.status == ImportStatus.INVALID
    # Checked, then refused on confirming: the record it changes was finalised in between.
    other = tmp_path / "other"
    shutil.copytree(EXAMPLES / "hull-basic", other)
    sessions = other / "sessions.csv"
    sessions.write_text(sessions.read_text().replace(
        "S-W1-1,formal,M1,W1,,held,2026-10-19", "S-W1-1,formal,M1,W1,,held,2026-10-18"
    ))  # fmt: skip
    (other / "staff.csv").write_text((other / "staff.csv").read_text().replace("W1,", "W1,X", 1))
    checked = import_upload(organisation=organisation, actor=admin, archive=zipped(other),
                            name="other.zip")  # fmt: skip
    assert checked.ok
    folder_import(organisation=organisation, folder=EXAMPLES / "hull-basic")
    staff_before = list(StaffMember.objects.values_list("pk", "name"))
    refused = import_confirm(run=checked.run, actor=admin)
    assert refused.problems
    assert not refused.applied
    organisation.refresh_from_db()
    assert organisation.policy == "hull"
    assert list(StaffMember.objects.values_list("pk", "name")) == staff_before
    assert str(Session.objects.get(external_id="S-W1-1").held_on) == "2026-10-19"
