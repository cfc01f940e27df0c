"""The write path shared by every way a comment comes in."""

from __future__ import annotations

import pytest

from maoni.comments import placing, posting, question_stores, questions, services
from maoni.comments.models import Comment, QuestionRow
from tests.questions import question


def test_post_renders_and_stores_beside_the_typed_text(article):
    comment = services.comment_post(
        thread=article.thread, body="Tazama www.example.org\n\nAsante", question_id=None
    )
    comment.refresh_from_db()
    assert comment.body == "Tazama www.example.org\n\nAsante"
    assert comment.body_html == (
        '<p>Tazama <a href="http://www.example.org" rel="nofollow ugc">www.example.org</a></p>\n'
        "<p>Asante</p>\n"
    )


def test_unsolved_question_does_not_post(article):
    challenge = questions.issue()
    with pytest.raises(services.CommentRejected):
        services.comment_post(thread=article.thread, body="Hi", question_id=challenge.id)
    assert Comment.objects.count() == 0
    # A failed post leaves the question in place for another try.
    assert question(challenge.id) is not None


@pytest.mark.parametrize(("typed", "posts"), [("right", True), ("wrong", False), ("07", False)])
def test_an_answer_checked_as_the_question_is_consumed(article, typed, posts):
    challenge = questions.issue()
    answer = {"right": str(challenge.answer), "wrong": str(challenge.answer + 1)}.get(typed, typed)
    if posts:
        services.comment_post(
            thread=article.thread, body="Hi", question_id=challenge.id, question_typed=answer
        )
        assert question(challenge.id) is None
    else:
        with pytest.raises(services.CommentRejected):
            services.comment_post(
                thread=article.thread, body="Hi", question_id=challenge.id, question_typed=answer
            )
    assert Comment.objects.count() == (1 if posts else 0)


def test_answering_marks_solved_and_posting_consumes(article):
    challenge = questions.issue()
    assert questions.answer(questions.find(challenge.id), "99") is questions.Answer.WRONG
    assert question(challenge.id) is None
    challenge = questions.issue()
    typed = str(challenge.answer)
    assert questions.answer(questions.find(challenge.id), typed) is questions.Answer.SOLVED
    # Answering again (Preview, then Save) is still fine.
    assert questions.answer(questions.find(challenge.id), "") is questions.Answer.SOLVED
    services.comment_post(thread=article.thread, body="Hi", question_id=challenge.id)
    assert questions.answer(questions.find(challenge.id), typed) is questions.Answer.GONE


def broken(*args, **kwargs):
    raise RuntimeError("disk full")


def test_failed_insert_gives_the_question_back(article, monkeypatch, settings):
    settings.MAONI_REDIS_URL = ""  # a database row, consumed in the comment's transaction
    challenge = questions.issue()
    questions.answer(questions.find(challenge.id), str(challenge.answer))
    monkeypatch.setattr(posting, "render_plain", broken)
    with pytest.raises(RuntimeError):
        services.comment_post(thread=article.thread, body="Hi", question_id=challenge.id)
    assert QuestionRow.objects.get(pk=challenge.id).solved


def test_after_a_failed_insert_the_same_form_posts_with_its_question(article, monkeypatch):
    challenge = questions.issue()

    def send() -> Comment:
        return services.comment_post(
            thread=article.thread,
            body="Hi",
            question_id=challenge.id,
            question_typed=str(challenge.answer),
            idempotency_key="the-same-form-0001",
        )

    with monkeypatch.context() as failing:
        failing.setattr(posting, "render_plain", broken)
        with pytest.raises(RuntimeError):
            send()
    comment = send()
    assert list(Comment.objects.all()) == [comment]
    with pytest.raises(services.Duplicate):
        send()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"body": " "}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"author_name": "n" * 61}, "name"),
    ],
)
def test_limits_hold_for_every_caller(article, fields, field):
    values = {"body": "ok", **fields}
    with pytest.raises(services.CommentRejected) as rejected:
        services.comment_post(thread=article.thread, question_id=None, **values)
    assert rejected.value.field == field


def test_expired_questions_are_purged_once_a_minute(article, settings, monkeypatch):
    settings.MAONI_REDIS_URL = ""  # Redis expires its questions itself
    settings.MAONI_CAPTCHA_LIFETIME_SECONDS = -1
    stale = questions.issue()
    settings.MAONI_CAPTCHA_LIFETIME_SECONDS = 60
    questions.issue()
    # Purged by the first question of the next minute, not by every question.
    assert QuestionRow.objects.filter(pk=stale.id).exists()
    monkeypatch.setattr(question_stores.DatabaseStore, "_purge_due", 0.0)
    questions.issue()
    assert not QuestionRow.objects.filter(pk=stale.id).exists()
    assert QuestionRow.objects.count() == 2


def test_a_question_consumed_while_being_answered_is_gone(article):
    """Regression: a racer that read the question before another consumed it must not pass."""
    challenge = questions.issue()
    stale = questions.find(challenge.id)
    services.comment_post(
        thread=article.thread,
        body="The other racer's comment",
        question_id=challenge.id,
        question_typed=str(challenge.answer),
    )
    # Answered as this racer read it, before the other consumed it.
    answer = questions.answer(stale, str(challenge.answer))
    assert answer is questions.Answer.GONE


def test_two_comments_never_share_a_place_in_a_thread(article):
    from django.db import IntegrityError, transaction

    first = services.comment_post(thread=article.thread, body="The first.", question_id=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            thread=article.thread, body="Same place.", path=first.path, depth=0, status="pending"
        )


def test_a_comment_that_lost_its_place_to_another_is_placed_again(article, monkeypatch):
    # What two replies placed at once on PostgreSQL meet: the same path, taken.
    parent = services.comment_post(thread=article.thread, body="Asked.", question_id=None)
    taken = services.comment_post(
        thread=article.thread, body="Answered first.", parent=parent, question_id=None
    )
    place = placing.place
    placed: list[str] = []

    def racing(thread, parent, created):
        path, depth = place(thread, parent, created)
        if not placed:
            path = taken.path  # worked out before the other reply committed
        placed.append(path)
        return path, depth

    monkeypatch.setattr(posting, "place", racing)
    reply = services.comment_post(
        thread=article.thread, body="Answered at once.", parent=parent, question_id=None
    )
    assert placed[0] == taken.path
    assert reply.path not in (taken.path, parent.path)
    assert reply.path.startswith(parent.path)
    article.thread.refresh_from_db()
    assert article.thread.public_count == 3
