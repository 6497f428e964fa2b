"""How often an agreement says supervision happens: in words, and the frequencies it may choose.

One place for both, so that the agreement, the supervision file page and its PDF all say "every 3
weeks" for `P3W` and `P21D` alike, and "as the policy requires" for an agreement that leaves the
frequency to the policy (an empty value). Pure: no database, so the PDF can use it too.
"""

from __future__ import annotations

from datetime import date

from supervise.policy.dates import Interval

# Frequencies offered in the agreement form, spelt as the policies write them. Each is the one
# spelling of its period: an equivalent value (`P3W` for `P21D`) is shown as this one.
COMMON_FREQUENCIES = ("P7D", "P14D", "P21D", "P28D", "P1M", "P6W", "P2M", "P3M", "P6M")

# What an empty frequency means (RULES.md section 2: the pack's interval applies).
AS_THE_POLICY = "as the policy requires"


def interval_words(text: str) -> str:
    """'P1M' -> 'every month', 'P14D' and 'P2W' -> 'every 2 weeks' (unknown text as it is)."""
    try:
        interval = Interval.parse(text)
    except ValueError:
        return text
    months, days = interval.months, interval.days
    if months and not days:
        if months % 12 == 0:
            years = months // 12
            return "every year" if years == 1 else f"every {years} years"
        return "every month" if months == 1 else f"every {months} months"
    if days and not months:
        if days % 7 == 0:
            weeks = days // 7
            return "every week" if weeks == 1 else f"every {weeks} weeks"
        return "every day" if days == 1 else f"every {days} days"
    return (
        f"every {months} month{'s' if months != 1 else ''} and {days} day{'s' if days != 1 else ''}"
    )


def frequency_words(value: str | None) -> str:
    """An agreement's frequency for people: 'every 3 weeks', or 'as the policy requires'."""
    return interval_words(value) if value else AS_THE_POLICY


def canonical(text: str) -> str:
    """The form's spelling of a period: 'P3W' -> 'P21D', 'P4W' -> 'P28D'; others unchanged."""
    try:
        interval = Interval.parse(text)
    except ValueError:
        return text
    for common in COMMON_FREQUENCIES:
        if Interval.parse(common) == interval:  # equal periods, whatever the spelling
            return common
    return text


def is_longer(candidate: str, than: str, on: date) -> bool:
    """Does `candidate` give a later date than `than` counted from `on`? (months and days mix)"""
    return Interval.parse(candidate).after(on) > Interval.parse(than).after(on)


def allowed_frequencies(policy: str, on: date, agreed: str = "") -> list[str]:
    """Every common frequency at least as often as the policy's, the policy's own one, and the
    current agreement's when it is stricter still: one value per period, most often first.

    The list depends on the policy only (plus an unusual agreed value), so every supervisee under
    the same requirement gets the same choices, and a renewal can go back to the policy's."""
    values = [f for f in COMMON_FREQUENCIES if not is_longer(f, policy, on)]
    extra = [policy]
    if agreed and _parses(agreed) and not is_longer(agreed, policy, on):
        extra.append(agreed)
    for value in extra:
        value = canonical(value)
        if all(Interval.parse(value) != Interval.parse(v) for v in values):
            values.append(value)
    values.sort(key=lambda f: Interval.parse(f).after(on))
    return values


def frequency_choices(policy: str, on: date, agreed: str = "") -> list[tuple[str, str]]:
    """(value, 'Every 3 weeks') for the form's radios: see `allowed_frequencies`."""
    return [
        (value, interval_words(value).capitalize())
        for value in allowed_frequencies(policy, on, agreed)
    ]


def initial_frequency(policy: str, on: date, agreed: str = "") -> str:
    """What the form preselects: the current agreement's frequency while it is allowed (a
    renewal keeps the terms), else the policy's."""
    allowed = allowed_frequencies(policy, on, agreed)
    if agreed and canonical(agreed) in allowed:
        return canonical(agreed)
    return canonical(policy)


def _parses(text: str) -> bool:
    try:
        Interval.parse(text)
    except ValueError:
        return False
    return True
