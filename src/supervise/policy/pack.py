"""Policy packs: one authority's policy as data (docs/pack-format.md).

A pack is a TOML file. It names the rules of RULES.md section 3 that the authority uses, with their
parameters, and every rule and parameter cites the sentence of the policy it implements
(`source = { section = "…", quote = "…" }`). The loader is strict: an unknown key, rule, category
or kind, or a malformed value, is refused with the file and the key's dotted path, so a typo in a
pack can never silently switch a duty off.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supervise.policy.categories import CATEGORIES
from supervise.policy.dates import NATIONS, Interval
from supervise.policy.model import CHILD_STATUSES, RISK_RATINGS, ROLES, SESSION_KINDS

PACKS_DIR = Path(__file__).parent / "packs"
BUILT_IN = ("hertfordshire", "bath-ne-somerset", "york", "hull", "nottingham")
FORMAT_VERSION = 1


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
    """A longer interval a manager agreed for a child (Hertfordshire 0-25 Together: 6 months)."""

    services: frozenset[str]
    at_most: Interval
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


# Sections a case discussion can be recorded with (the columns of the product's case template).
CASE_SECTIONS = (
    "reflective_cycle",
    "recording_elements",
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

    def covers(self, role: str) -> bool:
        return role in self.covers_roles


# --- reading ------------------------------------------------------------------------------------


class _Table:
    """A TOML table that remembers its dotted path and refuses keys nobody asked for."""

    def __init__(self, data: dict[str, Any], path: str, file: str, seed: str) -> None:
        self.data = data
        self.path = path
        self.file = file
        self.seed = seed
        self.used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def error(self, name: str, message: str) -> PackError:
        return PackError(f"{self.file}: {self.key(name)}: {message}")

    def has(self, name: str) -> bool:
        return name in self.data

    def get(self, name: str, kind: type, *, required: bool = True, default: Any = None) -> Any:
        self.used.add(name)
        if name not in self.data:
            if required:
                raise self.error(name, "is required")
            return default
        value = self.data[name]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise self.error(name, f"must be a {kind.__name__}, not {type(value).__name__}")
        return value

    def table(self, name: str, *, required: bool = True) -> _Table | None:
        value = self.get(name, dict, required=required)
        if value is None:
            return None
        return _Table(value, self.key(name), self.file, self.seed)

    def interval(self, name: str) -> Interval:
        text = self.get(name, str)
        try:
            return Interval.parse(text)
        except ValueError as error:
            raise self.error(name, str(error)) from None

    def choice(self, name: str, allowed: tuple[str, ...] | frozenset[str], **kw: Any) -> Any:
        value = self.get(name, str, **kw)
        if value is not None and value not in allowed:
            raise self.error(name, f"unknown value {value!r}; expected one of {_list(allowed)}")
        return value

    def names(self, name: str, *, required: bool = True) -> frozenset[str]:
        """A list of free-text names (services): each must be a non-empty string."""
        values = self.get(name, list, required=required, default=[])
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise self.error(name, f"must be a list of names, not {value!r}")
        return frozenset(values)

    def choices(self, name: str, allowed: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
        values = self.get(name, list, required=False, default=[])
        for value in values:
            if not isinstance(value, str) or value not in allowed:
                raise self.error(name, f"unknown value {value!r}; expected one of {_list(allowed)}")
        return frozenset(values)

    def source(self, name: str = "source") -> Source:
        table = self.table(name)
        assert table is not None
        section = table.get("section", str)
        quote = table.get("quote", str, required=False)
        note = table.get("note", str, required=False)
        if quote is None and note is None:
            raise table.error("quote", "a source needs the policy's words (quote) or a note")
        table.done()
        return Source(file=self.seed, section=section, quote=quote, note=note)

    def cited(self, name: str) -> Cited:
        table = self.table(name)
        assert table is not None
        cited = Cited(interval=table.interval("every"), source=table.source())
        table.done()
        return cited

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.error(unknown[0], "unknown key")


def _list(values: tuple[str, ...] | frozenset[str]) -> str:
    return ", ".join(sorted(values))


def load_pack(slug_or_path: str | Path) -> Pack:
    """A built-in pack by slug, or a pack file by path."""
    text = str(slug_or_path)
    if text in BUILT_IN:
        path = PACKS_DIR / f"{text}.toml"
    else:
        path = Path(text)
        if not path.is_file():
            raise PackError(
                f"{text}: no such policy pack (built-in packs: {', '.join(BUILT_IN)}; "
                "or give the path of a pack file)"
            )
    return read_pack(path)


def read_pack(path: Path) -> Pack:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: cannot be read: {error}") from None
    return parse_pack(text, path)


def parse_pack(text: str, path: Path) -> Pack:
    """A pack from its TOML text; `path` names it in messages (a file, or a stored copy)."""
    file = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{file}: not valid TOML: {error}") from None
    seed = str(data["seed"]) if isinstance(data.get("seed"), str) else "?"
    top = _Table(data, "", file, seed)
    version = top.get("format", int)
    if version != FORMAT_VERSION:
        raise top.error("format", f"this product reads pack format {FORMAT_VERSION}, not {version}")
    top.get("seed", str)
    slug = top.get("slug", str)
    authority = top.get("authority", str)
    top.get("policy", str, required=False)
    bank_holidays = top.choice(
        "bank_holidays", tuple(NATIONS), required=False, default="england-and-wales"
    )

    staff = top.table("staff")
    assert staff is not None
    covers = staff.get("covers", str)
    if covers != "all":
        raise staff.error("covers", 'must be "all" (use covers_all_except to leave roles out)')
    excluded = staff.choices("covers_all_except", ROLES)
    covers_source = staff.source()
    absence = staff.table("extended_absence")
    assert absence is not None
    extended_days = absence.get("days", int)
    extended_source = absence.source()
    absence.done()
    staff.done()

    cases = top.table("cases")
    assert cases is not None
    qualifying = cases.choices("qualifying_kinds", SESSION_KINDS)
    if not qualifying:
        raise cases.error("qualifying_kinds", "name at least one session kind")
    qualifying_source = cases.source()
    cases.done()

    recording = _recording(top.table("recording", required=False))

    rules_table = top.table("rules")
    assert rules_table is not None
    rules: dict[str, RuleConfig] = {}
    for rule_id in list(rules_table.data):
        reader = _RULE_READERS.get(rule_id)
        if reader is None:
            raise rules_table.error(rule_id, f"unknown rule; expected one of {_list(RULE_IDS)}")
        table = rules_table.table(rule_id)
        assert table is not None
        rules[rule_id] = reader(table)
        table.done()
    rules_table.done()
    top.done()
    return Pack(
        slug=slug,
        authority=authority,
        seed=seed,
        path=path,
        bank_holidays=bank_holidays,
        covers_roles=frozenset(ROLES) - excluded,
        covers_source=covers_source,
        extended_absence_days=extended_days,
        extended_absence_source=extended_source,
        qualifying_kinds=qualifying,
        qualifying_source=qualifying_source,
        rules=rules,
        recording=recording,
    )


def _recording(t: _Table | None) -> RecordingTemplate | None:
    if t is None:
        return None
    personal = t.table("personal")
    assert personal is not None
    headings = []
    for index, item in enumerate(personal.get("headings", list)):
        if not isinstance(item, dict):
            raise personal.error(f"headings[{index}]", "must be a table with key and label")
        entry = _Table(item, f"{personal.key('headings')}[{index}]", t.file, t.seed)
        headings.append(
            Heading(
                key=entry.get("key", str),
                label=entry.get("label", str),
                hint=entry.get("hint", str, required=False, default=""),
            )
        )
        entry.done()
    keys = [h.key for h in headings]
    if len(set(keys)) != len(keys):
        raise personal.error("headings", "two headings have the same key")
    personal_source = personal.source()
    personal.done()
    case = t.table("case")
    assert case is not None
    sections = case.choices("sections", CASE_SECTIONS)
    case_source = case.source()
    case.done()
    t.done()
    return RecordingTemplate(
        personal=tuple(headings),
        personal_source=personal_source,
        case_sections=tuple(s for s in CASE_SECTIONS if s in sections),
        case_source=case_source,
    )


def _personal_supervision(t: _Table) -> PersonalSupervision:
    every_table = t.table("every")
    assert every_table is not None
    every: dict[str, Cited] = {}
    for category in list(every_table.data):
        if category not in CATEGORIES:
            raise every_table.error(
                category, f"unknown staff category; expected one of {_list(CATEGORIES)}"
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


def _condition(t: _Table) -> ChildCondition:
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


def _case_intervals(t: _Table, name: str) -> tuple[CaseInterval, ...]:
    items = t.get(name, list, required=False, default=[])
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise t.error(f"{name}[{index}]", "must be a table")
        entry = _Table(item, f"{t.key(name)}[{index}]", t.file, t.seed)
        result.append(
            CaseInterval(
                when=_condition(entry), every=entry.interval("every"), source=entry.source()
            )
        )
        entry.done()
    return tuple(result)


def _case_supervision(t: _Table) -> CaseSupervision:
    agreed = t.table("agreed_longer", required=False)
    agreed_longer = None
    if agreed is not None:
        agreed_longer = AgreedLonger(
            services=agreed.names("services"),
            at_most=agreed.interval("at_most"),
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


def _every_other_session(t: _Table) -> CaseEveryOtherSession:
    sessions = t.get("sessions", int)
    if sessions < 1:
        raise t.error("sessions", "must be at least 1")
    return CaseEveryOtherSession(source=t.source(), sessions=sessions)


def _group_case_supervision(t: _Table) -> GroupCaseSupervision:
    every_table = t.table("every")
    assert every_table is not None
    every = {}
    for rating in list(every_table.data):
        if rating not in RISK_RATINGS:
            raise every_table.error(rating, f"unknown risk rating; expected {_list(RISK_RATINGS)}")
        every[rating] = every_table.cited(rating)
    every_table.done()
    return GroupCaseSupervision(source=t.source(), every=every)


def _within(t: _Table) -> Within:
    return Within(source=t.source(), within=t.interval("within"))


def _every(t: _Table) -> Every:
    return Every(source=t.source(), every=t.interval("every"))


def _deadline(t: _Table) -> DeadlineRule:
    source = t.source()
    has_days, has_within = t.has("working_days"), t.has("within")
    if has_days == has_within:
        raise t.error("working_days", "give exactly one of working_days or within")
    if has_days:
        days = t.get("working_days", int)
        if days < 1:
            raise t.error("working_days", "must be at least 1")
        return DeadlineRule(source=source, deadline=Deadline(source=source, working_days=days))
    return DeadlineRule(
        source=source, deadline=Deadline(source=source, interval=t.interval("within"))
    )


RENEWAL_TRIGGERS = ("extended_absence", "grade_change")


def _agreement(t: _Table) -> AgreementRule:
    due = t.choice("due", ("first_session", "relationship_start"), required=False)
    renew_table = t.table("renew_after", required=False)
    renew_after: dict[str, Source] = {}
    if renew_table is not None:
        for trigger in list(renew_table.data):
            if trigger not in RENEWAL_TRIGGERS:
                raise renew_table.error(
                    trigger, f"unknown renewal trigger; expected {_list(RENEWAL_TRIGGERS)}"
                )
            renew_after[trigger] = renew_table.source(trigger)
        renew_table.done()
    return AgreementRule(source=t.source(), due=due or "first_session", renew_after=renew_after)


def _escalation(t: _Table) -> CancellationEscalation:
    count = t.get("cancellations", int)
    if count < 2:
        raise t.error("cancellations", "must be at least 2 ('more than one')")
    return CancellationEscalation(
        source=t.source(), cancellations=count, within=t.interval("within")
    )


def _absence_cover(t: _Table) -> SupervisorAbsenceCover:
    return SupervisorAbsenceCover(
        source=t.source(),
        absent_longer_than_days=t.get("absent_longer_than_days", int),
        cover_within_days=t.get("cover_within_days", int, required=False, default=0),
        unplanned_only=t.get("unplanned_only", bool, required=False, default=False),
    )


_RULE_READERS: dict[str, Callable[[_Table], RuleConfig]] = {
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
RULE_IDS = tuple(_RULE_READERS)
