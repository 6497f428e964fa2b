"""The permission matrix (issue 4): every URL and API operation, every role, every object scope
(own team, neighbouring team, another organisation, a third party's approved request) and every
method; any success nobody should have fails the test. Plus the static checks that no view and
no API operation exists without a declared permission.

"Success" is judged by what the product did, not by its words: a GET that answers 200, or any
request that writes an audit row other than a refusal (every read of a record and every business
action writes one); for the API also a 200/201. Lists are judged by what they hold: nothing of
another organisation, another team or outside a third party's request. The expectations come
from tests/access/world.py, written from the world's relationships, not from the access code
under test.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from ninja import NinjaAPI, Router

from supervise.accounts.models import RoleGrant
from supervise.api.api import ROUTERS, api
from supervise.api.permissions import declare, declared_operations, enforce_declared, undeclared
from supervise.api.urls import declare_permissions
from supervise.audit.models import AuditEntry
from supervise.compliance.services import snapshot_take
from supervise.organisations.models import Team as TeamModel
from supervise.people.models import StaffMember
from supervise.sessions.models import Action, Session
from supervise.web.permissions import ANY_MEMBER, PUBLIC
from tests.access.world import (
    ROLES,
    THIRD_PARTY,
    World,
    allowed,
    build_world,
    third_party_reads,
)

pytestmark = pytest.mark.django_db

# URL name -> (kind, object key (with {scope}))
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
# The pages a third party reads a file under an approved request through (only with GET, and
# only for what the request covers: `world.third_party_reads`).
THIRD_PARTY_PAGES = {"files:file", "files:pdf", "sessions:detail", "agreements:detail"}
# Pages without an object in their address whose POST names no record, so that another
# organisation's ids in the form cannot matter: what the role may do, it does (the other
# organisation's records are never reached).
NO_RECORD_IN_FORM: dict[str, str] = {}
# Django's own pages: the admin is for installation superusers (tested in test_tenancy).
OUTSIDE = ("admin:",)
METHODS = ("get", "post", "put", "patch", "delete")
REFUSALS = ("access.refused",)
SCOPES = ("own", "other")


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


def declared_of(pattern: URLPattern) -> tuple[str, ...] | None:
    callback = pattern.callback
    return getattr(callback, "supervise_permission", None) or getattr(
        getattr(callback, "view_class", None), "supervise_permission", None
    )


# --- static: every view and every API operation declares who may open it -------------------


def test_every_view_declares_its_permission() -> None:
    missing = [
        name or str(pattern.pattern)
        for name, pattern in walk(get_resolver().url_patterns)
        if not name.startswith(OUTSIDE) and declared_of(pattern) is None
    ]
    assert missing == [], f"views without a declared permission: {missing}"


def test_every_api_operation_declares_its_own_permission(client) -> None:
    routers = (api.default_router, *ROUTERS)
    assert undeclared(routers) == [], "declare these (supervise.api.permissions.declare)"
    # The walk reaches every operation the API publishes, and the document says who may call it.
    document = json.loads(client.get("/api/v1/openapi.json").content)
    published = {
        op["operationId"]: op for methods in document["paths"].values() for op in methods.values()
    }
    assert set(published) == {op.name for op in declared_operations(routers)}
    for name, operation in published.items():
        assert operation["x-supervise-permission"], name
        assert operation["x-supervise-rule"], name
    # No blanket stamp: what the operations declare differs (roles, rules).
    assert len({op["x-supervise-rule"] for op in published.values()}) > 10
    assert published["session_create"]["x-supervise-permission"] == ["supervisor"]


def test_the_api_check_catches_an_undeclared_operation() -> None:
    """The static check can fail: an operation without a declaration is named by it, its URL is
    left unstamped (so the views check fails too), and calling it is refused."""
    router = Router()

    @router.get("/declared")
    @declare(rule="anyone in the organisation")
    def declared_one(request: Any) -> dict[str, str]:
        return {}

    @router.post("/forgotten")
    def forgotten(request: Any) -> dict[str, str]:
        return {}

    assert undeclared([router]) == ["POST /forgotten (forgotten)"]
    throwaway = NinjaAPI(urls_namespace="throwaway-permission-check")
    throwaway.add_decorator(enforce_declared)
    throwaway.add_router("/", router)
    patterns = declare_permissions(throwaway.urls[0], [throwaway.default_router, router])
    stamps = {p.name: getattr(p.callback, "supervise_permission", None) for p in patterns}
    assert stamps["declared_one"] == (ANY_MEMBER,)
    assert stamps["forgotten"] is None
    with pytest.raises(PermissionDenied):
        enforce_declared(forgotten)(RequestFactory().post("/forgotten"))


def test_every_url_with_an_object_is_in_the_matrix() -> None:
    unclassified = [
        name
        for name, pattern in web_patterns()
        if pattern.pattern.converters
        and name not in OBJECT_URLS
        # Public pages with a parameter (a set-up link) are open to whoever holds the link;
        # their own tests (tests/access/test_people_and_access.py) refuse a bad one.
        and PUBLIC not in (declared_of(pattern) or ())
    ]
    assert unclassified == [], f"add these URLs to OBJECT_URLS: {unclassified}"


# --- probing ----------------------------------------------------------------------------------


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
        "subject": str(supervisee.pk), "staff": str(supervisee.pk), "step": "record",
        "worker": str(supervisee.pk), "impact_discussion": "It helped", "summary": "A summary",
    }  # fmt: skip


def query_ids(world: World, scope: str) -> str:
    """A query string naming the world's records, for pages that read ids from their address
    (`?staff=`, `?team=`, `?replaces=`): another organisation's must not show."""
    return "?" + urlencode(
        {
            "staff": world.objects[f"supervisee:{scope}"].pk,
            "team": world.objects[f"team:{scope}"].pk,
            "supervisor": world.objects[f"supervisor:{scope}"].pk,
            "replaces": world.objects[f"session:planned:{scope}"].pk,
            "child": world.objects[f"child:{scope}"].pk,
        }
    )


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


