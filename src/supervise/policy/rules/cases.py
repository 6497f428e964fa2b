"""Case supervision of children: P2 `case_supervision`, P3 `case_every_other_session`,
P4 `group_case_supervision`, P5 `case_first_discussion`.

Only open children with an allocation in force on `as_of` have these duties (RULES.md section 1:
unallocated children are the front door's problem, listed separately).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date

from supervise.policy.dates import Interval
from supervise.policy.findings import Duty
from supervise.policy.model import Allocation, Child
from supervise.policy.pack import (
    CaseEveryOtherSession,
    CaseSupervision,
    ChildCondition,
    Cited,
    GroupCaseSupervision,
    Source,
    Within,
)
from supervise.policy.situation import Situation


def allocated_open_children(s: Situation) -> Iterator[tuple[Child, Allocation]]:
    for child in s.children.values():
        if not s.is_open(child):
            continue
        allocation = s.current_allocation(child.child_id)
        if allocation is not None:
            yield child, allocation


def _reference(last: date | None, allocation: Allocation) -> tuple[date, str]:
    """The latest of the last qualifying discussion and the start of the current allocation."""
    if last is not None and last >= allocation.starts_on:
        return last, "last discussed"
    return allocation.starts_on, "allocated"


def _uncounted(
    s: Situation, child_id: str, kinds: frozenset[str], last: date | None
) -> dict[str, object]:
    """Facts naming a later discussion that does not count, if there is one."""
    uncounted = s.later_uncounted_discussion(child_id, kinds, last)
    if uncounted is None:
        return {}
    kind, day = uncounted
    return {"uncounted_kind": kind, "uncounted_on": day}


def _matches(condition: ChildCondition, child: Child, statuses: set[str], s: Situation) -> bool:
    if condition.statuses and not condition.statuses & statuses:
        return False
    if condition.permanence_plan is not None:
        has_plan = child.permanence_plan_on is not None and child.permanence_plan_on <= s.as_of
        if has_plan != condition.permanence_plan:
            return False
    if (
        condition.particularly_vulnerable is not None
        and child.particularly_vulnerable != condition.particularly_vulnerable
    ):
        return False
    return not condition.services or child.service in condition.services


def _shortest(
    options: list[tuple[Interval, Source, str]], reference: date
) -> tuple[Interval, Source, str]:
    """The option giving the earliest due date; on a tie, the first listed."""
    return min(options, key=lambda option: option[0].after(reference))


def _backstop(
    rule: CaseSupervision, child: Child, statuses: set[str], s: Situation
) -> tuple[Interval, Source, str]:
    """The every-child interval, unless a manager agreed the pack's longer one or the pack
    lengthens it. An agreed interval other than the pack's (P1M, P4M, P9M) changes nothing: the
    policy allows one longer interval, not any (RULES.md section 4)."""
    agreed = rule.agreed_longer
    if (
        agreed is not None
        and child.service in agreed.services
        and child.agreed_interval == agreed.every
        and (child.agreed_by is not None or not agreed.requires_agreed_by)
    ):
        who = f" by {child.agreed_by}" if child.agreed_by else ""
        return agreed.every, agreed.source, f"interval agreed{who} for {child.service}"
    longer = [
        (entry.every, entry.source, entry.when.describe())
        for entry in rule.less_often
        if _matches(entry.when, child, statuses, s)
    ]
    if longer:
        return _shortest(longer, s.as_of)
    return rule.every.interval, rule.every.source, "every open allocated child"


def case_supervision(s: Situation, rule: CaseSupervision) -> Iterator[Duty]:
    kinds = s.pack.qualifying_kinds
    for child, allocation in allocated_open_children(s):
        statuses = s.statuses_today(child.child_id)
        last = s.last_discussion(child.child_id, kinds)
        reference, reference_is = _reference(last, allocation)
        options = [
            (entry.every, entry.source, entry.when.describe())
            for entry in rule.more_often
            if _matches(entry.when, child, statuses, s)
        ]
        options.append(_backstop(rule, child, statuses, s))
        interval, source, basis = _shortest(options, reference)
        yield Duty(
            rule="case_supervision",
            subject_type="child",
            subject_id=child.child_id,
            due_on=interval.after(reference),
            source=source,
            facts={
                "last_discussed_on": last,
                "reference_on": reference,
                "reference": reference_is,
                "interval": str(interval),
                "basis": basis,
                "allocated_to": allocation.staff_id,
                "allocated_on": allocation.starts_on,
                "statuses": sorted(statuses),
                **_uncounted(s, child.child_id, kinds, last),
            },
        )


def case_every_other_session(s: Situation, rule: CaseEveryOtherSession) -> Iterator[Duty]:
    kinds = s.pack.qualifying_kinds
    held_days: dict[str, list[date]] = {}
    for child, allocation in allocated_open_children(s):
        worker = allocation.staff_id
        if worker not in held_days:
            held_days[worker] = [x.held_on for x in s.held_formal_of.get(worker, ()) if x.held_on]
        days = held_days[worker]
        last = s.last_discussion(child.child_id, kinds)
        reference, reference_is = _reference(last, allocation)
        after = bisect_right(days, reference)  # sessions strictly after the reference date
        if len(days) - after < rule.sessions:
            continue
        due_on = days[after + rule.sessions - 1]
        yield Duty(
            rule="case_every_other_session",
            subject_type="child",
            subject_id=child.child_id,
            due_on=due_on,
            source=rule.source,
            facts={
                "last_discussed_on": last,
                "reference_on": reference,
                "reference": reference_is,
                "sessions_since": days[after:],
                "allocated_to": worker,
                **_uncounted(s, child.child_id, kinds, last),
            },
        )


def group_case_supervision(s: Situation, rule: GroupCaseSupervision) -> Iterator[Duty]:
    group = frozenset({"group"})
    for child, allocation in allocated_open_children(s):
        if child.risk_rating is None or child.risk_rating not in rule.every:
            continue
        chosen: Cited = rule.every[child.risk_rating]
        last = s.last_discussion(child.child_id, group)
        reference, reference_is = _reference(last, allocation)
        yield Duty(
            rule="group_case_supervision",
            subject_type="child",
            subject_id=child.child_id,
            due_on=chosen.interval.after(reference),
            source=chosen.source,
            facts={
                "last_group_discussion_on": last,
                "reference_on": reference,
                "reference": reference_is,
                "interval": str(chosen.interval),
                "basis": f"risk rating {child.risk_rating}",
                "allocated_to": allocation.staff_id,
            },
        )


def case_first_discussion(s: Situation, rule: Within) -> Iterator[Duty]:
    kinds = s.pack.qualifying_kinds
    for child, allocation in allocated_open_children(s):
        last = s.last_discussion(child.child_id, kinds)
        if last is not None and last >= allocation.starts_on:
            continue  # discussed since this allocation began (on time or late)
        yield Duty(
            rule="case_first_discussion",
            subject_type="child",
            subject_id=child.child_id,
            due_on=rule.within.after(allocation.starts_on),
            source=rule.source,
            facts={
                "allocated_on": allocation.starts_on,
                "allocated_to": allocation.staff_id,
                "interval": str(rule.within),
            },
        )
