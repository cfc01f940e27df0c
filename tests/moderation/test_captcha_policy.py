"""The CAPTCHA policy: always (as the seed site) or only when a comment looks suspicious."""

from __future__ import annotations

import time

from django.core import signing
from django.test import Client

from maoni.comments.models import Comment
from maoni.moderation.models import SpamSettings
from tests.conftest import WITH_TOKEN, captcha_id_in, open_page, solve
from tests.questions import questions_kept

ASK = "Answer this question to post your comment."


def stamp(seconds_ago: float = 60) -> str:
    return signing.dumps(time.time() - seconds_ago, salt="maoni.moderation.form-shown")


def post(client: Client, article, **data: str):
    return client.post(f"/news/{article.slug}/comment/", {"op": "save", **WITH_TOKEN, **data})


def test_always_shows_the_question_up_front(client, article):
    html = open_page(client, article.get_absolute_url())
    assert "<legend>CAPTCHA</legend>" in html


def test_when_suspicious_an_ordinary_comment_needs_no_question(client, article):
    SpamSettings.objects.create(captcha=SpamSettings.Captcha.SUSPICIOUS)
    html = open_page(client, article.get_absolute_url())
    assert "<legend>CAPTCHA</legend>" not in html
    assert questions_kept() == 0
    response = post(client, article, body="Asante kwa habari hii.", form_stamp=stamp())
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PUBLISHED


def test_when_suspicious_a_suspicious_comment_is_asked_then_held(client, article):
    SpamSettings.objects.create(captcha=SpamSettings.Captcha.SUSPICIOUS)
    body = "Links: http://a.example http://b.example http://c.example"
    response = post(client, article, body=body, form_stamp=stamp())
    assert response.status_code == 400
    html = response.content.decode()
    assert ASK in html
    assert "<legend>CAPTCHA</legend>" in html
    assert Comment.objects.count() == 0
    challenge_id, answer = solve(html)
    response = post(
        client,
        article,
        body=body,
        form_stamp=stamp(),
        captcha_id=challenge_id,
        captcha_answer=answer,
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "3 links" in comment.reasons


def test_when_suspicious_a_wrong_answer_still_posts_nothing(client, article):
    SpamSettings.objects.create(captcha=SpamSettings.Captcha.SUSPICIOUS)
    body = "Too fast to be a person, surely, with these words"
    html = post(client, article, body=body, form_stamp=stamp(0)).content.decode()
    assert ASK in html
    challenge_id = captcha_id_in(html)
    response = post(
        client, article, body=body, form_stamp=stamp(), captcha_id=challenge_id, captcha_answer="99"
    )
    assert response.status_code == 400
    assert "The answer you entered for the CAPTCHA was not correct." in response.content.decode()
    assert Comment.objects.count() == 0
