"""The service navigation: what each role needs, and nothing it cannot open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from supervise.accounts.access import Viewer
from supervise.accounts.models import Role
from supervise.cases.list_selectors import may_list_children
from supervise.web.permissions import viewer_of


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    url_name: str
    roles: tuple[str, ...]  # any of them; empty = every member
    # Instead of roles: shown exactly when this says the viewer can use the page.
    usable: Callable[[Viewer], bool] | None = None


ITEMS = (
    Item("My supervision", "sessions:mine", (Role.PRACTITIONER,)),
    Item("My file", "files:mine", (Role.PRACTITIONER,)),
    Item("My team", "sessions:team", (Role.SUPERVISOR,)),
    # Those with a child to open: the organisation's case-record roles, a caseload, a team's.
    Item("Children", "cases:list", (), usable=may_list_children),
    Item("Compliance", "compliance:overview", (Role.SENIOR_MANAGER, Role.QUALITY_ASSURANCE,
                                               Role.INSPECTOR, Role.HR, Role.SUPERVISOR)),
    Item("Typing", "sessions:typing", (Role.BUSINESS_SUPPORT,)),
    Item("Imports", "imports:list", (Role.ADMINISTRATOR,)),
    Item("People and access", "account:admin-people", (Role.ADMINISTRATOR,)),
    Item("File access", "files:access", (Role.SENIOR_MANAGER, Role.QUALITY_ASSURANCE, Role.HR,
                                         Role.INSPECTOR, Role.ADMINISTRATOR)),
    Item("Leavers and retention", "files:leavers", (Role.HR,)),
    Item("Redaction requests", "files:redactions", (Role.ASSISTANT_DIRECTOR,)),
)  # fmt: skip


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    viewer = viewer_of(request)
    items = []
    for item in ITEMS:
        if item.usable is not None:
            if not item.usable(viewer):
                continue
        elif item.roles and not viewer.has(*item.roles):
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"text": item.text, "href": href, "current": request.path.startswith(href)})
    return {"navigation": items, "viewer": viewer}
