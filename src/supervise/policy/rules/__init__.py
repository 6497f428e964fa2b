"""Every rule of RULES.md section 3, by id. A pack switches rules on by naming them; the engine
never asks which authority it is evaluating."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from supervise.policy.findings import Duty
from supervise.policy.rules.agreements import agreement, agreement_review
from supervise.policy.rules.cancellations import cancellation_escalation, reschedule
from supervise.policy.rules.cases import (
    case_every_other_session,
    case_first_discussion,
    case_supervision,
    group_case_supervision,
)
from supervise.policy.rules.cover import supervisor_absence_cover
from supervise.policy.rules.quality import (
    appraisal,
    observation_of_practice,
    observation_of_supervision,
    supervisor_training,
)
from supervise.policy.rules.recording import (
    case_record,
    personal_record,
    record_finalised,
    record_signoff,
)
from supervise.policy.rules.retention import file_archive, file_destruction
from supervise.policy.rules.staff_supervision import personal_supervision
from supervise.policy.situation import Situation

Evaluator = Callable[[Situation, Any], Iterator[Duty]]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    number: str  # as in RULES.md section 3
    title: str  # for people: headings, dashboards
    subject: str  # staff | child | session | case_discussion
    evaluate: Evaluator


RULES: dict[str, RuleInfo] = {
    "personal_supervision": RuleInfo("P1", "Personal supervision", "staff", personal_supervision),
    "case_supervision": RuleInfo("P2", "Case supervision", "child", case_supervision),
    "case_every_other_session": RuleInfo(
        "P3", "Case discussed every other session", "child", case_every_other_session
    ),
    "group_case_supervision": RuleInfo(
        "P4", "Group case supervision", "child", group_case_supervision
    ),
    "case_first_discussion": RuleInfo(
        "P5", "First discussion after allocation", "child", case_first_discussion
    ),
    "case_record": RuleInfo(
        "P6", "Discussion on the child's record", "case_discussion", case_record
    ),
    "personal_record": RuleInfo("P7", "Supervision record completed", "session", personal_record),
    "record_signoff": RuleInfo("P8", "Record signed by both", "session", record_signoff),
    "record_finalised": RuleInfo(
        "P9", "Record reviewed and finalised", "session", record_finalised
    ),
    "agreement": RuleInfo("A1", "Supervision agreement", "staff", agreement),
    "agreement_review": RuleInfo("A2", "Annual agreement review", "staff", agreement_review),
    "reschedule": RuleInfo("C1", "Cancelled session rescheduled", "session", reschedule),
    "cancellation_escalation": RuleInfo(
        "C2", "Repeated cancellations escalated", "staff", cancellation_escalation
    ),
    "supervisor_absence_cover": RuleInfo(
        "C3", "Cover for an absent supervisor", "staff", supervisor_absence_cover
    ),
    "observation_of_supervision": RuleInfo(
        "Q1", "Observation of supervision", "staff", observation_of_supervision
    ),
    "observation_of_practice": RuleInfo(
        "Q2", "Observation of practice", "staff", observation_of_practice
    ),
    "supervisor_training": RuleInfo("T1", "Supervisor core training", "staff", supervisor_training),
    "file_archive": RuleInfo("R1", "Leaver's file archived with HR", "staff", file_archive),
    "file_destruction": RuleInfo("R2", "Leaver's file destroyed", "staff", file_destruction),
    "appraisal": RuleInfo("D1", "Annual appraisal", "staff", appraisal),
}
