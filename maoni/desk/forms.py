"""Forms of the moderation pages."""

from __future__ import annotations

import ipaddress
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maoni.articles.models import Article
from maoni.comments import search
from maoni.comments.models import Comment
from maoni.comments.services import TRANSITIONS
from maoni.moderation.models import BlockEntry

ALL = "all"
REPORTED = "reported"
NEWEST, OLDEST = "newest", "oldest"
ACTION_LABELS = {
    "publish": _("Publish"),
    "unpublish": _("Unpublish"),
    "spam": _("Spam"),
    "delete": _("Delete"),
    "restore": _("Restore"),
}
# How an article's comments stand, as the word in "Comments on … are open".
MODE_WORDS: dict[str, Promise] = {
    Article.CommentMode.OPEN: pgettext_lazy("comments are", "open"),
    Article.CommentMode.CLOSED: pgettext_lazy("comments are", "closed"),
    Article.CommentMode.HIDDEN: pgettext_lazy("comments are", "hidden"),
}
# A comment's status as the log and the figures name it: the codes the audit
# log stores, and the figures' kinds ("held", "rejected").
STATUS_WORDS: dict[str, Promise] = {
    "published": pgettext_lazy("comment status", "published"),
    "pending": pgettext_lazy("comment status", "pending"),
    "held": pgettext_lazy("comment status", "held"),
    "spam": pgettext_lazy("comment status", "spam"),
    "deleted": pgettext_lazy("comment status", "deleted"),
    "rejected": pgettext_lazy("comment status", "rejected"),
}


class QueueFilter(forms.Form):
    """What the queue shows: held comments, newest first, unless asked otherwise."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (Comment.Status.PENDING, _("Held")),
            (Comment.Status.PUBLISHED, _("Published")),
            (Comment.Status.SPAM, _("Spam")),
            (Comment.Status.DELETED, _("Deleted")),
            (REPORTED, _("Reported, waiting for a decision")),
            (ALL, _("Any")),
        ],
    )
    article = forms.ModelChoiceField(
        label=_("Article"),
        required=False,
        queryset=Article.objects.order_by("-published_at"),
        empty_label=_("All articles"),
    )
    name = forms.CharField(label=_("Author name"), required=False, max_length=100)
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254)
    client = forms.CharField(label=_("Client"), required=False, max_length=32)
    text = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_('In the text or the name; every word must be there; "quotes" for a phrase.'),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(NEWEST, _("Newest first")), (OLDEST, _("Oldest first"))],
    )

    def __init__(self, *args: Any, sees_addresses: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sees_addresses:
            # Looking an address up would tell whether, and what, it wrote.
            del self.fields["email"]

    def filtered(self, comments: Any) -> Any:
        """Returns ``comments`` narrowed by the valid filters."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or Comment.Status.PENDING
        if status == REPORTED:
            comments = comments.filter(reports__decision="").distinct()
        elif status != ALL:
            comments = comments.filter(status=status)
        if data.get("article") is not None:
            comments = comments.filter(thread_id=data["article"].thread_id)
        if data.get("name"):
            comments = comments.filter(author_name__icontains=data["name"])
        if data.get("email"):
            comments = comments.filter(author_email__iexact=data["email"].strip())
        if data.get("client"):
            comments = comments.filter(client_key=data["client"].strip())
        if data.get("text"):
            comments = search.matching(comments, data["text"])
        if data.get("since"):
            comments = comments.filter(created__gte=_day_start(data["since"]))
        if data.get("until"):
            comments = comments.filter(created__lt=_day_start(data["until"] + timedelta(days=1)))
        if data.get("order") == OLDEST:
            return comments.order_by("created", "id")
        return comments.order_by("-created", "-id")


def _day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` on the site's clock."""
    return timezone.make_aware(datetime.combine(day, time.min))


class CommentIds(forms.Field):
    """A list of comment ids; the view checks them against the database."""

    widget = forms.MultipleHiddenInput
    MAX = 500

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        if len(values) > self.MAX:
            raise forms.ValidationError(_("Select at most 500 comments at once."))
        if not all(isinstance(item, str) and item.isdigit() and len(item) < 19 for item in values):
            raise forms.ValidationError(_("A comment id is not valid."))
        return [int(item) for item in values]


class ActionForm(forms.Form):
    """One action on the selected comments, or on one comment (``only``)."""

    action = forms.ChoiceField(required=False, choices=[(key, key) for key in TRANSITIONS])
    ids = CommentIds(required=False)
    # "Select all on this page" works without JavaScript: the page lists its ids.
    all_on_page = forms.BooleanField(required=False)
    page_ids = CommentIds(required=False)
    only = forms.CharField(required=False, max_length=40)
    note = forms.CharField(required=False, max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        only = data.get("only") or ""
        if only:
            action, _sep, comment_id = only.partition(":")
            if action not in TRANSITIONS or not comment_id.isdigit():
                raise forms.ValidationError(_("That action is not known."))
            data["action"], data["ids"] = action, [int(comment_id)]
        elif not data.get("action"):
            raise forms.ValidationError(_("Choose an action."))
        elif data.get("all_on_page"):
            data["ids"] = data.get("page_ids") or []
        if not data.get("ids"):
            raise forms.ValidationError(_("Select at least one comment."))
        return data


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Comment text"),
        strip=False,
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
    )
    note = forms.CharField(label=_("Note for the log"), required=False, max_length=1000)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply as the newsroom"),
        strip=False,
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
    )


class CommentModeForm(forms.Form):
    mode = forms.ChoiceField(choices=Article.CommentMode.choices)


class BlockEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("List"), choices=BlockEntry.Kind.choices)
    value = forms.CharField(label=_("Entry"), max_length=254)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, value = data.get("kind"), (data.get("value") or "").strip()
        if not kind or not value:
            return data
        if kind == BlockEntry.Kind.NETWORK:
            try:
                value = str(ipaddress.ip_network(value, strict=False))
            except ValueError:
                self.add_error(
                    "value",
                    _("Enter an address such as 192.0.2.7 or a range such as 192.0.2.0/24."),
                )
        elif kind in {BlockEntry.Kind.EMAIL, BlockEntry.Kind.ALLOW_EMAIL}:
            value = value.lower()
            if "@" not in value:
                self.add_error("value", _("Enter a whole e-mail address."))
        elif kind in {BlockEntry.Kind.EMAIL_DOMAIN, BlockEntry.Kind.URL_DOMAIN}:
            value = value.lower().lstrip("@.").removeprefix("www.")
            if "." not in value or " " in value:
                self.add_error("value", _("Enter a domain such as example.net."))
        data["value"] = value
        if BlockEntry.objects.filter(kind=kind, value__iexact=value).exists():
            self.add_error("value", _("That entry is on the list already."))
        return data
