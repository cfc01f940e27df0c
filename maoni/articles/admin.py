from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from maoni.articles.models import Article
from maoni.comments.models import Contact, Premoderation

SITE_DEFAULT = [("", _("The site's setting"))]


class ArticleForm(forms.ModelForm[Article]):
    """The article, plus the comment settings its thread may override."""

    premoderation = forms.ChoiceField(
        label=_("Pre-moderation"),
        required=False,
        choices=SITE_DEFAULT + Premoderation.choices,
    )
    anonymous_contact = forms.ChoiceField(
        label=_("Anonymous contact information"),
        required=False,
        choices=SITE_DEFAULT + Contact.choices,
    )

    close_after_days = forms.IntegerField(
        label=_("Close comments after (days)"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_("Counted from the publication date. Empty: the site's setting; 0: never."),
    )

    class Meta:
        model = Article
        fields = ("title", "slug", "byline", "body", "published_at", "status", "comments")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.thread_id is not None:
            self.fields["premoderation"].initial = self.instance.thread.premoderation
            self.fields["anonymous_contact"].initial = self.instance.thread.anonymous_contact
            self.fields["close_after_days"].initial = self.instance.thread.close_after_days


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    form = ArticleForm
    list_display = ("title", "status", "published_at", "comments", "byline")
    list_filter = ("status", "comments")
    search_fields = ("title", "body", "byline")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "published_at"
    fieldsets = (
        (None, {"fields": ("title", "slug", "byline", "body", "published_at", "status")}),
        (
            _("Comments"),
            {"fields": ("comments", "premoderation", "anonymous_contact", "close_after_days")},
        ),
    )

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        thread = obj.thread
        thread.premoderation = form.cleaned_data["premoderation"]
        thread.anonymous_contact = form.cleaned_data["anonymous_contact"]
        thread.close_after_days = form.cleaned_data["close_after_days"]
        thread.save(update_fields=["premoderation", "anonymous_contact", "close_after_days"])
