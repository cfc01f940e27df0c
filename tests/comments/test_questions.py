"""CAPTCHA questions cost nothing to ask: signed tokens, bound to a thread, written once tried.

These run on both engines: with REDIS_URL, tries are recorded in Redis.
"""

from __future__ import annotations

import base64
import json
import secrets

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments import questions, services
from maoni.comments.models import Comment
from maoni.moderation.models import SpamSettings
from tests.conftest import Reader, captcha_id_in, solve
from tests.questions import expired, question, questions_kept

WRITES = ("INSERT", "UPDATE", "DELETE")


def find(article: Article, question_id: str, **kwargs: str) -> questions.Question | None:
    return questions.find(question_id, thread_key=article.thread.key, **kwargs)


def post(article: Article, question_id: str, typed: str, key: str | None = None) -> Comment:
    return services.comment_post(
        thread=article.thread,
        body="Habari.",
        question_id=question_id,
        question_typed=typed,
        idempotency_key=key,
    )


def tampered(token: str) -> list[str]:
    """The token with one character changed in each of its three parts."""
    payload, stamp, signature = token.split(":")

    def flip(text: str, at: int) -> str:
        return text[:at] + ("B" if text[at] == "A" else "A") + text[at + 1 :]

    return [
        f"{flip(payload, 5)}:{stamp}:{signature}",
        f"{payload}:{flip(stamp, 0)}:{signature}",
        f"{payload}:{stamp}:{flip(signature, 10)}",
    ]


def test_a_question_is_a_token_that_carries_only_a_nonce(article):
    challenge = questions.issue(article.thread.key)
    assert len(challenge.id) <= questions.ID_MAX_LENGTH
    payload = challenge.id.split(":")[0]
    carried = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    # The store its tries go to, then 22 random characters: not the numbers.
    assert len(carried) == 23
    assert carried[0] in "rd"
    found = find(article, challenge.id)
    assert found == challenge
    assert found is not None
    assert 1 <= found.answer <= 20


def test_the_numbers_are_drawn_with_the_secret_key(article, settings, monkeypatch):
    nonces = [f"nonce-{number:016d}" for number in range(20)]

    def prompts() -> list[str]:
        drawn = iter(nonces)
        with monkeypatch.context() as fixed:
            fixed.setattr(secrets, "token_urlsafe", lambda size: next(drawn))
            return [questions.issue(article.thread.key).prompt for _ in nonces]

    first = prompts()
    assert prompts() == first  # the same nonce, the same question
    old = questions.issue(article.thread.key)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    # Who knows a token's nonce but not the key cannot work out its numbers...
    assert prompts() != first
    # ...and a token signed with a key since rotated reads as gone, even
    # where Django still accepts the old key for other signatures.
    assert find(article, old.id) is None


def test_a_question_of_another_thread_is_gone_and_left_untried(article, make_article):
    other = make_article(title="Another story")
    challenge = questions.issue(other.thread.key)
    assert find(article, challenge.id) is None
    assert not questions.consume(
        question_id=challenge.id,
        thread_key=article.thread.key,
        typed=str(challenge.answer),
        idempotency_key=None,
        now=timezone.now(),
    )
    assert questions_kept() == 0
    assert question(challenge.id, other.thread) is not None


def test_a_tampered_token_is_gone(article):
    challenge = questions.issue(article.thread.key)
    for token in tampered(challenge.id):
        assert find(article, token) is None
        with pytest.raises(services.CommentRejected):
            post(article, token, str(challenge.answer))
    for malformed in ("", "x" * (questions.ID_MAX_LENGTH + 1), challenge.id + "\n", "a b:c:d"):
        assert find(article, malformed) is None
    assert Comment.objects.count() == 0
    assert questions_kept() == 0


def test_an_expired_token_is_gone(article):
    challenge = expired(article.thread)
    assert find(article, challenge.id) is None
    with pytest.raises(services.CommentRejected):
        post(article, challenge.id, str(challenge.answer))
    assert questions_kept() == 0


