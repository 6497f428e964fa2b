"""The compliance pages' GET forms: the period, and the filters of the findings list."""

from __future__ import annotations

from django import forms

from supervise.compliance.selectors import DEFAULT_PERIOD, PERIODS
from supervise.organisations.models import Team
from supervise.policy.findings import DUE_SOON, OVERDUE
from supervise.policy.rules import RULES


class PeriodForm(forms.Form):
    months = forms.TypedChoiceField(
        label="Period",
        choices=[(m, f"Last {m} months") for m in PERIODS],
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
    )

    def months_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data.get("months"):
            return int(self.cleaned_data["months"])
        return DEFAULT_PERIOD


def period_form(data) -> PeriodForm:  # type: ignore[no-untyped-def]
    """Bound to the query string (an unknown period falls back to the default, unshown)."""
    months = data.get("months")
    valid = months in {str(m) for m in PERIODS}
    return PeriodForm({"months": months if valid else DEFAULT_PERIOD})


class FindingsFilterForm(forms.Form):
    rule = forms.ChoiceField(label="Rule", required=False)
    team = forms.TypedChoiceField(
        label="Team",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Overdue and due soon"), (OVERDUE, "Overdue"), (DUE_SOON, "Due soon")],
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    def __init__(self, *args, rules: list[str], teams: list[Team], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", "All rules")] + [
            (rule, f"{RULES[rule].title} ({RULES[rule].number})") for rule in rules if rule in RULES
        ]
        self.fields["rule"].error_messages["invalid_choice"] = "Select a rule from the list"
        self.teams = {team.pk: team for team in teams}
        self.fields["team"].choices = [("", "All teams")] + [
            (str(team.pk), team.name) for team in teams
        ]

    def selected_team(self) -> Team | None:
        return self.teams.get(self.cleaned_data.get("team") or 0) if self.is_valid() else None


class TeamFilterForm(forms.Form):
    """One team of the viewer's scope, or all of them."""

    team = forms.TypedChoiceField(
        label="Team",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a team from the list"},
    )

    def __init__(self, *args, teams: list[Team], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.teams = {team.pk: team for team in teams}
        self.fields["team"].choices = [("", "All teams")] + [
            (str(team.pk), team.name) for team in teams
        ]

    def selected_team(self) -> Team | None:
        return self.teams.get(self.cleaned_data.get("team") or 0) if self.is_valid() else None
