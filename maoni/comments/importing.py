"""Comments written elsewhere, stored many at a time: the importers' way into the service.

``comments_import`` takes a batch of comments as they stood in another
system (status, time, reasons and source id given) and stores them in one
transaction with a handful of statements, not several per comment: each
is checked as ``comment_post`` checks a comment written elsewhere, placed
in its thread by a ``Placer`` that remembers what it placed, inserted with
its batch in waves (a reply after the wave that holds its parent), and each
thread is moved on once for all its comments. Imported replies mail nobody;
held ones are announced to moderators like any other.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models.functions import Length

from maoni.comments import events
from maoni.comments.models import MAX_DEPTH, PATH_SEGMENT, ROOT_SEGMENT, Comment, Thread
from maoni.comments.placing import PLACING_ATTEMPTS
from maoni.comments.posting import checked_author
from maoni.comments.text import render_plain
from maoni.comments.threads import thread_changed
from maoni.moderation.rules import fingerprint

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Written:
    """A comment as it stood in another system."""

    thread: Thread
    # A stored comment, or the position of an earlier item of the same batch.
    parent: Comment | int | None
    user: User | None
    author_name: str
    author_email: str
    body: str
    client_key: str
    created: datetime
    status: Comment.Status
    reasons: tuple[str, ...]
    source: tuple[str, str]


class Placer:
    """Paths for many new comments, asking the database once per thread or parent."""

    def __init__(self) -> None:
        self.roots: dict[int, set[str]] = {}
        self.children: dict[tuple[int, str], int] = {}

    def place(self, thread: Thread, parent: Comment | None, created: datetime) -> tuple[str, int]:
        """As ``placing.place`` places one comment (see there), for a batch."""
        if parent is None:
            taken = self._roots(thread)
            moment = int(created.timestamp() * 1_000_000)
            while f"{moment:0{ROOT_SEGMENT}d}." in taken:
                moment += 1
            path = f"{moment:0{ROOT_SEGMENT}d}."
            taken.add(path)
            return path, 0
        depth = parent.depth + 1
        level = min(depth, MAX_DEPTH - 1)
        prefix = parent.path[: ROOT_SEGMENT + 1 + (PATH_SEGMENT + 1) * (level - 1)]
        key = (thread.pk, prefix)
        if key not in self.children:
            self.children[key] = 0 if parent.pk is None else _last_child(thread, prefix)
        self.children[key] += 1
        return f"{prefix}{self.children[key]:0{PATH_SEGMENT}d}.", depth

    def _roots(self, thread: Thread) -> set[str]:
        if thread.pk not in self.roots:
            stored = Comment.objects.filter(thread=thread, depth=0).values_list("path", flat=True)
            self.roots[thread.pk] = set(stored)
        return self.roots[thread.pk]


def _last_child(thread: Thread, prefix: str) -> int:
    last = (
        Comment.objects.filter(thread=thread, path__gte=prefix, path__lt=f"{prefix[:-1]}/")
        .annotate(path_length=Length("path"))
        .filter(path_length=len(prefix) + PATH_SEGMENT + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return int(last[-PATH_SEGMENT - 1 : -1]) if last else 0


def comments_import(items: list[Written]) -> list[Comment]:
    """Stores a batch of comments written elsewhere, all or none; returns them, stored.

    Raises CommentRejected (naming the item's source id) for one that could
    not be stored, and then stores none of the batch.
    """
    for attempt in range(PLACING_ATTEMPTS):
        try:
            with transaction.atomic():
                rows = _rows(items)
                _insert_in_waves(rows)
                _announce(rows)
            return rows
        except IntegrityError:
            # A comment posted meanwhile took a path this batch chose: placed again.
            if attempt == PLACING_ATTEMPTS - 1:
                raise
    raise AssertionError("every attempt returns or raises")


def _rows(items: list[Written]) -> list[Comment]:
    placer = Placer()
    rows: list[Comment] = []
    for item in items:
        parent = rows[item.parent] if isinstance(item.parent, int) else item.parent
        author_name, author_email = checked_author(
            item.thread,
            parent,
            item.user,
            item.author_name,
            item.author_email,
            item.body,
            written_elsewhere=item.status,
        )
        row = Comment(
            thread=item.thread, parent=parent, user=item.user, author_name=author_name.strip(),
            author_email=author_email.strip(), body=item.body, body_html=render_plain(item.body),
            fingerprint=fingerprint(item.body), status=item.status,
            reasons=list(item.reasons) if item.status == Comment.Status.PENDING else [],
            created=item.created, status_changed=item.created, client_key=item.client_key,
            source=item.source[0], source_id=item.source[1],
        )  # fmt: skip
        row.path, row.depth = placer.place(item.thread, parent, item.created)
        rows.append(row)
    return rows


def _insert_in_waves(rows: list[Comment]) -> None:
    """Inserts the rows, each reply in a wave after its parent's, so it can name it."""
    waves: dict[int, int] = {}
    by_wave: dict[int, list[Comment]] = {}
    for row in rows:
        parent = row.parent
        wave = waves[id(parent)] + 1 if parent is not None and parent.pk is None else 0
        waves[id(row)] = wave
        by_wave.setdefault(wave, []).append(row)
    for wave in sorted(by_wave):
        for row in by_wave[wave]:
            if row.parent is not None:
                row.parent_id = row.parent.pk  # stored by now, in an earlier wave or before
        _insert(by_wave[wave])


def _insert(rows: list[Comment]) -> None:
    """Inserts the rows and gives each its id, as ``bulk_create`` does, at less cost.

    ``bulk_create`` prepares every value of every row through its field and, on
    SQLite, sends at most 999 values a statement (45 comments). An import
    sends a million rows whose fields need little preparing: here how each
    field's value is prepared is worked out once, and a statement carries as
    many rows as the database takes values.
    """
    fields = [field for field in Comment._meta.concrete_fields if not field.primary_key]
    prepared = [_preparer(field) for field in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = connection.ops.quote_name(Comment._meta.db_table)
    pk = connection.ops.quote_name(Comment._meta.pk.column)
    per_statement = max(1, min(_STATEMENT_ROWS, _values_allowed() // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = [
                prepare(getattr(row, field.attname))
                for row in chunk
                for field, prepare in zip(fields, prepared, strict=True)
            ]
            marks = ", ".join([row_marks] * len(chunk))
            # Names from the model, quoted; every value a parameter.
            statement = f"INSERT INTO {table} ({columns}) VALUES {marks} RETURNING {pk}"  # noqa: S608
            cursor.execute(statement, values)
            for row, (row_id,) in zip(chunk, cursor.fetchall(), strict=True):
                row.pk = row_id
                row._state.adding = False
                row._state.db = connection.alias


# Rows a statement carries at most, whatever the database allows.
_STATEMENT_ROWS = 500
# Fields whose values the database drivers take as Python gives them (a foreign key's
# value here is its attname's, the id).
_AS_GIVEN = (
    models.CharField, models.TextField, models.IntegerField, models.BooleanField,
    models.ForeignKey,
)  # fmt: skip


def _preparer(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """How a value of ``field`` goes to the database: as given where nothing changes it."""
    if isinstance(field, _AS_GIVEN):
        return lambda value: value
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    return lambda value: field.get_db_prep_save(value, connection)


def _values_allowed() -> int:
    """How many values one statement may carry on this database."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return 65_535  # PostgreSQL's protocol counts a statement's values in 16 bits


def _announce(rows: list[Comment]) -> None:
    changed: Counter[int] = Counter()
    public: Counter[int] = Counter()
    for row in rows:
        if row.status == Comment.Status.PUBLISHED:
            changed[row.thread_id] += 1
            public[row.thread_id] += 1
    for thread_id, count in changed.items():
        thread_changed(thread_id, comments=count, public=public[thread_id])
    held = [row.pk for row in rows if row.status == Comment.Status.PENDING]
    if held:
        events.announce_comments_held(held)
