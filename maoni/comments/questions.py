"""The CAPTCHA's questions: asking one, checking an answer, consuming it with a comment.

This is the one place that knows of them. Asking one writes nothing: a
question's id is a token signed with ``django.core.signing`` (salted with
the thread's key, so it is good in that thread only, and stamped with the
time it was asked, so it expires after ``MAONI_CAPTCHA_LIFETIME_SECONDS``).
It carries a random nonce and the store its tries go to, nothing else: its
two numbers are drawn from an HMAC of the secret key over the nonce, so the
page shows the question but not its answer, and the server works both out
again from the token. A token signed with a key that has since been rotated
reads as gone, since its numbers would come out differently.

A question is written down only once it is tried, keyed by a digest of its
nonce, until its lifetime is over (``maoni.comments.question_stores``):
solved (answered right, and usable for *Preview* then *Save*), burned (a
wrong answer: it gets no second try) or used (by the comment it let
through, which can never be posted again with it).

Which store records the tries is decided when the question is asked and
sealed in the token, so a question is never tried in two stores (which
would let it be used twice): Redis when configured and answering a PING
(which writes nothing), else the database. A question bound to Redis reads
as gone while Redis cannot be reached (the reader is asked a new one, bound
to the database, and the form keeps what they typed); one bound to the
database stays good whatever Redis does.

A question is consumed by the comment it lets through. In the database
that is a ``used`` row written in the comment's own transaction, so it is
taken back if the comment is not stored; Redis is outside that transaction,
so there a consumed question is marked a while with the form's idempotency
key, and the same form passes again (sent again after its comment was lost)
while any other is told the question was used.
"""

from __future__ import annotations

import enum
import hashlib
import random
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from maoni.comments import captcha, question_stores
from maoni.comments.question_stores import Seen, Store

# A token is about 85 characters; the form's field and every reader of it
# take this many.
ID_MAX_LENGTH = 128
# What tokens are made of: URL-safe base64 and base62 parts, joined by ":".
_QUESTION_ID = re.compile(rf"[A-Za-z0-9_:-]{{1,{ID_MAX_LENGTH}}}")
# What a token's payload is: "r" (tried in Redis) or "d" (in the database),
# then the nonce.
_PAYLOAD = re.compile(r"[rd][A-Za-z0-9_-]{22}")
_SALT = "maoni.comments.questions:"
# The HMAC that draws a question's numbers; unlike any signing salt above,
# which always goes on with a thread's key.
_SUM_SALT = "maoni.comments.questions.sum"


class Answer(enum.Enum):
    SOLVED = "solved"
    WRONG = "wrong"
    # Unknown, expired, of another thread, or already used by a posted comment.
    GONE = "gone"


@dataclass(frozen=True)
class Question:
    """A math question asked of one reader; the page carries only its id (the token)."""

    id: str
    first: int
    second: int
    # The digest of its nonce, under which its tries are kept.
    digest: str
    in_redis: bool
    solved: bool = False

    @property
    def answer(self) -> int:
        return self.first + self.second

    @property
    def prompt(self) -> str:
        return f"{self.first} + {self.second} ="


def issue(thread_key: str) -> Question:
    """A new question for the thread with this key; nothing is written."""
    store = "r" if settings.MAONI_REDIS_URL and _redis_answers() else "d"
    payload = store + secrets.token_urlsafe(16)
    token = signing.dumps(payload, salt=_SALT + thread_key)
    question = _question(token, payload)
    assert question is not None  # The payload is made to the pattern.
    return question


def find(
    question_id: str, *, thread_key: str, idempotency_key: str | None = None
) -> Question | None:
    """The live question with this id in this thread, or None.

    A question the form with ``idempotency_key`` consumed without posting
    (see ``consume``) reads as solved, for that form only.
    """
    question = _read(question_id, thread_key)
    if question is None:
        return None
    seen = _store(question).seen(question.digest, idempotency_key=idempotency_key)
    if seen is Seen.GONE:
        return None
    return replace(question, solved=seen is Seen.SOLVED)


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
        _store(question).burn(question.digest)
        return Answer.WRONG
    if keep and keep_solved(question) is None:
        return Answer.GONE
    return Answer.SOLVED


def keep_solved(question: Question) -> Question | None:
    """Marks an answered question solved and returns it so; None when it is gone meanwhile."""
    if not _store(question).mark_solved(question.digest):
        return None
    return replace(question, solved=True)


def consumed_in_transaction(question_id: str, *, thread_key: str) -> bool:
    """True when consuming the question is part of the database transaction it runs in
    (tried in the database); False for Redis, which is consumed before it."""
    question = _read(question_id, thread_key)
    return question is None or not question.in_redis


def consume(
    *,
    question_id: str,
    thread_key: str,
    typed: str | None,
    idempotency_key: str | None,
    now: datetime,
) -> bool:
    """Consumes a question that is solved or that ``typed`` answers; False when it cannot."""
    question = _read(question_id, thread_key)
    if question is None:
        return False
    return _store(question).consume(
        question.digest,
        answered=captcha.read_answer(typed or "") == question.answer,
        idempotency_key=idempotency_key,
        now=now,
    )


def _read(question_id: str, thread_key: str) -> Question | None:
    """The question a token names, untried as far as it says; None unless it is
    well formed, signed for this thread with the current key, and not expired."""
    if not _QUESTION_ID.fullmatch(question_id):
        return None
    try:
        payload = signing.loads(
            question_id,
            salt=_SALT + thread_key,
            max_age=settings.MAONI_CAPTCHA_LIFETIME_SECONDS,
            # Only the current key: the numbers are drawn with it.
            fallback_keys=[],
        )
    except signing.BadSignature:  # Expired tokens too.
        return None
    return _question(question_id, payload)


def _question(token: str, payload: object) -> Question | None:
    if not isinstance(payload, str) or not _PAYLOAD.fullmatch(payload):
        return None
    nonce = payload[1:]
    seed = salted_hmac(_SUM_SALT, nonce, algorithm="sha256").digest()
    # S311: the numbers need no secrecy beyond the HMAC that seeds them.
    sum_ = captcha.make_sum(random.Random(seed))  # noqa: S311
    return Question(
        id=token,
        first=sum_.first,
        second=sum_.second,
        digest=hashlib.sha256(nonce.encode()).hexdigest(),
        in_redis=payload[0] == "r",
    )


def _redis_answers() -> bool:
    return question_stores.reachable(settings.MAONI_REDIS_URL)


def _store(question: Question) -> Store:
    if question.in_redis:
        return question_stores.RedisStore(settings.MAONI_REDIS_URL)
    return question_stores.DatabaseStore()
