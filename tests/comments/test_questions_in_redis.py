"""With Redis, CAPTCHA questions live there, shared by every app server (make test-postgres)."""

from __future__ import annotations

import json
import threading
import time

import pytest
import redis
from django.conf import LazySettings
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments import posting, question_stores, questions, services
from maoni.comments.models import Comment, QuestionRow
from maoni.redis_connections import redis_client
from tests.conftest import Reader, captcha_id_in, solve
from tests.questions import question

pytestmark = pytest.mark.postgres_only

AWAY = "redis://127.0.0.1:1/0"  # nothing listens there: Redis cannot be reached


@pytest.fixture
def store(settings: LazySettings) -> redis.Redis:
    if not settings.MAONI_REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    return redis_client(settings.MAONI_REDIS_URL)


def key(challenge: questions.Question) -> str:
    return f"maoni:captcha:{challenge.id}"


def broken(*args: object, **kwargs: object) -> str:
    raise RuntimeError("the server stopped before the commit")


def post(
    article: Article, challenge: questions.Question, idempotency_key: str | None = None
) -> Comment:
    return services.comment_post(
        thread=article.thread,
        body="Habari njema.",
        question_id=challenge.id,
        question_typed=str(challenge.answer),
        idempotency_key=idempotency_key,
    )


def test_a_question_is_one_redis_key_that_expires_with_it(db, store, settings):
    challenge = questions.issue()
    assert not questions.consumed_in_transaction(challenge.id)
    assert len(challenge.id) == 33
    assert not QuestionRow.objects.exists()
    stored = json.loads(store.get(key(challenge)))
    assert stored == {
        "first": challenge.first,
        "second": challenge.second,
        "answer": challenge.answer,
        "solved": False,
    }
    lifetime = settings.MAONI_CAPTCHA_LIFETIME_SECONDS
    assert lifetime - 5 <= store.ttl(key(challenge)) <= lifetime
    found = question(challenge.id)
    assert found is not None
    assert (found.prompt, found.solved) == (challenge.prompt, False)


