"""P1 `personal_supervision`: a held formal session at least every *interval*."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from supervise.policy.categories import DESCRIPTIONS
from supervise.policy.findings import Duty
from supervise.policy.pack import PersonalSupervision
from supervise.policy.situation import Situation

RULE = "personal_supervision"


def personal_supervision(s: Situation, rule: PersonalSupervision) -> Iterator[Duty]:
    returning_for = rule.returning_for.interval if rule.returning_for else None
    for staff in s.staff.values():
        if not s.pack.covers(staff.role) or not s.in_post(staff):
            continue
        line = s.any_line(staff.staff_id)
        if line is None:  # supervised outside the authority's children's services
            continue

        # The clock starts at the latest of these (RULES.md P1); ties keep the first named.
        starts: list[tuple[date, str]] = []
        last = s.last_held_formal(staff.staff_id)
        if last is not None and last.held_on is not None:
            starts.append((last.held_on, "last formal session"))
        starts.append((staff.started_on, "started in post"))
        absence_end = s.latest_extended_absence_end(staff.staff_id, before=s.as_of)
        if absence_end is not None:
            starts.append((absence_end + timedelta(days=1), "returned from extended absence"))
        if returning_for is not None:
            event = s.latest_event(staff.staff_id, ("role_change", "team_transfer"))
            if event is not None:
                starts.append((event.on, event.kind.replace("_", " ")))
        reference, reference_is = max(starts, key=lambda start: start[0])

        categories = s.categories(staff, reference, returning_for)
        category = next(c for c in categories if c in rule.every)
        chosen = rule.every[category]
        due_on = chosen.interval.after(reference)
        interval = str(chosen.interval)
        basis = category.replace("asye_", "asye ", 1)
        why = DESCRIPTIONS[category]
        if category == "default" and categories[0] != "default":
            # e.g. a senior practitioner in a pack that gives them no interval of their own
            why = f"{DESCRIPTIONS[categories[0]]}: the pack's general minimum applies"
        source = chosen.source

        # An agreed frequency wins only when it is shorter (RULES.md section 2).
        agreement = s.current_agreement(staff.staff_id)
        if agreement is not None and agreement.frequency is not None:
            agreed_due = agreement.frequency.after(reference)
            if agreed_due < due_on:
                due_on, interval = agreed_due, str(agreement.frequency)
                basis = "agreed frequency"
                why = f"frequency agreed in supervision agreement {agreement.agreement_id}"

        yield Duty(
            rule=RULE,
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=due_on,
            source=source,
            facts={
                "last_held_on": last.held_on if last else None,
                "reference_on": reference,
                "reference": reference_is,
                "interval": interval,
                "basis": basis,
                "why": why,
                "supervisor_id": line.supervisor_id,
                "cover": line.cover,
            },
        )
