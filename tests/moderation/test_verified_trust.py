"""Only a proved address earns trust: the allow list, the first comments held, the question.

A typed address proves nothing, since anyone can type it; a logged-in
account's confirmed address does.
"""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.test import Client

from maoni.comments.confirmations import address_confirm, confirmation_token
from maoni.comments.models import Comment, CommentSettings
from maoni.comments.services import comment_post, comments_moderate
from maoni.moderation.models import BlockEntry, SpamSettings
from tests.conftest import WITH_TOKEN, Reader

FRIEND = "friend@example.org"
# Three links: held by the default spam checks.
LINKY = "See http://a.example http://b.example http://c.example"
ASK = "Answer this question to post your comment."
NOT_PROVED = "e-mail address not proved: comments without a confirmed account are approved first"


def stamp(seconds_ago: float = 60) -> str:
    return signing.dumps(time.time() - seconds_ago, salt="maoni.moderation.form-shown")


@pytest.fixture
def friend(db: None) -> User:
    """A reader's account, confirmed (it could not log in otherwise)."""
    return User.objects.create_user("Rafiki", FRIEND, "pw")


@pytest.fixture
def friend_client(friend: User) -> Client:
    client = Client()
    client.force_login(friend)
    return client


@pytest.fixture
def friend_reader(friend: User, article) -> Reader:
    """The account's owner at the comment form, answering the question asked of readers."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(friend)
    return Reader(client, article)


def allow_friend() -> None:
    BlockEntry.objects.create(kind=BlockEntry.Kind.ALLOW_EMAIL, value=FRIEND)


def send(client: Client, article, **data: str):
    """The form sent straight, as under the "when suspicious" policy (no question up front)."""
    return client.post(
        f"/news/{article.slug}/comment/",
        {"op": "save", "form_stamp": stamp(), **WITH_TOKEN, **data},
    )


def hold_first(count: int) -> None:
    row = CommentSettings.load()
    row.first_comments_held = count
    row.save()


def published(article, **fields) -> Comment:
    """A comment already published (as an import stores it)."""
    values = {
        "thread": article.thread,
        "author_name": "Mgeni",
        "author_email": FRIEND,
        "body": "An earlier comment.",
        "question_id": None,
        "status": Comment.Status.PUBLISHED,
    }
    values.update(fields)
    return comment_post(**values)


# The allow list.


def test_a_typed_allow_listed_address_is_screened_like_anyone(reader: Reader):
    allow_friend()
    response = reader.post(name="Rafiki", mail=FRIEND, body=LINKY)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "3 links" in comment.reasons


def test_a_confirmed_account_on_the_allow_list_skips_the_checks(friend_reader: Reader):
    allow_friend()
    response = friend_reader.post(body=LINKY)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.reasons == []


def test_a_confirmed_account_not_on_the_allow_list_is_checked(friend_reader: Reader):
    assert friend_reader.post(body=LINKY).status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_an_account_awaiting_confirmation_is_not_allow_listed(article):
    allow_friend()
    waiting = User.objects.create_user("Rafiki", FRIEND, "pw", is_active=False)
    comment = comment_post(thread=article.thread, user=waiting, body=LINKY, question_id=None)
    assert comment.status == Comment.Status.PENDING
    assert comment.reasons == ["3 links"]


def test_when_suspicious_a_typed_allow_listed_address_is_asked_the_question(client, article):
    SpamSettings.objects.create(captcha=SpamSettings.Captcha.SUSPICIOUS)
    allow_friend()
    response = send(client, article, name="Rafiki", mail=FRIEND, body=LINKY)
    assert response.status_code == 400
    assert ASK in response.content.decode()
    assert Comment.objects.count() == 0


def test_when_suspicious_a_confirmed_allow_listed_account_is_not_asked(article, friend_client):
    SpamSettings.objects.create(captcha=SpamSettings.Captcha.SUSPICIOUS)
    allow_friend()
    response = send(friend_client, article, body=LINKY)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PUBLISHED


# Holding the first comments of a new commenter.


def test_typing_an_established_address_earns_no_credit(reader: Reader, friend):
    hold_first(2)
    for _ in range(2):
        published(reader.article, user=friend)
        published(reader.article)
    response = reader.post(name="Mgeni", mail=FRIEND, body="Ni mimi, kweli.")
    assert response.status_code == 302
    comment = Comment.objects.get(user=None, status=Comment.Status.PENDING)
    assert comment.reasons == [NOT_PROVED]


def test_a_confirmed_account_earns_trust_after_its_first_comments(friend_reader: Reader):
    hold_first(2)
    for number in range(2):
        assert friend_reader.post(body=f"Comment number {number}.").status_code == 302
        held = Comment.objects.get(status=Comment.Status.PENDING)
        assert held.reasons == [f"new account: {number} of its first 2 comments approved"]
        comments_moderate(comment_ids=[held.pk], action="publish", actor=None)
    assert friend_reader.post(body="Now I am known here.").status_code == 302
    assert Comment.objects.latest("pk").status == Comment.Status.PUBLISHED


def test_comments_that_only_carry_the_accounts_address_do_not_count(friend_reader: Reader):
    hold_first(1)
    published(friend_reader.article)
    published(friend_reader.article, author_name="Someone else")
    assert friend_reader.post(body="My first comment with my account.").status_code == 302
    latest = Comment.objects.latest("pk")
    assert latest.status == Comment.Status.PENDING
    assert latest.reasons == ["new account: 0 of its first 1 comments approved"]


def test_the_comment_whose_own_link_proved_the_address_counts_for_the_account(
    friend_reader: Reader,
):
    hold_first(1)
    own = comment_post(
        thread=friend_reader.article.thread,
        author_name="Mgeni",
        author_email=FRIEND,
        body="Before I registered.",
        notify_replies=True,
        question_id=None,
    )
    assert own.reasons == [NOT_PROVED]
    address_confirm(token=confirmation_token(comment=own))
    comments_moderate(comment_ids=[own.pk], action="publish", actor=None)
    assert friend_reader.post(body="Registered since.").status_code == 302
    assert Comment.objects.latest("pk").status == Comment.Status.PUBLISHED
