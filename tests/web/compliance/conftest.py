"""Fixtures for the compliance pages: the `team` fixture's people placed in two teams, and
snapshot rows written directly so that every figure on the page can be checked by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from supervise.accounts.models import Role
from supervise.compliance.models import ComplianceSnapshot
from supervise.organisations.models import Team as OrgTeam
from tests import factories as f

LATEST = date(2026, 11, 23)
MONTH_AGO = date(2026, 10, 23)
FIVE_MONTHS_AGO = date(2026, 6, 23)


def snap(org, day, team, supervisor, rule, subjects, overdue=0, due_soon=0):  # type: ignore[no-untyped-def]
    return ComplianceSnapshot.objects.create(
        organisation=org,
        taken_on=day,
        team=team,
        supervisor=supervisor,
        rule=rule,
        subjects=subjects,
        overdue=overdue,
        due_soon=due_soon,
    )


@dataclass
class Places:
    """Two teams of the `team` fixture: A (manager, worker, colleague), B (the neighbours)."""

    a: OrgTeam
    b: OrgTeam
    locality: OrgTeam


@pytest.fixture
def places(team) -> Places:  # type: ignore[no-untyped-def]
    a = OrgTeam.objects.create(organisation=team.org, name="Alpha Team")
    b = OrgTeam.objects.create(organisation=team.org, name="Bravo Team")
    locality = OrgTeam.objects.create(organisation=team.org, name="Locality")
    for staff, place in (
        (team.manager, a),
        (team.worker, a),
        (team.colleague, a),
        (team.other_manager, b),
        (team.other_worker, b),
        (team.head, locality),
    ):
        staff.team = place
        staff.save(update_fields=["team"])
    return Places(a, b, locality)


@pytest.fixture
def figures(team, places):  # type: ignore[no-untyped-def]
    """Snapshot rows on three days; the latest day's sums are worked out in the tests."""
    org = team.org
    for day, a_overdue, b_overdue in (
        (LATEST, 1, 2),
        (MONTH_AGO, 0, 1),
        (FIVE_MONTHS_AGO, 5, 5),
    ):
        snap(org, day, places.a, team.manager, "personal_supervision", 10, a_overdue, 3)
        snap(org, day, places.b, team.other_manager, "personal_supervision", 5, b_overdue, 1)
    snap(org, LATEST, places.a, team.manager, "case_supervision", 40, 4, 6)
    snap(org, LATEST, places.b, team.other_manager, "case_supervision", 20, 1, 0)
    snap(org, LATEST, places.a, team.manager, "personal_record", 3, 1, 2)
    snap(org, LATEST, places.a, team.manager, "record_signoff", 2, 2, 0)
    snap(org, LATEST, places.b, team.other_manager, "case_record", 4, 0, 4)
    snap(org, LATEST, places.b, team.other_manager, "agreement", 2, 1, 0)
    # The team managers' own supervision, by the service manager.
    snap(org, LATEST, places.a, team.head, "personal_supervision", 1, 0, 0)
    snap(org, LATEST, places.b, team.head, "personal_supervision", 1, 1, 0)
    return org


def granted(org, *roles):  # type: ignore[no-untyped-def]
    """A user with organisation-wide roles and no place in the management chain."""
    return f.UserFactory(organisation=org, roles=list(roles))


@pytest.fixture
def inspector(team):  # type: ignore[no-untyped-def]
    return granted(team.org, Role.INSPECTOR)


@pytest.fixture
def qa(team):  # type: ignore[no-untyped-def]
    return granted(team.org, Role.QUALITY_ASSURANCE)
