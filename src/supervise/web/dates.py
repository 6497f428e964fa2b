"""Every date and time shown to a person, in one form: 'Tuesday 3 November 2026', and a moment
'Tuesday 3 November 2026 at 2:40pm' in UK time (the TIME_ZONE setting, Europe/London).

Templates use the `long_date`, `long_datetime` and `clock_time` filters of `supervise_tags`, which
call these; Python code building words (messages, the file's PDF) calls them, or
`supervise.policy.dates.format_long` for a plain date. Machine formats (CSV, XLSX, JSON, the API,
`<time datetime>` attributes, form values) stay ISO 8601 and never come here.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from supervise.policy.dates import format_long


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def long_date(value: date | None) -> str:
    """'Tuesday 3 November 2026'; a moment gives the day it was in UK time."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = _local(value).date()
    return format_long(value)


def clock_time(value: datetime | None) -> str:
    """'2:40pm', '10am', 'midday', 'midnight' (the GOV.UK style), in UK time."""
    if not value:
        return ""
    local = _local(value)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def long_datetime(value: datetime | None) -> str:
    """'Tuesday 3 November 2026 at 2:40pm', in UK time."""
    if not value:
        return ""
    return f"{long_date(value)} at {clock_time(value)}"
