"""Importing from the browser: upload a zip, see every problem or what will change, then
confirm or discard. Nothing is written before confirmation, nor for another organisation."""

from __future__ import annotations

import html
import io
import re
import tempfile
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from supervise.accounts.models import Role
from supervise.compliance.models import ComplianceSnapshot
from supervise.imports.models import ImportRun, ImportStatus
from supervise.people.models import StaffMember
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db
FOLDER = EXAMPLES / "hull-basic"
NEW = reverse("imports:new")


def zipped(files: dict[str, bytes], prefix: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(prefix + name, body)
    return buffer.getvalue()


def folder_files(**changes: bytes) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(FOLDER.glob("*.csv"))}
    files.update(changes)
    return files


def upload(client, data: bytes, name: str = "folder.zip"):  # type: ignore[no-untyped-def]
    return client.post(NEW, {"archive": SimpleUploadedFile(name, data, "application/zip")})


@pytest.fixture
def admin(team):  # type: ignore[no-untyped-def]
    return f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR])


def staff_count(org) -> int:  # type: ignore[no-untyped-def]
    return StaffMember.objects.filter(organisation=org).count()


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_pages_open_for_an_administrator(client, admin) -> None:
    client.force_login(admin)
    assert client.get(reverse("imports:list")).status_code == 200
    response = client.get(NEW)
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


@pytest.mark.parametrize("name", ["imports:list", "imports:new"])
def test_other_roles_are_refused(client, team, name) -> None:
    for user in (team.manager.user, team.head.user, team.worker.user):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_choosing_no_file_or_the_wrong_kind(client, admin) -> None:
    client.force_login(admin)
    response = client.post(NEW, {})
    assert "Select a ZIP file of the interchange folder" in text(response)
    assert "There is a problem" in text(response)
    response = client.post(NEW, {"archive": SimpleUploadedFile("staff.csv", b"a,b\n")})
    assert "The selected file must be a ZIP file" in text(response)
    response = upload(client, b"this is not a zip at all", "pretend.zip")
    assert "The selected file must be a ZIP file" in text(response)
    assert not ImportRun.objects.exists()


def test_a_folder_with_problems_shows_every_problem_and_imports_nothing(
    client, team, admin
) -> None:
    staff = FOLDER.joinpath("staff.csv").read_text().splitlines()
    header = staff[0].split(",")
    broken = staff[1].split(",")
    broken[header.index("started_on")] = "31/02/2020"
    other = staff[2].split(",")
    other[header.index("role")] = "wizard"
    body = "\n".join([staff[0], ",".join(broken), ",".join(other), *staff[3:]]) + "\n"
    before = staff_count(team.org)
    client.force_login(admin)
    response = upload(client, zipped(folder_files(**{"staff.csv": body.encode()})))
    page = text(response)
    assert response.status_code == 200
    assert "The folder has 2 problems: nothing was imported" in page
    assert "staff.csv: 2 problems" in page
    assert "staff.csv 2 started_on '31/02/2020' is not a date" in page
    assert "staff.csv 3 role unknown value 'wizard'" in page
    assert staff_count(team.org) == before
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.INVALID
    assert run.started_by == admin
    # The run's page shows the same problems later.
    assert "'31/02/2020' is not a date" in text(
        client.get(reverse("imports:detail", args=[run.pk]))
    )


