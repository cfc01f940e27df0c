from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from maoni.comments.models import Comment, CommentSettings


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    """A read-only view of comments; changes go through the moderation queue."""

    list_display = ("__str__", "status", "created", "thread")
    list_filter = ("status",)
    search_fields = ("author_name", "body")
    list_select_related = ("thread", "user")
    readonly_fields = [field.name for field in Comment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        return False


class OneRowAdmin(admin.ModelAdmin[Any]):
    """The admin of a one-row settings table: its list is its single row."""

    def changelist_view(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        row = self.model.load()
        meta = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


admin.site.register(CommentSettings, OneRowAdmin)
