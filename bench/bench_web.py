"""`make bench` (web part): the large generated authority imported, then the pages timed.

Prints:
- import: rows per second, and the ratio to a bare bulk insert of the same rows (model objects
  built straight from the dataset and bulk-inserted into an empty database: no validation, no
  change plan, no audit) — the floor;
- the team manager's *My team* page and the senior managers' compliance page: median of 20
  warm requests, and the number of SQL queries for a small and a large team (it must not grow
  with the number of rows shown);
- the whole authority's current findings (worked out live) and the children list.
Figures only, no assertions. Run with `DATABASE_URL=postgres://…` to measure PostgreSQL.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUPERVISE = Path(sys.executable).parent / "supervise"
AS_OF = date(2026, 11, 22)


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "supervise.config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def bare_insert(folder: Path) -> tuple[float, int]:
    """The floor: the same rows bulk-inserted with nothing else done."""
    from supervise.audit.dbguard import lifted
    from supervise.imports.plan import FILES, apply_import, plan_import
    from supervise.interchange.reader import read_folder
    from supervise.organisations.models import Organisation

    result = read_folder(folder)
    organisation = Organisation.objects.create(slug="bare", name="Bare", policy="hull")
    plans = plan_import(organisation, result)  # against an empty organisation: all creates
    rows = sum(len(getattr(result.dataset, spec.file.removesuffix(".csv"))) for spec in FILES)
    start = time.perf_counter()
    with lifted("import"):
        apply_import(organisation, plans, result.dataset)
    return time.perf_counter() - start, rows


def median_ms(client, url: str, repeat: int = 20) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def main() -> None:
    folder = ROOT / "bench" / "out" / "authority-x1"
    if not (folder / "staff.csv").is_file():
        subprocess.run(
            [str(SUPERVISE), "generate", str(folder), "--staff", "1500", "--children", "15000",
             "--years", "3", "--seed", "1", "--as-of", AS_OF.isoformat()],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    url = os.environ.get("DATABASE_URL")
    tmp = tempfile.mkdtemp(prefix="supervise-bench-")
    setup(url or f"sqlite:///{tmp}/bench.sqlite3")
    from django.db import connection

    from supervise.imports.services import folder_import
    from supervise.organisations.services import organisation_create

    print(f"database: {connection.vendor}")
    bare_seconds, rows = bare_insert(folder)
    organisation = organisation_create(slug="large", name="Large authority", policy="hull")
    start = time.perf_counter()
    outcome = folder_import(organisation=organisation, folder=folder)
    seconds = time.perf_counter() - start
    assert outcome.ok, outcome.problems[:5]
    print(f"import: {rows:,} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s; "
          f"bare bulk insert {bare_seconds:.1f} s = {rows / bare_seconds:,.0f} rows/s; "
          f"ratio {seconds / bare_seconds:.2f}")  # fmt: skip
    start = time.perf_counter()
    again = folder_import(organisation=organisation, folder=folder)
    print(
        f"re-import of the same folder (nothing changes): {time.perf_counter() - start:.1f} s, "
        f"changed: {any(c.changed for c in again.changes.values())}"
    )

    from supervise.compliance.services import month_ends, snapshot_series

    start = time.perf_counter()
    snapshot_series(organisation=organisation, days=month_ends(AS_OF, 12))
    print(f"13 monthly compliance snapshots: {time.perf_counter() - start:.1f} s")
    pages(organisation)


def pages(organisation) -> None:  # type: ignore[no-untyped-def]
    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from tests.factories import UserFactory

    from supervise.people.models import StaffMember

    today = timezone.localdate()
    in_force = Q(supervisee_lines__starts_on__lte=today) & (
        Q(supervisee_lines__ends_on__isnull=True) | Q(supervisee_lines__ends_on__gte=today)
    )
    managers = list(
        StaffMember.objects.filter(organisation=organisation, role="team_manager",
                                   left_on__isnull=True)
        .annotate(team_size=Count("supervisee_lines", filter=in_force))
        .filter(team_size__gt=0)
        .order_by("team_size")
    )  # fmt: skip
    client = Client()
    results = []
    for manager in (managers[0], managers[-1]):
        if manager.user is None:
            manager.user = UserFactory(organisation=organisation)
            manager.save(update_fields=["user"])
        client.force_login(manager.user)
        ms, queries = median_ms(client, reverse("sessions:team"))
        results.append((manager.team_size, ms, queries))
    for team, ms, queries in results:
        print(f"My team ({team} supervisees): median {ms:.0f} ms, {queries} queries")
    organisation.case_record_roles = ["quality_assurance"]  # every child on the children list
    organisation.save(update_fields=["case_record_roles"])
    qa = UserFactory(organisation=organisation, roles=["quality_assurance"])
    client.force_login(qa)
    ms, queries = median_ms(client, reverse("compliance:overview"))
    print(
        f"compliance overview (whole authority, 12 months): median {ms:.0f} ms, {queries} queries"
    )
    # Worked out live from the whole authority's records (not from snapshots): the slowest page
    # there is, shown to the organisation-wide roles; fewer repeats.
    ms, queries = median_ms(client, reverse("compliance:findings"), repeat=5)
    print(f"current findings (whole authority, live): median {ms:.0f} ms, {queries} queries")
    ms, queries = median_ms(client, reverse("cases:list"))
    print(f"children list (whole authority, page 1): median {ms:.0f} ms, {queries} queries")
    ms, queries = median_ms(client, reverse("compliance:drift"))
    print(f"actions carried (whole authority, page 1): median {ms:.0f} ms, {queries} queries")
    ms, queries = median_ms(client, reverse("compliance:quality"))
    print(f"what case discussions record (whole authority): median {ms:.0f} ms, {queries} queries")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
