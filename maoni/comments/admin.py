from django.contrib import admin
from django.http import HttpRequest

from maoni.comments.models import Comment, CommentSettings
from maoni.onerow_admin import OneRowAdmin


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


admin.site.register(CommentSettings, OneRowAdmin)
