"""What an exporter writes: Maoni's pages and comments as plain values. Pure.

``maoni.exports.reading`` reads them from the database, page by page; the
writers (``wxr``, ``disqus``) turn them into another system's file and know
nothing of Django. Times are aware; ``status`` is a ``Comment.Status`` value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Protocol, TextIO


@dataclass(frozen=True)
class ExportPage:
    """A page that has comments: one of Maoni's articles, or a page of a registered site."""

    # The thread's id: one number for articles and other sites' pages alike.
    id: int
    url: str
    title: str
    # The page's id where it is embedded (its path), or the article's address.
    identifier: str
    created: datetime
    # Articles only: the short name and the text (Plain text).
    slug: str = ""
    body: str = ""
    is_article: bool = False
    # False for a draft article: nothing under it was public.
    public: bool = True
    closed: bool = False


@dataclass(frozen=True)
class ExportComment:
    id: int
    parent_id: int | None
    created: datetime
    status: str
    author_name: str
    author_email: str
    # The text as typed (Plain text), and Maoni's rendering of it.
    body: str
    body_html: str
    registered: bool = False


@dataclass(frozen=True)
class Channel:
    """The site the export is of."""

    title: str
    base_url: str
    # The site's time zone (settings.TIME_ZONE), for WordPress's local times.
    zone: tzinfo
    now: datetime


@dataclass
class Written:
    """What an export wrote, and what it left out, by status."""

    pages: int = 0
    comments: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)

    def count(self, status: str, *, kept: bool = True) -> None:
        counts = self.comments if kept else self.left_out
        counts[status] = counts.get(status, 0) + 1


class Pages(Protocol):
    """Pages, each with a way to read its comments (parents before replies) when it is written.

    Some formats go through the pages twice (Disqus lists every thread before
    any post), so ``__call__`` starts a new reading each time.
    """

    def __call__(self) -> Iterator[ExportPage]: ...

    def comments(self, page: ExportPage) -> Iterable[ExportComment]: ...


class Writer(Protocol):
    def __call__(self, out: TextIO, pages: Pages, *, channel: Channel) -> Written: ...
