"""The demo content that `make run` loads on a fresh machine."""

from __future__ import annotations

import re
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client

from maoni.articles.management.commands.load_demo import COMMENTS, DEMO_SLUG, HELD
from maoni.articles.models import Article
from maoni.comments.models import Comment
from tests.conftest import open_page


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_loads_once_and_prints_the_password_once(db):
    first = load()
    match = re.search(r"Editor account: editor / (\S+)", first)
    assert match is not None, first
    editor = authenticate(username="editor", password=match.group(1))
    assert editor is not None
    assert editor.is_staff
    assert editor.has_perm("articles.change_article")

    second = load()
    assert "already loaded" in second
    assert match.group(1) not in second
    assert Article.objects.filter(slug=DEMO_SLUG).count() == 1
    assert Comment.objects.public().count() == len(COMMENTS)
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == len(HELD)


def test_demo_article_reads_like_the_seed_page(db):
    load()
    article = Article.objects.get(slug=DEMO_SLUG)
    assert len(article.paragraphs) == 7
    html = open_page(Client(), article.get_absolute_url())
    assert html.count('class="comment"') == len(COMMENTS) >= 11
    assert "Anonymous</span> (not verified)" in html
    assert html.count(">Otieno</span> (not verified)") == 2
    assert ">Chama cha Wavu…</span>" in html
    assert "Sun, 03/10/2024 @ 12:00pm" in html
    assert "Thu, 03/14/2024 @ 06:35pm" in html
    assert "<legend>CAPTCHA</legend>" in html


def test_demo_editor_can_edit_in_the_admin(db):
    password = re.search(r"editor / (\S+)", load()).group(1)  # type: ignore[union-attr]
    client = Client()
    assert client.login(username="editor", password=password)
    assert client.get("/admin/articles/article/").status_code == 200
    assert client.get("/admin/articles/article/add/").status_code == 200
