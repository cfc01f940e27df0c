"""The page counters' table, for app servers that share a database but no Redis."""

from __future__ import annotations

from django.db import models


class PageCounter(models.Model):
    """One counter slot (see ``maoni.pagecache.counters``); a missing row reads as 0."""

    slot = models.PositiveIntegerField(primary_key=True)
    value = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.slot}: {self.value}"
