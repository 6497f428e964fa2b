"""The Django admin: installation operators only (tenancy), and finalised records stay as they
were there too."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from supervise.accounts.models import User
from supervise.sessions.models import Session
from supervise.sessions.services import record_send, record_sign, session_hold, session_schedule
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db) -> User:
    return User.objects.create_superuser("operator", "op@example.invalid", "long enough pw 1")


def finalised(team) -> Session:
    [session] = session_schedule(
        actor=team.manager.user, supervisee=team.worker, on=date(2026, 11, 2)
    )
    session = session_hold(actor=team.manager.user, session=session, held_on=date(2026, 11, 2))
    record_send(actor=team.manager.user, session=session)
    return record_sign(actor=team.worker.user, session=session)


def test_people_of_an_organisation_cannot_open_the_admin(team, client) -> None:
    for user in (team.manager.user, f.UserFactory(organisation=team.org, roles=["administrator"])):
        user.is_staff = user.is_superuser = True  # even with Django's own flags set
        user.save()
        client.force_login(user)
        response = client.get(reverse("admin:supervision_session_changelist"))
        assert response.status_code in (302, 403), response.status_code
        assert b"One-to-one" not in response.content


def test_an_organisations_administrator_gets_a_refusal_not_a_redirect_loop(team, client) -> None:
    client.force_login(f.UserFactory(organisation=team.org, roles=["administrator"]))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 2  # /admin/ -> /admin/login/ -> refused


def test_a_finalised_record_cannot_be_changed_or_deleted_in_the_admin(team, client, operator):
    session = finalised(team)
    client.force_login(operator)
    change = reverse("admin:supervision_session_change", args=[session.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert b'name="held_on"' not in page.content  # shown read-only, not as a field
    response = client.post(change, {"held_on": "2026-01-01", "kind": "formal", "status": "held"})
    assert response.status_code == 403
    delete = client.post(
        reverse("admin:supervision_session_delete", args=[session.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    session.refresh_from_db()
    assert session.held_on == date(2026, 11, 2)


def test_the_audit_trail_is_read_only_in_the_admin(team, client, operator) -> None:
    from supervise.audit.models import AuditEntry
    from supervise.audit.services import audit_record

    entry = audit_record(action="test.event", organisation=team.org)
    client.force_login(operator)
    response = client.post(
        reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_keeps_the_separation_of_duties(team, client, operator) -> None:
    """Granting roles in the Django admin obeys the same rule as *People and access*: no
    administrator who also approves access to supervision files."""
    user = f.UserFactory(organisation=team.org, roles=["administrator"])
    client.force_login(operator)
    change = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(change)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {
            "username": user.username,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "organisation": team.org.pk,
            "role_grants-TOTAL_FORMS": "2",
            "role_grants-INITIAL_FORMS": "1",
            "role_grants-0-id": user.role_grants.get().pk,
            "role_grants-0-user": user.pk,
            "role_grants-0-role": "administrator",
            "role_grants-1-user": user.pk,
            "role_grants-1-role": "senior_manager",
        }
    )
    data.pop("password", None)
    response = client.post(change, data)
    assert response.status_code == 200, response.status_code  # the form again, with the error
    assert "Administrator cannot be given with" in response.content.decode()
    assert set(user.role_grants.values_list("role", flat=True)) == {"administrator"}
    # Without the clash the same form saves: the refusal is the rule, not a broken form.
    data["role_grants-1-role"] = "quality_assurance"
    saved = client.post(change, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert set(user.role_grants.values_list("role", flat=True)) == {
        "administrator",
        "quality_assurance",
    }
