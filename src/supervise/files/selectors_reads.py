"""Who read a supervisee's file, for "who read my file": from the audit trail (only read,
never changed), consecutive reads of one thing by one reader for one purpose on one day as one
row, in words, with no record content."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from supervise.accounts.models import User
from supervise.audit.models import AuditEntry
from supervise.people.models import StaffMember
from supervise.policy.dates import format_long
from supervise.sessions.models import Session

# --------------------------------------------------------------------------

READ_ACTIONS = {
    "file.viewed": "Read the whole file",
    "file.exported": "Downloaded the whole file as a PDF",
    "record.viewed": "Read the record of a supervision session",
    "agreement.viewed": "Read a supervision agreement",
    "learning.viewed": "Read a CPD entry of the learning record",
}
AS_WORDS = {
    "supervisor": "As your supervisor",
    "supervisor's line manager": "As your supervisor's line manager",
    "HR (leaver's archived file)": "As HR, holding your archived file",
}


@dataclass(frozen=True, slots=True)
class Read:
    """One row of "who read my file": one read, or a run of reads of the same thing by the same
    person for the same purpose on the same day (each page load is in the audit trail)."""

    at: Any  # the latest read of the run
    who: str
    what: str
    purpose: str
    count: int = 1
    first_at: Any = None  # the earliest read of the run

    @property
    def repeated(self) -> bool:
        return self.count > 1


@dataclass(slots=True)
class ReadRun:
    """Consecutive audit rows of one reader reading one thing for one purpose on one day."""

    key: tuple[Any, ...]
    actor_id: int | None
    actor_label: str
    action: str
    object_id: str
    purpose: str
    relation: str
    last_at: Any
    first_at: Any
    count: int = 1


def reads_of(staff: StaffMember, *, exclude_user_id: int | None) -> list[ReadRun]:
    """Every read of `staff`'s file by someone else, latest first, consecutive reads of the same
    record by the same reader for the same purpose on the same day as one run (paginate, then
    `read_rows`). The audit trail is only read, never changed."""
    rows = AuditEntry.objects.filter(
        organisation_id=staff.organisation_id,
        action__in=READ_ACTIONS,
        detail__file_of=staff.pk,
    )
    if exclude_user_id:
        rows = rows.exclude(actor_id=exclude_user_id)
    runs: list[ReadRun] = []
    for at, actor_id, label, action, object_id, purpose, detail in rows.order_by(
        "-at", "-id"
    ).values_list("at", "actor_id", "actor_label", "action", "object_id", "purpose", "detail"):
        relation = (detail or {}).get("as", "")
        key = (actor_id, label, action, object_id, purpose, relation, timezone.localdate(at))
        if runs and runs[-1].key == key:
            runs[-1].first_at = at
            runs[-1].count += 1
            continue
        runs.append(ReadRun(key, actor_id, label, action, object_id, purpose, relation, at, at))
    return runs


def read_rows(runs: Iterable[ReadRun]) -> list[Read]:
    """Runs of audit rows in words. There is no record content in them to leak."""
    runs = list(runs)
    session_ids = {int(r.object_id) for r in runs if r.action == "record.viewed"}
    held = dict(Session.objects.filter(pk__in=session_ids).values_list("pk", "held_on"))
    users = {
        user.pk: user
        for user in User.objects.filter(
            pk__in={r.actor_id for r in runs if r.actor_id}
        ).select_related("staff_member")
    }
    reads = []
    for run in runs:
        what = READ_ACTIONS[run.action]
        day = held.get(int(run.object_id)) if run.action == "record.viewed" else None
        if day:
            what = f"Read the record of the session on {format_long(day)}"
        purpose = run.purpose or AS_WORDS.get(
            run.relation, "No access request: supervision or line management"
        )
        reads.append(
            Read(
                at=run.last_at,
                who=_person(users.get(run.actor_id or 0), run.actor_label),
                what=what,
                purpose=purpose,
                count=run.count,
                first_at=run.first_at,
            )
        )
    return reads


def _person(actor: User | None, label: str) -> str:
    """The reader by their staff name, else their account's name."""
    if actor is None:
        return label
    staff = getattr(actor, "staff_member", None)
    return (staff.name if staff else "") or actor.get_full_name() or label
