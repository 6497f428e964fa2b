"""Every refused access writes one audit row (issue 4: "Audit trail: … every refused access";
security review): not only a record outside someone's rights (404, `get_visible`) but a page
for other roles (`@requires`), a view's own refusal and the API's 403s. The row says who, which
page or operation, when and from where; never what was asked for beyond its address's ids."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from supervise.audit.models import AuditEntry
from tests.api.conftest import as_, sent
from tests.conftest import Team
from tests.web.files.helpers import finalised_record

pytestmark = pytest.mark.django_db


def last_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def refusals_after(before: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(id__gt=before, action="access.refused"))


def refused_once(client: Client, who, method: str, url: str, operation: str, **kw) -> AuditEntry:  # type: ignore[no-untyped-def]
    """`who` is refused with 403 and exactly one row says so."""
    client.force_login(who.user)
    before = last_id()
    response = getattr(client, method)(url, **kw)
    assert response.status_code == 403, (url, response.status_code)
    [row] = refusals_after(before)
    assert row.actor == who.user
    assert row.organisation == who.organisation
    assert row.address == "127.0.0.1"  # from where
    assert row.at is not None  # when
    assert row.detail == {"path": url.split("?")[0], "operation": operation,
                          "method": method.upper()}  # fmt: skip
    return row


@pytest.mark.parametrize(
    ("url_name", "method"),
    [("files:leavers", "get"), ("account:admin-people", "get"),
     ("compliance:export-csv", "get")],
)  # fmt: skip
def test_a_page_for_other_roles_is_refused_and_audited(client, team, url_name, method) -> None:
    refused_once(client, team.worker, method, reverse(url_name), url_name)


def test_destroying_a_file_is_for_hr_and_a_workers_attempt_is_audited(client, team) -> None:
    url = reverse("files:destroy", args=[team.colleague.pk])
    refused_once(client, team.worker, "get", url, "files:destroy")
    refused_once(client, team.worker, "post", url, "files:destroy", data={"confirm": "yes"})


def test_a_manager_asking_for_a_supervisees_pdf_is_refused_and_audited(client, team) -> None:
    finalised_record(team)
    url = reverse("files:pdf", args=[team.worker.pk])
    row = refused_once(client, team.manager, "get", url, "files:pdf")
    assert not AuditEntry.objects.filter(action="file.exported").exists()
    assert "health" not in str(row.detail).lower()


def test_the_head_signing_a_record_through_the_api_is_refused_and_audited(team) -> None:
    session = sent(team)
    before = last_id()
    response = as_(team.head).post(f"/sessions/{session.pk}/sign", {"comment": ""})
    assert response.status_code == 403
    [row] = refusals_after(before)
    assert row.actor == team.head.user
    assert row.detail == {"path": f"/api/v1/sessions/{session.pk}/sign",
                          "operation": "api:v1:record_sign", "method": "POST"}  # fmt: skip
    assert row.address


def test_an_api_role_refusal_is_audited(team) -> None:
    before = last_id()
    assert as_(team.worker).get("/compliance/snapshots").status_code == 403
    [row] = refusals_after(before)
    assert row.detail["operation"] == "api:v1:snapshots"


def test_a_record_outside_ones_rights_is_still_one_row(client, team) -> None:
    """404s were audited already (get_visible): no second row from the 403 machinery."""
    session = finalised_record(team)
    client.force_login(team.other_manager.user)
    before = last_id()
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404
    [row] = refusals_after(before)
    assert (row.object_type, row.object_id) == ("supervision.session", str(session.pk))
    before = last_id()
    assert as_(team.other_manager).get(f"/sessions/{session.pk}").status_code == 404
    assert len(refusals_after(before)) == 1


def test_the_row_holds_no_search_words(client, team) -> None:
    """The query string may carry a name: the row keeps the path only."""
    row = refused_once(client, team.worker, "get", reverse("files:leavers") + "?q=Casey+Child",
                       "files:leavers")  # fmt: skip
    assert "Casey" not in str(row.detail)


def test_a_signed_in_member_sent_to_the_django_admin_is_refused_and_audited(client) -> None:
    team = Team(slug="admin-probe")
    client.force_login(team.worker.user)
    before = last_id()
    assert client.get(reverse("admin:login")).status_code == 403
    [row] = refusals_after(before)
    assert row.actor == team.worker.user
    assert row.detail["path"] == reverse("admin:login")


def test_a_post_without_a_valid_form_token_is_refused_and_audited(team: Team) -> None:
    """A forged cross-site post (no CSRF token) gets the project's 403 page and one row."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.manager.user)
    before = last_id()
    url = reverse("sessions:team")
    response = client.post(url, {"anything": "1"})
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()
    [row] = refusals_after(before)
    assert row.actor == team.manager.user
    assert row.detail == {"path": url, "operation": "sessions:team", "method": "POST",
                          "reason": "csrf"}  # fmt: skip
