"""Pages of a thread's public comments, each read with one indexed range query.

Flat display: up to 50 comments a page, oldest first. Threaded display: a
page holds up to 50 comments too, but breaks between top-level comments: a
top-level comment and its replies start a new page rather than be split,
unless they alone are more than a page, in which case they fill pages of
their own.

Where each page begins is worked out in one pass over the thread's index
and kept, in this process, for as long as the thread's version stands; a
page is then read from its first comment to the next page's, with no OFFSET,
so the last page of a 10,000-comment thread costs what the first does.
``layout`` is the pure part of the threaded rule.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from typing import Any

from django.db.models import Q

from maoni.comments.models import ROOT_SEGMENT, Comment, CommentQuerySet, Display, Thread

# Page boundaries of the threads read most recently, per process.
_KEPT = 256
_kept: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()
_kept_lock = threading.Lock()


def _boundaries(
    display: str,
    thread: Thread,
    per_page: int,
    work_out: Callable[[], list[Any]],
    *,
    fresh: bool,
) -> list[Any]:
    """The page starts kept for the thread as it stands now, or new ones.

    ``fresh``: the Thread in hand was read just now; otherwise its version and
    count are read again, as it may predate a change.
    """
    if fresh:
        version, count = thread.version, thread.public_count
    else:
        version, count = Thread.objects.values_list("version", "public_count").get(pk=thread.pk)
    key = (display, thread.pk, version, count, per_page)
    with _kept_lock:
        starts = _kept.get(key)
        if starts is not None:
            _kept.move_to_end(key)
            return starts
    starts = work_out()
    with _kept_lock:
        _kept[key] = starts
        while len(_kept) > _KEPT:
            _kept.popitem(last=False)
    return starts


def forget_boundaries() -> None:
    """Drops every kept page start (for tests, whose rollbacks reuse versions)."""
    with _kept_lock:
        _kept.clear()


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


class _Pages:
    """What Django's ``Page`` asks of a paginator, over kept page starts."""

    starts: Sequence[Any]

    @property
    def num_pages(self) -> int:
        return max(1, len(self.starts))

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)

    def validate_number(self, number: int) -> int:
        """Lets Django's Page ask for its neighbours, as it asks a Paginator."""
        if not 1 <= number <= self.num_pages:
            raise ValueError(number)
        return number

    def pager(self, number: int, *, around: int = 3) -> list[int | None]:
        """The page numbers a pager links to from page ``number``; None marks a gap.

        The first and last pages and ``around`` pages either side of this one:
        a 200-page thread gets a pager of a dozen links, not 200.
        """
        last = self.num_pages
        shown = sorted({1, last, *range(max(1, number - around), min(last, number + around) + 1)})
        numbers: list[int | None] = []
        previous = 0
        for page in shown:
            if page - previous == 2:
                numbers.append(page - 1)  # a gap of one page: show the page
            elif page - previous > 2:
                numbers.append(None)
            numbers.append(page)
            previous = page
        return numbers


class ThreadPages(_Pages):
    """The pages of one thread's public comments in threaded order."""

    def __init__(self, thread: Thread, per_page: int, *, fresh: bool = False) -> None:
        self.comments: CommentQuerySet = Comment.objects.public().for_thread(thread)
        self.starts: list[str] = _boundaries(
            Display.THREADED, thread, per_page, lambda: self._work_out(per_page), fresh=fresh
        )

    def _work_out(self, per_page: int) -> list[str]:
        # One ordered pass over the index: paths only, grouped by their root.
        paths = list(self.comments.order_by("path").values_list("path", flat=True))
        # Sorted paths: a root's comments are consecutive, and roots come in order.
        sizes = list(Counter(path[: ROOT_SEGMENT + 1] for path in paths).values())
        firsts = list(accumulate(sizes, initial=0))
        return [paths[firsts[start.root] + start.offset] for start in layout(sizes, per_page)]

    def comments_on(self, number: int) -> CommentQuerySet:
        """The comments of page ``number`` (1-based), in reading order."""
        if not self.starts:
            return self.comments.none()
        page = self.comments.filter(path__gte=self.starts[number - 1])
        if number < len(self.starts):
            page = page.filter(path__lt=self.starts[number])
        return page.order_by("path", "id")

    def number_of(self, comment: Comment) -> int:
        """The page a public comment of this thread is on."""
        return max(1, bisect_right(self.starts, comment.path))


class FlatPages(_Pages):
    """The pages of one thread's public comments, oldest first."""

    def __init__(self, thread: Thread, per_page: int, *, fresh: bool = False) -> None:
        self.comments: CommentQuerySet = Comment.objects.public().for_thread(thread)
        self.starts: list[tuple[datetime, int]] = _boundaries(
            Display.FLAT, thread, per_page, lambda: self._work_out(per_page), fresh=fresh
        )

    def _work_out(self, per_page: int) -> list[tuple[datetime, int]]:
        # Ids in reading order, from the index alone; then the first of each page.
        ids = list(self.comments.in_reading_order().values_list("id", flat=True))
        firsts = ids[::per_page]
        created = dict(Comment.objects.filter(pk__in=firsts).values_list("id", "created"))
        return [(created[pk], pk) for pk in firsts]

    def comments_on(self, number: int) -> CommentQuerySet:
        """The comments of page ``number`` (1-based), oldest first."""
        if not self.starts:
            return self.comments.none()
        created, pk = self.starts[number - 1]
        page = self.comments.filter(Q(created__gt=created) | Q(created=created, id__gte=pk))
        if number < len(self.starts):
            created, pk = self.starts[number]
            page = page.filter(Q(created__lt=created) | Q(created=created, id__lt=pk))
        return page.order_by("created", "id")

    def number_of(self, comment: Comment) -> int:
        """The page a public comment of this thread is on."""
        return max(1, bisect_right(self.starts, (comment.created, comment.pk)))


def pages_of(
    thread: Thread, *, display: str, per_page: int, fresh: bool = False
) -> ThreadPages | FlatPages:
    """The pages of a thread's public comments, as the thread is shown."""
    if display == Display.THREADED:
        return ThreadPages(thread, per_page, fresh=fresh)
    return FlatPages(thread, per_page, fresh=fresh)


def page_of(comment: Comment, *, display: str, per_page: int) -> int:
    """The page of its thread on which a public comment stands, as the thread is shown."""
    return pages_of(comment.thread, display=display, per_page=per_page).number_of(comment)
