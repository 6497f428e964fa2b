"""Agreements in each state, made directly or through the services."""

from __future__ import annotations

from datetime import date

from supervise.agreements.models import Agreement
from supervise.agreements.services import agreement_draft, agreement_send, template_terms

FORM = {
    "reason": "new_relationship",
    "frequency": "P1M",
    "duration_minutes": "90",
    "venue": "Room 2, Guildhall",
    "cancellation_arrangements": "Rebook within the week",
    "preparation": "Bring the cases to table",
    "confidentiality": "Private, not confidential",
    "resolving_difficulties": "Talk first, then the service manager",
    "other_terms": "",
}


def draft(team) -> Agreement:  # type: ignore[no-untyped-def]
    return agreement_draft(
        actor=team.manager.user,
        supervisee=team.worker,
        reason="new_relationship",
        terms={"frequency": "P1M"},
    )


def sent(team) -> Agreement:  # type: ignore[no-untyped-def]
    return agreement_send(actor=team.manager.user, agreement=draft(team))


def signed_on(team, day: date, supervisor=None, frequency="P1M") -> Agreement:  # type: ignore[no-untyped-def]
    """An agreement signed by both on `day` (as if imported from before)."""
    return Agreement.objects.create(
        organisation=team.org,
        external_id=f"AG-{day.isoformat()}-{(supervisor or team.manager).pk}",
        supervisee=team.worker,
        supervisor=supervisor or team.manager,
        status="signed",
        frequency=frequency,
        supervisee_signed_on=day,
        supervisor_signed_on=day,
        **template_terms(team.org.pack),
    )
