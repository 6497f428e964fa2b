"""The world the permission matrix walks: two organisations, each with two teams, every role,
a third party under an approved access request, and records in each state a URL acts on. Who
may touch what is written here, from the world's relationships, not asked of the access code
under test."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.api.auth import issue_token
from supervise.files.models import (
    AccessRequest,
    AccessStatus,
    LearningEntry,
    LegalHold,
    RedactionRequest,
)
from supervise.imports.models import ImportRun, ImportStatus
from supervise.organisations.models import Team as TeamModel
from supervise.people.models import StaffMember
from supervise.policy.dates import working_calendar
from supervise.sessions.models import Action, Session
from supervise.sessions.services import (
    discussion_save,
    group_session_record,
    record_decline,
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from supervise.sessions.services.group import GroupEntry
from supervise.sessions.states import RecordStatus
from tests import factories as f
from tests.conftest import Team

# The roles each person of a world holds (the oracle for role-only pages).
ROLES = {
    "worker": {"practitioner"},
    "colleague": {"practitioner"},
    "other_worker": {"practitioner"},
    "manager": {"supervisor", "practitioner"},
    "other_manager": {"supervisor", "practitioner"},
    "head": {"supervisor", "senior_manager"},
    "support": {"business_support"},
    "qa": {"quality_assurance"},
    "hr": {"hr"},
    "inspector": {"inspector"},
    "admin": {"administrator"},
    "director": {"assistant_director"},
    "auditor": {"inspector"},
}
GRANTED = ("support", "qa", "hr", "inspector", "admin", "director", "auditor")
GRANT_ROLE = {
    "support": "business_support",
    "qa": "quality_assurance",
    "hr": "hr",
    "inspector": "inspector",
    "admin": "administrator",
    "director": "assistant_director",
    "auditor": "inspector",
}
ORG_WIDE_COMPLIANCE = {"qa", "hr", "inspector", "auditor"}
# The third party: an inspector whose approved access request covers the file of the own
# team's worker for two days, the days of that worker's session awaiting finalisation and of
# their finalised one (`build_world`). Nothing else of the file (the draft, the sent and the
# declined records, the planned session, the agreement made today) is in its dates.
THIRD_PARTY = "auditor"
THIRD_PARTY_OBJECTS = ("supervisee:own", "session:awaiting:own", "session:finalised:own")


CALENDAR = working_calendar("england-and-wales")


def _past_working_day(days_back: int) -> date:
    """The `days_back`-th working day before today: distinct for distinct arguments, whatever
    the weekday or bank holiday the suite runs on (one session a day per supervisee)."""
    day = timezone.localdate()
    for _ in range(days_back):
        day -= timedelta(days=1)
        while not CALENDAR.is_working_day(day):
            day -= timedelta(days=1)
    return day


def _future_working_day(days_ahead: int) -> date:
    return CALENDAR.add_working_days(timezone.localdate(), days_ahead)


@dataclass
class World:
    """One organisation's people and records."""

    team: Team
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)


