"""Readers search the published articles: every word typed, in the title or the text."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from maoni.articles.models import Article
from maoni.comments.search import terms

RESULTS = 50


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = str(request.GET.get("q", ""))[:200]
    found = terms(query)
    articles = Article.objects.none()
    if found:
        articles = Article.objects.published().newest_first()
        for words in found:
            phrase = " ".join(words)
            articles = articles.filter(Q(title__icontains=phrase) | Q(body__icontains=phrase))
    context = {"query": query, "searched": bool(found), "articles": articles[:RESULTS]}
    return render(request, "articles/search.html", context)
