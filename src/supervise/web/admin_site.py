"""The Django admin is the installation operators' tool, not the organisations'.

Only an installation superuser (one who belongs to no organisation) may open it: an
organisation's own people, whatever their flags, cannot reach another organisation's data
through it (tenancy), and they use the product's own pages instead. Finalised records are
read-only here as everywhere (and the database refuses the change anyway).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


def installation_operator(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(
        user.is_active and user.is_superuser and getattr(user, "organisation_id", None) is None
    )


admin.site.has_permission = installation_operator  # type: ignore[method-assign]
admin.site.site_header = "Supervise: installation administration"
admin.site.site_title = "Supervise administration"


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For records nobody edits by hand: the audit trail, tombstones."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
