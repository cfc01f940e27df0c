"""Other web sites whose pages carry Maoni's comments, and the settings each has."""

from __future__ import annotations

from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maoni.comments.choices import Premoderation, quiet_hours_clean
from maoni.moderation.models import SpamSettings

# How Maoni's own articles are named where a site is named (the API, the
# embed pages): no registered site may take it.
OWN_SITE = "maoni"


def _not_own_site(slug: str) -> None:
    if slug == OWN_SITE:
        raise ValidationError(_("This name is kept for Maoni's own articles."))


def _known_zone(name: str) -> None:
    if name and name not in available_timezones():
        raise ValidationError(
            _("%(name)s is not a time zone this server knows; write it as Africa/Nairobi."),
            params={"name": name},
        )


class Site(models.Model):
    """Another web site whose pages carry Maoni's comments (the embed widget, the API).

    Maoni's own articles belong to no ``Site`` row: their threads have none,
    and the site-wide settings apply to them. A site's own settings, where
    set, apply on top of the site-wide ones to every thread of its pages.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("short name"),
        max_length=50,
        unique=True,
        validators=[_not_own_site],
        help_text=_("How the site is named in embed codes and addresses: letters, digits, -."),
    )
    origins = models.TextField(
        _("allowed origins"),
        help_text=_(
            "One a line, as the browser sends it: scheme, host and any port, no path "
            "(https://news.example.org). Only pages from these may show the comments and post."
        ),
    )
    premoderation = models.CharField(
        _("pre-moderation"), max_length=10, choices=Premoderation.choices, blank=True
    )
    comments_closed = models.BooleanField(
        _("comments closed"),
        default=False,
        help_text=_("Comments stay visible on every page of this site; no new ones are taken."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "A page takes no new comments this many days after its first one; empty: as "
            "the comment settings say; 0: never."
        ),
    )
    quiet_from = models.TimeField(
        _("quiet hours from"),
        null=True,
        blank=True,
        help_text=_(
            "Every new comment waits for a moderator from this time; empty: as the "
            "comment settings say."
        ),
    )
    quiet_until = models.TimeField(_("quiet hours until"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[_known_zone],
        help_text=_(
            "The clock of the quiet hours, such as Africa/Nairobi; empty: MAONI_TIME_ZONE."
        ),
    )
    captcha = models.CharField(
        _("math question"),
        max_length=10,
        choices=SpamSettings.Captcha.choices,
        blank=True,
        help_text=_("Empty: as the spam settings say."),
    )

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.CheckConstraint(
                condition=Q(captcha__in=["", "always", "suspicious"]), name="site_captcha_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        quiet_hours_clean(self.quiet_from, self.quiet_until)

    @property
    def origin_list(self) -> list[str]:
        return [line.strip().rstrip("/") for line in self.origins.splitlines() if line.strip()]


def page_thread_key(site_id: int, page_id: str) -> str:
    """The key of the thread of a site's page: ``<site id>:<the page's id>``."""
    return f"{site_id}:{page_id}"


def page_id_of_key(key: str) -> str:
    """The page's id in a key ``page_thread_key`` made."""
    return key.partition(":")[2]
