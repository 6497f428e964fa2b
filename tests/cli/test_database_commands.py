"""The database commands through the console script, as other programs call them
(INTERCHANGE.md: import, report, migrate; DATABASE_URL chooses the database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

EXE = str(Path(sys.executable).parent / "supervise")


def supervise(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "supervise.config.settings.dev",
    }
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, check=False)


def test_import_on_an_unmigrated_database_says_so_and_exits_2(tmp_path: Path) -> None:
    run = supervise(
        "import",
        str(EXAMPLES / "hull-basic"),
        "--org",
        "hull",
        "--policy",
        "hull",
        database=tmp_path / "new.sqlite3",
    )
    assert run.returncode == 2
    assert "run `supervise migrate` first" in run.stderr
    assert "Traceback" not in run.stderr


def test_migrate_import_report_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    assert supervise("migrate", database=db).returncode == 0
    folder = EXAMPLES / "nottingham-basic"
    imported = supervise(
        "import", str(folder), "--org", "notts", "--policy", "nottingham", database=db
    )
    assert imported.returncode == 0, imported.stderr
    reported = supervise(
        "report", "--org", "notts", "--as-of", "2026-11-22", "--format", "json", database=db
    )
    checked = supervise(
        "check",
        str(folder),
        "--policy",
        "nottingham",
        "--as-of",
        "2026-11-22",
        "--format",
        "json",
        database=db,
    )
    assert reported.returncode == 0, reported.stderr
    assert json.loads(reported.stdout)["findings"] == json.loads(checked.stdout)["findings"]


def test_import_of_a_bad_folder_lists_problems_and_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    supervise("migrate", database=db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "staff.csv").write_text("staff_id,name,role,started_on\nW1,A,wizard,2020-01-01\n")
    run = supervise("import", str(bad), "--org", "x", "--policy", "hull", database=db)
    assert run.returncode == 2
    assert f"{bad / 'staff.csv'}:2: role: unknown value 'wizard'" in run.stderr


def organisations(database: Path) -> list[tuple[str, str]]:
    import sqlite3

    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT slug, policy FROM organisations_organisation ORDER BY slug"
        ).fetchall()


def a_bad_folder(tmp_path: Path) -> Path:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "staff.csv").write_text("staff_id,name,role,started_on\nW1,A,wizard,2020-01-01\n")
    return bad


def test_a_failed_import_leaves_the_organisations_pack_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    supervise("migrate", database=db)
    imported = supervise(
        "import", str(EXAMPLES / "hull-basic"), "--org", "hull", "--policy", "hull", database=db
    )
    assert imported.returncode == 0, imported.stderr
    run = supervise(
        "import", str(a_bad_folder(tmp_path)), "--org", "hull", "--policy", "york", database=db
    )
    assert run.returncode == 2
    assert "nothing was imported" in run.stderr
    assert "is now york" not in run.stdout
    assert organisations(db) == [("hull", "hull")]


def test_a_failed_import_creates_no_organisation(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    supervise("migrate", database=db)
    run = supervise(
        "import", str(a_bad_folder(tmp_path)), "--org", "newslug", "--policy", "hull", database=db
    )
    assert run.returncode == 2
    assert "nothing was imported" in run.stderr
    assert organisations(db) == []


def test_import_needs_a_policy_for_a_new_organisation(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    supervise("migrate", database=db)
    run = supervise("import", str(EXAMPLES / "york-basic"), "--org", "york", database=db)
    assert run.returncode == 2
    assert "give --policy to create it" in run.stderr


def test_report_for_an_unknown_organisation_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    supervise("migrate", database=db)
    run = supervise("report", "--org", "nowhere", "--as-of", "2026-11-22", database=db)
    assert run.returncode == 2
    assert "no organisation 'nowhere'" in run.stderr
