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

from supervise.generate.days import open_day

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


# --- the child's voice ---------------------------------------------------------------------------

VOICE = {
    "baby": (
        "{child} is too young to tell us in words, so we rely on observation: on {worker}'s visit "
        "{child} was settled, babbling and reached for {carer} for comfort.",
        "Observed {child} at home: alert and responsive, feeding well and sleeping in their own "
        "cot; the home was warm and the nappy was clean.",
        "{child} was quiet and watchful during the visit and did not seek comfort from {carer}, "
        "which we want to understand better.",
        "The health visitor reports {child} is meeting developmental milestones and is more "
        "vocal; {child} smiled and made good eye contact with {worker}.",
        "{child} was unsettled and crying for much of the visit; {carer} found it hard to soothe "
        "them, and the home was cold.",
    ),
    "child": (
        "{child} drew a three houses picture with {worker}: the house of worries has the "
        "shouting at night; the house of good things has their bike and their friend at school.",
        "{child} told {worker} they like it when {carer} walks them to school and they want "
        "that to keep happening.",
        'Seen alone at school. {child} said home is "mostly OK" but they do not like it when '
        "people come round late; they scaled feeling safe at 7 out of 10.",
        "{child} used the wizard and fairy cards to talk about home and said they worry about "
        "{carer} being sad.",
        "{child} was chatty and proud to show {worker} their reading book; they said they want "
        "more time with their brother.",
        "{child} did not want to talk this time and played a game with {worker} instead; their "
        "teacher says they have been quieter in class.",
    ),
    "teen": (
        '{child} chose to meet at the cafe near school and said they want people to "stop '
        'asking the same questions" but agreed the plan is helping.',
        "{child} told {worker} they feel safer since the changes at home and scaled their safety "
        "at 8 out of 10 (6 last month).",
        "{child} said they feel no one listens at the meetings; they agreed with {worker} to write "
        "down what they want to say before the next {meeting}.",
        "{child} spoke about wanting more say in family time and about worries about friends "
        "who are older than them.",
        "{child} used the Mind of My Own app to say they are happy at {setting} and want "
        "to keep going to football.",
        "{child} was reluctant to engage and left the visit early; {carer} says they are often "
        "out late and will not say where they go.",
    ),
    "adult": (
        "{child} said they want to stay near their friends and college when they move on, and "
        "that budgeting is the part they worry about most.",
        "{child} told {worker} they feel more settled in the flat and are proud of keeping up with "
        "their rent.",
        "{child} wants help to get their birth certificate and bank account sorted so they can "
        "start work.",
        "{child} said they feel lonely at weekends and would like to be linked with a mentor.",
        "{child} has not answered calls for two weeks; their last message said they were "
        '"fine, just busy".',
    ),
}


# --- the reflective cycle ------------------------------------------------------------------------

EXPERIENCE = (
    "{worker} visited {child} at home on {visit} and saw {child} alone; {carer} was welcoming "
    "and the home conditions were {home}.",
    "{worker} saw {child} at {setting} on {visit} and then went on to a home visit with {carer}.",
    "{worker} attended the {meeting} on {visit}: all agencies attended except {agency}, who sent "
    "a report.",
    "{worker} completed a joint visit with {agency} on {visit}; {carer} engaged well for most "
    "of it but became upset when we talked about the concerns.",
    "{worker} has had two visits cancelled by {carer} and saw {child} at {setting} on {visit} "
    "instead.",
    "{worker} completed direct work with {child} on {visit} and updated the chronology.",
)
HOME = ("good", "adequate", "cluttered but safe", "improved since the last visit", "poor")
AGENCIES = (
    "the health visitor", "the school nurse", "the police", "CAMHS", "Early Help",
    "the family support worker", "the GP", "the substance misuse service", "the housing officer",
    "the virtual school", "the independent reviewing officer",
)  # fmt: skip

