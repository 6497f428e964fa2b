"""The change plan of an import: what the database must become to match a validated folder.

Each interchange file is described once (`FILES`): its model, how its rows are keyed (by id, or
by owner), the columns compared, and which of them name other records. A generic planner
compares the folder with the database; see `supervise.imports.sync` for the two strategies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.cases.models import Allocation, Child, ChildStatus
from supervise.imports.sync import KeyedPlan, OwnedPlan, plan_keyed, plan_owned
from supervise.interchange.reader import Problem, ReadResult
from supervise.organisations.models import Organisation, Team
from supervise.people.models import Absence, StaffEvent, StaffMember, SupervisionLine
from supervise.policy import model as m
from supervise.quality.models import Observation
from supervise.sessions.models import CaseDiscussion, Session
from supervise.sessions.states import RecordStatus


class Refused(Exception):
    """The folder is valid but cannot be imported (it would change a finalised record)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def record_status_for(session: m.Session, *, manager_review: bool = True) -> str:
    """The record's state as far as an export can tell it (decision 0004).

    Signed by both is final under a pack without the manager's review step (P9 is
    Hertfordshire's): there the supervisee's signature finalises and locks the record, as it
    does when signed in Supervise (`record_sign`), whether or not the export has a date in
    `finalised_on`. It waits for the supervisee only once the supervisor has signed: in
    Supervise the supervisor signs by sending it. A record completed (`record_completed_on`)
    but not signed by the supervisor is a draft the supervisor can still sign and send, never
    one the supervisee could sign, and so finalise, without the supervisor's signature."""
    if session.finalised_on:
        return RecordStatus.FINALISED
    if session.supervisor_signed_on and session.supervisee_signed_on:
        return RecordStatus.AWAITING_FINALISATION if manager_review else RecordStatus.FINALISED
    if session.supervisor_signed_on:
        return RecordStatus.AWAITING_SUPERVISEE
    return RecordStatus.DRAFT if session.status == "held" else RecordStatus.NOT_STARTED


def _text(value: str | None) -> str:
    return value or ""


def _duration(value: Any) -> str:
    return str(value) if value else ""


@dataclass(frozen=True, slots=True)
class FileSync:
    """How one interchange file maps onto one model.

    `columns`: (plan name, database lookup) for every compared value; `row` gives the values in
    that order for one dataset row. A plan name in `links` is a reference to another record,
    by external id, turned into `<name>_id` when written. Keyed files have `key`; owned files
    have `owner` (the plan name whose records the folder's rows replace).
    """

    file: str
    model: type[models.Model]
    rows: Callable[[m.Dataset], Iterable[Any]]
    columns: tuple[tuple[str, str], ...]
    row: Callable[[Any], tuple[Any, ...]]
    links: dict[str, str]  # plan name -> "staff" | "child" | "session" | "team"
    key: Callable[[Any], str] | None = None
    owner: str | None = None
    # Set on the rows the import creates only: what the folder cannot say, for example why an
    # agreement was made (an agreement made in Supervise and exported back keeps its reason).
    created_with: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


STAFF, CHILD, SESSION, TEAM = "staff", "child", "session", "team"

