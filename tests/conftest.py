"""Shared fixtures. The shared examples are read from ../shared, never copied (shared/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# The specs, seeds and examples live beside the project (../shared); SUPERVISE_SHARED points
# elsewhere for a checkout that is not next to them.
SHARED = Path(os.environ.get("SUPERVISE_SHARED") or PROJECT.parent / "shared").resolve()
EXAMPLES = SHARED / "examples"
SEEDS = SHARED / "seeds"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Without the shared folder a hundred tests would fail one by one with puzzling messages;
    stop at once and say why instead (a failure, never a skip)."""
    missing = [path for path in (EXAMPLES, SEEDS) if not path.is_dir()]
    if missing:
        pytest.exit(
            f"the shared specs, seeds and examples are missing: expected {SHARED} "
            "(the folder `shared` beside this project). Clone the project next to it, or set "
            "SUPERVISE_SHARED=/path/to/shared.",
            returncode=4,
        )


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not EXAMPLES.is_dir():
        pytest.fail(f"the shared examples are missing: expected them at {EXAMPLES}")
    return EXAMPLES


DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "client", "admin_client"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database `db`, so that `pytest -m db` reruns exactly
    those against PostgreSQL (scripts/test-postgres)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & DB_FIXTURES:
            item.add_marker(pytest.mark.db)


class Team:
    """A small team in one organisation: a service manager, a team manager, two workers, a
    neighbouring team, and a child allocated to each worker. Used by web and service tests."""

    def __init__(self, policy: str = "hull", slug: str = "t-org") -> None:
        from tests import factories as f

        self.org = f.OrganisationFactory(slug=slug, name=f"Test {slug}", policy=policy)
        org = self.org
        self.head = f.StaffFactory(organisation=org, role="service_manager", name="Sam Service")
        self.manager = f.StaffFactory(organisation=org, role="team_manager", name="Morgan Manager")
        self.worker = f.StaffFactory(organisation=org, name="Alex Worker")
        self.colleague = f.StaffFactory(organisation=org, name="Jordan Colleague")
        self.other_manager = f.StaffFactory(
            organisation=org, role="team_manager", name="Nina Neighbour"
        )
        self.other_worker = f.StaffFactory(organisation=org, name="Olly Otherteam")
        f.LineFactory(supervisee=self.manager, supervisor=self.head)
        f.LineFactory(supervisee=self.other_manager, supervisor=self.head)
        f.LineFactory(supervisee=self.worker, supervisor=self.manager)
        f.LineFactory(supervisee=self.colleague, supervisor=self.manager)
        f.LineFactory(supervisee=self.other_worker, supervisor=self.other_manager)
        self.child = f.ChildFactory(organisation=org, name="Casey Child")
        f.AllocationFactory(child=self.child, staff=self.worker)
        self.other_child = f.ChildFactory(organisation=org, name="Robin Elsewhere")
        f.AllocationFactory(child=self.other_child, staff=self.other_worker)


@pytest.fixture
def team(db) -> Team:
    return Team()
