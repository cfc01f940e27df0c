"""A solved question posts once, even when requests race each other with it."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.test import Client

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.moderation.models import SpamSettings
from tests.conftest import WITH_TOKEN, open_page, solve

RACERS = 8
# A lost race shows up only some of the time; several rounds make it likely.
ROUNDS = 5


def race_once(article: Article, *, previewed: bool = False) -> list[int]:
    html = open_page(Client(), article.get_absolute_url())
    challenge_id, answer = solve(html)
    if previewed:
        # Solved on Preview: the racers send Save with no answer, as its page does.
        fields = {"body": "Draft", "captcha_id": challenge_id, "captcha_answer": answer}
        preview = Client().post(
            f"/news/{article.slug}/comment/", {**fields, "op": "preview", **WITH_TOKEN}
        )
        assert preview.status_code == 200
        answer = ""
    barrier = threading.Barrier(RACERS)
    statuses: list[int] = []

    def race(number: int) -> None:
        try:
            client = Client()
            barrier.wait()
            response = client.post(
                f"/news/{article.slug}/comment/",
                {
                    "body": f"Racer {number}",
                    "captcha_id": challenge_id,
                    "captcha_answer": answer,
                    "op": "save",
                    **WITH_TOKEN,
                },
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(number,)) for number in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(statuses)


@pytest.mark.parametrize("previewed", [False, True])
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_with_one_question_post_exactly_once(make_article, previewed):
    # All racers come from one address; the rate limit is not what is tested here.
    SpamSettings.objects.create(client_per_hour=0, email_per_hour=0, thread_per_hour=0)
    article: Article = make_article()
    for round_number in range(1, ROUNDS + 1):
        assert race_once(article, previewed=previewed) == [302] + [400] * (RACERS - 1)
        assert Comment.objects.count() == round_number
    article.thread.refresh_from_db()
    assert article.thread.public_count == ROUNDS
