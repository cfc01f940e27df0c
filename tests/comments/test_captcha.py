import random

import pytest

from maoni.comments.captcha import MAX_ANSWER, Sum, is_correct, make_sum


def test_questions_cover_every_answer_and_split_from_one():
    rng = random.Random(7)
    questions = [make_sum(rng) for _ in range(5000)]
    assert {q.answer for q in questions} == set(range(1, MAX_ANSWER + 1))
    for q in questions:
        assert 1 <= q.first <= q.answer
        assert q.second == q.answer - q.first
    # The second number may be zero ("3 + 0 ="), as on the seed site.
    assert any(q.second == 0 for q in questions)


def test_prompt_reads_like_the_seed_site():
    assert Sum(first=2, second=1).prompt == "2 + 1 ="


def test_same_seed_same_questions():
    assert make_sum(random.Random(1)) == make_sum(random.Random(1))


@pytest.mark.parametrize(
    ("answer", "typed", "correct"),
    [
        (3, "3", True),
        (3, " 3 ", True),
        (3, "\t3\n", True),
        (12, "12", True),
        (3, "4", False),
        (3, "", False),
        (3, "03", False),
        (3, "+3", False),
        (3, "3.0", False),
        (3, "three", False),
        (3, "3 3", False),
        (3, "٣", False),  # an Arabic-Indic three is not the number as typed digits
        (3, "３", False),  # nor is a full-width one
        (3, "9" * 5000, False),  # no number at all: never an error
        (3, "0", False),
    ],
)
def test_is_correct(answer, typed, correct):
    assert is_correct(answer=answer, typed=typed) is correct
