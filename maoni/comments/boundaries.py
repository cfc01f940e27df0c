"""Where each page of a thread begins, worked out once and kept in this process.

Where each page begins is worked out in one pass over the thread's index and
kept, with the reading order it came from; when readers have only added
comments since, the order is brought up to date from the new comments alone
(``Boundaries.known``). ``layout`` is the pure part of the threaded rule.
``maoni.comments.paging`` reads the pages these boundaries mark.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from maoni.comments.models import ROOT_SEGMENT, Comment, CommentQuerySet, Thread
from maoni.pagecache.memory import Kept
from maoni.routers import reads_may_lag

# What each thread's pages were worked out from, per process: the thread's
# public comments in reading order, by their sort keys. Kept within a budget
# (a 10,000-comment thread's keys take about 1 MB).
_KEPT_BYTES = 16 * 1024 * 1024
_BYTES_PER_KEY = 100


@dataclass
class Known:
    """A thread's reading order as it stood at ``version`` with ``count`` public comments."""

    version: int
    count: int
    # The highest comment id there was when the order was read: comments
    # posted since have higher ids.
    newest_id: int
    order: list[Any]
    starts: list[Any]
    # Which pass over the whole thread the order comes from: within one, the
    # thread has only gained comments, so a page whose comments are the same
    # keys as before shows the same comments, unchanged. None: not kept.
    epoch: int | None
    # What the display worked the starts out from, to bring them up to date.
    working: Any = None


# Numbers the passes over a whole thread made in this process.
_epochs = itertools.count()


kept_orders: Kept[tuple[Any, ...], Known] = Kept(
    _KEPT_BYTES, lambda known: _BYTES_PER_KEY * max(1, len(known.order))
)


def forget_boundaries() -> None:
    """Drops every kept reading order (for tests, whose rollbacks reuse versions)."""
    kept_orders.clear()


class Boundaries:
    """Works out where a thread's pages begin, from scratch or from what is kept.

    A thread that only gained new comments since its order was kept (the
    usual change: readers post) is brought up to date with one query for
    comments newer than the newest known, instead of a pass over the whole
    thread. That is trusted only when the thread's version and count moved
    on by exactly the number of comments found (each new public comment moves
    both by one; every other change moves the version too), so any other
    change leads to a pass over the whole thread.
    """

    def __init__(self, display: str, thread: Thread, per_page: int, *, fresh: bool) -> None:
        self.display = display
        self.thread = thread
        self.per_page = per_page
        if fresh:
            self.version, self.count = thread.version, thread.public_count
        else:
            self.version, self.count = Thread.objects.values_list("version", "public_count").get(
                pk=thread.pk
            )

    def known(self) -> Known:
        """The thread's order and page starts as they stand."""
        key = (self.display, self.thread.pk, self.per_page)
        known = kept_orders.get(key)
        if known is not None and (known.version, known.count) == (self.version, self.count):
            return known
        # What a read replica gave is used, not kept: it may be older than
        # what is kept already (never wrong, as versions name it, but work).
        keep = not reads_may_lag()
        if known is not None and self.version > known.version:
            caught_up = self._catch_up(known)
            if caught_up is not None:
                if keep:
                    kept_orders.put(key, caught_up)
                return caught_up
        newest_id = Comment.objects.order_by("-id").values_list("id", flat=True).first() or 0
        order = self.read_order()
        starts, working = self.work_out(order)
        read = Known(self.version, self.count, newest_id, order, starts, None, working)
        # Kept only if the order read is the one the version names (a change
        # committed between reading the thread and its comments would not be).
        if len(order) == self.count and keep:
            read.epoch = next(_epochs)
            kept_orders.put(key, read)
        return read

    def _catch_up(self, known: Known) -> Known | None:
        added = self.read_new(known.newest_id)
        if not (len(added) == self.version - known.version == self.count - known.count):
            return None
        advanced = self.advance(known, added)
        if advanced is None:
            return None
        order, starts, working = advanced
        newest_id = max(known.newest_id, *(pk for _key, pk in added))
        return Known(self.version, self.count, newest_id, order, starts, known.epoch, working)

    def public(self) -> CommentQuerySet:
        return Comment.objects.public().for_thread(self.thread)

    # What each display reads, how it cuts pages and how it adds new comments:
    # see the subclasses.
    def read_order(self) -> list[Any]:
        raise NotImplementedError

    def read_new(self, newer_than: int) -> list[tuple[Any, int]]:
        """The public comments with ids above ``newer_than``: (sort key, id)."""
        raise NotImplementedError

    def work_out(self, order: list[Any]) -> tuple[list[Any], Any]:
        """The page starts of ``order``, and the working to bring them up to date with."""
        raise NotImplementedError

    def advance(
        self, known: Known, added: list[tuple[Any, int]]
    ) -> tuple[list[Any], list[Any], Any] | None:
        """Order, starts and working with ``added`` in their places; None: a whole pass."""
        raise NotImplementedError


