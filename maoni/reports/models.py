"""Readers' reports of comments, notices of illegal content among them.

A report names the comment, a reason and what the reader added. Who sent it
is kept only as a keyed hash (to count distinct readers and refuse a second
report of the same comment) and, if they left one, an address to send the
decision to: it is never shown to the comment's author or the public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abuse or harassment")
        OFF_TOPIC = "off_topic", _("Off-topic")
        ILLEGAL = "illegal", _("Illegal content")

    class Decision(models.TextChoices):
        OPEN = "", _("Waiting for a moderator")
        KEPT = "kept", _("Kept: the comment stays")
        REMOVED = "removed", _("Removed")

    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("comment"),
    )
    # The comment stays named by its id after it is purged.
    comment_ref = models.PositiveBigIntegerField(_("comment ref"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    # For a notice of illegal content: the law it breaks, and why.
    legal_ground = models.CharField(_("legal ground"), max_length=300, blank=True)
    explanation = models.TextField(_("explanation"), max_length=5000, blank=True)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    # Private: never shown to the public, the author or moderators' pages.
    reporter_name = models.CharField(_("reporter name"), max_length=100, blank=True)
    reporter_email = models.EmailField(_("reporter email"), max_length=254, blank=True)
    # "user:<id>" or "client:<keyed network hash>": one report per reader and comment.
    reporter_key = models.CharField(_("reporter key"), max_length=60)
    created = models.DateTimeField(_("created"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("decided by"),
    )
    # The moderator's note, sent as the statement of reasons.
    decision_note = models.TextField(_("decision note"), blank=True)
    # The language the reader reported in: their receipt and decision mails are
    # written in it ("": the site's LANGUAGE_CODE).
    language = models.CharField(_("language"), max_length=8, blank=True, default="")

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["comment", "decision"], name="report_open_by_comment")]
        constraints = [
            models.UniqueConstraint(
                fields=["comment_ref", "reporter_key"], name="report_one_per_reader"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=["spam", "abuse", "off_topic", "illegal"]),
                name="report_reason_known",
            ),
            models.CheckConstraint(
                condition=~Q(reason="illegal") | (~Q(legal_ground="") & ~Q(explanation="")),
                name="report_illegal_has_ground",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Report of comment %(comment)s: %(reason)s") % {
            "comment": self.comment_ref,
            "reason": self.reason,
        }
