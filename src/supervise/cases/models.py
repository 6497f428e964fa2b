"""Children, their statuses and allocations (interchange: children.csv, child_statuses.csv,
allocations.csv), and the child's record: the entries supervision writes to it."""

from __future__ import annotations

from django.db import models

from supervise.people.models import choices
from supervise.policy import model as vocabulary


class Child(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="children"
    )
    external_id = models.CharField(
        max_length=100, help_text="The case-management system's person id."
    )
    name = models.CharField(max_length=200, blank=True)
    born_on = models.DateField(null=True, blank=True)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    service = models.CharField(max_length=100, blank=True)
    particularly_vulnerable = models.BooleanField(default=False)
    risk_rating = models.CharField(
        max_length=10, choices=choices(vocabulary.RISK_RATINGS), blank=True
    )
    agreed_interval = models.CharField(max_length=20, blank=True)
    agreed_by = models.ForeignKey(
        "people.StaffMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    permanence_plan_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name", "external_id"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="child_id_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.external_id


class ChildStatus(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=40, choices=choices(vocabulary.CHILD_STATUSES))
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name_plural = "child statuses"

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.starts_on}"


class Allocation(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    staff = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="allocations"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        indexes = [models.Index(fields=["organisation", "staff"])]

    def __str__(self) -> str:
        return f"{self.child} allocated to {self.staff} from {self.starts_on}"


class CaseNote(models.Model):
    """An entry on the child's record written by supervision: a case discussion's summary and
    decisions, a management-oversight decision or an informal discussion outside a session."""

    class Kind(models.TextChoices):
        CASE_SUPERVISION = "case_supervision", "Case supervision"
        GROUP_CASE_SUPERVISION = "group_case_supervision", "Group case supervision"
        MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
        INFORMAL_DISCUSSION = "informal_discussion", "Informal discussion"
        DECISION = "decision", "Management decision"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    author = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    happened_on = models.DateField()
    written_at = models.DateTimeField(auto_now_add=True)
    # When a draft session's discussion changed the entry after it was first written: the
    # child's record says so, rather than changing silently.
    changed_at = models.DateTimeField(null=True, blank=True)
    body = models.TextField()
    # The entry outlives its session: case supervision follows the child's record, not the
    # worker's supervision file, which is destroyed when its retention ends.
    case_discussion = models.OneToOneField(
        "supervision.CaseDiscussion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_note",
    )

    class Meta:
        ordering = ["-happened_on", "-written_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_on}"
