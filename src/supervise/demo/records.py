"""What the demo's supervision records say: invented text under the pack's personal headings and
for each child discussed, so that the demo shows what reflective supervision looks like.

An interchange folder says when a child was discussed, not what was said, so an imported record
is empty. The demo writes text into a good share of the held sessions (every one of the last
`RECENT_DAYS`, and about a third of the older ones), through the same rows the web application
writes (`RecordEntry` per heading, `CaseDiscussion` fields, the child's-record `CaseNote`,
`Action`s with timescales), bulk-created for speed.

A finalised record cannot be changed, not even by the demo (the database refuses any UPDATE and
any row added under it; see `supervise.audit.dbguard`). So the text is written before the record
is final: the discussions of the chosen sessions are held back from the import (a copy of the
folder without those rows of `case_discussions.csv`), every record the folder says is final is
imported as not yet final (`supervise.demo.finalising`), and this module creates the words,
actions and agendas, then finalises them. No guard is lifted. The rows then match the folder,
so importing it again changes nothing. Only sessions not yet in the database are written;
loading the demo twice leaves the first load's words as they were.
"""

from __future__ import annotations

import csv
import random
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from supervise.audit.services import audit_record
from supervise.cases.models import Allocation, CaseNote, Child, ChildStatus
from supervise.cases.services import NOTE_KIND_FOR_SESSION, entry_text
from supervise.demo.finalising import final_in_folder, finalise, write_unfinalised
from supervise.generate import record_text
from supervise.organisations.models import Organisation
from supervise.people.models import StaffMember
from supervise.sessions.forms_record import SECTION_FIELDS
from supervise.sessions.models import Action, AgendaItem, CaseDiscussion, RecordEntry, Session
from supervise.sessions.states import EDITABLE_RECORD, ActionStatus, RecordStatus

RECENT_DAYS = 183  # every held session of the last six months gets its words
OLDER_SHARE = 0.3  # and about a third of the older ones
STILL_OPEN = timedelta(days=92)  # an action overdue longer than this has been dealt with
KINDS = frozenset({"formal", "group", "oversight"})
DISCUSSIONS = "case_discussions.csv"
SESSIONS = "sessions.csv"
BATCH = 500


def _rng(*parts: str) -> random.Random:
    return random.Random("demo-records/" + "/".join(parts))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(slots=True)
class Held:
    """The folder's rows the demo writes: chosen sessions and their discussions."""

    sessions: set[str] = field(default_factory=set)
    discussions: list[dict[str, str]] = field(default_factory=list)
    all_discussions: list[tuple[date, str, str, str]] = field(default_factory=list)
    # (held_on, session id, child id, recorded_on) of every discussion in the folder
    final: dict[str, dict[str, str]] = field(default_factory=dict)
    # the records the folder says are final, imported as not yet: finalised by `records_write`


def choose(organisation: Organisation, folder: Path, as_of: date) -> Held:
    """The held sessions to write (new to the database), and every discussion's date."""
    held_on: dict[str, date] = {}
    candidates: list[str] = []
    recent = as_of - timedelta(days=RECENT_DAYS)
    rows = _rows(folder / SESSIONS)
    for row in rows:
        day = _day(row.get("held_on", ""))
        if row.get("status") != "held" or day is None:
            continue
        held_on[row["session_id"]] = day
        if row.get("kind") in KINDS and (
            day >= recent or _rng("choose", row["session_id"]).random() < OLDER_SHARE
        ):
            candidates.append(row["session_id"])
    existing = set(
        Session.objects.filter(organisation=organisation, external_id__in=candidates).values_list(
            "external_id", flat=True
        )
    )
    held = Held(sessions=set(candidates) - existing, final=final_in_folder(organisation, rows))
    for row in _rows(folder / DISCUSSIONS):
        day = held_on.get(row["session_id"])
        if day is None:
            continue
        held.all_discussions.append((day, row["session_id"], row["child_id"], row["recorded_on"]))
        if row["session_id"] in held.sessions:
            held.discussions.append(row)
    held.all_discussions.sort()
    return held


@contextmanager
def folder_without(folder: Path, held: Held) -> Iterator[Path]:
    """The folder as a temporary copy (links to its files) without the held-back discussions."""
    with tempfile.TemporaryDirectory(prefix="supervise-demo-") as tmp:
        copy = Path(tmp)
        for path in folder.glob("*.csv"):
            if path.name == SESSIONS and held.final:
                write_unfinalised(path, copy / SESSIONS, held.final)
            elif path.name != DISCUSSIONS:
                (copy / path.name).symlink_to(path.resolve())
        source = folder / DISCUSSIONS
        if source.is_file():
            with source.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                with (copy / DISCUSSIONS).open("w", encoding="utf-8", newline="") as out:
                    writer = csv.DictWriter(out, reader.fieldnames or (), lineterminator="\n")
                    writer.writeheader()
                    writer.writerows(r for r in reader if r["session_id"] not in held.sessions)
        yield copy


