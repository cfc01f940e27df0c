"""Pages of a threaded discussion that keep replies with what they answer.

A page holds up to 50 comments, as in flat display, but it breaks between
top-level comments: a top-level comment and its replies start a new page
rather than be split, unless they alone are more than a page, in which case
they fill pages of their own.

``layout`` is pure: it decides where pages begin from the size of each
top-level comment's thread. ``ThreadPages`` turns that into paths, so that a
page is read with one indexed range query and no OFFSET.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import Substr

from maoni.comments.models import ROOT_SEGMENT, Comment, CommentQuerySet, Display, Thread


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


class ThreadPages:
    """The pages of one thread's public comments in threaded order."""

    def __init__(self, thread: Thread, per_page: int) -> None:
        self.comments: CommentQuerySet = Comment.objects.public().for_thread(thread)
        rows = list(
            self.comments.annotate(root=Substr("path", 1, ROOT_SEGMENT + 1))
            .values("root")
            .annotate(size=Count("id"))
            .order_by("root")
        )
        self.starts: list[str] = []
        for start in layout([row["size"] for row in rows], per_page):
            root = rows[start.root]["root"]
            if start.offset == 0:
                self.starts.append(root)
            else:
                self.starts.append(
                    self.comments.filter(path__startswith=root)
                    .order_by("path", "id")
                    .values_list("path", flat=True)[start.offset]
                )

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


def page_of(comment: Comment, *, display: str, per_page: int) -> int:
    """The page of its thread on which a public comment stands, as the thread is shown."""
    if display == Display.THREADED:
        return ThreadPages(comment.thread, per_page).number_of(comment)
    return comment.page_number()
