"""Where the CAPTCHA's questions are kept: the database, or Redis.

Both stores hand out the same plain ``Question`` and answer the same
``Store`` calls; ``maoni.comments.questions`` picks one by the question's id
and is the only caller.
"""

from __future__ import annotations

import functools
import json
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import redis
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from maoni.comments import captcha
from maoni.comments.models import QuestionRow
from maoni.redis_connections import redis_client

logger = logging.getLogger(__name__)

# How long, at most, a question consumed in Redis remembers the form that
# consumed it: long enough for that form to be sent again after its comment
# was lost on the way to the database (a server stopped before the commit, a
# 503), which then passes; any other form is told the question was used.
CONSUMED_KEPT_SECONDS = 10 * 60

# Expired database rows are purged by the first question issued after this
# moment (monotonic clock), at most once a minute per process: one write per
# question asked, not two. Redis expires its questions itself.
PURGE_EVERY = 60.0


@dataclass(frozen=True)
class Question:
    """A math question asked of one reader; the page carries only its id."""

    id: str
    first: int
    second: int
    answer: int
    solved: bool = False

    @property
    def prompt(self) -> str:
        return f"{self.first} + {self.second} ="


class Store(Protocol):
    """Where questions are kept; every call is safe against app servers racing."""

    def add(self, sum_: captcha.Sum) -> Question | None:
        """Keeps a new question; None when the store cannot be reached."""

    def find(self, question_id: str, *, idempotency_key: str | None) -> Question | None:
        """The live question, or None; one the form with ``idempotency_key``
        consumed (and may consume again) reads as solved."""

    def burn(self, question: Question) -> None:
        """Forgets a question answered wrongly, unless it was solved meanwhile."""

    def mark_solved(self, question: Question) -> bool:
        """False when the question is gone meanwhile."""

    def consume(
        self, question_id: str, *, typed: int | None, idempotency_key: str | None, now: datetime
    ) -> bool:
        """Consumes a question that is solved or that ``typed`` answers; False if it cannot."""


def _lifetime() -> timedelta:
    return timedelta(seconds=settings.MAONI_CAPTCHA_LIFETIME_SECONDS)


class DatabaseStore:
    """Questions as rows; a row is deleted in the transaction of the comment it lets through."""

    _purge_due = 0.0

    def add(self, sum_: captcha.Sum) -> Question:
        now = timezone.now()
        if time.monotonic() >= DatabaseStore._purge_due:
            DatabaseStore._purge_due = time.monotonic() + PURGE_EVERY
            QuestionRow.objects.filter(expires__lt=now).delete()
        row = QuestionRow.objects.create(
            id=secrets.token_urlsafe(24),
            first=sum_.first,
            second=sum_.second,
            answer=sum_.answer,
            expires=now + _lifetime(),
        )
        return Question(id=row.pk, first=row.first, second=row.second, answer=row.answer)

    def find(self, question_id: str, *, idempotency_key: str | None) -> Question | None:
        row = QuestionRow.objects.filter(pk=question_id, expires__gte=timezone.now()).first()
        if row is None:
            return None
        return Question(
            id=row.pk, first=row.first, second=row.second, answer=row.answer, solved=row.solved
        )

    def burn(self, question: Question) -> None:
        QuestionRow.objects.filter(pk=question.id, solved=False).delete()

    def mark_solved(self, question: Question) -> bool:
        # The row may have been consumed since it was read, by a request
        # racing this one with the same id: then it is gone, not solved.
        return QuestionRow.objects.filter(pk=question.id).update(solved=True) == 1

    def consume(
        self, question_id: str, *, typed: int | None, idempotency_key: str | None, now: datetime
    ) -> bool:
        answered = Q(solved=True)
        if typed is not None:
            answered |= Q(answer=typed)
        live = QuestionRow.objects.filter(pk=question_id, expires__gte=now)
        consumed, _by_model = live.filter(answered).delete()
        return consumed == 1


