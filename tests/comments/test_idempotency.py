"""A comment form sent again (a lost answer, a retry, Back and Save) posts one comment."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connections
from django.test import Client

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.moderation.models import SpamSettings
from tests.conftest import WITH_TOKEN, Reader, open_page, solve

KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


def key_in(html: str) -> str:
    match = KEY.search(html)
    assert match is not None, "the form carries no idempotency key"
    return match.group(1)


def test_the_same_form_sent_twice_posts_once_and_answers_the_same(reader: Reader):
    html = reader.open()
    challenge_id, answer = solve(html)
    sent = {
        "name": "Akoth",
        "body": "Asante kwa habari.",
        "captcha_id": challenge_id,
        "captcha_answer": answer,
        "idempotency_key": key_in(html),
        "op": "save",
        "csrfmiddlewaretoken": reader.csrf(),
    }
    first = reader.client.post(reader.post_url, sent)
    again = reader.client.post(reader.post_url, sent)  # the very same bytes
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Comment.objects.count() == 1
    page = reader.client.get(again["Location"]).content.decode()
    assert "Your comment has been posted." in page


def test_every_form_gets_its_own_key(client: Client, article: Article):
    keys = {key_in(open_page(Client(), article.get_absolute_url())) for _ in range(3)}
    assert len(keys) == 3
    assert (
        client.get("/comments/state/", {"thread": article.thread.key}).json()["idempotency_key"]
        not in keys
    )


def test_a_form_shown_again_keeps_its_key(reader: Reader):
    html = reader.open()
    key = key_in(html)
    refused = reader.post(html, body="", idempotency_key=key)
    assert refused.status_code == 400
    assert key_in(refused.content.decode()) == key


def test_a_key_from_another_articles_form_posts_nothing_there(reader: Reader, make_article):
    html = reader.open()
    key = key_in(html)
    assert reader.post(html, body="Here first.", idempotency_key=key).status_code == 302
    other = Reader(reader.client, make_article(title="Another story"))
    refused = other.post(body="Somewhere else.", idempotency_key=key)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "This form was already used." in page
    assert key_in(page) != key  # a new one, for the next send
    assert list(Comment.objects.values_list("body", flat=True)) == ["Here first."]


RACERS = 6


@pytest.mark.django_db(transaction=True)
def test_one_form_sent_many_times_at_once_posts_once(make_article):
    SpamSettings.objects.create(client_per_hour=0, email_per_hour=0, thread_per_hour=0)
    article: Article = make_article()
    html = open_page(Client(), article.get_absolute_url())
    challenge_id, answer = solve(html)
    fields = {
        "body": "Sent on a shaky line.",
        "captcha_id": challenge_id,
        "captcha_answer": answer,
        "idempotency_key": key_in(html),
        "op": "save",
        **WITH_TOKEN,
    }
    barrier = threading.Barrier(RACERS)
    answers: list[tuple[int, str]] = []

    def send() -> None:
        try:
            barrier.wait()
            response = Client().post(f"/news/{article.slug}/comment/", fields)
            answers.append((response.status_code, response.get("Location", "")))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Comment.objects.count() == 1
    comment = Comment.objects.get()
    assert answers == [(302, answers[0][1])] * RACERS
    assert answers[0][1].endswith(f"#comment-{comment.pk}")
