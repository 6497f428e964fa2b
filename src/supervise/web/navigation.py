"""The service navigation: what each role needs, and nothing it cannot open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from supervise.accounts.models import Role
from supervise.web.permissions import viewer_of


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    url_name: str
    roles: tuple[str, ...]  # any of them; empty = every member
    # or else shown when the organisation grants children's records to one of the viewer's roles
    case_records: bool = False


ITEMS = (
    Item("My supervision", "sessions:mine", (Role.PRACTITIONER,)),
    Item("My file", "files:mine", (Role.PRACTITIONER,)),
    Item("My team", "sessions:team", (Role.SUPERVISOR,)),
    Item("Children", "cases:list", (Role.PRACTITIONER, Role.SUPERVISOR), case_records=True),
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
        if item.roles and not viewer.has(*item.roles):
            granted = user.organisation.case_record_roles if user.organisation else None
            if not (item.case_records and viewer.has(*(granted or []))):
                continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"text": item.text, "href": href, "current": request.path.startswith(href)})
    return {"navigation": items, "viewer": viewer}
