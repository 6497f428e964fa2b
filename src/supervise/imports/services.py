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

from supervise.audit.services import audit_record
from supervise.imports.models import IMPORT_TRANSITIONS, ImportRun, ImportStatus
from supervise.imports.plan import Plan, Refused, apply_import, plan_import
from supervise.imports.sync import FileChanges, KeyedPlan
from supervise.interchange.reader import read_folder
from supervise.organisations.models import Organisation
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus, check_transition

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class ImportOutcome:
    run: ImportRun
    problems: list[str] = field(default_factory=list)
    changes: dict[str, FileChanges] = field(default_factory=dict)
    # `organisation_import` with a new pack for an existing organisation: the pack it had.
    policy_changed_from: str = ""

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
                # Records may arrive finalised with their discussions (changing a finalised
                # record that exists was refused by the plan): each is written unfinalised,
                # its discussions under it, and finalised last, so that the database's guard
                # never sees a row added under a final record and needs no lifting.
                finalising = _finalise_last(plans)
                apply_import(organisation, plans, result.dataset)
                _finalise(organisation, finalising)
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


# What a record is written as until its discussions are in: any state but finalised will do,
# inside the import's transaction nobody sees it.
_UNTIL_FINALISED = RecordStatus.AWAITING_FINALISATION


def _finalise_last(plans: list[tuple[str, Plan]]) -> list[str]:
    """The sessions the plan writes as finalised, now written as not yet (their ids)."""
    finalising = []
    for file, plan in plans:
        if file != "sessions.csv" or not isinstance(plan, KeyedPlan):
            continue
        for values in [*plan.create, *(values for _, values in plan.update)]:
            if values.get("record_status") == RecordStatus.FINALISED:
                values["record_status"] = _UNTIL_FINALISED
                finalising.append(values["external_id"])
    return finalising


def _finalise(organisation: Organisation, external_ids: list[str]) -> None:
    """Finalise what `_finalise_last` held back: an UPDATE of records not yet final, which the
    guard allows; from here on the database refuses any change to them."""
    for start in range(0, len(external_ids), 500):
        Session.objects.filter(
            organisation=organisation, external_id__in=external_ids[start : start + 500]
        ).update(record_status=RecordStatus.FINALISED)


def organisation_import(
    *,
    slug: str,
    folder: Path,
    policy: str | None = None,
    name: str | None = None,
    dry_run: bool = False,
    actor: Any = None,
) -> ImportOutcome:
    """`supervise import FOLDER --org SLUG [--policy P]`: import into the organisation SLUG,
    created when new (which needs `policy`), its pack changed to `policy` when given.

    All or nothing, the organisation included: creating it or changing its pack is part of the
    import, so a folder with problems, an import refused (a finalised record), a pack that does
    not load (`OrganisationError`) or a dry run leaves no organisation created and the pack as
    it was. The plan is worked out under the new pack (it says whether a record signed by both
    is final), hence one transaction rather than validating first. What a refusal leaves is the
    `ImportRun` saying why (decision 0004), on the organisation as it was; a new organisation
    is not created for it, so there the problems are only the caller's to show."""
    from supervise.organisations.services import organisation_for_import

    before = Organisation.objects.filter(slug=slug).first()
    with transaction.atomic():
        organisation = organisation_for_import(slug=slug, policy=policy, name=name)
        outcome = folder_import(organisation=organisation, folder=folder, actor=actor,
                                dry_run=dry_run)  # fmt: skip
        if dry_run or not outcome.applied:
            transaction.set_rollback(True)
    pack_before = (before.policy, before.pack_toml) if before is not None else None
    if outcome.ok and pack_before and pack_before != (organisation.policy, organisation.pack_toml):
        outcome.policy_changed_from = pack_before[0]
    if outcome.problems and before is not None:
        run = outcome.run  # rolled back with the rest: recorded again, on the unchanged one
        kept = ImportRun(organisation=before, started_by=run.started_by, source=run.source,
                         name=run.name, digest=run.digest)  # fmt: skip
        outcome.run = _refuse(kept, outcome.problems, actor).run
    return outcome


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
