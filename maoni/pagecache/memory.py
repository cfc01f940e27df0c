"""Values kept in one process's memory within a budget, least recently used first out."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """A dictionary that forgets its oldest-used values when their sizes pass ``budget``."""

    def __init__(self, budget: int, size: Callable[[V], int]) -> None:
        self.budget = budget
        self.used = 0
        self._size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Keeps ``value``, unless it alone would take a quarter of the budget."""
        size = self._size(value)
        if size > self.budget // 4:
            return
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self.used -= self._size(old)
            self._values[key] = value
            self.used += size
            while self.used > self.budget:
                _key, dropped = self._values.popitem(last=False)
                self.used -= self._size(dropped)

    def discard(self, key: K) -> None:
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self.used -= self._size(old)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.used = 0

    def __len__(self) -> int:
        return len(self._values)
