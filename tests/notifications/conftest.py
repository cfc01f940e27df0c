"""Helpers for the mail tests: a clock to move, moderators, and mail sorted by recipient."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import LazySettings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from maoni.articles.models import Article
from maoni.comments.confirmations import address_confirm, confirmation_token
from maoni.comments.models import Comment, CommentSettings, Premoderation
from maoni.comments.services import comment_post
from maoni.moderation.roles import EDITORS, MODERATORS

BASE_URL = "https://news.example.org"
START = datetime.fromisoformat("2024-03-10T09:00:00+03:00")

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture(autouse=True)
def _mail_settings(settings: LazySettings) -> None:
    settings.MAONI_BASE_URL = BASE_URL
    settings.MAONI_DIGEST_MINUTES = 15
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Clock:
    """The time ``timezone.now()`` tells, moved on by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock(START)
    monkeypatch.setattr("django.utils.timezone.now", clock)
    return clock


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Capture) -> Callable[[], Any]:
    """A context that runs what was queued for after the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def kisumu(make_article: Callable[..., Article]) -> Article:
    return make_article(
        title="Kisumu lakefront park reopens after two years of repairs", slug="kisumu-lakefront"
    )


def post(article: Article, **fields: Any) -> Comment:
    """Posts a comment the way the form does, with no question asked."""
    values: dict[str, Any] = {
        "thread": article.thread,
        "author_name": "Msomaji",
        "author_email": "msomaji@example.org",
        "body": "A comment.",
        "question_id": None,
    }
    values.update(fields)
    return comment_post(**values)


def confirmed(comment: Comment) -> Comment:
    """``comment``, with its address confirmed as the link mailed for it does (double opt-in)."""
    address_confirm(token=confirmation_token(comment=comment))
    return comment


def hold_everything() -> None:
    site = CommentSettings.load()
    site.premoderation = Premoderation.EVERYONE
    site.save()


def make_staff(
    role: str, *, name: str | None = None, email: str | None = None, active: bool = True
) -> User:
    """A user in the role's group (or a superuser for "administrator"), named after it."""
    name = name or role
    address = f"{name}@newsroom.example.org" if email is None else email
    if role == "administrator":
        return User.objects.create_superuser(name, address, "pw", is_active=active)
    user = User.objects.create_user(
        name, address, "pw", is_staff=role == "editor", is_active=active
    )
    group = {"moderator": MODERATORS, "editor": EDITORS}.get(role)
    if group is not None:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(db: None) -> User:
    return make_staff("moderator")


def sent_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if address in message.to]


class BrokenBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("no mail server in this test")


BROKEN_BACKEND = "tests.notifications.conftest.BrokenBackend"