FILES: tuple[FileSync, ...] = (
    FileSync(
        "staff.csv", StaffMember, lambda d: d.staff,
        (("name", "name"), ("email", "email"), ("role", "role"), ("team", "team__name"),
         ("contract", "contract"), ("hours", "hours"), ("started_on", "started_on"),
         ("qualified_on", "qualified_on"), ("asye", "asye"), ("left_on", "left_on"),
         ("supervisor_training_on", "supervisor_training_on"),
         ("file_archived_on", "file_archived_on"), ("file_destroyed_on", "file_destroyed_on")),
        lambda s: (s.name, _text(s.email), s.role, s.team, s.contract, s.hours, s.started_on,
                   s.qualified_on, s.asye, s.left_on, s.supervisor_training_on,
                   s.file_archived_on, s.file_destroyed_on),
        links={"team": TEAM}, key=lambda s: s.staff_id,
    ),
    FileSync(
        "children.csv", Child, lambda d: d.children,
        (("name", "name"), ("born_on", "born_on"), ("opened_on", "opened_on"),
         ("closed_on", "closed_on"), ("service", "service"),
         ("particularly_vulnerable", "particularly_vulnerable"), ("risk_rating", "risk_rating"),
         ("agreed_interval", "agreed_interval"), ("agreed_by", "agreed_by__external_id"),
         ("permanence_plan_on", "permanence_plan_on")),
        lambda c: (_text(c.name), c.born_on, c.opened_on, c.closed_on, _text(c.service),
                   c.particularly_vulnerable, _text(c.risk_rating), _duration(c.agreed_interval),
                   c.agreed_by, c.permanence_plan_on),
        links={"agreed_by": STAFF}, key=lambda c: c.child_id,
    ),
    FileSync(
        "supervision_lines.csv", SupervisionLine, lambda d: d.supervision_lines,
        (("supervisee", "supervisee__external_id"), ("supervisor", "supervisor__external_id"),
         ("starts_on", "starts_on"), ("ends_on", "ends_on"), ("cover", "cover")),
        lambda x: (x.supervisee_id, x.supervisor_id, x.starts_on, x.ends_on, x.cover),
        links={"supervisee": STAFF, "supervisor": STAFF}, owner="supervisee",
    ),
    FileSync(
        "absences.csv", Absence, lambda d: d.absences,
        (("staff", "staff__external_id"), ("starts_on", "starts_on"), ("ends_on", "ends_on"),
         ("reason", "reason"), ("planned", "planned")),
        lambda a: (a.staff_id, a.starts_on, a.ends_on, a.reason, a.planned),
        links={"staff": STAFF}, owner="staff",
    ),
    FileSync(
        "events.csv", StaffEvent, lambda d: d.events,
        (("staff", "staff__external_id"), ("on", "on"), ("kind", "kind"), ("note", "note")),
        lambda e: (e.staff_id, e.on, e.kind, _text(e.note)),
        links={"staff": STAFF}, owner="staff",
    ),
    FileSync(
        "agreements.csv", Agreement, lambda d: d.agreements,
        (("supervisee", "supervisee__external_id"), ("supervisor", "supervisor__external_id"),
         ("supervisee_signed_on", "supervisee_signed_on"),
         ("supervisor_signed_on", "supervisor_signed_on"), ("frequency", "frequency"),
         ("status", "status")),
        lambda a: (a.supervisee_id, a.supervisor_id, a.supervisee_signed_on,
                   a.supervisor_signed_on, _duration(a.frequency),
                   AgreementStatus.SIGNED if a.signed_on else AgreementStatus.AWAITING_SIGNATURES),
        links={"supervisee": STAFF, "supervisor": STAFF}, key=lambda a: a.agreement_id,
        created_with={"reason": Agreement.Reason.IMPORTED},
    ),
    FileSync(
        "child_statuses.csv", ChildStatus, lambda d: d.child_statuses,
        (("child", "child__external_id"), ("status", "status"), ("starts_on", "starts_on"),
         ("ends_on", "ends_on")),
        lambda s: (s.child_id, s.status, s.starts_on, s.ends_on),
        links={"child": CHILD}, owner="child",
    ),
    FileSync(
        "allocations.csv", Allocation, lambda d: d.allocations,
        (("child", "child__external_id"), ("staff", "staff__external_id"),
         ("starts_on", "starts_on"), ("ends_on", "ends_on")),
        lambda a: (a.child_id, a.staff_id, a.starts_on, a.ends_on),
        links={"child": CHILD, "staff": STAFF}, owner="child",
    ),
    FileSync(
        "sessions.csv", Session, lambda d: d.sessions,
        (("kind", "kind"), ("supervisor", "supervisor__external_id"),
         ("supervisee", "supervisee__external_id"), ("scheduled_on", "scheduled_on"),
         ("status", "status"), ("held_on", "held_on"), ("duration_minutes", "duration_minutes"),
         ("cancelled_by", "cancelled_by"), ("cancel_reason", "cancel_reason"),
         ("record_completed_on", "record_completed_on"),
         ("supervisor_signed_on", "supervisor_signed_on"),
         ("supervisee_signed_on", "supervisee_signed_on"), ("finalised_on", "finalised_on"),
         ("record_status", "record_status")),
        lambda x: (x.kind, x.supervisor_id, x.supervisee_id, x.scheduled_on, x.status,
                   x.held_on, x.duration_minutes, _text(x.cancelled_by),
                   _text(x.cancel_reason), x.record_completed_on, x.supervisor_signed_on,
                   x.supervisee_signed_on, x.finalised_on, record_status_for(x)),
        links={"supervisor": STAFF, "supervisee": STAFF}, key=lambda x: x.session_id,
    ),
    FileSync(
        "case_discussions.csv", CaseDiscussion, lambda d: d.case_discussions,
        (("session", "session__external_id"), ("child", "child__external_id"),
         ("recorded_on", "recorded_on")),
        lambda x: (x.session_id, x.child_id, x.recorded_on),
        links={"session": SESSION, "child": CHILD}, owner="session",
    ),
    FileSync(
        "observations.csv", Observation, lambda d: d.observations,
        (("kind", "kind"), ("observer", "observer__external_id"),
         ("observed", "observed__external_id"), ("on", "on")),
        lambda o: (o.kind, o.observer_id, o.observed_id, o.on),
        links={"observer": STAFF, "observed": STAFF}, key=lambda o: o.observation_id,
    ),
)  # fmt: skip

