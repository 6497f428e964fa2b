"""Service-level tests of each business action (issue 3): what it changes, what it refuses,
and the audit row it writes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.agreements.services import agreement_draft, agreement_send, agreement_sign
from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.sessions.models import Action, AgendaItem, Session
from supervise.sessions.services import (
    ActionRefused,
    action_add,
    agenda_item_add,
    group_session_complete,
    group_session_record,
    record_decline,
    record_finalise,
    record_reopen,
    record_save,
    record_send,
    record_sign,
    replacement_proposal,
    session_cancel,
    session_hold,
    session_schedule,
    typist_assign,
)
from supervise.sessions.services.group import GroupEntry
from supervise.sessions.states import (
    RecordStatus,
    SessionStatus,
    TransitionError,
    check_record_transition,
)
from tests import factories as f
from tests.conftest import Team

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 2)


def audited(action: str, obj) -> bool:
    return AuditEntry.objects.filter(action=action, object_id=str(obj.pk)).exists()


def held(team: Team, day: date = MONDAY) -> Session:
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=day)
    return session_hold(actor=team.manager.user, session=session, held_on=day)


def test_a_series_is_booked_at_the_required_frequency_skipping_bank_holidays(team) -> None:
    """Hull, experienced worker: monthly. 25 Dec 2026 falls on a Friday: the session moves to
    Thursday 24 December, and the next is counted on from there."""
    sessions = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 25), repeat=3
    )
    assert [s.scheduled_on for s in sessions] == [
        date(2026, 11, 25), date(2026, 12, 24), date(2027, 1, 22),
    ]  # fmt: skip
    assert len({s.series for s in sessions}) == 1
    with pytest.raises(ActionRefused, match="not a working day"):
        session_schedule(actor=team.manager.user, supervisee=team.worker, on=date(2026, 12, 25))


def test_only_the_supervisor_books_and_never_with_themselves(team) -> None:
    with pytest.raises(ActionRefused, match="yourself"):
        session_schedule(actor=team.manager.user, supervisee=team.manager, on=MONDAY)


def test_cancelling_records_who_and_why_and_proposes_a_date_in_the_window(team) -> None:
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)
    session = session_cancel(
        actor=team.worker.user,
        session=session,
        cancelled_by="supervisee",
        reason="other",
        note="Court hearing",
    )
    assert (session.status, session.cancelled_by, session.cancel_reason) == (
        SessionStatus.CANCELLED,
        "supervisee",
        "other",
    )
    assert audited("session.cancelled", session)
    proposal = replacement_proposal(session=session)
    assert proposal.counted_from == MONDAY
    assert proposal.latest == date(2026, 11, 9)  # Hull: within 5 working days
    with pytest.raises(TransitionError):
        session_cancel(
            actor=team.manager.user, session=session, cancelled_by="supervisor", reason="other",
            note="Again",
        )  # fmt: skip
    [other] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 3)
    )
    with pytest.raises(ActionRefused, match="supervisor or the supervisee"):
        session_cancel(
            actor=team.colleague.user, session=other, cancelled_by="supervisor", reason="other"
        )


@pytest.mark.parametrize("note", ["", "   "])
def test_another_reason_needs_the_reason_written(team, note) -> None:
    """The service refuses it (the web form and the API only pass on what it says), naming the
    field, and nothing changes."""
    from supervise.sessions.services import InputRefused

    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)
    with pytest.raises(InputRefused, match="Enter the reason the session was cancelled") as refused:
        session_cancel(actor=team.manager.user, session=session, cancelled_by="supervisor",
                       reason="other", note=note)  # fmt: skip
    assert refused.value.field == "note"
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    assert not audited("session.cancelled", session)
    sick = session_cancel(actor=team.manager.user, session=session, cancelled_by="supervisor",
                          reason="sickness", note=note)  # fmt: skip
    assert (sick.status, sick.cancel_note) == (SessionStatus.CANCELLED, "")


def test_a_sick_cancellation_counts_from_the_return_to_work(team) -> None:
    f.AbsenceFactory(staff=team.worker, starts_on=date(2026, 10, 28), ends_on=date(2026, 11, 6))
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)
    session = session_cancel(
        actor=team.worker.user, session=session, cancelled_by="supervisee", reason="sickness"
    )
    proposal = replacement_proposal(session=session)
    assert proposal.counted_from == date(2026, 11, 7)
    assert proposal.latest == date(2026, 11, 13)


def test_holding_carries_open_actions_into_the_agenda_and_flags_the_third_time(team) -> None:
    first = held(team, date(2026, 10, 5))
    action = action_add(
        actor=team.manager.user,
        session=first,
        owner=team.worker,
        description="Complete the chronology",
    )
    record_send(actor=team.manager.user, session=first)  # agreed: a draft's stay there
    for day in (date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26)):
        session = held(team, day)
    action.refresh_from_db()
    assert action.times_carried == 3
    assert action.flagged
    assert AgendaItem.objects.filter(session=session, carried_action=action).exists()


def test_decline_then_reopen_then_send_again(team) -> None:
    session = record_send(actor=team.manager.user, session=held(team))
    session = record_decline(actor=team.worker.user, session=session, reason="Not accurate")
    assert session.record_status == RecordStatus.DECLINED
    assert session.declined_reason == "Not accurate"
    with pytest.raises(ActionRefused, match="Say why"):
        record_decline(actor=team.worker.user, session=session, reason=" ")
    session = record_reopen(actor=team.manager.user, session=session)
    assert session.record_status == RecordStatus.DRAFT
    assert session.supervisor_signed_at is None  # the signature went with the reopening
    record_save(actor=team.manager.user, session=session, entries={"wellbeing": "Corrected"})
    session = record_send(actor=team.manager.user, session=session)
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    assert audited("record.declined", session)
    assert audited("record.reopened", session)


def test_hertfordshire_records_wait_for_the_managers_review(db) -> None:
    team = Team(policy="hertfordshire", slug="herts")
    session = record_send(actor=team.manager.user, session=held(team))
    session = record_sign(actor=team.worker.user, session=session)
    assert session.record_status == RecordStatus.AWAITING_FINALISATION
    assert session.finalised_on is None
    with pytest.raises(ActionRefused, match="Only the supervisor"):
        record_finalise(actor=team.worker.user, session=session)
    session = record_finalise(actor=team.manager.user, session=session)
    assert session.record_status == RecordStatus.FINALISED
    assert session.finalised_on == timezone.localdate()


def test_business_support_types_up_but_never_sends_or_finalises(team) -> None:
    support = f.UserFactory(organisation=team.org, roles=["business_support"])
    session = held(team)
    typist_assign(actor=team.manager.user, session=session, typist=support)
    record_save(actor=support, session=session, entries={"development": "Typed from notes"})
    with pytest.raises(PermissionDenied):  # no staff record: never the supervisor
        record_send(actor=support, session=session)
    session.refresh_from_db()
    assert session.record_status == RecordStatus.DRAFT
    with pytest.raises(ActionRefused, match="business support"):
        typist_assign(actor=team.manager.user, session=session, typist=team.colleague.user)


def test_a_group_session_writes_one_entry_to_each_childs_record(team) -> None:
    second = f.ChildFactory(organisation=team.org, name="Second Child")
    f.AllocationFactory(child=second, staff=team.colleague)
    session = group_session_record(
        actor=team.manager.user, held_on=MONDAY, participants=[team.worker, team.colleague],
        entries=[
            GroupEntry(team.child, team.worker, {"decisions": "Refer to CAMHS"}),
            GroupEntry(child=second, worker=team.colleague, fields={"worried_about": "School"}),
        ],
    )  # fmt: skip
    notes = CaseNote.objects.filter(case_discussion__session=session)
    assert {(n.child_id, n.kind) for n in notes} == {
        (team.child.pk, "group_case_supervision"), (second.pk, "group_case_supervision"),
    }  # fmt: skip
    assert "Refer to CAMHS" in notes.get(child=team.child).body
    session = group_session_complete(actor=team.manager.user, session=session)
    assert session.record_status == RecordStatus.FINALISED
    with pytest.raises(ActionRefused, match="once"):
        group_session_record(
            actor=team.manager.user, held_on=MONDAY, participants=[team.worker],
            entries=[GroupEntry(team.child, team.worker, {}), GroupEntry(team.child, None, {})],
        )  # fmt: skip


def test_a_group_session_cannot_predate_a_participant(team) -> None:
    before = team.worker.started_on - timedelta(days=1)
    with pytest.raises(ActionRefused, match="cannot have taken place before .* started"):
        group_session_record(
            actor=team.manager.user, held_on=before, participants=[team.worker],
            entries=[GroupEntry(team.child, team.worker, {"decisions": "D"})],
        )  # fmt: skip
    assert not Session.objects.filter(kind=Session.Kind.GROUP).exists()


def test_an_agreement_is_signed_by_both_and_replaces_the_last_one(team) -> None:
    old = Agreement.objects.create(
        organisation=team.org, external_id="AG-OLD", supervisee=team.worker,
        supervisor=team.manager, status=AgreementStatus.SIGNED,
    )  # fmt: skip
    renewal = agreement_draft(
        actor=team.manager.user,
        supervisee=team.worker,
        reason=Agreement.Reason.ANNUAL_REVIEW,
        terms={"frequency": "P14D"},
    )
    assert renewal.resolving_difficulties  # the template's text
    with pytest.raises(ActionRefused, match="Frequency"):
        agreement_draft(
            actor=team.manager.user,
            supervisee=team.worker,
            reason=Agreement.Reason.ANNUAL_REVIEW,
            terms={"frequency": "fortnightly"},
        )
    renewal = agreement_send(actor=team.manager.user, agreement=renewal)
    assert renewal.status == AgreementStatus.AWAITING_SIGNATURES
    renewal = agreement_sign(actor=team.worker.user, agreement=renewal)
    assert renewal.status == AgreementStatus.SIGNED
    assert renewal.supervisee_signed_at is not None
    old.refresh_from_db()
    assert old.status == AgreementStatus.SUPERSEDED
    with pytest.raises(ActionRefused):
        agreement_sign(actor=team.colleague.user, agreement=renewal)


def test_only_a_supervisor_drafts_an_agreement_with_their_supervisee(team) -> None:
    with pytest.raises(ActionRefused, match="someone you supervise"):
        agreement_draft(
            actor=team.other_manager.user,
            supervisee=team.worker,
            reason=Agreement.Reason.NEW_RELATIONSHIP,
            terms={},
        )


def test_a_session_cannot_be_held_in_the_future(team) -> None:
    future = timezone.localdate() + timedelta(days=30)
    while future.weekday() >= 5:
        future += timedelta(days=1)
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=future)
    with pytest.raises(ActionRefused, match="future"):
        session_hold(actor=team.manager.user, session=session, held_on=future)


def test_a_replacement_booking_is_linked_to_the_cancelled_session(team) -> None:
    [cancelled] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)
    cancelled = session_cancel(
        actor=team.manager.user, session=cancelled, cancelled_by="supervisor", reason="other",
        note="Room double-booked",
    )  # fmt: skip
    [replacement] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 4), replaces=cancelled
    )
    assert replacement.replaces == cancelled
    with pytest.raises(ActionRefused, match="cancelled session of this supervisee"):
        session_schedule(
            actor=team.manager.user,
            supervisee=team.colleague,
            on=date(2026, 11, 5),
            replaces=cancelled,
        )


def test_a_second_booking_on_a_day_already_taken_is_refused(team) -> None:
    """One formal session a day with a supervisee: the second booking (another tab, a series
    over a single booking) is refused with the day named, and nothing is booked."""
    [first] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)
    before = Session.objects.count()
    with pytest.raises(ActionRefused, match=f"already has supervision booked on {MONDAY:%A}"):
        session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)
    # A series that starts on the taken day is refused as a whole: none of it is booked.
    with pytest.raises(ActionRefused):
        session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY, repeat=3)
    assert Session.objects.count() == before
    # The colleague's day is their own, and a cancelled session frees the day.
    session_schedule(actor=team.manager.user, supervisee=team.colleague, on=MONDAY)
    session_cancel(actor=team.manager.user, session=first, cancelled_by="supervisor",
                   reason="other", note="Training day")  # fmt: skip
    assert session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)


def test_the_agenda_closes_once_the_session_has_taken_place(team) -> None:
    """Tabling an item after the session is the record's business (the pages and the API
    offer it only while planned; the service refuses too)."""
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=MONDAY)
    agenda_item_add(actor=team.worker.user, session=session, text="Caseload")
    session = session_hold(actor=team.manager.user, session=session, held_on=MONDAY)
    with pytest.raises(ActionRefused, match="agenda is closed"):
        agenda_item_add(actor=team.worker.user, session=session, text="Too late")
    assert [i.text for i in session.agenda.all()] == ["Caseload"]


def test_a_record_is_never_finalised_without_the_supervisors_signature(team) -> None:
    """Hull: the supervisee's signature finalises a record, but only one the supervisor signed
    (by sending it). A record waiting for the supervisee without it, as an earlier import left
    some, is refused, and nothing changes."""
    session = held(team)
    Session.objects.filter(pk=session.pk).update(
        record_status=RecordStatus.AWAITING_SUPERVISEE, record_completed_on=MONDAY
    )
    with pytest.raises(ActionRefused, match="supervisor has not signed"):
        record_sign(actor=team.worker.user, session=session)
    session.refresh_from_db()
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    assert session.supervisee_signed_on is None
    assert not audited("record.signed", session)


def test_the_state_machine_finalises_only_a_record_signed_by_both(db) -> None:
    """Whichever service asks: finalised (or waiting for the manager's review) needs both
    signatures, waiting for the supervisee needs the supervisor's."""
    team = Team(policy="hertfordshire", slug="herts")
    session = held(team)
    session.record_status = RecordStatus.AWAITING_SUPERVISEE
    with pytest.raises(TransitionError, match="the supervisor and the supervisee have not signed"):
        check_record_transition(session, RecordStatus.AWAITING_FINALISATION)
    session.supervisee_signed_on = MONDAY
    with pytest.raises(TransitionError, match="the supervisor has not signed"):
        check_record_transition(session, RecordStatus.FINALISED)
    session.record_status = RecordStatus.DRAFT
    with pytest.raises(TransitionError, match="the supervisor has not signed"):
        check_record_transition(session, RecordStatus.AWAITING_SUPERVISEE)
    # The manager's review (Hertfordshire) cannot finalise a record only the supervisee signed.
    Session.objects.filter(pk=session.pk).update(
        record_status=RecordStatus.AWAITING_FINALISATION, supervisee_signed_on=MONDAY
    )
    with pytest.raises(TransitionError, match="the supervisor has not signed"):
        record_finalise(actor=team.manager.user, session=session)
    session.refresh_from_db()
    assert session.record_status == RecordStatus.AWAITING_FINALISATION
    session.supervisor_signed_on = MONDAY
    check_record_transition(session, RecordStatus.FINALISED)  # signed by both: allowed


def test_a_session_carries_only_the_open_actions_of_earlier_sent_records_once(team) -> None:
    """Carried: open actions of the supervisee's sessions held before this one whose record was
    sent. Not a later session's, not a draft's (it can still be taken back), not a done one;
    each counted once, when the session is held, however often its agenda was shown before."""
    from supervise.sessions.carrying import actions_to_carry, agenda_to_come
    from supervise.sessions.services import action_set_status

    def agree(session: Session, description: str):  # type: ignore[no-untyped-def]
        return action_add(actor=team.manager.user, session=session, owner=team.worker,
                          description=description)  # fmt: skip

    sent = held(team, date(2026, 10, 5))
    carried = agree(sent, "Complete the chronology")
    done = agree(sent, "Already done")
    record_send(actor=team.manager.user, session=sent)
    action_set_status(actor=team.worker.user, action=done, status="done")
    draft = held(team, date(2026, 10, 12))
    unsent = agree(draft, "Still a draft's")
    [upcoming] = session_schedule(actor=team.manager.user, supervisee=team.worker,
                                  on=date(2026, 10, 26))  # fmt: skip
    later = held(team, date(2026, 10, 28))  # held after the upcoming session's day
    later_action = agree(later, "Agreed afterwards")
    record_send(actor=team.manager.user, session=later)

    counts = dict(Action.objects.values_list("pk", "times_carried"))
    # (Holding the draft's session and the later one carried the first action into them.)
    assert counts == {carried.pk: 2, done.pk: 0, unsent.pk: 0, later_action.pk: 0}
    before = [i.carried_action for i in agenda_to_come(upcoming)]
    assert before == [carried]
    assert list(actions_to_carry(upcoming)) == [carried]  # asked again: the same, uncounted
    assert dict(Action.objects.values_list("pk", "times_carried")) == counts
    session_hold(actor=team.manager.user, session=upcoming, held_on=date(2026, 10, 26))
    assert [i.carried_action for i in AgendaItem.objects.filter(session=upcoming)] == [carried]
    assert [i.carried_action for i in agenda_to_come(upcoming)] == [carried]  # not twice
    assert dict(Action.objects.values_list("pk", "times_carried")) == {**counts, carried.pk: 3}


def test_putting_a_held_date_right_carries_what_it_makes_earlier(team) -> None:
    from supervise.sessions.services import session_held_on_change

    first = held(team, date(2026, 10, 5))
    action = action_add(actor=team.manager.user, session=first, owner=team.worker,
                        description="Complete the chronology")  # fmt: skip
    record_send(actor=team.manager.user, session=first)
    [second] = session_schedule(actor=team.manager.user, supervisee=team.worker,
                                on=date(2026, 10, 19))  # fmt: skip
    second = session_hold(actor=team.manager.user, session=second, held_on=date(2025, 10, 19))
    assert not AgendaItem.objects.filter(session=second).exists()  # "2025": before the first
    session_held_on_change(actor=team.manager.user, session=second, held_on=date(2026, 10, 19))
    assert AgendaItem.objects.filter(session=second, carried_action=action).count() == 1
    action.refresh_from_db()
    assert action.times_carried == 1
