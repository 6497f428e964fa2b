"""Audit coverage (issue 4): every view that shows a record writes its audit row — who read
what, from where, and, for a supervisee's records, whose file — and a refusal writes one too.

A walk, not a list: every page whose address names a record (the permission matrix's
OBJECT_URLS, which a test keeps complete) and every API operation that reads one by id is opened
by someone allowed to; if it shows anything (200), a read row must follow, unless the page is
named below as showing no record's content, with why. A new record view without its audit row
fails here.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from supervise.audit.models import AuditEntry
from tests.access.test_permission_matrix import (
    API_OBJECTS,
    OBJECT_URLS,
    object_url,
    web_patterns,
    who_may,
)
from tests.access.world import THIRD_PARTY, allowed, build_world

pytestmark = pytest.mark.django_db

READS = ("file.exported",)  # and every `*.viewed`
# Pages with a record's id in their address whose page shows no record's content: what they
# show instead. Anything else that answers 200 must audit its read.
FORM = "a form to add or do something: names and dates, none of the record's content"
NOT_A_RECORD: dict[str, str] = {
    "sessions:schedule": FORM,
    "sessions:cancel": FORM,
    "sessions:hold": FORM,
    "sessions:agenda-add": FORM + " (the agenda is on the session's page, which is audited)",
    "sessions:action-new": FORM,
    "sessions:typist": FORM,
    "cases:note-new": FORM + " (the child's record is on its page, which is audited)",
    "agreements:new": FORM + " (the authority's template terms, not an earlier agreement's)",
    "files:learning-new": FORM,
    "files:appraisal-new": FORM,
    "files:complaint-new": FORM,
    "files:transfer": FORM,
    "compliance:team": "compliance figures: counts and names, no record (as every compliance page)",
    "compliance:supervisor": "compliance figures: counts and names, no record",
    "imports:detail": "an import run: its counts and the problems found in the files",
    "imports:problems-csv": "an import run's problems, as its page",
    "files:access-decide": "the access request (who, why, which dates), not the file",
    "files:access-withdraw": "the access request, not the file",
    "files:hold-place": "a leaver's name and dates, and the holds on their file",
    "files:hold-lift": "a legal hold: its reason, not the file",
    "files:destroy": "a leaver's name and dates and what destroying their file deletes",
    "account:admin-new-for-staff": "a staff member's name and email from the HR export",
}
# The same for API operations that read by id.
API_NOT_A_RECORD: dict[str, str] = {
    "staff_duties": "the engine's duties about a person: rules, dates and counts, no record "
    "content (as the compliance pages)",
}
# Pages without an id in their address that show a record: each with who opens it.
RECORD_PAGES_WITHOUT_ID = {"files:mine": "worker"}
# Who tries first to open each page (someone `allowed` for it; the others follow).
PREFERENCE = ("worker", "manager", "head", "qa", "hr", "admin", "director", THIRD_PARTY)


def last_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def reads_after(before: int, user) -> list[AuditEntry]:
    return [
        row
        for row in AuditEntry.objects.filter(id__gt=before, actor=user)
        if row.action.endswith(".viewed") or row.action in READS
    ]


def readers(candidates: set[str]) -> list[str]:
    return sorted(candidates, key=lambda p: PREFERENCE.index(p) if p in PREFERENCE else 99)


@pytest.fixture
def world(db):
    return build_world("alpha", "Alpha")


def test_every_record_page_writes_its_audit_row(world) -> None:
    client = Client()
    patterns = dict(web_patterns())
    missing, opened, nothing_shown = [], [], []
    for name, (kind, key) in OBJECT_URLS.items():
        url = object_url(name, patterns[name], world, "own")
        obj = world.objects[key.format(scope="own")]
        candidates = who_may(name, kind, key.format(scope="own"), "get")
        for person in readers(candidates):
            user = world.users[person]
            client.force_login(user)
            before = last_id()
            response = client.get(url)
            if response.status_code != 200:
                continue
            opened.append(name)
            if name in NOT_A_RECORD:
                break
            reads = reads_after(before, user)
            # It names what was read: this record, or the record or file it is part of.
            named = [r for r in reads if r.object_id == str(obj.pk) or r.detail.get("file_of")]
            if not named:
                missing.append(f"{name} (as {person}): {[r.action for r in reads]}")
            elif not all(r.address for r in named):
                missing.append(f"{name}: a read row without the address it came from")
            break
        else:
            nothing_shown.append(name)  # no GET page (a form's POST target, or a redirect)
    assert missing == [], "record pages that wrote no read row:\n" + "\n".join(missing)
    # The walk reached the pages that show records (it is not vacuous).
    assert {"sessions:detail", "files:file", "files:cpd-sign-off", "files:redaction-new"} <= set(
        opened
    )
    assert set(NOT_A_RECORD) <= set(opened), "NOT_A_RECORD names a page nobody opens"


def test_record_pages_without_an_id_write_their_audit_row(world) -> None:
    client = Client()
    for name, person in RECORD_PAGES_WITHOUT_ID.items():
        user = world.users[person]
        client.force_login(user)
        before = last_id()
        assert client.get(reverse(name)).status_code == 200, name
        assert reads_after(before, user), name


def test_every_record_read_through_the_api_writes_its_audit_row(world, client) -> None:
    document = json.loads(client.get("/api/v1/openapi.json").content)
    walked, missing = [], []
    for path, operations in document["paths"].items():
        operation = operations.get("get")
        if operation is None or "{" not in path:
            continue
        name = operation["operationId"]
        kind, key = API_OBJECTS[name]  # the matrix fails on an operation missing there
        obj = world.objects[key.format(scope="own")]
        url = path.split("{")[0] + f"{obj.pk}" + path.split("}", 1)[1]
        for person in readers(allowed(kind, "own")):
            user = world.users[person]
            client.force_login(user)
            before = last_id()
            if client.get(url).status_code != 200:
                continue
            walked.append(name)
            reads = reads_after(before, user)
            if name not in API_NOT_A_RECORD and not any(
                r.object_id == str(obj.pk) and r.address for r in reads
            ):
                missing.append(f"{name} (as {person})")
            break
    assert missing == [], f"API reads without a read row: {missing}"
    assert {"session_detail", "child_detail", "agreement_detail", "group_session_detail"} <= set(
        walked
    )


def test_a_refused_read_is_audited_too(world) -> None:
    session = world.objects["session:draft:own"]
    outsider = world.users["other_manager"]
    client = Client()
    client.force_login(outsider)
    before = last_id()
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404
    rows = list(AuditEntry.objects.filter(id__gt=before, actor=outsider))
    assert [r.action for r in rows] == ["access.refused"]
    assert rows[0].object_id == str(session.pk)
