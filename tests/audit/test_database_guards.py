"""Beneath the application: the audit trail is append-only and finalised records cannot be
changed, even by raw SQL (issue 4). Run against SQLite and, in CI, PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from supervise.audit.dbguard import lifted
from supervise.audit.models import AuditAnchor, AuditEntry
from supervise.audit.services import audit_anchor, audit_record
from supervise.cases.models import CaseNote
from supervise.sessions.models import CaseDiscussion, RecordEntry, Session
from supervise.sessions.services import (
    discussion_save,
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from supervise.sessions.states import RecordStatus
from tests.audit.guards import REFUSED, guards_on

pytestmark = pytest.mark.django_db


def raw(sql: str, params: list | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.fixture
def finalised(team) -> Session:
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=__import__("datetime").date(2026, 11, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=session.scheduled_on)
    record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Original text"})
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=team.child,
        fields={"decisions": "Original decision"},
    )
    record_send(actor=team.manager.user, session=session)
    session = record_sign(actor=team.worker.user, session=session)
    assert session.record_status == RecordStatus.FINALISED
    return session


def test_an_audit_row_cannot_be_updated_or_deleted_by_raw_sql(db) -> None:
    entry = audit_record(action="test.event")
    with guards_on():
        with pytest.raises(REFUSED, match="append-only"):
            raw("UPDATE audit_auditentry SET action = 'edited' WHERE id = %s", [entry.pk])
        with pytest.raises(REFUSED, match="append-only"):
            raw("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.event"


def test_an_anchor_cannot_be_updated_or_deleted_by_raw_sql(db) -> None:
    anchor = audit_anchor()
    with guards_on():
        with pytest.raises(REFUSED, match="append-only"):
            raw("UPDATE audit_auditanchor SET entry_hash = 'x' WHERE id = %s", [anchor.pk])
        with pytest.raises(REFUSED, match="append-only"):
            raw("DELETE FROM audit_auditanchor WHERE id = %s", [anchor.pk])
    assert AuditAnchor.objects.get(pk=anchor.pk).entry_hash == anchor.entry_hash


def test_an_audit_row_cannot_be_updated_even_in_maintenance(db) -> None:
    entry = audit_record(action="test.event")
    with pytest.raises(REFUSED, match="append-only"):
        raw("UPDATE audit_auditentry SET action = 'edited' WHERE id = %s", [entry.pk])


def test_a_finalised_session_cannot_be_changed_by_raw_sql(finalised) -> None:
    with guards_on():
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw(
                "UPDATE supervision_session SET held_on = '2026-01-01' WHERE id = %s",
                [finalised.pk],
            )
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw(
                "UPDATE supervision_recordentry SET text = 'rewritten' WHERE session_id = %s",
                [finalised.pk],
            )
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw(
                "UPDATE supervision_casediscussion SET decisions = 'rewritten' "
                "WHERE session_id = %s",
                [finalised.pk],
            )
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw(
                "INSERT INTO supervision_recordentry (session_id, heading, text) "
                "VALUES (%s, 'health', 'added later')",
                [finalised.pk],
            )
        with pytest.raises(REFUSED, match="child's record"):
            raw(
                "UPDATE cases_casenote SET body = 'rewritten' WHERE child_id = %s",
                [finalised.discussions.get().child_id],
            )
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw("DELETE FROM supervision_recordentry WHERE session_id = %s", [finalised.pk])
    assert RecordEntry.objects.get(session=finalised).text == "Original text"
    assert CaseDiscussion.objects.get(session=finalised).decisions == "Original decision"
    assert "Original decision" in CaseNote.objects.get(child=finalised.discussions.get().child).body


def test_a_draft_record_can_still_be_written(team) -> None:
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=__import__("datetime").date(2026, 11, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=session.scheduled_on)
    with guards_on():
        record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Draft"})
        record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Redraft"})
    assert RecordEntry.objects.get(session=session).text == "Redraft"


def test_only_the_retention_job_may_delete_a_finalised_record(finalised) -> None:
    with guards_on():
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw("DELETE FROM supervision_session WHERE id = %s", [finalised.pk])
        with lifted("retention"):
            RecordEntry.objects.filter(session=finalised).delete()
            CaseDiscussion.objects.filter(session=finalised).delete()
            Session.objects.filter(pk=finalised.pk).delete()
    assert not Session.objects.filter(pk=finalised.pk).exists()
    note = CaseNote.objects.get()
    assert note.case_discussion is None  # the child's record keeps its entry
    assert "Original decision" in note.body


def test_the_two_step_raw_sql_bypasses_are_refused_too(finalised, team) -> None:
    """Found in a security review: unlink a child's-record entry, then rewrite it; add an
    action or agenda item under a finalised record; move a signed agreement back to draft."""
    from datetime import date

    from supervise.agreements.models import Agreement

    note = CaseNote.objects.get(case_discussion__session=finalised)
    agreement = Agreement.objects.create(
        organisation=team.org, external_id="AG-G", supervisee=team.worker,
        supervisor=team.manager, status="signed", frequency="P1M", venue="Room 1",
        supervisee_signed_on=date(2026, 11, 2), supervisor_signed_on=date(2026, 11, 2),
    )  # fmt: skip
    with guards_on():
        with pytest.raises(REFUSED, match="child's record"):
            raw("UPDATE cases_casenote SET case_discussion_id = NULL WHERE id = %s", [note.pk])
        with pytest.raises(REFUSED, match="cannot be reworded"):
            raw(
                "INSERT INTO supervision_action (organisation_id, session_id, owner_id, "
                "description, status, times_carried) VALUES (%s, %s, %s, 'added', 'open', 0)",
                [team.org.pk, finalised.pk, team.worker.pk],
            )
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw(
                "INSERT INTO supervision_agendaitem (session_id, added_by_id, text, added_at) "
                "VALUES (%s, %s, 'added', CURRENT_TIMESTAMP)",
                [finalised.pk, team.manager.pk],
            )
        with pytest.raises(REFUSED, match="signed agreement"):
            raw("UPDATE agreements_agreement SET status = 'draft' WHERE id = %s", [agreement.pk])
        # Moving on to superseded is what renewal does: allowed.
        raw("UPDATE agreements_agreement SET status = 'superseded' WHERE id = %s", [agreement.pk])
    note.refresh_from_db()
    assert note.case_discussion is not None
    assert not finalised.actions.exists()
    assert not finalised.agenda.exists()


def test_the_participants_of_a_finalised_group_record_stay(team) -> None:
    from supervise.sessions.services import group_session_complete, group_session_record
    from supervise.sessions.services.group import GroupEntry

    session = group_session_record(
        actor=team.manager.user, held_on=__import__("datetime").date(2026, 11, 2),
        duration_minutes=60, participants=[team.worker, team.colleague],
        entries=[GroupEntry(child=team.child, worker=team.worker, fields={"decisions": "x"})],
    )  # fmt: skip
    group_session_complete(actor=team.manager.user, session=session)
    with guards_on():
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw(
                "DELETE FROM supervision_session_participants WHERE session_id = %s",
                [session.pk],
            )
        with pytest.raises(REFUSED, match="finalised supervision record"):
            raw(
                "INSERT INTO supervision_session_participants (session_id, staffmember_id) "
                "VALUES (%s, %s)",
                [session.pk, team.other_worker.pk],
            )
    assert set(session.participants.all()) == {team.worker, team.colleague}
