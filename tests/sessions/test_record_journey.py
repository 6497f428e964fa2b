"""The main journey at service level: schedule, hold, record two case discussions, send,
sign, finalised and locked; afterwards only addenda."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.sessions.services import (
    ActionRefused,
    addendum_add,
    discussion_save,
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from supervise.sessions.states import RecordStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_session_goes_from_booking_to_a_locked_record(team) -> None:
    second_child = f.ChildFactory(organisation=team.org, name="Second Child")
    f.AllocationFactory(child=second_child, staff=team.worker)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=monday)
    session = session_hold(actor=team.manager.user, session=session, held_on=monday)
    record_save(
        actor=team.manager.user,
        session=session,
        entries={"wellbeing": "Managing well", "development": "PQ module"},
    )
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=team.child,
        fields={"worried_about": "Missed visits", "decisions": "Visit weekly"},
    )
    discussion_save(
        actor=team.manager.user,
        session=session,
        child=second_child,
        fields={"working_well": "School attendance up", "decisions": "Close in March"},
    )
    session = record_send(actor=team.manager.user, session=session)
    assert session.record_status == RecordStatus.AWAITING_SUPERVISEE
    session = record_sign(actor=team.worker.user, session=session)

    assert session.record_status == RecordStatus.FINALISED  # Hull: no manager review step
    assert session.finalised_on == timezone.localdate()
    notes = CaseNote.objects.filter(case_discussion__session=session)
    assert {n.child_id for n in notes} == {team.child.pk, second_child.pk}
    assert "Visit weekly" in notes.get(child=team.child).body
    with pytest.raises(ActionRefused, match="finalised"):
        record_save(actor=team.manager.user, session=session, entries={"wellbeing": "changed"})
    with pytest.raises(ActionRefused, match="finalised"):
        discussion_save(
            actor=team.manager.user,
            session=session,
            child=team.child,
            fields={"decisions": "changed"},
        )
    addendum = addendum_add(actor=team.worker.user, session=session, text="I also agreed X.")
    assert addendum.author == team.worker
    assert session.entries.get(heading="wellbeing").text == "Managing well"
    actions = list(
        AuditEntry.objects.filter(object_id=str(session.pk)).values_list("action", flat=True)
    )
    assert actions[:2] == ["session.scheduled", "session.held"]
    assert "record.signed" in actions


def test_only_the_supervisee_signs(team) -> None:
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=date(2026, 11, 2))
    record_send(actor=team.manager.user, session=session)
    with pytest.raises(ActionRefused, match="Only the supervisee"):
        record_sign(actor=team.manager.user, session=session)
    with pytest.raises(ActionRefused, match="Only the supervisee"):
        record_sign(actor=team.colleague.user, session=session)
