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


GRANTABLE = (
    Role.SENIOR_MANAGER,
    Role.BUSINESS_SUPPORT,
    Role.QUALITY_ASSURANCE,
    Role.HR,
    Role.INSPECTOR,
    Role.ADMINISTRATOR,
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
