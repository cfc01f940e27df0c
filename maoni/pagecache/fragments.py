"""Pieces of pages kept between renders: each comment's markup.

When a thread changes, its page is rendered again, but most comments on it
have not changed: their markup is kept here, keyed by everything it shows,
so a new render formats only what is new. A changed comment gets a new key;
its old markup ages out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache

from django.conf import settings


class Fragments:
    """Strings in this process's memory, least recently used first out, by length."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._kept: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], str]) -> str:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        made = make()
        with self._lock:
            if key not in self._kept:
                self._kept[key] = made
                self.size += len(made)
            while self.size > self.budget:
                _key, dropped = self._kept.popitem(last=False)
                self.size -= len(dropped)
        return made

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self.size = 0


@cache
def fragments() -> Fragments:
    # Characters, not bytes; a comment's markup is about a kilobyte.
    return Fragments(settings.MAONI_PAGE_CACHE_MB * 1024 * 1024 // 4)