# --- writing -------------------------------------------------------------------------------------


def _first(name: str) -> str:
    return name.split(" ", 1)[0] if name else "the worker"


def _in_force(spans: list[tuple[int, date, date | None]], day: date) -> list[int]:
    return [who for who, start, end in spans if start <= day and (end is None or day <= end)]


def records_write(*, organisation: Organisation, held: Held, as_of: date) -> dict[str, int]:
    """Create the held-back discussions, with their words, and the chosen sessions' headings and
    actions, then finalise the records the folder says are final. Call after the import of
    `folder_without(...)`, in the same transaction."""
    if not held.sessions:
        finalise(organisation, held.final)
        return {}
    sessions = {
        s.external_id: s
        for s in Session.objects.filter(organisation=organisation, external_id__in=held.sessions)
    }
    for session in sessions.values():
        if session.external_id in held.final:  # what it is about to be (`finalise`, below)
            session.record_status = RecordStatus.FINALISED
    names = dict(StaffMember.objects.filter(organisation=organisation).values_list("pk", "name"))
    children = {
        c.external_id: c for c in Child.objects.filter(organisation=organisation).only(
            "pk", "external_id", "name", "born_on"
        )
    }  # fmt: skip
    statuses: dict[int, list[tuple[str, date, date | None]]] = defaultdict(list)
    for child_id, status, start, end in ChildStatus.objects.filter(
        organisation=organisation
    ).values_list("child_id", "status", "starts_on", "ends_on"):
        statuses[child_id].append((status, start, end))
    workers: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    caseloads: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    for child_id, staff_id, start, end in Allocation.objects.filter(
        organisation=organisation
    ).values_list("child_id", "staff_id", "starts_on", "ends_on"):
        workers[child_id].append((staff_id, start, end))
        caseloads[staff_id].append((child_id, start, end))
    template = organisation.pack.recording
    headings = [h.key for h in template.personal] if template else []
    kept = {"decisions"}
    for section in template.case_sections if template else ():
        kept |= {name for name, _, _ in SECTION_FIELDS.get(section, ())}
        if section == "recording_elements":
            kept.add("direction_of_risk")

    # The case discussions, in date order so that each review follows the last one's actions.
    writing = {(r["session_id"], r["child_id"]) for r in held.discussions}
    last: dict[str, tuple[date, tuple[int, str] | None]] = {}
    discussions: list[CaseDiscussion] = []
    agreed: dict[str, list[tuple[str, int, int | None]]] = defaultdict(list)  # session: actions
    for day, session_id, child_id, recorded_on in held.all_discussions:
        before = last.get(child_id)
        if (session_id, child_id) not in writing:
            last[child_id] = (day, None)
            continue
        session, child = sessions[session_id], children[child_id]
        if session.kind == Session.Kind.GROUP:
            worker_id = next(iter(_in_force(workers[child.pk], day)), None)
        else:
            worker_id = session.supervisee_id
        discussion = CaseDiscussion(
            organisation=organisation,
            session=session,
            child=child,
            worker_id=worker_id,
            recorded_on=_day(recorded_on),
        )
        if discussion.recorded_on is not None:  # written onto the child's record: words
            age = None
            if child.born_on is not None:
                age = (day - child.born_on).days // 365
            ctx = record_text.CaseContext(
                child=_first(child.name or "the child"),
                age=age,
                statuses=frozenset(
                    s
                    for s, start, end in statuses[child.pk]
                    if start <= day and (end or day) >= day
                ),
                kind=session.kind,
                worker=_first(names.get(worker_id, "")) if worker_id else "the worker",
                day=day.toordinal(),
                story=record_text.story_of(_rng("story", child_id)),
                previous=before[1] if before else None,
                last_discussed=before[0].toordinal() if before else None,
                household=_rng("household", child_id).randrange(1000),
            )
            written = record_text.case_discussion(_rng("case", session_id, child_id), ctx)
            for name, value in written.fields.items():
                if name in kept:
                    setattr(discussion, name, value)
            last[child_id] = (day, (day.toordinal(), written.action))
            agreed[session_id].append((written.action, written.due, child.pk))
        else:
            last[child_id] = (day, None)
        discussions.append(discussion)

    CaseDiscussion.objects.bulk_create(discussions, batch_size=BATCH)
    notes = [
        CaseNote(
            organisation=organisation,
            child_id=d.child_id,
            kind=NOTE_KIND_FOR_SESSION[d.session.kind],
            author_id=d.session.supervisor_id,
            happened_on=d.session.held_on,
            body=entry_text(d),
            case_discussion=d,
        )
        for d in discussions
        if d.recorded_on is not None
    ]
    CaseNote.objects.bulk_create(notes, batch_size=BATCH)
    entries = _entries(sessions.values(), headings, names, caseloads)
    RecordEntry.objects.bulk_create(entries, batch_size=BATCH)
    detail = {
        "sessions": len(sessions),
        "entries": len(entries),
        "discussions": len(discussions),
        "notes": len(notes),
        "actions": _actions(organisation, sessions, agreed, names, as_of),
        "finalised": finalise(organisation, held.final),
    }
    audit_record(
        action="demo.records_written", organisation=organisation, obj=organisation, detail=detail
    )
    return detail


