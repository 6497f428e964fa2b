"""The engine's input: one authority's situation, as plain data.

Both feeds build these objects: the interchange reader from a folder of CSV files
(`supervise.interchange.reader`) and the web application from its database. The field names follow
`../shared/spec/INTERCHANGE.md`, except `from`/`to`, which are `starts_on`/`ends_on` here because
`from` is a Python keyword. An `ends_on` is the *last* day in force (inclusive), as in the spec.

The classes are slotted and mutable only because construction speed matters (a large authority has
hundreds of thousands of rows); the engine never changes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from supervise.policy.dates import Interval

# The vocabulary of the interchange format. The reader refuses any other value.
ROLES = (
    "social_worker",
    "senior_practitioner",
    "family_support_worker",
    "personal_adviser",
    "sessional_worker",
    "student",
    "admin",
    "assistant_team_manager",
    "team_manager",
    "service_manager",
    "group_manager",
    "head_of_service",
)
MANAGER_ROLES = frozenset(
    {"assistant_team_manager", "team_manager", "service_manager", "group_manager"}
)
CONTRACTS = ("permanent", "agency", "temporary", "student")
HOURS = ("full_time", "part_time")
ABSENCE_REASONS = ("sickness", "annual_leave", "parental_leave", "career_break", "other")
EVENT_KINDS = (
    "role_change",
    "team_transfer",
    "grade_change",
    "capability_start",
    "capability_end",
    "escalated",
    "appraisal",
)
CHILD_STATUSES = (
    "child_in_need",
    "section47_enquiry",
    "child_protection_plan",
    "child_in_care",
    "care_leaver",
    "court_proceedings",
    "missing_or_exploitation",
    "non_permanent_placement",
    "recently_placed",
    "unregulated_placement",
    "short_breaks",
    "stable_independent",
    "long_term_custody",
    "chronic_neglect",
)
RISK_RATINGS = ("red", "amber", "green")
SESSION_KINDS = ("formal", "group", "informal", "oversight")
SESSION_STATUSES = ("planned", "held", "cancelled")
CANCELLED_BY = ("supervisor", "supervisee")
CANCEL_REASONS = ("sickness", "other")
OBSERVATION_KINDS = ("supervision", "practice")


@dataclass(slots=True)
class Staff:
    staff_id: str
    name: str
    role: str
    started_on: date
    email: str | None = None
    team: str | None = None
    contract: str = "permanent"
    hours: str = "full_time"
    qualified_on: date | None = None
    asye: bool = False
    left_on: date | None = None
    supervisor_training_on: date | None = None
    file_archived_on: date | None = None
    file_destroyed_on: date | None = None


@dataclass(slots=True)
class SupervisionLine:
    supervisee_id: str
    supervisor_id: str
    starts_on: date
    ends_on: date | None = None
    cover: bool = False

    def in_force_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


@dataclass(slots=True)
class Absence:
    staff_id: str
    starts_on: date
    reason: str
    ends_on: date | None = None
    planned: bool = False

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


@dataclass(slots=True)
class StaffEvent:
    staff_id: str
    on: date
    kind: str
    note: str | None = None


@dataclass(slots=True)
class Agreement:
    agreement_id: str
    supervisee_id: str
    supervisor_id: str
    supervisee_signed_on: date | None = None
    supervisor_signed_on: date | None = None
    frequency: Interval | None = None

    @property
    def signed_on(self) -> date | None:
        """The day the agreement counts from: the later signature, once both have signed."""
        if self.supervisee_signed_on is None or self.supervisor_signed_on is None:
            return None
        return max(self.supervisee_signed_on, self.supervisor_signed_on)


@dataclass(slots=True)
class Child:
    child_id: str
    opened_on: date
    name: str | None = None
    born_on: date | None = None
    closed_on: date | None = None
    service: str | None = None
    particularly_vulnerable: bool = False
    risk_rating: str | None = None
    agreed_interval: Interval | None = None
    agreed_by: str | None = None
    permanence_plan_on: date | None = None


@dataclass(slots=True)
class ChildStatus:
    child_id: str
    status: str
    starts_on: date
    ends_on: date | None = None


@dataclass(slots=True)
class Allocation:
    child_id: str
    staff_id: str
    starts_on: date
    ends_on: date | None = None


@dataclass(slots=True)
class Session:
    session_id: str
    kind: str
    supervisor_id: str
    status: str
    supervisee_id: str | None = None
    scheduled_on: date | None = None
    held_on: date | None = None
    duration_minutes: int | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    record_completed_on: date | None = None
    supervisor_signed_on: date | None = None
    supervisee_signed_on: date | None = None
    finalised_on: date | None = None


@dataclass(slots=True)
class CaseDiscussion:
    session_id: str
    child_id: str
    recorded_on: date | None = None


@dataclass(slots=True)
class Observation:
    observation_id: str
    kind: str
    observer_id: str
    observed_id: str
    on: date


@dataclass(slots=True)
class Dataset:
    """Everything one authority knows, in no particular order."""

    staff: list[Staff] = field(default_factory=list)
    supervision_lines: list[SupervisionLine] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    events: list[StaffEvent] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    child_statuses: list[ChildStatus] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    case_discussions: list[CaseDiscussion] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
