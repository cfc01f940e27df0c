"""Threads, comments and the CAPTCHA's questions.

A ``Thread`` is any commentable page, known by a stable key; this module knows
nothing of articles, so the same code can later serve threads of other sites.
Comments are written only through ``maoni.comments.services``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from maoni.comments.choices import Contact, Display, Premoderation
from maoni.comments.closing import state as closing_state
from maoni.comments.policies import MAX_DEPTH, CommentSettings, Policy, closing_rules
from maoni.comments.sites import OWN_SITE, Site

__all__ = [
    "MAX_DEPTH",
    "OWN_SITE",
    "AddressConfirmation",
    "Comment",
    "CommentSettings",
    "Contact",
    "Display",
    "PersonalDataPurge",
    "Policy",
    "Premoderation",
    "Site",
    "Thread",
    "TriedQuestion",
]

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def new_thread_key() -> str:
    return f"thread:{uuid.uuid4().hex}"


# A top-level comment's path is its time in microseconds (17 digits reach
# past the year 5000); each level of reply adds a six-digit number.
ROOT_SEGMENT = 17
PATH_SEGMENT = 6


class Thread(models.Model):
    """The comments under one page: one of Maoni's articles, or a page of a ``Site``.

    ``version`` changes with every change to the thread's public comments, so
    caches can key on it; ``public_count`` is kept rather than counted. A
    thread of another site is keyed ``<site id>:<the page's id>`` and carries
    the page's title and address, as the page gave them when its first
    comment was posted.
    """

    KEY_MAX_LENGTH = 200

    key = models.CharField(
        _("key"), max_length=KEY_MAX_LENGTH, unique=True, default=new_thread_key, editable=False
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="threads",
        verbose_name=_("site"),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    version = models.PositiveBigIntegerField(default=0, editable=False)
    public_count = models.PositiveIntegerField(default=0, editable=False)
    # Blank: the site's setting applies.
    premoderation = models.CharField(
        _("pre-moderation"), max_length=10, choices=Premoderation.choices, blank=True
    )
    anonymous_contact = models.CharField(
        _("anonymous contact information"), max_length=10, choices=Contact.choices, blank=True
    )
    comments_closed = models.BooleanField(
        _("comments closed"),
        default=False,
        help_text=_("Closed by hand: the comments stay visible, no new ones are taken."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: as the site's settings say; 0: never."),
    )
    # When the page was published (an article's date, else its first comment):
    # what closing after a number of days counts from.
    opened = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.key

    def policy(self, now: datetime | None = None) -> Policy:
        """This thread's settings, on top of its site's, on top of the site-wide ones."""
        every = CommentSettings.load()
        site = self.site if self.site_id is not None else None
        closing = closing_state(
            closing_rules(every, site, self.close_after_days),
            opened=self.opened,
            by_hand=self.comments_closed,
            site_closed=site is not None and site.comments_closed,
            now=now or timezone.now(),
        )
        return Policy(
            premoderation=(
                self.premoderation or (site and site.premoderation) or every.premoderation
            ),
            first_comments_held=every.first_comments_held,
            anonymous_contact=self.anonymous_contact or every.anonymous_contact,
            display=every.display,
            depth_cap=every.depth_cap,
            captcha=site.captcha if site is not None else "",
            closed=closing.closed,
            quiet=closing.quiet,
            closes_at=closing.closes_at,
            changes_at=closing.changes_at,
        )


class CommentQuerySet(models.QuerySet["Comment"]):
    def public(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PUBLISHED)

    def for_thread(self, thread: Thread) -> CommentQuerySet:
        return self.filter(thread=thread)

    def in_reading_order(self) -> CommentQuerySet:
        """Oldest first, as the flat display shows them (threaded pages: comments.paging)."""
        return self.order_by("created", "id")


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Pending")
        SPAM = "spam", _("Spam")
        DELETED = "deleted", _("Deleted")

    NAME_MAX_LENGTH = 60
    EMAIL_MAX_LENGTH = 254
    BODY_MAX_LENGTH = 10_000

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="comments", verbose_name=_("thread")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("account"),
    )
    # What the commenter typed; an empty name is shown as "Anonymous".
    author_name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    # Private: never on a public page, feed or API response.
    author_email = models.EmailField(_("e-mail address"), max_length=EMAIL_MAX_LENGTH, blank=True)
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    # The Plain text rendering of ``body``, made when the comment is written.
    body_html = models.TextField(_("comment as shown"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    created = models.DateTimeField(_("posted"), db_index=False)
    # A keyed hash of the poster's network (IPv4 /32, IPv6 /64): enough to
    # recognise one client again, not enough to recover its address.
    client_key = models.CharField(_("client"), max_length=32, blank=True)
    # Why the comment was held (or let through), for moderators to read.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    # When the status last changed: a deleted comment is purged 30 days on.
    status_changed = models.DateTimeField(_("status changed"), null=True, blank=True)
    # The status a deleted comment goes back to when it is restored.
    status_before_deletion = models.CharField(
        _("status before deletion"), max_length=10, choices=Status.choices, blank=True
    )
    edited = models.DateTimeField(pgettext_lazy("comment", "edited"), null=True, blank=True)
    # The same for texts that differ only in case, spacing or punctuation:
    # how near-duplicates are found.
    fingerprint = models.CharField(_("fingerprint"), max_length=32, blank=True, editable=False)
    # When a moderator made it a newsroom pick (None: not one).
    picked = models.DateTimeField(_("newsroom pick"), null=True, blank=True, editable=False)
    # The author asked to be mailed when someone replies.
    notify_replies = models.BooleanField(_("notify of replies"), default=False)
    # The random key the form was sent with: a form sent again (a retry after
    # a lost answer, Back and Save) finds this comment instead of posting twice.
    idempotency_key = models.CharField(
        _("form key"), max_length=64, null=True, blank=True, unique=True
    )
    # Where an imported comment came from ("wordpress", "isso", …) and its id
    # there: importing the same source again finds it instead of adding it.
    source = models.CharField(_("imported from"), max_length=20, blank=True, editable=False)
    source_id = models.CharField(_("id at the source"), max_length=100, blank=True, editable=False)
    # Where the comment stands in its thread: for a top-level comment its
    # time, for a reply its parent's path and a number, e.g.
    # "01710061200000000.000002." for the second reply to a comment. Sorting
    # by path puts every reply after what it answers.
    path = models.CharField(
        _("place in the thread"),
        max_length=ROOT_SEGMENT + 1 + (PATH_SEGMENT + 1) * (MAX_DEPTH - 1),
        default="",
        editable=False,
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(
                fields=["thread", "status", "created", "id"], name="comment_thread_reading"
            ),
            models.Index(fields=["thread", "status", "path", "id"], name="comment_thread_threaded"),
            models.Index(fields=["status", "created"], name="comment_queue"),
            models.Index(fields=["author_email"], name="comment_author_email"),
            models.Index(fields=["client_key"], name="comment_client"),
            # The newsroom's picks of a thread, counted on every render of its page.
            models.Index(
                fields=["thread", "status"],
                condition=Q(picked__isnull=False),
                name="comment_thread_picks",
            ),
            models.Index(fields=["fingerprint", "created"], name="comment_duplicates"),
        ]
        permissions = [
            ("moderate_comment", "Can moderate comments"),
            # Personal data only for the roles that need it (editors, administrators).
            ("see_addresses", "Can see commenters' and reporters' e-mail addresses"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["published", "pending", "spam", "deleted"]),
                name="comment_status_known",
            ),
            # A path is one place in its thread, whatever the status; its index
            # also serves placing a new comment (placing.place).
            models.UniqueConstraint(fields=["thread", "path"], name="comment_thread_path_unique"),
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source=""),
                name="comment_source_unique",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Comment %(id)s by %(name)s") % {"id": self.pk, "name": self.display_name}

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


class TriedQuestion(models.Model):
    """A CAPTCHA question someone tried, kept until its lifetime is over
    (``maoni.comments.question_stores``).

    Asking a question writes nothing: it is a signed token. Only a question
    that was answered, or that let a comment through, is written down, once,
    under a digest of its nonce, so that it gets one try and posts at most one
    comment. A ``used`` row is written in the transaction of that comment.
    """

    class State(models.TextChoices):
        SOLVED = "solved"
        # Answered wrongly: it gets no second try.
        BURNED = "burned"
        # Consumed by the comment it let through.
        USED = "used"

    digest = models.CharField(primary_key=True, max_length=64)
    state = models.CharField(max_length=6, choices=State.choices)
    # At or after the question's own end: expired rows are purged.
    expires = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires"], name="tried_question_expiry")]

    def __str__(self) -> str:
        return f"Question {self.digest[:8]}… {self.state}"


def user_display_name(user: AbstractBaseUser) -> str:
    full_name: str = getattr(user, "get_full_name", lambda: "")()
    return full_name or user.get_username()


class AddressConfirmation(models.Model):
    """An address a reader without an account asked reply notices at: the double opt-in.

    One row per address. ``mailed`` is when a confirmation link last went to
    it (at most one a day, so nobody can use the comment form to flood a
    stranger's mailbox); ``confirmed`` is when a link was followed, None while
    it waits. Until then no reply notice goes to the address.

    ``comment`` is the comment whose link confirmed the address (or, while it
    waits, whose link was mailed last): the one comment without an account
    that the address's owner is known to have written, since anyone can
    type an address on another.
    """

    # Stored lowercased, so one address is one row whatever its case.
    email = models.EmailField(max_length=Comment.EMAIL_MAX_LENGTH, unique=True)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mailed = models.DateTimeField()
    confirmed = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Kept under the notifications app until its code moved here.
        db_table = "notifications_addressconfirmation"
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="address_confirmation_email_lowercase"
            ),
        ]

    def __str__(self) -> str:
        state = f"confirmed {self.confirmed}" if self.confirmed else f"mailed {self.mailed}"
        return f"Address {state}"


class PersonalDataPurge(models.Model):
    """When ``manage.py purge_personal_data`` last ran, for ``doctor``: one row.

    Not a settings row (``OneRow``): saving it changes no page.
    """

    last_run = models.DateTimeField(null=True, blank=True)
    addresses_removed = models.PositiveIntegerField(default=0)
    comments_purged = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("personal data purge")

    def __str__(self) -> str:
        return f"Personal data purge, last run {self.last_run or 'never'}"

    @classmethod
    def load(cls) -> PersonalDataPurge:
        row, _made = cls.objects.get_or_create(pk=1)
        return row
