"""The OpenAPI document: valid JSON, every endpoint listed, every operation authenticated, and
no operation gives another organisation's records to an outsider."""

from __future__ import annotations

import json

import pytest

from supervise.accounts.models import GRANTABLE, RoleGrant
from supervise.api.auth import issue_token
from supervise.api.models import ApiToken
from supervise.audit.models import AuditEntry
from supervise.sessions.models import Action, Session
from tests import factories as f
from tests.api.conftest import Caller, agreement, as_, held
from tests.api.walk import operations, request_for

pytestmark = pytest.mark.django_db

EXPECTED = {
    "GET /api/v1/me",
    "POST /api/v1/tokens",
    "GET /api/v1/tokens",
    "POST /api/v1/tokens/{token_id}/revoke",
    "GET /api/v1/findings",
    "GET /api/v1/staff/{staff_id}/duties",
    "GET /api/v1/sessions",
    "POST /api/v1/sessions",
    "GET /api/v1/sessions/{session_id}",
    "POST /api/v1/sessions/{session_id}/cancel",
    "POST /api/v1/sessions/{session_id}/hold",
    "POST /api/v1/sessions/{session_id}/record",
    "POST /api/v1/sessions/{session_id}/discussions",
    "POST /api/v1/sessions/{session_id}/send",
    "POST /api/v1/sessions/{session_id}/sign",
    "POST /api/v1/sessions/{session_id}/decline",
    "POST /api/v1/sessions/{session_id}/reopen",
    "POST /api/v1/sessions/{session_id}/finalise",
    "POST /api/v1/sessions/{session_id}/addenda",
    "POST /api/v1/sessions/{session_id}/typist",
    "POST /api/v1/sessions/{session_id}/agenda",
    "POST /api/v1/sessions/{session_id}/actions",
    "POST /api/v1/actions/{action_id}/status",
    "GET /api/v1/me/actions",
    "POST /api/v1/group-sessions",
    "GET /api/v1/group-sessions/{session_id}",
    "POST /api/v1/group-sessions/{session_id}/finalise",
    "GET /api/v1/children/{child_id}",
    "POST /api/v1/children/{child_id}/notes",
    "GET /api/v1/agreements/{agreement_id}",
    "POST /api/v1/agreements/{agreement_id}/sign",
    "GET /api/v1/compliance/snapshots",
}
# Operations that take no id: they answer about the caller's own scope.
TAKE_NO_ID = {
    "GET /api/v1/me",
    "GET /api/v1/me/actions",
    "POST /api/v1/tokens",
    "GET /api/v1/tokens",
    "GET /api/v1/findings",
}


def an_action(team, session: Session) -> Action:  # type: ignore[no-untyped-def]
    """An open action of the worker's, on a session in whatever state the test needs."""
    return Action.objects.create(
        organisation=team.org, session=session, owner=team.worker, description="Visit"
    )


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_document_is_openapi_3_and_lists_every_endpoint(document) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Supervise API"
    assert {op.key for op in operations(document)} == EXPECTED


def test_every_operation_declares_how_to_authenticate(document) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "sv2 personal token",
        "description": schemes["TokenAuth"]["description"],
    }  # fmt: skip
    assert schemes["SessionAuth"]["in"] == "cookie"
    for op in operations(document):
        declared = [name for requirement in op.spec.get("security", []) for name in requirement]
        assert declared, f"{op.key} declares no authentication"
        assert set(declared) <= set(schemes)
    tokens = next(op for op in operations(document) if op.key == "POST /api/v1/tokens")
    assert tokens.spec["security"] == [{"SessionAuth": []}], "a token must not mint tokens"


def test_every_operation_has_a_summary_and_error_responses(document) -> None:
    for op in operations(document):
        assert op.spec.get("summary"), op.key
        assert "401" in op.spec["responses"], op.key


def test_the_reference_page_lists_the_operations_without_scripts_from_elsewhere(client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Supervise API</h1>' in html
    assert html.count("<h1") == 1
    assert "/api/v1/sessions/{session_id}/sign" in html
    assert 'href="/api/v1/openapi.json"' in html
    assert "cdn." not in html
    assert "https://" not in html


def test_an_outsider_gets_nothing_of_another_organisation_from_any_operation(
    team, other_org, document
) -> None:
    """Every path and method, called by a manager of another authority who holds every
    grantable role, with ids that exist in the first authority: never a success."""
    outsider = other_org.manager
    for role in GRANTABLE:
        RoleGrant.objects.create(user=outsider.user, role=role)
    session = held(team)
    ids = {
        "staff_id": team.worker.pk,
        "session_id": session.pk,
        "child_id": team.child.pk,
        "agreement_id": agreement(team).pk,
        "supervisee": team.worker.pk,
        "child": team.child.pk,
        "team": f.TeamFactory(organisation=team.org).pk,
        "token_id": issue_token(team.worker.user).record.pk,
        "action_id": an_action(team, session).pk,
        "participants": team.worker.pk,
        "worker": team.worker.pk,
    }
    sessions_before = Session.objects.filter(organisation=team.org).count()
    audit_before = (
        AuditEntry.objects.filter(organisation=team.org).exclude(action="access.refused").count()
    )
    caller = as_(outsider)
    skipped = set()
    for op in operations(document):
        path, query, body, names_an_id = request_for(document, op, ids)
        if not names_an_id:
            skipped.add(op.key)
            continue
        if op.method == "get":
            response = caller.get(path, **query)
        else:
            response = caller.post(path + ("?" + "&".join(f"{k}={v}" for k, v in query.items())
                                           if query else ""), body)  # fmt: skip
        assert not 200 <= response.status_code < 300, f"{op.key}: {response.status_code}"
        assert response.status_code in (403, 404), f"{op.key}: {response.content!r}"
        for secret in (team.worker.external_id, team.child.name, session.external_id):
            assert secret not in response.content.decode(), op.key
    assert skipped == TAKE_NO_ID
    assert ApiToken.objects.get(pk=ids["token_id"]).revoked_at is None
    assert Session.objects.filter(organisation=team.org).count() == sessions_before
    assert (
        AuditEntry.objects.filter(organisation=team.org).exclude(action="access.refused").count()
        == audit_before
    )
    # The operations without an id answer only about the outsider's own organisation.
    for path, query in (("/me", {}), ("/me/actions", {}), ("/findings", {"scope": "org"})):
        content = caller.get(path, **query).content.decode()
        assert team.worker.external_id not in content
        assert team.org.slug not in content


def test_unauthenticated_callers_get_401_from_every_operation(team, document) -> None:
    session = held(team)
    ids = {"staff_id": team.worker.pk, "session_id": session.pk, "child_id": team.child.pk,
           "agreement_id": agreement(team).pk, "supervisee": team.worker.pk,
           "child": team.child.pk, "team": 1,
           "token_id": issue_token(team.worker.user).record.pk,
           "action_id": an_action(team, session).pk, "participants": team.worker.pk,
           "worker": team.worker.pk}  # fmt: skip
    anonymous = Caller()
    for op in operations(document):
        path, query, body, _ = request_for(document, op, ids)
        response = (
            anonymous.get(path, **query) if op.method == "get" else anonymous.post(path, body)
        )
        assert response.status_code == 401, op.key
        assert response.json() == {"detail": "Unauthorized"}
        assert response["WWW-Authenticate"] == 'Bearer realm="Supervise"'
        assert "no-store" in response["Cache-Control"]
