"""What an importer reads from another comment system, before Maoni stores any of it.

A reader turns one source (a WordPress export, an Isso database, …) into a
stream of plain records: each page before its comments, every comment with
its text already as the reader meant it (Plain text) and its time in UTC.
Nothing here touches the database; ``maoni.imports.writing`` stores them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class SourceError(Exception):
    """A source that cannot be read; the message names the line or record where it broke."""


class Status(enum.Enum):
    """Where a comment stood at the source."""

    PUBLISHED = "published"
    # Waiting for a moderator there: held here, with the reason "imported: pending".
    PENDING = "pending"
    SPAM = "spam"
    # In the trash or deleted; one with replies stays as a tombstone that keeps them.
    DELETED = "deleted"


@dataclass(frozen=True)
class SourcePage:
    """A page comments were written under."""

    source_id: str
    # Its address at the source: absolute, or a path.
    url: str
    title: str
    # For --as-articles: its text as Plain text, when it was published, its slug.
    body: str = ""
    published: datetime | None = None
    slug: str = ""
    # False for a page the source did not show (an unpublished node): its
    # article is a draft, and none of its comments is public here either.
    public: bool = True


@dataclass(frozen=True)
class SourceComment:
    source_id: str
    page_id: str
    parent_id: str | None
    # Aware, in UTC.
    created: datetime
    status: Status
    author_name: str
    author_email: str
    body: str
    # The client's address as the source kept it ('' when none): stored only
    # as Maoni's keyed client hash.
    address: str = ""
    # A registered user's e-mail address at the source, to match with an account here.
    user_email: str = ""
    # Where it stood in the source (a line, a row), for messages.
    where: str = ""


Record = SourcePage | SourceComment


class Reader(Protocol):
    """One source, read as a stream: each page comes before its comments."""

    def records(self) -> Iterator[Record]:
        """The source's pages and comments; raises SourceError where it is malformed."""
