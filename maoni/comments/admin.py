from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from maoni.comments.models import Comment, CommentSettings, Site
from maoni.moderation import roles
from maoni.onerow_admin import OneRowAdmin

# Personal data, shown only to the roles that need it (maoni.moderation.roles).
PRIVATE = ("author_email",)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    """A read-only view of comments; changes go through the moderation queue."""

    list_display = ("__str__", "status", "created", "thread")
    list_filter = ("status",)
    search_fields = ("author_name", "body")
    list_select_related = ("thread", "user")
    readonly_fields = [field.name for field in Comment._meta.fields]

    def get_fields(self, request: HttpRequest, obj: Comment | None = None) -> Any:
        return roles.shown_fields(super().get_fields(request, obj), request.user, PRIVATE)

    def get_readonly_fields(self, request: HttpRequest, obj: Comment | None = None) -> Any:
        fields = super().get_readonly_fields(request, obj)
        return roles.shown_fields(fields, request.user, PRIVATE)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        return False


admin.site.register(CommentSettings, OneRowAdmin)


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin[Site]):
    """Other web sites that embed the comments: who may, and their own settings."""

    list_display = ("name", "slug", "comments_closed")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = [
        (None, {"fields": ("name", "slug", "origins")}),
        (
            _("Comment settings on top of the site-wide ones (empty: as those say)"),
            {"fields": ("premoderation", "captcha", "comments_closed")},
        ),
        (
            _("Closing rules (empty: as the comment settings say)"),
            {"fields": ("close_after_days", ("quiet_from", "quiet_until"), "time_zone")},
        ),
    ]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "origins" and field is not None:
            field.widget.attrs["rows"] = 3
        return field

    def save_model(self, request: HttpRequest, obj: Site, form: Any, change: bool) -> None:
        obj.origins = "\n".join(obj.origin_list)
        super().save_model(request, obj, form, change)
