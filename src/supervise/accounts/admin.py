from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from supervise.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RoleGrant
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("organisation", "is_active")
    fieldsets = (*DjangoUserAdmin.fieldsets, ("Organisation", {"fields": ("organisation",)}))
    inlines = [RoleGrantInline]
