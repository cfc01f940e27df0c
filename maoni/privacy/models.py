"""The log of readers' requests about their data: what was asked and when, not what."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataRequest(models.Model):
    class Kind(models.TextChoices):
        LINK = "link", _("asked for a link")
        VIEW = "view", _("looked at their data")
        DOWNLOAD = "download", _("downloaded their data")
        ANONYMISE = "anonymise", _("anonymised their comments")
        DELETE = "delete", _("deleted their comments")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    created = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M}: {self.get_kind_display()}"