def test_a_question_lets_one_comment_through_whichever_server_asks(db, store):
    challenge = questions.issue()
    # Eight app servers consume it at once, each for a form of its own.
    barrier = threading.Barrier(8)
    consumed: list[bool] = []

    def consume(number: int) -> None:
        barrier.wait()
        consumed.append(
            questions.consume(
                question_id=challenge.id,
                typed=str(challenge.answer),
                idempotency_key=f"form-number-{number:08d}",
                now=timezone.now(),
            )
        )

    threads = [threading.Thread(target=consume, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(consumed) == [False] * 7 + [True]


def test_a_question_posts_once_then_is_used(article, store):
    challenge = questions.issue()
    post(article, challenge, idempotency_key="first-form-key-0001")
    with pytest.raises(services.CommentRejected) as refused:
        post(article, challenge, idempotency_key="other-form-key-0002")
    assert refused.value.message == posting.CAPTCHA_USED
    assert refused.value.field == "captcha"
    with pytest.raises(services.CommentRejected):
        post(article, challenge)
    assert Comment.objects.count() == 1
    assert question(challenge.id) is None


def test_a_form_whose_comment_was_lost_passes_again_and_no_other(article, store, monkeypatch):
    challenge = questions.issue()
    with monkeypatch.context() as failing:
        failing.setattr(posting, "render_plain", broken)
        with pytest.raises(RuntimeError):
            post(article, challenge, idempotency_key="lost-form-key-0001")
    # Consumed in Redis, which the rolled-back transaction could not undo.
    assert question(challenge.id) is None
    stored = json.loads(store.get(key(challenge)))
    assert stored["consumed_by"] == "lost-form-key-0001"
    assert 0 < store.ttl(key(challenge)) <= question_stores.CONSUMED_KEPT_SECONDS
    with pytest.raises(services.CommentRejected) as refused:
        post(article, challenge, idempotency_key="other-form-key-0002")
    assert refused.value.message == posting.CAPTCHA_USED
    comment = post(article, challenge, idempotency_key="lost-form-key-0001")
    assert list(Comment.objects.all()) == [comment]
    # Sent once more, it is the comment stored, not a second one.
    with pytest.raises(services.Duplicate) as duplicate:
        post(article, challenge, idempotency_key="lost-form-key-0001")
    assert duplicate.value.comment == comment


def test_the_form_sent_again_after_a_failed_send_posts(reader: Reader, store, monkeypatch):
    html = reader.open()
    challenge_id, answer = solve(html)
    assert not questions.consumed_in_transaction(challenge_id)
    form = {
        "name": "Nyokabi",
        "body": "Sent on a bad line.",
        "captcha_id": challenge_id,
        "captcha_answer": answer,
        "idempotency_key": "sent-twice-key-0001",
        "op": "save",
        "csrfmiddlewaretoken": reader.csrf(),
    }
    with monkeypatch.context() as failing:
        failing.setattr(posting, "render_plain", broken)
        with pytest.raises(RuntimeError):
            reader.client.post(reader.post_url, form)
    other = reader.client.post(
        reader.post_url, {**form, "idempotency_key": "another-form-0002", "body": "Me too."}
    )
    assert other.status_code == 400
    page = other.content.decode()
    assert "Answer the new question." in page
    assert ">Me too.</textarea>" in page
    again = reader.client.post(reader.post_url, form)
    assert again.status_code == 302
    assert list(Comment.objects.values_list("body", flat=True)) == ["Sent on a bad line."]


def test_preview_then_save_keeps_the_solved_question_in_redis(reader: Reader, store):
    html = reader.open()
    challenge_id = captcha_id_in(html)
    preview = reader.post(html, body="Draft", op="preview").content.decode()
    assert captcha_id_in(preview) == challenge_id
    assert "<legend>CAPTCHA</legend>" not in preview
    stored = json.loads(store.get(f"maoni:captcha:{challenge_id}"))
    assert stored["solved"] is True
    assert store.ttl(f"maoni:captcha:{challenge_id}") > 0  # expires as it would have
    saved = reader.post(preview, body="Draft, edited")
    assert saved.status_code == 302
    assert Comment.objects.get().body == "Draft, edited"
    assert not store.exists(f"maoni:captcha:{challenge_id}")


def test_a_wrong_answer_burns_the_question(db, store):
    challenge = questions.issue()
    wrong = str(challenge.answer % 20 + 1)
    assert questions.answer(questions.find(challenge.id), wrong) is questions.Answer.WRONG
    assert not store.exists(key(challenge))
    right = str(challenge.answer)
    assert questions.answer(questions.find(challenge.id), right) is questions.Answer.GONE


def test_a_question_is_gone_once_its_lifetime_is_over(article, store, settings):
    settings.MAONI_CAPTCHA_LIFETIME_SECONDS = 1
    challenge = questions.issue()
    assert question(challenge.id) is not None
    time.sleep(1.2)
    assert question(challenge.id) is None
    with pytest.raises(services.CommentRejected):
        post(article, challenge)


def test_while_redis_is_away_questions_are_database_rows(reader: Reader, store, settings):
    settings.MAONI_REDIS_URL = AWAY
    html = reader.open()
    challenge_id = captcha_id_in(html)
    assert questions.consumed_in_transaction(challenge_id)
    assert QuestionRow.objects.filter(pk=challenge_id).exists()
    assert reader.post(html, body="Posted while Redis was away.").status_code == 302
    assert not QuestionRow.objects.exists()


def test_a_question_kept_in_redis_is_gone_while_it_is_away(reader: Reader, store, settings):
    url = settings.MAONI_REDIS_URL
    html = reader.open()
    challenge_id = captcha_id_in(html)
    assert not questions.consumed_in_transaction(challenge_id)
    settings.MAONI_REDIS_URL = AWAY
    response = reader.post(html, name="Kiprono", body="Typed before the outage.")
    # Never a 500: the question is gone, what was typed is kept, a new one is asked.
    assert response.status_code == 400
    page = response.content.decode()
    assert "The CAPTCHA question has expired. Answer the new question." in page
    assert ">Typed before the outage.</textarea>" in page
    assert 'value="Kiprono"' in page
    new_id = captcha_id_in(page)
    assert questions.consumed_in_transaction(new_id)
    assert reader.post(page, name="Kiprono", body="Typed before the outage.").status_code == 302
    # Once Redis is back, the old question is there again: it was never used.
    settings.MAONI_REDIS_URL = url
    assert question(challenge_id) is not None


def test_a_question_asked_while_redis_was_away_is_good_once_it_is_back(
    reader: Reader, store, settings
):
    url = settings.MAONI_REDIS_URL
    settings.MAONI_REDIS_URL = AWAY
    html = reader.open()
    settings.MAONI_REDIS_URL = url
    assert questions.consumed_in_transaction(captcha_id_in(html))
    assert reader.post(html, body="Asked during the outage.").status_code == 302
    assert not QuestionRow.objects.exists()
    # New questions are kept in Redis again.
    assert not questions.consumed_in_transaction(questions.issue().id)
