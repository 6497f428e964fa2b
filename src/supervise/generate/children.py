"""Children: open cases on as_of, and the closed cases that came before them.

The caseload is a set of slots that each always hold one open case: when a case closes, a new one
opens a few days later, so exactly `children` cases are open on as_of. Each slot keeps one kind of
case, with its own length and statuses:

- `cin` child in need: assessment, then a safeguarding or family safeguarding team;
- `cp` a section 47 enquiry, a child protection plan, often a step down to child in need;
- `cic` child in care, with court proceedings, placements and, for most, a permanence plan;
- `care_leaver` young people 18 to 25 with personal advisers;
- `disabled` the 0-25 Together service, some on a six-monthly review agreed by a manager.
"""

from __future__ import annotations

import math
import random

from supervise.generate import names
from supervise.generate.days import FOREVER
from supervise.generate.model import KIND_LABEL, Child, World

YEAR = 365
SHARES = (("cin", 0.30), ("cp", 0.16), ("cic", 0.28), ("care_leaver", 0.16), ("disabled", 0.10))
HOME_KIND = {
    "cic": "children_in_care",
    "care_leaver": "care_leavers",
    "disabled": "disabled_children",
}
FALLBACK = {
    "assessment": ("safeguarding", "family_safeguarding", "children_in_care"),
    "safeguarding": ("family_safeguarding", "assessment", "children_in_care"),
    "family_safeguarding": ("safeguarding", "assessment", "children_in_care"),
    "children_in_care": ("safeguarding", "family_safeguarding", "care_leavers"),
    "care_leavers": ("children_in_care", "safeguarding", "family_safeguarding"),
    "disabled_children": ("safeguarding", "children_in_care", "family_safeguarding"),
}


def build_children(world: World, count: int) -> None:
    rng = world.rng("children")
    kinds = {team.kind for team in world.teams}
    maker = _Maker(world, rng, kinds)
    slots: list[str] = []
    for trajectory, share in SHARES:
        slots += [trajectory] * round(count * share)
    while len(slots) > count:
        slots.pop()
    while len(slots) < count:
        slots.append("cin")
    rng.shuffle(slots)
    for trajectory in slots:
        child = maker.make(trajectory, None)
        while child.closed_on is not None:
            child = maker.make(trajectory, child.closed_on + 1 + rng.randint(0, 3))
    # Case-management systems number people as they come: ids in order of the case opening.
    world.children.sort(key=lambda child: (child.opened_on, child.index))
    for index, child in enumerate(world.children):
        child.index = index
        child.child_id = f"C{index + 1:06d}"


