"""One reader per rule of RULES.md section 3: the rule's TOML table of a pack into its typed
configuration (`supervise.policy.pack_model`), refusing unknown keys and values."""

from __future__ import annotations

from collections.abc import Callable

from supervise.policy.categories import CATEGORIES
from supervise.policy.model import CHILD_STATUSES, RISK_RATINGS
from supervise.policy.pack_model import (
    AgreedLonger,
    AgreementRule,
    CancellationEscalation,
    CaseEveryOtherSession,
    CaseInterval,
    CaseSupervision,
    ChildCondition,
    Cited,
    Deadline,
    DeadlineRule,
    Every,
    GroupCaseSupervision,
    PersonalSupervision,
    RuleConfig,
    Source,
    SupervisorAbsenceCover,
    Within,
)
from supervise.policy.pack_table import Table, names_list


def _personal_supervision(t: Table) -> PersonalSupervision:
    every_table = t.table("every")
    assert every_table is not None
    every: dict[str, Cited] = {}
    for category in list(every_table.data):
        if category not in CATEGORIES:
            raise every_table.error(
                category, f"unknown staff category; expected one of {names_list(CATEGORIES)}"
            )
        every[category] = every_table.cited(category)
    every_table.done()
    if "default" not in every:
        raise every_table.error("default", "is required (the interval for anyone not listed)")
    returning = t.cited("returning_for") if t.has("returning_for") else None
    if "returning" in every and returning is None:
        raise t.error("returning_for", "is required when a `returning` interval is given")
    if returning is not None and "returning" not in every:
        raise t.error("returning_for", "is only meaningful with a `returning` interval")
    return PersonalSupervision(source=t.source(), every=every, returning_for=returning)


def _condition(t: Table) -> ChildCondition:
    when = t.table("when")
    assert when is not None
    condition = ChildCondition(
        statuses=when.choices("statuses", CHILD_STATUSES),
        permanence_plan=when.get("permanence_plan", bool, required=False),
        particularly_vulnerable=when.get("particularly_vulnerable", bool, required=False),
        services=when.names("services", required=False),
    )
    when.done()
    if condition == ChildCondition():
        raise when.error("statuses", "give at least one condition")
    return condition


def _case_intervals(t: Table, name: str) -> tuple[CaseInterval, ...]:
    items = t.get(name, list, required=False, default=[])
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise t.error(f"{name}[{index}]", "must be a table")
        entry = Table(item, f"{t.key(name)}[{index}]", t.file, t.seed)
        result.append(
            CaseInterval(
                when=_condition(entry), every=entry.interval("every"), source=entry.source()
            )
        )
        entry.done()
    return tuple(result)


def _case_supervision(t: Table) -> CaseSupervision:
    agreed = t.table("agreed_longer", required=False)
    agreed_longer = None
    if agreed is not None:
        agreed_longer = AgreedLonger(
            services=agreed.names("services"),
            every=agreed.interval("every"),
            requires_agreed_by=agreed.get("requires_agreed_by", bool),
            source=agreed.source(),
        )
        agreed.done()
    return CaseSupervision(
        source=t.source(),
        every=Cited(interval=t.interval("every"), source=t.source()),
        more_often=_case_intervals(t, "more_often"),
        less_often=_case_intervals(t, "less_often"),
        agreed_longer=agreed_longer,
    )


def _every_other_session(t: Table) -> CaseEveryOtherSession:
    sessions = t.count("sessions", minimum=1)
    return CaseEveryOtherSession(source=t.source(), sessions=sessions)


def _group_case_supervision(t: Table) -> GroupCaseSupervision:
    every_table = t.table("every")
    assert every_table is not None
    every = {}
    for rating in list(every_table.data):
        if rating not in RISK_RATINGS:
            raise every_table.error(
                rating, f"unknown risk rating; expected {names_list(RISK_RATINGS)}"
            )
        every[rating] = every_table.cited(rating)
    every_table.done()
    return GroupCaseSupervision(source=t.source(), every=every)


def _within(t: Table) -> Within:
    return Within(source=t.source(), within=t.interval("within"))


def _every(t: Table) -> Every:
    return Every(source=t.source(), every=t.interval("every"))


def _deadline(t: Table) -> DeadlineRule:
    source = t.source()
    has_days, has_within = t.has("working_days"), t.has("within")
    if has_days == has_within:
        raise t.error("working_days", "give exactly one of working_days or within")
    if has_days:
        days = t.count("working_days", minimum=1)
        return DeadlineRule(source=source, deadline=Deadline(source=source, working_days=days))
    return DeadlineRule(
        source=source, deadline=Deadline(source=source, interval=t.interval("within"))
    )


RENEWAL_TRIGGERS = ("extended_absence", "grade_change")


def _agreement(t: Table) -> AgreementRule:
    due = t.choice("due", ("first_session", "relationship_start"), required=False)
    renew_table = t.table("renew_after", required=False)
    renew_after: dict[str, Source] = {}
    if renew_table is not None:
        for trigger in list(renew_table.data):
            if trigger not in RENEWAL_TRIGGERS:
                raise renew_table.error(
                    trigger, f"unknown renewal trigger; expected {names_list(RENEWAL_TRIGGERS)}"
                )
            renew_after[trigger] = renew_table.source(trigger)
        renew_table.done()
    return AgreementRule(source=t.source(), due=due or "first_session", renew_after=renew_after)


def _escalation(t: Table) -> CancellationEscalation:
    count = t.count("cancellations", minimum=2)  # "more than one"
    return CancellationEscalation(
        source=t.source(), cancellations=count, within=t.interval("within")
    )


def _absence_cover(t: Table) -> SupervisorAbsenceCover:
    return SupervisorAbsenceCover(
        source=t.source(),
        absent_longer_than_days=t.count("absent_longer_than_days", minimum=1),
        cover_within_days=t.count("cover_within_days", minimum=0, required=False, default=0),
        unplanned_only=t.get("unplanned_only", bool, required=False, default=False),
    )


RULE_READERS: dict[str, Callable[[Table], RuleConfig]] = {
    "personal_supervision": _personal_supervision,
    "case_supervision": _case_supervision,
    "case_every_other_session": _every_other_session,
    "group_case_supervision": _group_case_supervision,
    "case_first_discussion": _within,
    "case_record": _deadline,
    "personal_record": _deadline,
    "record_signoff": _deadline,
    "record_finalised": _deadline,
    "agreement": _agreement,
    "agreement_review": _every,
    "reschedule": _deadline,
    "cancellation_escalation": _escalation,
    "supervisor_absence_cover": _absence_cover,
    "observation_of_supervision": _every,
    "observation_of_practice": _every,
    "supervisor_training": _within,
    "file_archive": _within,
    "file_destruction": _within,
    "appraisal": _every,
}
RULE_IDS = tuple(RULE_READERS)
