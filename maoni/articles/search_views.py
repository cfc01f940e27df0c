"""Readers search the published articles: every word typed, in the title or the text
(``articles.search``: the database's full-text index)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from maoni.articles.models import Article
from maoni.articles.search import matching
from maoni.comments.search import terms

RESULTS = 50


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = str(request.GET.get("q", ""))[:200]
    articles = matching(Article.objects.published().newest_first(), query)
    context = {"query": query, "searched": bool(terms(query)), "articles": articles[:RESULTS]}
    return render(request, "articles/search.html", context)
