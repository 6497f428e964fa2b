"""Who holds each post over the years: starters, leavers, replacements, transfers, promotions.

Every post starts the history with a holder. People leave (agency staff and students sooner,
managers later); a vacant practitioner post is refilled after a few weeks, a manager's post the next
day (someone acts up). Some vacancies are filled from inside: a worker moving team (a
`team_transfer` event), a senior practitioner stepping up (`role_change`). Experienced social
workers progress to senior practitioner in post. Former staff who left before the history began
are kept for the file-retention rules.
"""

from __future__ import annotations

import heapq
import random
from datetime import date

from supervise.generate import names
from supervise.generate.days import add_months, open_day
from supervise.generate.model import (
    ADMIN,
    ATM,
    FAMILY_SUPPORT,
    GROUP_MANAGER,
    HEAD,
    PERSONAL_ADVISER,
    QUALIFIED_ROLES,
    SENIOR,
    SERVICE_MANAGER,
    SESSIONAL,
    SOCIAL_WORKER,
    STUDENT,
    SUPERVISING_ROLES,
    TEAM_MANAGER,
    Person,
    Post,
    Tenure,
    World,
)

YEAR = 365
MEAN_STAY = {  # average days in the authority, permanent contract
    SOCIAL_WORKER: 6 * YEAR,
    SENIOR: 7 * YEAR,
    FAMILY_SUPPORT: 6 * YEAR,
    PERSONAL_ADVISER: 6 * YEAR,
    SESSIONAL: 3 * YEAR,
    ADMIN: 7 * YEAR,
    ATM: 7 * YEAR,
    TEAM_MANAGER: 8 * YEAR,
    SERVICE_MANAGER: 8 * YEAR,
    GROUP_MANAGER: 8 * YEAR,
    HEAD: 9 * YEAR,
}
YEARS_QUALIFIED = {  # at least this long qualified when taking the post
    SOCIAL_WORKER: 0,
    SESSIONAL: 3,
    SENIOR: 4,
    ATM: 5,
    TEAM_MANAGER: 6,
    SERVICE_MANAGER: 9,
    GROUP_MANAGER: 11,
    HEAD: 13,
}
# A vacancy in a post of this role may go to someone of these roles already here, with this chance.
INTERNAL = {
    SOCIAL_WORKER: ((SOCIAL_WORKER, 0.08),),
    FAMILY_SUPPORT: ((FAMILY_SUPPORT, 0.06),),
    PERSONAL_ADVISER: ((PERSONAL_ADVISER, 0.06),),
    SENIOR: ((SOCIAL_WORKER, 0.3), (SENIOR, 0.05)),
    ATM: ((SENIOR, 0.6),),
    TEAM_MANAGER: ((ATM, 0.35), (SENIOR, 0.2)),
    SERVICE_MANAGER: ((TEAM_MANAGER, 0.5),),
    GROUP_MANAGER: ((SERVICE_MANAGER, 0.5),),
    HEAD: ((GROUP_MANAGER, 0.4), (SERVICE_MANAGER, 0.2)),
}
LEAVE, FILL, PROGRESS = 0, 1, 2