@dataclass(frozen=True)
class Start:
    """Where a page begins: the ``offset``-th comment of the ``root``-th thread."""

    root: int
    offset: int = 0


def layout(sizes: Sequence[int], per_page: int) -> list[Start]:
    """Returns where each page begins, given each top-level thread's size in order."""
    starts: list[Start] = []
    filled = per_page  # so that the first thread opens the first page
    for root, size in enumerate(sizes):
        if size > per_page:
            # Too big for one page: it gets pages of its own.
            starts.extend(Start(root, offset) for offset in range(0, size, per_page))
            filled = size % per_page or per_page
            continue
        if filled + size > per_page:
            starts.append(Start(root))
            filled = 0
        filled += size
    return starts


@dataclass(frozen=True)
class _Roots:
    """A threaded order's top-level comments: their path prefixes, sizes, and page plan."""

    roots: list[str]
    sizes: list[int]
    plan: list[Start]


class ThreadedBoundaries(Boundaries):
    def read_order(self) -> list[str]:
        # One ordered pass over the index: paths only.
        return list(self.public().order_by("path").values_list("path", flat=True))

    def read_new(self, newer_than: int) -> list[tuple[str, int]]:
        return list(self.public().filter(id__gt=newer_than).values_list("path", "id"))

    def work_out(self, order: list[str]) -> tuple[list[str], _Roots]:
        # Sorted paths: a root's comments are consecutive, and roots come in order.
        roots: list[str] = []
        sizes: list[int] = []
        for root, paths in groupby(order, key=_root_of):
            roots.append(root)
            sizes.append(sum(1 for _path in paths))
        plan = layout(sizes, self.per_page)
        return self._paths(order, roots, plan), _Roots(roots, sizes, plan)

    def advance(
        self, known: Known, added: list[tuple[str, int]]
    ) -> tuple[list[str], list[str], _Roots] | None:
        working: _Roots = known.working
        order, roots, sizes = list(known.order), list(working.roots), list(working.sizes)
        lowest = len(roots)  # the first top-level comment whose size changed
        for path, _pk in added:
            at = bisect_left(order, path)
            if at < len(order) and order[at] == path:
                return None  # already there: it was read with the order
            order.insert(at, path)
            root = _root_of(path)
            index = bisect_left(roots, root)
            if index < len(roots) and roots[index] == root:
                sizes[index] += 1
            else:
                roots.insert(index, root)
                sizes.insert(index, 1)
            lowest = min(lowest, index)
        # Pages that begin before the first change stay as they were: the plan
        # is worked out again from the last page opened by a top-level comment
        # before it (usually the last page or two of the thread).
        old = working.plan
        kept = next(
            (
                number
                for number in range(len(old) - 1, -1, -1)
                if old[number].offset == 0 and old[number].root < lowest
            ),
            0,
        )
        first = old[kept].root if old else 0
        tail = [
            Start(start.root + first, start.offset)
            for start in layout(sizes[first:], self.per_page)
        ]
        plan = old[:kept] + tail
        starts = known.starts[:kept] + self._paths(order, roots, tail)
        return order, starts, _Roots(roots, sizes, plan)

    @staticmethod
    def _paths(order: list[str], roots: list[str], plan: Sequence[Start]) -> list[str]:
        return [order[bisect_left(order, roots[start.root]) + start.offset] for start in plan]


def _root_of(path: str) -> str:
    return path[: ROOT_SEGMENT + 1]


class FlatBoundaries(Boundaries):
    """Flat order is kept as ids (reading dates for every comment would cost more)."""

    def read_order(self) -> list[int]:
        # Ids in reading order, from the index alone.
        return list(self.public().in_reading_order().values_list("id", flat=True))

    def read_new(self, newer_than: int) -> list[tuple[tuple[datetime, int], int]]:
        added = self.public().filter(id__gt=newer_than).values_list("created", "id")
        return sorted(((created, pk), pk) for created, pk in added)

    def work_out(self, order: list[int]) -> tuple[list[tuple[datetime, int]], None]:
        return self._starts(order), None

    def advance(
        self, known: Known, added: list[tuple[tuple[datetime, int], int]]
    ) -> tuple[list[int], list[tuple[datetime, int]], None] | None:
        # New comments are the newest, nearly always: they go at the end. One
        # dated earlier (an import) needs the whole pass.
        order = known.order
        if order:
            last = list(Comment.objects.filter(pk=order[-1]).values_list("created", "id"))
            if not last or added[0][0] <= last[0]:
                return None
        order = order + [pk for _key, pk in added]
        return order, self._starts(order), None

    def _starts(self, order: list[int]) -> list[tuple[datetime, int]]:
        firsts = order[:: self.per_page]
        created = dict(Comment.objects.filter(pk__in=firsts).values_list("id", "created"))
        return [(created[pk], pk) for pk in firsts]
