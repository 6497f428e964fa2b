"""Forms for the supervision file's pages. Error messages follow the GOV.UK Design System; the
services check the rules again (and refuse with words that the views show as form errors)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from supervise.files.models import AccessPurpose, LearningEntry
from supervise.files.services.third_party import MAX_ACCESS_DAYS
from supervise.policy.dates import format_long
from supervise.web.forms import GovukDateField

LONG_TEXT = 10_000


def text_area(label: str, *, required: str | None, hint: str = "", rows: int = 5) -> forms.Field:
    """A textarea; `required` is the error message when it is left empty (None: optional)."""
    messages = {"max_length": f"{label.split(' (')[0]} must be {LONG_TEXT:,} characters or fewer"}
    if required:
        messages["required"] = required
    return forms.CharField(
        label=label,
        help_text=hint,
        required=bool(required),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=messages,
    )


def not_after(day: date | None, today: date, what: str) -> None:
    if day is not None and day > today:
        raise forms.ValidationError(f"{what} must be today or in the past")


class TodayForm(forms.Form):
    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today


# --- learning, appraisals, complaints --------------------------------------------------------


class LearningForm(TodayForm):
    kind = forms.ChoiceField(
        label="What kind of learning is it?",
        choices=LearningEntry.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of learning it is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=300,
        help_text="For example, ‘Working with parental conflict’ or ‘Court skills training’",
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 300 characters or fewer",
        },
    )
    on = GovukDateField(
        what="The date",
        label="Date (optional)",
        required=False,
        help_text="When it took place or is planned, for example 14 9 2026",
    )
    detail = text_area(
        "Details (optional)",
        required=None,
        hint="What it covered, or for a development plan objective, how it will be met",
    )


class CpdSignOffForm(forms.Form):
    impact_discussion = text_area(
        "The discussion of its impact",
        required="Record the discussion of the impact on the worker's development",
        hint="What you discussed about how this learning has changed the worker's practice and "
        "development. Signing off marks the learning as completed.",
        rows=6,
    )


class AppraisalForm(TodayForm):
    held_on = GovukDateField(
        what="The date of the appraisal",
        label="Date of the appraisal",
        help_text="For example, 12 10 2026",
    )
    summary = text_area("Summary", required="Summarise the appraisal", rows=6)
    objectives = text_area(
        "Objectives for the coming year (optional)", required=None, hint="One objective a line"
    )

    def clean_held_on(self) -> date:
        day: date = self.cleaned_data["held_on"]
        not_after(day, self.today, "The date of the appraisal")
        return day


class ComplaintForm(TodayForm):
    received_on = GovukDateField(
        what="The date the complaint was received",
        label="Date the complaint was received",
        help_text="For example, 2 6 2026",
    )
    summary = text_area(
        "What the complaint was about",
        required="Summarise the complaint",
        hint="Do not write children's details here: they belong on the child's record",
    )
    upheld = forms.ChoiceField(
        label="Was the complaint upheld?",
        choices=[("yes", "Yes, upheld"), ("no", "No, not upheld")],
        widget=forms.RadioSelect,
        help_text="Only upheld complaints are shown in the supervision file",
        error_messages={"required": "Select whether the complaint was upheld"},
    )
    outcome = text_area("Outcome (optional)", required=None, rows=3)

    def clean_received_on(self) -> date:
        day: date = self.cleaned_data["received_on"]
        not_after(day, self.today, "The date the complaint was received")
        return day


# --- transfer to a new supervisor ------------------------------------------------------------


class TransferForm(TodayForm):
    incoming = forms.TypedChoiceField(
        label="New supervisor",
        coerce=int,
        error_messages={"required": "Select the new supervisor"},
    )
    on = GovukDateField(
        what="The date the new supervisor takes over",
        label="Date the new supervisor takes over",
        help_text="For example, 1 12 2026. The current supervision ends the day before.",
    )
    meeting_held_on = GovukDateField(
        what="The date of the handover meeting",
        label="Date of the three-way handover meeting (optional)",
        required=False,
        help_text="The worker, the outgoing and the new supervisor, where it could be held",
    )
    meeting_notes = text_area(
        "Notes of the handover meeting (optional)",
        required=None,
        hint="What was handed over: current issues, development needs, actions carried forward",
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incoming"].choices = [("", "Choose the new supervisor"), *choices]

    def clean_meeting_held_on(self) -> date | None:
        day: date | None = self.cleaned_data["meeting_held_on"]
        not_after(day, self.today, "The date of the handover meeting")
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        notes_without_date = cleaned.get("meeting_notes", "").strip() and not cleaned.get(
            "meeting_held_on"
        )
        if notes_without_date and "meeting_held_on" not in self.errors:
            self.add_error(
                "meeting_held_on",
                "Enter the date of the handover meeting, or leave its notes empty",
            )
        return cleaned


# --- third-party access ----------------------------------------------------------------------


class AccessRequestForm(TodayForm):
    purpose = forms.ChoiceField(
        label="What do you need the file for?",
        choices=AccessPurpose.choices,
        widget=forms.RadioSelect,
        help_text="A supervision file can be read by anyone else only for one of these purposes",
        error_messages={"required": "Select what you need the file for"},
    )
    reason = text_area(
        "Why do you need this file for that purpose?",
        required="Say why you need this file for that purpose",
        hint="For example, the reference of the concern or the audit. A senior manager reads "
        "this, and the worker can see the purpose you give.",
    )
    scope_from = GovukDateField(
        what="The start of the period",
        label="Records from (optional)",
        required=False,
        help_text="Only the sessions held in this period, for example 1 4 2026. Leave both "
        "empty for the whole file.",
    )
    scope_to = GovukDateField(
        what="The end of the period", label="Records to (optional)", required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("scope_from"), cleaned.get("scope_to")
        # Records cannot be asked for from a day that has not come: nothing is there yet.
        if start and "scope_from" not in self.errors:
            try:
                not_after(start, self.today, "The start of the period")
            except forms.ValidationError as error:
                self.add_error("scope_from", error)
        if start and end and end < start:
            self.add_error(
                "scope_to", "The end of the period must be the same as or after its start"
            )
        return cleaned


class AccessDecisionForm(TodayForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you approve or refuse the request"},
    )
    expires_on = GovukDateField(
        what="The date the access ends",
        label="If you approve: the last day of access",
        required=False,
    )
    include_confidential = forms.BooleanField(
        label="Include the items kept confidential between supervisor and supervisee",
        required=False,
        help_text="Only for a formal concern about practice, when the concern needs them",
    )
    note = text_area(
        "Note (optional when you approve)",
        required=None,
        hint="The requester sees this. When you refuse, say why.",
        rows=3,
    )

    def __init__(self, *args: Any, formal_concern: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = self.today + timedelta(days=MAX_ACCESS_DAYS)
        self.fields["expires_on"].help_text = (
            f"Today or later, and no later than {format_long(self.latest)} "
            f"({MAX_ACCESS_DAYS} days from today)"
        )
        if not formal_concern:
            del self.fields["include_confidential"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        decision = cleaned.get("decision")
        expires_on = cleaned.get("expires_on")
        if decision == "approve" and "expires_on" not in self.errors:
            if expires_on is None:
                self.add_error("expires_on", "Enter the last day of access")
            elif expires_on < self.today:
                self.add_error("expires_on", "The last day of access must be today or later")
            elif expires_on > self.latest:
                self.add_error(
                    "expires_on",
                    f"The last day of access must be no later than {format_long(self.latest)}",
                )
        if decision == "refuse" and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why you refuse the request")
        return cleaned


# --- redaction (York standard 7) -------------------------------------------------------------


class RedactionRequestForm(forms.Form):
    reason = text_area(
        "Why should a third party not read this section?",
        required="Say why this section should not be read by a third party",
        hint="For example, it names a health matter that an audit does not need. The "
        "Assistant Director decides, in the light of any legal or HR advice.",
    )


class RedactionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("grant", "Remove it from what third parties read"),
            ("refuse", "Refuse: third parties with access may read it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision"},
    )
    reason = text_area(
        "Reasons for the decision",
        required="Record the reasons for the decision",
        hint="Kept with the decision. The supervisor and the supervisee can read it.",
    )


# --- HR: legal holds ---------------------------------------------------------------------------


class HoldForm(forms.Form):
    reason = text_area("Reason", required="Give the reason", rows=3)

    def __init__(self, *args: Any, label: str, hint: str, required: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label, field.help_text = label, hint
        field.error_messages["required"] = required


class StaffSearchForm(forms.Form):
    """Whose file: posted, never in the address (files.views.access.find_staff)."""

    q = forms.CharField(
        label="Whose file? Search by name",
        help_text="Part of their name, or their staff id",
        required=False,
        max_length=100,
        error_messages={"max_length": "The name or staff id must be 100 characters or fewer"},
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "govuk-!-width-two-thirds",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )
