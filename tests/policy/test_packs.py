"""Policy packs as data: the five load, every quote is the policy's own words under its own
heading, malformed files are refused with the file and the dotted key, a custom pack works."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supervise.policy.pack import BUILT_IN, PACKS_DIR, PackError, load_pack
from tests.conftest import SEEDS
from tests.policy.world import World, custom_pack, d, pack_text

SEED_OF = {  # shared/seeds/INDEX.md
    "hertfordshire": "000_ed3b7493aed21e7e.txt",
    "bath-ne-somerset": "001_81dc0f44c8abcf88.txt",
    "york": "002_dedf7dbb387a20e0.txt",
    "hull": "003_871932d35db75f8d.txt",
    "nottingham": "004_ed243cf891903031.txt",
}


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def sources(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every `source` table of a pack (a table with a section and a quote or note)."""
    if isinstance(node, dict):
        if "section" in node and ({"quote", "note"} & set(node)):
            yield path, node
            return
        for key, value in node.items():
            yield from sources(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from sources(value, f"{path}[{index}]")


def all_sources() -> list:  # type: ignore[type-arg]
    cases = []
    for slug in BUILT_IN:
        data = tomllib.loads(pack_text(slug))
        for path, source in sources(data):
            cases.append(pytest.param(slug, source, id=f"{slug}: {path}"))
    return cases


def test_there_are_five_built_in_packs() -> None:
    assert set(BUILT_IN) == set(SEED_OF)


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_each_pack_loads_and_names_its_seed(slug: str) -> None:
    pack = load_pack(slug)
    assert pack.slug == slug
    assert pack.seed == SEED_OF[slug]
    assert (SEEDS / pack.seed).is_file()
    assert pack.bank_holidays == "england-and-wales"
    assert pack.extended_absence_days == 28
    assert "personal_supervision" in pack.rules
    assert "appraisal" in pack.rules


@pytest.mark.parametrize(("slug", "source"), all_sources())
def test_every_quote_is_the_policys_own_words_under_its_heading(slug: str, source: dict) -> None:
    seed = plain((SEEDS / SEED_OF[slug]).read_text(encoding="utf-8"))
    heading = seed.find(plain(source["section"]))
    assert heading >= 0, f"section {source['section']!r} is not a heading of the policy"
    if "quote" in source:
        quote = plain(source["quote"])
        assert quote in seed, f"{quote!r} is not in the policy"
        assert seed.find(quote, heading) >= 0, f"{quote!r} is not under {source['section']!r}"


def test_every_rule_of_every_pack_cites_a_quote() -> None:
    for slug in BUILT_IN:
        for rule_id, config in load_pack(slug).rules.items():
            assert config.source.quote, f"{slug}: {rule_id} has no quote"


@pytest.mark.parametrize("slug", BUILT_IN)
def test_every_agreement_term_of_every_pack_cites_a_quote_under_its_heading(slug: str) -> None:
    """The agreement template's starting terms come from the policy's own words: each term cites
    a quote (no term rests on a note alone), and each quote is found under its heading (the
    same check as every other source, above)."""
    template = load_pack(slug).agreement_template
    assert template is not None, f"{slug} has no agreement template"
    assert {"confidentiality", "preparation"} <= set(template.terms)
    seed = plain((SEEDS / SEED_OF[slug]).read_text(encoding="utf-8"))
    for name, term in template.terms.items():
        assert term.source.quote, f"{slug}: agreement_template.{name} has no quote"
        heading = seed.find(plain(term.source.section))
        assert heading >= 0, f"{slug}: {name}: {term.source.section!r} is not a heading"
        assert seed.find(plain(term.source.quote), heading) >= 0, f"{slug}: {name}: not quoted"
        assert term.text or term.minutes, f"{slug}: {name} says nothing"


# --- malformed packs are refused ------------------------------------------------------------------

HULL = "hull"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        pytest.param(
            "[rules.reschedule]", "[rules.rescheduling]", "rules.rescheduling", id="unknown rule"
        ),
        pytest.param(
            "returning = { every",
            "returnees = { every",
            "rules.personal_supervision.every.returnees",
            id="unknown staff category",
        ),
        pytest.param(
            'slug = "hull"', 'slug = "hull"\ncolour = "blue"', "colour", id="unknown top-level key"
        ),
        pytest.param(
            "[staff.extended_absence]\ndays = 28",
            "[staff.extended_absence]\ndays = 28\nweeks = 4",
            "staff.extended_absence.weeks",
            id="unknown key in a nested table",
        ),
        pytest.param(
            'default = { every = "P1M", source = { section = "Frequency and Attendance", ',
            'default = { every = "P1M", source = { page = 3, '
            'section = "Frequency and Attendance", ',
            "rules.personal_supervision.every.default.source.page",
            id="unknown key five tables deep",
        ),
        pytest.param(
            "when = { particularly_vulnerable = true }",
            "when = { particularly_vulnerable = true, colour = 1 }",
            "rules.case_supervision.more_often[0].when.colour",
            id="unknown key in an array of tables",
        ),
        pytest.param(
            "when = { particularly_vulnerable = true }",
            'when = { statuses = ["looked_after"] }',
            "rules.case_supervision.more_often[0].when.statuses",
            id="unknown child status",
        ),
        pytest.param(
            '[rules.case_supervision]\nevery = "P2M"',
            '[rules.case_supervision]\nevery = "P1.5M"',
            "rules.case_supervision.every",
            id="bad duration",
        ),
        pytest.param(
            'within = "P7Y"',
            'within = "7 years"',
            "rules.file_destruction.within",
            id="a duration in words",
        ),
        pytest.param(
            "days = 28", 'days = "28"', "staff.extended_absence.days", id="a string for a number"
        ),
        pytest.param(
            "absent_longer_than_days = 14",
            "absent_longer_than_days = true",
            "rules.supervisor_absence_cover.absent_longer_than_days",
            id="a boolean for a number",
        ),
        pytest.param(
            "unplanned_only = true",
            'unplanned_only = "yes"',
            "rules.supervisor_absence_cover.unplanned_only",
            id="a string for a boolean",
        ),
        pytest.param(
            "[rules.reschedule]\nworking_days = 5\n"
            'source = { section = "Frequency and Attendance", '
            'quote = "If, for whatever reason, supervision has to be cancelled, it should be '
            "re-scheduled to take place within 5 working days. If the cancellation is due to "
            "sickness leave, then the session should be arranged to take place within 5 days of "
            "the individual's return to work.\" }",
            "[rules.reschedule]\nworking_days = 5",
            "rules.reschedule.source",
            id="a rule without its source",
        ),
        pytest.param(
            'source = { section = "Quality Assurance", quote = "The supervisor should observe',
            'source = { section = "Quality Assurance", quoted = "The supervisor should observe',
            "rules.observation_of_practice.source.quote",
            id="a misspelt quote key: the quote is missing",
        ),
        pytest.param(
            'source = { section = "Quality Assurance", quote = "The supervisor should observe',
            'source = { section = "Quality Assurance", note = "n", quoted = "The supervisor should '
            "observe",
            "rules.observation_of_practice.source.quoted",
            id="a misspelt quote key beside a note: unknown key",
        ),
        pytest.param(
            'qualifying_kinds = ["formal"]',
            'qualifying_kinds = ["formal", "supervision"]',
            "cases.qualifying_kinds",
            id="unknown session kind",
        ),
        pytest.param(
            'bank_holidays = "england-and-wales"',
            'bank_holidays = "wessex"',
            "bank_holidays",
            id="unknown nation",
        ),
        pytest.param("format = 1", "format = 2", "format", id="a later format"),
        pytest.param(
            "absent_longer_than_days = 14",
            "absent_longer_than_days = -14",
            "rules.supervisor_absence_cover.absent_longer_than_days",
            id="a negative number of days",
        ),
        pytest.param(
            "days = 28", "days = 0", "staff.extended_absence.days", id="an absence of no days"
        ),
        pytest.param(
            "[agreement_template.venue]",
            "[agreement_template.location]",
            "agreement_template.location",
            id="an unknown agreement term",
        ),
        pytest.param(
            "minutes = 90",
            "minutes = 90\nhours = 1.5",
            "agreement_template.duration_minutes.hours",
            id="an unknown key in an agreement term",
        ),
        pytest.param(
            "[agreement_template.frequency]\n",
            '[agreement_template.frequency]\nevery = "P2W"\n',
            "agreement_template.frequency.every",
            id="an agreement frequency of its own (it is the policy's)",
        ),
        pytest.param(
            "minutes = 90",
            'minutes = "90"',
            "agreement_template.duration_minutes.minutes",
            id="a session length in words",
        ),
        pytest.param(
            "minutes = 90",
            "minutes = 900",
            "agreement_template.duration_minutes.minutes",
            id="a session length out of range",
        ),
        pytest.param(
            'text = "A private space, booked well in advance, where you are not interrupted '
            'unless there is an immediate emergency."\n',
            "",
            "agreement_template.venue.text",
            id="an agreement term without its words",
        ),
        pytest.param(
            'text = "Both of you commit to the planned sessions and keep to them."',
            'text = " "',
            "agreement_template.other_terms.text",
            id="an agreement term with empty words",
        ),
        pytest.param(
            "[agreement_template.other_terms]\n"
            'text = "Both of you commit to the planned sessions and keep to them."\n'
            'source = { section = "Frequency and Attendance", quote = "Consistency and commitment '
            'to planned supervision need to be evidenced by both supervisee and supervisor." }',
            "[agreement_template.other_terms]\n"
            'text = "Both of you commit to the planned sessions and keep to them."',
            "agreement_template.other_terms.source",
            id="an agreement term without its source",
        ),
    ],
)
def test_a_malformed_pack_is_refused_naming_the_file_and_key(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    with pytest.raises(PackError) as refused:
        custom_pack(tmp_path, HULL, ((old, new),), name="broken.toml")
    message = str(refused.value)
    assert str(tmp_path / "broken.toml") in message
    assert f": {key}:" in message or f": {key} " in message, message


def test_a_number_out_of_range_says_the_smallest_allowed(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"days: must be at least 1, not 0"):
        custom_pack(tmp_path, HULL, (("days = 28", "days = 0"),), name="broken.toml")


def test_a_wrong_type_is_named_in_words(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"days: must be a whole number, not '28'"):
        custom_pack(tmp_path, HULL, (("days = 28", 'days = "28"'),), name="broken.toml")


def test_bad_toml_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"broken\.toml.*TOML"):
        custom_pack(tmp_path, HULL, (("format = 1", "format = = 1"),), name="broken.toml")


