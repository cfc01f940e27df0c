"""A Drupal 8+ site's database, read as pages (nodes) and their comments.

Drupal keeps a node's title and time in ``node_field_data``, its text in
``node__body``, a comment's author, place and status in
``comment_field_data`` and its text in ``comment__comment_body``, with
the text format it was written in. Text in *Plain text* is what the reader
typed (Drupal escapes it when it shows it) and is kept as it is; text in an
HTML format (Basic HTML, Restricted HTML, Full HTML) becomes Plain text.
Each translation of a node or comment is a row of its own: only the
original (``default_langcode``) is read.

Replies are ordered by Drupal's ``thread`` code ("01/", "01.00/"): without
its closing "/", it sorts every comment after the one it answers.

Left out, since Maoni has no place for them: a comment's subject and
homepage, when it was last changed, and comments on anything but nodes.
Drupal keeps no spam and no deleted comments; an unpublished one (status 0)
is held here with the reason "imported: pending at the source".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from django.utils.text import slugify

from maoni.imports.connections import Database, Row, connect
from maoni.imports.plain import html_to_plain
from maoni.imports.records import Record, SourceComment, SourceError, SourcePage, Status

NEEDED = ("comment_field_data", "node_field_data", "comment__comment_body")
STATUSES = {1: Status.PUBLISHED, 0: Status.PENDING}
# Formats whose text is what the reader typed; any other holds HTML.
PLAIN_FORMATS = {"plain_text"}


class DrupalReader:
    """The nodes with comments, and those comments, of the Drupal database ``source``.

    ``source`` is a DSN (postgres://user@host:5432/name, sqlite:///path) or
    the path of an SQLite file.
    """

    def __init__(self, source: str) -> None:
        self.source = source

    def records(self) -> Iterator[Record]:
        database = connect(self.source, system="Drupal")
        try:
            tables = self._tables(database)
            pages = database.rows(pages_query(tables))
            comments = database.rows(comments_query(tables, database.bytewise))
            yield from merged(pages, comments)
        except database.errors as error:
            raise SourceError(
                f"{database.shown} could not be read: {error}".rstrip() + "."
            ) from error
        finally:
            database.close()

    def _tables(self, database: Database) -> set[str]:
        tables = database.tables()
        for table in NEEDED:
            if table not in tables:
                raise SourceError(
                    f"{database.shown} is not a Drupal 8+ database: it has no {table} table."
                )
        return tables


def pages_query(tables: set[str]) -> str:
    """The nodes that have comments, by nid: nid, title, created, body, format, alias, status."""
    body = "NULL, NULL"
    join = ""
    if "node__body" in tables:
        body = "b.body_value, b.body_format"
        join = (
            "LEFT JOIN node__body AS b ON b.entity_id = n.nid AND b.langcode = n.langcode "
            "AND b.deleted = 0 AND b.delta = 0"
        )
    alias = "NULL"
    if "path_alias" in tables:
        # The newest published alias in the node's language, or for any language
        # ('und': not specified, 'zxx': not applicable).
        alias = (
            "(SELECT a.alias FROM path_alias AS a WHERE a.path = '/node/' || n.nid "
            "AND a.status = 1 AND a.langcode IN (n.langcode, 'und', 'zxx') "
            "ORDER BY a.id DESC LIMIT 1)"
        )
    # Built of this module's constants only: no value from the source goes into it.
    return f"""
        SELECT n.nid, n.title, n.created, {body}, {alias}, n.status
        FROM node_field_data AS n {join}
        WHERE n.default_langcode = 1 AND EXISTS (
            SELECT 1 FROM comment_field_data AS c
            WHERE c.entity_type = 'node' AND c.entity_id = n.nid
        )
        ORDER BY n.nid
    """  # noqa: S608


def comments_query(tables: set[str], bytewise: str) -> str:
    """The comments on nodes, by node and then thread code, parents first.

    cid, entity_id, pid, uid, name, mail, hostname, created, status, body,
    format, and the registered user's name and e-mail address.
    """
    user = "NULL, NULL"
    join = ""
    if "users_field_data" in tables:
        user = "u.name, u.mail"
        join = "LEFT JOIN users_field_data AS u ON u.uid = c.uid AND u.default_langcode = 1"
    return f"""
        SELECT c.cid, c.entity_id, c.pid, c.uid, c.name, c.mail, c.hostname, c.created,
               c.status, t.comment_body_value, t.comment_body_format, {user}
        FROM comment_field_data AS c
        LEFT JOIN comment__comment_body AS t ON t.entity_id = c.cid
            AND t.langcode = c.langcode AND t.deleted = 0 AND t.delta = 0
        {join}
        WHERE c.entity_type = 'node' AND c.default_langcode = 1
        ORDER BY c.entity_id, SUBSTR(c.thread, 1, LENGTH(c.thread) - 1){bytewise}, c.cid
    """  # noqa: S608 (this module's constants only)


def merged(pages: Iterator[Row], comments: Iterator[Row]) -> Iterator[Record]:
    """Each node, then its comments: two streams in nid order, read side by side."""
    comment = next(comments, None)
    for row in pages:
        nid = int(row[0])
        if comment is not None and int(comment[1]) < nid:
            raise _homeless(comment)
        yield page_of(row)
        while comment is not None and int(comment[1]) == nid:
            yield comment_of(comment)
            comment = next(comments, None)
    if comment is not None:
        raise _homeless(comment)


def _homeless(row: Row) -> SourceError:
    return SourceError(
        f"Drupal comment {row[0]} is on node {row[1]}, which node_field_data does not hold."
    )


def page_of(row: Row) -> SourcePage:
    """A node (nid, title, created, body, format, alias, status) as a page."""
    nid, title, created, body, body_format, alias, status = row
    return SourcePage(
        source_id=str(nid),
        url=str(alias or f"/node/{nid}"),
        title=" ".join(str(title or "").split()) or f"Node {nid}",
        body=text_of(body, body_format),
        published=_time(created, f"Node {nid}"),
        slug=slugify(str(alias).rstrip("/").rsplit("/", 1)[-1]) if alias else "",
        public=status == 1,
    )


def comment_of(row: Row) -> SourceComment:
    """A comment row (see comments_query) as a record."""
    cid, nid, pid, uid, name, mail, hostname, created, status, body, body_format = row[:11]
    user_name, user_mail = row[11:]
    if status not in STATUSES:
        raise SourceError(f"Drupal comment {cid} has status {status!r}, which Drupal never sets.")
    registered = bool(uid) and int(uid) > 0
    return SourceComment(
        source_id=str(cid),
        page_id=str(nid),
        # Drupal 8+ keeps NULL for a top-level comment; sites migrated from 7 may keep 0.
        parent_id=str(pid) if pid else None,
        created=_time(created, f"Drupal comment {cid}"),
        status=STATUSES[status],
        author_name=str((user_name if registered else None) or name or "").strip(),
        author_email=str(mail or (user_mail if registered else None) or "").strip(),
        body=text_of(body, body_format),
        address=str(hostname or ""),
        user_email=str(user_mail or "").strip() if registered else "",
        where=f"comment {cid}",
    )


def text_of(value: object, text_format: object) -> str:
    """Stored text as Plain text: as typed in Plain text, made so from any HTML format."""
    if value is None:
        return ""
    if text_format in PLAIN_FORMATS:
        return str(value).replace("\r\n", "\n").strip()
    return html_to_plain(str(value))


def _time(value: object, what: str) -> datetime:
    if not isinstance(value, int):
        raise SourceError(f"{what} has no time of writing ({value!r}).")
    return datetime.fromtimestamp(value, tz=UTC)