def test_a_valid_folder_is_imported_only_after_confirmation(client, team, admin) -> None:
    before = staff_count(team.org)
    client.force_login(admin)
    response = upload(client, zipped(folder_files()))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[run.pk])
    assert run.status == ImportStatus.VALIDATED
    assert staff_count(team.org) == before  # nothing yet
    page = text(client.get(response["Location"]))
    assert "What will change" in page
    new_staff = len(FOLDER.joinpath("staff.csv").read_text().splitlines()) - 1
    assert f"staff.csv {new_staff} 0 0 0" in page
    assert "Confirm import" in page
    assert "Discard" in page

    response = client.post(reverse("imports:confirm", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportStatus.APPLIED
    assert run.archive is None
    assert staff_count(team.org) == before + new_staff
    # A snapshot of today's compliance is taken with the import.
    assert ComplianceSnapshot.objects.filter(
        organisation=team.org, taken_on=timezone.localdate()
    ).exists()
    page = text(client.get(response["Location"]))
    assert "The folder has been imported" in page
    assert "What changed" in page
    # A second confirmation changes nothing.
    again = client.post(reverse("imports:confirm", args=[run.pk]))
    assert again.status_code == 409
    assert "already been confirmed or discarded" in text(again)


def test_discarding_imports_nothing(client, team, admin) -> None:
    before = staff_count(team.org)
    client.force_login(admin)
    upload(client, zipped(folder_files()))
    run = ImportRun.objects.get()
    response = client.post(reverse("imports:discard", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportStatus.DISCARDED
    assert run.archive is None
    assert staff_count(team.org) == before
    assert client.post(reverse("imports:confirm", args=[run.pk])).status_code == 409
    assert staff_count(team.org) == before


def test_confirm_and_discard_are_posts(client, admin) -> None:
    client.force_login(admin)
    upload(client, zipped(folder_files()))
    run = ImportRun.objects.get()
    assert client.get(reverse("imports:confirm", args=[run.pk])).status_code == 405
    assert client.get(reverse("imports:discard", args=[run.pk])).status_code == 405


def test_another_organisations_run_is_not_found(client, team, admin) -> None:
    from tests.conftest import Team

    other = Team(slug="other-org")
    their_admin = f.UserFactory(organisation=other.org, roles=[Role.ADMINISTRATOR])
    client.force_login(their_admin)
    upload(client, zipped(folder_files()))
    theirs = ImportRun.objects.get()
    before = staff_count(other.org)

    client.force_login(admin)
    assert client.get(reverse("imports:detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("imports:confirm", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("imports:discard", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ImportStatus.VALIDATED
    assert staff_count(other.org) == before
    assert "folder.zip" not in text(client.get(reverse("imports:list")))


def test_paths_in_the_zip_cannot_write_outside(client, team, admin) -> None:
    escape = f"escape-{uuid.uuid4().hex}.csv"
    files = folder_files(**{escape: b"a,b\n1,2\n"})
    client.force_login(admin)
    response = upload(client, zipped(files, prefix="../../"))
    page = text(response)
    # Written by base name inside the check's own folder: the stray file is an unknown file,
    # and nothing appears where ../../ would have led.
    assert f"{escape}: 1 problem" in page
    assert "unknown file" in page
    for where in (Path("/"), Path(tempfile.gettempdir()), Path(tempfile.gettempdir()).parent,
                  Path.cwd(), Path.cwd().parent):  # fmt: skip
        assert not (where / escape).exists()
    # The same folder behind ../../ without the stray file is read as usual.
    response = upload(client, zipped(folder_files(), prefix="../../"))
    assert response.status_code == 302


def test_a_finalised_record_is_never_changed_by_an_upload(client, team, admin) -> None:
    client.force_login(admin)
    upload(client, zipped(folder_files()))
    client.post(reverse("imports:confirm", args=[ImportRun.objects.get().pk]))
    session = Session.objects.get(organisation=team.org, external_id="S-W1-1")
    assert session.record_status == RecordStatus.FINALISED  # finalised_on is in the folder
    sessions = (
        FOLDER.joinpath("sessions.csv")
        .read_text()
        .replace("S-W1-1,formal,M1,W1,,held,2026-10-19,", "S-W1-1,formal,M1,W1,,held,2026-10-18,")
    )
    response = upload(client, zipped(folder_files(**{"sessions.csv": sessions.encode()})))
    page = text(response)
    assert "is finalised in Supervise and its record cannot be changed" in page
    session.refresh_from_db()
    assert session.held_on.isoformat() == "2026-10-19"


def test_the_list_shows_who_when_status_and_counts(client, team, admin) -> None:
    client.force_login(admin)
    upload(client, zipped(folder_files()))
    upload(client, b"PK\x05\x06" + b"\0" * 18, "empty.zip")
    page = text(client.get(reverse("imports:list")))
    assert "Waiting for confirmation" in page
    assert "Refused: problems" in page
    assert "1 problem" in page
    assert admin.get_full_name() in page
    assert re.search(r"\d+ new, 0 updated, 0 removed", page)