REFLECTION = {
    "improving": (
        "{worker} felt encouraged by the changes and reflected on how building trust with "
        "{carer} over the last months has made honest conversations possible.",
        "{worker} said they felt reassured after the visit but was careful not to let one good "
        "week take the place of evidence of sustained change.",
        "{worker} reflected that {child}'s own words were the most powerful part of the "
        "{meeting}, and that giving them time beforehand made the difference.",
    ),
    "steady": (
        "{worker} described feeling stuck: nothing has gone wrong, but nothing much has changed "
        "either, and they wondered whether the plan still asks the right questions.",
        "{worker} reflected on the balance between supporting {carer} and keeping {child}'s "
        "experience at the centre.",
        "{worker} said the case feels settled and talked about the risk of becoming used to "
        "things that would have worried them at the start.",
    ),
    "drifting": (
        "{worker} said they felt frustrated that agreed actions keep slipping, and acknowledged "
        "that their caseload has meant this case has had less of their time.",
        "{worker} described feeling uneasy that the plan has not moved since the last "
        "{meeting}, and worried about what this means for {child} day to day.",
        "{worker} reflected that {carer} says the right things in meetings but little changes "
        "between them; we talked about disguised compliance.",
    ),
    "worsening": (
        "{worker} described feeling anxious after the visit and found it hard to switch off; we "
        "talked about the impact of this work and the support available.",
        "{worker} reflected that they had hoped the last incident was a one-off and felt "
        "disappointed; we talked about optimism bias.",
        "{worker} felt {carer} was hostile on the visit and said they were worried about going "
        "alone next time; a joint visit was agreed.",
    ),
}

ANALYSIS = {
    "improving": (
        "The evidence points to real change: {setting} reports better attendance and {carer} "
        "has engaged with every session of the parenting programme. Protective factors are "
        "growing; safety scaled at {scale} out of 10 (was {was}).",
        "Taken together, the observations, agency reports and {child}'s own account show "
        "sustained progress over three months, not a short-term response to professional "
        "attention.",
    ),
    "steady": (
        "The risks are being managed but the underlying needs have not changed. Without a "
        "clearer focus the plan risks becoming a monitoring plan; safety scaled at {scale} out "
        "of 10, as last time.",
        "Weighing the evidence, {child}'s basic needs are met, but their emotional needs are "
        "less well understood. The chronology shows a pattern of short improvements followed "
        "by lapses.",
    ),
    "drifting": (
        "The plan is drifting: the same actions have been carried over and {child}'s lived "
        "experience has not changed. Safety scaled at {scale} out of 10, no movement since "
        "the last supervision. This needs management grip.",
        "The chronology shows little progress since the last {meeting}. Research on neglect "
        "reminds us that cumulative harm is easy to miss when nothing dramatic happens; "
        "timescales must be set and kept.",
    ),
    "worsening": (
        "Risk has increased: new information from {agency} and {child}'s presentation suggest "
        "the protective factors identified earlier are not holding. Safety scaled at {scale} "
        "out of 10 (was {was}).",
        "Critical challenge: is the current plan enough to keep {child} safe? On the evidence of "
        "the last month, no; the threshold for a strategy discussion needs to be considered.",
    ),
}


# --- what is worried about, working well and needs to happen ----------------------------------

