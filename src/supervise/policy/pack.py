"""Policy packs: one authority's policy as data (docs/pack-format.md).

A pack is a TOML file. It names the rules of RULES.md section 3 that the authority uses, with their
parameters, and every rule and parameter cites the sentence of the policy it implements
(`source = { section = "…", quote = "…" }`). The loader is strict: an unknown key, rule, category
or kind, or a malformed value, is refused with the file and the key's dotted path, so a typo in a
pack can never silently switch a duty off.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from supervise.policy.dates import NATIONS
from supervise.policy.model import ROLES, SESSION_KINDS
from supervise.policy.pack_model import (
    AGREEMENT_MINUTES,
    AGREEMENT_TERMS,
    AGREEMENT_TEXT_LIMIT,
    AGREEMENT_TEXT_LIMITS,
    CASE_SECTIONS,
    AgreedLonger,
    AgreementRule,
    AgreementTemplate,
    AgreementTerm,
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
    Heading,
    Pack,
    PackError,
    PersonalSupervision,
    RecordingTemplate,
    RuleConfig,
    Source,
    SupervisorAbsenceCover,
    Within,
)
from supervise.policy.pack_rules import RENEWAL_TRIGGERS, RULE_IDS, RULE_READERS
from supervise.policy.pack_table import Table, names_list

PACKS_DIR = Path(__file__).parent / "packs"
BUILT_IN = ("hertfordshire", "bath-ne-somerset", "york", "hull", "nottingham")
FORMAT_VERSION = 1


# --- reading ------------------------------------------------------------------------------------


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
    top = Table(data, "", file, seed)
    version = top.get("format", int)
    if version != FORMAT_VERSION:
        raise top.error("format", f"this product reads pack format {FORMAT_VERSION}, not {version}")
    top.get("seed", str)
    slug = top.get("slug", str)
    authority = top.get("authority", str)
    policy = top.get("policy", str, required=False)
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
    extended_days = absence.count("days", minimum=1)
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
    agreement_template = _agreement_template(top.table("agreement_template", required=False))

    rules_table = top.table("rules")
    assert rules_table is not None
    rules: dict[str, RuleConfig] = {}
    for rule_id in list(rules_table.data):
        reader = RULE_READERS.get(rule_id)
        if reader is None:
            raise rules_table.error(
                rule_id, f"unknown rule; expected one of {names_list(RULE_IDS)}"
            )
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
        agreement_template=agreement_template,
        policy=policy,
    )


def _recording(t: Table | None) -> RecordingTemplate | None:
    if t is None:
        return None
    personal = t.table("personal")
    assert personal is not None
    headings = []
    for index, item in enumerate(personal.get("headings", list)):
        if not isinstance(item, dict):
            raise personal.error(f"headings[{index}]", "must be a table with key and label")
        entry = Table(item, f"{personal.key('headings')}[{index}]", t.file, t.seed)
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


def _agreement_template(t: Table | None) -> AgreementTemplate | None:
    """`[agreement_template]`: one table per term of the agreement, each citing its sentence."""
    if t is None:
        return None
    terms: dict[str, AgreementTerm] = {}
    for name in list(t.data):
        if name not in AGREEMENT_TERMS:
            raise t.error(name, f"unknown term; expected one of {names_list(AGREEMENT_TERMS)}")
        entry = t.table(name)
        assert entry is not None
        terms[name] = _agreement_term(name, entry)
        entry.done()
    if not terms:
        raise PackError(f"{t.file}: {t.path}: name at least one term (or leave the table out)")
    t.done()
    return AgreementTemplate(terms={name: terms[name] for name in AGREEMENT_TERMS if name in terms})


def _agreement_term(name: str, t: Table) -> AgreementTerm:
    minutes: int | None = None
    if name == "duration_minutes":
        low, high = AGREEMENT_MINUTES
        minutes = t.get("minutes", int, required=False)
        if minutes is not None and not low <= minutes <= high:
            raise t.error("minutes", f"must be between {low} and {high}, not {minutes}")
    written = name not in ("frequency", "duration_minutes")  # the term is its words
    text: str = t.get("text", str, required=written, default="")
    if written or t.has("text"):
        limit = AGREEMENT_TEXT_LIMITS.get(name, AGREEMENT_TEXT_LIMIT)
        if not text.strip():
            raise t.error("text", "must not be empty")
        if len(text) > limit:
            raise t.error("text", f"must be {limit:,} characters or fewer, not {len(text):,}")
    if name == "duration_minutes" and minutes is None and not text:
        raise t.error("minutes", "is required (or a text saying what the policy says instead)")
    return AgreementTerm(source=t.source(), text=text.strip(), minutes=minutes)


# The pack model is re-exported: callers import everything about packs from here.
__all__ = [
    "AGREEMENT_TERMS",
    "AgreedLonger",
    "AgreementRule",
    "AgreementTemplate",
    "AgreementTerm",
    "BUILT_IN",
    "CancellationEscalation",
    "CASE_SECTIONS",
    "CaseEveryOtherSession",
    "CaseInterval",
    "CaseSupervision",
    "ChildCondition",
    "Cited",
    "Deadline",
    "DeadlineRule",
    "Every",
    "FORMAT_VERSION",
    "GroupCaseSupervision",
    "Heading",
    "load_pack",
    "Pack",
    "PackError",
    "PACKS_DIR",
    "parse_pack",
    "PersonalSupervision",
    "read_pack",
    "RecordingTemplate",
    "RENEWAL_TRIGGERS",
    "RULE_IDS",
    "RuleConfig",
    "Source",
    "SupervisorAbsenceCover",
    "Within",
]
