"""Two-factor authentication: enrolling an authenticator app, checking its codes (each code
once), recovery codes, and who must have it.

Who must: anyone who manages or supervises staff (their supervisees' health, performance and
capability records), senior managers, HR, administrators, and the installation's own staff
and superusers. Everyone else is asked at every sign-in and may choose "set it up later"
SUPERVISE_TWO_FACTOR_POSTPONEMENTS times [3]; after that they must set it up to sign in.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from supervise.accounts import secrets_at_rest, totp
from supervise.accounts.models import RecoveryCode, Role, RoleGrant, TwoFactor

MANAGER_STAFF_ROLES = frozenset(
    {"assistant_team_manager", "team_manager", "service_manager", "group_manager",
     "head_of_service"}
)  # fmt: skip
REQUIRED_GRANTS = frozenset({Role.SENIOR_MANAGER, Role.HR, Role.ADMINISTRATOR})
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from paper
RECOVERY_GROUPS = 4  # 4 groups of 4 from 30 symbols: 78 bits

logger = logging.getLogger(__name__)


class CodeRefused(ValueError):
    """A two-factor or recovery code that does not let the person in (message for people)."""


class KeyUnreadable(CodeRefused):
    """The stored key cannot be decrypted (its encryption key was removed from
    SUPERVISE_FIELD_ENCRYPTION_KEYS, or the row was altered). Not the person's mistake, so the
    views do not count it as a failed attempt; it is logged for the installation's staff."""


@dataclass(frozen=True, slots=True)
class Requirement:
    required: bool
    reason: str  # words for the person: why they must, or ""
    postponements_left: int


def postponements_allowed() -> int:
    return int(getattr(settings, "SUPERVISE_TWO_FACTOR_POSTPONEMENTS", 3))


def issuer_name() -> str:
    return str(getattr(settings, "SUPERVISE_TOTP_ISSUER", "Supervise"))


def required_reason(user: Any) -> str:
    """Why this account must use two-factor authentication, or "" if it need not."""
    from supervise.accounts.access import Viewer
    from supervise.people.models import StaffMember

    if user.is_superuser or user.is_staff:
        return "you administer this installation"
    grants = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    for role in (Role.ADMINISTRATOR, Role.HR, Role.SENIOR_MANAGER):
        if role in grants:
            return f"you have the {Role(role).label.lower()} role"
    staff_roles = set(StaffMember.objects.filter(user=user).values_list("role", flat=True))
    if staff_roles & MANAGER_STAFF_ROLES:
        return "you are a manager"
    if user.organisation_id and Viewer(user).has(Role.SUPERVISOR):
        return "you supervise other people"
    return ""


def requirement(user: Any) -> Requirement:
    reason = required_reason(user)
    device = TwoFactor.objects.filter(user=user).first()
    used = device.postponed if device else 0
    left = 0 if reason else max(postponements_allowed() - used, 0)
    return Requirement(required=bool(reason) or left == 0, reason=reason, postponements_left=left)


def device_of(user: Any) -> TwoFactor | None:
    return TwoFactor.objects.filter(user=user).first()


def is_enrolled(user: Any) -> bool:
    return TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


# --- the key, encrypted at rest (accounts.secrets_at_rest): the only code that touches it ----


def device_secret(device: TwoFactor) -> str:
    """The device's Base32 key, decrypted. Raises KeyUnreadable, with words for people."""
    try:
        return secrets_at_rest.decrypt(device.secret_encrypted)
    except secrets_at_rest.SecretsAtRestError as error:  # unreadable, or keys misconfigured
        # The user id and the reason only: never the stored value.
        logger.error("Two-factor key of user %s cannot be read: %s", device.user_id, error)
        raise KeyUnreadable(
            "Your authenticator app cannot be checked at the moment. Use a recovery code, or "
            "ask your administrator to reset two-factor authentication for your account"
        ) from None


def device_has_secret(device: TwoFactor, secret: str) -> bool:
    """Whether the device's key is this one (the demo's shared key); False if unreadable."""
    try:
        key = secrets_at_rest.decrypt(device.secret_encrypted)
    except secrets_at_rest.SecretsAtRestError:
        return False
    return hmac.compare_digest(key.encode(), secret.encode())


def device_install(*, user: Any, secret: str) -> TwoFactor:
    """An app already set up with this key: the demo's shared key (development only), and
    tests. People's own keys are made by `enrolment_start`."""
    device, _ = TwoFactor.objects.update_or_create(
        user=user,
        defaults={"secret_encrypted": secrets_at_rest.encrypt(secret),
                  "confirmed_at": timezone.now(), "last_used_step": 0},
    )  # fmt: skip
    return device


