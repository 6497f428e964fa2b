"""The demo authority for `make run`: a generated folder imported into an organisation, and one
sign-in for each role. Development only: the passwords are printed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from supervise.accounts.models import Role, RoleGrant, User
from supervise.audit.services import audit_record
from supervise.compliance.services import month_ends, snapshot_series
from supervise.demo.records import choose, folder_without, records_write
from supervise.imports.services import folder_import
from supervise.organisations.models import Organisation
from supervise.organisations.services import organisation_create
from supervise.people.models import StaffMember, SupervisionLine

DEMO_PASSWORD = "supervise-demo-2026"  # noqa: S105 - printed for the local demo only
# Besides the allocated worker and their managers, who may read children's records in the demo:
# quality assurance and the inspector check whether children's plans drift.
CASE_RECORD_ROLES = (Role.QUALITY_ASSURANCE, Role.INSPECTOR)
# ... and, under approved third-party requests, the supervision files of the demo team.
THIRD_PARTY_PURPOSES = {Role.QUALITY_ASSURANCE: "audit", Role.INSPECTOR: "inspection"}


@dataclass(frozen=True, slots=True)
class DemoSignIn:
    role: str
    username: str
    who: str


def _in_force(day: date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def _account(
    organisation: Organisation, username: str, first: str, last: str, password: str
) -> User:
    """A demo account; `password` is the demo password's hash, made once for all of them (a slow
    hash nine times over was half the time the demo took to load)."""
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"organisation": organisation, "first_name": first, "last_name": last},
    )
    user.organisation = organisation
    user.password = password
    user.save()
    return user


def _link(organisation: Organisation, staff: StaffMember, username: str, password: str) -> User:
    first, _, last = staff.name.partition(" ")
    user = _account(organisation, username, first, last, password)
    StaffMember.objects.filter(user=user).exclude(pk=staff.pk).update(user=None)
    staff.user = user
    staff.save(update_fields=["user"])
    return user


@transaction.atomic
def demo_load(*, folder: Path, slug: str, policy: str, name: str, as_of: date) -> list[DemoSignIn]:
    organisation = Organisation.objects.filter(slug=slug).first() or organisation_create(
        slug=slug, name=name, policy=policy
    )
    _grant_case_records(organisation)
    # The sessions whose records the demo writes: their discussions are created with their words
    # (`supervise.demo.records`), the rest of the folder is imported as it is.
    held = choose(organisation, folder, as_of)
    with folder_without(folder, held) as copy:
        outcome = folder_import(organisation=organisation, folder=copy, name=str(folder))
        problems = [p.replace(str(copy), str(folder)) for p in outcome.problems]
    if problems:
        raise ValueError("the demo folder does not import:\n" + "\n".join(problems))
    records_write(organisation=organisation, held=held, as_of=as_of)
    lines = SupervisionLine.objects.filter(_in_force(as_of), organisation=organisation, cover=False)
    managers = (
        StaffMember.objects.filter(
            organisation=organisation, role="team_manager", left_on__isnull=True
        )
        .annotate(team_size=Count("supervisee_lines", filter=Q(supervisee_lines__in=lines)))
        .order_by("-team_size", "external_id")
    )
    manager = managers.first()
    if manager is None:
        raise ValueError("the demo folder has no team manager")
    worker = (
        StaffMember.objects.filter(
            lines__in=lines.filter(supervisor=manager),
            role="social_worker",
            left_on__isnull=True,
        )
        .order_by("external_id")
        .first()
    )
    head_line = lines.filter(supervisee=manager).first()
    password = make_password(DEMO_PASSWORD)
    team = list(
        StaffMember.objects.filter(lines__in=lines.filter(supervisor=manager))
        .distinct()
        .order_by("external_id")
    )
    sign_ins = [
        DemoSignIn(
            "Team manager (supervisor)",
            _link(organisation, manager, "manager", password).username,
            manager.name,
        ),
    ]
    if worker:
        sign_ins.append(
            DemoSignIn(
                "Social worker (supervisee)",
                _link(organisation, worker, "worker", password).username,
                worker.name,
            )
        )
    senior_user = None
    if head_line:
        senior = head_line.supervisor
        senior_user = _link(organisation, senior, "senior", password)
        sign_ins.append(
            DemoSignIn("Service manager (senior manager)", senior_user.username, senior.name)
        )
    readers = []
    for role, username, first, last in (
        (Role.BUSINESS_SUPPORT, "support", "Bea", "Support"),
        (Role.QUALITY_ASSURANCE, "qa", "Quinn", "Assurance"),
        (Role.HR, "hr", "Harper", "Resources"),
        (Role.INSPECTOR, "inspector", "Ivy", "Inspector"),
        (Role.ADMINISTRATOR, "admin", "Ada", "Administrator"),
        (Role.ASSISTANT_DIRECTOR, "director", "Dana", "Director"),
    ):
        user = _account(organisation, username, first, last, password)
        RoleGrant.objects.get_or_create(user=user, role=role)
        who = f"{first} {last}"
        if role == Role.ASSISTANT_DIRECTOR:
            # Senior to the service managers: organisation-wide compliance and approving file
            # access come with the senior manager's role, which a council grants alongside.
            RoleGrant.objects.get_or_create(user=user, role=Role.SENIOR_MANAGER)
            who += " (also a senior manager)"
        if role in CASE_RECORD_ROLES:
            who += " (may read every child's record"
            if senior_user is not None and team:
                who += f", and the supervision files of {manager.name}'s team"
                readers.append((user, THIRD_PARTY_PURPOSES[role]))
            who += ")"
        sign_ins.append(DemoSignIn(Role(role).label, username, who))
    if senior_user is not None:
        _third_party_reading(senior_user, readers, team, since=as_of - timedelta(days=365))
    snapshot_series(organisation=organisation, days=month_ends(as_of, 12))
    _demo_two_factor([s.username for s in sign_ins])
    return sign_ins


def _grant_case_records(organisation: Organisation) -> None:
    """Let quality assurance and the inspector read every child's record in the demo (the
    organisation's `case_record_roles` setting; nothing else changes)."""
    roles = list(organisation.case_record_roles or [])
    missing = [str(role) for role in CASE_RECORD_ROLES if role not in roles]
    if not missing:
        return
    organisation.case_record_roles = roles + missing
    organisation.save(update_fields=["case_record_roles"])
    audit_record(
        action="organisation.case_record_roles_changed",
        organisation=organisation,
        obj=organisation,
        detail={"roles": organisation.case_record_roles},
    )


