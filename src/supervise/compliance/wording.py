"""A finding's facts (`Duty.facts`, the engine's "why") in words for people."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from supervise.policy.dates import format_long
from supervise.sessions.duty_words import UNCOUNTED_KIND_WORDS, agreement_in_words

# fact key -> the words before its value; keys not named here are not shown (they are ids
# the reader cannot use, or repeat what the row already says).
LABELS = {
    "why": "Applies because",
    "basis": "Interval set by",
    "interval": "Required at least every",
    "within": "Required within",
    "retention": "Kept for",
    "deadline": "Deadline",
    "reference": "Counted from",
    "reference_on": "Counted from the date",
    "last_held_on": "Last supervision held",
    "last_discussed_on": "Last discussed in supervision",
    "last_group_discussion_on": "Last discussed in group supervision",
    "sessions_since": "Supervision sessions since then",
    "allocated_to": "Allocated worker",
    "allocated_on": "Allocated on",
    "statuses": "Child's circumstances",
    "held_on": "Session held",
    "kind": "Kind of session",
    "child_id": "Child",
    "supervisee_id": "Supervisee",
    "supervisor_id": "Supervisor",
    "cover": "Supervised by a cover supervisor",
    "waiting_for": "Waiting for the signature of",
    "casenote_added_on": "Case note added",
    "line_from": "Supervised by them since",
    "needed_since": "Needed since",
    "because": "Because",
    "due": "Needed by",
    "signed_on": "Agreement signed",
    "scheduled_on": "Cancelled session was due on",
    "cancelled_by": "Cancelled by",
    "cancel_reason": "Reason given",
    "counted_from": "Counted from",
    "cancelled_on": "Cancelled sessions were due on",
    "last_escalated_on": "Last escalated",
    "supervisor_absent_from": "Supervisor absent from",
    "supervisor_absent_to": "Supervisor absent until",
    "absence_planned": "Planned absence",
    "threshold_days": "Cover needed after an absence of (days)",
    "cover_within_days": "Cover to be arranged within (days)",
    "last_observed_on": "Last observed",
    "first_supervised_on": "First supervised someone on",
    "last_appraisal_on": "Last appraisal",
    "started_on": "Started in post",
    "left_on": "Left",
    "uncounted_kind": "Discussed since in a kind of session this policy does not count",
}
STAFF_KEYS = {"allocated_to", "supervisee_id", "supervisor_id"}
# Facts another one already says: (fact, shown only when this other fact is absent).
SAID_BY = {
    "reference_on": "reference",
    "last_held_on": "reference",
    "last_discussed_on": "reference",
    "last_group_discussion_on": "reference",
    "basis": "why",
}


CHILD_KEYS = {"child_id"}

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def interval_words(text: str) -> str:
    """'P1M' -> '1 month', 'P14D' -> '14 days', 'P1M14D' -> '1 month and 14 days'."""
    match = _DURATION.match(text or "")
    if not match or text == "P":
        return text
    parts = []
    for amount, unit in zip(match.groups(), ("year", "month", "week", "day"), strict=True):
        if amount:
            n = int(amount)
            parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
    return " and ".join(parts) or text


def _plain(text: str) -> str:
    return text.replace("_", " ")


def value_words(
    key: str,
    value: Any,
    staff_name: Callable[[str], str],
    child_name: Callable[[str], str],
) -> str:
    if value is None or value == [] or value == "":
        return "none recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return format_long(value)
    if isinstance(value, list | tuple):
        words = [value_words(key, v, staff_name, child_name) for v in value]
        return ", ".join(words)
    if key in STAFF_KEYS:
        return staff_name(str(value))
    if key in CHILD_KEYS:
        return child_name(str(value))
    if key in ("interval", "within", "retention"):
        return interval_words(str(value))
    if key == "why":
        return _plain(agreement_in_words(str(value)))
    if key == "because" and value == "new supervisory relationship":
        # The engine's reason for A1 is the relationship, however long ago it began (the line
        # may have started years before the data): say what is missing, not that it is new.
        return "no agreement signed by both with the current supervisor"
    return _plain(str(value))


def facts_in_words(
    facts: dict[str, Any],
    staff_name: Callable[[str], str],
    child_name: Callable[[str], str],
    due_on: date | None = None,
) -> list[tuple[str, str]]:
    """(label, words) for each fact a person can use, in the order the rule gave them."""
    out = []
    for key, value in facts.items():
        if key not in LABELS:
            continue
        if key in SAID_BY and SAID_BY[key] in facts:
            continue
        if key == "needed_since" and value == facts.get("line_from"):
            continue  # a new relationship: needed since the line began, said just above
        if key == "cover" and not value:
            continue  # only worth saying when the supervisor is covering
        words = value_words(key, value, staff_name, child_name)
        if key == "reference" and isinstance(facts.get("reference_on"), date):
            words = f"{words} on {format_long(facts['reference_on'])}"
        if key == "due" and value == "first session" and due_on is not None:
            # The line may have begun years before the first session recorded together: the
            # due date is that session's day, and saying so makes the two dates agree.
            words = f"the first session together, held on {format_long(due_on)}"
        if key == "uncounted_kind" and isinstance(facts.get("uncounted_on"), date):
            kind = UNCOUNTED_KIND_WORDS.get(str(value), words)
            words = f"{kind} on {format_long(facts['uncounted_on'])}"
        out.append((LABELS[key], words))
    return out