def marker_of(world: World) -> str:
    """The word every name of a world ends with (`build_world`): on another organisation's
    page, it is a leak."""
    return world.team.child.name.rsplit(" ", 1)[-1]


class Probe:
    """Makes requests as someone and says whether the product let them do something."""

    def __init__(self) -> None:
        self.client = Client()
        self.failures: list[str] = []
        self.cases: Counter[str] = Counter()

    def as_(self, user: Any) -> Probe:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self

    def succeeded(
        self,
        method: str,
        url: str,
        payload: dict | None = None,
        json_body: dict | None = None,
        *,
        count_as: str = "",
        leak: str = "",
    ) -> tuple[bool, int]:
        """Whether the request did something; `leak`: words that must not be on the page."""
        if count_as:
            self.cases[count_as] += 1
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
        shown = response.status_code == 200 and not getattr(response, "streaming", False)
        if leak and shown and leak.encode() in response.content:
            self.failures.append(f"{method.upper()} {url}: shows {leak!r} (another org)")
        ok = acted or (method == "get" and response.status_code == 200)
        if json_body is not None:
            ok = ok or response.status_code in (200, 201)
        return ok, response.status_code

    def refused(self, label: str, method: str, url: str, **kwargs: Any) -> None:
        ok, status = self.succeeded(method, url, **kwargs)
        if ok:
            self.failures.append(f"{label} {method.upper()} {url} -> {status}")


@pytest.fixture
def worlds(db) -> tuple[World, World]:
    home, away = build_world("alpha", "Alpha"), build_world("beta", "Beta")
    # In another organisation, with every role we can give: the stranger of every probe.
    stranger = away.users["manager"]
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
    return home, away


def who_may(name: str, kind: str, key: str, method: str) -> set[str]:
    """Who of the home world may possibly succeed with `method` on URL `name`'s object."""
    scope = key.rsplit(":", 1)[-1]
    may = allowed(kind, scope)
    if method != "get" and kind in ACTS_ON_RECORD:
        may = may - {"head"}
    if method != "get" and kind == "child":
        may = may - {"qa"}  # reading is granted; writing is for staff
    if (
        method == "get"
        and third_party_reads(key)
        and (name in THIRD_PARTY_PAGES or kind == "session")
    ):
        # A record's other pages (finalise, addendum) only send a reader back to the record.
        may = may | {THIRD_PARTY}
    return may


