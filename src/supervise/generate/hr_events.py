"""HR events that are not moves: appraisals, grade changes, capability procedures.

Appraisals come roughly every twelve months, some late and a few forgotten. A social worker
finishing the ASYE gets a `grade_change`, as do a few others each year. Capability procedures are
rare: a `capability_start`, then usually a `capability_end` two to six months later.
"""

from __future__ import annotations

import random

from supervise.generate.days import add_months, open_day
from supervise.generate.model import (
    FRONTLINE,
    SESSIONAL,
    SOCIAL_WORKER,
    STUDENT,
    SUPERVISING_ROLES,
    Person,
    World,
)


def build_hr_events(world: World) -> None:
    rng = world.rng("hr-events")
    for person in world.people:
        if not person.tenures:
            continue
        last = person.leave_on if person.leave_on is not None else world.as_of
        first = max(world.start, person.started_on)
        if first > last:
            continue
        _appraisals(world, rng, person, first, last)
        _grades(world, rng, person, first, last)
        if person.role in FRONTLINE or person.role in SUPERVISING_ROLES:
            _capability(world, rng, person, first, last)


def _appraisals(world: World, rng: random.Random, person: Person, first: int, last: int) -> None:
    if person.role in (STUDENT, SESSIONAL):
        return
    if person.started_on >= world.start:
        day = person.started_on + rng.randint(150, 380)
    else:
        day = world.start + rng.randint(0, 365)
    while (day := open_day(day)) <= last:
        world.event(person.index, day, "appraisal", "Annual appraisal")
        draw = rng.random()
        if draw < 0.04:
            return  # no appraisal since: overdue
        day += rng.randint(390, 480) if draw < 0.18 else rng.randint(330, 372)


def _grades(world: World, rng: random.Random, person: Person, first: int, last: int) -> None:
    if person.asye:
        done = open_day(add_months(person.started_on, 12) + rng.randint(0, 40))
        if first <= done <= last:
            world.event(person.index, done, "grade_change", "ASYE completed")
    if person.role in (SOCIAL_WORKER, "senior_practitioner", "family_support_worker"):
        since = max(first, person.asye_until)  # no increments during the ASYE
        day = open_day(since + int(rng.expovariate(1 / (8 * 365))))
        if day <= last:
            world.event(person.index, day, "grade_change", "Incremental progression")


def _capability(world: World, rng: random.Random, person: Person, first: int, last: int) -> None:
    years = (last - first + 1) / 365.25
    if rng.random() >= 0.012 * years:
        return
    start = open_day(rng.randint(first, last))
    end = open_day(start + rng.randint(60, 200))
    if start > last:
        return
    world.event(person.index, start, "capability_start", "Capability procedure started")
    if end <= last and end <= world.as_of:
        world.event(person.index, end, "capability_end", "Capability procedure closed")
        person.capability.append((start, end))
    else:
        person.capability.append((start, None))
