"""A confirmed reader who logged in comments under their account's name."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from maoni.articles.models import Article
from maoni.comments.models import Comment
from tests.accounts.conftest import PASSWORD, make_user
from tests.conftest import Reader


@pytest.fixture
def logged_in_reader(article: Article) -> Reader:
    """A browser-like client (CSRF checks on) that logged in through the form."""
    make_user("Amina Otieno", "amina@example.org")
    browser = Client(enforce_csrf_checks=True)
    browser.get("/accounts/login/")
    response = browser.post(
        "/accounts/login/",
        {
            "username": "amina@example.org",
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302
    return Reader(browser, article)


def test_the_comment_form_asks_a_logged_in_reader_for_no_name_or_address(logged_in_reader):
    html = logged_in_reader.open()
    form = html[html.index('<form id="comment-form"') :]
    assert 'name="name"' not in form
    assert 'name="mail"' not in form
    assert "Your name: <strong>Amina Otieno</strong>" in form


def test_a_logged_in_readers_comment_is_not_marked_unverified(logged_in_reader):
    response = logged_in_reader.post(body="Habari za jioni.")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.user is not None
    assert comment.user.username == "Amina Otieno"
    assert comment.author_email == "amina@example.org"
    html = logged_in_reader.client.get(response["Location"]).content.decode()
    shown = re.search(rf'<article id="comment-{comment.pk}".*?</article>', html, re.S)
    assert shown is not None
    assert "Amina Otieno</span>" in shown.group(0)
    assert "(not verified)" not in shown.group(0)