def test_nobody_succeeds_where_they_should_not(worlds) -> None:
    home, away = worlds
    probe = Probe()
    stranger = away.users["manager"]
    home_leak, away_leak = f" {marker_of(home)}", f" {marker_of(away)}"
    for name, pattern in web_patterns():
        declared = declared_of(pattern) or ()
        if PUBLIC in declared:
            continue
        if pattern.pattern.converters and name not in OBJECT_URLS:
            continue  # reported by test_every_url_with_an_object_is_in_the_matrix
        if name in OBJECT_URLS:
            kind, key = OBJECT_URLS[name]
            for scope in SCOPES if kind != "import" else ("own",):
                url = object_url(name, pattern, home, scope)
                payload = form_payload(home, scope)
                for method in METHODS:
                    may = who_may(name, kind, key.format(scope=scope), method)
                    case = f"object URL, {scope} scope"
                    for person, user in home.users.items():
                        if person not in may:
                            probe.as_(user).refused(
                                f"{person} ({scope})", method, url, payload=payload,
                                count_as=case, leak=away_leak,
                            )  # fmt: skip
                    probe.as_(stranger).refused(
                        f"another organisation ({scope})", method, url, payload=payload,
                        count_as="object URL, another organisation",
                    )  # fmt: skip
                    probe.as_(None).refused(
                        f"anonymous ({scope})", method, url, payload=payload,
                        count_as="object URL, anonymous",
                    )  # fmt: skip
            continue
        # A page without an object in its address: the roles it declares, every method; the
        # ids a form or the query string may carry are another organisation's.
        url = reverse(name)
        for method in METHODS:
            for person, user in home.users.items():
                holds = ANY_MEMBER in declared or ROLES[person] & {str(r) for r in declared}
                if not holds:
                    probe.as_(user).refused(
                        f"{person} (declared {declared})", method, url,
                        payload=form_payload(home, "own"), count_as="page, role not held",
                    )  # fmt: skip
                elif method == "get":
                    probe.as_(user).succeeded(
                        "get", url + query_ids(away, "own"), leak=away_leak,
                        count_as="page, role held, another organisation's ids",
                    )  # fmt: skip
                elif method == "post" and name not in NO_RECORD_IN_FORM:
                    probe.as_(user).refused(
                        f"{person} with another organisation's ids", "post", url,
                        payload=form_payload(away, "own"),
                        count_as="page, role held, another organisation's ids",
                    )  # fmt: skip
            if method == "get":
                probe.as_(stranger).succeeded(
                    "get", url + query_ids(home, "own"), leak=home_leak,
                    count_as="page, another organisation",
                )  # fmt: skip
            elif name not in NO_RECORD_IN_FORM:
                probe.as_(stranger).refused(
                    "another organisation", method, url, payload=form_payload(home, "own"),
                    count_as="page, another organisation",
                )  # fmt: skip
            probe.as_(None).refused(
                "anonymous", method, url, payload=form_payload(home, "own"),
                count_as="page, anonymous",
            )  # fmt: skip
    print("\nweb matrix cases:", dict(probe.cases), sum(probe.cases.values()))
    assert probe.failures == [], "\n".join(probe.failures)
    assert sum(probe.cases.values()) > 8000  # the matrix is not empty


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
        "account:admin-new-for-staff": "admin", "files:cpd-sign-off": "manager",
        "files:redaction-new": "worker",
    }  # fmt: skip
    patterns = dict(web_patterns())
    for name, person in readers.items():
        url = object_url(name, patterns[name], home, "own")
        ok, status = probe.as_(home.users[person]).succeeded("get", url)
        assert ok, f"{person} could not open {name} ({status})"


