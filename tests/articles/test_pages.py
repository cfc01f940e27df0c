"""The front page and the article page, read through the test client."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from maoni.articles.models import Article
from maoni.comments.boundaries import forget_boundaries
from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.moderation.models import SpamSettings
from tests.conftest import open_page

NAIROBI = ZoneInfo("Africa/Nairobi")


def add_comments(article, count, *, start=datetime(2024, 3, 10, 12, 0, tzinfo=NAIROBI), **fields):
    comments = []
    for number in range(count):
        comments.append(
            comment_post(
                thread=article.thread,
                author_name=fields.get("author_name", f"Reader {number}"),
                body=fields.get("body", f"Comment number {number}."),
                question_id=None,
                created=start + timedelta(hours=number),
                status=fields.get("status"),
            )
        )
    article.thread.refresh_from_db()
    return comments


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_headline_is_title_and_h1(client: Client, article: Article, settings):
    settings.MAONI_SITE_NAME = "Kenya Evening Post"
    html = html_of(client, article.get_absolute_url())
    assert "<title>Water rationing ends in Nakuru | Kenya Evening Post</title>" in html
    assert "<h1>Water rationing ends in Nakuru</h1>" in html


def test_body_paragraphs_are_escaped(client, make_article):
    article = make_article(body="One <b>bold</b> claim.\n\nKISUMU, Friday.\n\n\n\nThird.")
    html = html_of(client, article.get_absolute_url())
    assert "<p>One &lt;b&gt;bold&lt;/b&gt; claim.</p>" in html
    assert "<p>KISUMU, Friday.</p>" in html
    assert "<p>Third.</p>" in html


def test_comments_oldest_first_with_author_line_and_time(client, article):
    add_comments(article, 1, author_name="", body="Line one\nLine two")
    comment_post(
        thread=article.thread,
        author_name="Joe Kamande",
        body="Earlier one.",
        question_id=None,
        created=datetime(2024, 3, 9, 18, 35, tzinfo=NAIROBI),
    )
    html = html_of(client, article.get_absolute_url())
    assert "<h2" in html
    assert ">Comments</h2>" in html
    first = html.index("Earlier one.")
    second = html.index("Line one<br />\nLine two")
    assert first < second
    assert "Anonymous</span> (not verified)" in html
    assert "Joe Kamande</span> (not verified)" in html
    assert "Sat, 03/09/2024 @ 06:35pm" in html
    assert "Sun, 03/10/2024 @ 12:00pm" in html


def test_time_zone_is_a_setting(client, article, settings):
    add_comments(article, 1)
    settings.TIME_ZONE = "UTC"
    html = html_of(client, article.get_absolute_url())
    assert "Sun, 03/10/2024 @ 09:00am" in html


def test_long_names_are_shortened_and_kept_in_a_title(client, article):
    add_comments(article, 1, author_name="Chama cha Wavuvi wa Dunga Beach")
    html = html_of(client, article.get_absolute_url())
    assert ">Chama cha Wavu…</span> (not verified)" in html
    assert 'title="Chama cha Wavuvi wa Dunga Beach"' in html


def test_registered_users_are_not_marked(client, article, django_user_model):
    user = django_user_model.objects.create_user("wanjiru", first_name="Wanjiru", last_name="K")
    comment_post(thread=article.thread, body="Staff note.", user=user, question_id=None)
    html = html_of(client, article.get_absolute_url())
    assert ">Wanjiru K</span>\n" in html
    assert "Wanjiru K</span> (not verified)" not in html


def test_only_published_comments_are_shown(client, article):
    for status in Comment.Status:
        add_comments(article, 1, body=f"A {status.value} comment.", status=status)
    html = html_of(client, article.get_absolute_url())
    assert "A published comment." in html
    for hidden in ("pending", "spam", "deleted"):
        assert f"A {hidden} comment." not in html


def test_every_comment_has_a_stable_anchor_and_permalink(client, article):
    (comment,) = add_comments(article, 1)
    html = html_of(client, article.get_absolute_url())
    assert f'id="comment-{comment.pk}"' in html
    assert f'href="/comment/{comment.pk}/"' in html
    response = client.get(f"/comment/{comment.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"


def test_pages_of_fifty_oldest_first(client, article):
    comments = add_comments(article, 120)
    first = html_of(client, article.get_absolute_url())
    assert first.count('class="comment"') == 50
    assert "Comment number 0." in first
    assert "Comment number 49." in first
    assert "Comment number 50." not in first
    third = html_of(client, article.get_absolute_url() + "?page=3")
    assert third.count('class="comment"') == 20
    assert "Comment number 119." in third
    assert 'href="?page=2#comments"' in third
    assert re.search(r'aria-current="page">3<', third)
    # Permalinks land on the right page.
    response = client.get(comments[75].get_absolute_url())
    assert response["Location"] == (
        f"{article.get_absolute_url()}?page=2#comment-{comments[75].pk}"
    )


@pytest.mark.parametrize("page", ["4", "0", "-1", "two", "1e3", "9" * 40])
def test_a_page_that_does_not_exist_is_404(client, article, page):
    add_comments(article, 120)
    response = client.get(article.get_absolute_url(), {"page": page})
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_page_cost_does_not_grow_with_the_thread(client, article):
    add_comments(article, 60)
    html_of(client, article.get_absolute_url() + "?page=1")  # as any page after the first
    forget_boundaries()  # as right after a change, in both
    with CaptureQueriesContext(connection) as small:
        html_of(client, article.get_absolute_url())
    add_comments(article, 240)
    forget_boundaries()
    with CaptureQueriesContext(connection) as large:
        html_of(client, article.get_absolute_url() + "?page=5")
    assert len(small) == len(large)


def test_the_form_carries_every_text_of_the_seed_page(client, article):
    html = open_page(client, article.get_absolute_url())
    for text in [
        ">Add new comment</h2>",
        '<label for="edit-name">Your name</label>',
        '<label for="edit-mail">Email</label>',
        "The content of this field is kept private and will not be shown publicly.",
        "Plain text",
        "<li>No HTML tags allowed.</li>",
        "<li>Lines and paragraphs break automatically.</li>",
        "<li>Web page addresses and email addresses turn into links automatically.</li>",
        "<legend>CAPTCHA</legend>",
        "This question is for testing whether or not you are a human visitor and to prevent"
        " automated spam submissions.",
        "Solve this simple math problem and enter the result. E.g. for 1+3, enter 4.",
        'maxlength="2" autocomplete="off"',
        ">Save</button>",
        ">Preview</button>",
    ]:
        assert text in html, text
    prompt = (
        r'<span class="field-prefix" id="edit-captcha-answer-prompt">\d{1,2} \+ \d{1,2} =</span>'
    )
    assert re.search(prompt, html)
    assert re.search(r'<label for="edit-captcha-answer">Math question', html)


def test_without_script_the_form_shows_the_question_fieldset_of_the_seed_page(client, article):
    # As the page is kept and served to every reader: no question of any one reader's.
    html = html_of(client, article.get_absolute_url())
    for text in [
        "<legend>CAPTCHA</legend>",
        "This question is for testing whether or not you are a human visitor and to prevent"
        " automated spam submissions.",
        '<label for="edit-captcha-answer">Math question',
        "Solve this simple math problem and enter the result. E.g. for 1+3, enter 4.",
        'name="captcha_answer"',
    ]:
        assert text in html, text
    assert 'name="captcha_id"' not in html
    assert '<span class="field-prefix" id="edit-captcha-answer-prompt"></span>' in html


def test_when_suspicious_the_page_shows_no_question_fieldset(client, article):
    SpamSettings.objects.create(captcha=SpamSettings.Captcha.SUSPICIOUS)
    assert "<legend>CAPTCHA</legend>" not in html_of(client, article.get_absolute_url())


def test_staff_are_not_asked_the_question(client, article, django_user_model):
    client.force_login(django_user_model.objects.create_user("desk", is_staff=True))
    html = html_of(client, article.get_absolute_url())
    assert "<legend>CAPTCHA</legend>" not in html
    assert 'name="name"' not in html
    assert 'name="mail"' not in html


def test_drafts_and_future_articles_are_not_public(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    future = make_article(published_at=datetime(2999, 1, 1, tzinfo=NAIROBI))
    for article in (draft, future):
        assert client.get(article.get_absolute_url()).status_code == 404
    front = html_of(client, "/")
    assert draft.title not in front
    assert future.title not in front


def test_front_page_lists_published_articles_newest_first(client, make_article):
    make_article(title="Older story", published_at=datetime(2024, 1, 1, tzinfo=NAIROBI))
    make_article(title="Newer story", published_at=datetime(2024, 2, 1, tzinfo=NAIROBI))
    front = html_of(client, "/")
    assert front.index("Newer story") < front.index("Older story")


def test_closed_articles_show_comments_without_a_form(client, make_article):
    article = make_article(comments=Article.CommentMode.CLOSED)
    add_comments(article, 2)
    html = html_of(client, article.get_absolute_url())
    assert "Comment number 1." in html
    assert "Add new comment" not in html
    assert "Comments on this article are closed." in html


def test_hidden_comments_are_not_shown(client, make_article):
    article = make_article(comments=Article.CommentMode.HIDDEN)
    (comment,) = add_comments(article, 1)
    html = html_of(client, article.get_absolute_url())
    assert "Comment number 0." not in html
    assert "Add new comment" not in html
    assert client.get(comment.get_absolute_url()).status_code == 404


def test_no_email_address_on_any_public_page(client, article):
    comment_post(
        thread=article.thread,
        author_name="Akinyi",
        author_email="akinyi.private@example.org",
        body="Hello.",
        question_id=None,
    )
    for url in ["/", article.get_absolute_url()]:
        assert "akinyi.private" not in html_of(client, url)


def test_editor_edits_articles_in_the_admin(client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("ed", password="pw-ed-1234", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__endswith="_article"))
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "Ferry times change",
            "slug": "ferry-times-change",
            "byline": "Staff",
            "body": "The ferry leaves earlier.",
            "published_at_0": "2024-03-01",
            "published_at_1": "08:00:00",
            "status": "published",
            "comments": "open",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="ferry-times-change")
    assert article.thread_id is not None
    assert "Ferry times change" in html_of(Client(), article.get_absolute_url())
    assert get_user_model().objects.count() == 1


def test_pages_are_compressed_for_browsers_that_ask(client, article):
    import gzip

    response = client.get(article.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert article.title in gzip.decompress(response.content).decode()
    plain = client.get(article.get_absolute_url())
    assert "Content-Encoding" not in plain
