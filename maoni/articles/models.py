"""News articles, written by editors in the admin; each owns a comment thread."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maoni.comments.models import Policy, Thread


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> ArticleQuerySet:
        """Articles the public may read: published, and not dated in the future."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-id")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # An article is "Published" in another word than a comment is.
        PUBLISHED = "published", pgettext_lazy("article", "Published")

    class CommentMode(models.TextChoices):
        OPEN = "open", _("Open: readers may read and post comments")
        CLOSED = "closed", _("Closed: comments are shown, no new ones")
        HIDDEN = "hidden", _("Hidden: comments are neither shown nor taken")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The article's address: /news/<slug>/.")
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    body = models.TextField(
        _("body"), help_text=_("Plain text. Leave a blank line between paragraphs.")
    )
    published_at = models.DateTimeField(
        pgettext_lazy("article date", "published"), default=timezone.now
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    comments = models.CharField(
        _("comments"), max_length=10, choices=CommentMode.choices, default=CommentMode.OPEN
    )
    thread = models.OneToOneField(Thread, on_delete=models.PROTECT, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_front_page"),
        ]
        permissions = [("set_comment_mode", "Can open, close or hide comments on an article")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="article_status_known"
            ),
            models.CheckConstraint(
                condition=Q(comments__in=["open", "closed", "hidden"]),
                name="article_comment_mode_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        if self.thread_id is None:
            self.thread = Thread.objects.create(opened=self.published_at)
        elif self.thread.opened != self.published_at:
            # Closing after a number of days counts from the article's date.
            self.thread.opened = self.published_at
            Thread.objects.filter(pk=self.thread_id).update(opened=self.published_at)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def topic(self) -> str:
        """What the article is about, in its own words: what on-topic comments share."""
        return f"{self.title}\n{self.body}"

    @property
    def paragraphs(self) -> list[str]:
        normalised = self.body.replace("\r\n", "\n").replace("\r", "\n")
        return [block.strip() for block in normalised.split("\n\n") if block.strip()]

    @property
    def shows_comments(self) -> bool:
        return self.comments != self.CommentMode.HIDDEN

    @property
    def takes_comments(self) -> bool:
        """Open, and not closed by hand, with the site or by the closing rules."""
        return self.open_under(self.thread.policy())

    def open_under(self, policy: Policy) -> bool:
        """``takes_comments`` for a thread policy already in hand."""
        return self.comments == self.CommentMode.OPEN and policy.closed is None
