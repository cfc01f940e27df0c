"""With Redis, the tries of CAPTCHA questions are kept there, shared by every app server
(make test-postgres)."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
import redis
from django.conf import LazySettings
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments import posting, question_stores, questions, services
from maoni.comments.models import Comment, TriedQuestion
from maoni.redis_connections import redis_client
from tests.conftest import Reader, captcha_id_in, solve
from tests.questions import expired, question

pytestmark = pytest.mark.postgres_only

AWAY = "redis://127.0.0.1:1/0"  # nothing listens there: Redis cannot be reached


@pytest.fixture
def store(settings: LazySettings) -> redis.Redis:
    if not settings.MAONI_REDIS_URL:
        pytest.skip("REDIS_URL is not set")
    return redis_client(settings.MAONI_REDIS_URL)


def key(challenge: questions.Question) -> str:
    return question_stores.key(challenge.digest)


def tried(store: redis.Redis, challenge: questions.Question) -> dict[str, object] | None:
    stored = store.get(key(challenge))
    return None if stored is None else dict(json.loads(stored))


def in_redis(reader: Reader, challenge_id: str) -> bool:
    return not questions.consumed_in_transaction(challenge_id, thread_key=reader.article.thread.key)


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


def test_asking_writes_nothing_and_a_try_is_one_key_that_expires(article, store, settings):
    challenge = questions.issue(article.thread.key)
    assert challenge.in_redis
    assert not store.exists(key(challenge))
    found = question(challenge.id, article.thread)
    assert found is not None
    assert (found.prompt, found.solved) == (challenge.prompt, False)
    wrong = str(challenge.answer % 20 + 1)
    assert questions.answer(found, wrong) is questions.Answer.WRONG
    assert tried(store, challenge) == {"state": "burned"}
    lifetime = settings.MAONI_CAPTCHA_LIFETIME_SECONDS
    assert lifetime - 5 <= store.ttl(key(challenge)) <= lifetime
    assert not TriedQuestion.objects.exists()
    # One try: the right answer now finds it gone.
    assert question(challenge.id, article.thread) is None
    right = str(challenge.answer)
    assert questions.answer(find(article, challenge), right) is questions.Answer.GONE


def find(article: Article, challenge: questions.Question) -> questions.Question | None:
    return questions.find(challenge.id, thread_key=article.thread.key)


@pytest.mark.parametrize("solved_first", [False, True])
def test_a_question_lets_one_comment_through_whichever_server_asks(article, store, solved_first):
    challenge = questions.issue(article.thread.key)
    if solved_first:
        assert questions.keep_solved(challenge) is not None
    # Eight app servers consume it at once, each for a form of its own.
    barrier = threading.Barrier(8)
    consumed: list[bool] = []

    def consume(number: int) -> None:
        barrier.wait()
        consumed.append(
            questions.consume(
                question_id=challenge.id,
                thread_key=article.thread.key,
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
    challenge = questions.issue(article.thread.key)
    post(article, challenge, idempotency_key="first-form-key-0001")
    with pytest.raises(services.CommentRejected) as refused:
        post(article, challenge, idempotency_key="other-form-key-0002")
    assert refused.value.message == posting.CAPTCHA_USED
    assert refused.value.field == "captcha"
    with pytest.raises(services.CommentRejected):
        post(article, challenge)
    assert Comment.objects.count() == 1
    assert question(challenge.id, article.thread) is None
    assert (tried(store, challenge) or {})["state"] == "used"


def test_a_form_whose_comment_was_lost_passes_again_and_no_other(article, store, monkeypatch):
    challenge = questions.issue(article.thread.key)
    with monkeypatch.context() as failing:
        failing.setattr(posting, "render_plain", broken)
        with pytest.raises(RuntimeError):
            post(article, challenge, idempotency_key="lost-form-key-0001")
    # Consumed in Redis, which the rolled-back transaction could not undo.
    assert question(challenge.id, article.thread) is None
    used = tried(store, challenge)
    assert used is not None
    assert (used["state"], used["by"]) == ("used", "lost-form-key-0001")
    kept_until = used["kept_until"]
    assert isinstance(kept_until, int)
    now = timezone.now().timestamp()
    assert now < kept_until <= now + question_stores.CONSUMED_KEPT_SECONDS + 1
    with pytest.raises(services.CommentRejected) as refused:
        post(article, challenge, idempotency_key="other-form-key-0002")
    assert refused.value.message == posting.CAPTCHA_USED
    comment = post(article, challenge, idempotency_key="lost-form-key-0001")
    assert list(Comment.objects.all()) == [comment]
    # Sent once more, it is the comment stored, not a second one.
    with pytest.raises(services.Duplicate) as duplicate:
        post(article, challenge, idempotency_key="lost-form-key-0001")
    assert duplicate.value.comment == comment


def test_the_mark_of_the_form_that_used_a_question_runs_out(article, store, monkeypatch):
    challenge = questions.issue(article.thread.key)
    with monkeypatch.context() as failing:
        failing.setattr(posting, "render_plain", broken)
        with pytest.raises(RuntimeError):
            post(article, challenge, idempotency_key="lost-form-key-0001")
    later = timezone.now() + timedelta(seconds=question_stores.CONSUMED_KEPT_SECONDS + 1)
    again = questions.consume(
        question_id=challenge.id,
        thread_key=article.thread.key,
        typed=str(challenge.answer),
        idempotency_key="lost-form-key-0001",
        now=later,
    )
    assert not again
    # Used for good: the key lives as long as the question could.
    assert store.ttl(key(challenge)) > question_stores.CONSUMED_KEPT_SECONDS


def test_the_form_sent_again_after_a_failed_send_posts(reader: Reader, store, monkeypatch):
    html = reader.open()
    challenge_id, answer = solve(html)
    assert in_redis(reader, challenge_id)
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
    challenge = question(challenge_id, reader.article.thread)
    assert challenge is not None
    preview = reader.post(html, body="Draft", op="preview").content.decode()
    assert captcha_id_in(preview) == challenge_id
    assert "<legend>CAPTCHA</legend>" not in preview
    assert tried(store, challenge) == {"state": "solved"}
    assert store.ttl(key(challenge)) > 0  # expires as the question would
    saved = reader.post(preview, body="Draft, edited")
    assert saved.status_code == 302
    assert Comment.objects.get().body == "Draft, edited"
    assert (tried(store, challenge) or {})["state"] == "used"


def test_an_expired_question_is_gone(article, store):
    challenge = expired(article.thread)
    assert challenge.in_redis
    assert question(challenge.id, article.thread) is None
    with pytest.raises(services.CommentRejected):
        post(article, challenge)
    assert not store.exists(key(challenge))


def test_while_redis_is_away_questions_are_tried_in_the_database(reader: Reader, store, settings):
    settings.MAONI_REDIS_URL = AWAY
    html = reader.open()
    challenge_id = captcha_id_in(html)
    assert not in_redis(reader, challenge_id)
    assert not TriedQuestion.objects.exists()  # asked: nothing written
    assert reader.post(html, body="Posted while Redis was away.").status_code == 302
    assert TriedQuestion.objects.get().state == TriedQuestion.State.USED


def test_a_question_bound_to_redis_is_gone_while_it_is_away(reader: Reader, store, settings):
    url = settings.MAONI_REDIS_URL
    html = reader.open()
    challenge_id = captcha_id_in(html)
    assert in_redis(reader, challenge_id)
    settings.MAONI_REDIS_URL = AWAY
    response = reader.post(html, name="Kiprono", body="Typed before the outage.")
    # Never a 500: the question is gone, what was typed is kept, a new one is asked.
    assert response.status_code == 400
    page = response.content.decode()
    assert "The CAPTCHA question has expired. Answer the new question." in page
    assert ">Typed before the outage.</textarea>" in page
    assert 'value="Kiprono"' in page
    new_id = captcha_id_in(page)
    assert not in_redis(reader, new_id)
    assert reader.post(page, name="Kiprono", body="Typed before the outage.").status_code == 302
    # Once Redis is back, the old question is there again: it was never used.
    settings.MAONI_REDIS_URL = url
    assert question(challenge_id, reader.article.thread) is not None


def test_a_question_used_in_redis_is_not_used_again_in_the_database(article, store, settings):
    challenge = questions.issue(article.thread.key)
    post(article, challenge)
    settings.MAONI_REDIS_URL = AWAY
    with pytest.raises(services.CommentRejected):
        post(article, challenge)
    settings.MAONI_REDIS_URL = ""
    with pytest.raises(services.CommentRejected):
        post(article, challenge)
    assert Comment.objects.count() == 1
    assert not TriedQuestion.objects.exists()


def test_a_question_asked_while_redis_was_away_is_good_once_it_is_back(
    reader: Reader, store, settings
):
    url = settings.MAONI_REDIS_URL
    settings.MAONI_REDIS_URL = AWAY
    html = reader.open()
    settings.MAONI_REDIS_URL = url
    assert not in_redis(reader, captcha_id_in(html))
    assert reader.post(html, body="Asked during the outage.").status_code == 302
    assert TriedQuestion.objects.get().state == TriedQuestion.State.USED
    assert not list(store.scan_iter("maoni:captcha:*"))
    # New questions are tried in Redis again.
    assert questions.issue(reader.article.thread.key).in_redis
