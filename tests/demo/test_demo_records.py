"""The demo's records say something: the pack's personal headings and every child discussed are
written (reflective cycle, the child's voice, progress and direction of risk, decisions and
actions with timescales) for the recent sessions of every supervisee; loading the demo again
changes nothing; finalised records stay locked; quality assurance and the inspector may read
children's records, and the demo team's supervision files under approved requests."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.db import IntegrityError, InternalError, OperationalError, transaction

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role, User
from supervise.cases.models import CaseNote, Child
from supervise.demo.records import RECENT_DAYS
from supervise.demo.services import demo_load
from supervise.files.models import AccessRequest
from supervise.generate import write_authority
from supervise.generate.days import open_day
from supervise.imports.models import ImportRun
from supervise.sessions.models import Action, CaseDiscussion, RecordEntry, Session
from supervise.sessions.states import ActionStatus, RecordStatus

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 23)
HULL_HEADINGS = {
    "development",
    "wellbeing",
    "performance",
    "learning",
    "career",
    "leave_and_health",
}
CASE_FIELDS = (
    "previous_actions_reviewed", "experience", "reflection", "analysis", "action_planning",
    "childs_voice", "progress_against_plan", "worried_about", "working_well", "needs_to_happen",
    "equality_and_diversity", "decisions",
)  # fmt: skip
REFUSED = (IntegrityError, InternalError, OperationalError)
DUE_BY = re.compile(r"by (\d{1,2} [A-Z][a-z]+ \d{4})")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-authority")
    write_authority(path, staff=24, children=120, years=1, seed=3, as_of=AS_OF)
    return path


def _load(folder: Path) -> list:  # type: ignore[type-arg]
    return demo_load(folder=folder, slug="demo", policy="hull", name="Demo", as_of=AS_OF)


def test_recent_one_to_ones_are_written_under_every_heading(folder: Path) -> None:
    _load(folder)
    recent = Session.objects.filter(
        kind="formal",
        status="held",
        held_on__gte=AS_OF - timedelta(days=RECENT_DAYS),
        record_completed_on__isnull=False,
    )
    assert recent.count() > 20
    for session in recent.prefetch_related("entries"):
        texts = {e.heading: e.text for e in session.entries.all()}
        assert set(texts) == HULL_HEADINGS, session
        assert all(len(text) > 30 for text in texts.values()), texts
    supervisees = set(recent.values_list("supervisee_id", flat=True))
    assert len(supervisees) > 10  # every supervisee's recent records, not a few showcase ones
    finalised = Session.objects.filter(record_status=RecordStatus.FINALISED, entries__isnull=False)
    assert finalised.distinct().count() > 20
    older = Session.objects.filter(
        kind="formal", status="held", held_on__lt=AS_OF - timedelta(days=RECENT_DAYS)
    )
    written = older.filter(entries__isnull=False).distinct().count()
    assert 0 < written < older.count()  # a share of the older ones too


def test_discussions_written_to_the_childs_record_follow_the_hull_elements(folder: Path) -> None:
    _load(folder)
    written = CaseDiscussion.objects.exclude(experience="").select_related("session", "child")
    assert written.count() > 100
    directions = set()
    for discussion in written:
        assert discussion.recorded_on is not None
        assert discussion.recorded_on >= discussion.session.held_on
        for name in ("analysis", "action_planning", "childs_voice", "progress_against_plan"):
            assert getattr(discussion, name), (name, discussion)
        assert discussion.decisions
        assert discussion.direction_of_risk in {"reducing", "same", "increasing"}
        directions.add(discussion.direction_of_risk)
        if discussion.session.kind != "oversight":
            assert discussion.reflection
        # timescales: every action is due on a working day after the session
        for due in DUE_BY.findall(discussion.action_planning):
            day = datetime.strptime(due, "%d %B %Y").date()  # noqa: DTZ007
            assert day > discussion.session.held_on
            assert open_day(day.toordinal()) == day.toordinal()
        assert discussion.worker_id is not None
        for name in CASE_FIELDS:
            assert "{" not in getattr(discussion, name), (name, getattr(discussion, name))
    assert directions == {"reducing", "same", "increasing"}
    # ... and each is on the child's record, as the web application writes it
    notes = CaseNote.objects.filter(case_discussion__in=written)
    assert notes.count() == written.count()
    note = notes.select_related("case_discussion__session").first()
    assert note is not None
    assert note.happened_on == note.case_discussion.session.held_on
    assert note.author_id == note.case_discussion.session.supervisor_id
    assert "Decisions:" in note.body
    assert "The child's voice and lived experience:" in note.body
    # not yet written up: no words, no entry on the child's record
    unwritten = CaseDiscussion.objects.filter(recorded_on__isnull=True)
    assert not unwritten.exclude(experience="").exists()


def test_a_childs_reviews_follow_the_last_actions(folder: Path) -> None:
    _load(folder)
    reviewed = CaseDiscussion.objects.exclude(previous_actions_reviewed="").exclude(
        previous_actions_reviewed__startswith="First discussion"
    )
    assert reviewed.filter(previous_actions_reviewed__contains="(agreed ").exists()
    assert reviewed.filter(previous_actions_reviewed__contains="outstanding").exists()


def test_actions_have_timescales_and_most_of_those_due_are_done(folder: Path) -> None:
    _load(folder)
    actions = Action.objects.select_related("session")
    assert actions.count() > 50
    due = [a for a in actions if a.due_on <= AS_OF]
    done = [a for a in due if a.status == ActionStatus.DONE]
    assert 0.6 < len(done) / len(due) < 0.98
    for action in actions:
        assert action.due_on > action.session.held_on
        assert action.owner_id == action.session.supervisee_id
        if action.completed_on:
            assert action.session.held_on < action.completed_on <= AS_OF
    carried = [a for a in actions if a.status == ActionStatus.OPEN and a.times_carried]
    assert carried
    for action in carried[:5]:
        assert action.agenda_items.count() == action.times_carried


def test_no_demo_record_waits_for_or_is_finalised_by_a_signature_out_of_turn(
    folder: Path,
) -> None:
    """The generated folder has records completed but never signed by the supervisor: they are
    drafts the supervisor can still sign and send, not records the supervisee could sign, and
    so finalise, without the supervisor's signature. Carried actions come from earlier records
    that were sent, as holding a session carries them."""
    from supervise.sessions.models import AgendaItem
    from supervise.sessions.states import EDITABLE_RECORD

    _load(folder)
    formal = Session.objects.filter(kind="formal", status="held")
    sent = formal.exclude(record_status__in=EDITABLE_RECORD)
    assert not sent.filter(supervisor_signed_on__isnull=True).exists()
    final = (RecordStatus.AWAITING_FINALISATION, RecordStatus.FINALISED)
    assert not sent.filter(record_status__in=final, supervisee_signed_on__isnull=True).exists()
    completed_unsigned = formal.filter(
        record_completed_on__isnull=False, supervisor_signed_on__isnull=True
    )
    assert completed_unsigned.exists()  # the folder has them ...
    assert set(completed_unsigned.values_list("record_status", flat=True)) == {RecordStatus.DRAFT}
    for item in AgendaItem.objects.filter(carried_action__isnull=False).select_related(
        "session", "carried_action__session"
    ):
        earlier = item.carried_action.session
        assert earlier.held_on < item.session.held_on
        assert earlier.record_status not in EDITABLE_RECORD


def _contents() -> dict[str, object]:
    entries = RecordEntry.objects.values_list("session__external_id", "heading", "text")
    discussions = CaseDiscussion.objects.values_list(
        "session__external_id", "child__external_id", "recorded_on", "experience", "decisions"
    )
    return {
        "entries": sorted(entries),
        "discussions": sorted(discussions),
        "actions": Action.objects.count(),
        "notes": CaseNote.objects.count(),
        "access requests": AccessRequest.objects.count(),
    }


def test_loading_the_demo_again_changes_nothing(folder: Path) -> None:
    _load(folder)
    before = _contents()
    _load(folder)
    after = _contents()
    assert after == before
    last = ImportRun.objects.order_by("-id").first()
    assert last is not None
    assert last.name == str(folder)
    for counts in last.changes.values():
        assert counts["created"] == counts["updated"] == counts["deleted"] == 0


def test_finalised_demo_records_stay_locked(folder: Path) -> None:
    _load(folder)
    discussion = CaseDiscussion.objects.filter(
        session__record_status=RecordStatus.FINALISED
    ).exclude(experience="")[0]
    entry = RecordEntry.objects.filter(session__record_status=RecordStatus.FINALISED)[0]
    with pytest.raises(REFUSED), transaction.atomic():
        CaseDiscussion.objects.filter(pk=discussion.pk).update(experience="changed")
    with pytest.raises(REFUSED), transaction.atomic():
        RecordEntry.objects.filter(pk=entry.pk).update(text="changed")


def test_quality_assurance_and_the_inspector_may_read_childrens_records(folder: Path) -> None:
    sign_ins = _load(folder)
    child = Child.objects.filter(discussions__experience__gt="").first()
    assert child is not None
    for username in ("qa", "inspector"):
        user = User.objects.get(username=username)
        assert Viewer(user).can_view_child(child), username
    assert set(child.organisation.case_record_roles) >= {Role.QUALITY_ASSURANCE, Role.INSPECTOR}
    # ... and, under approved requests, the demo team's supervision files
    worker = User.objects.get(username="worker")
    session = Session.objects.filter(
        supervisee__user=worker, record_status=RecordStatus.FINALISED, entries__isnull=False
    ).first()
    assert session is not None
    for username in ("qa", "inspector"):
        assert Viewer(User.objects.get(username=username)).can_view_record(session), username
    assert not Viewer(User.objects.get(username="hr")).can_view_record(session)
    notes = {s.username: s.who for s in sign_ins}
    assert "every child's record" in notes["inspector"]
    assert "every child's record" in notes["qa"]
