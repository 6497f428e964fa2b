"""A duty's facts in words for people: *why* a worker or child is listed and by when.

The engine gives facts as a dict (RULES.md section 5: "the facts it was computed from"); a
manager reads "Last supervised Tuesday 27 October 2026; ASYE, 6 weeks to 6 months: every 14
days". One function per rule; anything unknown falls back to the facts as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from supervise.policy.dates import Interval, format_long
from supervise.policy.findings import Duty

Names = Mapping[str, str]
# The duty's due date, given to the wording functions with the facts (no fact has this name).
DUE_ON = "_due_on"


def interval_words(value: Interval | str) -> str:
    """'P14D' -> '2 weeks', 'P10D' -> '10 days', 'P1M' -> 'month', 'P2M' -> '2 months'
    (read after 'every')."""
    interval = value if isinstance(value, Interval) else Interval.parse(str(value))
    parts = []
    if interval.months:
        if interval.months % 12 == 0 and interval.months > 12:
            parts.append(f"{interval.months // 12} years")
        elif interval.months == 1:
            parts.append("month")
        else:
            parts.append(f"{interval.months} months")
    if interval.days and not interval.months and interval.days % 7 == 0:
        # As people and the policies say it: "every 3 weeks", not "every 21 days".
        weeks = interval.days // 7
        parts.append("week" if weeks == 1 else f"{weeks} weeks")
    elif interval.days:
        parts.append("day" if interval.days == 1 else f"{interval.days} days")
    if len(parts) == 2 and parts[0] == "month":
        parts[0] = "1 month"
    return " and ".join(parts)


def every(value: Any) -> str:
    try:
        return f"every {interval_words(str(value))}"
    except ValueError:
        return f"every {value}"


def within(value: Any) -> str:
    try:
        words = interval_words(str(value))
    except ValueError:
        return f"within {value}"
    return f"within {'1 month' if words == 'month' else words}"


def _day(value: Any) -> str:
    return format_long(value) if isinstance(value, date) else str(value)


def _plain(text: str) -> str:
    """Vocabulary ids as words: 'child_protection_plan' -> 'child protection plan'."""
    return text.replace("_", " ")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _personal_supervision(f: Mapping[str, Any], names: Names) -> str:
    reference = f.get("reference", "")
    on = _day(f.get("reference_on"))
    start = {
        "last formal session": f"Last supervised {on}",
        "started in post": f"Started in post {on}"
        + ("" if f.get("last_held_on") else ", not supervised since"),
        "returned from extended absence": f"Back from extended absence {on}",
    }.get(reference, f"{_capital(_plain(str(reference)))} {on}")
    cover = " (with a cover supervisor)" if f.get("cover") else ""
    # The engine says "senior practitioner: the pack's general minimum applies"; in a sentence
    # that already has a colon, a comma reads better.
    category = agreement_in_words(str(f.get("why", ""))).replace(
        ": the pack's general minimum applies", ", general minimum"
    )
    return f"{start}; {_capital(category)}: {every(f.get('interval'))}{cover}"


_AGREEMENT_ID = re.compile(r"\bsupervision agreement \S+")


def agreement_in_words(text: str) -> str:
    """'frequency agreed in supervision agreement AG-bd37…' names the agreement by an id nobody
    uses: 'frequency agreed in the supervision agreement'."""
    return _AGREEMENT_ID.sub("the supervision agreement", text)


def _case_reference(f: Mapping[str, Any], key: str = "last_discussed_on") -> str:
    if f.get("reference") == "last discussed":
        return f"Last discussed {_day(f.get('reference_on'))}"
    last = f.get(key)
    since = f" (last discussed {_day(last)}, before this allocation)" if last else ""
    return f"Allocated {_day(f.get('reference_on'))}, not discussed since{since}"


def _uncounted(f: Mapping[str, Any]) -> str:
    """'; discussed in group supervision on 14 Oct 2026, which does not count under this
    policy' — so that a later group discussion is not taken for a forgotten child."""
    if not f.get("uncounted_on"):
        return ""
    kind = UNCOUNTED_KIND_WORDS.get(str(f.get("uncounted_kind")), "another kind of session")
    on = _day(f.get("uncounted_on"))
    return f"; discussed in {kind} on {on}, which does not count under this policy"


UNCOUNTED_KIND_WORDS = {
    "group": "group supervision",
    "informal": "an informal discussion",
    "oversight": "management oversight",
    "formal": "formal supervision",
}


def _case_supervision(f: Mapping[str, Any], names: Names) -> str:
    basis = _plain(str(f.get("basis", "")))
    return f"{_case_reference(f)}; {basis}: {every(f.get('interval'))}{_uncounted(f)}"


def _case_every_other_session(f: Mapping[str, Any], names: Names) -> str:
    held = ", ".join(_day(d) for d in f.get("sessions_since", ()))
    return f"{_case_reference(f)}; not discussed in the worker's sessions of {held}{_uncounted(f)}"


def _group_case_supervision(f: Mapping[str, Any], names: Names) -> str:
    basis = _plain(str(f.get("basis", "")))
    return (
        f"{_case_reference(f, 'last_group_discussion_on')} in group supervision; {basis}: "
        f"{every(f.get('interval'))}"
    )


def _case_first_discussion(f: Mapping[str, Any], names: Names) -> str:
    return f"Allocated {_day(f.get('allocated_on'))}: first discussed {within(f.get('interval'))}"


def _held(f: Mapping[str, Any]) -> str:
    return f"Held {_day(f.get('held_on'))}"


def _case_record(f: Mapping[str, Any], names: Names) -> str:
    return (
        f"Discussed {_day(f.get('held_on'))}; the entry goes on the child's record within "
        f"{f.get('deadline')}"
    )


