"""The audit trail's hash chain: `audit verify` finds an edited row and a deleted row, even when
whoever did it had switched the database's guards off first; its anchors find rows cut from the
end of the trail and an emptied table."""

from __future__ import annotations

import pytest
from django.db import connection

from supervise.audit.models import AuditAnchor, AuditEntry
from supervise.audit.services import audit_anchor, audit_record, audit_verify
from supervise.cli import main

pytestmark = pytest.mark.django_db


def tamper(sql: str, params: list, table: str = "audit_auditentry") -> None:
    """What a database superuser or the tables' owner could do: switch the triggers off, change
    rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = 'replica'")  # triggers off
            cursor.execute(sql, params)
            cursor.execute("SET LOCAL session_replication_role = 'origin'")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [table],
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


def test_deleting_the_last_rows_is_found_by_an_anchor(chain, capsys) -> None:
    """The chain alone cannot see it: nothing follows the rows cut from its end."""
    anchor = audit_anchor()
    assert anchor.entry_id == AuditEntry.objects.latest("id").pk
    audit_record(action="test.after.anchor")
    tamper("DELETE FROM audit_auditentry WHERE id >= %s", [chain[4].pk])
    [gap] = list(audit_verify())
    assert gap.entry_id == anchor.entry_id
    assert "missing" in gap.problem
    assert f"anchor {anchor.pk}" in gap.problem
    assert main(["audit", "verify"]) == 1
    assert "BROKEN" in capsys.readouterr().err


def test_deleting_the_anchored_last_row_alone_is_found(chain) -> None:
    anchor = audit_anchor()
    tamper("DELETE FROM audit_auditentry WHERE id = %s", [anchor.entry_id])
    assert [(b.entry_id, "missing" in b.problem) for b in audit_verify()] == [
        (anchor.entry_id, True)
    ]


def test_an_emptied_trail_is_no_longer_intact(chain, capsys) -> None:
    audit_anchor()
    tamper("DELETE FROM audit_auditentry", [])
    assert main(["audit", "verify", "--no-anchor"]) == 1
    assert "0 entries is BROKEN" in capsys.readouterr().err


def test_an_anchor_kept_outside_finds_both_tables_emptied(chain, capsys) -> None:
    assert main(["audit", "anchor"]) == 0
    kept = capsys.readouterr().out.split("anchored ")[1].split()[0]  # ID:HASH, from the log
    tamper("DELETE FROM audit_auditanchor", [], table="audit_auditanchor")
    tamper("DELETE FROM audit_auditentry", [])
    assert main(["audit", "verify", "--no-anchor", "--anchor", kept]) == 1
    assert "the anchor given recorded it" in capsys.readouterr().err


def test_a_replaced_anchored_row_is_found(chain) -> None:
    anchor = audit_anchor()
    tamper("UPDATE audit_auditentry SET hash = %s WHERE id = %s", ["f" * 64, anchor.entry_id])
    problems = [b.problem for b in audit_verify() if b.entry_id == anchor.entry_id]
    assert any("not the one anchor" in p for p in problems)


def test_a_clean_verify_anchors_the_head(chain, capsys) -> None:
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr()
    assert "no anchor yet" in out.err  # said once, before the first anchor
    assert "chain intact" in out.out
    anchor = AuditAnchor.objects.get()
    assert f"anchored {anchor.entry_id}:{anchor.entry_hash}" in out.out
    assert AuditEntry.objects.latest("id").action == "audit.anchored"
    assert main(["audit", "verify", "--no-anchor"]) == 0
    assert "1 anchor(s) hold" in capsys.readouterr().out
    assert AuditAnchor.objects.count() == 1
