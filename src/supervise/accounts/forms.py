"""Sign-in and account forms, with errors in the GOV.UK Design System's words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from supervise.accounts.models import GRANTABLE, User
from supervise.web.forms import govuk_required


class SignInForm(forms.Form):
    username = govuk_required(
        forms.CharField(
            label="Username",
            max_length=150,
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "username",
                    "spellcheck": "false",
                    "autocapitalize": "none",
                }  # fmt: skip
            ),
        ),
        "Enter your username",
    )
    password = govuk_required(
        forms.CharField(
            label="Password",
            strip=False,
            max_length=1024,
            widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        ),
        "Enter your password",
    )


class CodeForm(forms.Form):
    code = govuk_required(
        forms.CharField(
            label="Code from your authenticator app",
            help_text="The 6-digit code your app shows for Supervise now.",
            max_length=20,
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "inputmode": "numeric",
                    "spellcheck": "false",
                    "class": "govuk-input--width-10",
                }  # fmt: skip
            ),
        ),
        "Enter the 6-digit code from your authenticator app",
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("The code must be 6 digits, like 123456")
        return code


class RecoveryCodeForm(forms.Form):
    code = govuk_required(
        forms.CharField(
            label="Recovery code",
            help_text="One of the codes you saved when you set up two-factor authentication, "
            "like abcd-efgh-jkmn-pqrs. Each code works once.",
            max_length=40,
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "autocapitalize": "none",
                    "class": "govuk-input--width-20",
                }  # fmt: skip
            ),
        ),
        "Enter a recovery code",
    )


class NewPasswordForm(forms.Form):
    """A new password typed twice and checked against the password rules (docs/security.md):
    changing one's own, or choosing it with an administrator's set-up link."""

    new_password = govuk_required(
        forms.CharField(
            label="New password",
            strip=False,
            max_length=1024,
            help_text="Use 12 characters or more. A few unrelated words work well, like "
            "‘kettle orbit gravel tulip’. It must not be a commonly used password.",
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
        "Enter a new password",
    )
    new_password_again = govuk_required(
        forms.CharField(
            label="Confirm new password",
            strip=False,
            max_length=1024,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
        "Enter your new password again",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_new_password(self) -> str:
        password = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        new, again = data.get("new_password"), data.get("new_password_again")
        if new and again and new != again:
            self.add_error("new_password_again", "The passwords do not match")
        return data


class PasswordChangeForm(NewPasswordForm):
    current_password = govuk_required(
        forms.CharField(
            label="Current password",
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        ),
        "Enter your current password",
    )
    field_order = ["current_password", "new_password", "new_password_again"]

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Your current password is not correct")
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        new = data.get("new_password")
        if new and data.get("current_password") == new:
            self.add_error("new_password", "Your new password must be different from your "
                           "current one")  # fmt: skip
        return data


# --- an organisation's administrators: accounts and roles (supervise.accounts.administration) ---


def _role_choices() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in GRANTABLE]


ROLES_HELP = (
    "Supervisors and practitioners need no role here: the product knows them from who "
    "supervises whom. Administrator cannot be combined with Senior manager or Assistant "
    "Director. Select all that apply."
)


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        help_text=ROLES_HELP,
        required=False,
        choices=_role_choices,
        widget=forms.CheckboxSelectMultiple,
    )


class AccountForm(RolesForm):
    first_name = govuk_required(
        forms.CharField(label="First name", max_length=150), "Enter their first name"
    )
    last_name = govuk_required(
        forms.CharField(label="Last name", max_length=150), "Enter their last name"
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk"
        },  # fmt: skip
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    username = govuk_required(
        forms.CharField(
            label="Username",
            max_length=150,
            help_text="What they will type to sign in. Letters, digits and . _ - @ only.",
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
            ),  # fmt: skip
        ),
        "Enter a username",
    )
    field_order = ["first_name", "last_name", "email", "username", "roles"]

    def __init__(self, *args: Any, needs_role: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_role = needs_role

    def clean_roles(self) -> list[str]:
        roles: list[str] = self.cleaned_data["roles"]
        if self.needs_role and not roles:
            raise forms.ValidationError(
                "Select at least one role: someone not in the HR export sees nothing without one"
            )
        return roles

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if not all(ch.isalnum() or ch in "._-@" for ch in username):
            raise forms.ValidationError("The username can only have letters, digits and . _ - @")
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is already taken: choose another")
        return username


class SetUpPasswordForm(NewPasswordForm):
    """The first password, chosen with a set-up link: the same rules, worded for a newcomer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen, again = self.fields["new_password"], self.fields["new_password_again"]
        chosen.label = "Choose a password"
        chosen.error_messages["required"] = "Choose a password"
        again.label = "Confirm your password"
        again.error_messages["required"] = "Enter your password again"


class PeopleSearchForm(forms.Form):
    """People and access: which accounts to show and a name to find. Posted, so that a name
    never appears in an address (supervise.accounts.views.administration.people)."""

    q = forms.CharField(
        label="Name, username or email",
        required=False,
        max_length=100,
        error_messages={
            "max_length": "Name, username or email must be 100 characters or fewer"
        },  # fmt: skip
    )
