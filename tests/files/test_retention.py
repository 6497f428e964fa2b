"""Retention in a time-shifted run: nothing destroyed early, everything due destroyed (deleted,
not hidden), tombstones kept, legal holds respected, children's records untouched."""

from __future__ import annotations

from datetime import date

import pytest

from supervise.agreements.models import Agreement
from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.cli import main
from supervise.files.models import LegalHold, Tombstone
from supervise.files.services.retention import (
    RetentionRefused,
    file_destroy,
    legal_hold_lift,
    legal_hold_place,
    retention_run,
)
from supervise.people.models import StaffMember
from supervise.sessions.models import CaseDiscussion, RecordEntry, Session
from supervise.sessions.services import (
    discussion_save,
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from tests import factories as f
from tests.conftest import Team

pytestmark = pytest.mark.django_db
LEFT = date(2026, 3, 31)  # Hull keeps a leaver's file 7 years: until 2033-03-31


@pytest.fixture
def leaver(team) -> StaffMember:
    """A worker with a finalised record, a child discussed in it, and an agreement, who left."""
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 3, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=date(2026, 3, 2))
    record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Private matter"})
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=team.child,
        fields={"decisions": "Visit weekly"},
    )
    record_send(actor=team.manager.user, session=session)
    record_sign(actor=team.worker.user, session=session)
    Agreement.objects.create(
        organisation=team.org,
        external_id="AG-L",
        supervisee=team.worker,
        supervisor=team.manager,
        status="signed",
    )
    StaffMember.objects.filter(pk=team.worker.pk).update(left_on=LEFT)
    team.worker.refresh_from_db()
    return team.worker


def hr(team: Team):
    return f.UserFactory(organisation=team.org, roles=["hr"])


def test_nothing_is_destroyed_before_its_date(team, leaver) -> None:
    assert retention_run(organisation=team.org, today=date(2033, 3, 30), dry_run=False) == []
    with pytest.raises(RetentionRefused, match="must be kept until 2033-03-31"):
        file_destroy(actor=hr(team), staff=leaver, today=date(2033, 3, 30))
    assert Session.objects.filter(supervisee=leaver).count() == 1


def test_a_file_due_is_destroyed_and_a_tombstone_kept(team, leaver) -> None:
    session_id = Session.objects.get(supervisee=leaver).pk
    done = retention_run(organisation=team.org, today=date(2033, 3, 31), dry_run=False)
    assert [(d.staff.pk, outcome) for d, outcome in done] == [(leaver.pk, "destroyed")]
    # Deleted, not hidden: the rows are gone from the database.
    assert not Session.objects.filter(pk=session_id).exists()
    assert not RecordEntry.objects.filter(session_id=session_id).exists()
    assert not CaseDiscussion.objects.filter(session_id=session_id).exists()
    assert not Agreement.objects.filter(supervisee=leaver).exists()
    tombstone = Tombstone.objects.get()
    assert tombstone.staff_external_id == leaver.external_id
    assert tombstone.policy == "hull"
    assert tombstone.due_on == date(2033, 3, 31)
    assert tombstone.counts["sessions"] == 1
    leaver.refresh_from_db()
    assert leaver.file_destroyed_on == date(2033, 3, 31)
    # The child's record keeps its entry: case supervision follows the child, not the worker.
    assert "Visit weekly" in CaseNote.objects.get(child=team.child).body
    assert AuditEntry.objects.filter(action="file.destroyed").count() == 1


def test_a_legal_hold_keeps_the_file_until_lifted(team, leaver) -> None:
    hold = legal_hold_place(actor=hr(team), staff=leaver, reason="Employment tribunal claim")
    done = retention_run(organisation=team.org, today=date(2034, 1, 1), dry_run=False)
    assert [outcome for _, outcome in done] == ["kept: legal hold"]
    with pytest.raises(RetentionRefused, match="legal hold"):
        file_destroy(actor=hr(team), staff=leaver, today=date(2034, 1, 1))
    assert Session.objects.filter(supervisee=leaver).exists()
    legal_hold_lift(actor=hr(team), hold=hold, reason="Claim settled")
    done = retention_run(organisation=team.org, today=date(2034, 1, 1), dry_run=False)
    assert [outcome for _, outcome in done] == ["destroyed"]
    assert not LegalHold.objects.exists()  # part of the file: gone with it


def test_a_dry_run_destroys_nothing(team, leaver, capsys) -> None:
    assert main(["retention", "--org", team.org.slug, "--dry-run", "--as-of", "2033-04-01"]) == 0
    assert "1 file(s) would be destroyed" in capsys.readouterr().out
    assert Session.objects.filter(supervisee=leaver).exists()


def test_the_command_destroys_what_is_due(team, leaver, capsys) -> None:
    assert main(["retention", "--org", team.org.slug, "--as-of", "2033-04-01"]) == 0
    assert "1 file(s) destroyed" in capsys.readouterr().out
    assert not Session.objects.filter(supervisee=leaver).exists()


def test_packs_without_a_retention_period_never_destroy(db) -> None:
    team = Team(policy="hertfordshire", slug="herts")
    StaffMember.objects.filter(pk=team.worker.pk).update(left_on=date(2000, 1, 1))
    team.worker.refresh_from_db()
    assert retention_run(organisation=team.org, today=date(2040, 1, 1), dry_run=False) == []
    with pytest.raises(RetentionRefused, match="names no retention period"):
        file_destroy(
            actor=f.UserFactory(organisation=team.org, roles=["hr"]),
            staff=team.worker,
            today=date(2040, 1, 1),
        )


def test_only_hr_archives_holds_or_destroys(team, leaver) -> None:
    from supervise.files.services.retention import file_archive

    for outsider in (team.manager.user, team.head.user, f.UserFactory(organisation=team.org)):
        with pytest.raises(RetentionRefused, match="Only HR"):
            file_archive(actor=outsider, staff=leaver)
        with pytest.raises(RetentionRefused, match="Only HR"):
            legal_hold_place(actor=outsider, staff=leaver, reason="x")
        with pytest.raises(RetentionRefused, match="Only HR"):
            file_destroy(actor=outsider, staff=leaver, today=date(2033, 4, 1))
    assert Session.objects.filter(supervisee=leaver).exists()


def test_a_file_is_destroyed_once(team, leaver) -> None:
    file_destroy(actor=hr(team), staff=leaver, today=date(2033, 4, 1))
    with pytest.raises(RetentionRefused, match="was destroyed on"):
        file_destroy(actor=hr(team), staff=leaver, today=date(2033, 4, 2))
