"""Writing the audit trail. Every business action calls `audit_record` inside its transaction.

Each row's hash covers its own fields and the previous row's hash, so that editing or deleting
any row breaks the chain (`audit_verify`). Rows cut from the end break nothing that follows:
anchors (`audit_anchor`, kept in their own append-only table and, as printed lines, outside the
database) pin the head, and verify reports an anchored row that is missing or changed. Rows hold
ids, kinds and purposes, never record content (a test seeds distinctive text and checks it
never reaches this table).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from supervise.audit.models import AuditAnchor, AuditEntry

GENESIS = "0" * 64
_LOCK_KEY = 0x5E9715E  # PostgreSQL advisory lock serialising appends to the chain


def _canonical(entry: AuditEntry) -> bytes:
    fields = {
        "organisation": entry.organisation_id,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "address": entry.address,
        "purpose": entry.purpose,
        "detail": entry.detail,
        "previous_hash": entry.previous_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def audit_record(
    *,
    action: str,
    actor: Any = None,
    organisation: Any = None,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    address: str = "",
    purpose: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one row to the chain. `detail` must hold ids and counts only, never content."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if organisation is None and obj is not None:
        organisation = getattr(obj, "organisation", None)
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            organisation=organisation,
            at=timezone.now(),
            actor=actor_user,
            actor_label=actor_user.get_username() if actor_user else "system",
            action=action,
            object_type=object_type,
            object_id=object_id,
            address=address[:64],
            purpose=purpose[:200],
            detail=detail or {},
            previous_hash=last or GENESIS,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
    return entry


@dataclass(frozen=True, slots=True)
class ChainBreak:
    entry_id: int
    problem: str

    def __str__(self) -> str:
        return f"audit entry {self.entry_id}: {self.problem}"


@transaction.atomic
def audit_anchor(*, actor: Any = None) -> AuditAnchor:
    """Pin the trail's head: its own audit entry, then an anchor holding that entry's id and
    hash. Print or log the result outside the database too (`supervise audit anchor`): anchors
    in the database go with it if its owner empties both tables."""
    entry = audit_record(action="audit.anchored", actor=actor)
    return AuditAnchor.objects.create(at=entry.at, entry_id=entry.pk, entry_hash=entry.hash)


def audit_verify(
    batch: int = 5000, anchors: Iterable[tuple[int, str]] = ()
) -> Iterator[ChainBreak]:
    """Walk the chain from the first row; yield every place it is broken, then every anchor
    (the table's, and `anchors` given as (entry id, hash), e.g. from the anchor job's log) whose
    row is missing or has another hash: rows were cut from the end, or the table emptied."""
    pinned: dict[int, list[tuple[str, str]]] = {}  # entry id: [(hash, which anchor)]
    for pk, at, entry_id, entry_hash_ in AuditAnchor.objects.order_by("id").values_list(
        "pk", "at", "entry_id", "entry_hash"
    ):
        pinned.setdefault(entry_id, []).append((entry_hash_, f"anchor {pk} of {at:%Y-%m-%d %H:%M}"))
    for entry_id, entry_hash_ in anchors:
        pinned.setdefault(entry_id, []).append((entry_hash_, "the anchor given"))
    previous = GENESIS
    previous_id: int | None = None
    query = AuditEntry.objects.order_by("id")
    for entry in query.iterator(chunk_size=batch):
        if entry.previous_hash != previous:
            yield ChainBreak(
                entry.id,
                f"does not follow entry {previous_id}: a row before it was edited or deleted"
                if previous_id
                else "the first entry does not start the chain",
            )
        if entry_hash(entry) != entry.hash:
            yield ChainBreak(entry.id, "its content does not match its hash: it was edited")
        for expected, which in pinned.pop(entry.id, ()):
            if expected != entry.hash:
                yield ChainBreak(
                    entry.id, f"its hash is not the one {which} recorded: it was replaced"
                )
        previous, previous_id = entry.hash, entry.id
    for entry_id, anchored in sorted(pinned.items()):
        for _, which in anchored:
            yield ChainBreak(
                entry_id,
                f"missing: {which} recorded it as the trail's head, so rows at the end of the "
                "trail were deleted",
            )
