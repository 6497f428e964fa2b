"""Compliance snapshots: counts by day, team, supervisor and rule (no names of supervisees)."""

from __future__ import annotations

from datetime import date

from ninja import Schema

from supervise.api.schemas.common import StaffRef, TeamRef


class SnapshotOut(Schema):
    id: int
    taken_on: date
    team: TeamRef | None
    supervisor: StaffRef | None
    rule: str
    subjects: int
    overdue: int
    due_soon: int


class SnapshotPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SnapshotOut]
