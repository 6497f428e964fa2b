"""What a policy pack says, as typed data: the configuration class of each rule, the sources
they cite, and the recording template. `supervise.policy.pack` reads TOML files into these
(docs/pack-format.md); the rules read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from supervise.policy.dates import Interval


class PackError(ValueError):
    """A pack file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Source:
    """The sentence of the policy a rule or parameter implements."""

    file: str
    section: str
    quote: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """`003_871932d35db75f8d.txt: Frequency and Attendance` (the report's `source`)."""
        return f"{self.file}: {self.section}"


@dataclass(frozen=True, slots=True)
class Cited:
    """An interval together with the sentence that sets it."""

    interval: Interval
    source: Source


@dataclass(frozen=True, slots=True)
class Deadline:
    """`within = "P14D"` (calendar) or `working_days = 5`."""

    source: Source
    interval: Interval | None = None
    working_days: int | None = None

    def describe(self) -> str:
        if self.working_days is not None:
            return f"{self.working_days} working days"
        return str(self.interval)


@dataclass(frozen=True, slots=True)
class ChildCondition:
    """When a case-supervision interval applies to a child (all given conditions must hold)."""

    statuses: frozenset[str] = frozenset()
    permanence_plan: bool | None = None
    particularly_vulnerable: bool | None = None
    services: frozenset[str] = frozenset()

    def describe(self) -> str:
        parts = []
        if self.statuses:
            parts.append(" or ".join(sorted(self.statuses)))
        if self.permanence_plan is not None:
            parts.append("with a permanence plan" if self.permanence_plan else "no permanence plan")
        if self.particularly_vulnerable:
            parts.append("particularly vulnerable")
        if self.services:
            parts.append("service " + " or ".join(sorted(self.services)))
        return ", ".join(parts) or "every open allocated child"


@dataclass(frozen=True, slots=True)
class CaseInterval:
    when: ChildCondition
    every: Interval
    source: Source


@dataclass(frozen=True, slots=True)
class AgreedLonger:
    """A longer interval a manager agreed for a child (Hertfordshire 0-25 Together: 6 months).
    Only exactly `every` replaces the backstop: any other agreed interval leaves it in place
    (RULES.md section 4, "agreed_interval=P6M")."""

    services: frozenset[str]
    every: Interval
    requires_agreed_by: bool
    source: Source


# --- one configuration class per rule ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonalSupervision:  # P1
    source: Source
    every: dict[str, Cited]
    returning_for: Cited | None = None


@dataclass(frozen=True, slots=True)
class CaseSupervision:  # P2
    source: Source
    every: Cited
    more_often: tuple[CaseInterval, ...] = ()
    less_often: tuple[CaseInterval, ...] = ()
    agreed_longer: AgreedLonger | None = None


@dataclass(frozen=True, slots=True)
class CaseEveryOtherSession:  # P3
    source: Source
    sessions: int = 2


@dataclass(frozen=True, slots=True)
class GroupCaseSupervision:  # P4
    source: Source
    every: dict[str, Cited]


@dataclass(frozen=True, slots=True)
class Within:  # P5, T1, R1, R2: a single interval from a starting day
    source: Source
    within: Interval


@dataclass(frozen=True, slots=True)
class Every:  # A2, Q1, Q2, D1: a repeating interval
    source: Source
    every: Interval


@dataclass(frozen=True, slots=True)
class DeadlineRule:  # P6, P7, P8, P9, C1
    source: Source
    deadline: Deadline


@dataclass(frozen=True, slots=True)
class AgreementRule:  # A1
    source: Source
    due: str = "first_session"
    renew_after: dict[str, Source] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CancellationEscalation:  # C2
    source: Source
    cancellations: int
    within: Interval


@dataclass(frozen=True, slots=True)
class SupervisorAbsenceCover:  # C3
    source: Source
    absent_longer_than_days: int
    cover_within_days: int
    unplanned_only: bool


# Sections a case discussion can be recorded with (the columns of the product's case template),
# in the one order a discussion is written and read (`RecordingTemplate.case_sections` keeps
# it; `supervise.sessions.case_template`): the review of earlier actions first (Hull's
# recording elements), the reflective cycle, Signs of Safety's three columns, then equality and
# diversity.
CASE_SECTIONS = (
    "recording_elements",
    "reflective_cycle",
    "signs_of_safety",
    "equality_and_diversity",
)


@dataclass(frozen=True, slots=True)
class Heading:
    key: str
    label: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class RecordingTemplate:
    """How the pack's sessions are written up (the engine does not read this; the app does)."""

    personal: tuple[Heading, ...]
    personal_source: Source
    case_sections: tuple[str, ...]
    case_source: Source


# The terms of a supervision agreement (the agreement's fields), in the order the form asks them.
AGREEMENT_TERMS = (
    "frequency",
    "duration_minutes",
    "venue",
    "cancellation_arrangements",
    "preparation",
    "confidentiality",
    "resolving_difficulties",
    "other_terms",
)
# The longest starting text each term holds (the agreement's own limits); others: TEXT_LIMIT.
AGREEMENT_TEXT_LIMITS = {"venue": 300}
AGREEMENT_TEXT_LIMIT = 5000
# The shortest and longest session an agreement can set, in minutes.
AGREEMENT_MINUTES = (30, 240)


@dataclass(frozen=True, slots=True)
class AgreementTerm:
    """One term's starting point and the sentence of the policy it comes from.

    `text` is the starting wording of a written term; for `frequency` and `duration_minutes` it
    is optional and says what the policy says about them (shown with the question). `minutes` is
    the starting length of a session (`duration_minutes` only). The frequency itself is never
    here: it is the supervisee's own interval under `rules.personal_supervision`."""

    source: Source
    text: str = ""
    minutes: int | None = None


@dataclass(frozen=True, slots=True)
class AgreementTemplate:
    """A supervision agreement's starting terms (the engine does not read this; the app does).
    A term the policy says nothing about is absent: a new agreement starts it empty."""

    terms: dict[str, AgreementTerm]


RuleConfig = (
    PersonalSupervision
    | CaseSupervision
    | CaseEveryOtherSession
    | GroupCaseSupervision
    | Within
    | Every
    | DeadlineRule
    | AgreementRule
    | CancellationEscalation
    | SupervisorAbsenceCover
)


@dataclass(frozen=True, slots=True)
class Pack:
    slug: str
    authority: str
    seed: str
    path: Path
    bank_holidays: str
    covers_roles: frozenset[str]
    covers_source: Source
    extended_absence_days: int
    extended_absence_source: Source
    qualifying_kinds: frozenset[str]
    qualifying_source: Source
    rules: dict[str, RuleConfig]
    recording: RecordingTemplate | None = None
    agreement_template: AgreementTemplate | None = None
    policy: str | None = None  # the policy document's title

    def covers(self, role: str) -> bool:
        return role in self.covers_roles
