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


def test_the_typist_cannot_lift_or_set_the_confidential_mark(client, team) -> None:
    """Business support types the text; only the supervisor marks an item confidential, so a
    typist cannot show a confidential item to the line manager (found in a security review)."""
    from supervise.audit.models import AuditEntry
    from supervise.sessions.models import RecordEntry
    from supervise.sessions.services import record_save, typist_assign
    from supervise.sessions.services.common import ActionRefused
    from tests import factories as f
    from tests.web.record.helpers import held_session

    session = held_session(team)
    record_save(actor=team.manager.user, session=session,
                entries={"wellbeing": "Private matter"}, confidential={"wellbeing"})  # fmt: skip
    support = f.UserFactory(organisation=team.org, roles=["business_support"])
    typist_assign(actor=team.manager.user, session=session, typist=support)
    with pytest.raises(ActionRefused, match="Only the supervisor"):
        record_save(actor=support, session=session,
                    entries={"wellbeing": "Private matter"}, confidential=set())  # fmt: skip
    with pytest.raises(ActionRefused, match="Only the supervisor"):
        record_save(actor=support, session=session,
                    entries={"development": "Typed"}, confidential={"development"})  # fmt: skip
    # Text without a say on the marks is fine, and leaves them as they were.
    record_save(actor=support, session=session, entries={"wellbeing": "Private, typed"})
    assert RecordEntry.objects.get(session=session, heading="wellbeing").confidential
    # Through the page: no such field for the typist, and the mark stays.
    client.force_login(support)
    page = client.get(reverse("sessions:record", kwargs={"pk": session.pk})).content.decode()
    assert 'name="confidential"' not in page
    client.post(reverse("sessions:record", kwargs={"pk": session.pk}),
                {"entry_wellbeing": "Private, typed again"})  # fmt: skip
    entry = RecordEntry.objects.get(session=session, heading="wellbeing")
    assert (entry.text, entry.confidential) == ("Private, typed again", True)
    # The supervisor's change of mark is in the audit trail (headings only, never text).
    record_save(actor=team.manager.user, session=session,
                entries={"wellbeing": "Private, typed again"}, confidential=set())  # fmt: skip
    detail = AuditEntry.objects.filter(action="record.saved").latest("id").detail
    assert detail == {"headings": ["wellbeing"], "confidential": {"wellbeing": False}}
