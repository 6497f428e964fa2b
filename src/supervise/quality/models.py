"""Observations of supervision and of practice (observations.csv)."""

from __future__ import annotations

from django.db import models

from supervise.people.models import choices
from supervise.policy import model as vocabulary


class Observation(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    external_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=choices(vocabulary.OBSERVATION_KINDS))
    observer = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    observed = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="observations"
    )
    on = models.DateField()
    feedback = models.TextField(blank=True)

    class Meta:
        ordering = ["-on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="observation_id_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return f"Observation of {self.kind} on {self.on}"
