"""Retention in a time-shifted run (the clock is moved with time-machine; nothing is told a
date): nothing destroyed early, everything due destroyed (deleted, not hidden), tombstones kept,
legal holds respected, children's records untouched; the database guards as in production."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from supervise.agreements.models import Agreement
from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.cli import main
from supervise.files.models import LegalHold, Tombstone
from supervise.files.services import retention
from supervise.files.services.retention import (
    RetentionRefused,
    file_destroy,
    legal_hold_lift,
    legal_hold_place,
    retention_preview,
    retention_run,
)
from supervise.people.models import StaffMember
from supervise.sessions.models import CaseDiscussion, RecordEntry, Session
from supervise.sessions.services import (
    discussion_save,
    record_save,
    record_send,
    record_sign,
    session_cancel,
    session_hold,
    session_schedule,
)
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.audit.guards import guards_on
from tests.conftest import Team

pytestmark = pytest.mark.django_db
LEFT = date(2026, 3, 31)  # Hull keeps a leaver's file 7 years: until 2033-03-31
DUE = date(2033, 3, 31)


def finalised(team: Team, supervisee: StaffMember, day: date, replaces=None) -> Session:
    [session] = session_schedule(
        actor=team.manager.user, supervisee=supervisee, on=day, replaces=replaces
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=day)
    record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Private matter"})
    discussion_save(
        actor=team.manager.user, session=session, child=team.child, fields={"decisions": "Weekly"}
    )
    record_send(actor=team.manager.user, session=session)
    session = record_sign(actor=supervisee.user, session=session)
    assert session.record_status == RecordStatus.FINALISED
    return session


def leave(staff: StaffMember, on: date = LEFT) -> StaffMember:
    StaffMember.objects.filter(pk=staff.pk).update(left_on=on)
    staff.refresh_from_db()
    return staff


@pytest.fixture
def leaver(team) -> StaffMember:
    """A worker with a finalised record, a child discussed in it, and an agreement, who left."""
    finalised(team, team.worker, date(2026, 3, 2))
    Agreement.objects.create(
        organisation=team.org,
        external_id="AG-L",
        supervisee=team.worker,
        supervisor=team.manager,
        status="signed",
    )
    return leave(team.worker)


@pytest.fixture
def clock(time_machine):
    """`clock(day)`: from now on it is midday on `day` in London, and the clock stands still."""

    def move(day: date) -> None:
        time_machine.move_to(
            datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/London")),
            tick=False,
        )

    return move


def hr(team: Team):
    return f.UserFactory(organisation=team.org, roles=["hr"])


def test_nothing_is_destroyed_before_its_date(team, leaver, clock) -> None:
    clock(date(2033, 3, 30))
    assert retention_run(organisation=team.org) == []
    with pytest.raises(RetentionRefused, match="must be kept until .*2033"):
        file_destroy(actor=hr(team), staff=leaver)
    assert Session.objects.filter(supervisee=leaver).count() == 1


def test_the_destroying_path_takes_no_date(team, leaver) -> None:
    """The review's finding: a caller-supplied day destroyed a file due in 2033 today."""
    with pytest.raises(TypeError):
        file_destroy(actor=hr(team), staff=leaver, today=date(2099, 1, 1))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        retention_run(organisation=team.org, today=date(2099, 1, 1))  # type: ignore[call-arg]
    assert Session.objects.filter(supervisee=leaver).exists()


def test_a_file_due_is_destroyed_and_a_tombstone_kept(team, leaver, clock) -> None:
    session_id = Session.objects.get(supervisee=leaver).pk
    clock(DUE)
    done = retention_run(organisation=team.org)
    assert [(d.due.staff.pk, d.outcome, d.failed) for d in done] == [
        (leaver.pk, "destroyed", False)
    ]
    # Deleted, not hidden: the rows are gone from the database.
    assert not Session.objects.filter(pk=session_id).exists()
    assert not RecordEntry.objects.filter(session_id=session_id).exists()
    assert not CaseDiscussion.objects.filter(session_id=session_id).exists()
    assert not Agreement.objects.filter(supervisee=leaver).exists()
    tombstone = Tombstone.objects.get()
    assert tombstone.staff_external_id == leaver.external_id
    assert tombstone.policy == "hull"
    assert tombstone.due_on == DUE
    assert tombstone.counts["sessions"] == 1
    leaver.refresh_from_db()
    assert leaver.file_destroyed_on == DUE
    # The child's record keeps its entry: case supervision follows the child, not the worker.
    assert "Weekly" in CaseNote.objects.get(child=team.child).body
    assert AuditEntry.objects.filter(action="file.destroyed").count() == 1


def test_a_legal_hold_keeps_the_file_until_lifted(team, leaver, clock) -> None:
    hold = legal_hold_place(actor=hr(team), staff=leaver, reason="Employment tribunal claim")
    clock(date(2034, 1, 1))
    assert [d.outcome for d in retention_run(organisation=team.org)] == ["kept: legal hold"]
    with pytest.raises(RetentionRefused, match="legal hold"):
        file_destroy(actor=hr(team), staff=leaver)
    assert Session.objects.filter(supervisee=leaver).exists()
    legal_hold_lift(actor=hr(team), hold=hold, reason="Claim settled")
    assert [d.outcome for d in retention_run(organisation=team.org)] == ["destroyed"]
    assert not LegalHold.objects.exists()  # part of the file: gone with it


