"""Math CAPTCHA questions: making them and checking answers.

Pure: the random source comes from the caller; asking and keeping questions
is ``maoni.comments.questions``. A question reads ``x + y =``; its answer is 1-20,
``x`` is 1..answer and ``y`` is what is left (so ``y`` may be 0), as readers of
the seed site know it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MAX_ANSWER = 20
# The answer input holds at most this many characters.
ANSWER_MAX_LENGTH = 2
# Longer runs of digits are no answer (and past 4,300 int() refuses them).
_MAX_DIGITS = 64
# PHP's trim() strips these; the seed site ignores them around an answer.
_TRIMMED = " \t\n\r\0\x0b"


@dataclass(frozen=True)
class Sum:
    """What a question asks: ``first + second``."""

    first: int
    second: int

    @property
    def answer(self) -> int:
        return self.first + self.second

    @property
    def prompt(self) -> str:
        return f"{self.first} + {self.second} ="


def make_sum(rng: random.Random) -> Sum:
    """Returns a question whose answer is between 1 and MAX_ANSWER."""
    answer = rng.randint(1, MAX_ANSWER)
    first = rng.randint(1, answer)
    return Sum(first=first, second=answer - first)


def read_answer(typed: str) -> int | None:
    """The number typed, give or take whitespace; None unless written as plain digits.

    ``"07"``, ``"+7"`` or ``"7.0"`` are no answer: the reader is asked for the number.
    """
    stripped = typed.strip(_TRIMMED)
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > _MAX_DIGITS:
        return None
    if stripped.startswith("0") and stripped != "0":
        return None
    return int(stripped)


def is_correct(*, answer: int, typed: str) -> bool:
    """True when ``typed`` is the answer (see ``read_answer``)."""
    return read_answer(typed) == answer
