"""Each import of an interchange folder: who, when, what it would change, and whether it did."""

from __future__ import annotations

from django.db import models


class ImportStatus(models.TextChoices):
    INVALID = "invalid", "Refused: the folder has problems"
    VALIDATED = "validated", "Checked: waiting for confirmation"
    APPLIED = "applied", "Imported"
    DISCARDED = "discarded", "Not imported"


IMPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ImportStatus.INVALID: frozenset(),
    ImportStatus.VALIDATED: frozenset({ImportStatus.APPLIED, ImportStatus.DISCARDED}),
    ImportStatus.APPLIED: frozenset(),
    ImportStatus.DISCARDED: frozenset(),
}


class ImportRun(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    started_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=20, choices=[("cli", "Command line"), ("web", "Upload")])
    name = models.CharField(max_length=300, help_text="Folder path or uploaded file name.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the files imported.")
    status = models.CharField(max_length=20, choices=ImportStatus.choices)
    changes = models.JSONField(default=dict, help_text="Per file: created, updated, unchanged.")
    problems = models.JSONField(default=list)
    archive = models.BinaryField(
        null=True, blank=True, help_text="The uploaded zip, kept until confirmed or discarded."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Import of {self.name} ({self.get_status_display()})"
