"""The demo's finalised records, finalised last: no guard lifted.

The database refuses any row added under a finalised record (`supervise.audit.dbguard`), and
only a role entitled to the `import` lift may add one; the application's role is not. So, as
the import itself does, the demo writes a record that the folder says is final as not yet
final (the folder's copy leaves out the dates that make it so), adds its words, actions and
agenda, and only then finalises it: an UPDATE of a record that is not yet final, which the guard
allows. Afterwards the rows match the folder, so importing it again changes nothing.
"""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from supervise.imports.plan import record_status_for
from supervise.organisations.models import Organisation
from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus

# The dates that make an exported record final (`record_status_for`): left out of the copy the
# import reads, put back by `finalise`.
FINAL_DATES = ("supervisee_signed_on", "finalised_on")
BATCH = 500


def final_in_folder(organisation: Organisation, rows: list[dict[str, str]]) -> dict[str, dict]:
    """The folder's sessions, new to the database, that it says are finalised: their ids and
    the dates `FINAL_DATES` hold in the folder."""
    manager_review = "record_finalised" in organisation.pack.rules
    final = {
        row["session_id"]: {name: row.get(name, "") for name in FINAL_DATES}
        for row in rows
        if record_status_for(_exported(row), manager_review=manager_review)
        == RecordStatus.FINALISED
    }
    for external_id, _ in _in_database(organisation, list(final)):
        del final[external_id]
    return final


def _in_database(organisation: Organisation, external_ids: list[str]) -> list[tuple[str, int]]:
    """(external id, pk) of those sessions the database has, asked in batches."""
    found: list[tuple[str, int]] = []
    for start in range(0, len(external_ids), BATCH):
        found += Session.objects.filter(
            organisation=organisation, external_id__in=external_ids[start : start + BATCH]
        ).values_list("external_id", "pk")
    return found


def _exported(row: dict[str, str]) -> Any:
    """A row of sessions.csv as `record_status_for` reads it (it asks only whether each date is
    given and whether the session was held)."""
    return SimpleNamespace(
        status=row.get("status", ""),
        **{
            name: row.get(name, "")
            for name in (
                "record_completed_on",
                "supervisor_signed_on",
                "supervisee_signed_on",
                "finalised_on",
            )
        },
    )


def write_unfinalised(source: Path, target: Path, final: dict[str, dict]) -> None:
    """Copy sessions.csv, leaving out the dates that make the `final` sessions final."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, reader.fieldnames or (), lineterminator="\n")
            writer.writeheader()
            for row in reader:
                if row["session_id"] in final:
                    row.update(dict.fromkeys(FINAL_DATES, ""))
                writer.writerow(row)


def finalise(organisation: Organisation, final: dict[str, dict]) -> int:
    """Put the folder's dates back and finalise: after this the records are locked."""
    pks = dict(_in_database(organisation, list(final)))
    sessions = [
        Session(
            pk=pks[external_id],
            record_status=RecordStatus.FINALISED,
            **{name: value or None for name, value in dates.items()},
        )
        for external_id, dates in final.items()
        if external_id in pks
    ]
    Session.objects.bulk_update(sessions, ["record_status", *FINAL_DATES], batch_size=BATCH)
    return len(sessions)
