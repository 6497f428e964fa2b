"""Supervision sessions, their records, case discussions, agenda, actions and addenda
(interchange: sessions.csv, case_discussions.csv)."""

from __future__ import annotations

from django.db import models

from supervise.people.models import choices
from supervise.policy import model as vocabulary
from supervise.sessions.states import ActionStatus, RecordStatus, SessionStatus


class Session(models.Model):
    class Kind(models.TextChoices):
        FORMAL = "formal", "One-to-one supervision"
        GROUP = "group", "Group case supervision"
        INFORMAL = "informal", "Informal discussion"
        OVERSIGHT = "oversight", "Management oversight"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    external_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    supervisor = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="sessions_led"
    )
    supervisee = models.ForeignKey(
        "people.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions_received",
    )
    participants = models.ManyToManyField(
        "people.StaffMember", blank=True, related_name="group_sessions"
    )
    scheduled_on = models.DateField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    series = models.UUIDField(null=True, blank=True, help_text="Sessions booked together.")
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replacements"
    )

    cancelled_by = models.CharField(
        max_length=20, choices=choices(vocabulary.CANCELLED_BY), blank=True
    )
    cancel_reason = models.CharField(
        max_length=20, choices=choices(vocabulary.CANCEL_REASONS), blank=True
    )
    cancel_note = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    record_status = models.CharField(
        max_length=30, choices=RecordStatus.choices, default=RecordStatus.NOT_STARTED
    )
    typist = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records_to_type",
        help_text="Business support asked to type up the supervisor's notes.",
    )
    record_completed_on = models.DateField(null=True, blank=True)
    supervisor_signed_on = models.DateField(null=True, blank=True)
    supervisee_signed_on = models.DateField(null=True, blank=True)
    finalised_on = models.DateField(null=True, blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    supervisee_signed_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    declined_reason = models.TextField(blank=True)
    supervisee_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-scheduled_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="session_id_unique_in_org"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "supervisee", "status"]),
            models.Index(fields=["organisation", "supervisor", "status"]),
        ]

    def __str__(self) -> str:
        day = self.held_on or self.scheduled_on
        who = f" with {self.supervisee}" if self.supervisee_id else ""
        return f"{self.get_kind_display()}{who} ({day})"

    @property
    def is_locked(self) -> bool:
        return self.record_status == RecordStatus.FINALISED

    @property
    def day(self):  # type: ignore[no-untyped-def]
        return self.held_on or self.scheduled_on


class RecordEntry(models.Model):
    """The text under one heading of the pack's personal supervision template."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="entries")
    heading = models.CharField(max_length=60)
    text = models.TextField(blank=True)
    confidential = models.BooleanField(
        default=False,
        help_text="Agreed between supervisor and supervisee to stay between them (Bath & NE "
        "Somerset section 12): hidden from everyone else, the supervisor's line manager and "
        "approved third parties included, unless a formal concern's approver allows it.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "heading"], name="one_entry_per_heading")
        ]

    def __str__(self) -> str:
        return self.heading


class CaseDiscussion(models.Model):
    """One child discussed in one session, recorded with the pack's case template."""

    class Risk(models.TextChoices):
        REDUCING = "reducing", "Risk reducing"
        SAME = "same", "No change"
        INCREASING = "increasing", "Risk increasing"

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="discussions")
    child = models.ForeignKey("cases.Child", on_delete=models.PROTECT, related_name="discussions")
    worker = models.ForeignKey(
        "people.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The worker whose case it is (group sessions discuss several workers' cases).",
    )
    recorded_on = models.DateField(null=True, blank=True)
    # Reflective cycle (Hertfordshire section 4, York section 5)
    experience = models.TextField(blank=True)
    reflection = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    action_planning = models.TextField(blank=True)
    # Hull's recording elements
    previous_actions_reviewed = models.TextField(blank=True)
    childs_voice = models.TextField(blank=True)
    progress_against_plan = models.TextField(blank=True)
    direction_of_risk = models.CharField(max_length=20, choices=Risk.choices, blank=True)
    # Signs of Safety three columns
    worried_about = models.TextField(blank=True)
    working_well = models.TextField(blank=True)
    needs_to_happen = models.TextField(blank=True)
    # Equality and diversity prompt
    equality_and_diversity = models.TextField(blank=True)
    decisions = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "child"], name="child_once_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.child} in {self.session}"


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    added_by = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=500)
    child = models.ForeignKey(
        "cases.Child", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    carried_action = models.ForeignKey(
        "Action", on_delete=models.CASCADE, null=True, blank=True, related_name="agenda_items"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class Action(models.Model):
    """An action agreed in supervision. Carried into each later session's agenda until done."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="actions")
    child = models.ForeignKey(
        "cases.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    owner = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default="open")
    completed_on = models.DateField(null=True, blank=True)
    times_carried = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["due_on", "id"]

    CARRIED_TOO_OFTEN = 3  # "an action carried three times is flagged" (issue 3)

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def flagged(self) -> bool:
        return self.status == ActionStatus.OPEN and self.times_carried >= self.CARRIED_TOO_OFTEN


class Addendum(models.Model):
    """A dated, attributed addition to a finalised record; the original stays as it was."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ["written_at"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"Addendum of {self.written_at:%Y-%m-%d}"
