"""The tables as CSV and Excel, read back; every export audited without names."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from supervise.audit.models import AuditEntry
from tests.web.compliance.conftest import LATEST, MONTH_AGO, snap

pytestmark = pytest.mark.django_db
CSV = reverse("compliance:export-csv")
XLSX = reverse("compliance:export-xlsx")


def read_csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # so that Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_the_csv_by_team_for_the_period(client, figures, qa) -> None:
    client.force_login(qa)
    response = client.get(CSV, {"months": "3"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'filename="supervision-compliance-by-team-t-org-3-months-to-2026-11-23.csv"'
        in response["Content-Disposition"]
    )
    rows = read_csv(response)
    assert list(rows[0]) == [
        "Date",
        "Team",
        "Whole team",
        "Supervisees",
        "Overdue for supervision",
        "Children overdue for discussion",
        "Records outstanding",
        "Personal supervision compliance (%)",
    ]
    assert [(r["Date"], r["Team"]) for r in rows] == [
        (MONTH_AGO.isoformat(), "Alpha Team"),
        (MONTH_AGO.isoformat(), "Bravo Team"),
        (LATEST.isoformat(), "Alpha Team"),
        (LATEST.isoformat(), "Bravo Team"),
    ]
    latest_bravo = rows[3]
    assert {r["Whole team"] for r in rows} == {"Yes"}  # quality assurance sees every row
    assert latest_bravo["Supervisees"] == "6"
    assert latest_bravo["Overdue for supervision"] == "3"
    assert latest_bravo["Children overdue for discussion"] == "1"
    assert latest_bravo["Records outstanding"] == "4"
    assert latest_bravo["Personal supervision compliance (%)"] == "50.0"
    assert rows[2]["Personal supervision compliance (%)"] == "90.9"  # 10 of 11


def test_the_csv_by_supervisor(client, figures, qa) -> None:
    client.force_login(qa)
    rows = read_csv(client.get(CSV, {"months": "3", "table": "supervisor"}))
    latest = [r for r in rows if r["Date"] == LATEST.isoformat()]
    assert {(r["Team"], r["Supervisor"]) for r in latest} == {
        ("Alpha Team", "Morgan Manager"),
        ("Alpha Team", "Sam Service"),
        ("Bravo Team", "Nina Neighbour"),
        ("Bravo Team", "Sam Service"),
    }
    assert len(rows) == 6  # two rows on the earlier day (no service manager rows then)


def test_the_workbook(client, figures, qa) -> None:
    client.force_login(qa)
    response = client.get(XLSX, {"months": "12"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["By team", "By supervisor"]
    sheet = book["By team"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Date", "Team"]
    assert header[-1] == "Personal supervision compliance (%)"
    assert sheet["A1"].font.bold
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 6  # three days, two teams
    first = sheet["A2"]
    assert isinstance(first.value, datetime)  # a date, not text
    assert first.value.date().isoformat() == "2026-06-23"
    percent = sheet.cell(row=2, column=len(header))
    assert isinstance(percent.value, float)
    assert percent.value == pytest.approx(0.5)
    assert percent.number_format == "0.0%"
    assert sheet.column_dimensions["B"].width >= 30
    assert len(list(book["By supervisor"].iter_rows(min_row=2))) == 8


def test_every_export_is_audited_without_names(client, figures, qa) -> None:
    client.force_login(qa)
    client.get(CSV, {"months": "3"})
    client.get(XLSX, {"months": "6"})
    csv_entry, xlsx_entry = AuditEntry.objects.filter(action="compliance.exported").order_by("id")
    assert csv_entry.detail == {"format": "csv", "table": "team", "rows": 4, "months": 3}
    assert xlsx_entry.detail["format"] == "xlsx"
    assert xlsx_entry.detail["rows"] == 6 + 8
    assert csv_entry.actor_id == qa.pk
    for entry in (csv_entry, xlsx_entry):
        assert "Alpha" not in str(entry.detail)
        assert "Morgan" not in str(entry.detail)


def test_a_team_manager_exports_only_their_chain(client, figures, team) -> None:
    client.force_login(team.manager.user)
    rows = read_csv(client.get(CSV, {"months": "3", "table": "supervisor"}))
    assert {r["Supervisor"] for r in rows} == {"Morgan Manager"}


def test_a_team_managers_team_rows_say_they_are_not_the_whole_team(client, figures, team) -> None:
    """Alpha Team's own manager is supervised by the service manager, outside the team
    manager's chain: the manager's export counts 10 supervisees, not the team's 11, and says so."""
    client.force_login(team.manager.user)
    rows = read_csv(client.get(CSV, {"months": "3"}))
    latest = [r for r in rows if r["Date"] == LATEST.isoformat()]
    assert [(r["Team"], r["Whole team"], r["Supervisees"]) for r in latest] == [
        ("Alpha Team", "No", "10")
    ]
    client.force_login(team.head.user)  # the service manager's chain holds the whole team
    rows = read_csv(client.get(CSV, {"months": "3"}))
    assert {(r["Team"], r["Whole team"]) for r in rows if r["Date"] == LATEST.isoformat()} == {
        ("Alpha Team", "Yes"),
        ("Bravo Team", "Yes"),
    }


