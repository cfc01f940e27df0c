"""Pages of a thread's public comments, each read with one indexed range query.

Flat display: up to 50 comments a page, oldest first. Threaded display: a
page holds up to 50 comments too, but breaks between top-level comments: a
top-level comment and its replies start a new page rather than be split,
unless they alone are more than a page, in which case they fill pages of
their own.

Where each page begins is worked out and kept by ``maoni.comments.boundaries``.
A page is then read from its first comment to the next page's, with no
OFFSET, so the last page of a 10,000-comment thread costs what the first does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db.models import Q

from maoni.comments.boundaries import FlatBoundaries, Known, ThreadedBoundaries
from maoni.comments.models import Comment, CommentQuerySet, Display, Thread


class _Pages:
    """What Django's ``Page`` asks of a paginator, over kept page starts."""

    starts: Sequence[Any]
    _known: Known

    @property
    def count(self) -> int:
        """How many public comments the thread has."""
        return self._known.count

    def contents(self, number: int) -> tuple[int, tuple[Any, ...]] | None:
        """What identifies the comments of page ``number``, unchanged, in this process.

        Two renders with equal contents show the same comments, none changed
        since; None when that cannot be told. The page's keys themselves (a
        page's worth at most), not a hash of them, which two pages could share.
        """
        known = self._known
        if known.epoch is None:
            return None
        return (known.epoch, tuple(self._keys_on(number)) if self.starts else ())

    def _keys_on(self, number: int) -> Sequence[Any]:
        raise NotImplementedError

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
        self._known = ThreadedBoundaries(Display.THREADED, thread, per_page, fresh=fresh).known()
        self.starts: list[str] = self._known.starts

    def _keys_on(self, number: int) -> Sequence[str]:
        order = self._known.order
        first = bisect_left(order, self.starts[number - 1])
        if number < len(self.starts):
            return order[first : bisect_left(order, self.starts[number])]
        return order[first:]

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
        self.per_page = per_page
        self._known = FlatBoundaries(Display.FLAT, thread, per_page, fresh=fresh).known()
        self.starts: list[tuple[datetime, int]] = self._known.starts

    def _keys_on(self, number: int) -> Sequence[int]:
        return self._known.order[(number - 1) * self.per_page : number * self.per_page]

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
