"""Staff categories of RULES.md section 2, and the order in which they choose an interval.

A category is derived for a staff member *on a given day*: the same worker is `asye weeks_1_6` in
their first six weeks and `experienced` years later. Personal supervision (P1) asks for the
category on its reference date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from supervise.policy.dates import Interval, add_months
from supervise.policy.model import MANAGER_ROLES, Absence, Staff, StaffEvent

ASYE_PHASES = ("asye_weeks_1_6", "asye_to_6_months", "asye_to_12_months")

# Every category a pack may give a personal-supervision interval, in precedence order (RULES.md
# section 4: "asye phase, then returning, then role rows, then newly_qualified, then unqualified,
# then default"). `capability` is not in the spec's list because no pack of the five sets it
# (York sets the frequency in the agreement); a pack that does gets it right after `returning`,
# since both are a temporary need for more support (docs/decisions/0003-rule-readings.md).
PRECEDENCE = (
    *ASYE_PHASES,
    "returning",
    "capability",
    "senior_practitioner",
    "sessional",
    "admin",
    "manager",
    "newly_qualified",
    "unqualified",
    "default",
)
CATEGORIES = frozenset(PRECEDENCE)

ROLE_CATEGORY = {
    "senior_practitioner": "senior_practitioner",
    "sessional_worker": "sessional",
    "admin": "admin",
    **dict.fromkeys(MANAGER_ROLES, "manager"),
}

# Words for people, used in findings' facts ("why is this worker listed?").
DESCRIPTIONS = {
    "asye_weeks_1_6": "ASYE, first 6 weeks",
    "asye_to_6_months": "ASYE, 6 weeks to 6 months",
    "asye_to_12_months": "ASYE, 6 to 12 months",
    "returning": "returning (role change, transfer or long absence)",
    "capability": "under capability procedures",
    "senior_practitioner": "senior practitioner",
    "sessional": "sessional worker",
    "admin": "admin staff",
    "manager": "manager",
    "newly_qualified": "qualified under 12 months",
    "unqualified": "unqualified",
    "default": "experienced",
}


def asye_phase(staff: Staff, day: date) -> str | None:
    """The ASYE phase on `day`, or None when the worker is not (or no longer) in their ASYE."""
    if not staff.asye or day >= add_months(staff.started_on, 12):
        return None
    if (day - staff.started_on).days <= 41:
        return "asye_weeks_1_6"
    if day < add_months(staff.started_on, 6):
        return "asye_to_6_months"
    return "asye_to_12_months"


def is_extended(absence: Absence, extended_days: int) -> bool:
    """An absence of `extended_days` or more, counted when its end is known."""
    return (
        absence.ends_on is not None
        and (absence.ends_on - absence.starts_on).days + 1 >= extended_days
    )


def returning_since(
    day: date,
    absences: Sequence[Absence],
    events: Sequence[StaffEvent],
    extended_days: int,
    returning_for: Interval,
) -> date | None:
    """The start of a `returning` period that `day` falls in, if any.

    A period starts on the return from an extended absence (the day after it ends) or on the day of
    a `role_change` or `team_transfer` event, and lasts `returning_for` (Hull: "fortnightly for the
    first 2 months"): start <= day < start + returning_for.
    """
    starts = [
        a.ends_on + timedelta(days=1)
        for a in absences
        if a.ends_on is not None and is_extended(a, extended_days)
    ]
    starts += [e.on for e in events if e.kind in ("role_change", "team_transfer")]
    current = [s for s in starts if s <= day < returning_for.after(s)]
    return max(current) if current else None


def under_capability(day: date, events: Sequence[StaffEvent]) -> bool:
    """Inside a `capability_start` … `capability_end` pair (an open start counts)."""
    inside = False
    for event in events:  # sorted by day
        if event.on > day:
            break
        if event.kind == "capability_start":
            inside = True
        elif event.kind == "capability_end":
            inside = False
    return inside


def categories_on(
    staff: Staff,
    day: date,
    absences: Sequence[Absence],
    events: Sequence[StaffEvent],
    extended_days: int,
    returning_for: Interval | None,
) -> list[str]:
    """Every category the staff member is in on `day`, in precedence order, ending in `default`.

    `returning_for` is None for packs that do not use the `returning` category.
    """
    found: list[str] = []
    phase = asye_phase(staff, day)
    if phase:
        found.append(phase)
    if returning_for is not None and returning_since(
        day, absences, events, extended_days, returning_for
    ):
        found.append("returning")
    if under_capability(day, events):
        found.append("capability")
    role_category = ROLE_CATEGORY.get(staff.role)
    if role_category:
        found.append(role_category)
    if staff.qualified_on is None:
        found.append("unqualified")
    elif phase is None and day < add_months(staff.qualified_on, 12):
        found.append("newly_qualified")
    found.append("default")
    return found