@transaction.atomic
def secrets_reencrypt() -> tuple[int, list[int]]:
    """Re-encrypt every stored key with the first key of SUPERVISE_FIELD_ENCRYPTION_KEYS (key
    rotation, docs/security.md); plain keys left from before encryption are encrypted. Returns
    how many were rewritten and the user ids of keys no listed key decrypts (left as they
    are: those people need a reset)."""
    rewritten, unreadable = 0, []
    for device in TwoFactor.objects.select_for_update().order_by("pk"):
        try:
            stored = secrets_at_rest.reencrypt(device.secret_encrypted)
        except secrets_at_rest.SecretUnreadable:
            unreadable.append(device.user_id)
            continue
        TwoFactor.objects.filter(pk=device.pk).update(secret_encrypted=stored)
        rewritten += 1
    from supervise.audit.services import audit_record

    audit_record(action="security.secrets_reencrypted", object_type="accounts.twofactor",
                 detail={"rewritten": rewritten, "unreadable": len(unreadable)})  # fmt: skip
    return rewritten, unreadable


def enrolment_start(*, user: Any) -> TwoFactor:
    """The unconfirmed device (the same key until it is confirmed)."""
    device, _ = TwoFactor.objects.get_or_create(
        user=user, defaults={"secret_encrypted": secrets_at_rest.encrypt(totp.new_secret())}
    )
    if device.confirmed:
        raise CodeRefused("Two-factor authentication is already set up for this account")
    return device


def enrolment_key(*, user: Any) -> str:
    """The key to show while setting up (starting enrolment if needed). An unconfirmed key
    that can no longer be decrypted is replaced: nothing depends on it yet."""
    device = enrolment_start(user=user)
    try:
        return secrets_at_rest.decrypt(device.secret_encrypted)
    except secrets_at_rest.SecretUnreadable:
        secret = totp.new_secret()
        device.secret_encrypted = secrets_at_rest.encrypt(secret)
        device.save(update_fields=["secret_encrypted"])
        return secret


def _use_code(device: TwoFactor, code: str) -> None:
    """Accept the code once: a code (time step) already used, or an older one, is refused."""
    step = totp.matching_step(device_secret(device), code, timezone.now().timestamp())
    if step is None:
        raise CodeRefused("The code is not correct: enter the code your app shows now")
    if step <= device.last_used_step:
        raise CodeRefused("That code has already been used: wait for your app to show a new code")
    device.last_used_step = step
    device.save(update_fields=["last_used_step"])


@transaction.atomic
def enrolment_confirm(*, user: Any, code: str) -> list[str]:
    """Confirm the app with a first code; returns new recovery codes (shown once)."""
    device = TwoFactor.objects.select_for_update().filter(user=user).first()
    if device is None or device.confirmed:
        raise CodeRefused("Start setting up two-factor authentication again")
    _use_code(device, code)
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at"])
    return recovery_codes_issue(user=user)


@transaction.atomic
def code_verify(*, user: Any, code: str) -> None:
    """Check a sign-in code (raises CodeRefused). Row-locked, so that two requests racing with
    the same code cannot both pass."""
    device = TwoFactor.objects.select_for_update().filter(user=user).first()
    if device is None or not device.confirmed:
        raise CodeRefused("Two-factor authentication is not set up for this account")
    _use_code(device, code)


@transaction.atomic
def postpone(*, user: Any) -> int:
    """Count one "set it up later"; returns how many are left. Refused when none are."""
    if requirement(user).required:
        raise CodeRefused("You must set up two-factor authentication to continue")
    device = enrolment_start(user=user)
    TwoFactor.objects.filter(pk=device.pk).update(postponed=device.postponed + 1)
    return requirement(user).postponements_left


# --- recovery codes --------------------------------------------------------------------------


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{normalise_recovery_code(code)}".encode()).hexdigest()


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _new_recovery_code() -> str:
    groups = ("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


@transaction.atomic
def recovery_codes_issue(*, user: Any) -> list[str]:
    """Replace the person's recovery codes with new ones; the plain codes are returned once
    and never stored."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    rows = []
    for code in codes:
        salt = secrets.token_hex(16)
        rows.append(RecoveryCode(user=user, salt=salt, digest=_digest(salt, code)))
    RecoveryCode.objects.bulk_create(rows)
    return codes


@transaction.atomic
def recovery_code_use(*, user: Any, code: str) -> int:
    """Use one recovery code (each works once); returns how many are left."""
    unused = list(RecoveryCode.objects.select_for_update().filter(user=user, used_at__isnull=True))
    match = None
    for row in unused:  # every row, so timing does not say which matched
        if secrets.compare_digest(row.digest, _digest(row.salt, code)):
            match = row
    if match is None or not normalise_recovery_code(code):
        raise CodeRefused("The recovery code is not correct, or it has already been used")
    match.used_at = timezone.now()
    match.save(update_fields=["used_at"])
    return len(unused) - 1


def recovery_codes_left(user: Any) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def two_factor_remove(*, user: Any) -> None:
    """Forget the app and the recovery codes (an administrator's reset for a lost phone)."""
    TwoFactor.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