# Each with the age bands it fits (a baby has no school attendance, a care leaver no parents'
# programme).
CHILDREN = frozenset({"baby", "child", "teen"})
SCHOOL_AGE = frozenset({"child", "teen"})
ALL_BANDS = CHILDREN | {"adult"}
WORRIES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Past harm: exposure to domestic abuse between adults in the household.", CHILDREN),
    ("Parental substance misuse and its effect on routines and supervision.", CHILDREN),
    ("Neglect of {child}'s health needs: missed health and dental appointments.", CHILDREN),
    ("{child}'s school attendance is {attendance}% this term.", SCHOOL_AGE),
    ("Episodes of going missing and links to older peers.", frozenset({"teen"})),
    ("{carer}'s mental health, and how it affects {child} when they are unwell.", CHILDREN),
    ("Home conditions and the impact of debt and insecure housing.", ALL_BANDS),
    ("{child}'s emotional wellbeing: low mood and difficulty sleeping.", ALL_BANDS),
    ("{child} is behind with rent and at risk of losing the tenancy.", frozenset({"adult"})),
    ("{child} is not in education, employment or training.", frozenset({"adult"})),
)
WORKING_WELL: tuple[tuple[str, frozenset[str]], ...] = (
    ("{carer} is engaging with the plan and attended every appointment this month.", CHILDREN),
    ("{child} has a trusted relationship with {setting} and talks to staff there.", ALL_BANDS),
    ("Extended family offer practical support, including after-school care.", CHILDREN),
    ("{child}'s attendance has improved and they are proud of it.", SCHOOL_AGE),
    ("Professionals share information quickly and the {meeting} is well attended.", ALL_BANDS),
    ("{child} keeps in touch with their personal adviser and asks for help early.",
     frozenset({"adult"})),
)  # fmt: skip
NEEDS_TO_HAPPEN: tuple[tuple[str, frozenset[str]], ...] = (
    ("A safety plan that {child} understands and that the wider family has signed up to.",
     SCHOOL_AGE),
    ("{carer} to show the learning from the parenting programme in day-to-day care.",
     CHILDREN),
    ("Consistent school attendance above 90%.", SCHOOL_AGE),
    ("{child}'s health needs met: appointments kept and recorded.", ALL_BANDS),
    ("A clear contingency plan if the agreed safety measures are not kept.", CHILDREN),
    ("A realistic budget and a plan for moving on that {child} has agreed.",
     frozenset({"adult"})),
)  # fmt: skip
IN_CARE_WORKING_WELL = (
    "{child}'s placement is stable and they have a good relationship with {carer}."
)
IN_CARE_NEEDS = "Life story work, so that {child} understands why they are in care."

EQUALITY = (
    "Considered the family's first language: an interpreter has been booked for the {meeting} "
    "and the plan translated.",
    "Considered how {child}'s additional needs affect how they communicate; the direct work is "
    "adapted with visual prompts.",
    "Discussed the family's experience of poverty and how this shapes what they can do; a "
    "referral for financial advice was made.",
    "Considered power: {carer} has said they feel judged by professionals. {worker} will share "
    "reports before meetings and check their understanding.",
    "Considered {child}'s identity needs: their culture and religion are reflected in the plan "
    "and in family time arrangements.",
)
NO_NEW_EQUALITY = (
    "No new equality issues identified; {worker} will keep {child}'s identity and heritage "
    "under review at the {meeting}."
)


# --- actions, progress, decisions ----------------------------------------------------------------

ACTIONS = {
    "improving": (
        "Share the updated {plan} with {carer} and {child}",
        "Complete the review of the {plan} ahead of the {meeting}",
        "Update the chronology and the assessment",
        "Plan a step-down conversation with {carer} and the family's network",
    ),
    "steady": (
        "Refresh the {plan} with clear, measurable outcomes",
        "Complete direct work with {child} about their wishes and feelings",
        "Request an update from {agency}",
        "Arrange a family network meeting",
    ),
    "drifting": (
        "Complete the outstanding parenting assessment",
        "Hold the overdue {meeting} and agree timescales",
        "Update the chronology and the assessment",
        "Escalate the delay with {agency} through the escalation protocol",
    ),
    "worsening": (
        "Convene a strategy discussion",
        "Request a legal planning meeting",
        "Increase visits to weekly and see {child} alone each time",
        "Update the safety plan with the family network",
    ),
}
DONE = (
    "done: the {plan} was updated and shared.",
    "done, and {carer} engaged well with it.",
    "completed on time.",
    "done; the outcome is reflected in the plan.",
)
OUTSTANDING = (
    "outstanding: not yet started because of other work.",
    "outstanding for the second time; reasons discussed and a new date set.",
    "partly done: {agency} have not yet responded.",
    "not done: {carer} cancelled the appointment.",
)

