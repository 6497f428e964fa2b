"""The demo's invented record text: every field written, no template left unfilled, the same
words for the same seed, and something specific under every heading of every built-in pack."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from supervise.generate import record_text
from supervise.generate.days import open_day
from supervise.policy.pack import load_pack

DAY = date(2026, 10, 14).toordinal()
PACKS = ("hull", "hertfordshire", "bath-ne-somerset", "york", "nottingham")
STATUSES = (
    "child_protection_plan", "child_in_care", "care_leaver", "child_in_need",
    "section47_enquiry", "court_proceedings", "short_breaks",
)  # fmt: skip
FIELDS = (
    "previous_actions_reviewed", "experience", "reflection", "analysis", "action_planning",
    "childs_voice", "progress_against_plan", "direction_of_risk", "worried_about",
    "working_well", "needs_to_happen", "equality_and_diversity", "decisions",
)  # fmt: skip


def _context(**changes: object) -> record_text.CaseContext:
    values: dict[str, object] = {
        "child": "Amara", "age": 9, "statuses": frozenset({"child_protection_plan"}),
        "kind": "formal", "worker": "Paul", "day": DAY, "story": "steady",
        "previous": (DAY - 30, "Update the chronology"), "last_discussed": DAY - 30,
    }  # fmt: skip
    values.update(changes)
    return record_text.CaseContext(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("story", "age", "status"),
    list(itertools.product(record_text.STORIES, (0, 6, 14, 19, None), STATUSES)),
)
def test_every_field_of_a_one_to_one_discussion_is_written(
    story: str, age: int | None, status: str
) -> None:
    ctx = _context(story=story, age=age, statuses=frozenset({status}))
    written = record_text.case_discussion(random.Random(f"{story}{age}{status}"), ctx)
    assert set(written.fields) == set(FIELDS)
    for name, text in written.fields.items():
        assert text, name
        assert "{" not in text, (name, text)
        assert "}" not in text, (name, text)
        assert text[0].isupper() or name == "direction_of_risk", (name, text)
    assert written.fields["direction_of_risk"] in {"reducing", "same", "increasing"}
    assert "Amara" in written.fields["childs_voice"] or age is not None and age < 3
    assert written.action in written.fields["action_planning"]
    assert written.due > DAY
    assert open_day(written.due) == written.due  # due on a working day
    assert " by " in written.fields["decisions"]  # decisions with timescales


def test_a_review_follows_what_was_agreed_last_time() -> None:
    first = record_text.case_discussion(
        random.Random(1), _context(previous=None, last_discussed=None)
    )
    assert first.fields["previous_actions_reviewed"].startswith("First discussion of Amara")
    later = record_text.case_discussion(
        random.Random(1), _context(previous=(DAY - 28, first.action))
    )
    assert later.fields["previous_actions_reviewed"].startswith(first.action)
    assert "(agreed " in later.fields["previous_actions_reviewed"]
    unwritten = record_text.case_discussion(random.Random(1), _context(previous=None))
    assert unwritten.fields["previous_actions_reviewed"].startswith("Actions from the discussion")


def test_an_oversight_note_is_shorter() -> None:
    note = record_text.case_discussion(random.Random(2), _context(kind="oversight"))
    assert note.fields["experience"].startswith("Management oversight")
    assert not note.fields["reflection"]
    assert note.fields["decisions"]


def test_the_same_seed_gives_the_same_words() -> None:
    one = record_text.case_discussion(random.Random("S1/C1"), _context())
    two = record_text.case_discussion(random.Random("S1/C1"), _context())
    other = record_text.case_discussion(random.Random("S1/C2"), _context())
    assert one == two
    assert one != other


def test_a_drifting_plan_reads_as_drifting() -> None:
    words = [
        record_text.case_discussion(random.Random(n), _context(story="drifting")).fields
        for n in range(20)
    ]
    assert all("drift" in (f["analysis"] + f["progress_against_plan"] + f["decisions"]
                           + f["previous_actions_reviewed"]).lower()
               or "no measurable progress" in f["progress_against_plan"].lower()
               for f in words)  # fmt: skip
    assert {f["direction_of_risk"] for f in words} <= {"same", "increasing"}


@pytest.mark.parametrize("slug", PACKS)
def test_every_personal_heading_of_every_pack_has_its_own_words(slug: str) -> None:
    template = load_pack(slug).recording
    assert template is not None
    for heading in template.personal:
        assert heading.key in record_text.PERSONAL, (slug, heading.key)
        text = record_text.personal_entry(random.Random(heading.key), heading.key, "Paul", 14)
        assert text
        assert "{" not in text, text
        assert text not in record_text.GENERIC


@pytest.mark.parametrize(
    ("story", "risk", "mood"),
    [
        ("improving", "reducing", "good"),
        ("steady", "same", "good"),
        ("drifting", "same", "worrying"),
        ("worsening", "increasing", "worrying"),
    ],
)
def test_one_discussion_tells_one_story(story: str, risk: str, mood: str) -> None:
    """The voice, the direction of risk and the safety scale agree: an improving child is not
    heard saying they feel less safe, nor a worsening one recorded as 'no change'."""
    from supervise.generate.case_phrases import VOICE

    for seed in range(40):
        written = record_text.case_discussion(random.Random(seed), _context(story=story))
        assert written.fields["direction_of_risk"] == risk
        every = [t for band in VOICE.values() for t in band[mood]]
        others = [t for band in VOICE.values() for key, ts in band.items() if key != mood
                  for t in ts]  # fmt: skip
        voice = written.fields["childs_voice"]
        assert any(_matches(t, voice) for t in every), voice
        assert not any(_matches(t, voice) for t in others), voice


def _matches(template: str, text: str) -> bool:
    """Whether `text` was written from `template` (its fixed words, in order)."""
    import re

    pattern = ".*?".join(re.escape(part) for part in re.split(r"\{[a-z_]+\}", template))
    return re.fullmatch(pattern, text[0].lower() + text[1:], re.IGNORECASE | re.DOTALL) is not None
