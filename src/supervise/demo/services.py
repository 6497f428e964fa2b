"""The demo authority for `make run`: a generated folder imported into an organisation, and one
sign-in for each role. Development only: the passwords are printed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Q

from supervise.accounts.models import Role, RoleGrant, User
from supervise.compliance.services import month_ends, snapshot_series
from supervise.imports.services import folder_import
from supervise.organisations.models import Organisation
from supervise.organisations.services import organisation_create
from supervise.people.models import StaffMember, SupervisionLine

DEMO_PASSWORD = "supervise-demo-2026"  # noqa: S105 - printed for the local demo only


@dataclass(frozen=True, slots=True)
class DemoSignIn:
    role: str
    username: str
    who: str


def _in_force(day: date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def _account(organisation: Organisation, username: str, first: str, last: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"organisation": organisation, "first_name": first, "last_name": last},
    )
    user.organisation = organisation
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _link(organisation: Organisation, staff: StaffMember, username: str) -> User:
    first, _, last = staff.name.partition(" ")
    user = _account(organisation, username, first, last)
    StaffMember.objects.filter(user=user).exclude(pk=staff.pk).update(user=None)
    staff.user = user
    staff.save(update_fields=["user"])
    return user


@transaction.atomic
def demo_load(*, folder: Path, slug: str, policy: str, name: str, as_of: date) -> list[DemoSignIn]:
    organisation = Organisation.objects.filter(slug=slug).first() or organisation_create(
        slug=slug, name=name, policy=policy
    )
    outcome = folder_import(organisation=organisation, folder=folder)
    if outcome.problems:
        raise ValueError("the demo folder does not import:\n" + "\n".join(outcome.problems))
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
    sign_ins = [
        DemoSignIn(
            "Team manager (supervisor)",
            _link(organisation, manager, "manager").username,
            manager.name,
        ),
    ]
    if worker:
        sign_ins.append(
            DemoSignIn(
                "Social worker (supervisee)",
                _link(organisation, worker, "worker").username,
                worker.name,
            )
        )
    if head_line:
        senior = head_line.supervisor
        sign_ins.append(
            DemoSignIn(
                "Service manager (senior manager)",
                _link(organisation, senior, "senior").username,
                senior.name,
            )
        )
    for role, username, first, last in (
        (Role.BUSINESS_SUPPORT, "support", "Bea", "Support"),
        (Role.QUALITY_ASSURANCE, "qa", "Quinn", "Assurance"),
        (Role.HR, "hr", "Harper", "Resources"),
        (Role.INSPECTOR, "inspector", "Ivy", "Inspector"),
        (Role.ADMINISTRATOR, "admin", "Ada", "Administrator"),
        (Role.ASSISTANT_DIRECTOR, "director", "Dana", "Director"),
    ):
        user = _account(organisation, username, first, last)
        RoleGrant.objects.get_or_create(user=user, role=role)
        sign_ins.append(DemoSignIn(Role(role).label, username, f"{first} {last}"))
    snapshot_series(organisation=organisation, days=month_ends(as_of, 12))
    _demo_two_factor([s.username for s in sign_ins])
    return sign_ins


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
