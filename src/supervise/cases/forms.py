"""Forms for the child's record: management oversight, informal discussions and decisions
recorded outside a supervision session."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from supervise.cases.models import CaseNote
from supervise.web.forms import GovukDateField

NOTE_KINDS = [
    (CaseNote.Kind.MANAGEMENT_OVERSIGHT, "Management oversight"),
    (CaseNote.Kind.INFORMAL_DISCUSSION, "Informal discussion"),
    (CaseNote.Kind.DECISION, "Management decision"),
]


class ChildNoteForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of entry is this?",
        choices=NOTE_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of entry this is"},
    )
    happened_on = GovukDateField(
        what="The date it happened",
        label="When did it happen?",
        help_text="For example, 23 11 2026",
    )
    body = forms.CharField(
        label="What was discussed or decided",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text="Include any decisions, who will act on them and by when. This is written "
        "onto the child's record.",
        error_messages={
            "required": "Enter what was discussed or decided",
            "max_length": "What was discussed or decided must be 20,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_happened_on(self) -> date:
        day: date = self.cleaned_data["happened_on"]
        if day > self.today:
            raise forms.ValidationError("The date it happened must be today or in the past")
        return day

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("Enter what was discussed or decided")
        return body


class ChildSearchForm(forms.Form):
    q = forms.CharField(
        label="Name or case number",
        required=False,
        max_length=100,
        error_messages={"max_length": "Name or case number must be 100 characters or fewer"},
    )
    include_closed = forms.BooleanField(label="Include closed cases", required=False)
