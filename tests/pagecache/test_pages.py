"""Shared pages: stored once, never stale, never personal."""

from __future__ import annotations

import gzip
import io
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from email.utils import formatdate
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maoni.articles.models import Article
from maoni.articles.services import article_set_comment_mode
from maoni.comments import ownership
from maoni.comments.models import Comment, CommentSettings, Display
from maoni.comments.services import comment_edit, comment_post, comments_moderate
from maoni.pagecache import store
from maoni.pagecache.counters import Counters
from tests.conftest import Reader

pytestmark = pytest.mark.django_db


def post(article: Article, body: str, **fields: Any) -> Comment:
    return comment_post(thread=article.thread, body=body, question_id=None, **fields)


def fetch(url: str, client: Client | None = None, headers: dict[str, str] | None = None) -> Any:
    return (client or Client()).get(url, headers=headers)


def test_a_page_is_rendered_once_then_served_without_a_query(article: Article):
    post(article, "The first word on it.")
    first = fetch(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = fetch(article.get_absolute_url())
    assert len(queries) == 0
    assert again.status_code == 200
    assert again.content == first.content
    assert b"The first word on it." in again.content


def test_a_new_comment_on_a_later_page_leaves_page_one_unread(article: Article):
    for number in range(60):
        post(article, f"Voice number {number} on the matter.")
    first = fetch(article.get_absolute_url())
    post(article, "A latecomer, on page two.")
    with CaptureQueriesContext(connection) as queries:
        again = fetch(article.get_absolute_url())
    # Page one's comments are the same, unchanged: not one of them is read.
    assert not any("body_html" in query["sql"] for query in queries.captured_queries)
    assert again.content.replace(b"?page=2", b"") == first.content.replace(b"?page=2", b"")
    second = fetch(f"{article.get_absolute_url()}?page=2").content.decode()
    assert "A latecomer, on page two." in second


def test_shared_pages_carry_nothing_of_any_visitor(article: Article):
    post(article, "Something to read.")
    one = Client(REMOTE_ADDR="198.51.100.1")
    other = Client(REMOTE_ADDR="203.0.113.9")
    # The first visitor has been here before and holds a CSRF cookie.
    one.get("/comments/state/", {"thread": article.thread.key})
    pages = [fetch(article.get_absolute_url(), client) for client in (one, other, one)]
    assert pages[0].content == pages[1].content == pages[2].content
    body = pages[0].content.decode()
    for personal in ("csrfmiddlewaretoken", 'name="captcha_id"', 'name="form_stamp"', "Log out"):
        assert personal not in body
    assert all(not page.cookies for page in pages)
    assert pages[0]["Cache-Control"] == "public, max-age=0, s-maxage=5"
    assert "Cookie" not in pages[0].get("Vary", "")


@pytest.mark.parametrize("query", ["page=1&x=1", "utm_source=feed", "page=01", "page=-1"])
def test_other_queries_are_answered_fresh(article: Article, query: str):
    assert fetch(f"{article.get_absolute_url()}?{query}").status_code in {200, 404}
    assert not store.page_store()


def change_post(article: Article, comment: Comment) -> str:
    return post(article, "A new voice joins in.").body


def change_reply_by_newsroom(article: Article, comment: Comment) -> str:
    from maoni.comments.services import comment_reply_as_newsroom

    editor = get_user_model().objects.create_user("dawati", is_staff=True)
    return comment_reply_as_newsroom(parent=comment, body="From the desk.", actor=editor).body


def change_moderator_edit(article: Article, comment: Comment) -> str:
    return comment_edit(comment=comment, body="Corrected by the desk.", actor=None).body


def change_author_edit(article: Article, comment: Comment) -> str:
    return comment_edit(comment=comment, body="I meant this.", actor=None, by_author=True).body


def _moderate(action: str) -> Callable[[Article, Comment], str]:
    def change(article: Article, comment: Comment) -> str:
        comments_moderate(comment_ids=[comment.pk], action=action, actor=None)
        return ""

    return change


def change_publish_held(article: Article, comment: Comment) -> str:
    held = post(article, "Held, then let through.", status=Comment.Status.PENDING)
    comments_moderate(comment_ids=[held.pk], action="publish", actor=None)
    return held.body


def change_restore(article: Article, comment: Comment) -> str:
    comments_moderate(comment_ids=[comment.pk], action="delete", actor=None)
    fetch(article.get_absolute_url())
    comments_moderate(comment_ids=[comment.pk], action="restore", actor=None)
    return comment.body


def change_article_text(article: Article, comment: Comment) -> str:
    article.title = "Updated: the ferry is back"
    article.save()
    return "Updated: the ferry is back"


def change_comments_closed(article: Article, comment: Comment) -> str:
    editor = get_user_model().objects.create_user("mhariri")
    article_set_comment_mode(article=article, mode=Article.CommentMode.CLOSED, actor=editor)
    return "Comments on this article are closed."


def change_display(article: Article, comment: Comment) -> str:
    settings = CommentSettings.load()
    settings.display = Display.FLAT
    settings.save()
    return "In reply to"


def change_commenter_account_deleted(article: Article, comment: Comment) -> str:
    assert comment.user is not None
    comment.user.delete()
    return "msomaji</span> (not verified)"


CHANGES = {
    "post": change_post,
    "newsroom reply": change_reply_by_newsroom,
    "moderator edit": change_moderator_edit,
    "author edit": change_author_edit,
    "unpublish": _moderate("unpublish"),
    "spam": _moderate("spam"),
    "delete": _moderate("delete"),
    "publish": change_publish_held,
    "restore": change_restore,
    "article edit": change_article_text,
    "close comments": change_comments_closed,
    "display settings": change_display,
    "commenter's account deleted": change_commenter_account_deleted,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_no_page_is_stale_after_any_change(
    article: Article, change: Callable[[Article, Comment], str]
):
    user = get_user_model().objects.create_user("msomaji")
    parent = post(article, "Opening comment.")
    comment = post(article, "Before the change.", user=user, parent=parent)
    url = article.get_absolute_url()
    before = fetch(url).content
    assert fetch(url).content == before  # stored
    expected = change(article, comment)
    after = fetch(url).content.decode()
    if expected:
        assert expected in after
    else:
        assert "Before the change." not in after


def test_the_front_page_counts_follow_the_comments(article: Article):
    assert b"0 comments" in fetch("/").content
    comment = post(article, "One.")
    assert b"1 comment<" in fetch("/").content
    comments_moderate(comment_ids=[comment.pk], action="spam", actor=None)
    assert b"0 comments" in fetch("/").content


def test_unpublishing_an_article_makes_its_stored_page_go(article: Article):
    url = article.get_absolute_url()
    assert fetch(url).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert fetch(url).status_code == 404


def test_the_front_page_shows_an_article_when_it_comes_due(make_article, monkeypatch):
    make_article(title="Out already")
    due = timezone.now() + timedelta(minutes=5)
    make_article(title="Embargoed until noon", published_at=due)
    assert b"Embargoed until noon" not in fetch("/").content
    assert b"Out already" in fetch("/").content
    later = due + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    assert b"Embargoed until noon" in fetch("/").content


def test_logged_in_readers_get_their_own_page(article: Article):
    user = get_user_model().objects.create_user("wanjiku", first_name="Wanjiku")
    fetch(article.get_absolute_url())
    client = Client()
    client.force_login(user)
    response = fetch(article.get_absolute_url(), client)
    body = response.content.decode()
    assert "Wanjiku" in body
    assert "Log out" in body
    assert "csrfmiddlewaretoken" in body
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_a_message_waiting_means_a_fresh_page(reader: Reader):
    reader.post(name="Baraka", body="Glad to read this.")
    url = reader.article.get_absolute_url()
    Client().get(url)  # another reader stores the page
    page = reader.client.get(url).content.decode()
    assert "Your comment has been posted." in page
    # The author may still edit what they posted: the page says so, to them only.
    assert "Edit</a>" in page
    assert "Edit</a>" not in Client().get(url).content.decode()


def test_the_edit_cookie_alone_means_a_fresh_page(reader: Reader):
    reader.post(name="Baraka", body="Glad to read this.")
    reader.client.cookies.pop("messages", None)
    assert ownership.COOKIE in reader.client.cookies
    url = reader.article.get_absolute_url()
    Client().get(url)
    assert "Edit</a>" in reader.client.get(url).content.decode()


def test_etag_gives_304_until_the_page_changes(article: Article):
    url = article.get_absolute_url()
    first = fetch(url)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    repeat = fetch(url, headers={"If-None-Match": etag})
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == etag
    post(article, "A change.")
    changed = fetch(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_last_modified_gives_304_only_once_settled(article: Article, monkeypatch):
    url = article.get_absolute_url()
    # Within a second of a change, no Last-Modified: a second change in the
    # same second would look like none.
    assert "Last-Modified" not in fetch(url)
    monkeypatch.setattr(store, "_SETTLED_NS", 0)
    modified = fetch(url)["Last-Modified"]
    assert fetch(url, headers={"If-Modified-Since": modified}).status_code == 304
    older = formatdate(0, usegmt=True)
    assert fetch(url, headers={"If-Modified-Since": older}).status_code == 200
    assert fetch(url, headers={"If-Modified-Since": "yesterday"}).status_code == 200


def test_gzip_and_plain_copies_are_kept_apart(article: Article):
    url = article.get_absolute_url()
    for _ in range(2):
        zipped = fetch(url, headers={"Accept-Encoding": "gzip"})
        plain = fetch(url)
        assert zipped["Content-Encoding"] == "gzip"
        assert "Content-Encoding" not in plain
        assert gzip.decompress(zipped.content) == plain.content


def test_head_is_answered_from_the_store(article: Article):
    url = article.get_absolute_url()
    fetch(url)
    response = Client().head(url)
    assert response.status_code == 200
    assert response.content == b""


def test_the_state_request_is_personal_and_never_stored(article: Article):
    client = Client()
    first = client.get("/comments/state/", {"thread": article.thread.key})
    second = client.get("/comments/state/", {"thread": article.thread.key})
    assert "no-store" in first["Cache-Control"]
    one, two = first.json(), second.json()
    assert one["captcha"]["id"] != two["captcha"]["id"]
    assert "<legend>CAPTCHA</legend>" in one["captcha"]["html"]
    assert one["csrf_token"]
    assert one["form_stamp"]
    assert one["messages"] == []


def test_the_front_layer_answers_without_entering_django(article: Article):
    from django.core.wsgi import get_wsgi_application

    from maoni.pagecache.front import PageCacheFront

    calls: list[str] = []
    django_app = get_wsgi_application()

    def counted(environ: dict[str, Any], start_response: Any) -> Any:
        calls.append(environ["PATH_INFO"])
        return django_app(environ, start_response)

    front = PageCacheFront(counted)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": article.get_absolute_url(),
        "QUERY_STRING": "",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }
    answers: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answers.append(status)

    # As Django's test client does: the test's database connection stays open.
    request_started.disconnect(close_old_connections)
    try:
        bodies = [b"".join(front(dict(environ), start_response)) for _ in range(3)]
    finally:
        request_started.connect(close_old_connections)
    assert answers == ["200 OK"] * 3
    assert calls == [article.get_absolute_url()]
    assert bodies[0] == bodies[1] == bodies[2]


def test_counters_are_shared_between_processes(tmp_path):
    counters = Counters(tmp_path / "versions")
    before = counters.read(7)
    code = (
        "import sys; from pathlib import Path; from maoni.pagecache.counters import Counters;"
        "Counters(Path(sys.argv[1])).bump([7])"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "versions")], check=True)
    assert counters.read(7) > before
    assert counters.read(8) == 0


