from django.contrib import admin

from supervise.audit.models import AuditAnchor, AuditEntry
from supervise.web.admin_site import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "organisation", "actor_label", "action", "object_type", "object_id")
    list_filter = ("organisation", "action")


@admin.register(AuditAnchor)
class AuditAnchorAdmin(ReadOnlyAdmin):
    list_display = ("at", "entry_id", "entry_hash")
