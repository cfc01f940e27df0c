"""Where the CAPTCHA's tried questions are kept: the database, or Redis.

Asking a question writes nothing (``maoni.comments.questions``); a question
is written down once someone tries it, under a digest of its nonce: solved,
burned (answered wrongly) or used (by the comment it let through). Both
stores answer the same ``Store`` calls; ``maoni.comments.questions`` picks
the one a question's token names and is the only caller.
"""

from __future__ import annotations

import enum
import functools
import json
import logging
import time
from datetime import datetime, timedelta
from typing import Protocol

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from maoni.comments.models import TriedQuestion
from maoni.redis_connections import redis_client

logger = logging.getLogger(__name__)

# How long, at most, a question consumed in Redis remembers the form that
# consumed it: long enough for that form to be sent again after its comment
# was lost on the way to the database (a server stopped before the commit, a
# 503), which then passes; any other form is told the question was used.
CONSUMED_KEPT_SECONDS = 10 * 60

# Expired database rows are purged by the first try written after this
# moment (monotonic clock), at most once a minute per process. Redis expires
# its keys itself.
PURGE_EVERY = 60.0

State = TriedQuestion.State


class Seen(enum.Enum):
    """What a store knows of a question."""

    UNTRIED = "untried"
    SOLVED = "solved"
    # Burned, used by another form, or in a store that cannot be reached.
    GONE = "gone"


class Store(Protocol):
    """Where tried questions are kept; every call is safe against app servers racing."""

    def seen(self, digest: str, *, idempotency_key: str | None) -> Seen:
        """What is known of the question; one the form with ``idempotency_key``
        consumed (and may consume again) reads as solved."""

    def burn(self, digest: str) -> None:
        """Records a wrong answer, unless the question was tried meanwhile."""

    def mark_solved(self, digest: str) -> bool:
        """Records a right answer; False when the question was burned or used meanwhile."""

    def consume(
        self, digest: str, *, answered: bool, idempotency_key: str | None, now: datetime
    ) -> bool:
        """Marks used a question that is solved, or untried and ``answered``
        now; False if it cannot be."""


def _lifetime() -> timedelta:
    return timedelta(seconds=settings.MAONI_CAPTCHA_LIFETIME_SECONDS)


class DatabaseStore:
    """Tried questions as rows; a row is made ``used`` in the transaction of its comment."""

    _purge_due = 0.0

    def seen(self, digest: str, *, idempotency_key: str | None) -> Seen:
        state = TriedQuestion.objects.filter(pk=digest).values_list("state", flat=True).first()
        if state is None:
            return Seen.UNTRIED
        return Seen.SOLVED if state == State.SOLVED else Seen.GONE

    def burn(self, digest: str) -> None:
        self._add(digest, State.BURNED, timezone.now())

    def mark_solved(self, digest: str) -> bool:
        self._add(digest, State.SOLVED, timezone.now())
        # Tried meanwhile by a request racing this one: solved too, or gone.
        return TriedQuestion.objects.filter(pk=digest, state=State.SOLVED).exists()

    def consume(
        self, digest: str, *, answered: bool, idempotency_key: str | None, now: datetime
    ) -> bool:
        expires = now + _lifetime()
        solved = TriedQuestion.objects.filter(pk=digest, state=State.SOLVED)
        if solved.update(state=State.USED, expires=expires) == 1:
            return True
        if not answered:
            return False
        _purge(now)
        try:
            # A savepoint: PostgreSQL refuses the rest of a transaction after an error.
            with transaction.atomic():
                TriedQuestion.objects.create(digest=digest, state=State.USED, expires=expires)
        except IntegrityError:
            # Tried by a request racing this one (it waited for that one's
            # commit): usable only if that one solved it.
            return solved.update(state=State.USED, expires=expires) == 1
        return True

    def _add(self, digest: str, state: str, now: datetime) -> None:
        """Writes the question's first try; a try already written stands."""
        _purge(now)
        row = TriedQuestion(digest=digest, state=state, expires=now + _lifetime())
        TriedQuestion.objects.bulk_create([row], ignore_conflicts=True)


def _purge(now: datetime) -> None:
    if time.monotonic() >= DatabaseStore._purge_due:
        DatabaseStore._purge_due = time.monotonic() + PURGE_EVERY
        TriedQuestion.objects.filter(expires__lt=now).delete()


