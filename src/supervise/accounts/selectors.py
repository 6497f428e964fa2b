"""Reading an organisation's accounts for its administrators: who can sign in, with which roles,
and which staff members from the HR export have no account yet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from supervise.accounts.models import Role, RoleGrant, TwoFactor, User
from supervise.people.models import StaffMember

SHOW_ACCOUNTS = "accounts"
SHOW_DISABLED = "disabled"
SHOW_WITHOUT_ACCOUNT = "without-account"
SHOWS = (
    (SHOW_ACCOUNTS, "Active accounts"),
    (SHOW_DISABLED, "Disabled accounts"),
    (SHOW_WITHOUT_ACCOUNT, "Staff without an account"),
)


@dataclass(frozen=True, slots=True)
class AccountRow:
    user: User
    staff: StaffMember | None
    roles: list[str]  # labels of the granted roles
    two_factor: bool


def accounts(organisation_id: int, *, show: str = SHOW_ACCOUNTS, query: str = "") -> QuerySet[User]:
    users = (
        User.objects.filter(organisation_id=organisation_id, is_active=show != SHOW_DISABLED)
        .select_related("staff_member", "staff_member__team", "two_factor")
        .prefetch_related(Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role")))
        .order_by("last_name", "first_name", "username")
    )
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(staff_member__name__icontains=query)
        )
    return users


def account_rows(users: Any) -> list[AccountRow]:
    rows = []
    for user in users:
        try:
            device = user.two_factor
        except TwoFactor.DoesNotExist:
            device = None
        rows.append(
            AccountRow(
                user=user,
                staff=getattr(user, "staff_member", None),
                roles=[Role(grant.role).label for grant in user.role_grants.all()],
                two_factor=device is not None and device.confirmed,
            )
        )
    return rows


def staff_without_account(organisation_id: int, *, query: str = "") -> QuerySet[StaffMember]:
    staff = StaffMember.objects.filter(
        organisation_id=organisation_id, user__isnull=True
    ).select_related("team")
    if query:
        staff = staff.filter(Q(name__icontains=query) | Q(external_id__iexact=query))
    # People who have left need no account; they are kept out unless searched for by name.
    return staff if query else staff.filter(left_on__isnull=True)
