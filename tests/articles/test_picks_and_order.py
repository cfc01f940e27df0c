"""Newsroom picks and the reading order a reader chooses, kept per order."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maoni.comments.models import Comment, CommentSettings, Display
from maoni.comments.services import comment_post, comments_pick
from maoni.moderation.models import AuditEntry
from maoni.moderation.roles import MODERATORS

START = timezone.now() - timedelta(days=1)
IDS = re.compile(r'<article id="comment-(\d+)"')


def post(article: Any, number: int, parent: Comment | None = None) -> Comment:
    return comment_post(
        thread=article.thread,
        body=f"Comment number {number}.",
        parent=parent,
        question_id=None,
        created=START + timedelta(minutes=number),
    )


def shown(url: str, client: Client | None = None) -> list[int]:
    return [int(found) for found in IDS.findall((client or Client()).get(url).content.decode())]


def moderator_client() -> tuple[Client, User]:
    user = User.objects.create_user("night", "night@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    client = Client()
    client.force_login(user)
    return client, user


def test_a_moderator_picks_a_comment_and_readers_see_the_picks(article) -> None:
    _first, second, _third = (post(article, number) for number in (1, 2, 3))
    url = article.get_absolute_url()
    assert "Newsroom pick" not in Client().get(url).content.decode()  # kept before the pick
    client, user = moderator_client()
    response = client.post(f"/moderation/comment/{second.pk}/pick/", {"note": "Well argued."})
    assert response.status_code == 302
    page = Client().get(url).content.decode()
    assert page.count('<span class="pick-label">Newsroom pick</span>') == 1
    assert 'href="?view=picks#comments">Newsroom picks (1)</a>' in page
    assert shown(f"{url}?view=picks") == [second.pk]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PICK)
    assert (entry.actor, entry.comment_id, entry.note) == (user, second.pk, "Well argued.")
    client.post(f"/moderation/comment/{second.pk}/pick/", {"picked": "0"})
    assert (
        "The newsroom has picked no comments here yet."
        in Client().get(f"{url}?view=picks").content.decode()
    )


def test_only_published_comments_are_picks(article) -> None:
    comment = post(article, 1)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
    _client, user = moderator_client()
    assert comments_pick(comment_ids=[comment.pk], picked=True, actor=user) == []
    reader = Client()
    reader.force_login(User.objects.create_user("reader", "r@example.org", "pw"))
    assert reader.post(f"/moderation/comment/{comment.pk}/pick/").status_code == 403


def test_newest_first_keeps_each_conversation_whole(article) -> None:
    one = post(article, 1)
    reply = post(article, 2, parent=one)
    two = post(article, 3)
    three = post(article, 4)
    url = article.get_absolute_url()
    assert shown(url) == [one.pk, reply.pk, two.pk, three.pk]
    assert shown(f"{url}?order=newest") == [three.pk, two.pk, one.pk, reply.pk]
    page = Client().get(f"{url}?order=newest").content.decode()
    assert '<a href="?order=newest#comments" aria-current="page">Newest first</a>' in page


def test_newest_first_in_the_flat_display_and_across_pages(article, settings) -> None:
    row = CommentSettings.load()
    row.display = Display.FLAT
    row.save()
    settings.MAONI_COMMENTS_PER_PAGE = 5
    comments = [post(article, number) for number in range(1, 8)]
    url = article.get_absolute_url()
    assert shown(f"{url}?order=newest") == [c.pk for c in reversed(comments[5:])]
    assert shown(f"{url}?order=newest&page=2") == [c.pk for c in reversed(comments[:5])]
    page = Client().get(f"{url}?order=newest").content.decode()
    assert (
        'href="?order=newest&amp;page=2#comments"' in page
        or 'href="?order=newest&page=2#comments"' in page
    )


def test_each_order_is_kept_and_fresh(article) -> None:
    post(article, 1)
    post(article, 2)
    url = f"{article.get_absolute_url()}?order=newest"
    first = Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)
    assert len(queries) == 0
    assert again.content == first.content
    newest = post(article, 3)
    assert shown(url)[0] == newest.pk


def test_an_unknown_view_or_order_is_not_found(client, article) -> None:
    url = article.get_absolute_url()
    assert client.get(f"{url}?order=sideways").status_code == 404
    assert client.get(f"{url}?view=best").status_code == 404