def test_a_preview_names_a_day_and_destroys_nothing(team, leaver, capsys) -> None:
    assert [d.outcome for d in retention_preview(organisation=team.org, on=DUE)] == [
        "would be destroyed"
    ]
    assert main(["retention", "--org", team.org.slug, "--dry-run", "--as-of", "2033-04-01"]) == 0
    out = capsys.readouterr().out
    assert "1 file(s) would be destroyed on 2033-04-01" in out
    assert Session.objects.filter(supervisee=leaver).exists()


def test_a_day_without_dry_run_is_refused(team, leaver, capsys) -> None:
    """`--as-of 2099-01-01` used to destroy a file due in 2033 at once."""
    assert main(["retention", "--org", team.org.slug, "--as-of", "2099-01-01"]) == 2
    assert "--as-of is only for a --dry-run" in capsys.readouterr().err
    assert Session.objects.filter(supervisee=leaver).exists()
    assert not Tombstone.objects.exists()


def test_the_command_destroys_what_is_due_today(team, leaver, clock, capsys) -> None:
    assert main(["retention", "--org", team.org.slug]) == 0  # today (2026): not yet
    assert "0 file(s) destroyed" in capsys.readouterr().out
    assert Session.objects.filter(supervisee=leaver).exists()
    clock(date(2033, 4, 1))
    assert main(["retention", "--org", team.org.slug]) == 0
    assert "1 file(s) destroyed on 2033-04-01" in capsys.readouterr().out
    assert not Session.objects.filter(supervisee=leaver).exists()


def test_a_rearranged_session_is_destroyed_under_the_real_guards(team, leaver, clock) -> None:
    """A finalised session that `replaces` a cancelled one: deleting the cancelled one made
    Django set `replaces` to NULL on the finalised one, which the guard refuses."""
    [cancelled] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 3, 9)
    )
    cancelled = session_cancel(
        actor=team.manager.user, session=cancelled, cancelled_by="supervisor", reason="sickness"
    )
    again = finalised(team, team.worker, date(2026, 3, 12), replaces=cancelled)
    assert again.replaces_id == cancelled.pk
    clock(DUE)
    with guards_on():  # not in maintenance: the retention guard alone is lifted
        done = retention_run(organisation=team.org)
    assert [(d.outcome, d.failed) for d in done] == [("destroyed", False)]
    assert not Session.objects.filter(supervisee=leaver).exists()
    assert Tombstone.objects.get().counts["sessions"] == 3


def test_one_file_failing_is_reported_and_the_others_destroyed(
    team, leaver, clock, monkeypatch, capsys
) -> None:
    other = leave(team.colleague)
    finalised(team, other, date(2026, 3, 3))
    real = retention._delete_file

    def refuse_for_the_leaver(staff):
        if staff.pk == leaver.pk:
            raise IntegrityError("a finalised supervision record cannot be changed")
        return real(staff)

    monkeypatch.setattr(retention, "_delete_file", refuse_for_the_leaver)
    clock(DUE)
    with guards_on():
        assert main(["retention", "--org", team.org.slug]) == 1
    captured = capsys.readouterr()
    assert f"{leaver.external_id}" in captured.err
    assert "NOT destroyed" in captured.err
    assert "a finalised supervision record cannot be changed" in captured.err
    assert "1 file(s) destroyed" in captured.out
    assert "1 file(s) could not be destroyed" in captured.err
    # The failed file is intact (its transaction rolled back); the other is gone.
    assert Session.objects.filter(supervisee=leaver).count() == 1
    leaver.refresh_from_db()
    assert leaver.file_destroyed_on is None
    assert not Session.objects.filter(supervisee=other).exists()
    assert list(Tombstone.objects.values_list("staff_external_id", flat=True)) == [
        other.external_id
    ]
    failed = AuditEntry.objects.get(action="file.destroy_failed")
    assert failed.object_id == str(leaver.pk)


def test_packs_without_a_retention_period_never_destroy(db, clock) -> None:
    team = Team(policy="hertfordshire", slug="herts")
    StaffMember.objects.filter(pk=team.worker.pk).update(left_on=date(2000, 1, 1))
    team.worker.refresh_from_db()
    clock(date(2040, 1, 1))
    assert retention_run(organisation=team.org) == []
    with pytest.raises(RetentionRefused, match="names no retention period"):
        file_destroy(actor=f.UserFactory(organisation=team.org, roles=["hr"]), staff=team.worker)


def test_only_hr_archives_holds_or_destroys(team, leaver, clock) -> None:
    from supervise.files.services.retention import file_archive

    clock(date(2033, 4, 1))
    for outsider in (team.manager.user, team.head.user, f.UserFactory(organisation=team.org)):
        with pytest.raises(RetentionRefused, match="Only HR"):
            file_archive(actor=outsider, staff=leaver)
        with pytest.raises(RetentionRefused, match="Only HR"):
            legal_hold_place(actor=outsider, staff=leaver, reason="x")
        with pytest.raises(RetentionRefused, match="Only HR"):
            file_destroy(actor=outsider, staff=leaver)
    assert Session.objects.filter(supervisee=leaver).exists()


def test_a_file_is_destroyed_once(team, leaver, clock) -> None:
    clock(date(2033, 4, 1))
    file_destroy(actor=hr(team), staff=leaver)
    clock(date(2033, 4, 2))
    with pytest.raises(RetentionRefused, match="was destroyed on (.*1 April 2033|2033-04-01)"):
        file_destroy(actor=hr(team), staff=leaver)
