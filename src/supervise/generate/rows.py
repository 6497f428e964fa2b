"""Rows of the tables that are built whole in memory first (staff, lines, children…)."""

from __future__ import annotations

from supervise.generate.days import text
from supervise.generate.model import World
from supervise.generate.writer import Folder


def _flag(value: bool) -> str:
    return "true" if value else ""


def write_people(world: World, folder: Folder) -> None:
    rng = world.rng("rows")
    staff, absences = folder["staff.csv"], folder["absences.csv"]
    for person in world.people:
        if person.tenures:
            team = world.posts[person.tenures[-1].post].unit
        else:  # left before the history: some team of the time
            team = rng.choice(world.teams).name
        staff.add(
            (
                person.staff_id,
                person.name,
                person.email,
                person.role,
                team,
                person.contract,
                person.hours,
                text(person.started_on),
                text(person.qualified_on),
                _flag(person.asye),
                text(person.leave_on),
                text(person.training_on),
                text(person.archived_on),
                text(person.destroyed_on),
            )
        )
        for absence in person.absences:
            absences.add(
                (
                    person.staff_id,
                    text(absence.start),
                    text(absence.end),
                    absence.reason,
                    "true" if absence.planned else "false",
                )
            )
    lines = folder["supervision_lines.csv"]
    for line in world.lines:
        lines.add(
            (
                world.people[line.supervisee].staff_id,
                world.people[line.supervisor].staff_id,
                text(line.start),
                text(line.end),
                _flag(line.cover),
            )
        )
    events = folder["events.csv"]
    for day, person_index, kind, note in sorted(world.events):
        events.add((world.people[person_index].staff_id, text(day), kind, note))


def write_children(world: World, folder: Folder) -> None:
    children, statuses = folder["children.csv"], folder["child_statuses.csv"]
    for child in world.children:
        agreed_by = world.people[child.agreed_by].staff_id if child.agreed_by >= 0 else ""
        children.add(
            (
                child.child_id,
                child.name,
                text(child.born_on),
                text(child.opened_on),
                text(child.closed_on),
                child.service,
                _flag(child.particularly_vulnerable),
                child.risk_rating,
                child.agreed_interval,
                agreed_by,
                text(child.permanence_plan_on),
            )
        )
        for status, first, last in child.statuses:
            statuses.add((child.child_id, status, text(first), text(last)))
    allocations = folder["allocations.csv"]
    for allocation in sorted(world.allocations, key=lambda a: (a.child, a.start)):
        allocations.add(
            (
                world.children[allocation.child].child_id,
                world.people[allocation.person].staff_id,
                text(allocation.start),
                text(allocation.end),
            )
        )
