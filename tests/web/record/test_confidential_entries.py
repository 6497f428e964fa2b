"""Confidential entries through the record pages: chosen when writing up, visible to supervisor
and supervisee, left out (heading and all) for the supervisor's line manager."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from supervise.sessions.models import RecordEntry
from supervise.sessions.services import record_send, record_sign, session_hold, session_schedule

pytestmark = pytest.mark.django_db


def test_confidential_headings_are_kept_from_the_line_manager(team, client) -> None:
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=date(2026, 11, 2))
    client.force_login(team.manager.user)
    response = client.post(
        reverse("sessions:record", kwargs={"pk": session.pk}),
        {
            "entry_wellbeing": "Bereavement, taking time",
            "entry_development": "PQ module",
            "confidential": ["wellbeing"],
            "then": "stay",
        },
    )
    assert response.status_code == 302
    assert RecordEntry.objects.get(session=session, heading="wellbeing").confidential
    record_send(actor=team.manager.user, session=session)
    record_sign(actor=team.worker.user, session=session)
    detail = reverse("sessions:detail", kwargs={"pk": session.pk})

    for person in (team.manager, team.worker):
        client.force_login(person.user)
        page = client.get(detail).content.decode()
        assert "Bereavement, taking time" in page
        assert "Confidential between you" in page
    client.force_login(team.head.user)
    page = client.get(detail).content.decode()
    assert "PQ module" in page
    assert "Bereavement" not in page
    assert "Wellbeing and support" not in page  # the heading is not shown either
