"""A drill-down lists exactly the findings the figures above it count: the live findings of a
team, of a supervisor and of a manager's chain are the whole organisation's findings
attributed to that team, supervisor or chain (as the daily count attributes them), on a
generated authority with leavers, moves, cover and group sessions."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role
from supervise.compliance.attribution import Attribution
from supervise.compliance.current import Filters, current_findings
from supervise.compliance.dataset import dataset_from_db
from supervise.compliance.scope import compliance_scope
from supervise.generate import write_authority
from supervise.imports.services import folder_import
from supervise.organisations.models import Team
from supervise.organisations.services import organisation_create
from supervise.people.models import StaffMember
from supervise.policy.engine import evaluate
from tests import factories as f

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 23)


@pytest.fixture
def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "authority"
    write_authority(folder, staff=60, children=300, years=2, seed=11, as_of=AS_OF)
    organisation = organisation_create(slug="org", name="Org", policy="hull")
    assert folder_import(organisation=organisation, folder=folder).applied
    dataset = dataset_from_db(organisation)
    attribution = Attribution(dataset, AS_OF)
    by_team: dict[str | None, set] = defaultdict(set)
    by_supervisor: dict[str | None, set] = defaultdict(set)
    for finding in evaluate(dataset, organisation.pack, AS_OF):
        owner = attribution.of(finding)
        key = (finding.rule, finding.subject_type, finding.subject_id, finding.status)
        by_team[owner.team].add(key)
        by_supervisor[owner.supervisor].add(key)
    return organisation, by_team, by_supervisor


def keys(found) -> set:  # type: ignore[no-untyped-def]
    return {(f.rule, f.subject_type, f.subject_id, f.status) for f, _ in found.kept}


def test_each_team_and_each_supervisor_lists_what_the_organisation_attributes_to_them(
    world,
) -> None:
    organisation, by_team, by_supervisor = world
    qa = Viewer(f.UserFactory(organisation=organisation, roles=[Role.QUALITY_ASSURANCE]), AS_OF)
    scope = compliance_scope(qa)
    assert scope is not None
    assert scope.org_wide

    def listed(filters: Filters) -> set:
        return keys(
            current_findings(
                organisation=organisation, scope=scope, viewer=qa, filters=filters, as_of=AS_OF
            )
        )

    teams = Team.objects.filter(organisation=organisation)
    assert teams.count() > 3
    for team in teams:
        assert listed(Filters(team=team)) == by_team.get(team.name, set()), team.name
    supervisors = StaffMember.objects.filter(
        organisation=organisation, external_id__in=[s for s in by_supervisor if s]
    )
    # Leavers whose records are still outstanding are among them: their page must list those.
    assert supervisors.filter(left_on__lte=AS_OF).exists()
    for supervisor in supervisors:
        assert listed(Filters(supervisor=supervisor)) == by_supervisor[supervisor.external_id], (
            supervisor.external_id
        )


def test_a_managers_chain_lists_what_the_organisation_attributes_to_the_chain(world) -> None:
    organisation, _, by_supervisor = world
    heads = StaffMember.objects.filter(
        organisation=organisation, role__in=["service_manager", "team_manager"], left_on=None
    )
    checked = 0
    for head in heads[:6]:
        head.user = f.UserFactory(organisation=organisation)
        head.save(update_fields=["user"])
        viewer = Viewer(head.user, AS_OF)
        scope = compliance_scope(viewer)
        if scope is None:
            continue
        chain = set(
            StaffMember.objects.filter(pk__in=scope.supervisors).values_list(
                "external_id", flat=True
            )
        )
        expected = set().union(*(by_supervisor.get(s, set()) for s in chain))
        found = current_findings(organisation=organisation, scope=scope, viewer=viewer, as_of=AS_OF)
        assert keys(found) == expected, head.external_id
        checked += 1
    assert checked >= 3
