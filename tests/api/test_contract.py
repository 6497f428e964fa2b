"""Hostile input against every operation: never a server error, and every status the API
answers with is one the OpenAPI document declares for that operation."""

from __future__ import annotations

import json

import pytest

from supervise.api.auth import issue_token
from tests.api.conftest import agreement, as_, sent
from tests.api.test_openapi import an_action, document  # noqa: F401 - the fixture
from tests.api.walk import example, operations, request_for

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = (None, -1, 0, 10**30, "", "x" * 60_000, [], {}, "1; DROP TABLE x", "2026-02-30")


def hostile_bodies(valid: dict) -> list[object]:
    bodies: list[object] = ["not json", [1, 2], {**valid, "unexpected": True}]
    for key in valid:
        bodies += [{**valid, key: value} for value in HOSTILE_VALUES]
    return bodies


@pytest.mark.parametrize("who", ["manager", "worker"])
def test_no_input_makes_the_api_fail_or_answer_undeclared(team, document, who) -> None:  # noqa: F811
    session = sent(team)
    ids = {"staff_id": team.worker.pk, "session_id": session.pk, "child_id": team.child.pk,
           "agreement_id": agreement(team).pk, "supervisee": team.worker.pk,
           "child": team.child.pk, "team": 1,
           "token_id": issue_token(team.worker.user).record.pk,
           "action_id": an_action(team, session).pk, "participants": team.worker.pk,
           "worker": team.worker.pk}  # fmt: skip
    caller = as_(getattr(team, who))
    for op in operations(document):
        declared = {int(code) for code in op.spec["responses"]}
        path, query, body, _ = request_for(document, op, ids)
        attempts: list[tuple[str, dict, object]] = [(path, query, body)]
        for bad_id in ("0", "-1", "99999999999999999999", "abc"):
            for name in ("session_id", "staff_id", "child_id", "agreement_id", "token_id",
                         "action_id"):  # fmt: skip
                if "{" + name + "}" in op.path:
                    attempts.append((path.replace(str(ids[name]), bad_id, 1), query, body))
        for parameter in op.spec.get("parameters", []):
            if parameter["in"] == "query":
                attempts += [(path, {**query, parameter["name"]: v}, body)
                             for v in ("", "-1", "x" * 300, "2026-02-30")]  # fmt: skip
        if isinstance(body, dict):
            content = op.spec["requestBody"]["content"]["application/json"]["schema"]
            full = example(document, content, "", ids)
            attempts += [(path, query, b) for b in hostile_bodies(full)]
        for url, params, payload in attempts:
            if op.method == "get":
                response = caller.get(url, **params)
            else:
                data = payload if isinstance(payload, str) else json.dumps(payload)
                response = caller.client.post(
                    "/api/v1" + url + ("?" + "&".join(f"{k}={v}" for k, v in params.items())
                                       if params else ""),
                    data, content_type="application/json", headers=caller.headers,
                )  # fmt: skip
            assert response.status_code < 500, (op.key, url, params, payload)
            assert response.status_code in declared, (
                op.key, response.status_code, url, params, str(payload)[:80], response.content,
            )  # fmt: skip
