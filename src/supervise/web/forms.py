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


PARTS = ("day", "month", "year")
# The largest a part can be and still be real in some month or year.
LARGEST = {"day": 31, "month": 12}


def _and(words: list[str]) -> str:
    """'day', 'day and month', 'day, month and year'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


class GovukDateField(forms.MultiValueField):
    """Day, month and year, checked the GOV.UK way: every missing part named ("must include a
    month and year"), then every part that cannot be real named ("must include a real day and
    month"; a year needs 4 numbers), then a date that does not exist ("must be a real date").
    `wrong_parts` names the boxes to highlight, and the first of them is where the error summary
    links (`supervise_tags.date_parts`, `field_anchor`)."""

    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        self.what = kwargs.pop("what", "The date")
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)
        self.wrong_parts: tuple[str, ...] = ()

    def clean(self, value: Any) -> date | None:
        self.wrong_parts = ()
        parts = dict(
            zip(PARTS, (str(p or "").strip() for p in (value or ["", "", ""])), strict=False)
        )
        if not any(parts.values()):
            if self.required:
                raise forms.ValidationError(f"Enter {self.what.lower()}", code="required")
            return None
        missing = [name for name in PARTS if not parts.get(name)]
        if missing:
            self.wrong_parts = tuple(missing)
            raise forms.ValidationError(f"{self.what} must include a {_and(missing)}")
        unreal = [
            name
            for name in ("day", "month")
            if not parts[name].isdigit() or not 1 <= int(parts[name]) <= LARGEST[name]
        ]
        short_year = parts["year"].isdigit() and len(parts["year"]) != 4
        if not parts["year"].isdigit():
            unreal.append("year")
        if unreal or short_year:
            self.wrong_parts = tuple(
                n for n in PARTS if n in unreal or (n == "year" and short_year)
            )
            four = f"a year with 4 numbers, like {date.today().year}"
            if not unreal:
                raise forms.ValidationError(f"{self.what} must have {four}")
            message = f"{self.what} must include a real {_and(unreal)}"
            raise forms.ValidationError(f"{message}, and {four}" if short_year else message)
        try:
            return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self.wrong_parts = PARTS
            raise forms.ValidationError(f"{self.what} must be a real date") from None

    def compress(self, data_list: list[Any]) -> Any:  # pragma: no cover - clean() does it all
        return data_list


def govuk_required(field: forms.Field, message: str) -> forms.Field:
    field.error_messages["required"] = message
    return field