def _personal_record(f: Mapping[str, Any], names: Names) -> str:
    return f"{_held(f)}; the record is completed within {f.get('deadline')}"


def _record_signoff(f: Mapping[str, Any], names: Names) -> str:
    waiting = " and the ".join(f.get("waiting_for") or ()) or "signatures"
    return f"{_held(f)}; waiting for the {waiting} to sign; both sign within {f.get('deadline')}"


def _record_finalised(f: Mapping[str, Any], names: Names) -> str:
    return (
        f"Case note added {_day(f.get('casenote_added_on'))}; the manager reviews and finalises "
        f"within {f.get('deadline')}"
    )


def _agreement(f: Mapping[str, Any], names: Names) -> str:
    """RULES.md A1. A new relationship (the line's `from`, however long ago) needs an agreement
    signed by both by the first session together; a renewal (York, Nottingham) by the first
    session together after its trigger. The due date is that session's day, so it is named: the
    line may have started years before the first session recorded with this supervisor."""
    because = str(f.get("because") or "new supervisory relationship")
    supervisor = names.get(str(f.get("supervisor_id")), "the current supervisor")
    due_on = f.get(DUE_ON)
    first = f.get("due") == "first session"
    if because == "new supervisory relationship":
        start = f"Supervised by {supervisor} since {_day(f.get('line_from'))}"
        need = "an agreement signed by both"
        session = "the first session together"
    else:
        start = f"{_capital(because)} {_day(f.get('needed_since'))}"
        need = f"a new agreement with {supervisor} signed by both"
        session = "the first session together since then"
    if not first:
        return f"{start}: {need} was needed from {_day(due_on or f.get('needed_since'))}"
    held = f", held {_day(due_on)}" if due_on else ""
    return f"{start}: {need} was needed by {session}{held}"


def _agreement_review(f: Mapping[str, Any], names: Names) -> str:
    return f"Agreement signed {_day(f.get('signed_on'))}: reviewed {every(f.get('interval'))}"


def _reschedule(f: Mapping[str, Any], names: Names) -> str:
    who = f.get("cancelled_by") or "someone"
    reason = "sickness" if f.get("cancel_reason") == "sickness" else "another reason"
    return (
        f"Session of {_day(f.get('scheduled_on'))} cancelled by the {who} ({reason}); counted "
        f"from {_day(f.get('counted_from'))}: a replacement held within {f.get('deadline')}"
    )


def _cancellation_escalation(f: Mapping[str, Any], names: Names) -> str:
    days = ", ".join(_day(d) for d in f.get("cancelled_on", ()))
    return f"Supervisor cancelled on {days} ({within(f.get('within'))}): escalate"


def _supervisor_absence_cover(f: Mapping[str, Any], names: Names) -> str:
    supervisor = names.get(str(f.get("supervisor_id")), "The supervisor")
    return (
        f"{supervisor} absent since {_day(f.get('supervisor_absent_from'))}, longer than "
        f"{f.get('threshold_days')} days: a cover supervisor is needed"
    )


def _observation(f: Mapping[str, Any], names: Names) -> str:
    last = f.get("last_observed_on")
    start = f"Last observed {_day(last)}" if last else "Not observed yet"
    return f"{start}: {every(f.get('interval'))}"


def _supervisor_training(f: Mapping[str, Any], names: Names) -> str:
    return (
        f"First supervised staff {_day(f.get('first_supervised_on'))}: core training "
        f"{within(f.get('within'))}"
    )


def _file_archive(f: Mapping[str, Any], names: Names) -> str:
    return f"Left {_day(f.get('left_on'))}: file archived with HR {within(f.get('within'))}"


def _file_destruction(f: Mapping[str, Any], names: Names) -> str:
    return f"Left {_day(f.get('left_on'))}: file destroyed after {f.get('retention')}"


def _appraisal(f: Mapping[str, Any], names: Names) -> str:
    last = f.get("last_appraisal_on")
    start = f"Last appraisal {_day(last)}" if last else f"Started {_day(f.get('started_on'))}"
    return f"{start}: {every(f.get('interval'))}"


WORDS: dict[str, Callable[[Mapping[str, Any], Names], str]] = {
    "personal_supervision": _personal_supervision,
    "case_supervision": _case_supervision,
    "case_every_other_session": _case_every_other_session,
    "group_case_supervision": _group_case_supervision,
    "case_first_discussion": _case_first_discussion,
    "case_record": _case_record,
    "personal_record": _personal_record,
    "record_signoff": _record_signoff,
    "record_finalised": _record_finalised,
    "agreement": _agreement,
    "agreement_review": _agreement_review,
    "reschedule": _reschedule,
    "cancellation_escalation": _cancellation_escalation,
    "supervisor_absence_cover": _supervisor_absence_cover,
    "observation_of_supervision": _observation,
    "observation_of_practice": _observation,
    "supervisor_training": _supervisor_training,
    "file_archive": _file_archive,
    "file_destruction": _file_destruction,
    "appraisal": _appraisal,
}


def why(duty: Duty, names: Names | None = None) -> str:
    """The duty's facts in one sentence."""
    names = names or {}
    words = WORDS.get(duty.rule)
    if words is not None:
        try:
            # The due date too: some facts only make sense with it (A1's first session).
            return words({**duty.facts, DUE_ON: duty.due_on}, names)
        except (KeyError, TypeError, ValueError):
            pass  # facts of an unexpected shape: show them as they are rather than fail
    return "; ".join(f"{_plain(k)}: {_day(v)}" for k, v in duty.facts.items() if v is not None)
