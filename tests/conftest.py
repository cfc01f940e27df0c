"""Shared fixtures: articles, threads and a client that solves the CAPTCHA."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.conf import LazySettings
from django.test import Client
from django.utils import timezone

from maoni.articles import views as article_views
from maoni.articles.models import Article
from maoni.comments.boundaries import forget_boundaries
from maoni.pagecache.fragments import fragments
from maoni.pagecache.memos import forget_all
from maoni.pagecache.store import page_store


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests about one engine are skipped on the other (make test / make test-postgres)."""
    from django.conf import settings

    on_sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    if item.get_closest_marker("sqlite_only") and not on_sqlite:
        pytest.skip("about the embedded database")
    if item.get_closest_marker("postgres_only") and on_sqlite:
        pytest.skip("about PostgreSQL and Redis (make test-postgres)")


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: LazySettings) -> None:
    # The hashed-name storage needs collectstatic; tests serve from the app folders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def _empty_rate_buckets() -> None:
    # With Redis, the buckets and the CAPTCHA questions live outside the
    # database that each test rolls back.
    from django.conf import settings

    if settings.MAONI_REDIS_URL:
        from maoni.redis_connections import redis_client

        store = redis_client(settings.MAONI_REDIS_URL)
        for pattern in ("maoni:bucket:*", "maoni:captcha:*"):
            keys = list(store.scan_iter(pattern))
            if keys:
                store.delete(*keys)


@pytest.fixture(autouse=True)
def _empty_page_store() -> None:
    # Rolled-back rows leave no trace in the counters; stored pages must go too.
    page_store().clear()
    fragments().clear()
    forget_boundaries()
    forget_all()
    article_views._threads_by_slug.clear()


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


PROMPT = re.compile(r'<span class="field-prefix"[^>]*>(\d+) \+ (\d+) =</span>')


def solve(html: str) -> tuple[str, str]:
    """Returns the CAPTCHA id on the page and the right answer to its question.

    Worked out from the question as the reader sees it, whichever store keeps
    it; a question solved already shows none and needs no answer ("").
    """
    challenge_id = captcha_id_in(html)
    match = PROMPT.search(html)
    if match is None:
        return challenge_id, ""
    return challenge_id, str(int(match.group(1)) + int(match.group(2)))


# A form sent with a CSRF token, as a page whose script ran sends it: it may
# store a comment (without one it is only previewed). The test client checks no
# token unless asked to, so any value stands in for the page's.
WITH_TOKEN = {"csrfmiddlewaretoken": "unchecked-by-this-test-client"}

# The question's fieldset as a shared page shows it, without a question.
SLOT = re.compile(r'<fieldset class="captcha"[^>]*data-captcha-slot>.*?</fieldset>', re.DOTALL)
FORM_START = re.compile(r'(<form id="comment-form"[^>]*>)')
STATE_URL = re.compile(r'data-state="([^"]+)"')


def filled(client: Client, html: str) -> str:
    """The page as its script leaves it: the form filled from ``comments:state``."""
    url = STATE_URL.search(html)
    if url is None:
        return html
    state = client.get(unescape(url.group(1))).json()
    hidden = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{state["csrf_token"]}">'
        f'<input type="hidden" name="form_stamp" value="{state["form_stamp"]}">'
        f'<input type="hidden" name="idempotency_key" value="{state["idempotency_key"]}">'
    )
    html = FORM_START.sub(lambda match: match.group(1) + hidden, html, count=1)
    captcha = state["captcha"]["html"] if state["captcha"] else ""
    return SLOT.sub(lambda _match: captcha, html, count=1)


def open_page(client: Client, url: str) -> str:
    """Loads a page as a browser running its script would show it."""
    response = client.get(url)
    assert response.status_code == 200
    return filled(client, response.content.decode())


class Reader:
    """A visitor with a browser-like client (CSRF checks on) posting comments."""

    def __init__(self, client: Client, article: Article) -> None:
        self.client = client
        self.article = article

    @property
    def post_url(self) -> str:
        return f"/news/{self.article.slug}/comment/"

    def open(self) -> str:
        return open_page(self.client, self.article.get_absolute_url())

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
