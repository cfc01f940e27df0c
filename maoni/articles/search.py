"""Full-text search of articles, with the same kind of index as comments
(``comments.search.TextIndex``): every word of the search in the title or the text."""

from __future__ import annotations

from django.db.models import QuerySet

from maoni.articles.models import Article
from maoni.comments.search import TextIndex, terms

ARTICLES = TextIndex(table="articles_article", name="article", columns=("title", "body"))


def matching(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    """``articles`` narrowed to those with every term of ``query`` in the title or text;
    none when the query has no words."""
    found = terms(query)
    if not found:
        return articles.none()
    return articles.filter(pk__in=ARTICLES.ids(found))
