"""Staff, who supervises whom, absences and staff events (interchange: staff.csv,
supervision_lines.csv, absences.csv, events.csv)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from supervise.policy import model as vocabulary


def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v.replace("_", " ").capitalize()) for v in values]


class StaffMember(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="staff"
    )
    external_id = models.CharField(
        max_length=100, help_text="The staff_id of the HR system's export."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=40, choices=choices(vocabulary.ROLES))
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="staff"
    )
    contract = models.CharField(
        max_length=20, choices=choices(vocabulary.CONTRACTS), default="permanent"
    )
    hours = models.CharField(max_length=20, choices=choices(vocabulary.HOURS), default="full_time")
    started_on = models.DateField()
    qualified_on = models.DateField(null=True, blank=True)
    asye = models.BooleanField(default=False)
    left_on = models.DateField(null=True, blank=True)
    supervisor_training_on = models.DateField(null=True, blank=True)
    file_archived_on = models.DateField(null=True, blank=True)
    file_destroyed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="staff_id_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SupervisionLine(models.Model):
    """Who supervises whom from when to when; `cover` for a temporary alternative arrangement."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    supervisee = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="lines")
    supervisor = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="supervisee_lines"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    cover = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_on"]
        indexes = [models.Index(fields=["organisation", "supervisor"])]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.supervisee} from {self.starts_on}"


class Absence(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=30, choices=choices(vocabulary.ABSENCE_REASONS))
    planned = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_on"]

    def __str__(self) -> str:
        return f"{self.staff} absent from {self.starts_on}"


class StaffEvent(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="events")
    on = models.DateField()
    kind = models.CharField(max_length=30, choices=choices(vocabulary.EVENT_KINDS))
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on}"
