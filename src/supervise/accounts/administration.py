"""Business actions of an organisation's administrators on its accounts: creating an account
(for a staff member from the HR export, or for someone who is not staff, such as an inspector),
setting the roles it holds, and issuing the link with which the person sets their own password.

Disabling, enabling and resetting two-factor authentication are in `supervise.accounts.services`.
Each action is atomic and writes its audit row; audit rows name the account, never a password
or a link.

Why a set-up link rather than a password typed by the administrator: nobody but the person ever
knows their password (the NCSC's password guidance), and the link dies once used, when it
expires (PASSWORD_RESET_TIMEOUT) or when the password changes by any other route.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from supervise.accounts.access import SENIOR_STAFF_ROLES
from supervise.accounts.models import GRANTABLE, Role, RoleGrant, User
from supervise.accounts.services import may_administer
from supervise.audit.services import audit_record


class SetUpLinkTokens(PasswordResetTokenGenerator):
    """Its own salt, so that a set-up link and any other password token are not interchangeable."""

    key_salt = "supervise.accounts.administration.SetUpLinkTokens"


set_up_tokens = SetUpLinkTokens()


@dataclass(frozen=True, slots=True)
class SetUpLink:
    path: str  # /account/set-up/<uid>/<token>/ : the caller makes it absolute


def _require_administrator(actor: Any, organisation_id: int | None) -> None:
    probe = User(organisation_id=organisation_id)
    if not may_administer(actor, probe):
        raise PermissionDenied("Only an administrator of the organisation can manage accounts.")


def _set_up_link(user: User) -> SetUpLink:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = set_up_tokens.make_token(user)
    return SetUpLink(path=reverse("account:set-up-password", args=[uid, token]))


# Separation of duties (security review): whoever grants roles must not also hold a role that
# approves third-party access to supervision files (senior manager) or decides what a third
# party reads (the Assistant Director), or one person could grant access and approve it. For
# the same reason an administrator never changes their own roles: another administrator does.
APPROVING_ROLES = (Role.SENIOR_MANAGER, Role.ASSISTANT_DIRECTOR)


def roles_conflict(roles: set[str], *, staff_role: str = "") -> str | None:
    """Why an account may not hold these roles together, in words for the roles field, or
    None. `staff_role`: the holder's post in the HR export (a service manager is a senior
    manager by their post, `Viewer._roles`)."""
    if Role.ADMINISTRATOR.value not in roles:
        return None
    clash = [role.label for role in APPROVING_ROLES if role.value in roles]
    if clash:
        return (
            f"Administrator cannot be given with {' or '.join(clash)}: whoever grants roles "
            "must not also approve access to supervision files or decide redactions"
        )
    if staff_role in SENIOR_STAFF_ROLES:
        post = staff_role.replace("_", " ")
        return (
            f"Administrator cannot be given to a {post}: their post makes them a senior "
            "manager, who approves access to supervision files"
        )
    return None


def _refuse_conflict(user: User | None, roles: set[str]) -> None:
    staff = getattr(user, "staff_member", None) if user is not None and user.pk else None
    reason = roles_conflict(roles, staff_role=staff.role if staff is not None else "")
    if reason:
        raise ValidationError({"roles": [reason]})


def _grants_set(user: User, roles: set[str]) -> tuple[list[str], list[str]]:
    unknown = roles - {role.value for role in GRANTABLE}
    if unknown:
        raise ValidationError(f"Not a role an administrator can grant: {sorted(unknown)}")
    held = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    added, removed = sorted(roles - held), sorted(held - roles)
    RoleGrant.objects.filter(user=user, role__in=removed).delete()
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in added])
    return added, removed


@transaction.atomic
def account_create(
    *,
    actor: Any,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: set[str],
    staff_member: Any = None,
    address: str = "",
) -> tuple[User, SetUpLink]:
    """A new account in the actor's organisation, without a password: the returned link lets
    the person choose one. `staff_member` links it to that person's HR record, which is how the
    product knows whom they supervise and who supervises them."""
    organisation_id = actor.organisation_id if actor.is_authenticated else None
    _require_administrator(actor, organisation_id)
    if staff_member is not None:
        if staff_member.organisation_id != organisation_id:
            raise PermissionDenied("That staff member is not in your organisation.")
        if staff_member.user_id is not None:
            raise ValidationError("That staff member already has an account.")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError("That username is already taken.")
    reason = roles_conflict(roles, staff_role=staff_member.role if staff_member else "")
    if reason:
        raise ValidationError({"roles": [reason]})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation_id=organisation_id,
    )
    user.set_unusable_password()
    user.save()
    if staff_member is not None:
        staff_member.user = user
        staff_member.save(update_fields=["user"])
    added, _ = _grants_set(user, roles)
    audit_record(
        action="account.created",
        actor=actor,
        organisation=actor.organisation,
        obj=user,
        address=address,
        detail={"roles": added, "staff_member": staff_member.pk if staff_member else None},
    )
    return user, _set_up_link(user)


@transaction.atomic
def account_roles_set(*, actor: Any, user: User, roles: set[str], address: str = "") -> None:
    """Grant and withdraw roles so that the account holds exactly `roles` (of those an
    administrator grants; supervisor and practitioner follow from the supervision lines)."""
    _require_administrator(actor, user.organisation_id)
    if actor.pk == user.pk:
        held = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
        if Role.ADMINISTRATOR.value not in roles:
            # Otherwise an organisation can lose its last administrator by a slip of the mouse.
            raise ValidationError({"roles": ["You cannot remove your own administrator role"]})
        if roles != held:
            raise ValidationError(
                {"roles": ["You cannot change your own roles: another administrator does that"]}
            )
    _refuse_conflict(user, roles)
    added, removed = _grants_set(user, roles)
    if added or removed:
        audit_record(
            action="account.roles_changed",
            actor=actor,
            organisation=actor.organisation,
            obj=user,
            address=address,
            detail={"granted": added, "withdrawn": removed},
        )


@transaction.atomic
def account_set_up_link_issue(*, actor: Any, user: User, address: str = "") -> SetUpLink:
    """A link with which the person sets a (new) password: for a new account, or when they have
    forgotten theirs. Their current password keeps working until they use it."""
    _require_administrator(actor, user.organisation_id)
    if not user.is_active:
        raise ValidationError("Enable the account before sending a set-up link.")
    audit_record(
        action="account.set_up_link_issued",
        actor=actor,
        organisation=actor.organisation,
        obj=user,
        address=address,
    )
    return _set_up_link(user)


def account_set_up_link_email(*, actor: Any, user: User, url: str, address: str = "") -> bool:
    """Email the set-up link to the person's work email, when sending is configured and they
    have one: True when it was handed to the mail server. A failure is not an error: the
    administrator still has the link on the page to give them. The audit row says it was sent,
    never to which address (personal data) nor the link (it would let anyone in)."""
    _require_administrator(actor, user.organisation_id)
    if not (settings.SUPERVISE_EMAIL_SET_UP_LINKS and user.email):
        return False
    days = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
    organisation = user.organisation.name if user.organisation else "your organisation"
    body = (
        f"Hello {user.get_full_name() or user.get_username()},\n\n"
        f"{actor.get_full_name() or actor.get_username()} has set up your Supervise account "
        f"for {organisation}. Your username is {user.get_username()}.\n\n"
        f"Choose your password with this link (it works once, for {days} days):\n\n{url}\n\n"
        "When you first sign in you will set up two-factor authentication with an "
        "authenticator app on your phone.\n\n"
        "If you did not expect this email, tell your Supervise administrator and do not use "
        "the link.\n"
    )
    try:
        sent = send_mail(
            "Set up your Supervise account", body, None, [user.email], fail_silently=False
        )
    except (OSError, smtplib.SMTPException):
        return False
    if sent:
        audit_record(
            action="account.set_up_link_emailed",
            actor=actor,
            organisation=actor.organisation,
            obj=user,
            address=address,
        )
    return bool(sent)


@transaction.atomic
def account_set_up_complete(*, user: User, password: str, address: str = "") -> None:
    """The person chose their password through a set-up link (already checked by the view,
    the password by the validators). The link dies with the old password hash."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        action="account.set_up_completed",
        actor=user,
        organisation=user.organisation,
        obj=user,
        address=address,
    )
