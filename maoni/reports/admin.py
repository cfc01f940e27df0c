from django.contrib import admin

from maoni.reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    """Reports as they were sent and decided; decisions are made in the moderation desk."""

    list_display = ("__str__", "reason", "created", "decision")
    list_filter = ("reason", "decision")
    readonly_fields = [field.name for field in Report._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
