"""The database feeds the engine exactly what the folder fed the import: the same objects, field
by field and of the same types (a date is a date, a flag a bool), for the whole organisation and
for a scope (the staff asked for and their children)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from supervise.cases.models import Child
from supervise.compliance.dataset import dataset_from_db, scope_for
from supervise.generate import write_authority
from supervise.imports.services import folder_import
from supervise.interchange.reader import read_folder
from supervise.organisations.services import organisation_create
from supervise.people.models import StaffMember
from supervise.policy.model import Dataset
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 22)
LISTS = [f.name for f in dataclasses.fields(Dataset)]


def typed(obj: object) -> tuple:
    """A row as (value, type) pairs: 1 == True in Python, but a flag must come back a bool."""
    return tuple((v, type(v).__name__) for v in dataclasses.astuple(obj))


def as_rows(dataset: Dataset, name: str) -> list[tuple]:
    return sorted(map(typed, getattr(dataset, name)), key=repr)


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    folder = tmp_path / "authority"
    write_authority(folder, staff=30, children=120, years=2, seed=7, as_of=AS_OF)
    return folder


def imported(folder: Path, policy: str):  # type: ignore[no-untyped-def]
    organisation = organisation_create(slug="org", name="Org", policy=policy)
    assert folder_import(organisation=organisation, folder=folder).applied
    return organisation


@pytest.mark.parametrize("folder", sorted(p.name for p in EXAMPLES.glob("*-basic")))
def test_the_whole_organisation_comes_back_as_it_was_imported(folder: str) -> None:
    organisation = imported(EXAMPLES / folder, folder.removesuffix("-basic"))
    from_folder = read_folder(EXAMPLES / folder).dataset
    from_db = dataset_from_db(organisation)
    for name in LISTS:
        assert as_rows(from_db, name) == as_rows(from_folder, name), name


def test_a_generated_authority_comes_back_as_it_was_imported(generated: Path) -> None:
    organisation = imported(generated, "hertfordshire")
    from_folder = read_folder(generated).dataset
    from_db = dataset_from_db(organisation)
    assert from_db.case_discussions  # the generator wrote some: the comparison means something
    for name in LISTS:
        assert as_rows(from_db, name) == as_rows(from_folder, name), name


def test_a_scope_reads_the_same_rows_as_the_whole_organisation_for_its_people(
    generated: Path,
) -> None:
    organisation = imported(generated, "hull")
    whole = dataset_from_db(organisation)
    worker = StaffMember.objects.filter(
        organisation=organisation, role="social_worker", allocations__ends_on=None, left_on=None
    ).first()
    assert worker is not None
    assert worker.team is not None
    people = set(
        StaffMember.objects.filter(organisation=organisation, team=worker.team).values_list(
            "pk", flat=True
        )
    )
    scoped = dataset_from_db(organisation, scope_for(organisation, people, AS_OF))
    assert scoped.staff
    assert scoped.children
    assert scoped.sessions
    assert len(scoped.case_discussions) < len(whole.case_discussions)
    # Every row read for the scope is a row of the whole, with the same values and types.
    for name in LISTS:
        everything = set(as_rows(whole, name))
        assert set(as_rows(scoped, name)) <= everything, name
    ids = set(Child.objects.filter(pk__in=scope_for(organisation, people, AS_OF).children)
              .values_list("external_id", flat=True))  # fmt: skip
    assert {c.child_id for c in scoped.children} == ids


def test_dates_are_read_the_same_way_on_this_database() -> None:
    """On SQLite dates are parsed from their stored text; on PostgreSQL the driver gives them."""
    organisation = imported(EXAMPLES / "hull-basic", "hull")
    staff = dataset_from_db(organisation).staff
    assert staff
    assert all(type(s.started_on) is date for s in staff), connection.vendor