def test_a_third_party_reaches_exactly_the_file_of_their_request(worlds) -> None:
    """The inspector with an approved request reads that worker's file and the records inside
    its dates, and nothing else: not the records outside its dates, not the agreement made
    after them, not the neighbouring team's worker, not through the API either."""
    home, _ = worlds
    auditor = home.users[THIRD_PARTY]
    client = Client()
    client.force_login(auditor)
    worker, other = home.objects["supervisee:own"], home.objects["supervisee:other"]
    reads = [reverse("files:file", args=[worker.pk]), reverse("files:pdf", args=[worker.pk])]
    reads += [
        reverse("sessions:detail", args=[home.objects[f"session:{state}:own"].pk])
        for state in ("awaiting", "finalised")
    ]
    reads.append(f"/api/v1/sessions/{home.objects['session:finalised:own'].pk}")
    for url in reads:
        assert client.get(url).status_code == 200, url
    refused = [reverse("files:file", args=[other.pk]), reverse("files:pdf", args=[other.pk])]
    refused += [
        reverse("sessions:detail", args=[home.objects[f"session:{state}:{scope}"].pk])
        for scope in SCOPES
        for state in ("planned", "draft", "sent", "declined", "awaiting", "finalised")
        if f"session:{state}:{scope}" not in ("session:awaiting:own", "session:finalised:own")
    ]
    refused += [
        reverse("agreements:detail", args=[home.objects[f"agreement:{scope}"].pk])
        for scope in SCOPES
    ]
    refused += [
        f"/api/v1/sessions/{home.objects['session:sent:own'].pk}",
        f"/api/v1/agreements/{home.objects['agreement:own'].pk}",
        f"/api/v1/sessions/{home.objects['session:finalised:other'].pk}",
    ]
    for url in refused:
        assert client.get(url).status_code == 404, url
    # Every read under the request was audited with its purpose.
    purposes = set(
        AuditEntry.objects.filter(actor=auditor, action__endswith="viewed").values_list(
            "purpose", flat=True
        )
    ) | set(
        AuditEntry.objects.filter(actor=auditor, action="file.exported").values_list(
            "purpose", flat=True
        )
    )
    assert purposes
    assert all("Inspection" in p for p in purposes), purposes


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
    "token_revoke": ("token", "token:{scope}"),
    "agenda_item_add": ("session", "session:planned:{scope}"),
    "action_add": ("session", "session:draft:{scope}"),
    "action_set_status": ("action", "action:{scope}"),
    "group_session_detail": ("group", "group:{scope}"),
    "group_session_finalise": ("group", "group:{scope}"),
    "typist_assign": ("session", "session:draft:{scope}"),
}
# Operations without an id in their address whose body names the records they act on: who may
# act on the records of each scope.
API_BODY_SCOPED: dict[str, str] = {
    "session_create": "book",  # the supervisee's current supervisor
    "group_session_record": "book",  # people the facilitator supervises today
}
# Operations without an id anywhere: only the caller's own (a token for themselves).
API_NO_RECORD = {"token_create"}
API_THIRD_PARTY_READS = {"session_detail", "agreement_detail"}


def api_body(operation: str, world: World, scope: str) -> dict:
    past = (timezone.localdate() - timedelta(days=7)).isoformat()
    future = timezone.localdate() + timedelta(days=14)
    while future.weekday() >= 5:
        future += timedelta(days=1)
    supervisee = world.objects[f"supervisee:{scope}"]
    child = world.objects[f"child:{scope}"]
    return {
        "session_create": {"supervisee": supervisee.pk, "on": future.isoformat(), "repeat": 1},
        "session_cancel": {"cancelled_by": "supervisor", "reason": "other", "note": "A note"},
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
        "group_session_record": {
            "held_on": past,
            "participants": [supervisee.pk],
            "entries": [{"child": child.pk, "worker": supervisee.pk, "fields": {"decisions": "D"}}],
        },
        "token_create": {"days": 1, "purpose": "Script"},
    }.get(operation, {})


def api_document(client: Client) -> dict[str, Any]:
    return json.loads(client.get("/api/v1/openapi.json").content)


