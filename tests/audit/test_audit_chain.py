"""The audit trail's hash chain: `audit verify` finds an edited row and a deleted row, even when
whoever did it had switched the database's guards off first."""

from __future__ import annotations

import pytest
from django.db import connection

from supervise.audit.models import AuditEntry
from supervise.audit.services import audit_record, audit_verify
from supervise.cli import main

pytestmark = pytest.mark.django_db


def tamper(sql: str, params: list) -> None:
    """What a database superuser could do: switch the triggers off, change a row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = 'replica'")  # triggers off
            cursor.execute(sql, params)
            cursor.execute("SET LOCAL session_replication_role = 'origin'")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_auditentry'"
            )
            triggers = cursor.fetchall()
            for name, _ in triggers:
                cursor.execute(f"DROP TRIGGER {name}")
            cursor.execute(sql, params)
            for _, create in triggers:
                cursor.execute(create)


@pytest.fixture
def chain(db) -> list[AuditEntry]:
    return [audit_record(action=f"test.event.{n}", detail={"n": n}) for n in range(5)]


def test_an_intact_chain_verifies(chain, capsys) -> None:
    assert list(audit_verify()) == []
    assert main(["audit", "verify"]) == 0
    assert "chain intact" in capsys.readouterr().out


def test_an_edited_row_is_found(chain, capsys) -> None:
    tamper("UPDATE audit_auditentry SET actor_label = 'someone-else' WHERE id = %s", [chain[2].pk])
    breaks = list(audit_verify())
    assert [b.entry_id for b in breaks] == [chain[2].pk]
    assert "was edited" in breaks[0].problem
    assert main(["audit", "verify"]) == 1
    assert "BROKEN" in capsys.readouterr().err


def test_a_deleted_row_is_found(chain) -> None:
    tamper("DELETE FROM audit_auditentry WHERE id = %s", [chain[2].pk])
    breaks = list(audit_verify())
    assert [b.entry_id for b in breaks] == [chain[3].pk]
    assert "edited or deleted" in breaks[0].problem


def test_a_rewritten_row_with_a_recomputed_hash_breaks_the_next_link(chain) -> None:
    """Recomputing the edited row's own hash does not help: the next row points at the old one."""
    from supervise.audit.services import entry_hash

    entry = AuditEntry.objects.get(pk=chain[1].pk)
    entry.action = "test.forged"
    forged = entry_hash(entry)
    tamper(
        "UPDATE audit_auditentry SET action = 'test.forged', hash = %s WHERE id = %s",
        [forged, entry.pk],
    )
    assert [b.entry_id for b in audit_verify()] == [chain[2].pk]
