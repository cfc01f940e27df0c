"""The choices comment settings offer, for the site, one site or one thread."""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Premoderation(models.TextChoices):
    """Whose comments wait for a moderator before they are shown."""

    OFF = "off", _("Nobody's: comments are published at once")
    ANONYMOUS = "anonymous", _("Anonymous commenters' comments")
    EVERYONE = "everyone", _("Everyone's comments, except staff")


class Contact(models.TextChoices):
    """What anonymous commenters are asked about themselves."""

    FORBIDDEN = "forbidden", _("Anonymous posters may not enter their contact information")
    OPTIONAL = "optional", _("Anonymous posters may leave their contact information")
    REQUIRED = "required", _("Anonymous posters must leave their contact information")


class Display(models.TextChoices):
    THREADED = "threaded", _("Threaded: replies under what they answer, indented")
    FLAT = "flat", _("Flat: every comment in the order it was posted")


def quiet_hours_clean(start: time | None, end: time | None) -> None:
    """Quiet hours have both a start and an end, or neither."""
    if (start is None) != (end is None):
        raise ValidationError(
            _("Give quiet hours both a start and an end, or leave both empty."),
            code="quiet_hours_half",
        )
