"""CAPTCHA questions as tests look at them, in whichever store keeps them.

With ``REDIS_URL`` (make test-postgres) questions are kept in Redis, else in
the database; tests go through these rather than the ``Challenge`` table.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from maoni.comments import questions, services
from maoni.comments.models import Challenge
from maoni.shared import redis_client


def question(challenge_id: str) -> Challenge | None:
    """The live question with this id, as the comment form finds it; None once gone."""
    return services.challenge_find(challenge_id)


def expire(challenge_id: str) -> None:
    """Makes the question's lifetime run out now."""
    if questions.in_redis(challenge_id):
        # Redis forgets a key whose time is up: the same as deleting it.
        redis_client(settings.MAONI_REDIS_URL).delete(f"maoni:captcha:{challenge_id}")
    else:
        past = timezone.now() - timedelta(seconds=1)
        Challenge.objects.filter(pk=challenge_id).update(expires=past)


def questions_kept() -> int:
    """How many questions either store holds, live or not yet purged."""
    kept = Challenge.objects.count()
    if settings.MAONI_REDIS_URL:
        kept += sum(
            1 for _key in redis_client(settings.MAONI_REDIS_URL).scan_iter("maoni:captcha:*")
        )
    return kept
