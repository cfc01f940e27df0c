"""Full-text search of comments: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

The database keeps the index in step itself (SQLite: triggers on the
comments table; PostgreSQL: a generated column), in the transaction of every
write, whatever door it came by: posting, an edit, an import, a purge.
Words are matched as written, accents and case aside, in any language (no
stemming: readers write English and Swahili, often in one comment). A
search looks in the text and the author's name; ``"two words"`` in quotes is
a phrase.
"""

# Table and column names in the SQL here come from this module's own constants,
# never from a request; what a reader types is always a parameter.
# ruff: noqa: S608, S611

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from maoni.comments.models import Comment

# The most words a search takes: more only slows it down.
MAX_TERMS = 8
# A search looks at the latest comments that have its words, this many at most: a word in
# a quarter of a million comments is then counted and sorted in tens of milliseconds, not
# a second. Another word, or a phrase, reaches further back.
NEWEST = 10_000
_TERMS = re.compile(r'"[^"]*"|[^\s"]+')
_WORD = re.compile(r"\w+")


def terms(query: str) -> list[list[str]]:
    """The words of a search, a quoted phrase kept as one term; punctuation dropped."""
    found = []
    for term in _TERMS.findall(query):
        words = _WORD.findall(term)
        if words:
            found.append(words)
    return found[:MAX_TERMS]


def quoted(found: list[list[str]]) -> str:
    """Every term in double quotes, all of them wanted: FTS5's syntax and that of
    PostgreSQL's websearch_to_tsquery agree on it, and nothing a reader types is syntax."""
    return " ".join('"' + " ".join(words) + '"' for words in found)


@dataclass(frozen=True)
class TextIndex:
    """A table's full-text index, as the database keeps it: its SQL, made once here.

    SQLite: an FTS5 table ``<name>_fts`` with the table's rows as its content,
    kept by triggers on the table. PostgreSQL: a generated ``search`` column
    with a GIN index ``<name>_search``. Migrations call ``install`` (a
    migration that rebuilds the table on SQLite drops its triggers, and must
    call it again).
    """

    table: str
    name: str
    columns: tuple[str, ...]

    def ids(self, found: list[list[str]], *, newest: int | None = None) -> RawSQL:
        """The ids of the rows with every term, the ``newest`` latest of them when given."""
        if connection.vendor == "postgresql":
            sql = f"SELECT id FROM {self.table} WHERE search @@ websearch_to_tsquery('simple', %s)"
            latest = " ORDER BY id DESC LIMIT %s"
        else:
            sql = f"SELECT rowid FROM {self.name}_fts WHERE {self.name}_fts MATCH %s"
            latest = " ORDER BY rowid DESC LIMIT %s"
        if newest is None:
            return RawSQL(sql, [quoted(found)])
        return RawSQL(sql + latest, [quoted(found), newest])

    def sqlite_install(self) -> list[str]:
        fts, table = f"{self.name}_fts", self.table
        names = ", ".join(self.columns)
        new = ", ".join(f"new.{column}" for column in self.columns)
        old = ", ".join(f"old.{column}" for column in self.columns)
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
        delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({names}, content='{table}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {names} ON {table} "
            f"BEGIN {delete} {insert} END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        ]

    def sqlite_remove(self) -> list[str]:
        fts = f"{self.name}_fts"
        triggers = [
            f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")
        ]
        return [*triggers, f"DROP TABLE IF EXISTS {fts}"]

    def postgresql_install(self) -> list[str]:
        text = " || ' ' || ".join(f"coalesce({column}, '')" for column in self.columns)
        return [
            f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS search tsvector GENERATED "
            f"ALWAYS AS (to_tsvector('simple', {text})) STORED",
            f"CREATE INDEX IF NOT EXISTS {self.name}_search ON {self.table} USING GIN (search)",
        ]

    def postgresql_remove(self) -> list[str]:
        return [
            f"DROP INDEX IF EXISTS {self.name}_search",
            f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS search",
        ]

    def install(self, schema_editor: BaseDatabaseSchemaEditor) -> None:
        postgresql = schema_editor.connection.vendor == "postgresql"
        for statement in self.postgresql_install() if postgresql else self.sqlite_install():
            schema_editor.execute(statement)

    def remove(self, schema_editor: BaseDatabaseSchemaEditor) -> None:
        postgresql = schema_editor.connection.vendor == "postgresql"
        for statement in self.postgresql_remove() if postgresql else self.sqlite_remove():
            schema_editor.execute(statement)


COMMENTS = TextIndex(table="comments_comment", name="comment", columns=("body", "author_name"))


def matching(comments: QuerySet[Comment], query: str) -> QuerySet[Comment]:
    """``comments`` narrowed to those whose text or author's name has every term of
    ``query``, among the ``NEWEST`` latest comments that do (see ``NEWEST``)."""
    found = terms(query)
    if not found:
        return comments
    return comments.filter(pk__in=COMMENTS.ids(found, newest=NEWEST))
