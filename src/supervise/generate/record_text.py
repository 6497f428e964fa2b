"""Invented supervision records for the demo: what was written under the personal-supervision
headings and about each child discussed.

Entirely synthetic: sentences are drawn from the phrase sets below and filled in with the
generator's invented first names and dates, so no record can be mistaken for a real one. Each
record draws from its own `random.Random` (seeded by the caller from the session's or the child's
id), so the same folder always gets the same words, in any order.

A case discussion follows the Hull pack's recording elements (review of earlier actions, the
child's voice, progress against the plan with the direction of risk, decisions and actions with
timescales), the reflective cycle (experience, reflection, analysis, action planning), Signs of
Safety's three columns and an equality and diversity prompt; the caller keeps the fields its
pack's case template has. Each child has a `story` across discussions (improving, steady,
drifting, worsening), so that the record shows a plan moving on, or drifting, over time.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from supervise.generate.case_phrases import (
    ACTIONS,
    ADULT,
    AGENCIES,
    ANALYSIS,
    DECISIONS,
    DONE,
    EQUALITY,
    EXPERIENCE,
    HOME,
    IN_CARE_NEEDS,
    IN_CARE_WORKING_WELL,
    NEEDS_TO_HAPPEN,
    NO_NEW_EQUALITY,
    OUTSTANDING,
    PROGRESS,
    REFLECTION,
    RISK,
    VOICE,
    WORKING_WELL,
    WORRIES,
)
from supervise.generate.days import open_day
from supervise.generate.personal_text import (
    GENERIC,
    PERSONAL,
    personal_action,
    personal_entry,
)

__all__ = [
    "GENERIC", "PERSONAL", "STORIES", "CaseContext", "Written", "case_discussion", "due_after",
    "personal_action", "personal_entry", "story_of",
]  # fmt: skip

STORIES = ("improving", "steady", "drifting", "worsening")
STORY_WEIGHTS = (45, 25, 17, 13)

# Interchange statuses, most telling first: the plan and the meeting that reviews it.
PLANS: tuple[tuple[str, str, str], ...] = (
    ("court_proceedings", "care plan for the proceedings", "next hearing"),
    ("section47_enquiry", "safety plan agreed at the strategy discussion", "strategy discussion"),
    ("child_protection_plan", "child protection plan", "core group"),
    ("child_in_care", "care plan", "looked-after review"),
    ("care_leaver", "pathway plan", "pathway plan review"),
    ("short_breaks", "short breaks plan", "child in need review"),
    ("child_in_need", "child in need plan", "child in need review"),
)
DEFAULT_PLAN = ("plan", "review meeting")


def plan_of(statuses: set[str]) -> tuple[str, str, str]:
    """(status, plan, meeting) for the statuses in force: the most telling one."""
    for status, plan, meeting in PLANS:
        if status in statuses:
            return status, plan, meeting
    return "", *DEFAULT_PLAN


def story_of(rng: random.Random) -> str:
    return rng.choices(STORIES, STORY_WEIGHTS)[0]


_LONG: dict[int, str] = {}


def long_date(day: int) -> str:
    """`14 March 2026`."""
    found = _LONG.get(day)
    if found is None:
        d = date.fromordinal(day)
        found = _LONG[day] = f"{d.day} {d:%B %Y}"
    return found


def due_after(day: int, rng: random.Random, low: int, high: int) -> int:
    """A working day `low` to `high` days after `day`."""
    return open_day(day + rng.randint(low, high))


# --- who is around the child ---------------------------------------------------------------------


def _age_band(age: int | None) -> str:
    if age is None or age < 0:
        return "child"
    if age < 3:
        return "baby"
    if age < 11:
        return "child"
    if age < 18:
        return "teen"
    return "adult"


def _carers(status: str, band: str) -> tuple[str, ...]:
    if band == "adult" or status == "care_leaver":
        return ("their support worker", "their key worker", "their former foster carer")
    if status in ("child_in_care", "court_proceedings"):
        return ("the foster carer", "the kinship carer", "the residential key worker")
    return ("mum", "dad", "grandmother", "mum", "dad")


def _setting(band: str) -> tuple[str, ...]:
    return {
        "baby": ("the health visitor", "the nursery", "the GP"),
        "child": (
            "school",
            "the class teacher",
            "the school nurse",
            "the designated safeguarding lead",
        ),
        "teen": ("school", "college", "the youth worker", "CAMHS", "the school's pastoral lead"),
        "adult": ("college", "the work coach", "the housing officer", "the GP"),
    }[band]


@dataclass(frozen=True, slots=True)
class CaseContext:
    child: str  # first name
    age: int | None  # on the day
    statuses: frozenset[str]  # interchange statuses in force on the day
    kind: str  # the session's kind: formal, group or oversight
    worker: str  # first name of the child's worker
    day: int  # held_on (ordinal)
    story: str  # improving, steady, drifting or worsening
    previous: tuple[int, str] | None = None  # (day agreed, action) from the last discussion
    last_discussed: int | None = None  # the last discussion (written or not), if any
    household: int = 0  # the same for a child in every discussion: who is around them


@dataclass(frozen=True, slots=True)
class Written:
    fields: dict[str, str]  # CaseDiscussion field -> text (direction_of_risk: a Risk value)
    action: str  # the main action agreed, carried into the next discussion's review
    due: int  # when it is due (ordinal)


def case_discussion(rng: random.Random, ctx: CaseContext) -> Written:
    """Every field a case template can have, written about one child in one session."""
    status, plan, meeting = plan_of(set(ctx.statuses))
    band = _age_band(ctx.age)
    adult = band == "adult" or status == "care_leaver"
    if adult:
        band = "adult"
    in_care = status in ("child_in_care", "court_proceedings")
    carers = _carers(status, band)
    carer = carers[ctx.household % len(carers)]  # the same people around the child each time
    story = ctx.story
    scale = {"improving": (6, 8), "steady": (5, 6), "drifting": (4, 5), "worsening": (2, 4)}[story]
    now = rng.randint(*scale)
    was = {"improving": max(1, now - 2), "steady": now}.get(story, min(9, now + 2))
    values = {
        "child": ctx.child, "worker": ctx.worker, "carer": carer,
        "setting": rng.choice(_setting(band)), "agency": rng.choice(AGENCIES), "plan": plan,
        "meeting": meeting, "scale": now, "was": was,
        "home": rng.choice(HOME[:4] if story in ("improving", "steady") else HOME),
        "visit": long_date(open_day(ctx.day - rng.randint(3, 12))),
        "attendance": rng.choice((68, 74, 81, 85) if story != "improving" else (88, 92, 95)),
    }  # fmt: skip

    def say(template: str) -> str:
        text = template.format(**values)
        return text[0].upper() + text[1:]

    def pick(options: tuple[str, ...], count: int = 1) -> str:
        return " ".join(say(t) for t in rng.sample(options, min(count, len(options))))

    def fitting(
        options: tuple[tuple[str, frozenset[str]], ...], extra: str = ""
    ) -> tuple[str, ...]:
        return tuple(t for t, bands in options if band in bands) + ((extra,) if extra else ())

    def pool(name: str, children: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
        return ADULT[name][story] if adult else children[story]

    # Actions: the main one (carried into the next review) and one or two more, with timescales.
    soon = 10 if story == "worsening" else 20
    choices = pool("actions", ACTIONS)
    chosen = rng.sample(choices, min(len(choices), 2 if ctx.kind == "oversight" else 3))
    main_action = say(chosen[0])
    main_due = due_after(ctx.day, rng, 3 if story == "worsening" else 7, soon + 10)
    planned = [(main_action, main_due)] + [
        (say(a), due_after(ctx.day, rng, 5, soon + 25)) for a in chosen[1:]
    ]
    owner = ctx.worker if ctx.kind != "group" else f"{ctx.worker} (allocated worker)"
    action_lines = [f"{owner}: {a} by {long_date(d)}." for a, d in planned]
    action_planning = "\n".join([*action_lines, say(CONTINGENCY[story])])

    if ctx.previous is not None:
        agreed_on, action = ctx.previous
        outstanding = rng.random() < OUTSTANDING_CHANCE[story]
        outcome = rng.choice(OUTSTANDING if outstanding else DONE)
        reviewed = f"{action} (agreed {long_date(agreed_on)}): {outcome.format(**values)}"
    elif ctx.last_discussed is not None:
        outcome = rng.choice(REVIEWED_EARLIER[story])
        reviewed = f"Actions from the discussion on {long_date(ctx.last_discussed)}: {outcome}"
    else:
        reviewed = (
            f"First discussion of {ctx.child} in {ctx.worker}'s supervision; no earlier actions "
            "to review."
        )

    # One story, told the same way in every field: the voice, the analysis, the progress and the
    # direction of risk agree (an inspector reads them side by side).
    direction = RISK[story]
    mood = "good" if story in ("improving", "steady") else "worrying"
    fields = {
        "previous_actions_reviewed": reviewed,
        "experience": pick(EXPERIENCE),
        "reflection": pick(pool("reflection", REFLECTION)),
        "analysis": pick(pool("analysis", ANALYSIS)),
        "action_planning": action_planning,
        "childs_voice": pick(VOICE[band][mood]),
        "progress_against_plan": pick(pool("progress", PROGRESS)),
        "direction_of_risk": direction,
        "worried_about": pick(fitting(WORRIES), rng.randint(1, 3)),
        "working_well": pick(
            tuple(
                t
                for t in fitting(WORKING_WELL, IN_CARE_WORKING_WELL if in_care else "")
                if story in ("improving", "steady") or not t.startswith("{carer} is engaging")
            ),
            rng.randint(1, 2),
        ),
        "needs_to_happen": pick(
            fitting(NEEDS_TO_HAPPEN, IN_CARE_NEEDS if in_care else ""), rng.randint(1, 2)
        ),
        "equality_and_diversity": say(
            NO_NEW_EQUALITY
            if rng.random() < 0.3
            else EQUALITY[ctx.household // len(carers) % len(EQUALITY)]
        ),
        "decisions": "\n".join(
            [pick(pool("decisions", DECISIONS))]
            + [f"{a} by {long_date(d)}." for a, d in planned[:2]]
        ),
    }
    if ctx.kind == "oversight":  # a manager's note on the case outside supervision: shorter
        fields["experience"] = say(
            "Management oversight after {worker} asked for a decision following the visit on "
            "{visit}."
        )
        for name in ("reflection", "worried_about", "working_well", "equality_and_diversity"):
            fields[name] = ""
    return Written(fields=fields, action=main_action, due=main_due)


CONTINGENCY = {
    "improving": "Contingency: if the progress is not sustained, return to the {plan} in full at "
    "the {meeting}.",
    "steady": "Contingency: if there is no change by the {meeting}, review the plan with the "
    "service manager.",
    "drifting": "Contingency: if the actions are not completed by these dates, escalate to the "
    "service manager.",
    "worsening": "Contingency: any further incident to trigger an immediate strategy discussion; "
    "the out-of-hours team informed.",
}
REVIEWED_EARLIER = {
    "improving": ("all completed.", "all completed and the plan updated."),
    "steady": ("all completed.", "one outstanding, carried forward below."),
    "drifting": ("two outstanding, carried forward below.", "not completed; see the decisions."),
    "worsening": ("completed, but events have overtaken them.", "one outstanding."),
}
OUTSTANDING_CHANCE = {"improving": 0.1, "steady": 0.3, "drifting": 0.75, "worsening": 0.35}
