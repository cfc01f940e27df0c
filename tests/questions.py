"""CAPTCHA questions as tests look at them, in whichever store keeps them.

With ``REDIS_URL`` (make test-postgres) questions are kept in Redis, else in
the database; tests go through these rather than the ``QuestionRow`` table.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from maoni.comments import questions
from maoni.comments.models import QuestionRow
from maoni.redis_connections import redis_client


def question(challenge_id: str) -> questions.Question | None:
    """The live question with this id, as the comment form finds it; None once gone."""
    return questions.find(challenge_id)


def expire(challenge_id: str) -> None:
    """Makes the question's lifetime run out now."""
    if not questions.consumed_in_transaction(challenge_id):
        # Redis forgets a key whose time is up: the same as deleting it.
        redis_client(settings.MAONI_REDIS_URL).delete(f"maoni:captcha:{challenge_id}")
    else:
        past = timezone.now() - timedelta(seconds=1)
        QuestionRow.objects.filter(pk=challenge_id).update(expires=past)


def questions_kept() -> int:
    """How many questions either store holds, live or not yet purged."""
    kept = QuestionRow.objects.count()
    if settings.MAONI_REDIS_URL:
        kept += sum(
            1 for _key in redis_client(settings.MAONI_REDIS_URL).scan_iter("maoni:captcha:*")
        )
    return kept