class RedisStore:
    """Tried questions as Redis keys that expire with them; consumed by one atomic script."""

    def __init__(self, url: str) -> None:
        self.url = url

    def seen(self, digest: str, *, idempotency_key: str | None) -> Seen:
        if not self.url:
            return Seen.GONE
        try:
            stored = redis_client(self.url).get(key(digest))
        except redis.RedisError as error:
            _unreachable(error, digest)
            return Seen.GONE
        if stored is None:
            return Seen.UNTRIED
        tried = json.loads(stored)
        if tried["state"] == State.SOLVED:
            return Seen.SOLVED
        if (
            tried["state"] == State.USED
            and idempotency_key is not None
            and tried.get("by") == idempotency_key
            and time.time() < tried["kept_until"]
        ):
            return Seen.SOLVED
        return Seen.GONE

    def burn(self, digest: str) -> None:
        self._add(digest, State.BURNED)

    def mark_solved(self, digest: str) -> bool:
        if self._add(digest, State.SOLVED):
            return True
        # Tried before: still usable only if that try solved it.
        return self.seen(digest, idempotency_key=None) is Seen.SOLVED

    def consume(
        self, digest: str, *, answered: bool, idempotency_key: str | None, now: datetime
    ) -> bool:
        if not self.url:
            return False
        try:
            done = _consume_script(self.url)(
                keys=[key(digest)],
                args=[
                    "1" if answered else "0",
                    idempotency_key or "",
                    int(now.timestamp()),
                    CONSUMED_KEPT_SECONDS,
                    settings.MAONI_CAPTCHA_LIFETIME_SECONDS,
                ],
            )
        except redis.RedisError as error:
            _unreachable(error, digest)
            return False
        return bool(done)

    def _add(self, digest: str, state: str) -> bool:
        """Writes the question's first try; False when it was tried before (or unreachable)."""
        if not self.url:
            return False
        try:
            added = redis_client(self.url).set(
                key(digest),
                json.dumps({"state": state}),
                nx=True,
                ex=settings.MAONI_CAPTCHA_LIFETIME_SECONDS,
            )
        except redis.RedisError as error:
            _unreachable(error, digest)
            return False
        return bool(added)


def reachable(url: str) -> bool:
    """True when Redis answers a PING (which writes nothing)."""
    try:
        return bool(redis_client(url).ping())
    except redis.RedisError as error:
        logger.warning("Redis unreachable (%s): CAPTCHA questions tried in the database", error)
        return False


def key(digest: str) -> str:
    """The Redis key of a tried question."""
    return f"maoni:captcha:{digest}"


def _unreachable(error: redis.RedisError, digest: str) -> None:
    logger.warning("Redis unreachable (%s): CAPTCHA question %s… is gone", error, digest[:8])


# Consumes a question in one step, so that of two app servers consuming it at
# once exactly one succeeds. It must be solved, or untried with the right
# number typed. With an idempotency key, the used question stays marked
# (until ARGV[3] + ARGV[4]) with that form, which passes again.
# KEYS: the tried question; ARGV: "1" when the number typed is its answer,
# the form's idempotency key (or ""), now (Unix seconds), seconds to keep the
# mark, seconds the key lives.
# Returns 1 when consumed now, 2 when this form consumed it before, 0 otherwise.
_CONSUME = """
local stored = redis.call('GET', KEYS[1])
if stored then
  local tried = cjson.decode(stored)
  if tried.state == 'used' then
    if ARGV[2] ~= '' and tried.by == ARGV[2] and tonumber(ARGV[3]) < tried.kept_until then
      return 2
    end
    return 0
  end
  if tried.state ~= 'solved' then
    return 0
  end
elseif ARGV[1] ~= '1' then
  return 0
end
local used = {state = 'used'}
if ARGV[2] ~= '' then
  used.by = ARGV[2]
  used.kept_until = tonumber(ARGV[3]) + tonumber(ARGV[4])
end
redis.call('SET', KEYS[1], cjson.encode(used), 'EX', ARGV[5])
return 1
"""


@functools.cache
def _consume_script(url: str) -> redis.commands.core.Script:
    return redis_client(url).register_script(_CONSUME)
