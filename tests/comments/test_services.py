"""The write path shared by every way a comment comes in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from maoni.comments import placing, posting, question_stores, questions, services
from maoni.comments.models import Comment, TriedQuestion
from tests.questions import question, questions_kept


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
    challenge = questions.issue(article.thread.key)
    with pytest.raises(services.CommentRejected):
        services.comment_post(thread=article.thread, body="Hi", question_id=challenge.id)
    assert Comment.objects.count() == 0
    # A failed post leaves the question in place for another try.
    assert question(challenge.id, article.thread) is not None


@pytest.mark.parametrize(("typed", "posts"), [("right", True), ("wrong", False), ("07", False)])
def test_an_answer_checked_as_the_question_is_consumed(article, typed, posts):
    challenge = questions.issue(article.thread.key)
    answer = {"right": str(challenge.answer), "wrong": str(challenge.answer + 1)}.get(typed, typed)
    if posts:
        services.comment_post(
            thread=article.thread, body="Hi", question_id=challenge.id, question_typed=answer
        )
        assert question(challenge.id, article.thread) is None
    else:
        with pytest.raises(services.CommentRejected):
            services.comment_post(
                thread=article.thread, body="Hi", question_id=challenge.id, question_typed=answer
            )
    assert Comment.objects.count() == (1 if posts else 0)


def find(article, challenge: questions.Question) -> questions.Question | None:
    return questions.find(challenge.id, thread_key=article.thread.key)


def test_answering_marks_solved_and_posting_consumes(article):
    challenge = questions.issue(article.thread.key)
    assert questions.answer(find(article, challenge), "99") is questions.Answer.WRONG
    assert question(challenge.id, article.thread) is None
    challenge = questions.issue(article.thread.key)
    typed = str(challenge.answer)
    assert questions.answer(find(article, challenge), typed) is questions.Answer.SOLVED
    # Answering again (Preview, then Save) is still fine.
    assert questions.answer(find(article, challenge), "") is questions.Answer.SOLVED
    services.comment_post(thread=article.thread, body="Hi", question_id=challenge.id)
    assert questions.answer(find(article, challenge), typed) is questions.Answer.GONE


def test_a_question_of_another_thread_posts_nothing_here(article, make_article):
    other = make_article(title="Another story")
    challenge = questions.issue(other.thread.key)
    with pytest.raises(services.CommentRejected):
        services.comment_post(
            thread=article.thread,
            body="Hi",
            question_id=challenge.id,
            question_typed=str(challenge.answer),
        )
    assert Comment.objects.count() == 0
    # Still good where it was asked: trying it elsewhere wrote nothing.
    assert question(challenge.id, other.thread) is not None
    assert questions_kept() == 0


def broken(*args, **kwargs):
    raise RuntimeError("disk full")


def test_failed_insert_gives_the_question_back(article, monkeypatch, settings):
    settings.MAONI_REDIS_URL = ""  # tried in the database, consumed in the comment's transaction
    challenge = questions.issue(article.thread.key)
    questions.answer(find(article, challenge), str(challenge.answer))
    monkeypatch.setattr(posting, "render_plain", broken)
    with pytest.raises(RuntimeError):
        services.comment_post(thread=article.thread, body="Hi", question_id=challenge.id)
    assert TriedQuestion.objects.get(pk=challenge.digest).state == TriedQuestion.State.SOLVED


def test_failed_insert_of_an_answer_on_save_leaves_it_untried(article, monkeypatch, settings):
    settings.MAONI_REDIS_URL = ""
    challenge = questions.issue(article.thread.key)
    monkeypatch.setattr(posting, "render_plain", broken)
    with pytest.raises(RuntimeError):
        services.comment_post(
            thread=article.thread,
            body="Hi",
            question_id=challenge.id,
            question_typed=str(challenge.answer),
        )
    assert not TriedQuestion.objects.exists()
    assert find(article, challenge) is not None


def test_after_a_failed_insert_the_same_form_posts_with_its_question(article, monkeypatch):
    challenge = questions.issue(article.thread.key)

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


def test_expired_tries_are_purged_once_a_minute(article, settings, monkeypatch):
    settings.MAONI_REDIS_URL = ""  # Redis expires its keys itself
    settings.MAONI_CAPTCHA_LIFETIME_SECONDS = 60
    stale = questions.issue(article.thread.key)
    questions.answer(find(article, stale), "99")
    TriedQuestion.objects.update(expires=timezone.now() - timedelta(seconds=1))
    questions.answer(find(article, questions.issue(article.thread.key)), "99")
    # Purged by the first try of the next minute, not by every try.
    assert TriedQuestion.objects.filter(pk=stale.digest).exists()
    monkeypatch.setattr(question_stores.DatabaseStore, "_purge_due", 0.0)
    questions.answer(find(article, questions.issue(article.thread.key)), "99")
    assert not TriedQuestion.objects.filter(pk=stale.digest).exists()
    assert TriedQuestion.objects.count() == 2


def test_a_question_consumed_while_being_answered_is_gone(article):
    """Regression: a racer that read the question before another consumed it must not pass."""
    challenge = questions.issue(article.thread.key)
    stale = find(article, challenge)
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
