"""Full-text search of articles, as ``comments.search`` does it for comments.

FTS5 on SQLite (kept in step by triggers on the articles table), a generated
tsvector column with a GIN index on PostgreSQL; every word of the search in
the title or the text.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from maoni.articles.models import Article
from maoni.comments.search import quoted, terms


def matching(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    """``articles`` narrowed to those with every term of ``query`` in the title or text;
    none when the query has no words."""
    found = terms(query)
    if not found:
        return articles.none()
    if connection.vendor == "postgresql":
        ids = RawSQL(
            "SELECT id FROM articles_article WHERE search @@ websearch_to_tsquery('simple', %s)",
            [quoted(found)],
        )
    else:
        ids = RawSQL("SELECT rowid FROM article_fts WHERE article_fts MATCH %s", [quoted(found)])
    return articles.filter(pk__in=ids)


SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(title, body, "
    "content='articles_article', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS article_fts_insert AFTER INSERT ON articles_article BEGIN "
    "INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS article_fts_delete AFTER DELETE ON articles_article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS article_fts_update AFTER UPDATE OF title, body "
    "ON articles_article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO article_fts(article_fts) VALUES ('rebuild')",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS article_fts_insert",
    "DROP TRIGGER IF EXISTS article_fts_delete",
    "DROP TRIGGER IF EXISTS article_fts_update",
    "DROP TABLE IF EXISTS article_fts",
]
POSTGRESQL_INSTALL = [
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS article_search ON articles_article USING GIN (search)",
]
POSTGRESQL_REMOVE = [
    "DROP INDEX IF EXISTS article_search",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search",
]
