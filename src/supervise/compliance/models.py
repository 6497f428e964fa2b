"""Compliance over time: what the engine found on a day, counted by team, supervisor and rule.

Snapshots are taken by `supervise snapshot` (daily, and after each import) so that the senior
managers' page reads a few hundred rows instead of re-running the engine over years of data.
"""

from __future__ import annotations

from django.db import models


class ComplianceSnapshot(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    taken_on = models.DateField(help_text="The as_of day the engine was run for.")
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    supervisor = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    rule = models.CharField(max_length=40)
    subjects = models.PositiveIntegerField(
        help_text="Staff or children with this duty (frequency rules), else unmet duties."
    )
    overdue = models.PositiveIntegerField()
    due_soon = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_on"]
        indexes = [models.Index(fields=["organisation", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.rule} on {self.taken_on}"
