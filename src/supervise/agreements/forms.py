"""The agreement form: the terms, prefilled from the pack's template, and why the agreement is
being made."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from supervise.agreements.frequency import (
    AS_THE_POLICY,
    frequency_choices,
    frequency_words,
    interval_words,
    is_longer,
)
from supervise.agreements.models import Agreement
from supervise.agreements.selectors import FrequencyTerms
from supervise.policy.pack import AgreementTemplate

# (field, label, limit, what the error says is missing)
TERM_TEXTS = (
    ("venue", "Where you will meet", 300, "Enter where you will meet"),
    ("cancellation_arrangements", "If a session has to be cancelled", 5000,
     "Enter what happens if a session has to be cancelled"),
    ("preparation", "How you will both prepare", 5000, "Enter how you will both prepare"),
    ("confidentiality", "Confidentiality", 5000,
     "Enter what you agree about confidentiality"),
    ("resolving_difficulties", "Resolving difficulties", 5000,
     "Enter how you will resolve difficulties"),
    ("other_terms", "Anything else you agree (optional)", 5000, ""),
)  # fmt: skip


class AgreementTermsForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often you will meet",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you will meet"},
    )
    duration_minutes = forms.IntegerField(
        label="How long each session lasts, in minutes",
        min_value=30,
        max_value=240,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how long each session lasts",
            "invalid": "How long each session lasts must be a number of minutes, like 90",
            "min_value": "Each session must last at least 30 minutes",
            "max_value": "Each session must last 240 minutes or less",
        },
    )

    def __init__(
        self,
        *args: Any,
        frequency: FrequencyTerms,
        on: date,
        template: AgreementTemplate | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The limit is the policy's own interval, never the current agreement's: a renewal may go
        # back to what the policy asks (an agreement can only make it more often).
        self.required = frequency.policy
        self.on = on
        self.fields["frequency"].choices = frequency_choices(
            frequency.policy, on, frequency.agreed or ""
        )
        terms = template.terms if template is not None else {}
        said = terms.get("frequency")
        self.fields["frequency"].help_text = hint(frequency, said.text if said else "")
        for name, label, limit, missing in TERM_TEXTS:
            optional = name == "other_terms"
            self.fields[name] = forms.CharField(
                label=label,
                required=not optional,
                max_length=limit,
                widget=forms.TextInput() if name == "venue" else forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "required": missing,
                    "max_length": f"{label} must be {limit:,} characters or fewer",
                },
            )
        if template is not None:
            self._say_where_terms_come_from(terms)

    def _say_where_terms_come_from(self, terms: dict[str, Any]) -> None:
        """Each term's hint: the policy's section its starting words come from, or that the
        policy says nothing about it (so it started empty)."""
        length = terms.get("duration_minutes")
        if length is not None:
            self.fields["duration_minutes"].help_text = length.text
        else:
            self.fields[
                "duration_minutes"
            ].help_text = "The policy does not say how long: agree it between you."
        for name, *_ in TERM_TEXTS:
            term = terms.get(name)
            if term is not None:
                self.fields[name].help_text = f"From the policy: {term.source.section}."
            elif name != "other_terms":
                self.fields[name].help_text = "The policy does not say: agree this between you."

    def clean_frequency(self) -> str:
        frequency = self.cleaned_data["frequency"]
        if is_longer(frequency, self.required, self.on):
            raise forms.ValidationError(
                f"Choose a frequency at least as often as the policy asks "
                f"({interval_words(self.required)})"
            )
        return frequency

    def terms(self) -> dict[str, Any]:
        names = ["frequency", "duration_minutes"] + [name for name, *_ in TERM_TEXTS]
        return {name: self.cleaned_data[name] for name in names}


def hint(frequency: FrequencyTerms, template_words: str = "") -> str:
    """The policy's requirement for this supervisee (and why), what the pack's agreement template
    says about frequency, then the agreement in force."""
    # As the My team page words it: "senior practitioner, general minimum".
    category = frequency.why.replace(": the pack's general minimum applies", ", general minimum")
    why = f" ({category})" if category else ""
    words = [f"The policy asks for supervision at least {interval_words(frequency.policy)}{why}."]
    if template_words:
        words.append(template_words)
    if frequency.agreed is not None:
        agreed = frequency_words(frequency.agreed)
        words.append(
            "The current agreement leaves it to the policy."
            if agreed == AS_THE_POLICY
            else f"The current agreement says {agreed}."
        )
    words.append("The agreement can make it more often than the policy, never less often.")
    return " ".join(words)


REASONS = [
    (value, label)
    for value, label in Agreement.Reason.choices
    if value != Agreement.Reason.IMPORTED
]


class AgreementNewForm(AgreementTermsForm):
    reason = forms.ChoiceField(
        label="Why is a new agreement being made?",
        choices=REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why a new agreement is being made"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["reason"])
