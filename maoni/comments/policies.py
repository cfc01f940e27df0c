"""The comment settings in force: site-wide, over a site's, under a thread's own.

``CommentSettings`` is the one row of site-wide settings, edited in the
admin; ``Policy`` is what holds for one thread at one moment, made by
``Thread.policy()`` from the thread's own settings over its site's over these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maoni.comments.choices import Contact, Display, Premoderation, quiet_hours_clean
from maoni.comments.closing import Closed, QuietHours, Rules
from maoni.onerow import OneRow

if TYPE_CHECKING:
    from maoni.comments.sites import Site

# Replies are stored at most this deep; deeper ones are filed under the
# ancestor at this depth, so a thread's path stays short.
MAX_DEPTH = 12


class CommentSettings(OneRow):
    """The site's comment settings: one row, edited in the admin.

    A thread may override pre-moderation and contact information; the values
    in force come from ``Thread.policy()``.
    """

    premoderation = models.CharField(
        _("pre-moderation"),
        max_length=10,
        choices=Premoderation.choices,
        default=Premoderation.OFF,
    )
    first_comments_held = models.PositiveSmallIntegerField(
        _("hold the first comments of a new e-mail address"),
        default=0,
        help_text=_(
            "How many comments of a commenter wait for a moderator before the commenter is "
            "trusted; 0 turns this off. Only an address the commenter proved counts: the "
            "comments of a logged-in account with a confirmed e-mail address. An address "
            "typed without an account proves nothing, so such comments are always held "
            "while this is on."
        ),
    )
    anonymous_contact = models.CharField(
        _("anonymous contact information"),
        max_length=10,
        choices=Contact.choices,
        default=Contact.OPTIONAL,
    )
    display = models.CharField(
        _("display"), max_length=10, choices=Display.choices, default=Display.THREADED
    )
    depth_cap = models.PositiveSmallIntegerField(
        _("deepest indentation"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DEPTH)],
        help_text=_("Replies deeper than this are shown at this depth."),
    )

    reports_to_hold = models.PositiveSmallIntegerField(
        _("reports that hold a comment"),
        default=3,
        help_text=_(
            "A published comment reported by this many different readers waits for a "
            "moderator's decision; 0: reports never hold a comment by themselves."
        ),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_(
            "Each article takes no new comments this many days after it was published (a "
            "page of another site: after its first comment); 0 keeps them open. An "
            "article or site may set its own."
        ),
    )
    quiet_from = models.TimeField(
        _("quiet hours from"),
        null=True,
        blank=True,
        help_text=_(
            "From this time every new comment waits for a moderator, on the clock of "
            "MAONI_TIME_ZONE; empty: no quiet hours."
        ),
    )
    quiet_until = models.TimeField(
        _("quiet hours until"),
        null=True,
        blank=True,
        help_text=_("Until this time, the next morning when it comes before the start."),
    )

    class Meta:
        verbose_name = _("comment settings")
        verbose_name_plural = _("comment settings")

    def __str__(self) -> str:
        return str(_("Comment settings"))

    def clean(self) -> None:
        super().clean()
        quiet_hours_clean(self.quiet_from, self.quiet_until)


@dataclass(frozen=True)
class Policy:
    """The comment settings in force for one thread."""

    premoderation: str
    first_comments_held: int
    anonymous_contact: str
    display: str = Display.THREADED
    depth_cap: int = 4
    # When the thread's site asks the math question (SpamSettings.Captcha; empty:
    # as the spam settings say), and whether the site takes no new comments.
    captcha: str = ""
    # Why the thread takes no new comments (None: it does), the quiet hours in
    # force (every new comment waits), when it closes by itself, and when any of
    # these next changes by itself (a kept page is rendered again then).
    closed: Closed | None = None
    quiet: QuietHours | None = None
    closes_at: datetime | None = None
    changes_at: datetime | None = None


def closing_rules(every: CommentSettings, site: Site | None, days: int | None) -> Rules:
    """A thread's closing rules: its own days, else its site's, else the site-wide ones."""
    if days is None:
        days = site.close_after_days if site is not None else None
    quiet_from, quiet_until = every.quiet_from, every.quiet_until
    if site is not None and site.quiet_from is not None and site.quiet_until is not None:
        quiet_from, quiet_until = site.quiet_from, site.quiet_until
    quiet = None
    if quiet_from is not None and quiet_until is not None:
        quiet = QuietHours(quiet_from, quiet_until)
    return Rules(
        close_after_days=every.close_after_days if days is None else days,
        quiet=quiet,
        zone=ZoneInfo((site.time_zone if site is not None else "") or settings.TIME_ZONE),
    )
