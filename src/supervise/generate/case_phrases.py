"""The phrase sets of an invented case discussion (`record_text`): the child's voice, the
reflective cycle, Signs of Safety's three columns, equality and diversity, actions, progress and
decisions. Synthetic sentences with placeholders for the generator's invented names and dates."""

from __future__ import annotations

# --- the child's voice ---------------------------------------------------------------------------

# The child's voice, by how things are going for them: an improving or steady story hears the
# first, a drifting or worsening one the second (a record does not say both at once).
VOICE: dict[str, dict[str, tuple[str, ...]]] = {
    "baby": {
        "good": (
            "{child} is too young to tell us in words, so we rely on observation: on {worker}'s "
            "visit {child} was settled, babbling and reached for {carer} for comfort.",
            "Observed {child} at home: alert and responsive, feeding well and sleeping in their "
            "own cot; the home was warm and the nappy was clean.",
            "The health visitor reports {child} is meeting developmental milestones and is more "
            "vocal; {child} smiled and made good eye contact with {worker}.",
        ),
        "worrying": (
            "{child} was quiet and watchful during the visit and did not seek comfort from "
            "{carer}, which we want to understand better.",
            "{child} was unsettled and crying for much of the visit; {carer} found it hard to "
            "soothe them, and the home was cold.",
        ),
    },
    "child": {
        "good": (
            "{child} told {worker} they like it when {carer} walks them to school and they want "
            "that to keep happening.",
            'Seen alone at school. {child} said home is "mostly OK" but they do not like it when '
            "people come round late; they scaled feeling safe at {scale} out of 10.",
            "{child} was chatty and proud to show {worker} their reading book; they said they "
            "want more time with their brother.",
        ),
        "worrying": (
            "{child} drew a three houses picture with {worker}: the house of worries has the "
            "shouting at night; the house of good things has their bike and their friend at "
            "school.",
            "{child} used the wizard and fairy cards to talk about home and said they worry about"
            " {carer} being sad.",
            "{child} did not want to talk this time and played a game with {worker} instead; "
            "their teacher says they have been quieter in class.",
        ),
    },
    "teen": {
        "good": (
            '{child} chose to meet at the cafe near school and said they want people to "stop '
            'asking the same questions" but agreed the plan is helping.',
            "{child} told {worker} they feel safer since the changes at home and scaled their "
            "safety at {scale} out of 10 ({was} last month).",
            "{child} used the Mind of My Own app to say they are happy at {setting} and want to "
            "keep going to football.",
        ),
        "worrying": (
            "{child} said they feel no one listens at the meetings; they agreed with {worker} to "
            "write down what they want to say before the next {meeting}.",
            "{child} spoke about wanting more say in family time and about worries about friends "
            "who are older than them.",
            "{child} was reluctant to engage and left the visit early; {carer} says they are "
            "often out late and will not say where they go.",
        ),
    },
    "adult": {
        "good": (
            "{child} said they want to stay near their friends and college when they move on, and"
            " that budgeting is the part they worry about most.",
            "{child} told {worker} they feel more settled in the flat and are proud of keeping up"
            " with their rent.",
            "{child} wants help to get their birth certificate and bank account sorted so they "
            "can start work.",
        ),
        "worrying": (
            "{child} said they feel lonely at weekends and would like to be linked with a mentor.",
            "{child} has not answered calls for two weeks; their last message said they were "
            '"fine, just busy".',
        ),
    },
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
RISK = {"improving": "reducing", "steady": "same", "drifting": "same", "worsening": "increasing"}
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
