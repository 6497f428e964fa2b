"""`supervise check`: the contract of INTERCHANGE.md "The command line"."""

from __future__ import annotations

import csv
import io
import json

import pytest

from supervise.cli import main
from supervise.policy.pack import PACKS_DIR
from tests.conftest import EXAMPLES

HULL = EXAMPLES / "hull-basic"


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse refuses unusable arguments with SystemExit(2)
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_csv_format_has_a_header_and_one_row_per_finding(capsys) -> None:
    code, out, _ = run(
        capsys, "check", str(HULL), "--policy", "hull", "--as-of", "2026-11-22", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = json.loads((HULL / "expected.json").read_text())["findings"]
    assert code == 0
    assert list(rows[0]) == ["rule", "status", "subject_type", "subject_id", "due_on", "source"]
    assert [(r["rule"], r["subject_id"], r["due_on"]) for r in rows] == [
        (f["rule"], f["subject"]["id"], f["due_on"]) for f in expected
    ]
    assert all(r["source"].startswith("003_871932d35db75f8d.txt: ") for r in rows)


def test_table_format_groups_by_rule_with_names_due_dates_and_days_overdue(capsys) -> None:
    code, out, _ = run(
        capsys, "check", str(HULL), "--policy", "hull", "--as-of", "2026-11-22", "--format", "table"
    )
    assert code == 0
    assert "As of Sunday 22 November 2026: 22 findings (19 overdue, 3 due soon)" in out
    block = out.split("Personal supervision (P1): 5", 1)[1].split("\n\n", 1)[0]
    assert "Casey Moor (W3)" in block
    assert "Fri 30 Oct 2026" in block
    assert "overdue by 23 days" in block
    assert "Jordan Bell (W2)" in block
    assert "due in 5 days" in block


def test_soon_days_widens_and_narrows_the_window(capsys) -> None:
    def count(days: str) -> int:
        _, out, _ = run(
            capsys,
            "check",
            str(HULL),
            "--policy",
            "hull",
            "--as-of",
            "2026-11-22",
            "--soon-days",
            days,
        )
        return sum(f["status"] == "due_soon" for f in json.loads(out)["findings"])

    assert count("0") == 0
    assert count("7") == 3
    assert count("30") > 3


def test_a_custom_pack_file_is_accepted_and_changes_the_result(tmp_path, capsys) -> None:
    text = (PACKS_DIR / "hull.toml").read_text()
    text = text.replace('slug = "hull"', 'slug = "hull-stricter"').replace(
        'default = { every = "P1M"', 'default = { every = "P14D"'
    )
    pack = tmp_path / "stricter.toml"
    pack.write_text(text)
    code, out, _ = run(capsys, "check", str(HULL), "--policy", str(pack), "--as-of", "2026-11-22")
    report = json.loads(out)
    assert code == 0
    assert report["policy"] == "hull-stricter"
    w2 = [
        f
        for f in report["findings"]
        if f["rule"] == "personal_supervision" and f["subject"]["id"] == "W2"
    ]
    assert w2[0]["due_on"] == "2026-11-10"  # 27 Oct + 14 days, instead of 27 Nov


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--policy", "hul", "--as-of", "2026-11-22"], "hul: no such policy pack"),
        (["--policy", "hull", "--as-of", "22/11/2026"], "is not a date in the form YYYY-MM-DD"),
        (["--policy", "hull", "--as-of", "2026-02-30"], "is not a date"),
        (["--policy", "hull"], "the following arguments are required: --as-of"),
        (["--policy", "hull", "--as-of", "2026-11-22", "--format", "xml"], "invalid choice"),
        (["--policy", "hull", "--as-of", "2026-11-22", "--soon-days", "-1"], "whole number"),
    ],
    ids=[
        "unknown policy",
        "date format",
        "impossible date",
        "missing as-of",
        "bad format",
        "negative window",
    ],
)
def test_unusable_arguments_exit_2_with_a_reason(capsys, args: list[str], message: str) -> None:
    code, out, err = run(capsys, "check", str(HULL), *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_a_broken_pack_file_is_refused_naming_the_file_and_key(tmp_path, capsys) -> None:
    text = (
        (PACKS_DIR / "hull.toml").read_text().replace("[rules.case_record]", "[rules.case_recrod]")
    )
    pack = tmp_path / "typo.toml"
    pack.write_text(text)
    code, out, err = run(capsys, "check", str(HULL), "--policy", str(pack), "--as-of", "2026-11-22")
    assert code == 2
    assert out == ""
    assert f"{pack}: rules.case_recrod: unknown rule" in err


def test_a_broken_pack_and_a_broken_folder_are_both_reported(tmp_path, capsys) -> None:
    pack = tmp_path / "typo.toml"
    pack.write_text((PACKS_DIR / "hull.toml").read_text().replace("days = 28", "days = -1"))
    folder = tmp_path / "export"
    folder.mkdir()
    for source in HULL.glob("*.csv"):
        (folder / source.name).write_bytes(source.read_bytes())
    staff = (folder / "staff.csv").read_text().splitlines()
    header = staff[0].split(",")
    first = staff[1].split(",")
    first[header.index("role")] = "wizard"
    (folder / "staff.csv").write_text("\n".join([staff[0], ",".join(first), *staff[2:]]) + "\n")
    code, out, err = run(
        capsys, "check", str(folder), "--policy", str(pack), "--as-of", "2026-11-22"
    )
    assert code == 2
    assert out == ""
    assert f"{pack}: staff.extended_absence.days: must be at least 1" in err
    assert "staff.csv:2: role: " in err


def test_check_writes_nothing_into_the_folder(tmp_path, capsys) -> None:
    before = {p: p.read_bytes() for p in HULL.iterdir()}
    run(capsys, "check", str(HULL), "--policy", "hull", "--as-of", "2026-11-22")
    assert {p: p.read_bytes() for p in HULL.iterdir()} == before