def test_no_api_operation_succeeds_where_it_should_not(worlds, client) -> None:
    home, away = worlds
    document = api_document(client)
    probe = Probe()
    stranger = away.users["manager"]
    unclassified = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            name = operation["operationId"]
            declared = set(operation["x-supervise-permission"])
            if "{" in path and name not in API_OBJECTS:
                unclassified.append(name)
                continue
            if name in API_OBJECTS:
                kind, key = API_OBJECTS[name]
                for scope in SCOPES:
                    obj = home.objects[key.format(scope=scope)]
                    url = path.split("{")[0] + f"{obj.pk}" + path.split("}", 1)[1]
                    body = api_body(name, home, scope) if method != "get" else None
                    may = allowed(kind, scope)
                    if method != "get" and kind in ACTS_ON_RECORD:
                        may = may - {"head"}
                    if method != "get" and kind == "child":
                        may = may - {"qa"}
                    if name in API_THIRD_PARTY_READS and third_party_reads(key.format(scope=scope)):
                        may = may | {THIRD_PARTY}
                    people = [(p, u) for p, u in home.users.items() if p not in may]
                    people += [("another organisation", stranger), ("anonymous", None)]
                    for person, user in people:
                        probe.as_(user).refused(
                            person, method, url, json_body=body,
                            count_as=f"API object, {scope} scope",
                        )  # fmt: skip
                continue
            if method == "get":
                continue  # lists and "me": test_api_lists_hold_nothing_outside_the_callers_scope
            # An operation without an id in its address.
            if name in API_BODY_SCOPED:
                for scope in SCOPES:
                    may = allowed(API_BODY_SCOPED[name], scope)
                    for person, user in home.users.items():
                        if person not in may:
                            probe.as_(user).refused(
                                f"{person} ({scope})", method, path,
                                json_body=api_body(name, home, scope),
                                count_as=f"API body, {scope} scope",
                            )  # fmt: skip
            for person, user in home.users.items():
                holds = ANY_MEMBER in declared or ROLES[person] & declared
                if not holds:
                    probe.as_(user).refused(
                        f"{person} (declared {declared})", method, path,
                        json_body=api_body(name, home, "own"), count_as="API, role not held",
                    )  # fmt: skip
                elif name not in API_NO_RECORD:
                    probe.as_(user).refused(
                        f"{person} with another organisation's ids", method, path,
                        json_body=api_body(name, away, "own"),
                        count_as="API body, another organisation",
                    )  # fmt: skip
            if name not in API_NO_RECORD:
                probe.as_(stranger).refused(
                    "another organisation", method, path, json_body=api_body(name, home, "own"),
                    count_as="API body, another organisation",
                )  # fmt: skip
            probe.as_(None).refused(
                "anonymous", method, path, json_body=api_body(name, home, "own"),
                count_as="API, anonymous",
            )  # fmt: skip
    print("\nAPI matrix cases:", dict(probe.cases), sum(probe.cases.values()))
    assert unclassified == [], f"add these API operations to API_OBJECTS: {unclassified}"
    assert probe.failures == [], "\n".join(probe.failures)
    assert sum(probe.cases.values()) > 600
    # Not vacuous: the supervisor books, and records group case supervision, through the probe.
    for name in API_BODY_SCOPED:
        ok, status = probe.as_(home.users["manager"]).succeeded(
            "post", f"/api/v1{'/sessions' if name == 'session_create' else '/group-sessions'}",
            json_body=api_body(name, home, "own"),
        )  # fmt: skip
        assert ok, (name, status)


# --- the API's lists: 200, and nothing outside the caller's scope ---------------------------

# Each person's line-management chain today, themselves included (`build_world`).
CHAIN = {
    "worker": {"worker"},
    "colleague": {"colleague"},
    "other_worker": {"other_worker"},
    "manager": {"manager", "worker", "colleague"},
    "other_manager": {"other_manager", "other_worker"},
    "head": {"head", "manager", "worker", "colleague", "other_manager", "other_worker"},
}
ORG_WIDE = {"head", "qa", "hr", "inspector", THIRD_PARTY}  # senior manager, QA, HR, inspectors
STAFF = ("head", "manager", "worker", "colleague", "other_manager", "other_worker")


