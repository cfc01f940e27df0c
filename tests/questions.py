"""CAPTCHA questions as tests look at them, in whichever store records their tries.

With ``REDIS_URL`` (make test-postgres) tries are recorded in Redis, else in
the database; tests go through these rather than the ``TriedQuestion`` table.
"""

from __future__ import annotations

import time
from unittest import mock

from django.conf import settings

from maoni.comments import questions
from maoni.comments.models import Thread, TriedQuestion
from maoni.redis_connections import redis_client


def question(challenge_id: str, thread: Thread) -> questions.Question | None:
    """The live question with this id, as the comment form of ``thread`` finds it;
    None once gone."""
    return questions.find(challenge_id, thread_key=thread.key)


def expired(thread: Thread) -> questions.Question:
    """A question of ``thread`` asked longer ago than a question lives."""
    asked = time.time() - settings.MAONI_CAPTCHA_LIFETIME_SECONDS - 2
    with mock.patch("time.time", return_value=asked):
        return questions.issue(thread.key)


def questions_kept() -> int:
    """How many tried questions either store holds, live or not yet purged."""
    kept = TriedQuestion.objects.count()
    if settings.MAONI_REDIS_URL:
        kept += sum(
            1 for _key in redis_client(settings.MAONI_REDIS_URL).scan_iter("maoni:captcha:*")
        )
    return kept