def test_an_unknown_risk_rating_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"rules\.group_case_supervision\.every\.purple"):
        custom_pack(tmp_path, "hertfordshire", (("red = { every", "purple = { every"),))


def test_a_missing_pack_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such policy pack"):
        load_pack(tmp_path / "nowhere.toml")


@pytest.mark.parametrize(
    "bad", ["[1, 2]", '["0-25 Together", 3]'], ids=["numbers", "a number among names"]
)
def test_a_list_of_services_must_be_names(tmp_path: Path, bad: str) -> None:
    with pytest.raises(PackError, match=r"rules\.case_supervision\.agreed_longer\.services"):
        custom_pack(
            tmp_path, "hertfordshire", (('services = ["0-25 Together"]', f"services = {bad}"),)
        )


# --- a custom pack written by another authority ---------------------------------------------------


def test_a_custom_pack_changes_the_result(tmp_path: Path) -> None:
    old = 'default = { every = "P1M"'
    pack = custom_pack(tmp_path, HULL, ((old, 'default = { every = "P3W"'),), name="ours.toml")
    results = {}
    for name, chosen in (("hull", load_pack("hull")), ("ours", pack)):
        world = World(chosen)
        world.manager("M1")
        world.worker("W1").supervised_by("M1", "2020-01-06")
        world.held("W1", "2026-11-02")
        results[name] = world.due("personal_supervision", "W1")
    assert results == {"hull": d("2026-12-02"), "ours": d("2026-11-23")}
    assert pack.path == tmp_path / "ours.toml"


def test_a_custom_pack_can_switch_a_rule_off(tmp_path: Path) -> None:
    text = pack_text(HULL)
    start = text.index("# R1\n")
    end = text.index("# R2\n")
    pack = custom_pack(tmp_path, text=text[:start] + text[end:])
    world = World(pack)
    world.worker("L1", left="2026-10-01")
    assert "file_archive" not in pack.rules
    assert world.due("file_archive", "L1") is None
    assert World("hull").pack.rules["file_archive"] is not None


def test_built_in_packs_live_in_the_package() -> None:
    assert sorted(p.stem for p in PACKS_DIR.glob("*.toml")) == sorted(BUILT_IN)