class RedisStore:
    """Questions as Redis keys that expire with them; consumed by one atomic script."""

    def __init__(self, url: str) -> None:
        self.url = url

    def add(self, sum_: captcha.Sum) -> Question | None:
        question = Question(
            id="r" + secrets.token_urlsafe(24),
            first=sum_.first,
            second=sum_.second,
            answer=sum_.answer,
        )
        try:
            redis_client(self.url).set(
                _key(question.id),
                _stored(question, solved=False),
                ex=settings.MAONI_CAPTCHA_LIFETIME_SECONDS,
            )
        except redis.RedisError as error:
            logger.warning("Redis unreachable (%s): CAPTCHA questions kept in the database", error)
            return None
        return question

    def find(self, question_id: str, *, idempotency_key: str | None) -> Question | None:
        if not self.url:
            return None
        try:
            stored = redis_client(self.url).get(_key(question_id))
        except redis.RedisError as error:
            logger.warning(
                "Redis unreachable (%s): CAPTCHA question %s is gone", error, question_id
            )
            return None
        if stored is None:
            return None
        fields = json.loads(stored)
        consumed_by = fields.get("consumed_by")
        if consumed_by is not None and consumed_by != idempotency_key:
            return None
        return Question(
            id=question_id,
            first=fields["first"],
            second=fields["second"],
            answer=fields["answer"],
            solved=fields["solved"] or consumed_by is not None,
        )

    def burn(self, question: Question) -> None:
        # Deleted only while it is still unsolved and unconsumed, so that a
        # wrong guess racing a right one cannot undo it.
        self._swap(question, solved=False, to="")

    def mark_solved(self, question: Question) -> bool:
        return self._swap(question, solved=False, to=_stored(question, solved=True))

    def consume(
        self, question_id: str, *, typed: int | None, idempotency_key: str | None, now: datetime
    ) -> bool:
        if not self.url:
            return False
        try:
            done = _consume_script(self.url)(
                keys=[_key(question_id)],
                args=[
                    "" if typed is None else typed,
                    idempotency_key or "",
                    CONSUMED_KEPT_SECONDS * 1000,
                ],
            )
        except redis.RedisError as error:
            logger.warning(
                "Redis unreachable (%s): CAPTCHA question %s is gone", error, question_id
            )
            return False
        return bool(done)

    def _swap(self, question: Question, *, solved: bool, to: str) -> bool:
        """Replaces (or with ``to`` empty, deletes) a question still as it was; False if not."""
        if not self.url:
            return False
        try:
            swapped = _swap_script(self.url)(
                keys=[_key(question.id)], args=[_stored(question, solved=solved), to]
            )
        except redis.RedisError as error:
            logger.warning(
                "Redis unreachable (%s): CAPTCHA question %s is gone", error, question.id
            )
            return False
        return bool(swapped)


def _gone(error: redis.RedisError, question_id: str) -> None:
    logger.warning("Redis unreachable (%s): CAPTCHA question %s is gone", error, question_id)


def _key(question_id: str) -> str:
    return f"maoni:captcha:{question_id}"


def _stored(question: Question, *, solved: bool) -> str:
    """What a question's key holds; always written the same way, so it can be compared."""
    fields = {
        "first": question.first,
        "second": question.second,
        "answer": question.answer,
        "solved": solved,
    }
    return json.dumps(fields, separators=(",", ":"))


# Compare and set, keeping the key's expiry: a question answered on one app
# server cannot be brought back by another that read it before it was consumed.
# KEYS: the question; ARGV: the value it must hold, its new value ("": delete it).
_SWAP = """
local stored = redis.call('GET', KEYS[1])
if stored == ARGV[2] and ARGV[2] ~= '' then
  return 1
end
if stored ~= ARGV[1] then
  return 0
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
end
return 1
"""

# Consumes a question in one step, so that of two app servers consuming it
# at once exactly one succeeds. It must be solved or the number typed must be
# its answer. With an idempotency key, the question stays (for at most
# ARGV[3] ms) marked consumed by that form, which passes again; without, it
# is deleted. KEYS: the question; ARGV: the number typed (or ""), the form's
# idempotency key (or ""), milliseconds to keep the mark.
# Returns 1 when consumed now, 2 when this form consumed it before, 0 otherwise.
_CONSUME = """
local stored = redis.call('GET', KEYS[1])
if not stored then
  return 0
end
local question = cjson.decode(stored)
if question.consumed_by then
  if ARGV[2] ~= '' and question.consumed_by == ARGV[2] then
    return 2
  end
  return 0
end
if not question.solved and question.answer ~= tonumber(ARGV[1]) then
  return 0
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  return 1
end
question.consumed_by = ARGV[2]
local keep = tonumber(ARGV[3])
local left = redis.call('PTTL', KEYS[1])
if left > 0 and left < keep then
  keep = left
end
redis.call('SET', KEYS[1], cjson.encode(question), 'PX', keep)
return 1
"""


@functools.cache
def _swap_script(url: str) -> redis.commands.core.Script:
    return redis_client(url).register_script(_SWAP)


@functools.cache
def _consume_script(url: str) -> redis.commands.core.Script:
    return redis_client(url).register_script(_CONSUME)
