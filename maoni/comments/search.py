"""Full-text search of comments: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

The database keeps the index in step itself (SQLite: triggers on the
comments table; PostgreSQL: a generated column), in the transaction of every
write, whatever door it came by: posting, an edit, an import, a purge.
Words are matched as written, accents and case aside, in any language (no
stemming: readers write English and Swahili, often in one comment). A
search looks in the text and the author's name; ``"two words"`` in quotes is
a phrase.
"""

from __future__ import annotations

import re

from django.db import connection
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


def matching(comments: QuerySet[Comment], query: str) -> QuerySet[Comment]:
    """``comments`` narrowed to those whose text or author's name has every term of
    ``query``, among the ``NEWEST`` latest comments that do (see ``NEWEST``)."""
    found = terms(query)
    if not found:
        return comments
    if connection.vendor == "postgresql":
        ids = RawSQL(
            "SELECT id FROM comments_comment WHERE search @@ websearch_to_tsquery('simple', %s) "
            "ORDER BY id DESC LIMIT %s",
            [quoted(found), NEWEST],
        )
    else:
        ids = RawSQL(
            "SELECT rowid FROM comment_fts WHERE comment_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
            [quoted(found), NEWEST],
        )
    return comments.filter(pk__in=ids)


# How the index is made; migrations call these (a migration that rebuilds the
# comments table on SQLite drops its triggers, and must call install again).
SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS comment_fts USING fts5(body, author_name, "
    "content='comments_comment', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS comment_fts_insert AFTER INSERT ON comments_comment BEGIN "
    "INSERT INTO comment_fts(rowid, body, author_name) VALUES (new.id, new.body, new.author_name); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS comment_fts_delete AFTER DELETE ON comments_comment BEGIN "
    "INSERT INTO comment_fts(comment_fts, rowid, body, author_name) "
    "VALUES ('delete', old.id, old.body, old.author_name); END",
    "CREATE TRIGGER IF NOT EXISTS comment_fts_update AFTER UPDATE OF body, author_name "
    "ON comments_comment BEGIN "
    "INSERT INTO comment_fts(comment_fts, rowid, body, author_name) "
    "VALUES ('delete', old.id, old.body, old.author_name); "
    "INSERT INTO comment_fts(rowid, body, author_name) VALUES (new.id, new.body, new.author_name); "
    "END",
    "INSERT INTO comment_fts(comment_fts) VALUES ('rebuild')",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS comment_fts_insert",
    "DROP TRIGGER IF EXISTS comment_fts_delete",
    "DROP TRIGGER IF EXISTS comment_fts_update",
    "DROP TABLE IF EXISTS comment_fts",
]
POSTGRESQL_INSTALL = [
    "ALTER TABLE comments_comment ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(author_name, '') || ' ' || coalesce(body, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS comment_search ON comments_comment USING GIN (search)",
]
POSTGRESQL_REMOVE = [
    "DROP INDEX IF EXISTS comment_search",
    "ALTER TABLE comments_comment DROP COLUMN IF EXISTS search",
]
