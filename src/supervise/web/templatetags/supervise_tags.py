"""Template helpers: dates in words (the only way templates show a date), due-date status in
words, and form field rendering."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from supervise.policy.dates import format_long
from supervise.web import dates

register = template.Library()


@register.filter
def long_date(value: date | None) -> str:
    """'Tuesday 3 November 2026' (a moment: the day it was in UK time)."""
    return dates.long_date(value)


@register.filter
def long_datetime(value: datetime | None) -> str:
    """'Tuesday 3 November 2026 at 2:40pm', in UK time."""
    return dates.long_datetime(value)


@register.filter
def clock_time(value: datetime | None) -> str:
    """'2:40pm', in UK time: beside a date already shown."""
    return dates.clock_time(value)


def _in_months(due_on: date, as_of: date) -> str:
    """' (over 3 years and 7 months)' past two months: 1,306 days is hard to take in."""
    months = (as_of.year - due_on.year) * 12 + as_of.month - due_on.month
    if as_of.day < due_on.day:
        months -= 1
    if months < 2:
        return ""
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return f" (over {' and '.join(parts)})"


def due_words(due_on: date, as_of: date, *, beside: bool = False) -> tuple[str, str]:
    """(words, colour): always words, the colour only reinforces them. `beside`: the page
    shows the date next to them, so a later date is said as how far off it is, not twice."""
    days = (due_on - as_of).days
    if days < 0:
        n = -days
        return f"Overdue by {n:,} day{'s' if n != 1 else ''}{_in_months(due_on, as_of)}", "red"
    if days == 0:
        return "Due today", "orange"
    if days <= 7:
        return f"Due in {days} day{'s' if days != 1 else ''}", "yellow"
    if beside:
        return f"Due in {days:,} days", "grey"
    return f"Due {format_long(due_on)}", "grey"


@register.simple_tag
def due_status(
    due_on: date | None, as_of: date | None = None, *, beside: bool = False
) -> SafeString | str:
    """The status tag; `beside=True` where the template shows the date next to it."""
    if due_on is None:
        return ""
    words, colour = due_words(due_on, as_of or timezone.localdate(), beside=beside)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, words)


@register.filter
def field_anchor(field: BoundField) -> str:
    """Where the error summary links to: the first input of the field (of a date, the first
    box with the problem)."""
    if field.widget_type == "govukdate":
        wrong = _wrong_boxes(field)
        return f"{field.auto_id}_{wrong[0] if wrong else 0}"
    if field.widget_type in ("radioselect", "checkboxselectmultiple"):
        return f"{field.auto_id}_0"
    return str(field.auto_id)


@register.filter
def date_parts(field: BoundField) -> list[tuple[dict[str, Any], str, int]]:
    values = field.value()
    if isinstance(values, date):
        values = [values.day, values.month, values.year]
    elif not isinstance(values, list | tuple):
        values = [None, None, None]
    labels = (("Day", 2), ("Month", 2), ("Year", 4))
    wrong = _wrong_boxes(field)
    return [
        (
            {"index": i, "value": values[i] if i < len(values) else None, "error": i in wrong},
            label,
            width,
        )
        for i, (label, width) in enumerate(labels)
    ]


def _wrong_boxes(field: BoundField) -> list[int]:
    """The date boxes to mark as wrong (GOV.UK: only those with the problem): the parts the
    field found wrong, or all three for an error about the date as a whole."""
    if not field.errors:
        return []
    parts = getattr(field.field, "wrong_parts", ()) or ("day", "month", "year")
    return [i for i, name in enumerate(("day", "month", "year")) if name in parts]


@register.filter
def govuk_widget(field: BoundField) -> str:
    """The input itself with the Design System's classes and accessible descriptions."""
    widget_type = field.widget_type
    css = {
        "textarea": "govuk-textarea",
        "select": "govuk-select",
    }.get(widget_type, "govuk-input")
    if field.errors:
        css += {"textarea": " govuk-textarea--error", "select": " govuk-select--error"}.get(
            widget_type, " govuk-input--error"
        )
    extra = field.field.widget.attrs.get("class")
    attrs: dict[str, Any] = {"class": f"{css} {extra}" if extra else css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
