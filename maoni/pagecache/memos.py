"""Values read from the database and kept in a process while a counter stands still.

Settings rows, block lists, the spam filter's counts and the registered
names change seldom and are read by every post. Each kind has a counter
slot (see ``counters``) that the change moves on, in every process at once;
a ``Memo`` keeps what it read under the counter's value and reads again
once the value has moved. The counter is read before the rows, so a value
read while a change was being made is read again after it commits. For the
same reason the rows are read from the primary, never from a read replica
that may not have replayed the change yet (see ``maoni/routers.py``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from maoni.pagecache.counters import UNKNOWN
from maoni.pagecache.store import counters
from maoni.routers import primary_reads, reads_may_lag

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_every: list[Memo[object, object]] = []


class Memo(Generic[K, V]):
    """Up to ``limit`` values by key, all forgotten when counter ``slot`` moves."""

    def __init__(self, slot: int, limit: int = 1) -> None:
        self.slot = slot
        self.limit = limit
        self._kept: OrderedDict[K, tuple[V]] = OrderedDict()
        self._mark = -1
        self._lock = threading.Lock()
        _every.append(self)  # type: ignore[arg-type]

    def mark(self) -> int:
        """The counter now, forgetting everything kept under an older value."""
        mark = counters().read(self.slot)
        if mark == UNKNOWN:
            # Out of reach: nothing kept is trusted, and nothing is kept.
            with self._lock:
                self._kept.clear()
                self._mark = UNKNOWN - 1
            return UNKNOWN
        if mark != self._mark:
            with self._lock:
                if mark != self._mark:
                    self._kept.clear()
                    self._mark = mark
        return mark

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        mark = self.mark()
        kept = self._kept.get(key)
        if kept is not None:
            return kept[0]
        with primary_reads():
            value = make()
            self.put(key, value, mark=mark)
        return value

    def get(self, key: K) -> tuple[V] | None:
        """``(value,)`` when kept under the counter as it is now; call ``mark`` first."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and self.limit > 1:
                self._kept.move_to_end(key)
            return kept

    def put(self, key: K, value: V, *, mark: int) -> None:
        """Keeps a value read after the counter showed ``mark`` (unless it moved since).

        A value read just now from a read replica is not kept: it may predate
        the change that moved the counter to ``mark``.
        """
        if reads_may_lag():
            return
        with self._lock:
            if mark == self._mark:
                self._kept[key] = (value,)
                if len(self._kept) > self.limit:
                    self._kept.popitem(last=False)

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()
            self._mark = -1


def forget_all() -> None:
    """Drops every memo (for tests: a rollback undoes rows but not counters)."""
    for memo in _every:
        memo.forget()
