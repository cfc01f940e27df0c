"""The comment form's outcomes, decided with no HTTP request: what every door renders."""

from __future__ import annotations

import time

import pytest
from django.core import signing

from maoni.comments import questions, services, submission
from maoni.comments.models import Comment, CommentSettings, Premoderation
from maoni.moderation import screening
from maoni.moderation.models import SpamSettings
from tests.questions import question

SENDER = submission.Sender(
    user=None,
    client_key="c" * 32,
    sending=screening.Sending(
        address="192.0.2.10",
        form_stamp=signing.dumps(time.time() - 60, salt="maoni.moderation.form-shown"),
    ),
)
KEY = "form-key-0000000001"


def submit(article, sent: dict[str, str], *, first_step: bool = False) -> submission.Outcome:
    sent = {"name": "Wanjiku", "idempotency_key": KEY, "op": "save", **sent}
    return submission.submit(
        thread=article.thread,
        topic=article.topic,
        data=sent,
        sender=SENDER,
        first_step=first_step,
    )


def answered(article, **data: str) -> dict[str, str]:
    asked = questions.issue(article.thread.key)
    return {"captcha_id": asked.id, "captcha_answer": str(asked.answer), **data}


def test_a_first_step_is_a_preview_with_a_question_and_stores_nothing(article):
    outcome = submit(article, {"body": "Maji yamerudi."}, first_step=True)
    assert isinstance(outcome, submission.Preview)
    assert outcome.first_step
    assert outcome.comment is not None
    assert outcome.comment.body == "Maji yamerudi."
    assert outcome.question is not None
    assert not outcome.question.solved
    assert Comment.objects.count() == 0


def test_a_right_answer_posts_and_consumes_the_question(article):
    data = answered(article, body="The water is back in Lanet.")
    outcome = submit(article, data)
    assert isinstance(outcome, submission.Posted)
    assert outcome.comment.status == Comment.Status.PUBLISHED
    assert question(data["captcha_id"], article.thread) is None
    # The same form sent again: the comment it posted, not a second one.
    again = submit(article, data)
    assert isinstance(again, submission.SentBefore)
    assert again.comment == outcome.comment
    assert Comment.objects.count() == 1


def test_a_wrong_answer_asks_a_new_question_and_stores_nothing(article):
    data = answered(article, body="Asante.")
    data["captcha_answer"] = str(int(data["captcha_answer"]) + 1)
    outcome = submit(article, data)
    assert isinstance(outcome, submission.WrongAnswer)
    assert outcome.form.has_error("captcha_answer")
    assert outcome.question is not None
    assert outcome.question.id != data["captcha_id"]
    assert Comment.objects.count() == 0


def test_fields_that_cannot_be_posted_are_refused_with_their_errors(article):
    outcome = submit(article, answered(article, body="   "))
    assert isinstance(outcome, submission.Refused)
    assert outcome.form.has_error("body")
    assert Comment.objects.count() == 0


def test_a_comment_waiting_for_a_moderator_is_queued(article):
    row = CommentSettings.load()
    row.premoderation = Premoderation.EVERYONE
    row.save()
    outcome = submit(article, answered(article, body="Please fix the pipes."))
    assert isinstance(outcome, submission.Queued)
    assert outcome.comment.reasons


def test_the_thread_limit_answers_rate_limited(article):
    SpamSettings.objects.create(thread_per_hour=1, thread_burst=1)
    assert isinstance(submit(article, answered(article, body="First.")), submission.Posted)
    second = answered(article, body="Second.", idempotency_key="form-key-0000000002")
    outcome = submit(article, second)
    assert isinstance(outcome, submission.RateLimited)
    assert outcome.wait > 0


@pytest.mark.parametrize(
    ("body", "asked"),
    [
        ("Affordable plots with title deeds, visit www.plots.example today", True),
        ("The water is back in Lanet, asante.", False),
    ],
)
def test_when_suspicious_only_what_would_be_held_is_asked_and_screened_once(
    article, monkeypatch, body, asked
):
    SpamSettings.objects.create(captcha=SpamSettings.Captcha.SUSPICIOUS)
    screened = []
    real = screening.screen

    def counted(**fields):
        screened.append(fields)
        return real(**fields)

    monkeypatch.setattr(screening, "screen", counted)
    outcome = submit(article, {"body": body})
    if asked:
        assert isinstance(outcome, submission.AskQuestion)
        assert outcome.question is not None
        assert Comment.objects.count() == 0
    else:
        assert isinstance(outcome, submission.Posted)
    assert len(screened) == 1


def test_the_core_is_what_the_service_would_say(article):
    """The form's door and the service agree: a reply to a comment that is gone is refused."""
    held = services.comment_post(
        thread=article.thread, body="Held.", question_id=None, status=Comment.Status.PENDING
    )
    outcome = submit(article, answered(article, body="A reply.", parent=str(held.pk)))
    assert isinstance(outcome, submission.Refused)
    assert str(services.REPLY_TARGET_GONE) in outcome.form.non_field_errors()
