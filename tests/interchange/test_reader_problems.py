"""Bad input: every problem of a folder is reported at once, as FILE:LINE: column: message,
and `check` exits 2 without printing a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervise.cli import main
from supervise.interchange.reader import read_folder


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text.lstrip("\n"), encoding="utf-8")


STAFF_HEADER = "staff_id,name,role,started_on,qualified_on,asye\n"


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A folder with more than a dozen kinds of mistakes, each on a known line."""
    folder = tmp_path / "messy"
    write(
        folder,
        "staff.csv",
        STAFF_HEADER
        + "M1,Morgan Hale,team_manager,2015-01-05,2010-06-30,\n"  # 2 fine
        + "W1,Alex Reed,social_wroker,2026-10-12,2026-07-01,true\n"  # 3 unknown role
        + "W2,Jordan Bell,social_worker,2026-02-30,,\n"  # 4 not a real date
        + "W3,Casey Moor,social_worker,22/11/2026,,yes\n"  # 5 date format, boolean
        + "M1,Another Morgan,team_manager,2016-01-04,,\n"  # 6 duplicate id
        + "W4,Robin Vale,social_worker,2022-02-01\n",
    )  # 7 too few fields
    write(
        folder,
        "supervision_lines.csv",
        "supervisee_id,supervisor_id,from,to,cover\n"
        + "W1,M1,2026-10-12,,\n"  # 2 fine
        + "W1,M1,2026-11-01,,\n"  # 3 overlaps line 2
        + "W2,M9,2024-01-01,,\n"  # 4 no staff M9
        + "W3,M1,2024-01-01,2023-12-31,\n",
    )  # 5 to before from
    write(
        folder,
        "agreements.csv",
        "agreement_id,supervisee_id,supervisor_id,supervisee_signed_on,supervisor_signed_on,"
        "frequency\n" + "AG1,W1,M1,2026-10-20,2026-10-20,monthly\n",
    )  # 2 bad duration
    write(
        folder,
        "children.csv",
        "child_id,name,opened_on,risk_rating,colour\n"  # 1 unknown col
        + "C1,Child One,2026-01-10,purple,\n",
    )  # 2 bad enum
    write(
        folder,
        "allocations.csv",
        "child_id,staff_id,from,to\n"
        + "C1,W1,2026-01-10,\n"  # 2
        + "C1,W2,2026-06-01,\n"  # 3 overlaps line 2
        + "C2,W1,2026-06-01,\n",
    )  # 4 no child C2
    write(
        folder,
        "sessions.csv",
        "session_id,kind,supervisor_id,supervisee_id,status,held_on,cancelled_by\n"
        + "S1,formal,M1,W1,held,,\n"  # 2 held without held_on
        + "S2,formal,M1,W1,cancelled,,\n"  # 3 no cancelled_by
        + "S3,formal,M1,,held,2026-11-02,\n"  # 4 no supervisee
        + "S4,fromal,M1,W1,held,2026-11-03,\n",
    )  # 5 unknown kind
    write(
        folder,
        "case_discussions.csv",
        "session_id,child_id,recorded_on\n"
        + "S1,C1,\n"  # 2 fine
        + "S1,C1,2026-11-04\n"  # 3 duplicate pair
        + "S9,C1,\n",
    )  # 4 no session S9
    write(folder, "sesions.csv", "session_id\n")  # unknown file
    return folder


EXPECTED = [
    ("agreements.csv", 2, "frequency"),
    ("allocations.csv", 3, "from"),
    ("allocations.csv", 4, "child_id"),
    ("case_discussions.csv", 3, "session_id"),
    ("case_discussions.csv", 4, "session_id"),
    ("children.csv", 1, "colour"),
    ("children.csv", 2, "risk_rating"),
    ("sesions.csv", 1, "-"),
    ("sessions.csv", 2, "held_on"),
    ("sessions.csv", 3, "cancelled_by"),
    ("sessions.csv", 4, "supervisee_id"),
    ("sessions.csv", 5, "kind"),
    ("staff.csv", 3, "role"),
    ("staff.csv", 4, "started_on"),
    ("staff.csv", 5, "asye"),
    ("staff.csv", 5, "started_on"),
    ("staff.csv", 6, "staff_id"),
    ("staff.csv", 7, "-"),
    ("supervision_lines.csv", 3, "from"),
    ("supervision_lines.csv", 4, "supervisor_id"),
    ("supervision_lines.csv", 5, "to"),
]


def test_every_mistake_is_reported_with_its_file_line_and_column(messy: Path) -> None:
    result = read_folder(messy)
    found = sorted((Path(p.file).name, p.line, p.column) for p in result.problems)
    assert found == sorted(EXPECTED)


