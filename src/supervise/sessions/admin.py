from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from supervise.sessions.models import Session
from supervise.sessions.states import RecordStatus


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Operators may look; a finalised record cannot be changed or deleted here either."""

    list_display = ("external_id", "organisation", "kind", "status", "record_status", "held_on")
    list_filter = ("organisation", "kind", "status", "record_status")
    search_fields = ("external_id",)
    raw_id_fields = ("supervisor", "supervisee", "participants", "replaces", "typist")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.record_status == RecordStatus.FINALISED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.record_status == RecordStatus.FINALISED:
            return False
        return super().has_delete_permission(request, obj)