class Scope:
    """What a list may hold for one person of `world`, from the world's relationships."""

    def __init__(self, world: World, person: str) -> None:
        team = world.team
        self.world, self.person = world, person
        self.org = team.org.pk
        self.staff = {p: getattr(team, p) for p in STAFF}
        chain = CHAIN.get(person, set())
        self.chain_staff = {self.staff[p].pk for p in chain}
        self.sessions: set[int] = set()
        self.actions: set[int] = set()
        self.tokens: set[int] = set()
        for scope in SCOPES:
            if person in allowed("session", scope):
                self.sessions |= {
                    obj.pk
                    for key, obj in world.objects.items()
                    if key.endswith(f":{scope}") and key.startswith(("session:", "group:"))
                }
            if person == ("worker" if scope == "own" else "other_worker"):
                self.actions.add(world.objects[f"action:{scope}"].pk)
                self.tokens.add(world.objects[f"token:{scope}"].pk)
        if person == THIRD_PARTY:
            self.sessions |= {
                world.objects[key].pk for key in ("session:awaiting:own", "session:finalised:own")
            }

    def subjects(self, org_wide: bool) -> dict[str, set[str]]:
        """External ids of what findings may be about: the organisation's, or the chain's."""
        staff = StaffMember.objects.filter(organisation_id=self.org)
        if not org_wide:
            staff = staff.filter(pk__in=self.chain_staff)
        staff_ids = set(staff.values_list("pk", flat=True))
        sessions = Session.objects.filter(organisation_id=self.org)
        if not org_wide:
            sessions = sessions.filter(supervisee_id__in=staff_ids) | sessions.filter(
                supervisor_id__in=staff_ids
            )
        children = {
            child.external_id
            for key, child in self.world.objects.items()
            if key.startswith("child:")
            and (org_wide or child.allocations.filter(staff_id__in=staff_ids).exists())
        }
        return {
            "staff": set(staff.values_list("external_id", flat=True)),
            "session": set(sessions.values_list("external_id", flat=True)),
            "child": children,
        }


def findings_outside(found: list[dict], subjects: dict[str, set[str]]) -> list[str]:
    outside = []
    for finding in found:
        kind, ident = finding["subject"]["type"], finding["subject"]["id"]
        if kind == "case_discussion":
            session, _, child = ident.partition("/")
            inside = session in subjects["session"] or child in subjects["child"]
        else:
            inside = ident in subjects.get(kind, set())
        if not inside:
            outside.append(f"{kind} {ident}")
    return outside


