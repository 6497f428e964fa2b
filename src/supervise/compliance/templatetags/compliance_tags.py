"""Template helpers for the compliance pages: percentages and sortable table headers."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

from supervise.compliance.chart import percent as chart_percent

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.9 -> '90%'; nothing when there is no figure."""
    return chart_percent(value)


@register.filter
def share(row: object, key: str) -> float | None:
    """A quality row's share of discussions recording `key` (compliance.quality)."""
    return row.share(key)  # type: ignore[attr-defined]


@register.filter
def thousands(value: int | None) -> str:
    """12345 -> '12,345'."""
    return "" if value is None else f"{int(value):,}"


@register.inclusion_tag("compliance/includes/sort_header.html", takes_context=True)
def sort_header(
    context: dict[str, Any],
    key: str,
    label: str,
    numeric: bool = False,
    anchor: str = "",
    hidden: str = "",
) -> dict[str, Any]:
    """A column header that sorts the table by `?sort=` (and says how it is sorted)."""
    sorting = context["sorting"]
    request = context["request"]
    query = QueryDict(mutable=True)
    if request.GET.get("months"):
        query["months"] = request.GET["months"]
    query["sort"] = sorting["links"][key]
    current = sorting["column"] == key
    return {
        "label": label,
        "hidden": hidden,
        "href": f"?{query.urlencode()}" + (f"#{anchor}-heading" if anchor else ""),
        "numeric": numeric,
        "current": current,
        "aria_sort": ("descending" if sorting["descending"] else "ascending")
        if current
        else "none",
    }