class Staffing:
    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.rng("staffing")
        self.queue: list[tuple[int, int, int, int]] = []
        self.sequence = 0
        self.used_names: set[tuple[str, str]] = set()
        self.by_role: dict[str, list[int]] = {}
        for post in world.posts:
            self.by_role.setdefault(post.role, []).append(post.index)

    def run(self) -> None:
        world = self.world
        for post in world.posts:
            self._hire(post, world.start, initial=True)
        while self.queue:
            day, action, _, subject = heapq.heappop(self.queue)
            if action == LEAVE:
                self._leave(world.people[subject], day)
            elif action == FILL:
                self._fill(world.posts[subject], day)
            else:
                self._progress(world.people[subject], day)
        self._former_staff()
        for person in world.people:
            self._paperwork(person)

    def _push(self, day: int, action: int, subject: int) -> None:
        if day <= self.world.as_of:
            self.sequence += 1
            heapq.heappush(self.queue, (day, action, self.sequence, subject))

    # -- people ------------------------------------------------------------------------------------

    def _unique_name(self) -> tuple[str, str]:
        """A name nobody else in the authority has (two "Omar Young"s confuse every page):
        a few draws, then a middle initial."""
        used = self.used_names
        for _ in range(8):
            first, last = names.staff_name(self.rng)
            if (first, last) not in used:
                break
        while (first, last) in used:
            first = f"{first.split()[0]} {self.rng.choice(names.INITIALS)}."
        used.add((first, last))
        return first, last

    def _new_person(self, role: str, started: int, post_start: int, initial: bool) -> Person:
        rng, world = self.rng, self.world
        index = len(world.people)
        first, last = self._unique_name()
        contract = _contract(role, rng)
        part_time = role == SESSIONAL or rng.random() < (
            0.05 if role in SUPERVISING_ROLES else 0.14
        )
        qualified: int | None = None
        asye = False
        if role in QUALIFIED_ROLES:
            newly = role == SOCIAL_WORKER and contract != "agency" and started >= world.start - 330
            if newly and rng.random() < (0.45 if initial else 0.35):
                asye = True
                qualified = started - rng.randint(45, 200)
            else:
                latest = post_start - YEARS_QUALIFIED[role] * YEAR - rng.randint(60, 4 * YEAR)
                qualified = min(started - rng.randint(30, 900), latest)
        person = Person(
            index=index,
            staff_id=f"S{index + 1:05d}",
            name=f"{first} {last}",
            email=f"{first}.{last}.{index + 1}@example.org".lower(),
            role=role,
            contract=contract,
            hours="part_time" if part_time else "full_time",
            started_on=started,
            qualified_on=qualified,
            asye=asye,
            leave_on=None,
            reliability=rng.random() ** 2,
        )
        if asye:
            person.asye_half = add_months(started, 6)
            person.asye_until = add_months(started, 12)
        world.people.append(person)
        return person

    def _hire(self, post: Post, day: int, initial: bool) -> None:
        rng = self.rng
        role = post.role
        if initial:
            if role == STUDENT:
                started = day - rng.randint(0, 60)
            else:
                mean = MEAN_STAY[role] / (3 if rng.random() < 0.15 else 1)
                started = day - min(int(rng.expovariate(1 / mean)) + rng.randint(0, 60), 30 * YEAR)
        else:
            started = day
        person = self._new_person(role, started, day, initial)
        tenure = Tenure(person.index, post.index, started)
        post.holders.append(tenure)
        person.tenures.append(tenure)
        if role == STUDENT:
            leave = started + rng.randint(90, 170)
        else:
            short_term = role != SESSIONAL and person.contract in ("agency", "temporary")
            mean = MEAN_STAY[role] / (2.5 if short_term else 1)
            leave = day + int(rng.expovariate(1 / mean)) + 1
        if leave < self.world.as_of:
            person.leave_on = leave
            self._push(leave, LEAVE, person.index)
        if role == SOCIAL_WORKER and person.qualified_on is not None:
            ready = max(day, person.qualified_on + 3 * YEAR)
            self._push(ready + int(rng.expovariate(1 / (12 * YEAR))), PROGRESS, person.index)

    # -- events ------------------------------------------------------------------------------------

    def _leave(self, person: Person, day: int) -> None:
        tenure = person.tenures[-1]
        tenure.end = day
        post = self.world.posts[tenure.post]
        self._push(self._refill_day(post, day), FILL, post.index)

    def _refill_day(self, post: Post, last_day: int) -> int:
        rng = self.rng
        if post.role in SUPERVISING_ROLES:
            return last_day + 1  # someone acts up the next day
        if post.role == STUDENT:  # the next placement starts early January or mid September
            earliest = date.fromordinal(last_day + 14)
            starts = (date(earliest.year, 1, 8), date(earliest.year, 9, 15))
            options = [d.toordinal() for d in starts] + [date(earliest.year + 1, 1, 8).toordinal()]
            return min(o for o in options if o >= earliest.toordinal())
        if rng.random() < 0.25:
            return open_day(last_day + rng.randint(3, 14))  # agency cover found quickly
        return open_day(last_day + rng.randint(20, 110))

    def _fill(self, post: Post, day: int) -> None:
        rng = self.rng
        draw = rng.random()
        for source, chance in INTERNAL.get(post.role, ()):
            if draw < chance:
                mover = self._candidate(post, source, day)
                if mover is not None:
                    self._move(mover, post, day)
                    return
                break
            draw -= chance
        self._hire(post, day, initial=False)

    def _candidate(self, post: Post, source: str, day: int) -> Person | None:
        rng, world = self.rng, self.world
        pool = self.by_role.get(source, [])
        for _ in range(8 if pool else 0):
            other = world.posts[rng.choice(pool)]
            holder = other.holders[-1] if other.holders else None
            if holder is None or holder.end is not None or other.role != source:
                continue
            if source == post.role and other.team == post.team:
                continue  # a move within the team is not a transfer
            person = world.people[holder.person]
            if holder.start > day - YEAR or person.last_move > day - 2 * YEAR:
                continue
            if person.leave_on is not None and person.leave_on < day + 120:
                continue
            needed = YEARS_QUALIFIED.get(post.role, 0) * YEAR
            if needed and (person.qualified_on is None or person.qualified_on > day - needed):
                continue
            return person
        return None

    def _move(self, person: Person, post: Post, day: int) -> None:
        world = self.world
        old = person.tenures[-1]
        old.end = day - 1
        old_post = world.posts[old.post]
        tenure = Tenure(person.index, post.index, day)
        post.holders.append(tenure)
        person.tenures.append(tenure)
        person.last_move = day
        if post.role != person.role:
            world.event(
                person.index, day, "role_change", f"Appointed {post.role.replace('_', ' ')}"
            )
            person.role = post.role
        if post.unit != old_post.unit:
            world.event(person.index, day, "team_transfer", f"From {old_post.unit} to {post.unit}")
        self._push(self._refill_day(old_post, day - 1), FILL, old_post.index)

    def _progress(self, person: Person, day: int) -> None:
        """An experienced social worker becomes a senior practitioner in the same team."""
        tenure = person.tenures[-1]
        post = self.world.posts[tenure.post]
        if tenure.end is not None or post.role != SOCIAL_WORKER or person.role != SOCIAL_WORKER:
            return
        if person.leave_on is not None and person.leave_on < day + 60:
            return
        post.role = person.role = SENIOR
        self.by_role[SOCIAL_WORKER].remove(post.index)
        self.by_role.setdefault(SENIOR, []).append(post.index)
        self.world.event(person.index, day, "role_change", "Progressed to senior practitioner")

    # -- files -------------------------------------------------------------------------------------

    def _former_staff(self) -> None:
        """People who left before the history began: only their files are still of interest."""
        rng, world = self.rng, self.world
        for _ in range(max(1, round(len(world.posts) * 0.04))):
            role = rng.choice((SOCIAL_WORKER, SOCIAL_WORKER, SENIOR, FAMILY_SUPPORT, TEAM_MANAGER))
            left = world.start - rng.randint(1, 6 * YEAR)
            person = self._new_person(role, left - rng.randint(300, 8 * YEAR), left, False)
            person.leave_on = left
            person.role = role

    def _paperwork(self, person: Person) -> None:
        rng, world = self.rng, self.world
        first_supervising = next(
            (t.start for t in person.tenures if world.posts[t.post].role in SUPERVISING_ROLES), None
        )
        if first_supervising is not None:
            draw = rng.random()
            if draw < 0.75:
                person.training_on = world.clip(first_supervising + rng.randint(20, 170))
            elif draw < 0.87:
                person.training_on = world.clip(first_supervising + rng.randint(200, 420))
        left = person.leave_on
        if left is None:
            return
        draw = rng.random()
        if draw < 0.72:
            person.archived_on = world.clip(left + rng.randint(1, 25))
        elif draw < 0.85:
            person.archived_on = world.clip(left + rng.randint(32, 150))
        if person.archived_on is not None and rng.random() < 0.5:
            retention = add_months(left, 12 * rng.choice((3, 6, 7)))
            person.destroyed_on = world.clip(retention + rng.randint(0, 200))


def _contract(role: str, rng: random.Random) -> str:
    if role == STUDENT:
        return "student"
    if role == SESSIONAL:
        return "temporary"
    draw = rng.random()
    if role in SUPERVISING_ROLES:
        return "agency" if draw < 0.06 else "permanent"
    if role == ADMIN:
        return "temporary" if draw < 0.06 else "permanent"
    return "agency" if draw < 0.13 else "temporary" if draw < 0.17 else "permanent"


def build_staff(world: World) -> None:
    Staffing(world).run()
