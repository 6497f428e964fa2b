"""Accounts and the roles people hold in the product.

Some roles follow from a person's place in the organisation (a supervisor is anyone with a
supervisee today; a practitioner is anyone supervised); the others are granted by the
organisation's administrators (`RoleGrant`): senior manager, business support, quality assurance,
HR, inspector, administrator. Object-level rights are decided in `supervise.accounts.access`.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    SUPERVISOR = "supervisor", "Supervisor"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    BUSINESS_SUPPORT = "business_support", "Business support"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance"
    HR = "hr", "HR"
    INSPECTOR = "inspector", "Inspector"
    ADMINISTRATOR = "administrator", "Administrator"
    # York standard 7: "The final decision will be taken by the Assistant Director" on removing
    # a sensitive section before a third party reads a record.
    ASSISTANT_DIRECTOR = "assistant_director", "Assistant Director"


GRANTABLE = (
    Role.SENIOR_MANAGER,
    Role.BUSINESS_SUPPORT,
    Role.QUALITY_ASSURANCE,
    Role.HR,
    Role.INSPECTOR,
    Role.ADMINISTRATOR,
    Role.ASSISTANT_DIRECTOR,
)


class User(AbstractUser):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="The tenant this account belongs to. Empty only for the installation's "
        "own superusers.",
    )
    single_sign_on_subject = models.CharField(
        max_length=255,
        blank=True,
        db_index=True,
        help_text="The identity provider's `sub` for this person, recorded at their first "
        "single sign-on; later sign-ons must match it. Clear it if the provider re-creates them.",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=30, choices=[(r.value, r.label) for r in GRANTABLE])
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


# --- signing in securely (issue 4, "Trust"): see docs/security.md ---------------------------


class TwoFactor(models.Model):
    """A person's authenticator app (RFC 6238 TOTP). Created unconfirmed when enrolment starts,
    confirmed when they type a correct code. `last_used_step` refuses a code used before.

    The key is stored encrypted (accounts.secrets_at_rest): read and write it only through
    `two_factor` (`device_secret`, `enrolment_start`, `device_install`)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret_encrypted = models.CharField(
        max_length=255,
        help_text="The Base32 TOTP key, encrypted with SUPERVISE_FIELD_ENCRYPTION_KEYS.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)
    postponed = models.PositiveSmallIntegerField(
        default=0, help_text="How many times the person chose to set it up later."
    )

    class Meta:
        verbose_name = "two-factor authentication"

    def __str__(self) -> str:
        return f"{self.user} — {'on' if self.confirmed_at else 'not set up'}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A single-use code for when the authenticator app is lost. Stored as a salted SHA-256
    digest: the codes carry 80 random bits, enough that a slow hash adds nothing."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    salt = models.CharField(max_length=32)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} recovery code ({'used' if self.used_at else 'unused'})"


class SignInFailure(models.Model):
    """One failed sign-in (wrong password or wrong code), for throttling across processes.
    `account_key` is a keyed hash of the username as typed, so failures against names that
    are not accounts count the same way and nothing here says which accounts exist."""

    PASSWORD = "password"  # noqa: S105 - the kind of failure, not a password
    CODE = "code"

    at = models.DateTimeField(db_index=True)
    account_key = models.CharField(max_length=64, db_index=True)
    address = models.CharField(max_length=64, blank=True, db_index=True)
    kind = models.CharField(max_length=10, choices=[(PASSWORD, "Password"), (CODE, "Code")])

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} failure from {self.address or '?'}"
