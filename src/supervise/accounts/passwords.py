"""Password rules (NCSC and NIST SP 800-63B): long, not common, not like the person's name.
No composition rules (no "one capital, one symbol"): they make passwords harder to remember,
not to guess. Django's own validators do the work; these give the messages in the GOV.UK
Design System's words.

Configured in AUTH_PASSWORD_VALIDATORS (supervise.config.settings.base).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation as django_validation
from django.core.exceptions import ValidationError

MINIMUM_LENGTH = 12
MAXIMUM_LENGTH = 256  # long passphrases are welcome; this only bounds the hashing work


class LengthValidator(django_validation.MinimumLengthValidator):
    def __init__(self, min_length: int = MINIMUM_LENGTH, max_length: int = MAXIMUM_LENGTH) -> None:
        super().__init__(min_length=min_length)
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                f"Your password must be {self.min_length} characters or more",
                code="password_too_short",
            )
        if len(password) > self.max_length:
            raise ValidationError(
                f"Your password must be {self.max_length} characters or fewer",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Use {self.min_length} characters or more. A few unrelated words work well."


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    """Django's bundled list of 20,000 common passwords."""

    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Your password is a commonly used password: choose one that is harder to guess",
                code="password_too_common",
            ) from None

    def get_help_text(self) -> str:
        return "It must not be a commonly used password."


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Your password is too like your username, name or email address",
                code="password_too_similar",
            ) from None

    def get_help_text(self) -> str:
        return "It must not be like your username or name."