def test_a_kept_comment_markup_follows_what_it_answers(article: Article):
    settings = CommentSettings.load()
    settings.display = Display.FLAT
    settings.save()
    parent = post(article, "The question.", author_name="Njeri")
    post(article, "The answer.", parent=parent)
    url = article.get_absolute_url()
    assert 'In reply to <a href="/comment/' in fetch(url).content.decode()
    comments_moderate(comment_ids=[parent.pk], action="unpublish", actor=None)
    page = fetch(url).content.decode()
    assert "In reply to a comment that is no longer shown" in page
    assert "The answer." in page


def test_the_kept_form_follows_the_thread_contact_setting(make_article):
    from maoni.comments.models import Contact

    one = make_article()
    other = make_article()
    assert 'name="mail"' in fetch(one.get_absolute_url()).content.decode()
    thread = one.thread
    thread.anonymous_contact = Contact.REQUIRED
    thread.save()
    required = fetch(one.get_absolute_url()).content.decode()
    assert 'name="mail" value="" maxlength="254" size="30" required' in required
    thread.anonymous_contact = Contact.FORBIDDEN
    thread.save()
    assert 'name="mail"' not in fetch(one.get_absolute_url()).content.decode()
    # Another article keeps the site's setting, and its own form address.
    page = fetch(other.get_absolute_url()).content.decode()
    assert 'name="mail" value="" maxlength="254" size="30" aria' in page
    assert f'action="/news/{other.slug}/comment/"' in page


def test_the_article_page_asks_nothing_of_other_sites(article: Article):
    post(article, "See https://example.org/report for the figures.")
    html = fetch(article.get_absolute_url()).content.decode()
    loaded = re.findall(r'<(?:script|img|iframe|link)\b[^>]*(?:src|href)="([^"]+)"', html)
    assert loaded  # the stylesheet and the script at least
    assert all(url.startswith("/") or url.startswith("data:") for url in loaded), loaded
    # Links readers may follow are fine; nothing is fetched from elsewhere.
    assert 'href="https://example.org/report"' in html


def test_brotli_for_browsers_that_ask(article: Article):
    import brotli  # type: ignore[import-untyped]

    url = article.get_absolute_url()
    plain = fetch(url).content
    for _ in range(2):  # rendered, then from the store
        response = fetch(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response["Content-Encoding"] == "br"
        assert response["Vary"] == "Accept-Encoding, Accept-Language"
        assert int(response["Content-Length"]) == len(response.content)
        assert brotli.decompress(response.content) == plain
