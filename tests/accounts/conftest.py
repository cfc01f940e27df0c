"""Helpers for the account tests: registering, reading mailed links, making readers."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from django.conf import LazySettings
from django.contrib.auth.models import User
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

BASE_URL = "https://news.example.org"
PASSWORD = "kahawa-chungu-saa-nne"
LINK = re.compile(r"https://news\.example\.org(/\S+)")

# What a reader types on the registration form.
TYPED = {
    "name": "Amina Otieno",
    "email": "amina@example.org",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
}


@pytest.fixture(autouse=True)
def _account_settings(settings: LazySettings) -> None:
    settings.MAONI_BASE_URL = BASE_URL
    # The real hasher is slow on purpose; these tests hash many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def page(response: HttpResponse) -> str:
    """The text of a page, with entities such as &#x27; turned back into characters."""
    return html.unescape(response.content.decode())


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one site link in a mail, checked to start at MAONI_BASE_URL."""
    links = LINK.findall(str(message.body))
    assert len(links) == 1, message.body
    return str(links[0])


Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture
def register(
    client: Client, db: None, django_capture_on_commit_callbacks: Capture
) -> Callable[..., Any]:
    """Posts the registration form; mail queued for after the commit is sent."""

    def post(**fields: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/register/", {**TYPED, **fields})

    return post


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Capture) -> Callable[[], Any]:
    """A context that sends what was queued for after the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def make_user(
    name: str = "Amina Otieno",
    email: str = "amina@example.org",
    *,
    password: str = PASSWORD,
    confirmed: bool = True,
    joined_days_ago: float = 0,
) -> User:
    user = User.objects.create_user(
        username=name, email=email, password=password, is_active=confirmed
    )
    if joined_days_ago:
        user.date_joined = timezone.now() - timedelta(days=joined_days_ago)
        user.save(update_fields=["date_joined"])
    return user


@pytest.fixture
def reader_account(db: None) -> User:
    return make_user()


@pytest.fixture
def unconfirmed(db: None) -> User:
    return make_user(confirmed=False)


def log_in(client: Client, username: str, password: str = PASSWORD, **extra: str) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password, **extra})
