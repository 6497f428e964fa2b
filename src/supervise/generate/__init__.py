"""A synthetic local authority, written as an interchange folder (`supervise generate`).

`write_authority(out, staff=N, children=M, years=Y, seed=S, as_of=D)` writes the eleven files of
`INTERCHANGE.md` describing Y years of history that end on D:

- N is the number of **posts** in the establishment (head of service, group, service and team
  managers, assistant team managers, practitioners and admin staff). Nearly all are filled on D;
  staff who left during the history, and a few who left before it (kept for the file-retention
  rules), are extra rows, so staff.csv has more than N rows.
- M is the number of children whose case is **open** on D, exactly; the cases closed during the
  history are extra rows of children.csv.

The same arguments always give byte-identical files: every random draw comes from
`random.Random` streams seeded from `seed`, nothing depends on the clock or on hash order. Only the
standard library is used. The pieces, in the order they are built: `org` (posts and teams),
`staffing` (who holds which post when), `absences`, `hr_events`, `lines` (supervision), `children`,
`allocations`, then `sessions` and `discussions` (streamed to disk) and `paperwork` (agreements and
observations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from supervise.generate.absences import build_absences
from supervise.generate.allocations import build_allocations
from supervise.generate.children import build_children
from supervise.generate.days import add_months
from supervise.generate.hr_events import build_hr_events
from supervise.generate.lines import build_lines
from supervise.generate.model import World
from supervise.generate.org import build_org
from supervise.generate.paperwork import write_agreements, write_observations
from supervise.generate.rows import write_children, write_people
from supervise.generate.sessions import build_sessions
from supervise.generate.staffing import build_staff
from supervise.generate.writer import Folder
from supervise.policy.gc_pause import cyclic_gc_paused

__all__ = ["GenerationSummary", "write_authority"]


@dataclass(frozen=True)
class GenerationSummary:
    """What `write_authority` wrote."""

    folder: Path
    as_of: date
    years: int
    seed: int
    posts: int
    staff_in_post: int
    open_children: int
    unallocated_children: int
    rows: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        tables = ", ".join(f"{name} {count:,}" for name, count in self.rows.items())
        return (
            f"Wrote a synthetic authority to {self.folder}: {self.staff_in_post:,} of "
            f"{self.posts:,} posts filled and {self.open_children:,} open children "
            f"({self.unallocated_children:,} unallocated) on {self.as_of.isoformat()}, with "
            f"{self.years} year{'s' if self.years != 1 else ''} of history (seed {self.seed}). "
            f"Rows: {tables}."
        )


# Raised whenever a change to the generator changes what a seed gives, so that a folder kept
# from an earlier version (the demo's) is generated again.
GENERATOR_VERSION = 2


def made_with(*, staff: int, children: int, years: int, seed: int, as_of: date) -> str:
    """The marker's record of how a folder was generated (`writer.generated_with`)."""
    return (
        f"generator {GENERATOR_VERSION}; staff {staff}; children {children}; years {years}; "
        f"seed {seed}; as of {as_of.isoformat()}"
    )


def _generate(
    out: Path, staff: int, children: int, years: int, seed: int, end: int
) -> tuple[World, dict[str, int]]:
    world = World(seed=seed, as_of=end, start=add_months(end, -12 * years) + 1)
    build_org(world, staff)
    build_staff(world)
    build_absences(world)
    build_hr_events(world)
    build_lines(world)
    build_children(world, children)
    build_allocations(world)
    signature = made_with(
        staff=staff, children=children, years=years, seed=seed, as_of=date.fromordinal(end)
    )
    with Folder(out, signature) as folder:
        build_sessions(world, folder)  # also writes case discussions and escalated events
        write_people(world, folder)
        write_children(world, folder)
        write_agreements(world, folder["agreements.csv"])
        write_observations(world, folder["observations.csv"])
        return world, folder.counts()


def write_authority(
    out: Path, *, staff: int, children: int, years: int, seed: int, as_of: date
) -> GenerationSummary:
    """Write a complete interchange folder for a synthetic authority into `out` (created if
    needed; the eleven files are overwritten) and say what was written."""
    if staff < 10 or children < 0 or years < 1:
        raise ValueError(
            f"need staff >= 10, children >= 0 and years >= 1 (got {staff}, {children}, {years})"
        )
    # Millions of long-lived objects and no cycles: collection passes are pure cost.
    with cyclic_gc_paused():
        world, rows = _generate(Path(out), staff, children, years, seed, as_of.toordinal())
    end = world.as_of
    in_post = sum(1 for person in world.people if person.tenures and person.tenures[-1].end is None)
    open_children = [
        child for child in world.children if child.closed_on is None and child.opened_on <= end
    ]
    return GenerationSummary(
        folder=Path(out),
        as_of=as_of,
        years=years,
        seed=seed,
        posts=len(world.posts),
        staff_in_post=in_post,
        open_children=len(open_children),
        unallocated_children=sum(1 for child in open_children if child.current is None),
        rows=rows,
    )
