"""Isso's SQLite database, read as pages and comments.

Isso keeps a ``threads`` row per page (its path and the title the first
poster sent) and a ``comments`` row per comment: the Markdown the reader
typed (raw HTML in it is text they typed, never markup), the author and
e-mail HTML-escaped (``&`` as ``&amp;`` only), times as float UNIX seconds,
and the client's address already anonymised (an IPv4 /24, an IPv6 /48).
Replies go one level deep there: ``parent`` names a top-level comment.

Left out, since Maoni has no place for them: likes, dislikes and the bloom
filter of voters, the website, the wish for reply mails, and when a comment
was edited (its text is the edited one). A comment its author deleted while
it had replies (mode 4) is a tombstone: its e-mail and address, which Isso
keeps, are dropped here.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

from maoni.imports.plain import html_to_line, markdown_to_plain
from maoni.imports.records import Record, SourceComment, SourceError, SourcePage, Status
from maoni.imports.sqlite_files import open_read_only, table_columns

BATCH = 1000
STATUSES = {1: Status.PUBLISHED, 2: Status.PENDING, 4: Status.DELETED}
DELETED_MODE = 4
# What the reader needs of each table; Isso's schema (user_version 5) has more.
NEEDED = {
    "comments": {"tid", "id", "parent", "created", "mode", "remote_addr", "text"}
    | {"author", "email"},
    "threads": {"id", "uri", "title"},
}

# Every thread with its comments, the thread's columns on each row; a thread
# without comments comes once, with NULLs (Isso's trigger removes such threads).
# Comments in page order. Read on their own, sorted once: Isso keeps no index
# of comments by thread, and a join from its threads would read every
# comment once per thread.
QUERY = """
    SELECT c.tid, c.id, c.parent, c.created, c.mode, c.remote_addr, c.text, c.author, c.email
    FROM comments AS c
    ORDER BY c.tid, c.id
"""
THREADS = "SELECT id, uri, title FROM threads"


class IssoReader:
    """The pages and comments of the Isso database file at ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path

    def records(self) -> Iterator[Record]:
        connection = self._open()
        try:
            # Pages are few beside comments: kept by id while their comments are read.
            threads = {row[0]: row for row in connection.execute(THREADS)}
            cursor = connection.execute(QUERY)
            page_id: str | None = None
            while rows := cursor.fetchmany(BATCH):
                for row in rows:
                    if str(row[0]) != page_id:
                        page_id = str(row[0])
                        yield page_of(_thread(threads, row))
                    yield comment_of(page_id, row[1:])
        except sqlite3.DatabaseError as error:
            raise SourceError(f"{self.path} could not be read: {error}.") from error
        finally:
            connection.close()

    def _open(self) -> sqlite3.Connection:
        connection = open_read_only(self.path)
        for table, needed in NEEDED.items():
            columns = table_columns(connection, table)
            if not columns:
                connection.close()
                raise SourceError(f"{self.path} is not an Isso database: it has no {table} table.")
            if missing := needed - columns:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                connection.close()
                raise SourceError(
                    f"{self.path} is not an Isso database Maoni can read (schema version "
                    f"{version}): its {table} table has no {', '.join(sorted(missing))} column."
                )
        return connection


def _thread(
    threads: dict[object, tuple[object, ...]], row: tuple[object, ...]
) -> tuple[object, ...]:
    """The ``threads`` row a comment is under; SourceError for a thread Isso does not hold."""
    found = threads.get(row[0])
    if found is None:
        raise SourceError(
            f"Isso comment {row[1]} is under thread {row[0]!r}, which the threads table "
            "does not hold."
        )
    return found


def page_of(row: tuple[object, ...]) -> SourcePage:
    """A ``threads`` row (id, uri, title) as a page: its path is its address."""
    thread_id, uri, title = row
    return SourcePage(
        source_id=str(thread_id),
        url=str(uri or ""),
        title=html_to_line(str(title or uri or "")),
    )


def comment_of(page_id: str, row: tuple[object, ...]) -> SourceComment:
    """A ``comments`` row (id, parent, created, mode, remote_addr, text, author, email)."""
    comment_id, parent, created, mode, address, text, author, email = row
    where = f"comments row {comment_id}"
    status = STATUSES.get(mode) if isinstance(mode, int) else None
    if status is None:
        raise SourceError(f"Isso comment {comment_id} has mode {mode!r}, which Isso never sets.")
    if not isinstance(created, int | float):
        raise SourceError(f"Isso comment {comment_id} has no time of writing ({created!r}).")
    tombstone = mode == DELETED_MODE
    return SourceComment(
        source_id=str(comment_id),
        page_id=page_id,
        parent_id=None if parent is None else str(parent),
        created=datetime.fromtimestamp(created, tz=UTC),
        status=status,
        author_name=_unescaped(author),
        author_email="" if tombstone else _unescaped(email),
        body="" if tombstone else markdown_to_plain(str(text or "")),
        address="" if tombstone else str(address or ""),
        where=where,
    )


def _unescaped(value: object) -> str:
    # Isso escaped these once when it stored them; NULL is a field left empty.
    return "" if value is None else html.unescape(str(value)).strip()
