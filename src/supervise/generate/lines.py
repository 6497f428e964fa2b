"""Supervision lines, from who held which post when, and cover while a supervisor is away.

A post is supervised by its supervising post (a worker by the team manager or the assistant team
manager, a team manager by the service manager…); a line runs while both posts have the same
holders, so a new manager or a move starts a new line. While a supervisor is away for four weeks or
more, most of their supervisees get a cover line with the supervisor's own manager or a peer.
"""

from __future__ import annotations

import random

from supervise.generate.days import FOREVER
from supervise.generate.model import Line, Person, World

BASES = (28, 28, 30, 30, 30, 31, 21, 35)  # a pair's habitual days between sessions
FREQUENCIES = {"P1M": 30, "P4W": 28, "P21D": 21, "P3W": 21, "P14D": 14}
LONG_ABSENCE = 28


def build_lines(world: World) -> None:
    rng = world.rng("lines")
    for person in world.people:
        segments: list[list[int]] = []
        for tenure in person.tenures:
            post = world.posts[tenure.post]
            if post.supervisor_post < 0:
                continue
            last = tenure.end if tenure.end is not None else FOREVER
            for supervisor, first, end in _supervisors(world, post.supervisor_post, tenure.start,
                                                       last, person.index):  # fmt: skip
                if segments and segments[-1][0] == supervisor and segments[-1][2] + 1 == first:
                    segments[-1][2] = end
                else:
                    segments.append([supervisor, first, end])
        for supervisor, first, end in segments:
            line = Line(person.index, supervisor, first, None if end == FOREVER else end)
            line.base = rng.choice(BASES)
            if rng.random() < 0.12:
                line.frequency = rng.choice(tuple(FREQUENCIES))
            world.lines.append(line)
            world.usual_lines.setdefault(person.index, []).append(line)
            world.supervising.setdefault(supervisor, []).append(line)
    peers: dict[tuple[int, str], list[int]] = {}
    for post in world.posts:
        peers.setdefault((post.supervisor_post, post.role), []).append(post.index)
    for person in world.people:
        for absence in person.absences:
            _cover(world, rng, peers, person, absence.start, absence.end)


def _supervisors(
    world: World, post_index: int, first: int, last: int, supervisee: int
) -> list[tuple[int, int, int]]:
    """(holder, first day, last day) of the post over first…last. A vacancy (or the supervisee
    themselves) passes to the post above; vacancies before the history began are left out."""
    post = world.posts[post_index]
    found: list[tuple[int, int, int]] = []

    def gap(start: int, end: int) -> None:
        if end >= world.start and post.supervisor_post >= 0:
            found.extend(_supervisors(world, post.supervisor_post, start, end, supervisee))

    cursor = first
    for holder in post.holders:
        holder_end = holder.end if holder.end is not None else FOREVER
        if holder_end < cursor:
            continue
        if holder.start > last:
            break
        start = max(cursor, holder.start)
        if start > cursor:
            gap(cursor, start - 1)
        end = min(last, holder_end)
        if holder.person == supervisee:
            gap(start, end)
        else:
            found.append((holder.person, start, end))
        cursor = end + 1
        if cursor > last:
            return found
    if cursor <= last:
        gap(cursor, last)
    return found


def supervisor_on(world: World, person: int, day: int) -> int | None:
    """The usual supervisor of `person` on `day`, if any."""
    for line in world.usual_lines.get(person, ()):
        if line.start <= day and (line.end is None or day <= line.end):
            return line.supervisor
    return None


def _cover(
    world: World,
    rng: random.Random,
    peers: dict[tuple[int, str], list[int]],
    absent: Person,
    start: int,
    end: int | None,
) -> None:
    known = (end if end is not None else world.as_of) - start + 1
    if known < LONG_ABSENCE - 7:
        return
    for line in list(world.supervising.get(absent.index, ())):
        if line.cover or rng.random() >= 0.7:
            continue
        first = max(start + rng.randint(3, 34), line.start)
        line_end = line.end if line.end is not None else FOREVER
        last = min(end if end is not None else FOREVER, line_end)
        if first > last or first > world.as_of:
            continue
        covering = _who_covers(world, rng, peers, absent, line.supervisee, first)
        if covering is None:
            continue
        leaves = world.people[covering].leave_on
        if leaves is not None:
            last = min(last, leaves)
        if first > last:
            continue
        cover = Line(line.supervisee, covering, first, None if last == FOREVER else last, True)
        cover.base = line.base
        world.lines.append(cover)
        world.cover_lines.setdefault(line.supervisee, []).append(cover)


def _who_covers(
    world: World,
    rng: random.Random,
    peers: dict[tuple[int, str], list[int]],
    absent: Person,
    supervisee: int,
    day: int,
) -> int | None:
    """The absent supervisor's own manager, or a peer in the same role under the same manager."""
    manager = supervisor_on(world, absent.index, day)
    candidates = [manager] if manager is not None else []
    tenure = next((t for t in absent.tenures if t.start <= day <= (t.end or FOREVER)), None)
    if tenure is not None and rng.random() < 0.4:
        post = world.posts[tenure.post]
        holders = [world.posts[p].holder_on(day) for p in peers[(post.supervisor_post, post.role)]]
        others = [h.person for h in holders if h is not None and h.person != absent.index]
        if others:
            candidates.insert(0, rng.choice(others))
    for candidate in candidates:
        person = world.people[candidate]
        if candidate not in (supervisee, absent.index) and person.absence_on(day) is None:
            return candidate
    return None