# Which owners each owned file synchronises: the staff, children or sessions the folder lists.
_OWNERS: dict[str, Callable[[m.Dataset], set[str]]] = {
    STAFF: lambda d: {s.staff_id for s in d.staff},
    CHILD: lambda d: {c.child_id for c in d.children},
    SESSION: lambda d: {s.session_id for s in d.sessions},
}

Plan = KeyedPlan | OwnedPlan


def plan_import(organisation: Organisation, result: ReadResult) -> list[tuple[str, Plan]]:
    """The plan for every file, or `Refused` when it would change a finalised record."""
    data = result.dataset
    plans: list[tuple[str, Plan]] = []
    manager_review = "record_finalised" in organisation.pack.rules
    kept: set[str] = set()
    for spec in FILES:
        query = spec.model.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        lookups = [lookup for _, lookup in spec.columns]
        names = spec.names
        incoming = ((spec.row(x), x) for x in spec.rows(data))
        if spec.file == "sessions.csv" and not manager_review:
            at = names.index("record_status")
            incoming = (
                ((*row[:at], record_status_for(x, manager_review=False), *row[at + 1 :]), x)
                for row, x in incoming
            )
        if spec.key is not None:
            existing = {
                row[0]: (row[1], tuple(row[2:]))
                for row in query.values_list("external_id", "pk", *lookups)
            }
            key = spec.key
            plan: Plan = plan_keyed(
                spec.model,
                existing,
                (
                    (key(x), {"external_id": key(x), **dict(zip(names, row, strict=True))})
                    for row, x in incoming
                ),
                names,
            )
            plan.created_with = spec.created_with
        else:
            assert spec.owner is not None
            owner_at = names.index(spec.owner)
            owners = _OWNERS[spec.links[spec.owner]](data)
            if spec.file == "case_discussions.csv":
                # The discussions of sessions kept as recorded in Supervise stay too.
                owners = owners - kept
                query = query.filter(session__external_id__in=owners)
                incoming = ((row, x) for row, x in incoming if x.session_id not in kept)
            plan = plan_owned(
                spec.model,
                (
                    (row[0], row[1 + owner_at], tuple(row[1:]))
                    for row in query.values_list("pk", *lookups)
                ),
                (dict(zip(names, row, strict=True)) for row, _ in incoming),
                owner_of=lambda v, o=spec.owner: v[o],
                row_of=lambda v, n=names: tuple(v[name] for name in n),
                owners=owners,
            )
        if spec.file == "sessions.csv":
            assert isinstance(plan, KeyedPlan)
            kept = _keep_progress(plan)
        plans.append((spec.file, plan))
    problems = _finalised_changes(organisation, dict(plans), result)
    if problems:
        raise Refused(problems)
    return plans


# The folder's own column names for the plan's field names, in messages about a row.
CSV_COLUMN = {"supervisor": "supervisor_id", "supervisee": "supervisee_id"}
STATE = "the record's state"