def test_messages_say_what_is_wrong(messy: Path) -> None:
    text = "\n".join(str(p) for p in read_folder(messy).problems)
    assert f"{messy / 'staff.csv'}:3: role: unknown value 'social_wroker'" in text
    assert "staff.csv:4: started_on: '2026-02-30' is not a real date" in text
    assert "staff.csv:5: started_on: '22/11/2026' is not a date in the form YYYY-MM-DD" in text
    assert "staff.csv:5: asye: 'yes' is not a boolean" in text
    assert "staff.csv:6: staff_id: duplicate staff_id 'M1' (first on line 2)" in text
    assert "staff.csv:7: -: has 4 fields; the header has 6" in text
    assert "supervision_lines.csv:3: from: overlaps the supervision line on line 2" in text
    assert "supervision_lines.csv:4: supervisor_id: no staff member 'M9' in staff.csv" in text
    assert "children.csv:1: colour: unknown column" in text
    assert "sessions.csv:2: held_on: is required when status is held" in text
    assert "case_discussions.csv:3: session_id: duplicate session_id/child_id 'S1/C1'" in text


def test_check_exits_2_lists_every_problem_on_stderr_and_prints_no_report(messy, capsys) -> None:
    code = main(["check", str(messy), "--policy", "hull", "--as-of", "2026-11-22"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == len(EXPECTED) + 1  # every problem, then a one-line summary
    assert lines[-1].startswith(f"supervise check: {len(EXPECTED)} problems in")


def test_a_bad_staff_row_does_not_make_references_to_it_dangle(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    write(
        folder,
        "staff.csv",
        STAFF_HEADER
        + "W1,Alex Reed,social_worker,not-a-date,,\n"
        + "M1,Morgan Hale,team_manager,2015-01-05,,\n",
    )
    write(folder, "supervision_lines.csv", "supervisee_id,supervisor_id,from\nW1,M1,2026-01-01\n")
    problems = read_folder(folder).problems
    assert [(Path(p.file).name, p.line, p.column) for p in problems] == [
        ("staff.csv", 2, "started_on")
    ]


def test_staff_csv_is_required_and_other_files_are_optional(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    problems = read_folder(folder).problems
    assert [(Path(p.file).name, p.message) for p in problems] == [
        ("staff.csv", "this file is required")
    ]
    write(folder, "staff.csv", STAFF_HEADER)
    assert read_folder(folder).problems == []


def test_a_missing_required_column_is_reported_once_not_on_every_row(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    write(folder, "staff.csv", "staff_id,name,role\nW1,A,social_worker\nW2,B,social_worker\n")
    problems = read_folder(folder).problems
    assert [(p.line, p.column, p.message) for p in problems] == [
        (1, "started_on", "required column is missing")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (STAFF_HEADER.encode() + b"W1,Al\xe9x,social_worker,2020-01-01,,\n", "not UTF-8 text"),
        (STAFF_HEADER.encode() + b'W1,"Alex,social_worker,2020-01-01,,\n', "not valid CSV"),
    ],
    ids=["empty file", "Latin-1 bytes", "unterminated quote"],
)
def test_unreadable_files_are_reported_not_raised(tmp_path: Path, content: bytes, message: str):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "staff.csv").write_bytes(content)
    problems = read_folder(folder).problems
    assert len(problems) == 1
    assert message in problems[0].message


def test_a_byte_order_mark_from_excel_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "staff.csv").write_bytes(
        "\ufeff".encode() + (STAFF_HEADER + "W1,Alex,social_worker,2020-01-01,,\n").encode()
    )
    result = read_folder(folder)
    assert result.problems == []
    assert result.dataset.staff[0].staff_id == "W1"


def test_a_missing_folder_is_a_problem(tmp_path: Path) -> None:
    problems = read_folder(tmp_path / "nowhere").problems
    assert [p.message for p in problems] == ["no such folder"]


def test_a_file_given_for_the_folder_says_so(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(b"PK")
    [problem] = read_folder(archive).problems
    assert problem.message.startswith("is a file, not a folder")


def test_a_misspelt_id_column_is_reported_once_not_as_every_reference(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    write(folder, "staff.csv", STAFF_HEADER + "W1,Alex,social_worker,2020-01-01,,\n")
    write(folder, "children.csv", "chld_id,opened_on\nC1,2026-01-01\nC2,2026-01-01\n")
    write(folder, "allocations.csv", "child_id,staff_id,from\nC1,W1,2026-01-01\nC2,W1,2026-01-01\n")
    problems = read_folder(folder).problems
    assert [(Path(p.file).name, p.column) for p in problems] == [
        ("children.csv", "child_id"),  # required column is missing
        ("children.csv", "chld_id"),  # unknown column
    ]
