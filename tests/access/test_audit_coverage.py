"""Audit coverage (issue 4): every view that shows a record writes its audit row — who read
what, and, for a supervisee's records, whose file — and a refusal writes one too."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from supervise.audit.models import AuditEntry
from tests.access.test_permission_matrix import object_url, web_patterns
from tests.access.world import build_world

pytestmark = pytest.mark.django_db

# Every page and API operation that shows a record's content, with someone allowed to read it.
RECORD_VIEWS = (
    ("sessions:detail", "worker"),
    ("sessions:sign", "worker"),
    ("sessions:send", "manager"),
    ("sessions:record", "manager"),
    ("sessions:discussion", "manager"),
    ("sessions:group-detail", "worker"),
    ("sessions:supervisee", "manager"),
    ("cases:child", "manager"),
    ("agreements:detail", "worker"),
    ("files:file", "worker"),
    ("files:pdf", "worker"),
    ("account:admin-account", "admin"),
)
API_VIEWS = (
    ("/api/v1/sessions/{}", "session:draft:own", "worker"),
    ("/api/v1/children/{}", "child:own", "manager"),
    ("/api/v1/agreements/{}", "agreement:own", "worker"),
)
OBJECT_OF = {
    "sessions:discussion": "session:draft:own",
    "sessions:supervisee": "supervisee:own",
    "files:file": "supervisee:own",
    "files:pdf": "supervisee:own",
}


def new_rows(before: int, user) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(id__gt=before, actor=user))


@pytest.fixture
def world(db):
    return build_world("alpha", "Alpha")


@pytest.mark.parametrize(("name", "person"), RECORD_VIEWS, ids=[n for n, _ in RECORD_VIEWS])
def test_every_record_page_writes_its_audit_row(world, name: str, person: str) -> None:
    from tests.access.test_permission_matrix import OBJECT_URLS

    pattern = dict(web_patterns())[name]
    url = object_url(name, pattern, world, "own")
    user = world.users[person]
    client = Client()
    client.force_login(user)
    before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.get(url)
    assert response.status_code == 200, (name, response.status_code)
    _, key = OBJECT_URLS[name]
    obj = world.objects[OBJECT_OF.get(name, key.format(scope="own"))]
    rows = new_rows(before, user)
    reads = [r for r in rows if r.action.endswith(".viewed") or r.action == "file.exported"]
    assert reads, f"{name} wrote no read: {[r.action for r in rows]}"
    assert any(r.object_id == str(obj.pk) or r.detail.get("file_of") == obj.pk for r in reads)
    assert all(r.address for r in reads)  # from where


@pytest.mark.parametrize(("path", "key", "person"), API_VIEWS, ids=[p for p, _, _ in API_VIEWS])
def test_every_record_read_through_the_api_writes_its_audit_row(world, path, key, person):
    obj = world.objects[key]
    user = world.users[person]
    client = Client()
    client.force_login(user)
    before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert client.get(path.format(obj.pk)).status_code == 200
    assert any(
        r.action.endswith(".viewed") and r.object_id == str(obj.pk) for r in new_rows(before, user)
    )


def test_a_refused_read_is_audited_too(world) -> None:
    session = world.objects["session:draft:own"]
    outsider = world.users["other_manager"]
    client = Client()
    client.force_login(outsider)
    before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404
    rows = new_rows(before, outsider)
    assert [r.action for r in rows] == ["access.refused"]
    assert rows[0].object_id == str(session.pk)
