from django.contrib import admin
from django.http import HttpRequest

from maoni.moderation.models import AuditEntry, SpamSettings
from maoni.onerow_admin import OneRowAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """The audit log is written by Maoni alone; here it can only be read."""

    list_display = ("created", "actor", "action", "comment_ref", "from_status", "to_status")
    list_filter = ("action",)
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False


admin.site.register(SpamSettings, OneRowAdmin)
