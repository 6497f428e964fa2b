"""Taking compliance snapshots (`supervise snapshot`, and after each import)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from supervise.audit.services import audit_record
from supervise.compliance.attribution import Attribution
from supervise.compliance.dataset import dataset_from_db
from supervise.compliance.models import ComplianceSnapshot
from supervise.organisations.models import Organisation, Team
from supervise.people.models import StaffMember
from supervise.policy.dates import add_months
from supervise.policy.engine import duties
from supervise.policy.findings import DEFAULT_SOON_DAYS, DUE_SOON, OVERDUE, status_of


def today() -> date:
    return timezone.localdate()


def snapshot_take(
    *, organisation: Organisation, as_of: date | None = None, actor: Any = None
) -> int:
    """Count the engine's duties on `as_of` by team, supervisor and rule; replace that day's."""
    return snapshot_series(organisation=organisation, days=[as_of or today()], actor=actor)


def snapshot_series(*, organisation: Organisation, days: list[date], actor: Any = None) -> int:
    dataset = dataset_from_db(organisation)
    pack = organisation.pack
    teams = dict(Team.objects.filter(organisation=organisation).values_list("name", "pk"))
    staff = dict(
        StaffMember.objects.filter(organisation=organisation).values_list("external_id", "pk")
    )
    rows: list[ComplianceSnapshot] = []
    for day in days:
        attribution = Attribution(dataset, day)
        counts: Counter[tuple[Any, Any, str, str]] = Counter()
        for duty in duties(dataset, pack, day):
            owner = attribution.of(duty)
            key = (teams.get(owner.team or ""), staff.get(owner.supervisor or ""), duty.rule)
            counts[(*key, "subjects")] += 1
            status = status_of(duty.due_on, day, DEFAULT_SOON_DAYS)
            if status:
                counts[(*key, status)] += 1
        groups = {key[:3] for key in counts}
        rows += [
            ComplianceSnapshot(
                organisation=organisation,
                taken_on=day,
                team_id=team,
                supervisor_id=supervisor,
                rule=rule,
                subjects=counts[(team, supervisor, rule, "subjects")],
                overdue=counts[(team, supervisor, rule, OVERDUE)],
                due_soon=counts[(team, supervisor, rule, DUE_SOON)],
            )
            for team, supervisor, rule in groups
        ]
    with transaction.atomic():
        ComplianceSnapshot.objects.filter(organisation=organisation, taken_on__in=days).delete()
        ComplianceSnapshot.objects.bulk_create(rows, batch_size=2000)
        audit_record(
            action="compliance.snapshot",
            actor=actor,
            organisation=organisation,
            detail={"days": [d.isoformat() for d in days], "rows": len(rows)},
        )
    return len(rows)


def month_ends(as_of: date, months: int) -> list[date]:
    """`as_of` and the same day of each of the `months` months before it (clamped)."""
    return [add_months(as_of, -back) for back in range(months, -1, -1)]
