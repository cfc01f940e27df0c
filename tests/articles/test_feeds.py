"""RSS and Atom feeds of articles and comments, and the sitemap, kept fresh."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as ET  # type: ignore[import-untyped]
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.comments.services import comment_post, comments_moderate

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml(url: str) -> Element:
    response = Client().get(url)
    assert response.status_code == 200, response.content[:500]
    root: Element = ET.fromstring(response.content)
    return root


def rss_items(url: str) -> list[dict[str, Any]]:
    return [{child.tag: child.text for child in item} for item in xml(url).iter("item")]


def post(article: Article, body: str, **fields: Any) -> Comment:
    return comment_post(thread=article.thread, body=body, question_id=None, **fields)


def test_the_articles_feed_lists_published_articles_newest_first(make_article, settings) -> None:
    settings.MAONI_BASE_URL = "https://news.example.org"
    make_article(title="Older", published_at=timezone.now() - timedelta(days=2))
    make_article(title="Newer", byline="Amina Otieno")
    make_article(title="A draft", status=Article.Status.DRAFT)
    make_article(title="Tomorrow's", published_at=timezone.now() + timedelta(days=1))
    items = rss_items("/feeds/articles/")
    assert [item["title"] for item in items] == ["Newer", "Older"]
    assert items[0]["link"] == "https://news.example.org/news/article-2/"
    assert items[0]["description"] == "First paragraph."
    atom = xml("/feeds/articles/atom/")
    titles = [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
    assert titles == ["Newer", "Older"]
    assert atom.findtext(f"{ATOM}entry/{ATOM}author/{ATOM}name") == "Amina Otieno"


def test_the_comments_feed_shows_public_comments_and_no_address(make_article, settings) -> None:
    settings.MAONI_BASE_URL = "https://news.example.org"
    article = make_article(title="Water rationing ends")
    shown = post(
        article,
        "Finally <b>water</b> & light.",
        author_name="Wanjiru",
        author_email="wanjiru@example.org",
    )
    held = post(article, "Held back.", author_name="Held")
    comments_moderate(comment_ids=[held.pk], action="unpublish", actor=None)
    hidden = make_article(title="Hidden", comments=Article.CommentMode.HIDDEN)
    post(hidden, "Under a hidden thread.")
    body = Client().get("/feeds/comments/").content.decode()
    assert "wanjiru@example.org" not in body
    items = rss_items("/feeds/comments/")
    assert [item["title"] for item in items] == ["Wanjiru on “Water rationing ends”"]
    assert items[0]["description"] == shown.body_html
    assert items[0]["description"] == "<p>Finally &lt;b&gt;water&lt;/b&gt; &amp; light.</p>\n"
    assert items[0]["link"] == f"https://news.example.org/comment/{shown.pk}/"


def test_an_article_has_its_own_comments_feed(make_article) -> None:
    first, second = make_article(), make_article()
    post(first, "On the first.")
    post(second, "On the second.")
    items = rss_items(f"/news/{first.slug}/comments/feed/")
    assert [item["description"] for item in items] == ["<p>On the first.</p>\n"]
    atom = xml(f"/news/{first.slug}/comments/feed/atom/")
    assert len(list(atom.iter(f"{ATOM}entry"))) == 1
    assert (
        f'href="/news/{first.slug}/comments/feed/"'
        in Client().get(first.get_absolute_url()).content.decode()
    )


def test_no_comments_feed_for_a_draft_a_hidden_thread_or_nothing(make_article) -> None:
    draft = make_article(status=Article.Status.DRAFT)
    hidden = make_article(comments=Article.CommentMode.HIDDEN)
    for slug in (draft.slug, hidden.slug, "no-such-article"):
        assert Client().get(f"/news/{slug}/comments/feed/").status_code == 404


def test_feeds_are_kept_and_fresh_after_a_change(make_article) -> None:
    article = make_article()
    post(article, "The first word.")
    first = Client().get("/feeds/comments/")
    with CaptureQueriesContext(connection) as queries:
        again = Client().get("/feeds/comments/")
    assert len(queries) == 0
    assert again.content == first.content
    newest = post(article, "A second word.")
    assert f"/comment/{newest.pk}/" in Client().get("/feeds/comments/").content.decode()
    Client().get(f"/news/{article.slug}/comments/feed/")
    comments_moderate(comment_ids=[newest.pk], action="spam", actor=None)
    for url in ("/feeds/comments/", f"/news/{article.slug}/comments/feed/"):
        assert f"/comment/{newest.pk}/" not in Client().get(url).content.decode()


def test_the_sitemap_lists_published_articles_and_one_when_it_comes_due(
    make_article, settings, monkeypatch
) -> None:
    settings.MAONI_BASE_URL = "https://news.example.org"
    make_article(title="Out", slug="out")
    make_article(title="Draft", slug="draft", status=Article.Status.DRAFT)
    due = timezone.now() + timedelta(minutes=5)
    make_article(title="Embargoed", slug="embargoed", published_at=due)
    locations = [loc.text for loc in xml("/sitemap.xml").iter(f"{SITEMAP}loc")]
    assert locations == ["https://news.example.org/news/out/"]
    later = due + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    locations = [loc.text for loc in xml("/sitemap.xml").iter(f"{SITEMAP}loc")]
    assert locations == [
        "https://news.example.org/news/embargoed/",
        "https://news.example.org/news/out/",
    ]


def test_pages_point_to_the_feeds(client, make_article) -> None:
    html = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/feeds/articles/"' in html
    assert 'href="/feeds/comments/"' in html