PROGRESS = {
    "improving": (
        "Good progress against the {plan}: most outcomes are met or on track, and {carer} "
        "is sustaining the changes.",
        "The {plan} is working: the last {meeting} noted improved routines and attendance.",
    ),
    "steady": (
        "Some progress against the {plan}; the outcomes about {child}'s emotional wellbeing "
        "are not yet met.",
        "The {plan} is relevant to the risks and needs but two outcomes have no clear measure "
        "of success; to be revised.",
    ),
    "drifting": (
        "Limited progress against the {plan}: the same actions are outstanding from previous "
        "supervisions and the plan has drifted.",
        "No measurable progress since the last {meeting}; the contingency plan has not been "
        "tested.",
    ),
    "worsening": (
        "The {plan} is not keeping {child} safe enough: two incidents since the last "
        "supervision and the contingency plan is now needed.",
        "Progress has reversed since the last {meeting}; {carer} has not kept to the agreed "
        "safety measures.",
    ),
}
RISK = {
    "improving": (("reducing", 8), ("same", 2)),
    "steady": (("same", 8), ("reducing", 2)),
    "drifting": (("same", 8), ("increasing", 2)),
    "worsening": (("increasing", 7), ("same", 3)),
}
DECISIONS = {
    "improving": (
        "Continue with the {plan}; consider step-down at the next {meeting} if progress is "
        "sustained.",
        "Case remains open under the {plan}; visits can move to every four weeks.",
    ),
    "steady": (
        "Continue with the {plan} with revised outcomes; review in supervision next month.",
        "{worker} to refocus the plan on {child}'s emotional needs; review at the {meeting}.",
    ),
    "drifting": (
        "Management direction: the plan has drifted. Outstanding actions to be completed by "
        "the dates below; if not, the case will be escalated to the service manager.",
        "Case to be discussed with the service manager because of drift; the {meeting} to be "
        "brought forward.",
    ),
    "worsening": (
        "Management decision: the threshold for a strategy discussion is met; to be convened "
        "within two working days.",
        "Legal planning meeting to be requested; visits increased to weekly in the meantime.",
    ),
}


