"""Forms for writing up a session: the pack's headings, a child's discussion in the pack's case
sections, actions, agenda items, signing, declining and addenda. Error messages follow the GOV.UK
Design System ("Enter …", "Select …")."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django import forms

from supervise.cases.models import Child
from supervise.sessions.case_template import (
    RISK,
    SECTION_FIELDS,
    section_fields,
    template_sections,
)
from supervise.sessions.models import CaseDiscussion
from supervise.web.forms import GovukDateField

LONG_TEXT = 20000
TEXTAREA = {"rows": 6}


def _text(label: str, hint: str = "", *, required: bool = False, rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": f"{label} must be {LONG_TEXT:,} characters or fewer",
        },
    )


def _child_choices(children: dict[int, Child], empty: str) -> list[tuple[str, str]]:
    """Children by display name; two children who share one ("Caleb R.") also get their
    case-system id, so that the choice says which child is meant."""
    names = Counter(child.name for child in children.values())

    def label(child: Child) -> str:
        if not child.name:
            return child.external_id
        return f"{child.name} ({child.external_id})" if names[child.name] > 1 else child.name

    return [("", empty)] + [(str(pk), label(child)) for pk, child in children.items()]


# --- the personal record -------------------------------------------------------------------------


class RecordForm(forms.Form):
    """One textarea per heading of the pack's personal template, and the child to discuss next.

    The buttons say what happens after saving: stay, go to a child's discussion, or add an action.
    """

    NEXT_STEPS = ("stay", "discuss", "action", "send")

    discuss = forms.ChoiceField(label="Add a child to discuss", required=False)

    def __init__(
        self,
        *args: Any,
        headings: list[tuple[str, str, str]],
        children: dict[int, Child],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.heading_keys = [key for key, _, _ in headings]
        for key, label, hint in headings:
            self.fields[f"entry_{key}"] = _text(label, hint)
        self.fields["confidential"] = forms.MultipleChoiceField(
            label="Keep between supervisor and supervisee",
            help_text="Only for an item you both agree to keep confidential. Nobody else, "
            "your line manager included, will see it.",
            choices=[(key, label) for key, label, _ in headings],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        # Keep the select after the headings, where it is shown.
        self.fields["discuss"] = self.fields.pop("discuss")
        self.fields["discuss"].choices = _child_choices(children, "Choose a child")
        self.fields[
            "discuss"
        ].help_text = (
            "Children allocated to the supervisee today, and cases tabled for this session"
        )

    def heading_fields(self) -> list[forms.BoundField]:
        return [self[f"entry_{key}"] for key in self.heading_keys]

    def entries(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"entry_{key}"] for key in self.heading_keys}

    def confidential_headings(self) -> set[str]:
        return set(self.cleaned_data.get("confidential") or ())

    def next_step(self) -> str:
        step = self.data.get("then", "stay")
        return step if step in self.NEXT_STEPS else "stay"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.next_step() == "discuss" and not cleaned.get("discuss"):
            self.add_error("discuss", "Select a child to discuss")
        return cleaned


# --- a child's discussion ------------------------------------------------------------------------

# The titles of the pack's case sections (their fields: `case_template.SECTION_FIELDS`).
SECTION_TITLES = {
    "recording_elements": "Recording elements",
    "reflective_cycle": "Reflective cycle",
    "signs_of_safety": "Signs of Safety",
    "equality_and_diversity": "Equality and diversity",
}

# Where the recording elements are used (Hull), reflection is "critical reflection, analysis and
# challenge (incorporating what we're worried about and what's working well)".
HULL_ANALYSIS_HINT = (
    "Critical reflection, analysis and challenge (incorporating what we're worried about and "
    "what's working well)"
)
DECISIONS_HINT = (
    "Management direction, decisions and actions to drive the plan forward, including "
    "timescales for completion. This is written onto the child's record."
)


class DiscussionForm(forms.Form):
    def __init__(self, *args: Any, sections: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections: list[tuple[str, list[str]]] = []
        # The one order of the case template (`supervise.sessions.case_template`): the pages
        # showing the record, and the child's record, read the discussion in it too.
        for section in template_sections(sections):
            texts = {name: (label, hint) for name, label, hint in SECTION_FIELDS.get(section, ())}
            names = []
            for name in section_fields(section):
                if name in self.fields:
                    continue
                if name == RISK:
                    self.fields[name] = forms.ChoiceField(
                        label="Direction of risk",
                        required=False,
                        choices=CaseDiscussion.Risk.choices,
                        widget=forms.RadioSelect,
                        help_text="Progress made against the plan, including direction of risk",
                    )
                else:
                    label, hint = texts[name]
                    if name == "analysis" and "recording_elements" in sections:
                        hint = HULL_ANALYSIS_HINT
                    self.fields[name] = _text(label, hint, rows=4)
                names.append(name)
            self.sections.append((SECTION_TITLES.get(section, section), names))
        self.fields["decisions"] = _text("Decisions", DECISIONS_HINT, required=True, rows=5)
        self.fields["decisions"].error_messages["required"] = (
            "Enter the decisions made about this child"
        )

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.sections]

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


# --- actions and the agenda ----------------------------------------------------------------------


class ActionForm(forms.Form):
    description = forms.CharField(
        label="What needs to be done",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what needs to be done",
            "max_length": "What needs to be done must be 2,000 characters or fewer",
        },
    )
    owner = forms.ChoiceField(
        label="Who will do it",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who will do it"},
    )
    due_on = GovukDateField(label="Due by", what="The due date", help_text="For example, 27 3 2027")
    child = forms.ChoiceField(label="Child (optional)", required=False)

    def __init__(
        self,
        *args: Any,
        owners: list[tuple[int, str]],
        children: dict[int, Child],
        held_on: date | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.held_on = held_on
        self.fields["owner"].choices = [(str(pk), name) for pk, name in owners]
        self.fields["child"].choices = _child_choices(children, "Not about one child")

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        if self.held_on and due_on < self.held_on:
            raise forms.ValidationError("The due date must be on or after the session date")
        return due_on


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[("done", "Done"), ("dropped", "No longer needed"),
                                        ("open", "Open")])  # fmt: skip
    next = forms.CharField(required=False)


class AgendaForm(forms.Form):
    text = forms.CharField(
        label="What do you want to discuss?",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "The agenda item must be 500 characters or fewer"},
    )
    child = forms.ChoiceField(
        label="Table a case (optional)",
        required=False,
        help_text="Choose a child to discuss in this session",
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, children: dict[int, Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = _child_choices(children, "No case")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("child"):
            self.add_error("text", "Enter what you want to discuss, or choose a case to table")
        return cleaned


# --- signing, declining, addenda, typist ---------------------------------------------------------


class SignForm(forms.Form):
    comment = forms.CharField(
        label="Your comment (optional)",
        help_text="Anything you want to add to the record. It is kept with your signature.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your comment must be 5,000 characters or fewer"},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you not signing?",
        help_text="Say what is wrong or missing, so that your supervisor can put it right",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you are not signing the record",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
    )


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        help_text="It is added below the record with your name, the date and the time. The "
        "record itself does not change.",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter the addendum",
            "max_length": f"The addendum must be {LONG_TEXT:,} characters or fewer",
        },
    )


class TypistForm(forms.Form):
    typist = forms.ChoiceField(
        label="Who will type up your notes?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who will type up your notes"},
    )

    NOBODY = "none"

    def __init__(self, *args: Any, users: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["typist"].choices = [
            (str(u.pk), u.get_full_name() or u.username) for u in users
        ] + [(self.NOBODY, "Nobody: I will write it up myself")]
