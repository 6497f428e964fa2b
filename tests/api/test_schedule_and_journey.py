"""Booking through the API, and a session followed from booking to a locked record."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.utils import timezone

from supervise.audit.models import AuditEntry
from supervise.cases.models import CaseNote
from supervise.sessions.models import Session
from tests.api.conftest import as_, error_fields, last_week

pytestmark = pytest.mark.django_db


def a_saturday() -> date:
    day = timezone.localdate()
    return day + timedelta(days=(5 - day.weekday()) % 7 or 7)


def test_a_supervisor_books_one_session(team) -> None:
    response = as_(team.manager).post("/sessions", {
        "supervisee": team.worker.pk, "on": last_week().isoformat(), "venue": "Room 4",
    })  # fmt: skip
    assert response.status_code == 201, response.content
    [booked] = response.json()
    assert booked["supervisee"]["id"] == team.worker.pk
    assert booked["supervisor"]["id"] == team.manager.pk
    assert booked["status"] == "planned"
    assert booked["scheduled_on"] == last_week().isoformat()
    assert booked["external_id"].startswith("S-")
    assert Session.objects.get(pk=booked["id"]).venue == "Room 4"


def test_a_series_is_booked_at_the_required_frequency(team) -> None:
    response = as_(team.manager).post("/sessions", {
        "supervisee": team.worker.pk, "on": last_week().isoformat(), "repeat": 3,
    })  # fmt: skip
    days = [date.fromisoformat(s["scheduled_on"]) for s in response.json()]
    assert len(days) == 3
    # Monthly for this worker (Hull), moved back to a working day when it falls on none.
    assert all(24 <= (later - earlier).days <= 31 for earlier, later in pairwise(days))


def test_only_supervisors_book_and_only_their_own_supervisees(team, other_org) -> None:
    body = {"supervisee": team.worker.pk, "on": last_week().isoformat()}
    refused = as_(team.worker).post("/sessions", {**body, "supervisee": team.colleague.pk})
    assert refused.status_code == 403
    assert as_(team.other_manager).post("/sessions", body).status_code == 404
    assert as_(other_org.manager).post("/sessions", body).status_code == 404
    own_org_other_team = {**body, "supervisee": team.other_worker.pk}
    assert as_(team.manager).post("/sessions", own_org_other_team).status_code == 404
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"repeat": 0}, "repeat"), ({"repeat": 27}, "repeat"), ({"on": "2026-13-01"}, "on"),
     ({"supervisee": None}, "supervisee"), ({"duration_minutes": 0}, "duration_minutes"),
     ({"with": "tea"}, "with")],
)  # fmt: skip
def test_bad_bookings_are_422_naming_the_field(team, change, field) -> None:
    body = {"supervisee": team.worker.pk, "on": last_week().isoformat(), **change}
    assert error_fields(as_(team.manager).post("/sessions", body)) == {field}


def test_a_booking_on_a_non_working_day_is_refused_by_policy(team) -> None:
    response = as_(team.manager).post(
        "/sessions", {"supervisee": team.worker.pk, "on": a_saturday().isoformat()}
    )
    assert response.status_code == 409
    assert "not a working day" in response.json()["detail"]


def test_an_api_booked_session_goes_through_to_a_finalised_hull_record(team) -> None:
    manager, worker = as_(team.manager), as_(team.worker)
    day = last_week().isoformat()
    [booked] = manager.post("/sessions", {"supervisee": team.worker.pk, "on": day}).json()
    path = f"/sessions/{booked['id']}"
    assert manager.post(f"{path}/hold", {"held_on": day}).json()["record_status"] == "draft"
    recorded = manager.post(f"{path}/record", {"entries": {
        "wellbeing": "Managing well", "development": "PQ module started",
    }})  # fmt: skip
    assert recorded.status_code == 200
    discussed = manager.post(f"{path}/discussions", {"child": team.child.pk, "fields": {
        "previous_actions_reviewed": "Visits done", "childs_voice": "Likes school",
        "progress_against_plan": "On track", "direction_of_risk": "reducing",
        "decisions": "Step down at review",
    }})  # fmt: skip
    assert discussed.status_code == 200
    assert discussed.json()["recorded_on"] == timezone.localdate().isoformat()
    sent = manager.post(f"{path}/send").json()
    assert sent["record_status"] == "awaiting_supervisee"
    assert sent["supervisor_signed_on"] == timezone.localdate().isoformat()
    signed = worker.post(f"{path}/sign", {"comment": "A fair record"})
    assert signed.status_code == 200
    assert signed.json()["record_status"] == "finalised"  # Hull: no manager review step

    record = worker.get(path).json()
    assert record["finalised_on"] == timezone.localdate().isoformat()
    assert record["signatures"]["supervisee_comment"] == "A fair record"
    assert {h["key"]: h["text"] for h in record["headings"]}["wellbeing"] == "Managing well"
    note = CaseNote.objects.get(case_discussion__session_id=booked["id"])
    assert "Step down at review" in note.body
    assert "Risk reducing" in note.body
    # Locked: the web's rule holds through the API too; only addenda from now on.
    assert manager.post(f"{path}/record", {"entries": {"wellbeing": "x"}}).status_code == 409
    assert worker.post(f"{path}/addenda", {"text": "Also: leave booked"}).status_code == 201
    actions = list(
        AuditEntry.objects.filter(
            object_type="supervision.session", object_id=str(booked["id"])
        ).values_list("action", flat=True)
    )
    assert actions[:3] == ["session.scheduled", "session.held", "record.saved"]
    assert {"record.sent", "record.signed", "record.viewed", "record.addendum_added"} <= set(
        actions
    )
