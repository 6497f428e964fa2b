"""Supervision agreements."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from supervise.api.schemas.common import StaffRef


class AgreementOut(Schema):
    id: int
    external_id: str
    status: str
    reason: str
    supervisee: StaffRef
    supervisor: StaffRef
    frequency: str
    duration_minutes: int | None
    venue: str
    cancellation_arrangements: str
    preparation: str
    confidentiality: str
    resolving_difficulties: str
    other_terms: str
    supervisee_signed_on: date | None
    supervisee_signed_at: datetime | None
    supervisor_signed_on: date | None
    supervisor_signed_at: datetime | None
    signed_on: date | None
    created_at: datetime
