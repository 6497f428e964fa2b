"""Precedence of RULES.md section 4 when several categories apply (asye phase, then returning,
then role rows, then newly_qualified, then unqualified, then default), and falling through when a
pack has no row: through personal supervision, with a custom pack giving each category its own
interval."""

from __future__ import annotations

from datetime import date

import pytest

from tests.policy.world import World, custom_pack, pack_text

DAYS = {
    "asye_weeks_1_6": 1,
    "asye_to_6_months": 2,
    "asye_to_12_months": 3,
    "returning": 4,
    "senior_practitioner": 5,
    "sessional": 6,
    "admin": 7,
    "manager": 8,
    "newly_qualified": 9,
    "unqualified": 10,
    "default": 11,
}


def every_block(rows: dict[str, int]) -> str:
    source = 'source = { section = "Frequency and Attendance", note = "test" }'
    lines = [f'{name} = {{ every = "P{n}D", {source} }}' for name, n in rows.items()]
    return "[rules.personal_supervision.every]\n" + "\n".join(lines) + "\n\n# P2\n"


def precedence_pack(tmp_path, rows: dict[str, int]):  # type: ignore[no-untyped-def]
    text = pack_text("hull")
    start = text.index("[rules.personal_supervision.every]")
    end = text.index("# P2\n") + len("# P2\n")
    text = text[:start] + every_block(rows) + text[end:]
    if "returning" not in rows:  # the loader refuses returning_for without a returning row
        text = "\n".join(x for x in text.splitlines() if not x.startswith("returning_for"))
    return custom_pack(tmp_path, text=text)


PEOPLE = {
    # id: (World.person keyword arguments, role change on 2026-10-20?)
    "ASYE week 3, senior practitioner, role change": (
        {"role": "senior_practitioner", "started": "2026-10-12", "asye": True},
        True,
    ),
    "ASYE month 3": ({"started": "2026-08-03", "asye": True}, False),
    "ASYE month 9": ({"started": "2026-02-02", "asye": True}, False),
    "experienced senior practitioner after a role change": ({"role": "senior_practitioner"}, True),
    "newly qualified senior practitioner": (
        {"role": "senior_practitioner", "qualified": "2026-06-01"},
        False,
    ),
    "unqualified sessional worker": ({"role": "sessional_worker", "qualified": None}, False),
    "unqualified admin": ({"role": "admin", "qualified": None}, False),
    "newly qualified team manager": ({"role": "team_manager", "qualified": "2026-06-01"}, False),
    "assistant team manager": ({"role": "assistant_team_manager"}, False),
    "service manager": ({"role": "service_manager"}, False),
    "group manager": ({"role": "group_manager"}, False),
    "newly qualified social worker": ({"qualified": "2026-06-01"}, False),
    "unqualified family support worker": (
        {"role": "family_support_worker", "qualified": None},
        False,
    ),
    "experienced social worker": ({}, False),
    "head of service": ({"role": "head_of_service"}, False),
}


def p1_days(pack, who: str) -> int:  # type: ignore[no-untyped-def]
    kwargs, role_change = PEOPLE[who]
    world = World(pack)
    world.person("M1", role="team_manager")
    world.person("W1", **kwargs).supervised_by("M1", "2020-01-06")  # type: ignore[arg-type]
    if role_change:
        world.event("W1", "2026-10-20", "role_change")
    world.held("W1", "2026-11-02")
    due = world.due("personal_supervision", "W1")
    assert due is not None
    return (due - date(2026, 11, 2)).days


@pytest.mark.parametrize(
    ("who", "category"),
    [
        ("ASYE week 3, senior practitioner, role change", "asye_weeks_1_6"),
        ("ASYE month 3", "asye_to_6_months"),
        ("ASYE month 9", "asye_to_12_months"),
        ("experienced senior practitioner after a role change", "returning"),
        ("newly qualified senior practitioner", "senior_practitioner"),
        ("unqualified sessional worker", "sessional"),
        ("unqualified admin", "admin"),
        ("newly qualified team manager", "manager"),
        ("assistant team manager", "manager"),
        ("service manager", "manager"),
        ("group manager", "manager"),
        ("newly qualified social worker", "newly_qualified"),
        ("unqualified family support worker", "unqualified"),
        ("experienced social worker", "default"),
        ("head of service", "default"),
    ],
)
def test_precedence_picks_the_first_row_that_applies(tmp_path, who: str, category: str) -> None:
    assert p1_days(precedence_pack(tmp_path, DAYS), who) == DAYS[category]


@pytest.mark.parametrize(
    ("rows", "who", "category"),
    [
        pytest.param(
            {"newly_qualified": 9, "default": 11},
            "newly qualified senior practitioner",
            "newly_qualified",
            id="no senior practitioner row: falls through to newly qualified",
        ),
        pytest.param(
            {"unqualified": 10, "default": 11},
            "unqualified sessional worker",
            "unqualified",
            id="no sessional row: falls through to unqualified",
        ),
        pytest.param(
            {"default": 11},
            "ASYE week 3, senior practitioner, role change",
            "default",
            id="no rows but default: everyone gets the default",
        ),
        pytest.param(
            {"returning": 4, "default": 11},
            "ASYE week 3, senior practitioner, role change",
            "returning",
            id="no ASYE rows: an ASYE worker after a role change is returning",
        ),
    ],
)
def test_a_missing_row_falls_through(tmp_path, rows: dict[str, int], who: str, category: str):
    assert p1_days(precedence_pack(tmp_path, rows), who) == rows[category]
