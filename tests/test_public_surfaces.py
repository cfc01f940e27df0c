"""Held, spam and deleted comments, and every e-mail address, stay off public pages.

Walks every page an anonymous visitor can reach by following links from the
front page, after comments exist in every state.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from maoni.comments.models import Comment
from maoni.comments.services import comment_post, comments_moderate


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/") and not href.startswith("//"):
            self.found.append(href.split("#")[0])


def walk(client: Client, start: str = "/", limit: int = 300) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = [start]
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in pages or url.startswith(("/admin", "/static")):
            continue
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        html = response.content.decode()
        pages[url] = html
        parser = Links()
        parser.feed(html)
        queue.extend(parser.found)
    return pages


def test_no_public_page_shows_what_is_not_public(make_article, django_user_model):
    article = make_article(title="Port workers strike")
    moderator = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    texts = {}
    for status in ["published", "pending", "spam", "deleted", "unpublished"]:
        comment = comment_post(
            thread=article.thread,
            author_name=f"Author {status}",
            author_email=f"{status}-secret@example.org",
            body=f"Text that is {status}.",
            question_id=None,
        )
        texts[status] = comment
    comments_moderate(comment_ids=[texts["spam"].pk], action="spam", actor=moderator)
    comments_moderate(comment_ids=[texts["deleted"].pk], action="delete", actor=moderator)
    comments_moderate(comment_ids=[texts["pending"].pk], action="unpublish", actor=moderator)
    comments_moderate(comment_ids=[texts["unpublished"].pk], action="unpublish", actor=moderator)

    client = Client()
    pages = walk(client)
    assert article.get_absolute_url() in pages
    everything = "\n".join(pages.values())
    assert "Text that is published." in everything
    for status in ["pending", "spam", "deleted", "unpublished"]:
        assert f"Text that is {status}." not in everything
        assert f"Author {status}" not in everything
        assert client.get(texts[status].get_absolute_url()).status_code == 404
    assert "secret@example.org" not in everything
    assert not re.search(r"[\w.-]+@example\.org", everything.replace("noreply@", ""))
    front = pages["/"]
    assert "1 comment" in front
    assert "5 comments" not in front
    assert Comment.objects.public().count() == 1


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", "/news/{slug}/comment/", {"body": "Habari yako", "cap\x00tcha_id": "x"}),
        ("get", "/news/{slug}/", {"page": "\x00"}),
        ("get", "/moderation/", {"q": "a\x00b"}),
    ],
)
def test_a_nul_character_is_refused_plainly_and_the_text_kept(client, article, method, path, data):
    response = getattr(client, method)(path.format(slug=article.slug), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "NUL character" in page
    if "body" in data:
        assert ">Habari yako</textarea>" in page


def test_a_nul_character_in_a_cookie_is_refused(client, article):
    client.cookies["sessionid"] = "abc\x00defghij"
    assert client.get("/accounts/login/").status_code == 400