def test_api_lists_hold_nothing_outside_the_callers_scope(worlds, client) -> None:
    home, away = worlds
    for world in worlds:
        snapshot_take(organisation=world.team.org)
    document = api_document(client)
    lists = sorted(
        op["operationId"]
        for path, methods in document["paths"].items()
        for method, op in methods.items()
        if method == "get" and "{" not in path
    )
    assert lists == [
        "findings",
        "me",
        "my_actions",
        "session_list",
        "snapshots",
        "token_list",
    ]  # fmt: skip: a new list needs its check below
    probe = Probe()
    failures: list[str] = []
    shown: Counter[str] = Counter()
    callers = [(home, p, u) for p, u in home.users.items()] + [(away, "manager", None)]
    for world, person, user in callers:
        user = user or world.users[person]  # the stranger: away's manager, every role
        scope = Scope(world, person)
        other = away if world is home else home
        mine = ROLES.get(person, set()) if world is home else {"every role"}

        def get(path: str, person: str = person, user: Any = user, missing: bool = False) -> Any:
            probe.as_(user).cases["API list"] += 1
            response = probe.client.get(f"/api/v1{path}")
            if response.status_code not in (200, 403, *((404,) if missing else ())):
                failures.append(f"{person} GET {path} -> {response.status_code}")
            return response.json() if response.status_code == 200 else None

        me = get("/me")
        if me is None or me["id"] != user.pk:
            failures.append(f"{person} /me is not themselves")
        sessions = get("/sessions?limit=500")
        if sessions is None:
            failures.append(f"{person} /sessions refused")
        else:
            ids = {item["id"] for item in sessions["items"]}
            shown["sessions"] += len(ids)
            if world is home and ids - scope.sessions:
                failures.append(f"{person} /sessions holds {sorted(ids - scope.sessions)}")
            leaked = ids & set(Session.objects.filter(organisation=other.team.org).values_list(
                "pk", flat=True))  # fmt: skip
            if leaked:
                failures.append(f"{person} /sessions holds another organisation's {leaked}")
        # Filtering by another organisation's or another team's supervisee shows nothing.
        for label, staff in (
            ("another organisation's", other.objects["supervisee:own"]),
            ("the other team's", world.objects["supervisee:other"]),
        ):
            # (another organisation's id is 404, as everywhere)
            filtered = get(f"/sessions?supervisee={staff.pk}", missing=label[0] == "a")
            allowed_here = world is home and person in allowed("session", "other")
            if filtered and filtered["items"] and not (label.startswith("the") and allowed_here):
                shown_ids = [item["id"] for item in filtered["items"]]
                failures.append(f"{person} /sessions?supervisee= {label}: {shown_ids}")
        actions = get("/me/actions")
        if actions is not None:
            ids = {item["id"] for item in actions["items"]}
            shown["actions"] += len(ids)
            theirs = Action.objects.filter(organisation=world.team.org)
            expected = scope.actions if world is home else set(theirs.values_list("pk", flat=True))
            if ids - expected:
                failures.append(f"{person} /me/actions holds {sorted(ids - expected)}")
        elif STAFF.count(person) and world is home:
            failures.append(f"{person} (staff) /me/actions refused")
        tokens = get("/tokens")
        if tokens is not None:
            ids = {item["id"] for item in tokens["items"]}
            shown["tokens"] += len(ids)
            if world is home and ids - scope.tokens:
                failures.append(f"{person} /tokens holds {sorted(ids - scope.tokens)}")
        for which in ("team", "org"):
            found = get(f"/findings?scope={which}")
            org_wide = which == "org"
            if found is None:
                if not org_wide or (world is home and person in ORG_WIDE):
                    failures.append(f"{person} /findings?scope={which} refused")
                continue
            if org_wide and world is home and person not in ORG_WIDE:
                failures.append(f"{person} ({mine}) /findings?scope=org answered")
            shown[f"findings {which}"] += len(found["findings"])
            # Nothing outside the caller's scope (the stranger: nothing outside their own
            # organisation).
            subjects = (scope if world is home else Scope(world, "head")).subjects(
                org_wide or world is not home
            )
            outside = findings_outside(found["findings"], subjects)
            if outside:
                failures.append(f"{person} /findings?scope={which} holds {outside}")
        snapshots = get("/compliance/snapshots")
        if snapshots is not None:
            rows = snapshots["items"]
            shown["snapshots"] += len(rows)
            team_ids = {row["team"]["id"] for row in rows if row["team"]}
            supervisors = {row["supervisor"]["id"] for row in rows if row["supervisor"]}
            their_teams = set(TeamModel.objects.filter(organisation=other.team.org).values_list(
                "pk", flat=True))  # fmt: skip
            their_staff = set(
                StaffMember.objects.filter(organisation=other.team.org).values_list("pk", flat=True)
            )
            if team_ids & their_teams or supervisors & their_staff:
                failures.append(f"{person} /compliance/snapshots holds another organisation's")
            if world is home and person not in ORG_WIDE and supervisors - scope.chain_staff:
                failures.append(f"{person} /compliance/snapshots holds {supervisors}")
        elif world is home and (person in ORG_WIDE or person in ("manager", "other_manager")):
            failures.append(f"{person} /compliance/snapshots refused")
    print("\nAPI list cases:", dict(probe.cases), "items seen:", dict(shown))
    assert failures == [], "\n".join(failures)
    assert all(shown[k] for k in ("sessions", "actions", "tokens", "findings team", "snapshots"))
    assert shown["findings org"]