def _third_party_reading(
    senior: User, readers: list[tuple[User, str]], team: list[StaffMember], *, since: date
) -> None:
    """Quality assurance and the inspector may read the demo team's supervision files: a request
    for each file, for the last year's records, approved by the service manager for as long as
    an approval may last (as a person would do it in *Supervision files*; an approval still in
    force is left alone)."""
    from supervise.files.models import AccessRequest, AccessStatus
    from supervise.files.services.third_party import (
        MAX_ACCESS_DAYS,
        access_request_decide,
        access_request_make,
    )

    today = timezone.localdate()
    for reader, purpose in readers:
        approved = set(
            AccessRequest.objects.filter(
                requested_by=reader, status=AccessStatus.APPROVED, expires_on__gte=today
            ).values_list("subject_id", flat=True)
        )
        for subject in team:
            if subject.pk in approved:
                continue
            request = access_request_make(
                actor=reader,
                subject=subject,
                purpose=purpose,
                reason="Demo: to see whether supervision is regular and reflective.",
                scope_from=since,
            )
            access_request_decide(
                actor=senior,
                request=request,
                approve=True,
                note="Approved for the demo.",
                expires_on=today + timedelta(days=MAX_ACCESS_DAYS),
            )


def demo_totp_secret() -> str:
    """The demo's shared authenticator key: development settings only (DEBUG on and
    SUPERVISE_DEMO_TOTP_SECRET set); "" otherwise, and then demo accounts set up their own."""
    from django.conf import settings

    secret = getattr(settings, "SUPERVISE_DEMO_TOTP_SECRET", "")
    return secret if settings.DEBUG and secret else ""


def _demo_two_factor(usernames: list[str]) -> None:
    """Give the demo accounts the shared key, so that a person trying the product can sign in
    with `supervise totp USERNAME` (docs/security.md, "The demo")."""
    from supervise.accounts.two_factor import device_install

    secret = demo_totp_secret()
    if not secret:
        return
    for user in User.objects.filter(username__in=usernames):
        device_install(user=user, secret=secret)