# Care leavers (18 to 25): the same fields, about a young adult's own plan.
ADULT: dict[str, dict[str, tuple[str, ...]]] = {
    "reflection": {
        "improving": (
            "{worker} felt encouraged and reflected on how {child} now asks for help before "
            "things reach a crisis.",
        ),
        "steady": (
            "{worker} reflected on the balance between respecting {child}'s choices as an adult "
            "and offering the support a good parent would.",
        ),
        "drifting": (
            "{worker} said they felt frustrated that the pathway plan actions keep slipping and "
            "wondered whether {child} has really been part of writing them.",
        ),
        "worsening": (
            "{worker} described feeling worried for {child} and unsure how to keep in touch when "
            "they do not answer; we talked about persistence as a corporate parent.",
        ),
    },
    "analysis": {
        "improving": (
            "{child} is managing the tenancy and has kept to their budget for three months; the "
            "plan is working and support can be stepped down gradually.",
        ),
        "steady": (
            "{child}'s accommodation is stable but education and work goals have not moved; the "
            "pathway plan needs sharper, agreed steps.",
        ),
        "drifting": (
            "The pathway plan has drifted: the same actions have been carried for months and "
            "{child}'s situation has not changed. This needs management grip.",
        ),
        "worsening": (
            "{child}'s situation has deteriorated: rent arrears, loss of contact and worries "
            "about exploitation. A vulnerable adult referral needs to be considered.",
        ),
    },
    "actions": {
        "improving": (
            "Review the {plan} with {child}",
            "Support {child} with the application for the college course",
            "Agree the move-on plan with {child}",
        ),
        "steady": (
            "Review the {plan} with {child}",
            "Refer {child} to the employability scheme",
            "Chase the housing application with the housing team",
        ),
        "drifting": (
            "Complete the overdue needs assessment",
            "Hold the overdue {meeting}",
            "Chase the housing application with the housing team",
        ),
        "worsening": (
            "Make a safeguarding adults referral",
            "Arrange a joint visit with the housing officer",
            "Agree a contact plan with {child} for when they go quiet",
        ),
    },
    "progress": {
        "improving": ("Good progress against the {plan}: {child} is meeting most of their goals.",),
        "steady": ("Some progress against the {plan}; education and work goals are not met.",),
        "drifting": ("Limited progress against the {plan}: actions carried from previous "
                     "supervisions and no change for {child}.",),
        "worsening": ("The {plan} is not meeting {child}'s needs: arrears are rising and "
                      "contact has been lost twice this month.",),
    },
    "decisions": {
        "improving": ("Continue with the {plan}; review support at the {meeting}.",),
        "steady": ("Continue with the {plan} with revised goals agreed with {child}.",),
        "drifting": ("Management direction: the plan has drifted; outstanding actions to be "
                     "completed by the dates below or escalated to the service manager.",),
        "worsening": ("Management decision: safeguarding adults referral to be made today and "
                      "contact increased to weekly.",),
    },
}  # fmt: skip


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
    was = max(1, now - 2) if story == "improving" else min(9, now + 2)
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

    risk_options = RISK[story]
    direction = rng.choices([r for r, _ in risk_options], [w for _, w in risk_options])[0]
    fields = {
        "previous_actions_reviewed": reviewed,
        "experience": pick(EXPERIENCE),
        "reflection": pick(pool("reflection", REFLECTION)),
        "analysis": pick(pool("analysis", ANALYSIS)),
        "action_planning": action_planning,
        "childs_voice": pick(VOICE[band]),
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


# --- personal supervision ------------------------------------------------------------------------

# Under each heading one of the alternatives, sometimes followed by one of the additions (any
# addition reads well after any alternative).
PERSONAL: dict[str, tuple[str, ...]] = {
    "development": (
        "{worker} has completed the {course} and is using it in assessments; we agreed this is "
        "good CPD evidence for Social Work England.",
        "Discussed what {worker} has learned from recent case work about working with fathers; "
        "{worker} will record a reflection as CPD.",
        "{worker} would like to develop their court skills and will shadow a colleague at the "
        "next final hearing.",
    ),
    "wellbeing": (
        "{worker} said they are feeling {mood}. We reviewed their Wellness Action Plan; no "
        "changes needed.",
        "{worker} has found the last month emotionally demanding after a difficult visit; we "
        "talked about what helps and about the Employee Assistance Programme.",
        "{worker} is feeling {mood} and says the team's peer support is helping.",
    ),
    "performance": (
        "Feedback: {worker}'s assessments are clear and analytical and the child's voice comes "
        "through well.",
        "{worker} is meeting the appraisal objective on timeliness of visits; the objective on "
        "recording within five working days is not yet met.",
        "Discussed two late visits this month; {worker} explained the reasons and we agreed a "
        "plan to prevent it happening again.",
    ),
    "learning": (
        "{worker} attended the {course}; the impact on practice will be reviewed next month.",
        "{worker} is booked on the {course} next month.",
        "{worker} shared learning from the {course} at the team meeting and is using it in "
        "direct work.",
    ),
    "career": (
        "{worker} is interested in the senior practitioner route; we talked about the evidence "
        "they would need.",
        "{worker} is happy in their current role and wants to consolidate their practice this "
        "year.",
        "{worker} would like to become a practice educator and will apply for the next cohort.",
        "Career aspirations discussed; no change since the appraisal.",
    ),
    "leave_and_health": (
        "{worker} has {leave} days of annual leave left this year and has booked {booked}.",
        "{worker} had one day of sickness this month; a return-to-work conversation took place.",
        "{worker} has {toil} hours of TOIL and will take them before the end of the month.",
    ),
    "team": (
        "{worker} raised the pressure on the duty rota; to be discussed at the team meeting.",
        "Team morale is good; {worker} welcomed the buddying arrangements for new starters.",
        "{worker} asked for more clarity about the allocation process; agreed to raise it with "
        "the service manager.",
    ),
    "feedback": (
        "{worker} asked that senior managers hear about the delays in getting placements "
        "approved; I will take this to the service managers' meeting.",
        "Nothing to feed back to senior management this month.",
        "Feedback: {worker}'s strengths this month were calm, clear work with a family in "
        "crisis and well-prepared reports.",
    ),
    "workload": (
        "{worker} has {caseload} children allocated. Workload is manageable; one case to be "
        "closed after the next review.",
        "{worker} has {caseload} children allocated, which is high; no new allocations for two "
        "weeks while recording is brought up to date.",
    ),
    "role": (
        "{worker} is clear about their role and responsibilities; no issues raised.",
        "We revisited the expectations of the role after the restructure; {worker} feels clearer.",
    ),
    "appraisal": (
        "Evidence for the performance review: good feedback from partners, and consistently "
        "timely visits.",
        "Appraisal objectives reviewed: two on track, one to carry forward.",
    ),
    "anti_discriminatory": (
        "Discussed how {worker} makes sure families whose first language is not English can "
        "take part in meetings.",
        "No anti-discriminatory practice issues raised this month.",
    ),
    "service_quality": (
        "A compliment was received from a parent about {worker}'s work; shared with the team.",
        "No complaints this month. Feedback from families at the last review was positive.",
    ),
    "health_and_safety": (
        "Lone working: {worker} is using the buddy system for evening visits. No incidents.",
        "Talked about the emotional impact of the work after a difficult visit; {worker} knows "
        "how to get support.",
    ),
    "health": (
        "No health issues raised by {worker} this month.",
        "{worker} has an occupational health appointment booked; adjustments will be reviewed "
        "afterwards.",
    ),
}
PERSONAL["leave"] = PERSONAL["leave_and_health"]
PERSONAL["check_in"] = PERSONAL["wellbeing"]
PERSONAL["tasks"] = PERSONAL["workload"]
ADDITIONS: dict[str, tuple[str, ...]] = {
    "development": (
        "Reviewed {worker}'s CPD log: two entries this quarter, one more needed before renewal.",
        "The professional development plan is on track.",
    ),
    "wellbeing": (
        "Stress risk assessment reviewed: workload pressures noted; agreed to protect a half-day "
        "a week for recording.",
        "Reminded {worker} about the monthly reflective practice group.",
    ),
    "performance": (
        "Positive feedback from an IRO about the quality of {worker}'s report for a review.",
        "The case file audit this month graded {worker}'s recording as good.",
    ),
    "learning": ("Mandatory training is up to date.", "{worker} has asked for the {other_course}."),
    "leave_and_health": (
        "Time management: {worker} is blocking out time for recording on Fridays, which is "
        "working.",
        "No health issues raised.",
    ),
}
ADDITIONS["leave"] = ADDITIONS["leave_and_health"]
ADDITIONS["check_in"] = ADDITIONS["wellbeing"]
GENERIC = (
    "Discussed with {worker}; nothing further to record this month.",
    "{worker} raised no issues under this heading.",
)
COURSES = (
    "neglect and the Graded Care Profile 2 training", "trauma-informed practice course",
    "Signs of Safety refresher", "court skills workshop", "domestic abuse (DASH) training",
    "contextual safeguarding course", "motivational interviewing course",
    "child exploitation training", "practice educator course",
)  # fmt: skip
MOODS = ("well", "settled", "tired but coping", "positive", "stretched but supported")
MONTHS = ("the half-term week", "a week in August", "two days at Christmas", "a long weekend")


def personal_entry(rng: random.Random, key: str, worker: str, caseload: int) -> str:
    """The text under one personal-supervision heading (its `key` in the pack)."""
    course, other_course = rng.sample(COURSES, 2)
    values = {
        "worker": worker, "course": course, "other_course": other_course,
        "mood": rng.choice(MOODS), "leave": rng.randint(4, 18), "booked": rng.choice(MONTHS),
        "toil": rng.randint(2, 14), "caseload": caseload,
    }  # fmt: skip
    chosen = [rng.choice(PERSONAL.get(key, GENERIC))]
    additions = ADDITIONS.get(key, ())
    if additions and rng.random() < 0.5:
        chosen.append(rng.choice(additions))
    return " ".join(text.format(**values) for text in chosen)


def personal_action(rng: random.Random, worker: str) -> str:
    return rng.choice(
        (
            f"{worker} to book onto the {rng.choice(COURSES)}",
            f"{worker} to bring case recording up to date",
            f"{worker} to add a CPD reflection to the Social Work England record",
            f"{worker} to update their Wellness Action Plan",
        )
    )