class _Maker:
    def __init__(self, world: World, rng: random.Random, kinds: set[str]) -> None:
        self.world, self.rng, self.kinds = world, rng, kinds

    def kind(self, wanted: str) -> str:
        """The team kind the authority has for this work (the nearest one if it has none)."""
        if wanted in self.kinds:
            return wanted
        return next((k for k in FALLBACK[wanted] if k in self.kinds), min(self.kinds))

    def make(self, trajectory: str, opened: int | None) -> Child:
        rng, world = self.rng, self.world
        length = self._length(trajectory)
        if opened is None:  # a case already open when the history starts
            opened = world.start - rng.randint(0, length - 1)
        last = opened + length - 1
        closed = last if last <= world.as_of - 5 else None
        index = len(world.children)
        child = Child(
            index=index,
            child_id="",  # numbered once all are made
            name=names.child_name(rng),
            born_on=opened - self._age_at_opening(trajectory, length),
            opened_on=opened,
            closed_on=closed,
            trajectory=trajectory,
            phases=[],
            statuses=[],
        )
        world.children.append(child)
        known = last if closed is not None else FOREVER  # an open case has not ended yet
        self._phases(child, min(known, world.as_of))
        self._statuses(child, known)
        self._attributes(child)
        return child

    def _length(self, trajectory: str) -> int:
        rng = self.rng
        if trajectory == "cin":
            return _lognormal(rng, 180, 0.7, 25, 1100)
        if trajectory == "cp":
            return _lognormal(rng, 420, 0.45, 90, 1400)
        if trajectory == "cic":
            return _lognormal(rng, 900, 0.8, 60, 17 * YEAR)
        if trajectory == "care_leaver":
            return _lognormal(rng, 1000, 0.5, 180, 7 * YEAR)
        return _lognormal(rng, 1400, 0.6, 180, 20 * YEAR)

    def _age_at_opening(self, trajectory: str, length: int) -> int:
        rng = self.rng
        if trajectory == "care_leaver":
            return 18 * YEAR + rng.randint(0, 30)
        oldest = (25 if trajectory == "disabled" else 18) * YEAR - length - 30
        return rng.randint(0, max(0, min(oldest, 17 * YEAR)))

    def _phases(self, child: Child, last: int) -> None:
        rng, opened = self.rng, child.opened_on
        lead = "family_safeguarding" if rng.random() < 0.5 else "safeguarding"
        if child.trajectory in ("cin", "cp"):
            assessing = rng.randint(25, 60) if child.trajectory == "cin" else rng.randint(10, 35)
            phases = [(opened, "assessment"), (opened + assessing, lead)]
        elif child.trajectory == "cic" and rng.random() < 0.35:
            phases = [(opened, "assessment"), (opened + rng.randint(14, 40), "children_in_care")]
        else:
            phases = [(opened, HOME_KIND[child.trajectory])]
        child.phases = [(day, self.kind(kind)) for day, kind in phases if day <= last]
        child.kind = child.phases[-1][1]

    def _statuses(self, child: Child, last: int) -> None:
        rng, opened = self.rng, child.opened_on
        spans: list[tuple[str, int, int]] = []
        trajectory = child.trajectory
        if trajectory == "cin":
            spans.append(("child_in_need", opened, last))
            if rng.random() < 0.08:
                spans.append(("chronic_neglect", opened + rng.randint(0, 60), last))
        elif trajectory == "cp":
            enquiry = rng.randint(10, 35)
            plan_end = opened + enquiry + _lognormal(rng, 300, 0.45, 60, 900)
            spans.append(("section47_enquiry", opened, opened + enquiry - 1))
            spans.append(("child_protection_plan", opened + enquiry, min(plan_end, last)))
            spans.append(("child_in_need", plan_end + 1, last))
            if rng.random() < 0.1:
                court = opened + enquiry + rng.randint(60, 200)
                spans.append(("court_proceedings", court, court + rng.randint(120, 300)))
        elif trajectory == "cic":
            spans.append(("child_in_care", opened, last))
            spans.append(("recently_placed", opened, opened + 89))
            if rng.random() < 0.5:
                spans.append(("court_proceedings", opened, opened + rng.randint(120, 260)))
            if rng.random() < 0.65:
                child.permanence_plan_on = opened + rng.randint(120, 330)
            elif rng.random() < 0.5:
                spans.append(("non_permanent_placement", opened, opened + rng.randint(90, 500)))
            if rng.random() < 0.03:
                start = opened + rng.randint(30, 600)
                spans.append(("unregulated_placement", start, start + rng.randint(30, 200)))
        elif trajectory == "care_leaver":
            spans.append(("care_leaver", opened, last))
            if rng.random() < 0.4:
                spans.append(("stable_independent", opened + rng.randint(180, 700), last))
            if rng.random() < 0.02:
                start = opened + rng.randint(30, 700)
                spans.append(("long_term_custody", start, start + rng.randint(120, 540)))
        else:
            spans.append(("child_in_need", opened, last))
            if rng.random() < 0.5:
                spans.append(("short_breaks", opened + rng.randint(0, 200), last))
        if trajectory != "disabled" and rng.random() < 0.05:
            start = opened + rng.randint(0, 300)
            spans.append(("missing_or_exploitation", start, start + rng.randint(20, 120)))
        as_of = self.world.as_of
        for status, first, end in spans:
            end = min(end, last)
            if first <= end and first <= as_of:
                child.statuses.append((status, first, end if end <= as_of else None))
        plan = child.permanence_plan_on
        if plan is not None and (plan > as_of or plan > last):
            child.permanence_plan_on = None

    def _attributes(self, child: Child) -> None:
        rng = self.rng
        kind = child.phases[-1][1]
        child.service = KIND_LABEL[kind]
        if kind == "family_safeguarding":
            red, amber = (0.45, 0.9) if child.trajectory == "cp" else (0.05, 0.4)
            draw = rng.random()
            child.risk_rating = "red" if draw < red else "amber" if draw < amber else "green"
        if kind == "disabled_children" and rng.random() < 0.4:
            child.agreed_interval = "P6M"
            child.agreed_by = -2 if rng.random() < 0.9 else -1  # -2: set when allocated
        vulnerable = 0.1 if child.trajectory in ("cp", "cic") else 0.02
        child.particularly_vulnerable = rng.random() < vulnerable
        if child.trajectory == "cp" or child.particularly_vulnerable:
            child.weight = 1.8
        if rng.random() < 0.06:
            child.weight = 0.15  # a case that drifts: rarely brought to supervision


def _lognormal(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, int(rng.lognormvariate(math.log(median), sigma))))
