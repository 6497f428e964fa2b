"""The generator's working state: posts, people, lines, children, allocations, as plain objects.

Days are ordinals (see `days.py`). Indexes into the world's lists stand for references; ids
(`S00012`, `C000345`…) are only used when rows are written.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field

# Roles (the interchange vocabulary) grouped the way the generator needs them.
SOCIAL_WORKER = "social_worker"
SENIOR = "senior_practitioner"
FAMILY_SUPPORT = "family_support_worker"
PERSONAL_ADVISER = "personal_adviser"
SESSIONAL = "sessional_worker"
STUDENT = "student"
ADMIN = "admin"
ATM = "assistant_team_manager"
TEAM_MANAGER = "team_manager"
SERVICE_MANAGER = "service_manager"
GROUP_MANAGER = "group_manager"
HEAD = "head_of_service"

SUPERVISING_ROLES = frozenset({ATM, TEAM_MANAGER, SERVICE_MANAGER, GROUP_MANAGER, HEAD})
QUALIFIED_ROLES = frozenset({SOCIAL_WORKER, SENIOR, SESSIONAL}) | SUPERVISING_ROLES
# Relative caseload a practitioner carries (a full-time experienced social worker is 1).
CASE_WEIGHT = {
    SOCIAL_WORKER: 1.0,
    SENIOR: 0.85,
    PERSONAL_ADVISER: 1.0,
    FAMILY_SUPPORT: 0.3,
    STUDENT: 0.25,
    SESSIONAL: 0.3,
}
FRONTLINE = frozenset(CASE_WEIGHT)

# Kinds of team, the name they go by, and the share of teams of each kind.
KIND_LABEL = {
    "children_in_care": "Children in Care",
    "family_safeguarding": "Family Safeguarding",
    "safeguarding": "Safeguarding and Family Support",
    "care_leavers": "Care Leavers",
    "assessment": "Assessment",
    "disabled_children": "0-25 Together",
}
KIND_SHARE = {
    "children_in_care": 0.25,
    "family_safeguarding": 0.22,
    "safeguarding": 0.21,
    "care_leavers": 0.14,
    "assessment": 0.09,
    "disabled_children": 0.09,
}


@dataclass(slots=True, eq=False)
class Tenure:
    """A person holding a post from `start` to `end` (inclusive; None = still holding it)."""

    person: int
    post: int
    start: int
    end: int | None = None


@dataclass(slots=True, eq=False)
class Post:
    index: int
    role: str
    team: int  # -1 above team level
    unit: str  # the `team` column of its holders
    supervisor_post: int  # -1 for the head of service
    holders: list[Tenure] = field(default_factory=list)

    def holder_on(self, day: int) -> Tenure | None:
        for tenure in reversed(self.holders):
            if tenure.start <= day:
                return tenure if tenure.end is None or day <= tenure.end else None
        return None


@dataclass(slots=True, eq=False)
class Team:
    index: int
    name: str
    kind: str
    manager_post: int
    atm_post: int  # -1 when the team has no assistant team manager
    posts: list[int] = field(default_factory=list)
    case_posts: list[int] = field(default_factory=list)
    capacity: float = 0.0
    load: int = 0


@dataclass(slots=True, eq=False)
class Absence:
    start: int
    end: int | None  # None = still absent on as_of
    reason: str
    planned: bool


@dataclass(slots=True, eq=False)
class Person:
    index: int
    staff_id: str
    name: str
    email: str
    role: str
    contract: str
    hours: str
    started_on: int
    qualified_on: int | None
    asye: bool
    leave_on: int | None  # last day of employment when on or before as_of
    reliability: float  # 0 = punctual supervisor and note-taker … 1 = chronically late
    tenures: list[Tenure] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    absence_starts: list[int] = field(default_factory=list)
    away: list[tuple[int, int]] = field(default_factory=list)  # cases handed over meanwhile
    capability: list[tuple[int, int | None]] = field(default_factory=list)
    training_on: int | None = None
    archived_on: int | None = None
    destroyed_on: int | None = None
    last_move: int = -(10**9)
    asye_half: int = 0  # for an ASYE: started_on + 6 months, + 12 months (0 otherwise)
    asye_until: int = 0

    def absence_on(self, day: int) -> Absence | None:
        i = bisect_right(self.absence_starts, day) - 1
        if i < 0:
            return None
        absence = self.absences[i]
        return absence if absence.end is None or day <= absence.end else None

    def away_on(self, day: int) -> bool:
        return any(start <= day <= end for start, end in self.away)

    def in_capability(self, day: int) -> bool:
        return any(start <= day and (end is None or day <= end) for start, end in self.capability)


@dataclass(slots=True, eq=False)
class Line:
    """Who supervises whom (`cover` for a temporary arrangement while the usual one is away)."""

    supervisee: int
    supervisor: int
    start: int
    end: int | None
    cover: bool = False
    base: int = 30  # the pair's usual days between sessions
    frequency: str = ""  # agreed frequency written on the agreement
    first_held: int | None = None


@dataclass(slots=True, eq=False)
class Child:
    index: int
    child_id: str
    name: str
    born_on: int
    opened_on: int
    closed_on: int | None
    trajectory: str  # cin, cp, cic, care_leaver, disabled
    phases: list[tuple[int, str]]  # (first day, kind of team holding the case)
    statuses: list[tuple[str, int, int | None]]
    service: str = ""
    particularly_vulnerable: bool = False
    risk_rating: str = ""
    agreed_interval: str = ""
    agreed_by: int = -1
    permanence_plan_on: int | None = None
    weight: float = 1.0  # how readily the worker brings the case to supervision
    kind: str = ""  # kind of team the case currently belongs with
    current: Allocation | None = None


@dataclass(slots=True, eq=False)
class Allocation:
    child: int
    person: int
    team: int
    start: int
    end: int | None = None


@dataclass(slots=True, eq=False)
class World:
    """Everything generated so far, plus the random streams and the window of history."""

    seed: int
    as_of: int
    start: int  # first day of generated history
    posts: list[Post] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    usual_lines: dict[int, list[Line]] = field(default_factory=dict)
    cover_lines: dict[int, list[Line]] = field(default_factory=dict)
    supervising: dict[int, list[Line]] = field(default_factory=dict)
    children: list[Child] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    events: list[tuple[int, int, str, str]] = field(default_factory=list)  # day, person, kind, note

    def rng(self, purpose: str) -> random.Random:
        """A reproducible stream per purpose: one part's draws never shift another's."""
        return random.Random(f"{self.seed}/{purpose}")

    def event(self, person: int, day: int, kind: str, note: str = "") -> None:
        if self.start <= day <= self.as_of:
            self.events.append((day, person, kind, note))

    def clip(self, day: int | None) -> int | None:
        """A date that has not happened yet on as_of is not known: no value."""
        return day if day is not None and day <= self.as_of else None
