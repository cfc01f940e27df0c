"""A reader gets their data and erases it from the mailed link, in a real browser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from maoni.comments.models import Comment
from maoni.comments.services import comment_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_erases_their_comments_from_the_mailed_link(browser, live_server, make_article):
    article = make_article(title="Nakuru water")
    comment_post(
        thread=article.thread, body="Taps are dry in Lanet.", author_name="Chebet",
        author_email="chebet@example.org", question_id=None,
    )  # fmt: skip
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        page.get_by_role("link", name="What is kept about you, and for how long").click()
        page.get_by_role("link", name="Your data").click()
        page.get_by_label("Your e-mail address").fill("chebet@example.org")
        page.get_by_role("button", name="Mail me the link").click()
        expect(page.get_by_text("a link to it is on its way there")).to_be_visible()
        (message,) = mail.outbox
        link = re.search(r"https?://\S+/your-data/\S+/", str(message.body))
        assert link is not None
        page.goto(f"{live_server.url}{urlsplit(link.group(0)).path}")
        expect(page.get_by_text("Taps are dry in Lanet.")).to_be_visible()
        page.get_by_label('Keep my comments, but as "Anonymous", and forget my address').check()
        page.get_by_role("button", name="Erase").click()
        expect(page.get_by_text("now shown as Anonymous")).to_be_visible()
        comment = Comment.objects.get()
        assert (comment.author_name, comment.author_email) == ("", "")
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        expect(page.locator("article.comment")).to_contain_text("Anonymous")
        expect(page.locator("article.comment")).not_to_contain_text("Chebet")
    finally:
        context.close()
