"""The permission matrix (issue 4): every URL and API operation, every role, every object scope
(own team, neighbouring team, another organisation) and every method; any success nobody should
have fails the test. Plus the static check that no view exists without a declared permission.

"Success" is judged by what the product did, not by its words: a GET that answers 200, or any
request that writes an audit row other than a refusal (every read of a record and every business
action writes one). The expectations come from tests/access/world.py, written from the world's
relationships, not from the access code under test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from supervise.audit.models import AuditEntry
from supervise.web.permissions import ANY_MEMBER, PUBLIC
from tests.access.world import ROLES, World, allowed, build_world

pytestmark = pytest.mark.django_db

# URL name -> (kind, object key (with {scope}), HTTP methods the view has)
OBJECT_URLS: dict[str, tuple[str, str]] = {
    "sessions:supervisee": ("supervisee_page", "supervisee:{scope}"),
    "sessions:schedule": ("book", "supervisee:{scope}"),
    "sessions:cancel": ("session", "session:planned:{scope}"),
    "sessions:hold": ("session", "session:planned:{scope}"),
    "sessions:group-detail": ("group", "group:{scope}"),
    "sessions:group-finalise": ("group", "group:{scope}"),
    "sessions:group-entry": ("group", "group:{scope}"),
    "sessions:detail": ("session", "session:draft:{scope}"),
    "sessions:agenda-add": ("session", "session:planned:{scope}"),
    "sessions:record": ("session", "session:draft:{scope}"),
    "sessions:discussion": ("session", "session:draft:{scope}"),
    "sessions:action-new": ("session", "session:draft:{scope}"),
    "sessions:action-status": ("action", "action:{scope}"),
    "sessions:send": ("session", "session:draft:{scope}"),
    "sessions:sign": ("session", "session:sent:{scope}"),
    "sessions:decline": ("session", "session:sent:{scope}"),
    "sessions:reopen": ("session", "session:declined:{scope}"),
    "sessions:finalise": ("session", "session:awaiting:{scope}"),
    "sessions:addendum": ("session", "session:finalised:{scope}"),
    "sessions:typist": ("session", "session:draft:{scope}"),
    "cases:child": ("child", "child:{scope}"),
    "cases:note-new": ("child", "child:{scope}"),
    "agreements:new": ("book", "supervisee:{scope}"),
    "agreements:detail": ("agreement", "agreement:{scope}"),
    "agreements:edit": ("agreement", "agreement:{scope}"),
    "agreements:send": ("agreement", "agreement:{scope}"),
    "agreements:sign": ("agreement", "agreement:{scope}"),
    "compliance:team": ("compliance", "team:{scope}"),
    "compliance:supervisor": ("compliance", "supervisor:{scope}"),
    "imports:detail": ("import", "import:{scope}"),
    "imports:problems-csv": ("import", "import:{scope}"),
    "imports:confirm": ("import", "import:{scope}"),
    "imports:discard": ("import", "import:{scope}"),
    "files:file": ("file", "supervisee:{scope}"),
    "files:pdf": ("file", "supervisee:{scope}"),
    "files:learning-new": ("file", "supervisee:{scope}"),
    "files:cpd-sign-off": ("file", "learning:{scope}"),
    "files:appraisal-new": ("file", "supervisee:{scope}"),
    "files:complaint-new": ("complaint", "supervisee:{scope}"),
    "files:transfer": ("file", "supervisee:{scope}"),
    "files:redaction-new": ("file", "entry:{scope}"),
    "files:access-decide": ("access", "access:{scope}"),
    "files:access-withdraw": ("access", "access:{scope}"),
    "files:redaction-decide": ("redaction", "redaction:{scope}"),
    "files:archive": ("leaver", "leaver:{scope}"),
    "files:hold-place": ("leaver", "leaver:{scope}"),
    "files:destroy": ("leaver", "leaver:{scope}"),
    "files:hold-lift": ("leaver", "hold:{scope}"),
    "api:token-revoke": ("token", "token:{scope}"),
    "account:admin-account": ("account", "account:{scope}"),
    "account:admin-disable": ("account", "account:{scope}"),
    "account:admin-enable": ("account", "account:{scope}"),
    "account:admin-two-factor-reset": ("account", "account:{scope}"),
    "account:admin-set-up-link": ("account", "account:{scope}"),
    "account:admin-new-for-staff": ("account", "newcomer:{scope}"),
}
# Actions (not reads) on a record: its supervisor and supervisee only, not the line manager.
ACTS_ON_RECORD = {"session", "group", "agreement", "action"}
# Django's own pages: the admin is for installation superusers (tested in test_tenancy).
OUTSIDE = ("admin:",)
METHODS = ("get", "post", "put", "patch", "delete")
REFUSALS = ("access.refused",)


def walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), space)
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), pattern


def web_patterns() -> list[tuple[str, Any]]:
    return [
        (name, pattern)
        for name, pattern in walk(get_resolver().url_patterns)
        if not name.startswith(OUTSIDE) and not name.startswith("api:v1:")
    ]


def test_every_view_declares_its_permission() -> None:
    missing = [
        name or str(pattern.pattern)
        for name, pattern in walk(get_resolver().url_patterns)
        if not name.startswith(OUTSIDE)
        and getattr(pattern.callback, "supervise_permission", None) is None
        and getattr(getattr(pattern.callback, "view_class", None), "supervise_permission", None)
        is None
    ]
    assert missing == [], f"views without a declared permission: {missing}"


def test_every_url_with_an_object_is_in_the_matrix() -> None:
    unclassified = [
        name
        for name, pattern in web_patterns()
        if pattern.pattern.converters
        and name not in OBJECT_URLS
        # Public pages with a parameter (a set-up link) are open to whoever holds the link;
        # their own tests (tests/access/test_people_and_access.py) refuse a bad one.
        and PUBLIC not in (getattr(pattern.callback, "supervise_permission", ()) or ())
    ]
    assert unclassified == [], f"add these URLs to OBJECT_URLS: {unclassified}"


def form_payload(world: World, scope: str) -> dict[str, str]:
    """One payload every form accepts the fields of: plausible values for each field name."""
    today = timezone.localdate()

    def parts(name: str, day: date) -> dict[str, str]:
        return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}

    future = today + timedelta(days=14)
    while future.weekday() >= 5:
        future += timedelta(days=1)
    past = today - timedelta(days=7)
    while past.weekday() >= 5:
        past -= timedelta(days=1)
    supervisee = world.objects[f"supervisee:{scope}"]
    child = world.objects[f"child:{scope}"]
    return {
        **parts("on", future), **parts("held_on", past), **parts("due_on", future),
        **parts("happened_on", past), **parts("received_on", past),
        **parts("meeting_held_on", past), **parts("expires_on", future),
        **parts("scope_from", past), **parts("scope_to", today),
        "reason": "other", "cancelled_by": "supervisor", "note": "A note", "comment": "Fine",
        "text": "An addendum", "description": "An action", "decisions": "A decision",
        "body": "A note on the record", "kind": "decision", "then": "stay", "repeat": "1",
        "entry_wellbeing": "Text", "entry_development": "Text", "owner": str(supervisee.pk),
        "child": str(child.pk), "status": "done", "typist": str(world.users["support"].pk),
        "duration_minutes": "60", "venue": "Room 1", "frequency": "P1M",
        "participants": str(supervisee.pk), "children": str(child.pk), "confirm": "yes",
        "decision": "approve", "purpose": "audit", "title": "A title", "incoming": "",
    }  # fmt: skip


def object_url(name: str, pattern: URLPattern, world: World, scope: str) -> str:
    kind, key = OBJECT_URLS[name]
    obj = world.objects[key.format(scope=scope)]
    kwargs = {}
    for converter in pattern.pattern.converters:
        if converter == "child_id":
            kwargs[converter] = world.objects[f"child:{scope}"].pk
        else:
            kwargs[converter] = obj.pk
    return reverse(name, kwargs=kwargs)


class Probe:
    """Makes requests as someone and says whether the product let them do something."""

    def __init__(self) -> None:
        self.client = Client()
        self.failures: list[str] = []

    def as_(self, user: Any) -> Probe:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self

    def succeeded(
        self, method: str, url: str, payload: dict | None = None, json_body: dict | None = None
    ) -> tuple[bool, int]:
        before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if json_body is not None:
            response = getattr(self.client, method)(
                url, data=json.dumps(json_body), content_type="application/json"
            )
        else:
            response = getattr(self.client, method)(url, payload or {})
        acted = (
            AuditEntry.objects.filter(id__gt=before)
            .exclude(action__in=REFUSALS)
            .exclude(action__startswith="auth.")
            .exists()
        )
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url}: server error {response.status_code}")
        ok = acted or (method == "get" and response.status_code == 200)
        if json_body is not None:
            ok = ok or response.status_code in (200, 201)
        return ok, response.status_code


@pytest.fixture
def worlds(db) -> tuple[World, World]:
    return build_world("alpha", "Alpha"), build_world("beta", "Beta")


def test_nobody_succeeds_where_they_should_not(worlds) -> None:
    home, away = worlds
    probe = Probe()
    stranger = away.users["manager"]  # in another organisation, with every role we can give
    from supervise.accounts.models import RoleGrant

    for role in (
        "senior_manager",
        "quality_assurance",
        "hr",
        "inspector",
        "administrator",
        "business_support",
        "assistant_director",
    ):
        RoleGrant.objects.get_or_create(user=stranger, role=role)
    checked = 0
    for name, pattern in web_patterns():
        declared = getattr(pattern.callback, "supervise_permission", ()) or ()
        if PUBLIC in declared:
            continue
        if pattern.pattern.converters and name not in OBJECT_URLS:
            continue  # reported by test_every_url_with_an_object_is_in_the_matrix
        if name in OBJECT_URLS:
            kind, _ = OBJECT_URLS[name]
            scopes = ("own", "other") if kind != "import" else ("own",)
            for scope in scopes:
                url = object_url(name, pattern, home, scope)
                payload = form_payload(home, scope)
                for method in METHODS:
                    may = allowed(kind, scope)
                    if method != "get" and kind in ACTS_ON_RECORD:
                        may = {p for p in may if p != "head"}
                    if method != "get" and kind == "child":
                        may = may - {"qa"}  # reading is granted; writing is for staff
                    for person, user in home.users.items():
                        if person in may:
                            continue
                        ok, status = probe.as_(user).succeeded(method, url, payload)
                        checked += 1
                        if ok:
                            probe.failures.append(
                                f"{person} {method.upper()} {name} ({scope}) -> {status}"
                            )
                    for label, user in (("another organisation", stranger), ("anonymous", None)):
                        ok, status = probe.as_(user).succeeded(method, url, payload)
                        checked += 1
                        if ok:
                            probe.failures.append(
                                f"{label} {method.upper()} {name} ({scope}) -> {status}"
                            )
        else:
            url = reverse(name)
            for person, user in home.users.items():
                if ANY_MEMBER in declared or ROLES[person] & {str(r) for r in declared}:
                    continue
                ok, status = probe.as_(user).succeeded("get", url)
                checked += 1
                if ok:
                    probe.failures.append(f"{person} GET {name} -> {status} (declared {declared})")
            ok, status = probe.as_(None).succeeded("get", url)
            checked += 1
            if ok:
                probe.failures.append(f"anonymous GET {name} -> {status}")
    assert probe.failures == [], "\n".join(probe.failures)
    assert checked > 2000  # the matrix is not empty


def test_the_matrix_is_not_vacuous(worlds) -> None:
    """The people who may read each record do get it (so refusals above mean something)."""
    home, _ = worlds
    probe = Probe()
    readers = {
        "sessions:detail": "worker", "cases:child": "manager", "agreements:detail": "worker",
        "sessions:supervisee": "head", "sessions:group-detail": "worker",
        "compliance:team": "qa", "imports:detail": "admin", "files:file": "worker",
        "files:access-decide": "head", "files:redaction-decide": "director",
        "files:destroy": "hr", "account:admin-account": "admin",
        "account:admin-new-for-staff": "admin",
    }  # fmt: skip
    patterns = dict(web_patterns())
    for name, person in readers.items():
        url = object_url(name, patterns[name], home, "own")
        ok, status = probe.as_(home.users[person]).succeeded("get", url)
        assert ok, f"{person} could not open {name} ({status})"


# --- the API, from its own OpenAPI document ------------------------------------------------

API_OBJECTS: dict[str, tuple[str, str]] = {
    "staff_duties": ("duties", "supervisee:{scope}"),
    "session_detail": ("session", "session:draft:{scope}"),
    "session_cancel": ("session", "session:planned:{scope}"),
    "session_hold": ("session", "session:planned:{scope}"),
    "record_save": ("session", "session:draft:{scope}"),
    "discussion_save": ("session", "session:draft:{scope}"),
    "record_send": ("session", "session:draft:{scope}"),
    "record_sign": ("session", "session:sent:{scope}"),
    "record_decline": ("session", "session:sent:{scope}"),
    "record_reopen": ("session", "session:declined:{scope}"),
    "record_finalise": ("session", "session:awaiting:{scope}"),
    "addendum_add": ("session", "session:finalised:{scope}"),
    "child_detail": ("child", "child:{scope}"),
    "child_note_create": ("child", "child:{scope}"),
    "agreement_detail": ("agreement", "agreement:{scope}"),
    "agreement_sign": ("agreement", "agreement:{scope}"),
    "session_create": ("book", "supervisee:{scope}"),
    "token_revoke": ("token", "token:{scope}"),
    "agenda_item_add": ("session", "session:planned:{scope}"),
    "action_add": ("session", "session:draft:{scope}"),
    "action_set_status": ("action", "action:{scope}"),
    "group_session_detail": ("group", "group:{scope}"),
    "group_session_finalise": ("group", "group:{scope}"),
    "typist_assign": ("session", "session:draft:{scope}"),
}


def api_body(operation: str, world: World, scope: str) -> dict | None:
    past = (timezone.localdate() - timedelta(days=7)).isoformat()
    future = timezone.localdate() + timedelta(days=14)
    while future.weekday() >= 5:
        future += timedelta(days=1)
    supervisee = world.objects[f"supervisee:{scope}"]
    child = world.objects[f"child:{scope}"]
    return {
        "session_create": {"supervisee": supervisee.pk, "on": future.isoformat(), "repeat": 1},
        "session_cancel": {"cancelled_by": "supervisor", "reason": "other"},
        "session_hold": {"held_on": past},
        "record_save": {"entries": {"wellbeing": "Text"}},
        "discussion_save": {"child": child.pk, "fields": {"decisions": "A decision"}},
        "record_sign": {"comment": ""},
        "record_decline": {"reason": "Not right"},
        "addendum_add": {"text": "An addendum"},
        "child_note_create": {"kind": "decision", "body": "A note", "happened_on": past},
        "agenda_item_add": {"text": "An agenda item", "child": child.pk},
        "action_add": {
            "description": "An action",
            "owner": supervisee.pk,
            "due_on": future.isoformat(),
            "child": child.pk,
        },  # fmt: skip
        "action_set_status": {"status": "done"},
        "typist_assign": {"username": world.users["support"].username},
    }.get(operation, {})


def test_no_api_operation_succeeds_where_it_should_not(worlds, client) -> None:
    home, away = worlds
    document = json.loads(client.get("/api/v1/openapi.json").content)
    probe = Probe()
    stranger = away.users["manager"]
    unclassified, checked = [], 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            name = operation["operationId"].rsplit("_", 0)[0]
            if "{" in path and name not in API_OBJECTS:
                unclassified.append(name)
                continue
            if name not in API_OBJECTS:
                continue  # lists and "me": about the caller's own scope (tests/api)
            kind, key = API_OBJECTS[name]
            for scope in ("own", "other"):
                obj = home.objects[key.format(scope=scope)]
                url = (
                    "/api/v1"
                    + path.replace("/api/v1", "").split("{")[0]
                    + (f"{obj.pk}" + path.split("}", 1)[1] if "{" in path else "")
                )
                body = api_body(name, home, scope) if method != "get" else None
                may = allowed(kind, scope)
                if method != "get" and kind in ACTS_ON_RECORD:
                    may = {p for p in may if p != "head"}
                if method != "get" and kind == "child":
                    may = may - {"qa"}
                people = [(p, u) for p, u in home.users.items() if p not in may]
                people += [("another organisation", stranger), ("anonymous", None)]
                for person, user in people:
                    ok, status = probe.as_(user).succeeded(method, url, json_body=body)
                    checked += 1
                    if ok:
                        probe.failures.append(f"{person} {method.upper()} {url} -> {status}")
    assert unclassified == [], f"add these API operations to API_OBJECTS: {unclassified}"
    assert probe.failures == [], "\n".join(probe.failures)
    assert checked > 300