# How far a record has come; an import never moves a record recorded in Supervise backwards.
RECORD_PROGRESS = {
    RecordStatus.NOT_STARTED: 0,
    RecordStatus.DRAFT: 1,
    RecordStatus.AWAITING_SUPERVISEE: 2,
    RecordStatus.DECLINED: 2,
    RecordStatus.AWAITING_FINALISATION: 3,
    RecordStatus.FINALISED: 4,
}


def _progress_made(record_status: str, supervisor_signed_on: Any) -> str:
    """The state a record reached in Supervise, for `_keep_progress`. A record an earlier
    import left "waiting for the supervisee" without the supervisor's signature (completed,
    never signed: before `record_status_for` made that a draft) made no progress here: the next
    import puts it back to a draft the supervisor can sign and send."""
    unsigned = record_status in (RecordStatus.AWAITING_SUPERVISEE, RecordStatus.DECLINED)
    return RecordStatus.DRAFT if unsigned and not supervisor_signed_on else record_status


def _keep_progress(plan: KeyedPlan) -> set[str]:
    """Leave alone the sessions that Supervise has taken further than the folder says: held or
    cancelled here but planned in the folder, or a record written, sent or signed here that the
    export (made before, or by a system that does not know) shows less far along. Otherwise a
    routine import of the case system's export would undo the morning's supervision records.
    Finalised records are refused instead (`_finalised_changes`), as decision 0004 says.
    Returns the external ids kept; the plan's updates and counts leave them out."""
    if not plan.update:
        return set()
    current = {
        pk: (external_id, status, _progress_made(record_status, supervisor_signed_on))
        for pk, external_id, status, record_status, supervisor_signed_on in Session.objects.filter(
            pk__in=[pk for pk, _ in plan.update]
        )
        .exclude(record_status=RecordStatus.FINALISED)
        .values_list("pk", "external_id", "status", "record_status", "supervisor_signed_on")
    }
    kept: set[str] = set()
    updates = []
    for pk, values in plan.update:
        here = current.get(pk)
        behind = here is not None and (
            (here[1] != "planned" and values["status"] == "planned")
            or RECORD_PROGRESS[here[2]] > RECORD_PROGRESS[values["record_status"]]
        )
        if behind:
            kept.add(here[0])
        else:
            updates.append((pk, values))
    plan.update = updates
    plan.changes.updated -= len(kept)
    plan.changes.kept += len(kept)
    return kept


def _finalised_changes(
    organisation: Organisation, plans: dict[str, Plan], result: ReadResult
) -> list[str]:
    """A finalised record is never changed by an import: not its session, not its discussions.

    Each problem names the folder's row it is about (file, line, column) where there is one,
    and what the folder would change, so that one clash can be found among thousands.
    """
    spec = next(s for s in FILES if s.file == "sessions.csv")
    locked: dict[int, str] = {}
    before: dict[int, tuple[Any, ...]] = {}
    for pk, external_id, *values in Session.objects.filter(
        organisation=organisation, record_status=RecordStatus.FINALISED
    ).values_list("pk", "external_id", *(lookup for _, lookup in spec.columns)):
        locked[pk] = external_id
        before[pk] = tuple(values)
    if not locked:
        return []
    sessions = plans["sessions.csv"]
    discussions = plans["case_discussions.csv"]
    assert isinstance(sessions, KeyedPlan)
    assert isinstance(discussions, OwnedPlan)
    data = result.dataset
    lines = _lines(result, "sessions.csv", data.sessions)
    line_of = {x.session_id: line for x, line in zip(data.sessions, lines, strict=True)}
    problems = []
    for pk, values in sessions.update:
        if pk in locked:
            changed = [
                CSV_COLUMN.get(n, n)
                for n, old in zip(spec.names, before[pk], strict=True)
                if values[n] != old and n != "record_status"  # derived from the dates shown
            ]
            problems.append(_locked(
                "sessions.csv", line_of.get(locked[pk], 0), "session_id", locked[pk],
                f"the folder changes {', '.join(changed) or STATE}",
            ))  # fmt: skip
    problems += _locked_discussions(locked, discussions, result)
    return [_text_of(p) for p in sorted(problems)]


