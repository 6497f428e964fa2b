"""Case discussions: which children each session talks about, and group case supervision.

In a held formal session the worker brings several of the children allocated to them that day: the
ones longest undiscussed first (urgent cases weigh more, a few drifting cases much less), about half
the caseload each time, so most children come up every one to three months. An oversight session
looks at one case. Family Safeguarding teams meet monthly (`group` sessions led by the team
manager) about their risk-rated children: red and amber every month, green every other month.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervise.generate.days import add_months, open_day, text
from supervise.generate.model import Allocation, Person, World
from supervise.generate.writer import Folder

if TYPE_CHECKING:
    from supervise.generate.sessions import SessionTable


class Discussions:
    def __init__(self, world: World, folder: Folder) -> None:
        self.world = world
        self.rng = world.rng("discussions")
        self.table = folder["case_discussions.csv"]
        self.by_person: dict[int, list[Allocation]] = {}
        self.rated_by_team: dict[int, list[Allocation]] = {}
        for allocation in world.allocations:
            self.by_person.setdefault(allocation.person, []).append(allocation)
            if world.children[allocation.child].risk_rating:
                self.rated_by_team.setdefault(allocation.team, []).append(allocation)
        for allocations in (*self.by_person.values(), *self.rated_by_team.values()):
            allocations.sort(key=lambda a: (a.start, a.child))

    def recorded(self, day: int) -> int | None:
        """When the discussion was written onto the child's record (None: not yet, or never;
        mostly recent ones, older gaps have largely been caught up with)."""
        random = self.rng.random
        draw = random()
        if draw < (0.025 if self.world.as_of - day < 120 else 0.002):
            return None
        if draw < 0.6:
            delay = int(random() * 2)  # same day or the next
        elif draw < 0.92:
            delay = 2 + int(random() * 4)
        else:
            delay = 6 + int(random() * 10)
        recorded = open_day(day + delay)  # written up in the office, on a working day
        return recorded if recorded <= self.world.as_of else None

    def write(self, session_id: str, allocation: Allocation, day: int) -> None:
        child = self.world.children[allocation.child]
        self.table.add((session_id, child.child_id, text(self.recorded(day))))

    def for_person(self, person: Person, held: list[tuple[int, str, bool]]) -> None:
        """Discussions in `person`'s held formal and oversight sessions (in date order)."""
        allocations = self.by_person.get(person.index)
        if not allocations:
            return
        rng, children = self.rng, self.world.children
        pointer = 0
        active: list[list[int]] = []  # [index into allocations, day last discussed or -1]
        for day, session_id, formal in held:
            while pointer < len(allocations) and allocations[pointer].start <= day:
                active.append([pointer, -1])
                pointer += 1
            active = [e for e in active if (allocations[e[0]].end or day) >= day]
            if not active:
                continue
            if not formal:
                self.write(session_id, allocations[rng.choice(active)[0]], day)
                continue
            count = len(active)
            if count > 3:
                count = max(3, round(count * rng.uniform(0.35, 0.6)))

            def urgency(entry: list[int], day: int = day) -> tuple[float, int]:
                allocation = allocations[entry[0]]
                child = children[allocation.child]
                since = day - (entry[1] if entry[1] >= 0 else allocation.start)
                bonus = 0 if entry[1] >= 0 else 60  # a new case is talked about soon
                return -(since * child.weight + bonus), allocation.child

            for entry in sorted(active, key=urgency)[:count]:
                self.write(session_id, allocations[entry[0]], day)
                entry[1] = day


def group_sessions(world: World, table: SessionTable, discussions: Discussions) -> None:
    """Monthly group case supervision in every Family Safeguarding team."""
    rng = world.rng("group-sessions")
    for team in world.teams:
        if team.kind != "family_safeguarding":
            continue
        allocations = discussions.rated_by_team.get(team.index, [])
        first = world.start + rng.randint(0, 27)
        pointer = 0
        active: list[Allocation] = []
        last_seen: dict[int, int] = {}
        month = 0
        while True:
            day = open_day(add_months(first, month))
            month += 1
            lead = world.posts[team.manager_post].holder_on(min(day, world.as_of))
            if day > world.as_of:
                if lead is not None:
                    table.add("group", world.people[lead.person], None, "planned", scheduled=day)
                break
            if lead is None:
                continue
            facilitator = world.people[lead.person]
            absence = facilitator.absence_on(day)
            if absence is not None or rng.random() < 0.04:
                reason = (
                    "sickness" if absence is not None and absence.reason == "sickness" else "other"
                )
                table.add("group", facilitator, None, "cancelled", scheduled=day,
                          cancelled_by="supervisor", reason=reason)  # fmt: skip
                continue
            completed = open_day(day + rng.randint(0, 3))
            finalised = open_day(completed + rng.randint(0, 4)) if rng.random() < 0.95 else None
            records = (world.clip(completed), None, None, world.clip(finalised))
            session_id = table.add("group", facilitator, None, "held", scheduled=day, held=day,
                                   duration=120, records=records)  # fmt: skip
            while pointer < len(allocations) and allocations[pointer].start <= day:
                active.append(allocations[pointer])
                pointer += 1
            active = [a for a in active if (a.end or day) >= day]
            for allocation in active:
                child = world.children[allocation.child]
                seen = last_seen.get(child.index)
                due = child.risk_rating != "green" or seen is None or day - seen >= 45
                if due and rng.random() >= 0.04:
                    discussions.write(session_id, allocation, day)
                    last_seen[child.index] = day
