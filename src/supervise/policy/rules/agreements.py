"""Supervision agreements: A1 `agreement` and A2 `agreement_review`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from supervise.policy.findings import Duty
from supervise.policy.pack import AgreementRule, Every, Source
from supervise.policy.situation import Situation


def _renewal_trigger(
    s: Situation, staff_id: str, rule: AgreementRule
) -> tuple[date, str, Source] | None:
    """The latest event after which the pack asks for a new agreement (York, Nottingham)."""
    triggers: list[tuple[date, str, Source]] = []
    source = rule.renew_after.get("extended_absence")
    if source is not None:
        end = s.latest_extended_absence_end(staff_id, before=s.as_of)
        if end is not None:
            # The day they came back, as for personal supervision's clock (RULES.md P1).
            triggers.append((end + timedelta(days=1), "returned from extended absence", source))
    source = rule.renew_after.get("grade_change")
    if source is not None:
        event = s.latest_event(staff_id, ("grade_change",))
        if event is not None:
            triggers.append((event.on, "grade change", source))
    return max(triggers, key=lambda t: t[0]) if triggers else None


def agreement(s: Situation, rule: AgreementRule) -> Iterator[Duty]:
    for staff in s.staff.values():
        if not s.pack.covers(staff.role) or not s.in_post(staff):
            continue
        line = s.usual_line(staff.staff_id)
        if line is None:  # cover lines need no agreement
            continue
        signed = [
            a.signed_on
            for a in s.agreements_of.get(staff.staff_id, ())
            if a.supervisor_id == line.supervisor_id and a.signed_on is not None
        ]
        trigger = _renewal_trigger(s, staff.staff_id, rule)
        if trigger is None:
            if signed:
                continue
            start, why, source = line.starts_on, "new supervisory relationship", rule.source
        else:
            trigger_on, why, source = trigger
            if any(day >= trigger_on for day in signed):
                continue
            start = max(trigger_on, line.starts_on)
        if rule.due == "relationship_start":
            due_on, first_session = start, None
        else:
            first = s.first_held_formal_with(staff.staff_id, line.supervisor_id, start)
            if first is None or first.held_on is None:
                continue  # due at the first session, and there has been none yet
            due_on, first_session = first.held_on, first.session_id
        yield Duty(
            rule="agreement",
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=due_on,
            source=source,
            facts={
                "supervisor_id": line.supervisor_id,
                "line_from": line.starts_on,
                "needed_since": start,
                "because": why,
                "first_session": first_session,
                "due": rule.due.replace("_", " "),
            },
        )


def agreement_review(s: Situation, rule: Every) -> Iterator[Duty]:
    for staff in s.staff.values():
        if not s.pack.covers(staff.role) or not s.in_post(staff):
            continue
        current = s.current_agreement(staff.staff_id)
        if current is None or current.signed_on is None:
            continue  # no agreement in force: that is the `agreement` rule's finding
        yield Duty(
            rule="agreement_review",
            subject_type="staff",
            subject_id=staff.staff_id,
            due_on=rule.every.after(current.signed_on),
            source=rule.source,
            facts={
                "agreement_id": current.agreement_id,
                "signed_on": current.signed_on,
                "supervisor_id": current.supervisor_id,
                "interval": str(rule.every),
            },
        )
