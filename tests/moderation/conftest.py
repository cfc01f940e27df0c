from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.moderation.roles import EDITORS, MODERATORS

ROLES = ["anonymous", "reader", "moderator", "editor", "administrator"]


@pytest.fixture
def make_user(db: None) -> Callable[[str], User | None]:
    def make(role: str) -> User | None:
        if role == "anonymous":
            return None
        if role == "administrator":
            return User.objects.create_superuser("admin", "admin@example.org", "pw")
        user = User.objects.create_user(
            role, f"{role}@example.org", "pw", is_staff=role == "editor"
        )
        if role in {"moderator", "editor"}:
            user.groups.add(Group.objects.get(name=MODERATORS if role == "moderator" else EDITORS))
        return user

    return make


@pytest.fixture
def client_as(make_user: Callable[[str], User | None]) -> Callable[[str], Client]:
    def login(role: str) -> Client:
        client = Client()
        user = make_user(role)
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def moderator(make_user: Callable[[str], User | None]) -> User:
    user = make_user("moderator")
    assert user is not None
    return user


@pytest.fixture
def mod_client(moderator: User) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def make_comment(article: Article) -> Callable[..., Comment]:
    def make(**fields: Any) -> Comment:
        values: dict[str, Any] = {
            "thread": article.thread,
            "author_name": "Msomaji",
            "author_email": "reader@example.org",
            "body": "A comment.",
            "question_id": None,
            "client_key": "c" * 32,
        }
        values.update(fields)
        comment = comment_post(**values)
        return comment

    return make
