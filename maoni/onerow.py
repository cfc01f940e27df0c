"""Settings kept as a table of one row: the comments', the spam checks'.

A base for the apps' settings models (abstract: it owns no table), so that
every settings table is read, cached and saved the same way.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Self

from django.db import models

from maoni.pagecache.counters import SITE
from maoni.pagecache.memos import Memo


class OneRow(models.Model):
    """A table of settings that holds exactly one row, made on first use."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> Self:
        """The row, read once per change of the site's settings in this process.

        Saving a settings row moves the page counters' site slot on (see
        maoni.pagecache.signals), which every process sees at once.
        """
        row = _settings_rows().get_or_make(cls, lambda: cls._default_manager.get_or_create(pk=1)[0])
        return copy.copy(row)  # type: ignore[return-value]


@functools.cache
def _settings_rows() -> Memo[type[OneRow], OneRow]:
    """Settings rows as last read, while the site counter stands."""
    return Memo(SITE, limit=8)
