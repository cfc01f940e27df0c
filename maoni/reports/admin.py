from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from maoni.moderation import roles
from maoni.reports.models import Report

# Personal data, shown only to the roles that need it (maoni.moderation.roles).
PRIVATE = ("reporter_email",)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    """Reports as they were sent and decided; decisions are made in the moderation desk."""

    list_display = ("__str__", "reason", "created", "decision")
    list_filter = ("reason", "decision")
    readonly_fields = [field.name for field in Report._meta.fields]

    def get_fields(self, request: HttpRequest, obj: Report | None = None) -> Any:
        return roles.shown_fields(super().get_fields(request, obj), request.user, PRIVATE)

    def get_readonly_fields(self, request: HttpRequest, obj: Report | None = None) -> Any:
        fields = super().get_readonly_fields(request, obj)
        return roles.shown_fields(fields, request.user, PRIVATE)

    def has_add_permission(self, request: object) -> bool:
        return False
