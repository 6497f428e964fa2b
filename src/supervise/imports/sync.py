"""Bring the database in line with a validated interchange dataset: the change plan.

Rows with ids (staff, children, agreements, sessions, observations) are created or updated by id
and never deleted. Rows without ids (supervision lines, absences, events, child statuses,
allocations) belong to an owner (a staff member or child) and, for every owner the folder lists,
the folder's rows *are* the owner's rows: extra ones are deleted, missing ones created. Case
discussions belong to their session in the same way. Importing the same folder twice therefore
changes nothing the second time, and `report` after `import` sees exactly what `check` saw.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

BATCH = 2000
ToModel = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(slots=True)
class FileChanges:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    # Sessions further along in Supervise than in the folder, left as they are (plan.py).
    kept: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            **({"kept": self.kept} if self.kept else {}),
        }


@dataclass(slots=True)
class KeyedPlan:
    """Rows with an id: what to create and which existing rows to update (with which values)."""

    model: type[models.Model]
    fields: tuple[str, ...]
    create: list[dict[str, Any]] = field(default_factory=list)
    update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    changes: FileChanges = field(default_factory=FileChanges)
    # Values only for the rows an import creates, never compared or updated (FileSync).
    created_with: dict[str, Any] = field(default_factory=dict)

    def apply(self, organisation_id: int, to_model: ToModel) -> None:
        """Write the plan; `to_model` turns external ids into the database's keys."""
        extra = self.created_with
        self.model.objects.bulk_create(
            [
                self.model(organisation_id=organisation_id, **extra, **to_model(v))
                for v in self.create
            ],
            batch_size=BATCH,
        )
        if self.update:
            objects = [
                self.model(pk=pk, organisation_id=organisation_id, **to_model(values))
                for pk, values in self.update
            ]
            columns = list(to_model(self.update[0][1]))
            self.model.objects.bulk_update(objects, columns, batch_size=BATCH)


def plan_keyed(
    model: type[models.Model],
    existing: dict[str, tuple[int, tuple[Any, ...]]],
    incoming: Iterable[tuple[str, dict[str, Any]]],
    fields: tuple[str, ...],
) -> KeyedPlan:
    """`existing`: key -> (pk, values in `fields` order); `incoming`: (key, values by field)."""
    plan = KeyedPlan(model=model, fields=fields)
    for key, values in incoming:
        current = existing.get(key)
        row = tuple(values[f] for f in fields)
        if current is None:
            plan.create.append(values)
            plan.changes.created += 1
        elif current[1] != row:
            plan.update.append((current[0], values))
            plan.changes.updated += 1
        else:
            plan.changes.unchanged += 1
    return plan


@dataclass(slots=True)
class OwnedPlan:
    """Rows without an id, synchronised per owner: delete these pks, create these rows."""

    model: type[models.Model]
    delete: list[int] = field(default_factory=list)
    create: list[dict[str, Any]] = field(default_factory=list)
    changes: FileChanges = field(default_factory=FileChanges)

    def apply(self, organisation_id: int, to_model: ToModel) -> None:
        for start in range(0, len(self.delete), BATCH):
            self.model.objects.filter(pk__in=self.delete[start : start + BATCH]).delete()
        self.model.objects.bulk_create(
            [self.model(organisation_id=organisation_id, **to_model(v)) for v in self.create],
            batch_size=BATCH,
        )


def plan_owned(
    model: type[models.Model],
    existing: Iterable[tuple[int, Hashable, tuple[Any, ...]]],
    incoming: Iterable[dict[str, Any]],
    owner_of: Callable[[dict[str, Any]], Hashable],
    row_of: Callable[[dict[str, Any]], tuple[Any, ...]],
    owners: set[Hashable],
) -> OwnedPlan:
    """`existing`: (pk, owner, row) from the database; only owners in `owners` are synchronised.

    Rows are compared as multisets per owner, so duplicates in the folder stay duplicates.
    """
    plan = OwnedPlan(model=model)
    current: dict[Hashable, dict[tuple[Any, ...], list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for pk, owner, row in existing:
        if owner in owners:
            current[owner][row].append(pk)
    wanted: dict[Hashable, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    values_of: dict[tuple[Hashable, tuple[Any, ...]], dict[str, Any]] = {}
    for values in incoming:
        owner = owner_of(values)
        row = row_of(values)
        wanted[owner][row] += 1
        values_of[(owner, row)] = values
    for owner in owners:
        have = current.get(owner, {})
        want = wanted.get(owner, Counter())
        for row, pks in have.items():
            keep = min(len(pks), want.get(row, 0))
            plan.changes.unchanged += keep
            plan.delete.extend(pks[keep:])
            plan.changes.deleted += len(pks) - keep
        for row, count in want.items():
            missing = count - len(have.get(row, ()))
            for _ in range(max(0, missing)):
                plan.create.append(values_of[(owner, row)])
            plan.changes.created += max(0, missing)
    return plan
