"""Allocations: which practitioner holds each child's case, day by day.

A chronological simulation over the history. A case goes to a team of the kind its phase needs
(the less loaded of two such teams), then to the practitioner there with the lightest caseload for
their capacity (seniors, part-timers, ASYEs, students and family support workers carry less). A case
moves when its phase changes, and is handed over when its worker leaves, moves team or starts
parental leave or a career break; a few wait a while unallocated. An allocation ends the day before
the next one starts, so a child never has two at once.
"""

from __future__ import annotations

import heapq

from supervise.generate.model import CASE_WEIGHT, Allocation, Child, Person, Tenure, World

CLOSE, OUT, PHASE, ALLOCATE = 0, 1, 2, 3  # same-day order: endings before new allocations


class Allocator:
    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.rng("allocations")
        self.queue: list[tuple[int, int, int, int, int]] = []
        self.sequence = 0
        self.active: dict[int, dict[int, Allocation]] = {}
        self.teams_of: dict[str, list[int]] = {}
        for team in world.teams:
            self.teams_of.setdefault(team.kind, []).append(team.index)

    def push(self, day: int, action: int, subject: int, extra: int = -1) -> None:
        if day <= self.world.as_of:
            self.sequence += 1
            heapq.heappush(self.queue, (day, action, self.sequence, subject, extra))

    def run(self) -> None:
        world, rng = self.world, self.rng
        # Endings and phase changes are known in advance: one sorted list of packed ints (far
        # smaller and quicker than a heap of tuples). Only new allocations are decided on the
        # way, on a small heap; they come last on their day, so the two never tie.
        fixed: list[int] = []

        def known(day: int, action: int, subject: int, extra: int = -1) -> None:
            if day <= world.as_of:
                fixed.append((((day << 2 | action) << 30 | subject) << 3) | (extra + 1))

        for person in world.people:
            for tenure in person.tenures:
                if tenure.end is not None:
                    known(tenure.end + 1, OUT, person.index)
            for start, _ in person.away:
                known(start, OUT, person.index)
        for child in world.children:
            if child.closed_on is not None:
                known(child.closed_on + 1, CLOSE, child.index)
            for first, kind in child.phases:
                if first > world.start:
                    known(first, PHASE, child.index, _KIND_CODE[kind])
            if child.opened_on <= world.start:
                child.kind = next(k for first, k in reversed(child.phases) if first <= world.start)
                if rng.random() < 0.02:
                    self.push(world.start + rng.randint(1, 30), ALLOCATE, child.index)
                else:
                    self._allocate(child, world.start, -1, backdate=True)
        fixed.sort()
        queue, position = self.queue, 0
        while position < len(fixed) or queue:
            packed = fixed[position] if position < len(fixed) else -1
            if queue and (
                packed < 0 or (queue[0][0], queue[0][1]) < (packed >> 35, packed >> 33 & 3)
            ):
                day, action, _, subject, extra = heapq.heappop(queue)
            else:
                position += 1
                day, action = packed >> 35, packed >> 33 & 3
                subject, extra = packed >> 3 & (1 << 30) - 1, (packed & 7) - 1
            if action == OUT:
                self._hand_over(world.people[subject], day)
            elif action == ALLOCATE:
                child = world.children[subject]
                if child.current is None and (child.closed_on is None or day <= child.closed_on):
                    self._allocate(child, day, extra)
            else:
                child = world.children[subject]
                self._end(child, day - 1)
                if action == PHASE:
                    child.kind = _KINDS[extra]
                    draw = rng.random()
                    if draw < 0.92:
                        gap = 0
                    else:
                        gap = rng.randint(1, 5) if draw < 0.97 else rng.randint(6, 40)
                    self.push(day + gap, ALLOCATE, child.index)

    def _end(self, child: Child, last: int) -> None:
        allocation = child.current
        if allocation is None:
            return
        allocation.end = last
        child.current = None
        del self.active[allocation.person][child.index]
        self.world.teams[allocation.team].load -= 1

    def _hand_over(self, person: Person, day: int) -> None:
        held = self.active.get(person.index)
        if not held:
            return
        for child_index, allocation in list(held.items()):
            child = self.world.children[child_index]
            self._end(child, day - 1)
            gap = 0 if self.rng.random() < 0.9 else self.rng.randint(1, 30)
            self.push(day + gap, ALLOCATE, child_index, allocation.team)

    def _allocate(self, child: Child, day: int, prefer: int, backdate: bool = False) -> None:
        world, rng = self.world, self.rng
        choice = self._choose(child.kind, day, prefer)
        if choice is None:
            self.push(day + 7, ALLOCATE, child.index, prefer)
            return
        person, team, held_since = choice
        start = day
        if backdate:  # allocated some time before the history starts
            start = max(child.phases[0][0], held_since, day - rng.randint(0, 540))
            start = max(start, next(f for f, k in reversed(child.phases) if f <= day))
        allocation = Allocation(child.index, person, team, start)
        world.allocations.append(allocation)
        child.current = allocation
        self.active.setdefault(person, {})[child.index] = allocation
        world.teams[team].load += 1
        if child.agreed_by == -2 and world.teams[team].kind == "disabled_children":
            manager = world.posts[world.teams[team].manager_post].holder_on(day)
            if manager is not None:
                child.agreed_by = manager.person

    def _choose(self, kind: str, day: int, prefer: int) -> tuple[int, int, int] | None:
        """(person, team, since when they hold their post) for a new case of this kind."""
        world, rng = self.world, self.rng
        teams = self.teams_of.get(kind) or [t.index for t in world.teams]
        order: list[int] = []
        if prefer >= 0 and world.teams[prefer].kind == kind:
            order.append(prefer)
        a, b = rng.choice(teams), rng.choice(teams)
        ta, tb = world.teams[a], world.teams[b]
        if ta.load * max(tb.capacity, 0.1) > tb.load * max(ta.capacity, 0.1):
            a, b = b, a
        order += [a, b]
        for team_index in order:
            found = self._worker(team_index, day)
            if found is not None:
                return found[0], team_index, found[1]
        start = rng.randrange(len(teams))
        for team_index in teams[start:] + teams[:start]:
            found = self._worker(team_index, day)
            if found is not None:
                return found[0], team_index, found[1]
        return None

    def _worker(self, team_index: int, day: int) -> tuple[int, int] | None:
        """(person, since when in post) of the lightest-loaded practitioner of the team."""
        world, random, active = self.world, self.rng.random, self.active
        posts, people = world.posts, world.people
        best: tuple[int, int] | None = None
        best_score = 0.0
        for post_index in world.teams[team_index].case_posts:
            post = posts[post_index]
            if not post.holders:
                continue
            tenure: Tenure | None = post.holders[-1]
            if tenure is not None and tenure.start > day:  # a later holder: look further back
                tenure = post.holder_on(day)
            if tenure is None:
                continue
            if tenure.end is not None and tenure.end < day + 14:
                continue  # gone, or about to go
            person = people[tenure.person]
            if person.away and person.away_on(day):
                continue
            capacity = CASE_WEIGHT.get(post.role, 0.3)
            if person.hours == "part_time":
                capacity *= 0.6
            if day < person.asye_until:
                capacity *= 0.6 if day < person.asye_half else 0.8
            held = active.get(person.index)
            score = ((len(held) if held else 0) + 1) / capacity + random() * 0.5
            if best is None or score < best_score:
                best, best_score = (person.index, tenure.start), score
        return best


_KINDS = (
    "children_in_care",
    "family_safeguarding",
    "safeguarding",
    "care_leavers",
    "assessment",
    "disabled_children",
)
_KIND_CODE = {kind: code for code, kind in enumerate(_KINDS)}


def build_allocations(world: World) -> None:
    Allocator(world).run()
