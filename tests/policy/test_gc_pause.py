"""The collector is paused while a dataset is built and evaluated, and always resumed."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from supervise.interchange.reader import read_folder
from supervise.policy import engine
from supervise.policy.gc_pause import cyclic_gc_paused
from supervise.policy.pack import load_pack
from tests.conftest import EXAMPLES


def test_paused_inside_and_resumed_after() -> None:
    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_nested_pause_leaves_the_outer_one_in_force() -> None:
    with cyclic_gc_paused():
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_resumed_when_the_work_fails() -> None:
    with pytest.raises(RuntimeError), cyclic_gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_never_resumes_a_collector_someone_else_disabled() -> None:
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_evaluating_pauses_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = engine.duties

    def watching(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        yield from real(*args, **kwargs)

    monkeypatch.setattr(engine, "duties", watching)
    dataset = read_folder(EXAMPLES / "hull-basic").dataset
    assert engine.evaluate(dataset, load_pack("hull"), date(2026, 11, 22))
    assert seen == [False]
    assert gc.isenabled()


def test_the_check_command_run_in_process_leaves_the_collector_on(capsys) -> None:  # type: ignore[no-untyped-def]
    from supervise.cli import main

    argv = ["check", str(EXAMPLES / "hull-basic"), "--policy", "hull", "--as-of", "2026-11-22"]
    assert main(argv) == 0
    assert '"findings"' in capsys.readouterr().out
    assert gc.isenabled()


def test_generating_in_process_leaves_the_collector_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from supervise.generate import write_authority

    write_authority(tmp_path / "a", staff=12, children=10, years=1, seed=1, as_of=date(2026, 1, 5))
    assert gc.isenabled()
