"""The audit log: who did what to which comment or thread, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maoni.comments.models import Comment, Thread


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        PUBLISH = "publish", _("published")
        UNPUBLISH = "unpublish", _("unpublished")
        SPAM = "spam", _("marked as spam")
        DELETE = "delete", _("deleted")
        RESTORE = "restore", _("restored")
        EDIT = "edit", _("edited")
        REPLY = "reply", _("replied to")
        PURGE = "purge", _("purged")
        COMMENTS_OPEN = "comments_open", _("opened comments")
        COMMENTS_CLOSE = "comments_close", _("closed comments")
        COMMENTS_HIDE = "comments_hide", _("hid comments")

    created = models.DateTimeField(db_index=True)
    # Null for actions taken by Maoni itself (purging), or by a deleted user.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    # The comment stays named by its id after it is purged.
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    comment_ref = models.PositiveBigIntegerField(null=True, blank=True)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)
    # What changed, where a status does not say it (the old and new text of an edit).
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name_plural = _("audit entries")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        who = self.actor or "Maoni"
        return f"{self.get_action_display()} by {who} at {self.created:%Y-%m-%d %H:%M}"