def test_names_are_never_formulas(client, team, places, qa) -> None:
    places.a.name = '=HYPERLINK("http://example.invalid")'
    places.a.save()
    snap(team.org, LATEST, places.a, team.manager, "personal_supervision", 2, 1)
    client.force_login(qa)
    response = client.get(CSV)
    rows = read_csv(response)
    assert rows[0]["Team"].startswith("'=")  # CSV: an apostrophe keeps it text in Excel
    assert b"\r\n" in response.content
    book = load_workbook(io.BytesIO(client.get(XLSX).content))
    cell = book["By team"]["B2"]
    assert cell.data_type == "s"  # the workbook types it as text: shown as it is, never run
    assert cell.value == places.a.name


FINDINGS_CSV = reverse("compliance:findings-csv")


def test_the_findings_download_holds_every_finding_with_the_pages_filters(
    client, figures, team, qa
) -> None:
    client.force_login(qa)
    everything = read_csv(client.get(FINDINGS_CSV))
    assert list(everything[0]) == [
        "Rule", "Status", "Due on", "Days overdue", "About", "Team", "Supervisor", "Why",
        "Policy", "Rule id", "Subject type", "Subject id",
    ]  # fmt: skip
    # The ids are the report's, so that a download can be reconciled with `supervise report`.
    worker = next(row for row in everything if row["About"] == "Alex Worker")
    assert (worker["Subject type"], worker["Subject id"]) == ("staff", team.worker.external_id)
    assert worker["Rule id"] in {"personal_supervision", "agreement"}
    about = {row["About"] for row in everything}
    assert {"Alex Worker", "Olly Otherteam", "Casey Child"} <= about
    overdue = read_csv(
        client.get(FINDINGS_CSV, {"status": "overdue", "rule": "personal_supervision"})
    )
    assert overdue
    assert {row["Status"] for row in overdue} == {"Overdue"}
    assert {row["Rule"] for row in overdue} == {"Personal supervision (P1)"}
    assert all(int(row["Days overdue"]) > 0 for row in overdue)
    assert len(overdue) < len(everything)
    # The name says what was downloaded: the organisation, the filters, the day.
    response = client.get(FINDINGS_CSV, {"status": "overdue", "rule": "personal_supervision"})
    from django.utils import timezone

    name = f"supervision-findings-t-org-personal_supervision-overdue-{timezone.localdate()}.csv"
    assert f'filename="{name}"' in response["Content-Disposition"]
    assert b"\r\n" in response.content
    # the page and the download agree on the count
    from tests.web.compliance.test_overview import text

    filters = {"status": "overdue", "rule": "personal_supervision"}
    page = text(client.get(reverse("compliance:findings"), filters))
    assert f"{len(overdue)} finding{'s' if len(overdue) != 1 else ''}" in page


def test_the_findings_download_names_a_child_only_to_those_who_may_open_the_record(
    client, figures, team, inspector
) -> None:
    client.force_login(inspector)
    about = {row["About"] for row in read_csv(client.get(FINDINGS_CSV))}
    assert "Casey Child" not in about
    assert f"Child {team.child.external_id}" in about


def test_the_findings_download_keeps_to_a_managers_chain_and_is_audited(
    client, figures, team
) -> None:
    client.force_login(team.manager.user)
    response = client.get(FINDINGS_CSV)
    assert response.status_code == 200
    assert 'filename="supervision-findings-' in response["Content-Disposition"]
    rows = read_csv(response)
    about = {row["About"] for row in rows}
    assert "Alex Worker" in about
    assert "Olly Otherteam" not in about
    entry = AuditEntry.objects.filter(action="compliance.exported").latest("id")
    assert entry.detail == {"format": "csv", "table": "findings", "rows": len(rows)}
    assert entry.actor == team.manager.user


def test_a_findings_download_with_a_bad_filter_goes_back_to_the_page(client, figures, qa) -> None:
    client.force_login(qa)
    response = client.get(FINDINGS_CSV, {"rule": "made_up"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("compliance:findings"))


def test_a_worker_cannot_download_the_findings(client, figures, team) -> None:
    client.force_login(team.worker.user)
    assert client.get(FINDINGS_CSV).status_code in (403, 404)