def test_a_wrong_answer_burns_the_question(article):
    challenge = questions.issue(article.thread.key)
    wrong = str(challenge.answer % 20 + 1)
    assert questions.answer(find(article, challenge.id), wrong) is questions.Answer.WRONG
    assert questions_kept() == 1
    assert find(article, challenge.id) is None
    with pytest.raises(services.CommentRejected):
        post(article, challenge.id, str(challenge.answer))
    assert questions_kept() == 1


def test_a_solved_question_survives_preview_and_is_used_by_save(article):
    challenge = questions.issue(article.thread.key)
    typed = str(challenge.answer)
    assert questions.answer(find(article, challenge.id), typed) is questions.Answer.SOLVED
    assert questions.answer(find(article, challenge.id), "") is questions.Answer.SOLVED
    solved = find(article, challenge.id)
    assert solved is not None
    assert solved.solved
    comment = post(article, challenge.id, "")
    assert comment.pk is not None
    assert find(article, challenge.id) is None
    assert questions_kept() == 1


def test_replaying_a_used_token_posts_nothing(article):
    challenge = questions.issue(article.thread.key)
    post(article, challenge.id, str(challenge.answer), key="first-form-key-0001")
    for key in ("other-form-key-0002", None):
        with pytest.raises(services.CommentRejected):
            post(article, challenge.id, str(challenge.answer), key=key)
    assert Comment.objects.count() == 1


def test_the_state_json_and_the_page_do_not_give_the_answer_away(reader: Reader):
    html = reader.open()
    challenge_id, answer = solve(html)
    challenge = question(challenge_id, reader.article.thread)
    assert challenge is not None
    assert str(challenge.answer) == answer
    state = reader.client.get("/comments/state/", {"thread": reader.article.thread.key}).json()
    assert set(state["captcha"]) == {"id", "prompt", "html"}
    # The question as a reader sees it; the hidden fields hold the token only.
    hidden = [part for part in html.split("<input")[1:] if 'type="hidden"' in part]
    for field in hidden:
        assert "captcha_answer" not in field
        # Only hidden fields: a sum of 1 would find the reply-notice checkbox's value="1".
        assert f'value="{answer}"' not in field
    assert "answer" not in json.dumps({k: v for k, v in state["captcha"].items() if k != "html"})


def test_the_state_asks_for_the_thread_when_a_question_is_due(client: Client, article, db):
    response = client.get("/comments/state/")
    assert response.status_code == 400
    assert "thread" in response.json()["error"]
    assert client.get("/comments/state/", {"thread": "t" * 201}).status_code == 400
    assert questions_kept() == 0


def test_the_state_needs_no_thread_when_no_question_is_due(client, django_user_model, db):
    client.force_login(django_user_model.objects.create_user("desk", is_staff=True))
    response = client.get("/comments/state/")
    assert response.status_code == 200
    assert response.json()["captcha"] is None


def test_a_thousand_questions_asked_write_nothing(client: Client, article):
    SpamSettings.load()  # the settings' one row, written on first use
    before = questions_kept()
    ids = set()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(1000):
            state = client.get("/comments/state/", {"thread": article.thread.key}).json()
            ids.add(state["captcha"]["id"])
    assert len(ids) == 1000
    assert questions_kept() == before == 0
    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    # Each is a good question of this thread.
    assert all(find(article, challenge_id) is not None for challenge_id in list(ids)[:20])


def test_a_thousand_pages_asking_up_front_write_nothing(article, django_user_model):
    reader = Client()
    reader.force_login(django_user_model.objects.create_user("wanjiru"))
    reader.get(article.get_absolute_url())  # the settings' rows, written on first use
    before = questions_kept()
    ids = set()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(1000):
            page = reader.get(article.get_absolute_url()).content.decode()
            ids.add(captcha_id_in(page))
    assert len(ids) == 1000
    assert questions_kept() == before == 0
    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_questions_drawn_from_tokens_keep_the_shape_of_the_sums(article):
    drawn = [questions.issue(article.thread.key) for _ in range(600)]
    assert {challenge.answer for challenge in drawn} == set(range(1, 21))
    for challenge in drawn:
        assert 1 <= challenge.first <= challenge.answer
        assert challenge.second == challenge.answer - challenge.first
        assert challenge.prompt == f"{challenge.first} + {challenge.second} ="
