"""Threads, comments and CAPTCHA challenges.

A ``Thread`` is any commentable page, known by a stable key; this module knows
nothing of articles, so the same code can later serve threads of other sites.
Comments are written only through ``maoni.comments.services``.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def new_thread_key() -> str:
    return f"thread:{uuid.uuid4().hex}"


class Thread(models.Model):
    """The comments under one page.

    ``version`` changes with every change to the thread's public comments, so
    caches can key on it; ``public_count`` is kept rather than counted.
    """

    key = models.CharField(max_length=200, unique=True, default=new_thread_key, editable=False)
    version = models.PositiveBigIntegerField(default=0, editable=False)
    public_count = models.PositiveIntegerField(default=0, editable=False)

    def __str__(self) -> str:
        return self.key


class CommentQuerySet(models.QuerySet["Comment"]):
    def public(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PUBLISHED)

    def for_thread(self, thread: Thread) -> CommentQuerySet:
        return self.filter(thread=thread)

    def in_reading_order(self) -> CommentQuerySet:
        return self.order_by("created", "id")

    def before(self, comment: Comment) -> CommentQuerySet:
        """Comments of this queryset that come before ``comment`` in reading order."""
        return self.filter(
            Q(created__lt=comment.created) | Q(created=comment.created, id__lt=comment.pk)
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Pending")
        SPAM = "spam", _("Spam")
        DELETED = "deleted", _("Deleted")

    NAME_MAX_LENGTH = 60
    EMAIL_MAX_LENGTH = 254
    BODY_MAX_LENGTH = 10_000

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    # What the commenter typed; an empty name is shown as "Anonymous".
    author_name = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    # Private: never on a public page, feed or API response.
    author_email = models.EmailField(max_length=EMAIL_MAX_LENGTH, blank=True)
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    # The Plain text rendering of ``body``, made when the comment is written.
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created = models.DateTimeField(db_index=False)
    # A keyed hash of the poster's network (IPv4 /32, IPv6 /64): enough to
    # recognise one client again, not enough to recover its address.
    client_key = models.CharField(max_length=32, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["thread", "status", "created", "id"], name="comment_thread_reading"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["published", "pending", "spam", "deleted"]),
                name="comment_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("comments:permalink", kwargs={"comment_id": self.pk})

    @property
    def display_name(self) -> str:
        return self.author_name or str(_("Anonymous"))

    @property
    def is_verified(self) -> bool:
        """True when a registered user wrote the comment."""
        return self.user_id is not None

    def rendered_body(self) -> SafeString:
        # The only mark_safe on reader text: body_html is made by render_plain,
        # which escapes everything the reader typed.
        return mark_safe(self.body_html)  # noqa: S308

    def page_number(self) -> int:
        """Returns the 1-based page of its thread on which this public comment stands."""
        before = Comment.objects.public().for_thread(self.thread).before(self).count()
        return before // settings.MAONI_COMMENTS_PER_PAGE + 1


class Challenge(models.Model):
    """A math question asked of one visitor; the page carries only the id.

    A row is consumed (deleted) by the comment it lets through, in the same
    transaction, so one solved question posts at most one comment.
    """

    id = models.CharField(primary_key=True, max_length=43)
    answer = models.PositiveSmallIntegerField()
    first = models.PositiveSmallIntegerField()
    second = models.PositiveSmallIntegerField()
    solved = models.BooleanField(default=False)
    expires = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires"], name="challenge_expiry")]

    def __str__(self) -> str:
        return self.prompt

    @property
    def prompt(self) -> str:
        return f"{self.first} + {self.second} ="


def user_display_name(user: AbstractBaseUser) -> str:
    full_name: str = getattr(user, "get_full_name", lambda: "")()
    return full_name or user.get_username()
