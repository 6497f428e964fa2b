"""Thousands of problems: a summary by file and kind, a hundred a page, every one in a CSV, and
the line of the folder each clash with the database is about."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from supervise.accounts.models import Role
from supervise.audit.models import AuditEntry
from supervise.imports.models import ImportRun, ImportStatus
from supervise.imports.selectors import problem_kind, problem_rows
from tests import factories as f
from tests.conftest import Team
from tests.web.imports.test_import_views import FOLDER, folder_files, text, upload, zipped

pytestmark = pytest.mark.django_db

LOCKED = (
    "session {!r} is finalised in Supervise and its record cannot be changed by an import "
    "(the folder changes held_on; add an addendum in Supervise instead)"
)


@pytest.fixture
def admin(team):  # type: ignore[no-untyped-def]
    return f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR])


def refused(org, problems: list[str], name: str = "generated.zip") -> ImportRun:  # type: ignore[no-untyped-def]
    return ImportRun.objects.create(
        organisation=org, source="web", name=name, digest="0" * 64,
        status=ImportStatus.INVALID, problems=problems,
    )  # fmt: skip


def clashes() -> list[str]:
    """1,902 problems as a clashing generated folder gives them: 1,850 finalised sessions
    changed, 50 unknown roles and 2 discussions left out (no line)."""
    sessions = [f"sessions.csv:{n}: session_id: {LOCKED.format(f'S{n}')}" for n in range(2, 1852)]
    staff = [f"/tmp/x/staff.csv:{n}: role: unknown value 'r{n}'" for n in range(2, 52)]
    left_out = [
        f"case_discussions.csv: session 'S{n}' is finalised in Supervise and its record cannot "
        "be changed by an import (the folder leaves out 1 case discussion recorded in "
        "Supervise; add an addendum in Supervise instead)"
        for n in (7, 9)
    ]
    return [*left_out, *sessions, *staff]


def table_rows(response) -> int:  # type: ignore[no-untyped-def]
    return response.content.decode().count('data-label="Line"')


def test_the_problems_are_shown_a_hundred_a_page(client, team, admin) -> None:
    run = refused(team.org, [f"staff.csv:{n}: role: unknown value 'w{n}'" for n in range(2, 252)])
    url = reverse("imports:detail", args=[run.pk])
    client.force_login(admin)
    first = client.get(url)
    assert table_rows(first) == 100
    assert "staff.csv 101 role unknown value 'w101'" in text(first)  # the 100th
    assert "staff.csv 102 role" not in text(first)
    assert "Problems 1 to 100 of 250" in text(first)
    assert f'href="{url}?page=2#problems"' in first.content.decode()
    second = client.get(url, {"page": 2})
    assert table_rows(second) == 100
    assert "staff.csv 102 role unknown value 'w102'" in text(second)  # the 101st
    assert "staff.csv 101 role" not in text(second)
    third = client.get(url, {"page": 3})
    assert table_rows(third) == 50
    assert "Problems 201 to 250 of 250" in text(third)
    # A page that is not there gives the nearest one, not an error.
    assert table_rows(client.get(url, {"page": "x"})) == 100
    assert table_rows(client.get(url, {"page": 99})) == 50


def test_a_summary_shows_the_pattern_of_thousands_of_problems(client, team, admin) -> None:
    run = refused(team.org, clashes())
    client.force_login(admin)
    response = client.get(reverse("imports:detail", args=[run.pk]))
    page = text(response)
    assert "The folder has 1,902 problems: nothing was imported" in page
    # By file (also as links from the error summary to each file's first problem)...
    assert "case_discussions.csv: 2 problems" in page
    assert "sessions.csv: 1,850 problems" in page
    assert "staff.csv: 50 problems" in page
    assert "By file File Problems case_discussions.csv 2 sessions.csv 1,850 staff.csv 50" in page
    # ...and by kind, the values left out: the most frequent first.
    assert (
        "sessions.csv session_id session … is finalised in Supervise and its record cannot be "
        "changed by an import (the folder changes held_on; add an addendum in Supervise "
        "instead) 1,850 staff.csv role unknown value … 50 case_discussions.csv – session …"
    ) in page
    assert "Download all problems (CSV)" in page
    # A problem about no one row is the whole file's.
    assert "case_discussions.csv Whole file – session 'S7' is finalised" in page
    assert "sessions.csv 2 session_id session 'S2' is finalised" in page
    # The page stays a page: a hundred rows, not 1,902.
    assert table_rows(response) == 100
    assert len(response.content) < 150_000
    body = response.content.decode()
    assert 'href="#problems-1"' in body  # case_discussions.csv starts on this page
    assert f'href="{reverse("imports:detail", args=[run.pk])}?page=19#problems-3"' in body
    staff_page = client.get(reverse("imports:detail", args=[run.pk]), {"page": 19})
    assert 'id="problems-3"' in staff_page.content.decode()


def test_an_upload_with_many_problems_shows_the_first_page_and_links_to_the_rest(
    client, team, admin
) -> None:
    staff = FOLDER.joinpath("staff.csv").read_text().splitlines()
    header = staff[0].split(",")
    extra = []
    for n in range(150):
        row = staff[1].split(",")
        row[header.index("staff_id")] = f"X{n}"
        row[header.index("role")] = "wizard"
        extra.append(",".join(row))
    body = "\n".join([*staff, *extra]) + "\n"
    client.force_login(admin)
    response = upload(client, zipped(folder_files(**{"staff.csv": body.encode()})))
    run = ImportRun.objects.get()
    page = text(response)
    assert "The folder has 150 problems: nothing was imported" in page
    assert "staff.csv role unknown value …; expected one of" in page
    assert "head_of_service 150 Problems 1 to 100 of 150" in page  # the kind's count
    assert table_rows(response) == 100
    first_extra = len(staff) + 1
    assert f"staff.csv {first_extra} role unknown value 'wizard'" in page
    # The other pages are the run's page (this one answers a POST).
    detail = reverse("imports:detail", args=[run.pk])
    assert f'href="{detail}?page=2#problems"' in response.content.decode()
    assert f"staff.csv {first_extra + 100} role" in text(client.get(detail, {"page": 2}))


def test_every_problem_can_be_downloaded_as_csv(client, team, admin) -> None:
    run = refused(team.org, clashes())
    client.force_login(admin)
    response = client.get(reverse("imports:problems-csv", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="import-{run.pk}-problems.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["File", "Line", "Column", "Message"]
    assert len(rows) == 1 + 1902
    assert rows[1][:3] == ["case_discussions.csv", "Whole file", ""]
    assert rows[3] == ["sessions.csv", "2", "session_id", LOCKED.format("S2")]
    assert rows[-1] == ["staff.csv", "51", "role", "unknown value 'r51'"]
    entry = AuditEntry.objects.get(action="import.problems_exported")
    assert entry.actor == admin
    assert entry.organisation == team.org
    assert (entry.object_type, entry.object_id) == ("imports.importrun", str(run.pk))
    assert entry.detail == {"format": "csv", "rows": 1902}


def test_values_from_the_files_are_never_formulas_in_the_csv(client, team, admin) -> None:
    run = refused(team.org, ["staff.csv:1: =HYPERLINK(1): unknown column; expected name"])
    client.force_login(admin)
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("imports:problems-csv", args=[run.pk])).content.decode("utf-8-sig")
    )))  # fmt: skip
    assert rows[1] == ["staff.csv", "1", "'=HYPERLINK(1)", "unknown column; expected name"]


def test_the_csv_is_only_for_the_organisations_administrators(client, team, admin) -> None:
    other = Team(slug="other-org")
    theirs = refused(other.org, clashes())
    client.force_login(admin)
    assert client.get(reverse("imports:problems-csv", args=[theirs.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="access.refused", object_id=str(theirs.pk)).exists()
    ours = refused(team.org, clashes())
    for user in (team.manager.user, team.head.user, team.worker.user):
        client.force_login(user)
        assert client.get(reverse("imports:problems-csv", args=[ours.pk])).status_code == 403
    assert not AuditEntry.objects.filter(action="import.problems_exported").exists()


def test_a_clash_with_a_finalised_record_names_its_line(client, team, admin) -> None:
    """Import the folder (S-W1-1 and S-W1-2 arrive finalised), then upload it changed: the
    session on line 2 held a day earlier, and S-W1-2's only discussion left out."""
    client.force_login(admin)
    upload(client, zipped(folder_files()))
    client.post(reverse("imports:confirm", args=[ImportRun.objects.get().pk]))
    sessions = FOLDER.joinpath("sessions.csv").read_text()
    held = "S-W1-1,formal,M1,W1,,held,2026-10-"
    assert sessions.splitlines()[1].startswith(f"{held}19,")
    sessions = sessions.replace(f"{held}19,", f"{held}18,")
    discussions = FOLDER.joinpath("case_discussions.csv").read_text()
    assert "S-W1-2,C4,2026-10-27\n" in discussions
    discussions = discussions.replace("S-W1-2,C4,2026-10-27\n", "")
    response = upload(client, zipped(folder_files(**{
        "sessions.csv": sessions.encode(), "case_discussions.csv": discussions.encode(),
    })))  # fmt: skip
    page = text(response)
    assert "The folder has 2 problems" in page
    assert f"sessions.csv 2 session_id {LOCKED.format('S-W1-1')}" in page
    assert (
        "case_discussions.csv Whole file – session 'S-W1-2' is finalised in Supervise and its "
        "record cannot be changed by an import (the folder leaves out 1 case discussion "
        "recorded in Supervise; add an addendum in Supervise instead)"
    ) in page
    run = ImportRun.objects.filter(status=ImportStatus.INVALID).get()
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("imports:problems-csv", args=[run.pk])).content.decode("utf-8-sig")
    )))  # fmt: skip
    assert rows[1][:3] == ["case_discussions.csv", "Whole file", ""]
    assert rows[2] == ["sessions.csv", "2", "session_id", LOCKED.format("S-W1-1")]


def test_a_problem_kind_is_its_message_without_values() -> None:
    assert problem_kind("'31/02/2020' is not a date") == "… is not a date"
    assert problem_kind("has 5 fields; the header has 6") == "has … fields; the header has …"
    assert problem_kind("2026-01-02 is before from (2026-02-01)") == "… is before from (…)"
    assert (
        problem_kind('no staff member "O\'Neil" in staff.csv') == "no staff member … in staff.csv"
    )
    rows = problem_rows(["b.csv:3: x: m", "a.csv: whole", "upload.zip: not a zip file", "odd"])
    assert [(r.file_label, r.line_label, r.column) for r in rows] == [
        ("The upload", "Whole file", ""),
        ("a.csv", "Whole file", ""),
        ("b.csv", "3", "x"),
        ("upload.zip", "Whole file", ""),
    ]
    assert re.fullmatch(r"…", problem_kind("12"))
