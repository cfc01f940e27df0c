"""What the mail about comments remembers: the digest clock, waiting comments, sent notices.

Rows are written only through ``maoni.notifications.services``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from maoni.comments.models import Comment


class DigestClock(models.Model):
    """When the moderators' digest was last sent: one row.

    Whoever sends a digest locks this row first, so two processes never both
    decide that a digest is due.
    """

    last_sent = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Digest last sent {self.last_sent}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # There is one clock.
        self.pk = 1
        super().save(*args, **kwargs)


class HeldComment(models.Model):
    """A held comment that no moderators' digest has named yet.

    The next digest takes every row (naming those still held) and removes
    them, so the table holds only what is waiting.
    """

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="+")
    held = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["held", "comment"], name="held_comment_digest_order")]

    def __str__(self) -> str:
        return f"Comment {self.comment_id} held {self.held}"


class ReplyNotice(models.Model):
    """A reply whose author's parent was mailed about it: at most once per reply, ever."""

    reply = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="+")
    sent = models.DateTimeField()

    def __str__(self) -> str:
        return f"Notice of reply {self.reply_id}"


class Unsubscription(models.Model):
    """An address that asked for no more reply notices.

    Comments the address posted before ``unsubscribed`` are never the subject
    of a notice; ticking the box on a later comment opts in again.
    """

    # Stored lowercased, so one address is one row whatever its case.
    email = models.EmailField(max_length=Comment.EMAIL_MAX_LENGTH, unique=True)
    unsubscribed = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="unsubscription_email_lowercase"
            ),
        ]

    def __str__(self) -> str:
        return f"Unsubscribed {self.unsubscribed}"


class ReplySubscription(models.Model):
    """A comment whose author asked to be told of replies, and the language they asked in.

    Recorded as the comment is stored, so the notices go out in the language
    the author was reading in then, whoever's reply sets them off.
    """

    LANGUAGE_MAX_LENGTH = 8

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="+")
    # A language code, or "" for the site's LANGUAGE_CODE.
    language = models.CharField(max_length=LANGUAGE_MAX_LENGTH, blank=True, default="")

    def __str__(self) -> str:
        return f"Replies to comment {self.comment_id} in {self.language or 'the site language'}"
