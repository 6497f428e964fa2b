"""The five shared examples give exactly their expected findings, in order
(`../shared/examples/README.md`: compared on rule, status, subject and due_on)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from supervise.cli import main
from tests.conftest import EXAMPLES

FOLDERS = sorted(p.name for p in EXAMPLES.glob("*-basic"))


def key(finding: dict) -> tuple:
    return (
        finding["rule"],
        finding["status"],
        finding["subject"]["type"],
        finding["subject"]["id"],
        finding["due_on"],
    )


def test_there_are_five_examples() -> None:
    assert len(FOLDERS) == 5


@pytest.mark.parametrize("folder", FOLDERS)
def test_check_gives_the_expected_findings_in_order(folder: str, capsys) -> None:
    expected = json.loads((EXAMPLES / folder / "expected.json").read_text())
    policy = folder.removesuffix("-basic")
    code = main(
        [
            "check",
            str(EXAMPLES / folder),
            "--policy",
            policy,
            "--as-of",
            "2026-11-22",
            "--format",
            "json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["policy"] == expected["policy"] == policy
    assert out["as_of"] == "2026-11-22"
    assert [key(f) for f in out["findings"]] == [key(f) for f in expected["findings"]]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_finding_carries_its_facts_and_source(folder: str, capsys) -> None:
    policy = folder.removesuffix("-basic")
    main(["check", str(EXAMPLES / folder), "--policy", policy, "--as-of", "2026-11-22"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert findings
    for finding in findings:
        assert finding["source"].endswith(".txt: " + finding["source"].split(": ", 1)[1])
        assert finding["facts"], finding
        assert finding["facts"].get("policy_says") or finding["facts"].get("policy_note")


def test_the_installed_console_command_runs_the_same_check() -> None:
    exe = Path(sys.executable).parent / "supervise"
    folder = EXAMPLES / "hull-basic"
    run = subprocess.run(
        [
            str(exe),
            "check",
            str(folder),
            "--policy",
            "hull",
            "--as-of",
            "2026-11-22",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    expected = json.loads((folder / "expected.json").read_text())
    assert [key(f) for f in json.loads(run.stdout)["findings"]] == [
        key(f) for f in expected["findings"]
    ]
