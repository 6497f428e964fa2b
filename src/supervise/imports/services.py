"""Importing an interchange folder (`supervise import`, and upload in the browser).

All or nothing: the folder is validated first (every problem reported, nothing written); the
change plan is worked out against the database; records that are finalised in Supervise are
never changed by an import (a difference is a problem, and nothing is written); only then is
the plan written, in one transaction, with one audit entry.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from supervise.audit.dbguard import lifted
from supervise.audit.services import audit_record
from supervise.imports.models import IMPORT_TRANSITIONS, ImportRun, ImportStatus
from supervise.imports.plan import Refused, apply_import, plan_import
from supervise.imports.sync import FileChanges
from supervise.interchange.reader import read_folder
from supervise.organisations.models import Organisation
from supervise.sessions.states import check_transition

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class ImportOutcome:
    run: ImportRun
    problems: list[str] = field(default_factory=list)
    changes: dict[str, FileChanges] = field(default_factory=dict)

    @property
    def applied(self) -> bool:
        return self.run.status == ImportStatus.APPLIED

    @property
    def ok(self) -> bool:
        return not self.problems


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_import(
    *,
    organisation: Organisation,
    folder: Path,
    actor: Any = None,
    dry_run: bool = False,
    source: str = "cli",
    name: str | None = None,
    run: ImportRun | None = None,
) -> ImportOutcome:
    """Validate FOLDER and, unless `dry_run`, import it. Returns what changed (or would).

    `run` is the checked upload being confirmed (the browser's two steps are one import)."""
    folder = Path(folder)
    result = read_folder(folder)
    if run is None:
        run = ImportRun(
            organisation=organisation,
            started_by=actor if getattr(actor, "is_authenticated", False) else None,
            source=source,
            name=name or str(folder),
        )
    run.digest = folder_digest(folder) if folder.is_dir() else ""
    if result.problems:
        return _refuse(run, [str(p) for p in result.problems], actor)
    try:
        with transaction.atomic():
            plans = plan_import(organisation, result)
            changes = {label: plan.changes for label, plan in plans}
            run.changes = {label: c.as_dict() for label, c in changes.items()}
            if dry_run:
                run.status = ImportStatus.VALIDATED
                run.finished_at = timezone.now()
                action = "import.checked"
            else:
                # Records may arrive finalised with their discussions: creating them is allowed;
                # changing a finalised record that exists was refused by the plan.
                with lifted("import"):
                    apply_import(organisation, plans, result.dataset)
                run.status = ImportStatus.APPLIED
                run.finished_at = timezone.now()
                action = "import.applied"
            run.save()
            audit_record(
                action=action,
                actor=actor,
                organisation=organisation,
                obj=run,
                detail=dict(run.changes),
            )
    except Refused as refused:
        return _refuse(run, refused.problems, actor)
    if not dry_run:
        refresh_statistics(sum(c.created + c.updated + c.deleted for c in changes.values()))
    return ImportOutcome(run=run, changes=changes)


# After a bulk load, PostgreSQL's planner needs fresh statistics, or the pages that follow run
# with plans for empty tables (make bench: My team 365 ms before, 170 ms after).
ANALYZE_AFTER_ROWS = 10_000
ANALYZED_TABLES = (
    "people_staffmember", "people_supervisionline", "people_absence", "people_staffevent",
    "cases_child", "cases_childstatus", "cases_allocation", "agreements_agreement",
    "supervision_session", "supervision_casediscussion", "quality_observation",
)  # fmt: skip


def refresh_statistics(rows_written: int) -> None:
    if connection.vendor != "postgresql" or rows_written < ANALYZE_AFTER_ROWS:
        return
    with connection.cursor() as cursor:
        for table in ANALYZED_TABLES:
            cursor.execute(f"ANALYZE {table}")


def _refuse(run: ImportRun, problems: list[str], actor: Any) -> ImportOutcome:
    run.status = ImportStatus.INVALID
    run.problems = problems
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        audit_record(
            action="import.refused",
            actor=actor,
            organisation=run.organisation,
            obj=run,
            detail={"problems": len(problems)},
        )
    return ImportOutcome(run=run, problems=problems)


# --- the browser's two-step import: upload and check, then confirm -------------------------


def import_upload(
    *, organisation: Organisation, actor: Any, archive: bytes, name: str
) -> ImportOutcome:
    """Check an uploaded zip of the folder and keep it until the user confirms or discards."""
    with tempfile.TemporaryDirectory() as tmp:
        problems = _unzip(archive, Path(tmp), name)
        if problems:
            run = ImportRun(organisation=organisation, started_by=actor, source="web", name=name)
            return _refuse(run, problems, actor)
        folder = Path(tmp)
        outcome = folder_import(
            organisation=organisation,
            folder=folder,
            actor=actor,
            dry_run=True,
            source="web",
            name=name,
        )
    if outcome.ok:
        outcome.run.archive = archive
        outcome.run.save(update_fields=["archive"])
    return outcome


def import_confirm(*, run: ImportRun, actor: Any) -> ImportOutcome:
    """Apply a checked upload. The database may have changed since: it is checked again."""
    check_transition(IMPORT_TRANSITIONS, run.status, ImportStatus.APPLIED, "An import")
    with tempfile.TemporaryDirectory() as tmp:
        _unzip(bytes(run.archive or b""), Path(tmp), run.name)
        outcome = folder_import(
            organisation=run.organisation, folder=Path(tmp), actor=actor, run=run
        )
    # Applied, or refused because the database changed since the check: either way, done.
    run.archive = None
    run.save(update_fields=["archive"])
    return outcome


def import_discard(*, run: ImportRun, actor: Any) -> None:
    check_transition(IMPORT_TRANSITIONS, run.status, ImportStatus.DISCARDED, "An import")
    with transaction.atomic():
        run.status = ImportStatus.DISCARDED
        run.archive = None
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "archive", "finished_at"])
        audit_record(action="import.discarded", actor=actor, obj=run)


def _unzip(archive: bytes, into: Path, name: str) -> list[str]:
    if len(archive) > MAX_UPLOAD_BYTES:
        return [f"{name}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"]
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
            members = [m for m in zipped.infolist() if not m.is_dir()]
            csvs = [m for m in members if m.filename.lower().endswith(".csv")]
            if not csvs:
                return [f"{name}: the zip holds no CSV files"]
            folders = {PurePosixPath(m.filename).parent for m in csvs}
            if len(folders) > 1:
                return [f"{name}: the CSV files must all be in one folder of the zip"]
            total = 0
            for member in csvs:
                total += member.file_size
                if total > 10 * MAX_UPLOAD_BYTES:
                    return [f"{name}: the unzipped files are too large"]
                # Write by base name only: a member named ../../x.csv cannot escape `into`.
                (into / PurePosixPath(member.filename).name).write_bytes(zipped.read(member))
    except zipfile.BadZipFile:
        return [f"{name}: not a zip file"]
    return []
