"""Full-text search of comments, kept in step by every write, and of articles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.utils import timezone

from maoni.comments import search
from maoni.comments.models import Comment
from maoni.comments.services import (
    Written,
    comment_edit,
    comment_post,
    comments_import,
    comments_moderate,
    comments_purge_deleted,
)
from maoni.moderation.roles import MODERATORS


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("maji Nakuru", [["maji"], ["Nakuru"]]),
        ('"water rationing" ends', [["water", "rationing"], ["ends"]]),
        ('NEAR(a b) OR * "', [["NEAR", "a"], ["b"], ["OR"]]),
        ("  ", []),
        ("a b c d e f g h i j", [[w] for w in "abcdefgh"]),
    ],
)
def test_what_a_search_looks_for(typed, terms) -> None:
    assert search.terms(typed) == terms


def found(query: str) -> list[str]:
    rows = search.matching(Comment.objects.all(), query).order_by("id")
    return [comment.body for comment in rows]


@pytest.fixture
def comments(article) -> list[Comment]:
    bodies = [
        ("Wanjiru", "Maji yamerudi Nakuru leo asubuhi."),
        ("Otieno", "Water rationing in Nakuru ends today."),
        ("Amina", "The rationing of water was long overdue to end."),
        ("José", "Café prices in Nairobi went up again."),
    ]
    return [
        comment_post(thread=article.thread, author_name=name, body=body, question_id=None)
        for name, body in bodies
    ]


def test_every_word_must_be_there_in_any_case_and_accent(comments) -> None:
    assert found("nakuru") == [comments[0].body, comments[1].body]
    assert found("water nakuru") == [comments[1].body]
    assert found('"water rationing"') == [comments[1].body]
    assert found("rationing water") == [comments[1].body, comments[2].body]
    assert found("josé") == [comments[3].body]
    if connection.vendor == "sqlite":
        # FTS5 folds accents; PostgreSQL's "simple" configuration does not.
        assert found("jose") == [comments[3].body]
    assert found("Otieno") == [comments[1].body]  # the author's name
    assert found("mombasa") == []
    assert found('NEAR(") OR *') == []  # syntax is only text


def test_the_index_follows_edits_deletions_and_purges(comments) -> None:
    editor = User.objects.create_user("desk", is_staff=True)
    comment_edit(comment=comments[1], body="Electricity is back in Kisumu.", actor=editor)
    assert found("kisumu") == ["Electricity is back in Kisumu."]
    assert found("water nakuru") == []
    comments_moderate(comment_ids=[comments[0].pk], action="delete", actor=editor)
    Comment.objects.filter(pk=comments[0].pk).update(
        status_changed=timezone.now() - timedelta(days=31)
    )
    comments_purge_deleted()
    assert found("maji") == []


def test_imported_comments_are_found(article) -> None:
    comments_import(
        [
            Written(
                thread=article.thread, parent=None, user=None, author_name="Baraka",
                author_email="", body="Imported from the old site about Eldoret.",
                client_key="", created=timezone.now(), status=Comment.Status.PUBLISHED,
                reasons=(), source=("test", "1"),
            )
        ]
    )  # fmt: skip
    assert found("eldoret") == ["Imported from the old site about Eldoret."]


def test_moderators_search_by_words_status_and_dates(comments) -> None:
    user = User.objects.create_user("night", "night@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    client = Client()
    client.force_login(user)
    Comment.objects.filter(pk=comments[2].pk).update(created=timezone.now() - timedelta(days=10))
    page = client.get("/moderation/", {"status": "all", "text": "rationing"}).content.decode()
    assert "Water rationing in Nakuru ends today." in page
    assert "long overdue" in page
    assert "Maji yamerudi" not in page
    today = timezone.localdate()
    recent = client.get(
        "/moderation/",
        {"status": "all", "text": "rationing", "since": str(today - timedelta(days=2))},
    ).content.decode()
    assert "long overdue" not in recent
    assert "Water rationing in Nakuru" in recent
    older = client.get(
        "/moderation/", {"status": "all", "until": str(today - timedelta(days=5))}
    ).content.decode()
    assert "long overdue" in older
    assert "Water rationing in Nakuru" not in older


def test_readers_search_the_published_articles(client, make_article) -> None:
    make_article(title="Water rationing ends in Nakuru", body="Taps run again.")
    make_article(title="Café prices", body="Nairobi's coffee costs more.")
    make_article(title="Draft about water", status="draft")
    page = client.get("/search/", {"q": "water"}).content.decode()
    assert "Water rationing ends in Nakuru" in page
    assert "Draft about water" not in page
    assert "1 article with every word of “water”." in page
    assert "No article has every word" in client.get("/search/", {"q": "mombasa"}).content.decode()
    assert client.get("/search/").status_code == 200
    assert 'role="search"' in client.get("/").content.decode()


def test_a_search_looks_at_the_latest_comments_that_match(comments, monkeypatch) -> None:
    monkeypatch.setattr(search, "NEWEST", 1)
    assert found("nakuru") == [comments[1].body]
    assert found("maji nakuru") == [comments[0].body]  # another word reaches further back


def test_an_edited_article_is_found_by_its_new_words(client, make_article) -> None:
    article = make_article(title="Floods in Budalang'i", body="Roads are cut.")
    assert "Floods in Budalang" in client.get("/search/", {"q": "floods roads"}).content.decode()
    article.title = "Rains ease in Budalang'i"
    article.body = "The water goes down."
    article.save()
    assert "No article has every word" in client.get("/search/", {"q": "floods"}).content.decode()
    assert "Rains ease" in client.get("/search/", {"q": '"water goes"'}).content.decode()
