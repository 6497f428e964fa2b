"""Template helpers for agreements wherever they are shown (the agreement, the supervision file)."""

from __future__ import annotations

from django import template

from supervise.agreements.frequency import frequency_words as words

register = template.Library()


@register.filter
def frequency_words(value: str | None) -> str:
    """An agreement's stored frequency ('P3W', '') as 'every 3 weeks' / 'as the policy requires'."""
    return words(value)
