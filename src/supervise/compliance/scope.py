"""Who sees which compliance figures.

Organisation-wide roles (quality assurance, inspectors, HR, and senior managers granted the role
without a place in the management chain) see every team. Anyone else sees the supervision done
by people in their management chain (snapshot rows whose supervisor is the viewer or below
them), and may open the teams those people belong to.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role, RoleGrant
from supervise.organisations.models import Team
from supervise.people.models import StaffMember

ORG_WIDE_GRANTS = {Role.QUALITY_ASSURANCE, Role.INSPECTOR, Role.HR}


@dataclass(frozen=True, slots=True)
class ComplianceScope:
    organisation_id: int
    org_wide: bool
    supervisors: frozenset[int] = frozenset()  # staff whose supervision is in view (chain + me)
    teams: frozenset[int] = frozenset()  # teams of the people in the chain

    def rows(self) -> Q:
        """The snapshot rows this scope may read."""
        q = Q(organisation_id=self.organisation_id)
        if not self.org_wide:
            q &= Q(supervisor_id__in=self.supervisors)
        return q

    def rows_outside(self) -> Q | None:
        """The organisation's snapshot rows this scope does not count (None: it counts all)."""
        if self.org_wide:
            return None
        return Q(organisation_id=self.organisation_id) & ~Q(supervisor_id__in=self.supervisors)

    def allows_team(self, team_id: int | None) -> bool:
        return team_id is not None and (self.org_wide or team_id in self.teams)

    def allows_supervisor(self, staff_id: int | None) -> bool:
        return staff_id is not None and (self.org_wide or staff_id in self.supervisors)

    @property
    def description(self) -> str:
        if self.org_wide:
            return "All teams in the organisation"
        return "Teams in your management chain"


def compliance_scope(viewer: Viewer) -> ComplianceScope | None:
    """What `viewer` may see on the compliance pages, or None when nothing."""
    org = viewer.organisation_id
    if org is None:
        return None
    below = viewer.below()
    org_wide = viewer.has(*ORG_WIDE_GRANTS)
    if not org_wide and viewer.has(Role.SENIOR_MANAGER) and not below:
        # A senior manager by grant (not by place in the chain) sees the whole organisation.
        org_wide = RoleGrant.objects.filter(user=viewer.user, role=Role.SENIOR_MANAGER).exists()
    if org_wide:
        return ComplianceScope(organisation_id=org, org_wide=True)
    if not below or viewer.staff is None:
        return None
    teams = frozenset(
        StaffMember.objects.filter(organisation_id=org, pk__in=below, team__isnull=False)
        .values_list("team_id", flat=True)
        .distinct()
    )
    return ComplianceScope(
        organisation_id=org,
        org_wide=False,
        supervisors=frozenset(below | {viewer.staff.pk}),
        teams=teams,
    )


def teams_in_scope(scope: ComplianceScope) -> list[Team]:
    teams = Team.objects.filter(organisation_id=scope.organisation_id)
    if not scope.org_wide:
        teams = teams.filter(pk__in=scope.teams)
    return list(teams.order_by("name"))
