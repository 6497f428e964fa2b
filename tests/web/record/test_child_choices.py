"""Choosing a child in a form: two children who share a display name can be told apart."""

from __future__ import annotations

from supervise.cases.models import Child
from supervise.sessions.forms_record import _child_choices


def test_children_sharing_a_name_are_told_apart_by_their_case_id() -> None:
    children = {
        1: Child(external_id="C-101", name="Caleb R."),
        2: Child(external_id="C-202", name="Caleb R."),
        3: Child(external_id="C-303", name="Dana S."),
        4: Child(external_id="C-404", name=""),
    }
    assert _child_choices(children, "No case") == [
        ("", "No case"),
        ("1", "Caleb R. (C-101)"),
        ("2", "Caleb R. (C-202)"),
        ("3", "Dana S."),
        ("4", "C-404"),
    ]
