"""Where CAPTCHA questions live: Redis when configured, else the database.

A question is a ``Challenge``: a database row, or, with Redis, an instance
read from one Redis key and never saved. The id says which store holds it: a
question kept in Redis has an id of 33 characters starting with "r", a
database row one of 32 (``secrets.token_urlsafe(24)``), so an id is looked up
in the one store that issued it, without trying the other.

In Redis, ``maoni:captcha:<id>`` holds the question as JSON (first, second,
answer, solved) and expires with it: nothing needs purging, and every app
server finds every question without a database write. When Redis cannot be
reached, new questions are database rows, which stay good after Redis is
back; a question kept in Redis reads as gone meanwhile (the reader is asked a
new one, and the form keeps what they typed).

Only ``maoni.comments.services`` calls this module.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import re
import secrets
import time
from datetime import datetime, timedelta

import redis
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from maoni.comments import captcha
from maoni.comments.models import Challenge
from maoni.shared import redis_client

logger = logging.getLogger(__name__)

_rng = random.SystemRandom()

# What question ids are made of; a Redis question's id is "r" and 32 of them.
_CHALLENGE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_REDIS_ID = re.compile(r"r[A-Za-z0-9_-]{32}")

# How long, at most, a question consumed in Redis remembers the form that
# consumed it: long enough for that form to be sent again after its comment
# was lost on the way to the database (a server stopped before the commit, a
# 503), which then passes; any other form is told the question was used.
CONSUMED_KEPT_SECONDS = 10 * 60

# Expired database rows are purged by the first question issued after this
# moment (monotonic clock), at most once a minute per process: one write per
# question asked, not two. Redis expires its questions itself.
PURGE_EVERY = 60.0
_purge_due = 0.0


def in_redis(challenge_id: str) -> bool:
    """True when the id names a question kept in Redis rather than a database row."""
    return bool(_REDIS_ID.fullmatch(challenge_id))


def issue() -> Challenge:
    """A new question: kept in Redis when configured and reachable, else a database row."""
    question = captcha.make_question(_rng)
    url = settings.MAONI_REDIS_URL
    if url:
        challenge = Challenge(
            id="r" + secrets.token_urlsafe(24),
            first=question.first,
            second=question.second,
            answer=question.answer,
            expires=timezone.now() + timedelta(seconds=settings.MAONI_CAPTCHA_LIFETIME_SECONDS),
        )
        try:
            redis_client(url).set(
                _key(challenge.pk),
                _stored(challenge, solved=False),
                ex=settings.MAONI_CAPTCHA_LIFETIME_SECONDS,
            )
        except redis.RedisError as error:
            logger.warning("Redis unreachable (%s): CAPTCHA questions kept in the database", error)
        else:
            return challenge
    return _issue_in_database(question)


def _issue_in_database(question: captcha.Question) -> Challenge:
    global _purge_due
    now = timezone.now()
    if time.monotonic() >= _purge_due:
        _purge_due = time.monotonic() + PURGE_EVERY
        Challenge.objects.filter(expires__lt=now).delete()
    return Challenge.objects.create(
        id=secrets.token_urlsafe(24),
        first=question.first,
        second=question.second,
        answer=question.answer,
        expires=now + timedelta(seconds=settings.MAONI_CAPTCHA_LIFETIME_SECONDS),
    )


def find(challenge_id: str, *, idempotency_key: str | None = None) -> Challenge | None:
    """The live question with this id, or None (without a query for a malformed id).

    A question kept in Redis that the form with ``idempotency_key`` consumed
    reads as solved: that form may be sent again (see ``consume``).
    """
    if not _CHALLENGE_ID.fullmatch(challenge_id):
        return None
    if not in_redis(challenge_id):
        return Challenge.objects.filter(pk=challenge_id, expires__gte=timezone.now()).first()
    url = settings.MAONI_REDIS_URL
    if not url:
        return None
    try:
        stored = redis_client(url).get(_key(challenge_id))
    except redis.RedisError as error:
        logger.warning("Redis unreachable (%s): CAPTCHA question %s is gone", error, challenge_id)
        return None
    if stored is None:
        return None
    fields = json.loads(stored)
    consumed_by = fields.get("consumed_by")
    if consumed_by is not None and consumed_by != idempotency_key:
        return None
    return Challenge(
        id=challenge_id,
        first=fields["first"],
        second=fields["second"],
        answer=fields["answer"],
        solved=fields["solved"] or consumed_by is not None,
    )


def burn(challenge: Challenge) -> None:
    """Forgets a question that was answered wrongly (unless it was solved meanwhile)."""
    if not in_redis(challenge.pk):
        Challenge.objects.filter(pk=challenge.pk).delete()
        return
    # Deleted only while it is still unsolved and unconsumed, so that a
    # wrong guess racing a right one cannot undo it.
    _swap(challenge, solved=False, to="")


def mark_solved(challenge: Challenge) -> bool:
    """Marks an answered question solved; False when it is gone meanwhile."""
    if not in_redis(challenge.pk):
        # The row may have been consumed since it was read, by a request
        # racing this one with the same id: then it is gone, not solved.
        return Challenge.objects.filter(pk=challenge.pk).update(solved=True) == 1
    return _swap(challenge, solved=False, to=_stored(challenge, solved=True))


def consume(
    *, challenge_id: str, typed: str | None, idempotency_key: str | None, now: datetime
) -> bool:
    """Consumes a question that is solved or that ``typed`` answers; False when it cannot.

    A database row is deleted in the caller's transaction, so it comes back
    when that transaction fails. Redis is outside the transaction: there, the
    question is kept a while marked with ``idempotency_key``, and the same
    form consumes it again (True) while any other is refused.
    """
    typed_number = captcha.read_answer(typed or "")
    if not in_redis(challenge_id):
        answered = Q(solved=True)
        if typed_number is not None:
            answered |= Q(answer=typed_number)
        consumed, _by_model = (
            Challenge.objects.filter(pk=challenge_id, expires__gte=now).filter(answered).delete()
        )
        return consumed == 1
    url = settings.MAONI_REDIS_URL
    if not url:
        return False
    try:
        done = _consume_script(url)(
            keys=[_key(challenge_id)],
            args=[
                "" if typed_number is None else typed_number,
                idempotency_key or "",
                CONSUMED_KEPT_SECONDS * 1000,
            ],
        )
    except redis.RedisError as error:
        logger.warning("Redis unreachable (%s): CAPTCHA question %s is gone", error, challenge_id)
        return False
    return bool(done)


def _key(challenge_id: str) -> str:
    return f"maoni:captcha:{challenge_id}"


def _stored(challenge: Challenge, *, solved: bool) -> str:
    """What a question's key holds; always written the same way, so it can be compared."""
    fields = {
        "first": challenge.first,
        "second": challenge.second,
        "answer": challenge.answer,
        "solved": solved,
    }
    return json.dumps(fields, separators=(",", ":"))


def _swap(challenge: Challenge, *, solved: bool, to: str) -> bool:
    """Replaces (or with ``to`` empty, deletes) a question still as it was; False if it was not."""
    url = settings.MAONI_REDIS_URL
    if not url:
        return False
    try:
        swapped = _swap_script(url)(
            keys=[_key(challenge.pk)], args=[_stored(challenge, solved=solved), to]
        )
    except redis.RedisError as error:
        logger.warning("Redis unreachable (%s): CAPTCHA question %s is gone", error, challenge.pk)
        return False
    return bool(swapped)


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
