"""The CAPTCHA's questions: asking one, checking an answer, consuming it with a comment.

This is the one place that knows of them. A ``Question`` is a plain value;
where it is kept is a ``Store``: Redis when configured and reachable, else a
database row (``QuestionRow``). The id says which store holds it — a question
kept in Redis has an id of 33 characters starting with "r", a database row
one of 32 (``secrets.token_urlsafe(24)``) — so an id is looked up in the one
store that issued it, without trying the other.

In Redis, ``maoni:captcha:<id>`` holds the question as JSON (first, second,
answer, solved) and expires with it: nothing needs purging, and every app
server finds every question without a database write. When Redis cannot be
reached, new questions are database rows, which stay good after Redis is
back; a question kept in Redis reads as gone meanwhile (the reader is asked a
new one, and the form keeps what they typed).

A question is consumed by the comment it lets through. A database row is
deleted in the comment's own transaction, so it comes back if the comment is
not stored; Redis is outside that transaction, so there a consumed question
is kept a while marked with the form's idempotency key, and the same form
passes again (sent again after its comment was lost) while any other is told
the question was used.
"""

from __future__ import annotations

import enum
import random
import re
from dataclasses import replace
from datetime import datetime

from django.conf import settings

from maoni.comments import captcha, question_stores
from maoni.comments.question_stores import Question as Question
from maoni.comments.question_stores import Store

# What question ids are made of; a Redis question's id is "r" and 32 of them.
_QUESTION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_REDIS_ID = re.compile(r"r[A-Za-z0-9_-]{32}")

_rng = random.SystemRandom()


class Answer(enum.Enum):
    SOLVED = "solved"
    WRONG = "wrong"
    # Unknown, expired, or already used by a posted comment.
    GONE = "gone"


def _store(question_id: str) -> Store:
    if _REDIS_ID.fullmatch(question_id):
        return question_stores.RedisStore(settings.MAONI_REDIS_URL)
    return question_stores.DatabaseStore()


def issue() -> Question:
    """A new question: kept in Redis when configured and reachable, else in the database."""
    sum_ = captcha.make_sum(_rng)
    if settings.MAONI_REDIS_URL:
        kept = question_stores.RedisStore(settings.MAONI_REDIS_URL).add(sum_)
        if kept is not None:
            return kept
    kept = question_stores.DatabaseStore().add(sum_)
    assert kept is not None  # The database either stores it or raises.
    return kept


def find(question_id: str, *, idempotency_key: str | None = None) -> Question | None:
    """The live question with this id, or None (without a query for a malformed id).

    A question the form with ``idempotency_key`` consumed without posting
    (see ``consume``) reads as solved, for that form only.
    """
    if not _QUESTION_ID.fullmatch(question_id):
        return None
    return _store(question_id).find(question_id, idempotency_key=idempotency_key)


def answer(question: Question | None, typed: str, *, keep: bool = True) -> Answer:
    """Checks ``typed`` against a question as just found; a wrong answer burns it.

    With ``keep``, a solved question is marked so and stays usable (for
    *Preview* then *Save*) until the comment it lets through is posted.
    Without, nothing is written: for a send that posts at once, whose comment
    consumes the question (see ``keep_solved`` for when it does not).
    """
    if question is None:
        return Answer.GONE
    if question.solved:
        return Answer.SOLVED
    if not captcha.is_correct(answer=question.answer, typed=typed):
        _store(question.id).burn(question)
        return Answer.WRONG
    if keep and keep_solved(question) is None:
        return Answer.GONE
    return Answer.SOLVED


def keep_solved(question: Question) -> Question | None:
    """Marks an answered question solved and returns it so; None when it is gone meanwhile."""
    if not _store(question.id).mark_solved(question):
        return None
    return replace(question, solved=True)


def consumed_in_transaction(question_id: str) -> bool:
    """True when consuming the question is part of the database transaction it runs in
    (a database row); False for Redis, which is consumed before it."""
    return not _REDIS_ID.fullmatch(question_id)


def consume(
    *, question_id: str, typed: str | None, idempotency_key: str | None, now: datetime
) -> bool:
    """Consumes a question that is solved or that ``typed`` answers; False when it cannot."""
    if not _QUESTION_ID.fullmatch(question_id):
        return False
    return _store(question_id).consume(
        question_id,
        typed=captcha.read_answer(typed or ""),
        idempotency_key=idempotency_key,
        now=now,
    )
