"""Shared fixtures: articles, threads and a client that solves the CAPTCHA."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import LazySettings
from django.test import Client
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments.models import Challenge


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: LazySettings) -> None:
    # The hashed-name storage needs collectstatic; tests serve from the app folders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture
def make_article(db: None) -> Callable[..., Article]:
    counter = iter(range(1, 10_000))

    def make(**fields: Any) -> Article:
        number = next(counter)
        values: dict[str, Any] = {
            "title": f"Article {number}",
            "slug": f"article-{number}",
            "body": "First paragraph.\n\nSecond paragraph.",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=1),
        }
        values.update(fields)
        return Article.objects.create(**values)

    return make


@pytest.fixture
def article(make_article: Callable[..., Article]) -> Article:
    return make_article(title="Water rationing ends in Nakuru", slug="water-rationing-ends")


CAPTCHA_ID = re.compile(r'name="captcha_id" value="([^"]+)"')


def captcha_id_in(html: str) -> str:
    match = CAPTCHA_ID.search(html)
    assert match is not None, "the page carries no CAPTCHA id"
    return match.group(1)


def solve(html: str) -> tuple[str, str]:
    """Returns the CAPTCHA id on the page and the right answer to its question."""
    challenge_id = captcha_id_in(html)
    challenge = Challenge.objects.get(pk=challenge_id)
    return challenge_id, str(challenge.answer)


class Reader:
    """A visitor with a browser-like client (CSRF checks on) posting comments."""

    def __init__(self, client: Client, article: Article) -> None:
        self.client = client
        self.article = article

    @property
    def post_url(self) -> str:
        return f"/news/{self.article.slug}/comment/"

    def open(self) -> str:
        response = self.client.get(self.article.get_absolute_url())
        assert response.status_code == 200
        return response.content.decode()

    def csrf(self) -> str:
        return self.client.cookies["csrftoken"].value

    def post(self, html: str | None = None, *, solve_captcha: bool = True, **fields: str) -> Any:
        """Fills in the form on ``html`` (or a fresh page) and submits it."""
        html = html if html is not None else self.open()
        data = {"name": "", "mail": "", "body": "", "op": "save"}
        if 'name="captcha_id"' in html:
            challenge_id, answer = solve(html)
            data["captcha_id"] = challenge_id
            data["captcha_answer"] = answer if solve_captcha else ""
        data["csrfmiddlewaretoken"] = self.csrf()
        data.update(fields)
        return self.client.post(self.post_url, data)


@pytest.fixture
def reader(article: Article) -> Reader:
    return Reader(Client(enforce_csrf_checks=True), article)
