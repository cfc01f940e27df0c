"""Replies: the reply form, threaded and flat display, depth cap, paging."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from maoni.comments.models import MAX_DEPTH, Comment, CommentSettings, Display
from maoni.comments.services import comment_post, comments_moderate
from tests.conftest import Reader

GONE = "The comment you replied to cannot be found."


def post(article, body, parent=None, **fields):
    return comment_post(thread=article.thread, body=body, parent=parent, question_id=None, **fields)


def order_on_page(html: str) -> list[str]:
    return re.findall(r"<p>(Root \w+|Reply [\w.]+)</p>", html)


def test_reply_page_shows_the_parent_and_posts_a_reply(reader: Reader):
    article = reader.article
    parent = post(article, "Root one", author_name="Akinyi")
    post(article, "Root two")
    page = reader.client.get(f"/comment/{parent.pk}/reply/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Replying to" in html
    assert "Root one" in html
    assert f'name="parent" value="{parent.pk}"' in html
    response = reader.post(html, body="Reply one.a", parent=str(parent.pk))
    reply = Comment.objects.get(body="Reply one.a")
    assert reply.parent == parent
    assert reply.depth == 1
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    shown = reader.client.get(article.get_absolute_url()).content.decode()
    assert order_on_page(shown) == ["Root one", "Reply one.a", "Root two"]
    assert f'id="comment-{reply.pk}" class="comment indent-1"' in shown


def test_threaded_depth_is_capped_and_deeper_replies_say_what_they_answer(client, article):
    CommentSettings.objects.create(display=Display.THREADED, depth_cap=2)
    parent = post(article, "Root a")
    chain = [parent]
    for level in range(1, 5):
        chain.append(post(article, f"Reply a.{level}", parent=chain[-1], author_name=f"L{level}"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert order_on_page(html) == ["Root a", "Reply a.1", "Reply a.2", "Reply a.3", "Reply a.4"]
    assert f'id="comment-{chain[2].pk}" class="comment indent-2"' in html
    assert f'id="comment-{chain[4].pk}" class="comment indent-2"' in html
    assert "In reply to <a" in html
    assert html.count('class="in-reply-to"') == 2  # a.3 and a.4, past the cap


def test_flat_display_keeps_posting_order_and_names_the_parent(client, article):
    CommentSettings.objects.create(display=Display.FLAT)
    root = post(article, "Root a", author_name="Wanjiru")
    post(article, "Root b")
    post(article, "Reply a.1", parent=root)
    html = client.get(article.get_absolute_url()).content.decode()
    assert order_on_page(html) == ["Root a", "Root b", "Reply a.1"]
    assert "indent-" not in html
    assert f'In reply to <a href="/comment/{root.pk}/">Wanjiru</a>' in html


def test_a_reply_whose_parent_is_gone_does_not_name_it(client, article, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    CommentSettings.objects.create(display=Display.FLAT)
    root = post(article, "Root a", author_name="Secret Name")
    post(article, "Reply a.1", parent=root)
    comments_moderate(comment_ids=[root.pk], action="unpublish", actor=boss)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Reply a.1" in html
    assert "Secret Name" not in html
    assert "In reply to a comment that is no longer shown" in html


def test_older_imported_comments_sort_before_newer_ones(client, article):
    post(article, "Root new")
    post(article, "Root old", created=timezone.now() - timedelta(days=3))
    html = client.get(article.get_absolute_url()).content.decode()
    assert order_on_page(html) == ["Root old", "Root new"]


def test_paths_stay_short_however_deep_the_replies_go(article):
    parent = post(article, "Root deep")
    for level in range(1, MAX_DEPTH + 5):
        parent = post(article, f"Reply d.{level}", parent=parent)
    longest = max(len(path) for path in Comment.objects.values_list("path", flat=True))
    assert longest <= (Comment._meta.get_field("path").max_length or 0)
    assert parent.depth == MAX_DEPTH + 4
    bodies = list(Comment.objects.order_by("path", "id").values_list("body", flat=True))
    assert bodies == ["Root deep"] + [f"Reply d.{level}" for level in range(1, MAX_DEPTH + 5)]


@pytest.mark.parametrize("target", ["held", "deleted", "elsewhere", "missing"])
def test_replies_to_what_the_public_cannot_see_are_refused_alike(
    reader: Reader, make_article, django_user_model, target
):
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    article = reader.article
    parent = post(article, "Root p")
    if target == "held":
        comments_moderate(comment_ids=[parent.pk], action="unpublish", actor=boss)
    elif target == "deleted":
        comments_moderate(comment_ids=[parent.pk], action="delete", actor=boss)
    elif target == "elsewhere":
        parent = post(make_article(), "On another story")
    parent_id = parent.pk if target != "missing" else 999_999
    response = reader.post(body="My reply", parent=str(parent_id))
    assert response.status_code == 400
    html = response.content.decode()
    assert GONE in html
    assert ">My reply</textarea>" in html
    assert "On another story" not in html
    assert not Comment.objects.filter(body="My reply").exists()
    if target != "elsewhere":
        assert Client().get(f"/comment/{parent_id}/reply/").status_code == 404


def test_permalink_of_a_reply_lands_on_its_page(client, article):
    first = post(article, "Root first", created=timezone.now() - timedelta(days=1))
    for number in range(60):
        post(article, f"Root filler {number}")
    reply = post(article, "Reply to first", parent=first)
    response = client.get(reply.get_absolute_url())
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{reply.pk}"
    late = Comment.objects.get(body="Root filler 59")
    assert "?page=2" in client.get(late.get_absolute_url())["Location"]
