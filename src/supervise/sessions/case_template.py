"""The product's case template: the fields of each case section a pack can choose, and the one
order a child's discussion is written and read in.

The form (`DiscussionForm`), the record's pages (the session page, the check page before
sending) and the entry written to the child's record all follow `discussion_order`: the pack's
sections in the template's order (`supervise.policy.pack.CASE_SECTIONS`, which is also the order
of `RecordingTemplate.case_sections`), each section's fields in the order below, decisions last.
A field outside the pack's sections (imported, or written under an earlier pack) is still
shown, after them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from supervise.policy.pack import CASE_SECTIONS

# Each section's fields: (name, label on the form, hint in the policies' words).
SECTION_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "recording_elements": (
        ("previous_actions_reviewed", "Review of previously agreed actions", ""),
        (
            "childs_voice",
            "The child's voice and lived experience",
            "Have we captured the child's voice and unique experience within their plan?",
        ),
        (
            "progress_against_plan",
            "Progress made against the plan",
            "Is the plan relevant to risks and needs, co-produced, shared and effective? Is "
            "contingency planning robust and clear?",
        ),
    ),
    "reflective_cycle": (
        (
            "experience",
            "Experience",
            "A clear description of the task and what the worker experienced, and whether it "
            "was achieved",
        ),
        (
            "reflection",
            "Reflection",
            "The feelings the task or experience evoked, and what they might mean for the child, "
            "the family or the worker",
        ),
        (
            "analysis",
            "Analysis",
            "Judgements and decisions based on observations, the evidence, wider experience and "
            "relevant research",
        ),
        (
            "action_planning",
            "Plans and actions",
            "Realistic and safer plans, with timescales and contingency plans",
        ),
    ),
    "signs_of_safety": (
        ("worried_about", "What are we worried about?", "Past harm, future danger and "
         "complicating factors"),
        ("working_well", "What is working well?", "Existing strengths and safety"),
        ("needs_to_happen", "What needs to happen?", "Future safety and future success"),
    ),
    "equality_and_diversity": (
        (
            "equality_and_diversity",
            "Equality and diversity",
            "Issues of power, sameness and difference (such as gender, class, ethnicity, culture, "
            "religion and education), and the particular issues for this child and their family",
        ),
    ),
}  # fmt: skip

# Recorded with the progress against the plan, as Hull's element says ("Progress made against
# the plan, including direction of risk"); a choice, not text, so not in the table above.
RISK_AFTER = "progress_against_plan"
RISK = "direction_of_risk"
DECISIONS = "decisions"  # always recorded, whatever the sections: written last


def template_sections(sections: Iterable[str]) -> list[str]:
    """`sections` in the template's order (any unknown one after them, as given)."""
    chosen = list(dict.fromkeys(sections))
    return [s for s in CASE_SECTIONS if s in chosen] + [s for s in chosen if s not in CASE_SECTIONS]


def section_fields(section: str) -> list[str]:
    names = []
    for name, _, _ in SECTION_FIELDS.get(section, ()):
        names.append(name)
        if name == RISK_AFTER:
            names.append(RISK)
    return names


def discussion_order(sections: Iterable[str]) -> tuple[str, ...]:
    """Every field of a discussion, in the order it is written and shown for a pack with these
    case sections."""
    chosen = template_sections(sections)
    rest = [s for s in CASE_SECTIONS if s not in chosen]
    names = [name for section in chosen + rest for name in section_fields(section)]
    return (*dict.fromkeys(names), DECISIONS)


def discussion_order_of(organisation: Any) -> tuple[str, ...]:
    """`discussion_order` under the organisation's pack."""
    template = organisation.pack.recording
    return discussion_order(template.case_sections if template else ())
