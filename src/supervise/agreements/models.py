"""Supervision agreements (contracts): the pack's template, e-signed by both (agreements.csv)."""

from __future__ import annotations

from django.db import models


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SIGNATURES = "awaiting_signatures", "Waiting for signatures"
    SIGNED = "signed", "Signed by both"
    SUPERSEDED = "superseded", "Replaced by a later agreement"


AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.AWAITING_SIGNATURES}),
    AgreementStatus.AWAITING_SIGNATURES: frozenset(
        {AgreementStatus.SIGNED, AgreementStatus.DRAFT, AgreementStatus.SUPERSEDED}
    ),
    AgreementStatus.SIGNED: frozenset({AgreementStatus.SUPERSEDED}),
    AgreementStatus.SUPERSEDED: frozenset(),
}


class Agreement(models.Model):
    class Reason(models.TextChoices):
        NEW_RELATIONSHIP = "new_relationship", "New supervisory relationship"
        ANNUAL_REVIEW = "annual_review", "Annual review"
        CHANGE_OF_SUPERVISOR = "change_of_supervisor", "Change of supervisor"
        RETURN_FROM_ABSENCE = "return_from_absence", "Return from extended absence"
        GRADE_CHANGE = "grade_change", "Change of grade"
        IMPORTED = "imported", "Imported"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    external_id = models.CharField(max_length=100)
    supervisee = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="agreements"
    )
    supervisor = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="agreements_as_supervisor"
    )
    status = models.CharField(
        max_length=30, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    reason = models.CharField(max_length=30, choices=Reason.choices, default="new_relationship")
    frequency = models.CharField(
        max_length=20, blank=True, help_text="Agreed interval as an ISO 8601 duration, e.g. P14D."
    )
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    cancellation_arrangements = models.TextField(blank=True)
    preparation = models.TextField(blank=True)
    confidentiality = models.TextField(blank=True)
    resolving_difficulties = models.TextField(blank=True)
    other_terms = models.TextField(blank=True)
    supervisee_signed_on = models.DateField(null=True, blank=True)
    supervisor_signed_on = models.DateField(null=True, blank=True)
    supervisee_signed_at = models.DateTimeField(null=True, blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="agreement_id_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return f"Agreement {self.supervisee} / {self.supervisor}"

    @property
    def signed_on(self):  # type: ignore[no-untyped-def]
        if self.supervisee_signed_on and self.supervisor_signed_on:
            return max(self.supervisee_signed_on, self.supervisor_signed_on)
        return None
