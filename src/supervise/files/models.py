"""The supervision file: what each policy keeps per supervisee beyond the session records
(learning, appraisals, upheld complaints, handovers), who may read it and why, and what is left
of it after its retention ends (a tombstone).

Sessions, agreements and observations live in their own apps; the file page gathers them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LearningEntry(models.Model):
    """The file's learning module (Bath & NE Somerset section 15; Hull's CPD log)."""

    class Kind(models.TextChoices):
        DEVELOPMENT_PLAN = "development_plan", "Personal development plan objective"
        INDUCTION = "induction", "Induction checklist item"
        CPD = "cpd", "Continuing professional development"
        TRAINING = "training", "Training"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="learning"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=300)
    on = models.DateField(null=True, blank=True)
    detail = models.TextField(blank=True)
    completed = models.BooleanField(default=False)
    impact_discussion = models.TextField(
        blank=True,
        help_text="The recorded discussion of the training's impact on the worker's development "
        "(Bath & NE Somerset section 9).",
    )
    signed_off_by = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-on", "id"]
        verbose_name_plural = "learning entries"

    def __str__(self) -> str:
        return self.title


class Appraisal(models.Model):
    """The annual appraisal (PMDS, PDR, PDPR, IPR, performance review)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="appraisals"
    )
    held_on = models.DateField()
    appraiser = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()
    objectives = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Appraisal on {self.held_on}"


class Complaint(models.Model):
    """A complaint about the worker; the file shows the upheld ones (Bath & NE Somerset s15)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="complaints"
    )
    received_on = models.DateField()
    summary = models.TextField()
    upheld = models.BooleanField(default=False)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"Complaint received {self.received_on}"


class Handover(models.Model):
    """A change of supervisor: the file moves to the new supervisor, with a three-way handover
    meeting where possible (Nottingham section 4; Hull "Storage and Retention")."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    supervisee = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="handovers"
    )
    outgoing = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    incoming = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    transferred_on = models.DateField()
    meeting_held_on = models.DateField(null=True, blank=True)
    meeting_notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-transferred_on"]

    def __str__(self) -> str:
        return f"Handover of {self.supervisee} on {self.transferred_on}"


class LegalHold(models.Model):
    """HR stops a file from being destroyed while a claim or investigation needs it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="legal_holds"
    )
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self) -> str:
        return f"Legal hold placed {self.placed_at:%Y-%m-%d}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class Tombstone(models.Model):
    """What remains of a destroyed file: whose it was, when and under which policy it went."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    staff_external_id = models.CharField(max_length=100)
    left_on = models.DateField()
    due_on = models.DateField(help_text="The first day the policy allowed destruction.")
    destroyed_at = models.DateTimeField()
    destroyed_by = models.CharField(max_length=150, help_text="Who ran the destruction.")
    policy = models.CharField(max_length=60)
    policy_source = models.CharField(max_length=300)
    counts = models.JSONField(default=dict, help_text="How many rows of each kind went.")

    class Meta:
        ordering = ["-destroyed_at"]

    def __str__(self) -> str:
        return f"File of {self.staff_external_id} destroyed {self.destroyed_at:%Y-%m-%d}"


class AccessPurpose(models.TextChoices):
    """The only purposes for which someone else may read a supervision file (York standard 7;
    Hull "Confidentiality")."""

    TRANSFER = "transfer", "Transfer of management and supervision responsibility"
    FORMAL_CONCERN = "formal_concern", "A formal concern about the worker's practice"
    AUDIT = "audit", "Audit or quality assurance"
    INSPECTION = "inspection", "Inspection (Ofsted)"
    DISCIPLINARY = "disciplinary", "Disciplinary investigation"
    COMPLAINT = "complaint", "Complaint investigation"


class AccessStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


ACCESS_TRANSITIONS: dict[str, frozenset[str]] = {
    AccessStatus.REQUESTED: frozenset(
        {AccessStatus.APPROVED, AccessStatus.REFUSED, AccessStatus.WITHDRAWN}
    ),
    AccessStatus.APPROVED: frozenset({AccessStatus.WITHDRAWN}),
    AccessStatus.REFUSED: frozenset(),
    AccessStatus.WITHDRAWN: frozenset(),
}


class AccessRequest(models.Model):
    """A third party's request to read one worker's supervision file for a stated purpose.

    A senior manager approves it with an expiry date; every read under it is audited with its
    purpose; the worker can see who read their file and why. Items kept confidential between
    supervisor and supervisee stay hidden unless the purpose is a formal concern and the approver
    says so (Bath & NE Somerset section 12).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_requests"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    subject = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="access_requests"
    )
    purpose = models.CharField(max_length=30, choices=AccessPurpose.choices)
    reason = models.TextField(help_text="Why this file is needed for that purpose.")
    scope_from = models.DateField(null=True, blank=True)
    scope_to = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=AccessStatus.choices, default=AccessStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    expires_on = models.DateField(null=True, blank=True)
    include_confidential = models.BooleanField(default=False)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: file of {self.subject}"


class RedactionStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for the Assistant Director"
    GRANTED = "granted", "Removed from what third parties see"
    REFUSED = "refused", "Refused"


class RedactionRequest(models.Model):
    """A request that a sensitive section of a record is not shown to a third party (York
    standard 7); the Assistant Director decides and the decision is kept. The record itself is
    never changed: a granted request hides the section from third-party readers."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(
        "supervision.RecordEntry", on_delete=models.CASCADE, related_name="redaction_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    status = models.CharField(
        max_length=20, choices=RedactionStatus.choices, default=RedactionStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Redaction request {self.get_status_display()}"
