"""Properties of the engine over small generated authorities (hypothesis)."""

from __future__ import annotations

import copy
import os
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from supervise.policy.dates import Interval
from supervise.policy.engine import duties, evaluate
from supervise.policy.model import (
    ABSENCE_REASONS,
    ROLES,
    Absence,
    Agreement,
    Allocation,
    CaseDiscussion,
    Child,
    ChildStatus,
    Dataset,
    Observation,
    Session,
    Staff,
    StaffEvent,
    SupervisionLine,
)
from supervise.policy.pack import BUILT_IN, load_pack
from tests.policy.world import World, d

AS_OF = date(2026, 11, 22)
PACKS = {slug: load_pack(slug) for slug in BUILT_IN}
WORKERS = ("W1", "W2", "W3")
MANAGERS = ("M1", "M2")
PAIRS = [(w, m) for w in WORKERS for m in MANAGERS] + [("M1", "M2")]
EVENT_KINDS = ("role_change", "team_transfer", "grade_change", "escalated", "appraisal")
STATUSES = ("child_in_need", "child_protection_plan", "child_in_care", "short_breaks")

# Modest by default so the suite stays fast; raise it for a deeper search:
# SUPERVISE_EXAMPLES=5000 .venv/bin/pytest tests/policy/test_properties.py
SETTINGS = settings(
    max_examples=int(os.environ.get("SUPERVISE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def days(lo: str = "2025-09-01", hi: str = "2026-12-31") -> st.SearchStrategy[date]:
    return st.dates(date.fromisoformat(lo), date.fromisoformat(hi))


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.one_of(st.none(), strategy)


@st.composite
def staff_member(draw: st.DrawFn, staff_id: str) -> Staff:
    managers = ("team_manager", "assistant_team_manager", "senior_practitioner")
    role = draw(st.sampled_from(managers if staff_id in MANAGERS else ROLES))
    started = draw(days("2024-06-01", "2026-12-31"))
    left = draw(st.one_of(st.none(), st.none(), days(started.isoformat(), "2027-01-31")))
    return Staff(
        staff_id=staff_id,
        name=staff_id,
        role=role,
        started_on=started,
        qualified_on=draw(maybe(days("2020-01-01", "2026-10-31"))),
        asye=draw(st.booleans()),
        left_on=left,
        supervisor_training_on=draw(maybe(days())),
        file_archived_on=draw(maybe(days())),
    )


@st.composite
def lines_of(draw: st.DrawFn, supervisee: str) -> list[SupervisionLine]:
    supervisors = [m for w, m in PAIRS if w == supervisee]
    lines: list[SupervisionLine] = []
    if draw(st.integers(0, 5)) == 0:
        return lines  # supervised outside the data
    first = draw(days("2024-01-01", "2026-12-31"))
    end = draw(st.one_of(st.none(), st.none(), days(first.isoformat(), "2027-01-31")))
    lines.append(SupervisionLine(supervisee, draw(st.sampled_from(supervisors)), first, end))
    if end is not None and draw(st.booleans()):
        start = end + timedelta(days=1)
        lines.append(SupervisionLine(supervisee, draw(st.sampled_from(supervisors)), start))
    if draw(st.integers(0, 3)) == 0:
        start = draw(days())
        lines.append(
            SupervisionLine(
                supervisee,
                draw(st.sampled_from(supervisors)),
                start,
                draw(maybe(days(start.isoformat(), "2027-01-31"))),
                cover=True,
            )
        )
    return lines


@st.composite
def session(draw: st.DrawFn, index: int) -> Session:
    supervisee, supervisor = draw(st.sampled_from(PAIRS))
    kind = draw(st.sampled_from(("formal", "formal", "formal", "group", "informal")))
    status = draw(st.sampled_from(("held", "held", "held", "cancelled", "planned")))
    on = draw(days())
    held = status == "held"
    return Session(
        session_id=f"S{index}",
        kind=kind,
        supervisor_id=supervisor,
        status=status,
        supervisee_id=supervisee,
        scheduled_on=on,
        held_on=on if held else None,
        cancelled_by=draw(st.sampled_from(("supervisor", "supervisee")))
        if status == "cancelled"
        else None,
        cancel_reason=draw(st.sampled_from((None, "sickness", "other"))),
        record_completed_on=draw(maybe(days(on.isoformat(), "2027-01-31"))),
        supervisor_signed_on=draw(maybe(days(on.isoformat(), "2027-01-31"))),
        supervisee_signed_on=draw(maybe(days(on.isoformat(), "2027-01-31"))),
        finalised_on=draw(maybe(days(on.isoformat(), "2027-01-31"))),
    )


@st.composite
def child(draw: st.DrawFn, index: int) -> tuple[Child, list[Allocation], list[ChildStatus]]:
    child_id = f"C{index}"
    opened = draw(days("2024-06-01", "2026-12-31"))
    item = Child(
        child_id=child_id,
        opened_on=opened,
        closed_on=draw(st.one_of(st.none(), st.none(), days(opened.isoformat(), "2027-01-31"))),
        service=draw(st.sampled_from((None, "0-25 Together", "Family Safeguarding"))),
        particularly_vulnerable=draw(st.booleans()),
        risk_rating=draw(st.sampled_from((None, "red", "amber", "green"))),
        agreed_interval=draw(st.sampled_from((None, Interval.parse("P6M")))),
        agreed_by=draw(st.sampled_from((None, "M1"))),
        permanence_plan_on=draw(maybe(days())),
    )
    allocations = []
    if draw(st.integers(0, 4)):
        start = draw(days("2024-06-01", "2026-12-31"))
        end = draw(maybe(days(start.isoformat(), "2027-01-31")))
        allocations.append(Allocation(child_id, draw(st.sampled_from(WORKERS)), start, end))
    statuses = [
        ChildStatus(child_id, draw(st.sampled_from(STATUSES)), draw(days()), draw(maybe(days())))
        for _ in range(draw(st.integers(0, 2)))
    ]
    statuses = [s for s in statuses if s.ends_on is None or s.ends_on >= s.starts_on]
    return item, allocations, statuses


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    data = Dataset()
    data.staff = [draw(staff_member(x)) for x in (*MANAGERS, *WORKERS)]
    for supervisee in (*WORKERS, "M1"):
        data.supervision_lines += draw(lines_of(supervisee))
    staff_ids = st.sampled_from((*MANAGERS, *WORKERS))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(days())
        data.absences.append(
            Absence(
                draw(staff_ids),
                start,
                draw(st.sampled_from(ABSENCE_REASONS)),
                draw(maybe(days(start.isoformat(), "2027-03-31"))),
                draw(st.booleans()),
            )
        )
    for _ in range(draw(st.integers(0, 3))):
        data.events.append(
            StaffEvent(draw(staff_ids), draw(days()), draw(st.sampled_from(EVENT_KINDS)))
        )
    for index in range(draw(st.integers(0, 2))):
        supervisee, supervisor = draw(st.sampled_from(PAIRS))
        data.agreements.append(
            Agreement(
                f"A{index}",
                supervisee,
                supervisor,
                draw(maybe(days())),
                draw(maybe(days())),
                draw(st.sampled_from((None, Interval.parse("P14D"), Interval.parse("P2M")))),
            )
        )
    started = {s.staff_id: s.started_on for s in data.staff}
    data.sessions = [  # nobody has a session before they start
        x
        for x in (draw(session(i)) for i in range(draw(st.integers(0, 8))))
        if x.scheduled_on >= max(started[x.supervisor_id], started[x.supervisee_id])
    ]
    for index in range(draw(st.integers(0, 3))):
        item, allocations, statuses = draw(child(index))
        data.children.append(item)
        data.allocations += allocations
        data.child_statuses += statuses
    for session_ in data.sessions:
        for item in data.children:
            if draw(st.integers(0, 2)) == 0:
                recorded = draw(maybe(days(session_.scheduled_on.isoformat(), "2027-01-31")))
                data.case_discussions.append(
                    CaseDiscussion(session_.session_id, item.child_id, recorded)
                )
    for index in range(draw(st.integers(0, 3))):
        data.observations.append(
            Observation(
                f"O{index}",
                draw(st.sampled_from(("supervision", "practice"))),
                draw(st.sampled_from(MANAGERS)),
                draw(staff_ids),
                draw(days()),
            )
        )
    return data


packs = st.sampled_from(sorted(BUILT_IN))


def p1(data: Dataset, slug: str) -> dict[str, date]:
    return {
        x.subject_id: x.due_on
        for x in duties(data, PACKS[slug], AS_OF)
        if x.rule == "personal_supervision"
    }


def current_supervisor(data: Dataset, staff_id: str) -> str | None:
    in_force = [
        line
        for line in data.supervision_lines
        if line.supervisee_id == staff_id
        and line.starts_on <= AS_OF
        and (line.ends_on is None or line.ends_on >= AS_OF)
    ]
    usual = [line for line in in_force if not line.cover]
    chosen = usual or in_force
    return chosen[0].supervisor_id if chosen else None


def asye_then_returning(data: Dataset, slug: str, staff_id: str) -> bool:
    """RULES.md P1 takes the category on the reference date: in a pack with `returning`, an ASYE
    worker's later session can fall in a fortnightly window after the ASYE's monthly phase (see
    test_a_later_session_can_be_due_sooner_after_the_asye_year)."""
    person = next(s for s in data.staff if s.staff_id == staff_id)
    triggers = any(
        e.staff_id == staff_id and e.kind in ("role_change", "team_transfer") for e in data.events
    ) or any(a.staff_id == staff_id for a in data.absences)
    return (
        "returning" in PACKS[slug].rules["personal_supervision"].every and person.asye and triggers
    )


@SETTINGS
@given(
    data=datasets(),
    slug=packs,
    who=st.sampled_from((*WORKERS, "M1")),
    on=days("2025-09-01", "2026-11-22"),
)
def test_one_more_formal_session_never_makes_personal_supervision_due_sooner(data, slug, who, on):
    supervisor = current_supervisor(data, who)
    assume(supervisor is not None and not asye_then_returning(data, slug, who))
    before, found_before = p1(data, slug), evaluate(data, PACKS[slug], AS_OF)
    more = copy.deepcopy(data)
    more.sessions.append(Session("EXTRA", "formal", supervisor, "held", who, held_on=on))
    after, found_after = p1(more, slug), evaluate(more, PACKS[slug], AS_OF)
    assert set(after) == set(before)
    if who in before:
        event("the supervisee has a personal supervision duty")
        event(f"one more session moved it: {after[who] != before[who]}")
        assert after[who] >= before[who]
    listed = {f.subject_id for f in found_after if f.rule == "personal_supervision"}
    assert listed <= {f.subject_id for f in found_before if f.rule == "personal_supervision"}


def test_a_later_session_can_be_due_sooner_after_the_asye_year() -> None:
    """Spec quirk kept on purpose (RULES.md P1: the category on the reference date). Hull: an ASYE
    worker changes role near the end of the year (monthly phase); a session just after the ASYE
    year falls in the fortnightly `returning` window, so it is due sooner than without it."""
    world = World("hull", as_of="2027-01-10")
    world.manager("M1")
    world.asye("W1", started="2026-01-05").supervised_by("M1", "2026-01-05")
    world.event("W1", "2026-12-28", "role_change")  # ASYE to_12_months: monthly
    assert world.due("personal_supervision", "W1") == d("2027-01-28")
    world.held("W1", "2027-01-06")  # no longer ASYE; returning until 28 Feb: fortnightly
    assert world.due("personal_supervision", "W1") == d("2027-01-20")


@SETTINGS
@given(data=datasets(), slug=packs)
def test_personal_supervision_is_never_due_before_its_reference_date(data, slug) -> None:
    for staff_id, due_on in p1(data, slug).items():
        person = next(s for s in data.staff if s.staff_id == staff_id)
        held = [
            s.held_on
            for s in data.sessions
            if s.kind == "formal"
            and s.status == "held"
            and s.supervisee_id == staff_id
            and s.held_on <= AS_OF
        ]
        assert due_on > max([person.started_on, *held])


@SETTINGS
@given(data=datasets(), slug=packs, soon=st.sampled_from((0, 7, 14)))
def test_findings_are_sorted_and_name_no_future_starter(data, slug, soon) -> None:
    findings = evaluate(data, PACKS[slug], AS_OF, soon)
    keys = [(f.due_on, f.rule, f.subject_id) for f in findings]
    assert keys == sorted(keys)
    assert all(f.status in ("overdue", "due_soon") for f in findings)
    assert all((f.due_on - AS_OF).days <= soon for f in findings)
    future = {s.staff_id for s in data.staff if s.started_on > AS_OF}
    sessions = {s.session_id: s for s in data.sessions}
    for f in findings:
        if f.subject_type == "staff":
            assert f.subject_id not in future, f
        if f.subject_type == "session":
            assert sessions[f.subject_id].supervisee_id not in future, f


@st.composite
def future_only(draw: st.DrawFn, data: Dataset) -> Dataset:
    """The same data plus rows and dates that are all after as_of (planned sessions aside)."""
    later = copy.deepcopy(data)
    after = days("2026-11-23", "2027-06-30")
    staff_ids = st.sampled_from((*MANAGERS, *WORKERS))
    for index in range(draw(st.integers(1, 6))):
        supervisee, supervisor = draw(st.sampled_from(PAIRS))
        on = draw(after)
        status = draw(st.sampled_from(("held", "cancelled")))
        extra = Session(
            f"F{index}",
            draw(st.sampled_from(("formal", "group", "informal"))),
            supervisor,
            status,
            supervisee,
            scheduled_on=on,
            held_on=on if status == "held" else None,
            cancelled_by="supervisor" if status == "cancelled" else None,
        )
        later.sessions.append(extra)
        for item in later.children:
            later.case_discussions.append(CaseDiscussion(extra.session_id, item.child_id))
    later.absences.append(Absence(draw(staff_ids), draw(after), "sickness"))
    later.events.append(
        StaffEvent(draw(staff_ids), draw(after), draw(st.sampled_from(EVENT_KINDS)))
    )
    pair = draw(st.sampled_from(PAIRS))
    later.agreements.append(Agreement("FA", *pair, AS_OF, draw(after), Interval.parse("P7D")))
    later.observations.append(Observation("FO", "practice", "M1", draw(staff_ids), draw(after)))
    later.supervision_lines.append(SupervisionLine("W9", "M1", draw(after)))
    later.staff.append(Staff("W9", "W9", "social_worker", draw(after)))
    later.children.append(Child("C9", draw(after)))
    later.child_statuses += [
        ChildStatus(c.child_id, "child_protection_plan", draw(after)) for c in later.children
    ]
    for s in later.sessions:  # records completed, signed, finalised only after as_of
        if s.record_completed_on is None:
            s.record_completed_on = draw(after)
        if s.finalised_on is None:
            s.finalised_on = draw(after)
        if s.supervisor_signed_on is None:
            s.supervisor_signed_on = draw(after)
        if s.supervisee_signed_on is None:
            s.supervisee_signed_on = draw(after)
    for person in later.staff:
        if person.left_on is None:
            person.left_on = draw(after)
        if person.supervisor_training_on is None:
            person.supervisor_training_on = draw(after)
    for item in later.children:
        if item.closed_on is None:
            item.closed_on = draw(after)
    for discussion in later.case_discussions:
        if discussion.recorded_on is None:
            discussion.recorded_on = draw(after)
    return later


@SETTINGS
@given(draw=st.data(), data=datasets(), slug=packs)
def test_data_dated_after_as_of_changes_nothing(draw, data, slug) -> None:
    later = draw.draw(future_only(data))
    view = [
        (f.rule, f.status, f.subject_type, f.subject_id, f.due_on)
        for f in evaluate(data, PACKS[slug], AS_OF)
    ]
    event(f"findings: {min(len(view), 5)}+")
    assert view == [
        (f.rule, f.status, f.subject_type, f.subject_id, f.due_on)
        for f in evaluate(later, PACKS[slug], AS_OF)
    ]