def _entries(
    sessions: Iterable[Session],
    headings: list[str],
    names: dict[int, str],
    caseloads: dict[int, list[tuple[int, date, date | None]]],
) -> list[RecordEntry]:
    """The personal headings of the one-to-ones whose record was written up (all of them once
    completed; a draft has the first few)."""
    entries = []
    for session in sessions:
        if session.kind != Session.Kind.FORMAL or session.supervisee_id is None:
            continue
        if session.record_completed_on is not None:
            keys = headings
        elif session.record_status == RecordStatus.DRAFT:
            keys = headings[: len(headings) // 2]
        else:
            continue
        rng = _rng("personal", session.external_id)
        worker = _first(names.get(session.supervisee_id, ""))
        caseload = len(_in_force(caseloads[session.supervisee_id], session.held_on))
        for key in keys:
            text = record_text.personal_entry(rng, key, worker, caseload)
            entries.append(RecordEntry(session=session, heading=key, text=text))
    return entries


def _actions(
    organisation: Organisation,
    sessions: dict[str, Session],
    agreed: dict[str, list[tuple[str, int, int | None]]],
    names: dict[int, str],
    as_of: date,
) -> int:
    """The actions of each written one-to-one: up to two about children and sometimes one for the
    supervisee's own development. Most of those now due are done; some are still open and have
    been carried into every later session's agenda, as holding a session carries them."""
    formal = sorted(
        (s for s in sessions.values() if s.kind == Session.Kind.FORMAL and s.supervisee_id),
        key=lambda s: (s.held_on, s.external_id),
    )
    later: dict[int, list[tuple[date, int, int]]] = defaultdict(list)  # supervisee: sessions
    # A record finalised before this load is locked: nothing is carried into its agenda (the
    # records of this load are not final yet).
    for session_id, supervisee_id, supervisor_id, held_on in (
        Session.objects.filter(
            organisation=organisation,
            kind=Session.Kind.FORMAL,
            status="held",
            supervisee_id__in={s.supervisee_id for s in formal},
        )
        .exclude(record_status=RecordStatus.FINALISED)
        .values_list("pk", "supervisee_id", "supervisor_id", "held_on")
    ):
        later[supervisee_id].append((held_on, session_id, supervisor_id))
    for items in later.values():
        items.sort()
    actions: list[Action] = []
    carried: list[list[tuple[int, int]]] = []  # per action: (session, supervisor) carried into
    for session in formal:
        if session.record_completed_on is None:
            continue
        rng = _rng("actions", session.external_id)
        planned = list(agreed.get(session.external_id, []))[:2]
        if rng.random() < 0.5 or not planned:
            worker = _first(names.get(session.supervisee_id or 0, ""))
            due = record_text.due_after(session.held_on.toordinal(), rng, 14, 45)
            planned.append((record_text.personal_action(rng, worker), due, None))
        for description, due, child_id in planned:
            due_on = date.fromordinal(due)
            status, completed = ActionStatus.OPEN, None
            if due_on <= as_of:
                # Some of the actions due in the last three months are still open; older ones
                # have all been done or dropped since.
                draw = rng.random() * (0.9 if due_on < as_of - STILL_OPEN else 1)
                if draw < 0.86:
                    status = ActionStatus.DONE
                    spread = max(1, (due_on - session.held_on).days + 3)
                    completed = min(as_of, session.held_on + timedelta(days=rng.randint(1, spread)))
                elif draw < 0.9:
                    status = ActionStatus.DROPPED
            into: list[tuple[int, int]] = []
            # Carried as holding a session carries them (`supervise.sessions.carrying`): into
            # later sessions, and only once the record was sent (a draft's stay where they are).
            if status == ActionStatus.OPEN and session.record_status not in EDITABLE_RECORD:
                after = later[session.supervisee_id or 0]
                into = [(pk, by) for day, pk, by in after if day > session.held_on]
            actions.append(
                Action(
                    organisation=organisation,
                    session=session,
                    child_id=child_id,
                    owner_id=session.supervisee_id,
                    description=description,
                    due_on=due_on,
                    status=status,
                    completed_on=completed,
                    times_carried=len(into),
                )
            )
            carried.append(into)
    return _create_actions_and_agendas(actions, carried)


def _create_actions_and_agendas(actions: list[Action], carried: list[list[tuple[int, int]]]) -> int:
    Action.objects.bulk_create(actions, batch_size=BATCH)
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                session_id=session_id,
                added_by_id=supervisor_id,
                text=f"Carried forward: {action.description[:400]}",
                child_id=action.child_id,
                carried_action=action,
            )
            for action, into in zip(actions, carried, strict=True)
            for session_id, supervisor_id in into
        ],
        batch_size=BATCH,
    )
    return len(actions)
