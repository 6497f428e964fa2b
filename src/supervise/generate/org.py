"""The establishment: head of service, group and service managers, teams and their posts.

`staff` is the number of posts. Teams have 6–10 workers under a team manager (about 40% also have
an assistant team manager who supervises three or four of the practitioners); four to six teams
make a service under a service manager; service managers report to a group manager (two to six
services each) or, with three services or fewer, straight to the head of service.
"""

from __future__ import annotations

import random

from supervise.generate import names
from supervise.generate.model import (
    ADMIN,
    ATM,
    CASE_WEIGHT,
    FAMILY_SUPPORT,
    GROUP_MANAGER,
    HEAD,
    KIND_LABEL,
    KIND_SHARE,
    PERSONAL_ADVISER,
    SENIOR,
    SERVICE_MANAGER,
    SESSIONAL,
    SOCIAL_WORKER,
    STUDENT,
    TEAM_MANAGER,
    Post,
    Team,
    World,
)

DIVISIONS = ("North", "South", "East", "West", "Central")
POSTS_PER_TEAM = 10.3  # workers, team managers and their share of the managers above


def build_org(world: World, staff: int) -> None:
    """Fill `world.posts` and `world.teams` with exactly `staff` posts."""
    rng = world.rng("org")
    team_count = max(1, round(staff / POSTS_PER_TEAM))
    service_sizes = _split(team_count, max(1, round(team_count / 5)), rng)
    groups = 0 if len(service_sizes) <= 3 else max(2, round(len(service_sizes) / 4.5))
    group_sizes = _split(len(service_sizes), groups, rng) if groups else []
    has_atm = [staff >= 40 and rng.random() < 0.4 for _ in range(team_count)]
    managers = 1 + len(group_sizes) + len(service_sizes) + team_count + sum(has_atm)
    workers = _team_sizes(staff - managers, team_count, rng)
    kinds = _team_kinds(team_count)

    head = _post(world, HEAD, -1, "Children's Services", -1)
    service_parent: list[int] = []
    for g, size in enumerate(group_sizes):
        division = DIVISIONS[g % len(DIVISIONS)] + (f" {g // len(DIVISIONS) + 1}" if g >= 5 else "")
        group = _post(world, GROUP_MANAGER, -1, f"{division} Division", head)
        service_parent.extend([group] * size)
    if not group_sizes:
        service_parent = [head] * len(service_sizes)
    team_index = 0
    for s, size in enumerate(service_sizes):
        area = names.area(s)
        service = _post(world, SERVICE_MANAGER, -1, f"{area} Locality", service_parent[s])
        for number in range(1, size + 1):
            kind = kinds[team_index]
            name = f"{KIND_LABEL[kind]} {area} {number}"
            _build_team(world, rng, team_index, name, kind, service, has_atm[team_index],
                        workers[team_index])  # fmt: skip
            team_index += 1


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` nearly equal sizes, larger ones in random places."""
    sizes = [total // parts + (1 if i < total % parts else 0) for i in range(parts)]
    rng.shuffle(sizes)
    return sizes


def _team_sizes(workers: int, teams: int, rng: random.Random) -> list[int]:
    sizes = _split(workers, teams, rng)
    for _ in range(teams * 2):  # vary sizes a little while keeping the total
        i, j = rng.randrange(teams), rng.randrange(teams)
        if i != j and sizes[i] > 6 and sizes[j] < 10:
            sizes[i] -= 1
            sizes[j] += 1
    return sizes


def _team_kinds(teams: int) -> list[str]:
    """Kinds in proportion to KIND_SHARE, largest first (a one-team authority is all in care)."""
    counts = dict.fromkeys(KIND_SHARE, 0)
    kinds = []
    for i in range(1, teams + 1):
        kind = max(KIND_SHARE, key=lambda k: KIND_SHARE[k] * i - counts[k])
        counts[kind] += 1
        kinds.append(kind)
    return kinds


def _post(world: World, role: str, team: int, unit: str, supervisor: int) -> int:
    post = Post(len(world.posts), role, team, unit, supervisor)
    world.posts.append(post)
    return post.index


def _build_team(
    world: World,
    rng: random.Random,
    index: int,
    name: str,
    kind: str,
    service_post: int,
    with_atm: bool,
    size: int,
) -> None:
    manager = _post(world, TEAM_MANAGER, index, name, service_post)
    atm = _post(world, ATM, index, name, manager) if with_atm else -1
    team = Team(index, name, kind, manager, atm)
    world.teams.append(team)
    roles = _worker_roles(kind, size, rng)
    atm_share = rng.randint(3, 4) if with_atm else 0
    for position, role in enumerate(roles):
        by_atm = role not in (ADMIN, SESSIONAL) and 1 <= position <= atm_share
        post = _post(world, role, index, name, atm if by_atm else manager)
        team.posts.append(post)
        if role in CASE_WEIGHT:
            team.case_posts.append(post)
            team.capacity += CASE_WEIGHT[role]


def _worker_roles(kind: str, size: int, rng: random.Random) -> list[str]:
    """The posts of a team of `size` workers: seniors first, then social workers, then the rest."""
    admin = 1 if size >= 6 and rng.random() < 0.55 else 0
    rest = size - admin
    seniors = (1 if rest >= 4 else 0) + (1 if rest >= 9 and rng.random() < 0.5 else 0)
    others: list[str] = []
    if kind == "family_safeguarding":
        others += [FAMILY_SUPPORT] * (2 if rest >= 6 else 1)
    elif kind == "care_leavers":
        others += [PERSONAL_ADVISER] * max(1, round(rest * 0.55))
    elif kind == "disabled_children" or (kind == "safeguarding" and rng.random() < 0.6):
        others.append(FAMILY_SUPPORT)
    if kind == "assessment":
        if rng.random() < 0.6 and rest >= 6:
            others.append(STUDENT)
        if rng.random() < 0.6 and rest >= 6:
            others.append(SESSIONAL)
    elif kind in ("children_in_care", "safeguarding") and rest >= 7:
        if rng.random() < 0.3:
            others.append(STUDENT)
        if rng.random() < 0.15:
            others.append(SESSIONAL)
    social_workers = max(1, rest - seniors - len(others))
    others = others[: rest - seniors - social_workers] if rest > seniors + social_workers else []
    return [SENIOR] * seniors + [SOCIAL_WORKER] * social_workers + others + [ADMIN] * admin