def _locked_discussions(
    locked: dict[int, str], plan: OwnedPlan, result: ReadResult
) -> list[Problem]:
    """By finalised session: the discussions the folder adds (at their lines) or leaves out."""
    rows = result.dataset.case_discussions
    lines = _lines(result, "case_discussions.csv", rows)
    line_of = {
        (x.session_id, x.child_id, x.recorded_on): n for x, n in zip(rows, lines, strict=True)
    }
    first_line: dict[str, int] = {}
    for x, n in zip(rows, lines, strict=True):
        first_line.setdefault(x.session_id, n)
    locked_ids = set(locked.values())
    added: dict[str, list[int]] = {}
    for v in plan.create:
        if v["session"] in locked_ids:
            key = (v["session"], v["child"], v["recorded_on"])
            added.setdefault(v["session"], []).append(line_of.get(key, 0))
    left_out: dict[str, int] = {}
    for pk in CaseDiscussion.objects.filter(pk__in=plan.delete).values_list(
        "session_id", flat=True
    ):
        if pk in locked:
            left_out[locked[pk]] = left_out.get(locked[pk], 0) + 1
    problems = []
    for session_id in sorted(set(added) | set(left_out)):
        what = []
        if session_id in added:
            what.append(f"adds {_discussions(len(added[session_id]))}")
        if session_id in left_out:
            what.append(f"leaves out {_discussions(left_out[session_id])} recorded in Supervise")
        # The first row it adds; else where its discussions start (a left-out row has no line).
        line = min(
            (n for n in added.get(session_id, []) if n), default=first_line.get(session_id, 0)
        )
        problems.append(_locked(
            "case_discussions.csv", line, "session", session_id, f"the folder {' and '.join(what)}"
        ))  # fmt: skip
    return problems


def _discussions(count: int) -> str:
    return f"{count} case discussion{'' if count == 1 else 's'}"


def _lines(result: ReadResult, file: str, rows: list[Any]) -> list[int]:
    """The line of each row of FILE (0 where the reader kept none: such a problem is the file's)."""
    lines = result.lines.get(file, [])
    return lines if len(lines) == len(rows) else [0] * len(rows)


def _locked(file: str, line: int, column: str, session_id: str, what: str) -> Problem:
    return Problem(
        file, line, column,
        f"session {session_id!r} is finalised in Supervise and its record cannot be changed by an "
        f"import ({what}; add an addendum in Supervise instead)",
    )  # fmt: skip


def _text_of(problem: Problem) -> str:
    """`FILE:LINE: COLUMN: MESSAGE` as the reader writes it; `FILE: MESSAGE` with no line."""
    if problem.line:
        return str(problem)
    return f"{problem.file}: {problem.message}"


def apply_import(
    organisation: Organisation, plans: list[tuple[str, Plan]], data: m.Dataset
) -> None:
    """Write the plans in dependency order, turning external ids into database keys."""
    org_id = organisation.pk
    keys: dict[str, dict[str, int]] = {
        TEAM: dict(Team.objects.filter(organisation=organisation).values_list("name", "pk"))
    }
    for name in sorted({s.team for s in data.staff if s.team} - set(keys[TEAM])):
        keys[TEAM][name] = Team.objects.create(organisation=organisation, name=name).pk
    refreshed_after = {"staff.csv": (STAFF, StaffMember), "children.csv": (CHILD, Child),
                       "sessions.csv": (SESSION, Session)}  # fmt: skip
    by_file = dict(plans)
    for spec in FILES:
        by_file[spec.file].apply(org_id, _linker(spec.links, keys))
        if spec.file in refreshed_after:
            kind, model = refreshed_after[spec.file]
            keys[kind] = dict(
                model.objects.filter(organisation=organisation).values_list("external_id", "pk")  # type: ignore[attr-defined]
            )


def _linker(
    links: dict[str, str], keys: dict[str, dict[str, int]]
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def to_model(values: dict[str, Any]) -> dict[str, Any]:
        row = dict(values)
        for name, kind in links.items():
            value = row.pop(name)
            row[f"{name}_id"] = keys[kind][value] if value else None
        return row

    return to_model
