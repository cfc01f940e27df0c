"""Change counters that every worker process sees at once.

A cached page is valid while the counters it was rendered under are
unchanged. The counters live in a small file mapped into memory by every
process that serves pages, so reading one costs a few hundred nanoseconds
and no database query, and a change made by one worker is seen by all of
them at once; a Django ``LocMemCache`` would be seen by one process only.

Slot 0 (``SITE``) changes with anything shown on every page (the comment
display settings, a commenter's name); slot 1 (``FRONT``) with anything on
the front page; slot 2 (``SPAM``) with what the spam checks read (block
lists, the filter's counts); slot 3 (``NAMES``) with the registered users'
names. Slots up to ``RESERVED`` are kept for such site-wide things; the
other slots hold threads, by thread id modulo their number. Two threads
sharing a slot only make each other's pages re-render more often: sharing
never makes a page stale.

A counter's value is the time of its last change in nanoseconds (or one
more than before, if the clock has not moved on), so it doubles as the
page's ``Last-Modified``. Changes take a file lock; reads take none.

App servers on several machines share the same counters in Redis
(``RedisCounters``) or, without Redis, in a table of the database
(``DatabaseCounters``); ``MAONI_PAGE_COUNTERS`` says which.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import struct
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import redis
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from maoni.redis_connections import redis_client

logger = logging.getLogger(__name__)

SITE = 0
FRONT = 1
SPAM = 2
NAMES = 3
RESERVED = 8
SLOTS = 65_536
_THREAD_SLOTS = SLOTS - RESERVED
_WORD = struct.Struct("<Q")


class Counters:
    """The counters in one file; ``read`` and ``bump`` are safe across processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = -1
        self._map: mmap.mmap | None = None
        self._opening = threading.Lock()

    def _mapped(self) -> mmap.mmap:
        if self._map is None:
            with self._opening:
                if self._map is None:
                    self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                    size = SLOTS * _WORD.size
                    fcntl.flock(self._fd, fcntl.LOCK_EX)
                    try:
                        if os.fstat(self._fd).st_size < size:
                            os.ftruncate(self._fd, size)
                    finally:
                        fcntl.flock(self._fd, fcntl.LOCK_UN)
                    self._map = mmap.mmap(self._fd, size)
        return self._map

    def read(self, slot: int) -> int:
        value: int = _WORD.unpack_from(self._mapped(), slot * _WORD.size)[0]
        return value

    def read_many(self, slots: Sequence[int]) -> list[int]:
        return [self.read(slot) for slot in slots]

    def bump(self, slots: Iterable[int]) -> None:
        """Moves each slot on to a value none of its pages was rendered under."""
        mapped = self._mapped()
        wanted = sorted(set(slots))
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            now = time.time_ns()
            for slot in wanted:
                offset = slot * _WORD.size
                before = _WORD.unpack_from(mapped, offset)[0]
                _WORD.pack_into(mapped, offset, max(before + 1, now))
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
            os.close(self._fd)
            self._map = None


# What a counter reads as when it cannot be read (Redis unreachable): it
# matches no page, so nothing is served or kept until it can be read again.
UNKNOWN = -1


class RemoteCounters:
    """Counters kept by another server (Redis, the database), which may be away a while.

    While it is, a read gives ``UNKNOWN`` and a change is remembered and made
    again on the next call that reaches it: pages are rendered fresh
    meanwhile, and none kept from before can outlive a change made during
    the outage. Subclasses fetch and write; ``errors`` are what "away" raises.

    Each read is a round trip, so while a request is answered (between
    ``request_begins`` and ``request_ends``, on its thread) ``read`` keeps
    what it read: the settings, spam checks and names that one post consults
    cost one trip for all the site-wide slots, not one each. That is safe: a
    value kept under a counter read at the start of the request was read
    after it, so it is never older than the counter says; a change this
    process makes forgets the slots it moved. ``read_many``, which decides
    whether a kept page is served, always asks.
    """

    errors: tuple[type[Exception], ...] = ()
    store = ""

    def __init__(self) -> None:
        self._pending: set[int] = set()
        self._lock = threading.Lock()
        self._request = threading.local()

    def request_begins(self) -> None:
        self._request.seen = {}

    def request_ends(self) -> None:
        self._request.seen = None

    def _forget_seen(self, slots: Iterable[int]) -> None:
        seen: dict[int, int] | None = getattr(self._request, "seen", None)
        if seen:
            for slot in slots:
                seen.pop(slot, None)

    def _fetch(self, slots: Sequence[int]) -> list[int]:
        raise NotImplementedError

    def _write(self, slots: list[int]) -> None:
        raise NotImplementedError

    def _may_write(self) -> bool:
        return True

    def _write_or_keep(self, slots: set[int]) -> None:
        try:
            self._write(sorted(slots))  # the same order everywhere: no deadlock
        except self.errors:
            with self._lock:
                self._pending |= slots
            raise

    def _catch_up(self) -> None:
        if self._pending and self._may_write():
            with self._lock:
                pending, self._pending = self._pending, set()
            self._write_or_keep(pending)

    def read(self, slot: int) -> int:
        seen: dict[int, int] | None = getattr(self._request, "seen", None)
        if seen is None:
            return self.read_many([slot])[0]
        if slot not in seen:
            # A site-wide slot brings the others along: a post reads most of them.
            wanted = [slot] if slot >= RESERVED else [s for s in range(RESERVED) if s not in seen]
            for read, value in zip(wanted, self.read_many(wanted), strict=True):
                if value != UNKNOWN:
                    seen[read] = value
        return seen.get(slot, UNKNOWN)

    def read_many(self, slots: Sequence[int]) -> list[int]:
        try:
            self._catch_up()
            return self._fetch(slots)
        except self.errors:
            return [UNKNOWN] * len(slots)

    def bump(self, slots: Iterable[int]) -> None:
        wanted = set(slots)
        self._forget_seen(wanted)
        if not self._may_write():
            return
        try:
            self._catch_up()
            self._write_or_keep(wanted)
        except self.errors:
            logger.warning(
                "%s unreachable: page counters %s will move when it is back", self.store, wanted
            )


