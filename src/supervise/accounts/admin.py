from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from supervise.accounts.administration import roles_conflict
from supervise.accounts.models import RoleGrant, User


class RoleGrantFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """The same separation of duties as the *People and access* pages: an installation
    operator cannot give one account the administrator's role beside an approving one."""

    def clean(self) -> None:
        super().clean()
        roles = {
            form.cleaned_data["role"]
            for form in self.forms
            if form.cleaned_data.get("role") and not form.cleaned_data.get("DELETE")
        }
        staff = getattr(self.instance, "staff_member", None) if self.instance.pk else None
        reason = roles_conflict(roles, staff_role=staff.role if staff is not None else "")
        if reason:
            raise ValidationError(reason)


class RoleGrantInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RoleGrant
    formset = RoleGrantFormSet
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("organisation", "is_active")
    fieldsets = (*DjangoUserAdmin.fieldsets, ("Organisation", {"fields": ("organisation",)}))
    inlines = [RoleGrantInline]
