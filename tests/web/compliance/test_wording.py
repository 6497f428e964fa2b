"""A finding's facts in words on the compliance pages: dates that agree with each other."""

from __future__ import annotations

from datetime import date

from supervise.compliance.wording import facts_in_words

A1_FACTS = {
    "supervisor_id": "M1",
    "line_from": date(2009, 3, 4),
    "needed_since": date(2009, 3, 4),
    "because": "new supervisory relationship",
    "first_session": "S1",
    "due": "first session",
}


def words(facts: dict, due_on: date | None = None) -> dict[str, str]:
    return dict(facts_in_words(facts, lambda s: f"<{s}>", lambda c: f"<{c}>", due_on))


def test_a_new_relationship_says_when_the_first_session_was_held() -> None:
    said = words(A1_FACTS, date(2024, 11, 25))
    assert said["Supervised by them since"] == "Wednesday 4 March 2009"
    assert said["Needed by"] == "the first session together, held on Monday 25 November 2024"
    assert "Needed since" not in said  # the same day as the line's start, said once


def test_a_renewal_says_since_when_it_is_needed() -> None:
    facts = {**A1_FACTS, "needed_since": date(2026, 6, 1), "because": "annual review"}
    said = words(facts, date(2026, 7, 6))
    assert said["Needed since"] == "Monday 1 June 2026"
    assert said["Needed by"] == "the first session together, held on Monday 6 July 2026"


def test_without_the_due_date_the_rule_is_said_as_it_is() -> None:
    assert words(A1_FACTS)["Needed by"] == "first session"


def test_a_relationship_of_years_is_not_called_new() -> None:
    """The line began in 2009: the reason says what is missing, not that the relationship is
    new (an agreement is needed for each supervisory relationship, however old)."""
    said = words(A1_FACTS, date(2024, 11, 25))
    assert said["Because"] == "no agreement signed by both with the current supervisor"
    assert "new" not in said["Because"]
    # Other reasons are said as the engine gives them.
    assert words({**A1_FACTS, "because": "grade_change"})["Because"] == "grade change"


def test_an_agreed_frequency_names_the_agreement_not_its_id() -> None:
    facts = {"why": "frequency agreed in supervision agreement AG-bd3726321c47", "interval": "P3W"}
    assert words(facts)["Applies because"] == "frequency agreed in the supervision agreement"