class RedisCounters(RemoteCounters):
    """The same counters in Redis, for app servers on several machines.

    Values are kept in microseconds (Redis scripts count in doubles, exact to
    2^53) and handed out in nanoseconds like the file's.
    """

    errors = (redis.RedisError,)
    store = "Redis"

    _BUMP = """
local now = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  local after = tonumber(redis.call('GET', key) or '0') + 1
  if now > after then after = now end
  redis.call('SET', key, string.format('%.0f', after))
end
"""

    def __init__(self, url: str, prefix: str = "maoni:counter:") -> None:
        super().__init__()
        self._redis = redis_client(url)
        self._prefix = prefix
        self._bump = self._redis.register_script(self._BUMP)

    def _key(self, slot: int) -> str:
        return f"{self._prefix}{slot}"

    def _write(self, slots: list[int]) -> None:
        self._bump(keys=[self._key(slot) for slot in slots], args=[time.time_ns() // 1000])

    def _fetch(self, slots: Sequence[int]) -> list[int]:
        values = self._redis.mget([self._key(slot) for slot in slots])
        return [int(value) * 1000 if value is not None else 0 for value in values]


class DatabaseCounters(RemoteCounters):
    """The same counters in a table of the database, for app servers without Redis.

    Read with the request's own connection to the primary, one query for the
    slots a request needs at once. A change is written in autocommit, so it
    counts for every app server at once; inside a transaction only the
    change made after the commit is written (see ``changes``), since a row
    updated within it would stay locked, queueing every other writer of the
    slot, until the commit. Until then the transaction reads the slots it
    changed as ``UNKNOWN``: nothing it reads is kept under the values from
    before it, which, were it rolled back, would stand on.
    """

    errors = (DatabaseError,)
    store = "The database"

    def __init__(self, alias: str = DEFAULT_DB_ALIAS) -> None:
        super().__init__()
        self._alias = alias
        self._open = threading.local()

    def _may_write(self) -> bool:
        return not connections[self._alias].in_atomic_block

    def _changing(self) -> set[int]:
        """The slots changed by the transaction open on this thread's connection."""
        changing: set[int] | None = getattr(self._open, "slots", None)
        if changing is None:
            changing = self._open.slots = set()
        if changing and self._may_write():
            changing.clear()  # that transaction has ended: committed (and written) or undone
        return changing

    def bump(self, slots: Iterable[int]) -> None:
        if not self._may_write():
            wanted = set(slots)
            self._forget_seen(wanted)
            self._changing().update(wanted)  # written after the commit: changes._bump
            return
        super().bump(slots)

    def _write(self, slots: list[int]) -> None:
        connection = connections[self._alias]
        table = connection.ops.quote_name(_COUNTER_TABLE)
        larger = "GREATEST" if connection.vendor == "postgresql" else "MAX"
        rows = ", ".join(["(%s, %s)"] * len(slots))
        now = time.time_ns()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (slot, value) VALUES {rows} "  # noqa: S608
                f"ON CONFLICT (slot) DO UPDATE "
                f"SET value = {larger}({table}.value + 1, excluded.value)",
                [value for slot in slots for value in (slot, now)],
            )

    def _fetch(self, slots: Sequence[int]) -> list[int]:
        connection = connections[self._alias]
        marks = ", ".join(["%s"] * len(slots))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT slot, value FROM {connection.ops.quote_name(_COUNTER_TABLE)} "  # noqa: S608
                f"WHERE slot IN ({marks})",
                list(slots),
            )
            found = dict(cursor.fetchall())
        changing = self._changing()
        return [UNKNOWN if slot in changing else int(found.get(slot, 0)) for slot in slots]


# PageCounter's table (maoni.pagecache.models), named here so that reading a
# counter needs no model import.
_COUNTER_TABLE = "pagecache_pagecounter"


# Wherever they are kept, counters are read and moved on the same way.
PageCounters = Counters | RedisCounters | DatabaseCounters


def thread_slot(thread_id: int) -> int:
    return RESERVED + thread_id % _THREAD_SLOTS
