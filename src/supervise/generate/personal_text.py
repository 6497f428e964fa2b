"""Invented personal-supervision records for the demo: what was written under each heading
of the pack's personal template, and the actions agreed. Synthetic, like `record_text`: phrase
sets filled in with the generator's invented names."""

from __future__ import annotations

import random

# ------------------------------------------------------------------------

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
