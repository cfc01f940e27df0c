"""Pieces of pages kept between renders: each comment's markup.

When a thread changes, its page is rendered again, but most comments on it
have not changed: their markup is kept here, keyed by everything it shows,
so a new render formats only what is new. A changed comment gets a new key;
its old markup ages out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache

from django.conf import settings

from maoni.pagecache.memory import Kept


class Fragments:
    """Markup in this process's memory, least recently used first out, by length."""

    def __init__(self, budget: int) -> None:
        self._kept: Kept[Hashable, str] = Kept(budget, len)

    def get_or_make(self, key: Hashable, make: Callable[[], str]) -> str:
        found = self._kept.get(key)
        if found is None:
            found = make()
            self._kept.put(key, found)
        return found

    def clear(self) -> None:
        self._kept.clear()


@cache
def fragments() -> Fragments:
    # Characters, not bytes; a comment's markup is about a kilobyte.
    return Fragments(settings.MAONI_PAGE_CACHE_MB * 1024 * 1024 // 4)
