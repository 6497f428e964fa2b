"""The audit trail: who did or read what, when, from where and why. Append-only; each row
carries the hash of the previous one so that an edited or deleted row is detectable
(`supervise audit verify`). Rows never contain record content: only ids and kinds."""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(
        max_length=150, blank=True, help_text="Username or 'system': kept if the account goes."
    )
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    address = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class AuditAnchor(models.Model):
    """The head of the audit trail at a moment: which row it was and its hash.

    The chain finds a row edited or deleted before another, but not rows cut from its end (nor
    an emptied table): nothing follows them. An anchor, written daily (`supervise audit anchor`,
    and by every clean `supervise audit verify`), pins the head; verify reports an anchored row
    that is missing or whose hash differs. Append-only, guarded like the trail. `entry_id` is
    not a foreign key, so that a deletion stays possible to *detect* rather than failing."""

    at = models.DateTimeField()
    entry_id = models.BigIntegerField(help_text="The audit entry that was the trail's head.")
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} entry {self.entry_id}"
