"""Form pieces in the GOV.UK Design System's patterns: the three-box date input, and errors
worded as the Design System recommends."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (rendered by web/includes/field.html)."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        self.what = kwargs.pop("what", "The date")
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> date | None:
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        if not any(parts):
            if self.required:
                raise forms.ValidationError(f"Enter {self.what.lower()}", code="required")
            return None
        names = ("day", "month", "year")
        missing = [name for name, part in zip(names, parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{self.what} must include a {' and '.join(missing)}")
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(f"{self.what} must be a real date, in numbers")
        if len(parts[2]) != 4:
            raise forms.ValidationError(
                f"{self.what} must have a year with 4 numbers, like {date.today().year}"
            )
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise forms.ValidationError(f"{self.what} must be a real date") from None

    def compress(self, data_list: list[Any]) -> Any:  # pragma: no cover - clean() does it all
        return data_list


def govuk_required(field: forms.Field, message: str) -> forms.Field:
    field.error_messages["required"] = message
    return field
