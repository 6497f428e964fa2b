from django.contrib import admin

from supervise.files.models import Tombstone
from supervise.web.admin_site import ReadOnlyAdmin


@admin.register(Tombstone)
class TombstoneAdmin(ReadOnlyAdmin):
    list_display = ("staff_external_id", "organisation", "destroyed_at", "policy")