def build_world(slug: str, marker: str) -> World:
    team = Team(slug=slug)
    for person in ("head", "manager", "worker", "colleague", "other_manager", "other_worker"):
        staff: StaffMember = getattr(team, person)
        staff.name = f"{staff.name} {marker}"  # names distinctive per organisation
        staff.save(update_fields=["name"])
    team.child.name = f"Casey {marker}"
    team.child.save(update_fields=["name"])
    team.other_child.name = f"Robin {marker}"
    team.other_child.save(update_fields=["name"])
    team_a = TeamModel.objects.create(organisation=team.org, name=f"Assessment {marker}")
    team_b = TeamModel.objects.create(organisation=team.org, name=f"Children in care {marker}")
    StaffMember.objects.filter(pk__in=[team.manager.pk, team.worker.pk, team.colleague.pk]).update(
        team=team_a
    )
    StaffMember.objects.filter(pk__in=[team.other_manager.pk, team.other_worker.pk]).update(
        team=team_b
    )
    world = World(team=team)
    for person in ("head", "manager", "worker", "colleague", "other_manager", "other_worker"):
        world.users[person] = getattr(team, person).user
    for person in GRANTED:
        world.users[person] = f.UserFactory(organisation=team.org, roles=[GRANT_ROLE[person]])

    def session(supervisor, supervisee, state: str, days_back: int) -> Session:
        day = _past_working_day(days_back)
        if state == "planned":
            future = _future_working_day(days_back)
            return session_schedule(actor=supervisor.user, supervisee=supervisee, on=future)[0]
        [planned] = session_schedule(actor=supervisor.user, supervisee=supervisee, on=day)
        held = session_hold(actor=supervisor.user, session=planned, held_on=day)
        record_save(actor=supervisor.user, session=held, entries={"wellbeing": "Text"})
        if state == "draft":
            return held
        sent = record_send(actor=supervisor.user, session=held)
        if state == "sent":
            return sent
        if state == "declined":
            return record_decline(actor=supervisee.user, session=sent, reason="Not right")
        if state == "awaiting":
            Session.objects.filter(pk=sent.pk).update(
                record_status=RecordStatus.AWAITING_FINALISATION
            )
            sent.refresh_from_db()
            return sent
        return record_sign(actor=supervisee.user, session=sent)  # finalised (Hull)

    for scope, (supervisor, supervisee) in {
        "own": (team.manager, team.worker),
        "other": (team.other_manager, team.other_worker),
    }.items():
        for n, state in enumerate(
            ("planned", "draft", "sent", "declined", "awaiting", "finalised")
        ):
            world.objects[f"session:{state}:{scope}"] = session(
                supervisor, supervisee, state, days_back=n + 3
            )
        draft = world.objects[f"session:draft:{scope}"]
        child = team.child if scope == "own" else team.other_child
        discussion_save(
            actor=supervisor.user, session=draft, child=child, fields={"decisions": "Decision"}
        )
        world.objects[f"action:{scope}"] = Action.objects.create(
            organisation=team.org, session=draft, owner=supervisee, description="Do it"
        )
        world.objects[f"group:{scope}"] = group_session_record(
            actor=supervisor.user,
            held_on=_past_working_day(2),
            participants=[supervisee],
            entries=[GroupEntry(child=child, worker=supervisee, fields={"decisions": "D"})],
        )
        world.objects[f"agreement:{scope}"] = Agreement.objects.create(
            organisation=team.org,
            external_id=f"AG-{scope}-{marker}",
            supervisee=supervisee,
            supervisor=supervisor,
            status=AgreementStatus.AWAITING_SIGNATURES,
            supervisor_signed_on=_past_working_day(3),
            supervisor_signed_at=timezone.now(),
        )
        # The supervision file (issue 4): a CPD entry, a section of a finalised record with a
        # request to keep it from third parties, a third party's request to read the file, and
        # leavers (one under a legal hold) whose files HR holds.
        world.objects[f"learning:{scope}"] = LearningEntry.objects.create(
            organisation=team.org, staff=supervisee, kind="cpd", title="Court skills"
        )
        entry = world.objects[f"session:finalised:{scope}"].entries.get(heading="wellbeing")
        world.objects[f"entry:{scope}"] = entry
        world.objects[f"redaction:{scope}"] = RedactionRequest.objects.create(
            organisation=team.org, entry=entry, requested_by=supervisee.user, reason="Private"
        )
        world.objects[f"access:{scope}"] = AccessRequest.objects.create(
            organisation=team.org,
            requested_by=world.users["qa"],
            subject=supervisee,
            purpose="audit",
            reason="Audit",
        )
        for key in ("leaver", "held"):
            leaver = f.StaffFactory(
                organisation=team.org, name=f"Lee {key} {scope} {marker}", left_on=date(2015, 3, 31)
            )
            f.LineFactory(supervisee=leaver, supervisor=supervisor, ends_on=date(2015, 3, 31))
            world.objects[f"{key}:{scope}"] = leaver
        world.objects[f"hold:{scope}"] = LegalHold.objects.create(
            organisation=team.org,
            staff=world.objects[f"held:{scope}"],
            reason="Claim",
            placed_by=world.users["hr"],
        )
        # People and access: the supervisee's account, and a newcomer in the HR export
        # who has no account yet.
        world.objects[f"account:{scope}"] = supervisee.user
        world.objects[f"newcomer:{scope}"] = f.StaffFactory(
            organisation=team.org, name=f"Nia newcomer {scope} {marker}", user=None
        )
        world.objects[f"child:{scope}"] = child
        world.objects[f"supervisee:{scope}"] = supervisee
        world.objects[f"supervisor:{scope}"] = supervisor
        world.objects[f"team:{scope}"] = team_a if scope == "own" else team_b
        # A personal API token of the supervisee: only its owner revokes it on a page or
        # through the API (an administrator, through the service only).
        world.objects[f"token:{scope}"] = issue_token(supervisee.user, purpose="Script").record
    # The third party's approved request: one worker's file, for a stated purpose, two days.
    world.objects["grant"] = AccessRequest.objects.create(
        organisation=team.org,
        requested_by=world.users[THIRD_PARTY],
        subject=team.worker,
        purpose="inspection",
        reason="Inspection",
        scope_from=_past_working_day(8),  # the finalised session (days_back=n+3 above)
        scope_to=_past_working_day(7),  # the session awaiting finalisation
        status=AccessStatus.APPROVED,
        decided_by=world.users["head"],
        decided_at=timezone.now(),
        expires_on=timezone.localdate() + timedelta(days=30),
    )
    world.objects["import:own"] = ImportRun.objects.create(
        organisation=team.org,
        started_by=world.users["admin"],
        source="web",
        name="x.zip",
        digest="0" * 64,
        status=ImportStatus.VALIDATED,
        archive=b"PK\x05\x06" + b"\0" * 18,
    )
    return world


def third_party_reads(key: str) -> bool:
    """Whether the third party's request covers the object named `key` (scope filled in)."""
    return key in THIRD_PARTY_OBJECTS


def allowed(kind: str, scope: str) -> set[str]:
    """Who, of a world's people, may possibly succeed on an object of this kind and scope.

    `scope` is "own" (the manager's team: worker, colleague) or "other" (the neighbouring team:
    other_manager, other_worker). The head of service manages both team managers.
    """
    mine = scope == "own"
    supervisee = "worker" if mine else "other_worker"
    supervisor = "manager" if mine else "other_manager"
    record = {supervisee, supervisor, "head"}  # the supervisor's line manager is the head
    return {
        "session": record,
        "group": record,
        "agreement": record,
        "file": record,
        "child": record | {"qa"},  # the organisation grants case records to quality assurance
        "action": {supervisee, supervisor},
        "supervisee_page": {supervisor, "head"},
        "book": {supervisor},  # schedule, draft an agreement: the current supervisor only
        "duties": record | ORG_WIDE_COMPLIANCE,
        "compliance": {supervisor, "head"} | ORG_WIDE_COMPLIANCE,
        "import": {"admin"},
        "complaint": record | {"hr"},  # HR or the supervisor records a complaint
        "access": {"qa", "head"},  # the requester (qa); a senior manager decides or ends it
        "redaction": {"director"},  # the Assistant Director decides (York standard 7)
        "leaver": {"hr"},  # archive, legal holds, destruction
        "token": {supervisee},  # a personal API token: its owner
        "account": {"admin"},  # people and access: the organisation's administrators only
    }[kind]
