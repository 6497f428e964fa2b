"""Forms for the supervisor's pages: booking, cancelling and holding sessions, and choosing what a
group case supervision discussed. Error messages follow the GOV.UK Design System."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from supervise.policy.dates import WorkingCalendar, format_long, working_calendar
from supervise.sessions.services.scheduling import MAX_RECURRING, cancel_note_problem
from supervise.web.forms import GovukDateField

MAX_MINUTES = 8 * 60


def minutes_field(label: str, hint: str = "", what: str = "The length") -> forms.IntegerField:
    """`what` names the field in its error messages ("The length must be …")."""
    return forms.IntegerField(
        label=label,
        help_text=hint,
        required=False,
        min_value=15,
        max_value=MAX_MINUTES,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": f"{what} must be a whole number of minutes, like 90",
            "min_value": f"{what} must be at least 15 minutes",
            "max_value": f"{what} must be {MAX_MINUTES} minutes or fewer",
        },
    )


def not_in_future(day: date, today: date, what: str) -> None:
    if day > today:
        raise forms.ValidationError(f"{what} must be today or in the past")


class ScheduleForm(forms.Form):
    on = GovukDateField(
        what="The date of the first session",
        label="Date of the session",
        help_text="For example, 30 11 2026. A weekday that is not a bank holiday.",
    )
    repeat = forms.IntegerField(
        label="How many sessions",
        initial=1,
        min_value=1,
        max_value=MAX_RECURRING,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter how many sessions to book",
            "invalid": "How many sessions must be a whole number, like 1 or 6",
            "min_value": "Book at least 1 session",
            "max_value": f"Book no more than {MAX_RECURRING} sessions at a time",
        },
    )
    venue = forms.CharField(
        label="Venue (optional)",
        required=False,
        max_length=200,
        help_text="A private room where case details cannot be overheard",
        error_messages={"max_length": "Venue must be 200 characters or fewer"},
    )
    duration_minutes = minutes_field("Length in minutes (optional)", "For example, 90")

    def __init__(
        self, *args: Any, calendar: WorkingCalendar, today: date, frequency: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.today = today
        self.fields["repeat"].help_text = (
            f"1 books a single session. More books a series {frequency}, the frequency this "
            "supervisee needs. A date on a weekend or bank holiday moves to the working day "
            "before."
        )

    def clean_on(self) -> date:
        day: date = self.cleaned_data["on"]
        if day < self.today:
            raise forms.ValidationError("The date of the first session must be today or later")
        if not self.calendar.is_working_day(day):
            holiday = self.calendar.holiday_name(day)
            because = f"it is a bank holiday ({holiday})" if holiday else "it is a weekend"
            raise forms.ValidationError(
                f"{format_long(day)} is not a working day because {because}. Choose a weekday "
                "that is not a bank holiday"
            )
        return day


class CancelForm(forms.Form):
    cancelled_by = forms.ChoiceField(
        label="Who cancelled the session?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who cancelled the session"},
    )
    reason = forms.ChoiceField(
        label="Why was it cancelled?",
        widget=forms.RadioSelect,
        choices=[("sickness", "Sickness"), ("other", "Another reason")],
        help_text="After sickness, the new date is counted from the person's return to work",
        error_messages={"required": "Select why the session was cancelled"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed for another reason: say what it was. You can also say what was agreed "
        "about a new date. Do not write case details here.",
        error_messages={"max_length": "Note must be 1,000 characters or fewer"},
    )

    def __init__(self, *args: Any, supervisor: str, supervisee: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cancelled_by"].choices = [
            ("supervisor", f"The supervisor, {supervisor}"),
            ("supervisee", f"The supervisee, {supervisee}"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problem = cancel_note_problem(data.get("reason", ""), data.get("note") or "")
        if problem and "note" not in self.errors:  # the service's rule, shown with the others
            self.add_error("note", problem)
        return data


# A session held more than this long before the date it was booked for is probably a typing
# slip (2020 for 2026): the supervisor is asked to confirm it rather than refused, because a
# session held and never booked is recorded by booking it now and giving its real date.
FAR_BEFORE_BOOKING = timedelta(days=28)


def _how_long(days: int) -> str:
    """A gap in words people read at a glance: weeks, then months, then years."""
    if days < 9 * 7:
        return f"{days // 7} weeks"
    if days < 2 * 365:
        return f"about {round(days / 30.44)} months"
    return f"about {round(days / 365.25)} years"


class HoldForm(forms.Form):
    held_on = GovukDateField(
        what="The date the session took place",
        label="Date it took place",
        help_text="For example, 23 11 2026",
    )
    duration_minutes = minutes_field("How long it lasted, in minutes (optional)", "For example, 90")
    date_is_right = forms.BooleanField(label="Yes, it took place on that date", required=False)

    def __init__(
        self,
        *args: Any,
        today: date,
        booked_for: date | None = None,
        started: list[tuple[str, date]] | None = None,
        calendar: WorkingCalendar | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.booked_for = booked_for
        self.calendar = calendar or working_calendar()
        self.started = started or []  # (who, when they started): no session before that
        self.needs_confirmation = False

    def clean_held_on(self) -> date:
        day: date = self.cleaned_data["held_on"]
        not_in_future(day, self.today, "The date the session took place")
        for who, started_on in self.started:
            if day < started_on:  # refused before any "is this date right?" question
                raise forms.ValidationError(
                    f"The session cannot have taken place before {who} started, on "
                    f"{format_long(started_on)}"
                )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day = data.get("held_on")
        booked = self.booked_for
        if not day or data.get("date_is_right"):
            return data
        if booked and day < booked - FAR_BEFORE_BOOKING:
            self.needs_confirmation = True
            self.add_error(
                "held_on",
                f"The date the session took place is {_how_long((booked - day).days)} before it "
                f"was booked for, "
                f"{format_long(booked)}. Check the date, or confirm it is right",
            )
        if not self.calendar.is_working_day(day):
            # Supervision on a weekend or a bank holiday happens, rarely; a slip of a day is
            # likelier. Asked, like a date far from the booking, never refused.
            holiday = self.calendar.holiday_name(day)
            self.needs_confirmation = True
            self.add_error(
                "held_on",
                f"{format_long(day)} is {f'a bank holiday ({holiday})' if holiday else 'a weekend'}"
                ". Check the date, or confirm the session took place that day",
            )
        return data


class GroupChooseForm(forms.Form):
    """Step 1 of recording group case supervision: when, who took part, which children."""

    held_on = GovukDateField(
        what="The date the group session took place",
        label="Date it took place",
        help_text="For example, 23 11 2026",
    )
    duration_minutes = minutes_field("How long it lasted, in minutes (optional)", "For example, 90")
    participants = forms.MultipleChoiceField(
        label="Who took part?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select who took part"},
    )
    children = forms.MultipleChoiceField(
        label="Which children were discussed?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Children on the caseloads of the people who took part",
        error_messages={"required": "Select the children discussed"},
    )

    def __init__(
        self,
        *args: Any,
        today: date,
        supervisees: dict[int, str],
        caseloads: dict[int, list[tuple[int, str]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.supervisees = supervisees
        self.caseloads = caseloads
        self.worker_of = {child: worker for worker, kids in caseloads.items() for child, _ in kids}
        self.child_names = {child: name for kids in caseloads.values() for child, name in kids}
        self.fields["participants"].choices = [(str(pk), n) for pk, n in supervisees.items()]
        self.fields["children"].choices = [(str(pk), n) for pk, n in self.child_names.items()]

    def clean_held_on(self) -> date:
        day: date = self.cleaned_data["held_on"]
        not_in_future(day, self.today, "The date the group session took place")
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        participants = {int(pk) for pk in cleaned.get("participants") or ()}
        self.caseload_errors: list[tuple[str, str]] = []  # (anchor of the child's box, words)
        for pk in cleaned.get("children") or ():
            worker = self.worker_of[int(pk)]
            if worker not in participants:
                child, name = self.child_names[int(pk)], self.supervisees[worker]
                message = (
                    f"{child} is on {name}'s caseload: select {name} under who took part, "
                    f"or untick {child}"
                )
                self.add_error("children", message)
                self.caseload_errors.append((self.child_anchor(int(pk)), message))
        return cleaned

    def child_anchor(self, pk: int) -> str:
        """The id of a child's checkbox (the first is `_0`, where the summary's field link
        goes): an error about one child links to that child's box."""
        first = next((kids[0][0] for kids in self.caseloads.values() if kids), None)
        return f"{self['children'].auto_id}_{0 if pk == first else pk}"

    def summary_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for every field error, each caseload error at its child."""
        from supervise.web.templatetags.supervise_tags import field_anchor

        caseload = {m: a for a, m in getattr(self, "caseload_errors", [])}
        links = []
        for field in self:
            for error in field.errors:
                links.append((caseload.get(error) or field_anchor(field), error))
        return links

    def chosen_participants(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["participants"]]

    def chosen_children(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["children"]]

    def caseload_groups(self) -> list[dict[str, Any]]:
        """The children checkboxes, grouped by worker (rendered by the template, no script)."""
        chosen = {str(v) for v in (self["children"].value() or ())}
        return [
            {
                "worker": self.supervisees[worker],
                "worker_id": worker,
                "children": [
                    {"pk": pk, "name": name, "checked": str(pk) in chosen} for pk, name in kids
                ],
            }
            for worker, kids in self.caseloads.items()
            if kids
        ]
